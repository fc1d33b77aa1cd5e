"""`cleaner rules list --json`: one plain record per rule, with its guards and where it was written."""

from __future__ import annotations

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
