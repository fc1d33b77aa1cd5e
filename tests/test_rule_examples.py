"""Every example of every shipped rule, one test each (select with -k, e.g. -k wrapper.en.advertisement)."""

from __future__ import annotations

import pytest

from cleaner import load_rules
from cleaner.examples import ExampleOutcome, check_examples

OUTCOMES = list(check_examples(load_rules()))


@pytest.mark.parametrize("outcome", OUTCOMES, ids=[o.name for o in OUTCOMES])
def test_rule_example_behaves_as_written(outcome: ExampleOutcome) -> None:
    if outcome.todo:
        # A known gap: it must still fail; once it passes, move it out of todo (strict xfail).
        assert not outcome.ok, f"{outcome.name} now passes: move it out of todo_*"
        pytest.xfail(f"known gap: {outcome.message}")
    assert outcome.ok, f"{outcome.example.source}: {outcome.name}: {outcome.message}"


def test_every_rule_has_remove_and_keep_examples() -> None:
    for rule in load_rules():
        kinds = {e.expect for e in rule.examples}
        assert {"remove", "keep"} <= kinds, rule.id


def test_every_language_pack_has_rules_in_each_core_category() -> None:
    rules = load_rules()
    assert {r.category for r in rules} >= {"related_link", "truncated_ending"}
