"""The optional word list (wordfreq): frequencies per language and the commonest completion of a prefix."""

from __future__ import annotations

import subprocess
import sys

import pytest

from cleaner.wordlist import completion_zipf, zipf

wordfreq = pytest.importorskip("wordfreq")


def test_a_common_word_is_frequent_and_a_broken_one_is_rare() -> None:
    assert (zipf("the", "en") or 0) > 6
    assert (zipf("negotiati", "en") or 0) < 1


def test_a_broken_word_starts_a_far_commoner_word() -> None:
    assert completion_zipf("origi", "en") >= (zipf("origi", "en") or 0) + 2
    assert completion_zipf("erwart", "de") > 3


def test_a_language_without_a_list_gives_no_frequency() -> None:
    assert zipf("word", "xx-unknown") is None
    assert completion_zipf("wor", "xx-unknown") == 0


@pytest.mark.parametrize(
    ("word", "language"),
    [
        ("harbour", "en"),
        ("don't", "en"),
        ("zymurgical", "en"),
        ("quayside", "en"),
        ("negotiati", "en"),
        ("hafenmeisterei", "de"),
        ("l’homme", "fr"),
        ("aujourd'hui", "fr"),
        ("przystań", "pl"),
        ("pelabuhan", "id"),
        ("cảng", "vi"),
        ("гавань", "ru"),
    ],
)
def test_the_compact_tables_give_wordfreqs_own_frequency(word: str, language: str) -> None:
    assert zipf(word, language) == wordfreq.zipf_frequency(word, language)


def test_lookups_never_build_wordfreqs_frequency_dict() -> None:
    # A fresh interpreter: other tests here ask wordfreq itself, which builds and caches the dict.
    code = (
        "import wordfreq\n"
        "from cleaner.wordlist import completion_zipf, zipf\n"
        "zipf('harbour', 'en'); zipf('quaysid', 'en'); completion_zipf('quaysid', 'en')\n"
        "print(wordfreq.get_frequency_dict.cache_info().currsize, wordfreq.get_frequency_list.cache_info().currsize)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["0", "0"]
