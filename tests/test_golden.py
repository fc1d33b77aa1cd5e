"""Golden articles: each fixture's clean text and removal log, plus the invariants on every case."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cleaner import Cleaner, restore
from cleaner.removals import check_result, removal_from_dict

from .conftest import FIXTURES, SHARED

CASES = sorted(p for p in (FIXTURES / "articles").glob("*.txt") if not p.name.endswith(".clean.txt"))


def read(path: Path) -> str:
    return path.read_bytes().decode("utf-8")


@pytest.mark.parametrize("source", CASES, ids=[p.stem for p in CASES])
def test_golden_article_cleans_to_its_golden_text_and_log(cleaner: Cleaner, source: Path) -> None:
    case = source.name.removesuffix(".txt")
    text = read(source)
    result = cleaner.clean(text)
    golden = json.loads(read(source.with_name(f"{case}.removals.json")))
    assert result.text == read(source.with_name(f"{case}.clean.txt"))
    assert [r.to_dict() for r in result.removals] == golden["removals"]
    assert result.truncated == golden["truncated"]
    check_result(text, result)
    # The golden log alone rebuilds the original from the golden clean text.
    assert restore(result.text, [removal_from_dict(r) for r in golden["removals"]]) == text


@pytest.mark.parametrize("source", CASES, ids=[p.stem for p in CASES])
def test_cleaning_a_golden_result_again_removes_nothing(cleaner: Cleaner, source: Path) -> None:
    once = cleaner.clean(read(source))
    assert cleaner.clean(once.text).removals == ()


def test_fixtures_cover_several_languages_and_clean_articles() -> None:
    languages = {p.name.split("_")[1] for p in CASES}
    assert len(CASES) >= 12 and len(languages) >= 6
    untouched = [
        p
        for p in CASES
        if not json.loads(read(p.with_name(p.name.removesuffix(".txt") + ".removals.json")))["removals"]
    ]
    assert len(untouched) >= 3


SEEDS = SHARED / "seeds"


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not present")
def test_seed_with_clutter_loses_two_inserts_and_its_unfinished_sentence(cleaner: Cleaner) -> None:
    text = read(SEEDS / "001_fa65b62d0464c6f0.txt")
    result = cleaner.clean(text)
    expected = read(SEEDS / "expected" / "001_fa65b62d0464c6f0.clean.txt")
    assert result.text.rstrip() == expected.rstrip()
    assert [r.category for r in result.removals] == ["related_link", "truncated_ending", "related_link"]
    assert result.truncated
    assert result.removals[1].text.strip() == "Observers had initially doubted her ability to navigate Trump’s"
    check_result(text, result)


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not present")
def test_clean_seed_comes_out_unchanged(cleaner: Cleaner) -> None:
    text = read(SEEDS / "000_8d4b8ca83019329f.txt")
    result = cleaner.clean(text)
    assert result.text == text and result.removals == () and not result.truncated
