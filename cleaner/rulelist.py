"""`cleaner rules list` (a line or, with --json, a plain record per rule with its guards) and `cleaner rules test`."""

from __future__ import annotations

import sys
from collections.abc import Sequence

import orjson

from .examples import check_examples
from .model import Rule


def rule_record(rule: Rule, on: bool) -> dict[str, object]:
    """A rule as a JSON-ready dict: id, category, language, kind, scope, guards set, source, and whether it runs.

    >>> rule_record(Rule("wrapper.en.ad", "wrapper", "en", "An ad label.", max_words=4), True)["guards"]
    {'max_words': 4}
    """
    guards = {
        name: value
        for name, value in (
            ("max_words", rule.max_words),
            ("min_words", rule.min_words),
            ("first_lines", rule.first_lines),
            ("last_lines", rule.last_lines),
            ("domains", list(rule.domains) or None),
            ("unless", list(rule.unless) or None),
        )
        if value is not None
    }
    return {
        "id": rule.id,
        "on": on,
        "category": rule.category,
        "language": rule.language,
        "kind": rule.kind,
        "scope": rule.scope if rule.kind == "pattern" else None,
        "description": rule.description,
        "guards": guards,
        "source": str(rule.source) if rule.source else None,
    }


def print_rules(
    rules: Sequence[Rule], running: set[str], lang: str | None, category: str | None, as_json: bool
) -> None:
    """Print the rules of `lang` and `category` (None: all), one line or JSON object each; 'off' if not running."""
    chosen = [r for r in rules if (not lang or r.language == lang.lower()) and (not category or r.category == category)]
    if as_json:
        for rule in chosen:
            print(orjson.dumps(rule_record(rule, rule.id in running)).decode())
        return
    for rule in chosen:
        scope = rule.scope if rule.kind == "pattern" else rule.kind
        state = "on " if rule.id in running else "off"
        print(f"{state} {rule.id:<50} {rule.category:<17} {rule.language:<4} {scope:<20} {rule.description}")
    print(f"{len(chosen)} rules, {len(running)} on (opt-in rules run with --enable ID)", file=sys.stderr)


def run_examples(rules: Sequence[Rule], only: str | None) -> int:
    """Run every example (of rules whose id starts with `only`); print failures and a count; return the failures."""
    picked = [r for r in rules if r.id.startswith(only)] if only else None
    passed = failed = todo = 0
    for outcome in check_examples(rules, picked):
        where = f"{outcome.example.source}: " if outcome.example.source else ""
        if outcome.failed:
            failed += 1
            reason = "known gap now passes: move it out of todo" if outcome.todo else outcome.message
            print(f"FAIL {where}{outcome.name}: {reason}")
        elif outcome.todo:
            todo += 1
        else:
            passed += 1
    print(f"{passed} passed, {failed} failed, {todo} known gaps (todo)")
    return failed
