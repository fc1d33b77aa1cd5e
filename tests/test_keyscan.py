"""The key pass gives the same hits with hyperscan as with pyahocorasick on any text; the prefilter, the same finds."""

from __future__ import annotations

import concurrent.futures
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cleaner import Cleaner
from cleaner.keyscan import KeyScan, hyperscan
from cleaner.phrases import fold

needs_hyperscan = pytest.mark.skipif(hyperscan is None, reason="hyperscan does not install on this platform")
_ALPHABET = st.sampled_from([*"ab ab\n.-/(", "ä", "ß", "İ", "ı", "„", "“", "…", "港", "口", "😀", "\u0301"])
_KEYS = st.lists(st.text(alphabet=_ALPHABET, min_size=1, max_size=4), min_size=1, max_size=12, unique=True)


def _both(keys: list[str], text: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    words = [(key, n) for n, key in enumerate(keys)]
    fast = sorted(KeyScan(words, "hyperscan", short=0).hits(text))
    plain = sorted(KeyScan(words, "ahocorasick").hits(text))
    return fast, plain


@needs_hyperscan
@given(_KEYS, st.text(alphabet=_ALPHABET, max_size=80))
def test_hyperscan_reports_every_hit_pyahocorasick_reports_at_the_same_character(keys: list[str], text: str) -> None:
    fast, plain = _both(keys, text)
    assert fast == plain


@needs_hyperscan
def test_overlapping_keys_and_keys_inside_keys_are_all_reported() -> None:
    fast, plain = _both(["lesen sie", "sie", "sie auch", "en s"], "\nlesen sie auch: „der hafen“ … sie")
    assert fast == plain
    assert len(fast) == 5  # "en s", "lesen sie" and "sie" in it, "sie auch", the last "sie"


@needs_hyperscan
def test_a_text_utf8_cannot_encode_is_read_by_the_fallback() -> None:
    fast, plain = _both(["ab", "\ud800"], "xab\ud800ab")
    assert fast == plain == [(2, 0), (3, 1), (5, 0)]


def test_a_key_scan_needs_a_key() -> None:
    with pytest.raises(ValueError, match="at least one key"):
        KeyScan([])


@needs_hyperscan
def test_the_prefilter_flags_the_same_lines_with_either_key_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    articles = Path(__file__).parent.parent / "fixtures" / "articles"
    texts = [p.read_text(encoding="utf-8") for p in sorted(articles.glob("*.txt"))]
    texts += [fold(text).upper() for text in texts[:4]]

    def run(cleaner: Cleaner) -> list[object]:
        screen = cleaner._screen
        assert screen is not None
        return [
            (screen.flagged(text), screen.flagged(text, active=[True] * screen.size), cleaner.clean(text))
            for text in texts
        ]

    fast_cleaner = Cleaner()
    fast = run(fast_cleaner)
    assert fast_cleaner._screen is not None
    assert all(scan._database is not None for scan in fast_cleaner._screen._by_flags.values() if scan is not None)
    monkeypatch.setattr(KeyScan.__init__, "__defaults__", ("ahocorasick", 0))
    plain_cleaner = Cleaner()
    plain = run(plain_cleaner)
    assert plain_cleaner._screen is not None
    assert all(scan._database is None for scan in plain_cleaner._screen._by_flags.values() if scan is not None)
    assert fast == plain


@needs_hyperscan
def test_threads_scanning_one_key_set_at_once_each_get_their_own_hits() -> None:
    words = [(key, n) for n, key in enumerate(["lesen sie", "sie", "hafen", "„der"])]
    scan = KeyScan(words, "hyperscan", short=0)
    texts = [f"\nlesen sie {n}: „der hafen“ … sie " * (1 + n % 5) for n in range(40)]
    expected = [sorted(KeyScan(words, "ahocorasick").hits(text)) for text in texts]
    with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
        for _ in range(5):
            assert list(pool.map(lambda text: sorted(scan.hits(text)), texts)) == expected
