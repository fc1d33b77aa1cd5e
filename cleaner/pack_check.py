"""Refuse a run with rules that fail their own examples: the check `cleaner clean` makes on rules given with --rules."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from .engine import Cleaner
from .examples import check_keep, check_remove
from .io.sources import UsageError
from .load import load_rules


def _unguarded(cleaner: Cleaner) -> Cleaner:
    """The same compiled rules without the removal-share guard, as the example harness judges keep examples.

    Built by sharing the compiled state: a copy through pickling would compile the whole pack again.
    """
    judge = Cleaner.__new__(Cleaner)
    vars(judge).update(vars(cleaner))
    judge.max_removed_share = 1
    return judge


def check_given_rules(cleaner: Cleaner, paths: Sequence[str | Path]) -> None:
    """Raise UsageError listing every failing example of the rules loaded from `paths`.

    The shipped pack is tested before release; a user's file is not. Keep examples are judged by every rule
    the run uses (remove examples by the rule alone), as `cleaner rules test` does.
    """
    if not paths:
        return
    given = {rule.id for rule in load_rules(paths, defaults=False)}
    judge = _unguarded(cleaner)
    failures = []
    for rule in (r for r in cleaner.rules if r.id in given):
        alone = Cleaner.from_rules([rule], max_removed_share=1)
        numbers: dict[str, int] = {}
        for example in rule.examples:
            numbers[example.expect] = number = numbers.get(example.expect, 0) + 1
            removes = example.expect.endswith("remove")
            ok, message = check_remove(rule, example, alone) if removes else check_keep(rule, example, judge)
            todo = example.expect.startswith("todo_")
            if ok == todo:
                where = f"{example.source}: " if example.source else ""
                reason = "known gap now passes: move it out of todo" if todo else message
                failures.append(f"{where}{rule.id}/{example.expect}-{number}: {reason}")
    if failures:
        lines = "\n".join(f"  {line}" for line in failures)
        raise UsageError(
            f"{len(failures)} example(s) of the given rules fail, so the rules were not run:\n{lines}\n"
            "fix the rules (cleaner rules test --rules PATH), or, while writing rules, add --no-check-examples"
        )
