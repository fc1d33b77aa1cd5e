"""The screen on real extracted text: the engine gives the same Results with the screen on and off."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from cleaner import Cleaner, load_rules

from .conftest import ROOT, SHARED

CORPUS = SHARED / "corpus"
# Documents per source: enough pages of each kind to cross every language pack, few enough for the unscreened
# engine (every rule on every line) to read them in seconds.
PER_SOURCE = 120


def _sites(corpus: Path) -> Iterator[tuple[str, str | None, str | None]]:
    path = corpus / "sites" / "sites.jsonl"
    if path.is_file():
        lines = path.read_text(encoding="utf-8").splitlines()
        for line in lines[:: max(1, len(lines) // PER_SOURCE)][:PER_SOURCE]:
            record = json.loads(line)
            yield record["text"], record.get("url"), record.get("lang")


def _wcxb(corpus: Path) -> Iterator[tuple[str, str | None, str | None]]:
    for path in sorted((corpus / "wcxb-dev" / "ground-truth").glob("*.json"))[:PER_SOURCE]:
        data = json.loads(path.read_text(encoding="utf-8"))
        text = data.get("ground_truth", {}).get("main_content")
        if isinstance(text, str):
            yield text, data.get("url"), None


def _extracted() -> Iterator[tuple[str, str | None, str | None]]:
    """The trafilatura-eval pages as scripts/bench_quality.py extracted and cached them (when it has run)."""
    for path in sorted((ROOT / ".cache" / "bench_quality").glob("extracted-*.jsonl"))[-1:]:
        for line in path.read_text(encoding="utf-8").splitlines()[:PER_SOURCE]:
            yield json.loads(line)["text"], None, None


def documents(corpus: Path) -> list[tuple[str, str | None, str | None]]:
    """(text, url, lang) of the shared corpus's texts: sites.jsonl, wcxb-dev main content, cached extractions."""
    return [*_sites(corpus), *_wcxb(corpus), *_extracted()]


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not present")
def test_screened_and_unscreened_engines_agree_on_the_shared_corpus_texts() -> None:
    found = documents(CORPUS)
    assert found, "../shared/corpus holds none of the expected texts"
    rules = load_rules()
    screened, unscreened = Cleaner.from_rules(rules), Cleaner.from_rules(rules, screen=False)
    for text, url, lang in found:
        for language in {lang, None}:
            expected = unscreened.clean(text, url=url, lang=language)
            assert screened.clean(text, url=url, lang=language) == expected, (url, language, text[:80])
