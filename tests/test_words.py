"""Word counting: the fast path for text without unspaced scripts gives exactly the full count."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from cleaner.words import _WORD, UNSPACED, count_words, spaced


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
