"""Refuse a run with rules that fail their own examples: the check `cleaner clean` makes on rules given with --rules."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from .engine import Cleaner
from .examples import check_examples
from .io.formats import UsageError
from .load import load_rules


def check_given_rules(cleaner: Cleaner, paths: Sequence[str | Path]) -> None:
    """Raise UsageError listing every failing example of the rules loaded from `paths`.

    The shipped pack is tested before release; a user's file is not. Keep examples are judged by the whole
    selected pack, as in a run.
    """
    if not paths:
        return
    given = {rule.id for rule in load_rules(paths, defaults=False)}
    only = [rule for rule in cleaner.rules if rule.id in given]
    failures = []
    for outcome in check_examples(cleaner.rules, only):
        if outcome.failed:
            where = f"{outcome.example.source}: " if outcome.example.source else ""
            reason = "known gap now passes: move it out of todo" if outcome.todo else outcome.message
            failures.append(f"{where}{outcome.name}: {reason}")
    if failures:
        lines = "\n".join(f"  {line}" for line in failures)
        raise UsageError(
            f"{len(failures)} example(s) of the given rules fail, so the rules were not run:\n{lines}\n"
            "fix the rules (cleaner rules test --rules PATH), or, while writing rules, add --no-check-examples"
        )
