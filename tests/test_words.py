"""Word counting: the fast path for spaced text gives the full count; the bound for long lines never overstates."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from cleaner.words import _WORD, UNSPACED, count_words, spaced, surely_more_words_than


def _reference(text: str) -> int:
    """count_words as it was written first: unspaced characters counted, then replaced, then words counted."""
    unspaced = len(UNSPACED.findall(text))
    rest = UNSPACED.sub(" ", text) if unspaced else text
    return len(_WORD.findall(rest)) + (unspaced + 1) // 2


def test_every_character_of_an_unspaced_script_is_caught_by_the_fast_check() -> None:
    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    missed = [hex(ord(c)) for c in UNSPACED.findall(every) if spaced(c)]
    assert missed == []


def test_text_with_typographic_quotes_and_dashes_counts_as_spaced() -> None:
    assert spaced("„Der Hafen“ – so hieß es … wieder geöffnet.")
    assert not spaced("Der Hafen 港口 wurde geöffnet")


_MIXED = st.text(alphabet=st.sampled_from([*"ab 1.-'’ é\n港口ไทยかカ、。", "\u0301"]), max_size=60)


@given(_MIXED)
def test_count_words_equals_the_full_count(text: str) -> None:
    assert count_words(text) == _reference(text)


_RUNS = st.text(alphabet=st.sampled_from([*"ab9 .-_'’|–\t\u00a0\u2028\x1c港ไかé", "\u0301", "\u0e31"]), max_size=80)


@given(_RUNS, st.integers(min_value=0, max_value=15))
def test_a_line_surely_over_the_limit_has_more_words_than_the_limit(text: str, limit: int) -> None:
    if surely_more_words_than(text, limit):
        assert count_words(text) > limit


def test_a_paragraph_of_prose_is_surely_past_a_small_limit_and_a_short_line_is_not() -> None:
    paragraph = "The port reopened on Monday – after the storm – and 40 ships sailed. " * 6
    assert surely_more_words_than(paragraph, 25)
    assert not surely_more_words_than("Merkblatt zum Antrag (PDF, 120 KB)", 25)
    assert not surely_more_words_than("港口 " * 40, 10)  # no ASCII letter: no bound, the full count decides
