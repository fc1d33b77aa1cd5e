"""Each bad rule file is refused with an error naming the file, the line, the column and the rule."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleaner import Cleaner, RuleError, load_rules
from cleaner.examples import check_examples

from .conftest import FIXTURES

BAD = sorted((FIXTURES / "bad_rules").glob("*.yaml"))


def expectation(path: Path) -> str:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# expect: "), f"{path.name} needs a '# expect: ...' first line"
    return first.removeprefix("# expect: ")


def problems_of(path: Path) -> list[str]:
    try:
        rules = load_rules([path], defaults=False)
    except RuleError as error:
        return [p.one_line() for p in error.problems]
    return [f"{o.example.source}: {o.name}: {o.message}" for o in check_examples(rules) if o.failed]


@pytest.mark.parametrize("path", BAD, ids=[p.stem for p in BAD])
def test_bad_rule_file_error_names_file_line_and_rule(path: Path) -> None:
    expected = str(path.parent / expectation(path))
    problems = problems_of(path)
    assert any(p.startswith(expected) for p in problems), f"expected {expected!r}, got {problems}"


def test_load_collects_every_problem_of_every_file_before_raising() -> None:
    with pytest.raises(RuleError) as caught:
        load_rules([FIXTURES / "bad_rules"], defaults=False)
    files = {Path(p.path).name for p in caught.value.problems}
    assert {"bad_regex.yaml", "unknown_key.yaml", "duplicate_id.yaml", "no_examples.yaml"} <= files


def test_cleaner_refuses_to_build_on_a_bad_rule_file() -> None:
    with pytest.raises(RuleError, match=r"unknown_key\.yaml:8:5"):
        Cleaner([FIXTURES / "bad_rules" / "unknown_key.yaml"])


def test_missing_rule_path_is_a_rule_error() -> None:
    with pytest.raises(RuleError, match="no such rule file"):
        load_rules(["/nonexistent/rules.yaml"])


def test_disabling_an_id_that_matches_nothing_is_an_error() -> None:
    with pytest.raises(ValueError, match="matches no rule"):
        Cleaner(disable=["wrapper.xx.nothing"])
