"""The hand-written truncation cases: cut endings are flagged and lose exactly their fragment, complete ones stay."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from cleaner import Cleaner
from cleaner.removals import check_result

from .conftest import FIXTURES

CASES: list[dict[str, Any]] = yaml.safe_load((FIXTURES / "truncation" / "cases.yaml").read_text(encoding="utf-8"))[
    "cases"
]
CUT = [case for case in CASES if case.get("cut")]
COMPLETE = [case for case in CASES if not case.get("cut")]


def _requires(case: dict[str, Any]) -> None:
    """Skip a case decided by an optional library (`requires: wordfreq`) when that library is not installed."""
    if case.get("requires"):
        pytest.importorskip(case["requires"])


@pytest.mark.parametrize("case", CUT, ids=[case["name"] for case in CUT])
def test_a_cut_ending_is_flagged_and_loses_exactly_its_fragment(cleaner: Cleaner, case: dict[str, Any]) -> None:
    _requires(case)
    result = cleaner.clean(case["text"])
    check_result(case["text"], result)
    assert result.truncated
    assert result.text == case["clean"]
    assert all(r.category == "truncated_ending" for r in result.removals)


@pytest.mark.parametrize("case", COMPLETE, ids=[case["name"] for case in COMPLETE])
def test_a_complete_ending_is_neither_flagged_nor_cut(cleaner: Cleaner, case: dict[str, Any]) -> None:
    _requires(case)
    result = cleaner.clean(case["text"])
    assert not result.truncated, [(r.rule, r.text) for r in result.removals]
    assert not [r for r in result.removals if r.category == "truncated_ending"]


def test_the_cases_cover_several_languages_and_both_outcomes() -> None:
    languages = {case["name"].split("_")[0] for case in CASES}
    assert len(CUT) >= 10 and len(COMPLETE) >= 15 and len(languages) >= 8
