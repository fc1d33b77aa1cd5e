"""The optional word list (wordfreq): frequencies per language and the commonest completion of a prefix."""

from __future__ import annotations

import pytest

from cleaner.wordlist import completion_zipf, zipf

pytest.importorskip("wordfreq")


def test_a_common_word_is_frequent_and_a_broken_one_is_rare() -> None:
    assert (zipf("the", "en") or 0) > 6
    assert (zipf("negotiati", "en") or 0) < 1


def test_a_broken_word_starts_a_far_commoner_word() -> None:
    assert completion_zipf("origi", "en") >= (zipf("origi", "en") or 0) + 2
    assert completion_zipf("erwart", "de") > 3


def test_a_language_without_a_list_gives_no_frequency() -> None:
    assert zipf("word", "xx-unknown") is None
