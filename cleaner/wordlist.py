"""Word frequencies per language from wordfreq's lists (the optional `words` extra), read lazily into compact tables."""

from __future__ import annotations

import importlib
import math
from functools import cache, lru_cache
from typing import Any

from .wordtables import Tables, load

# wordfreq stores a word's frequency as a bucket: bucket i holds the words of frequency 10 ** (-i / 100). These are
# the Zipf levels its frequency dict gives each bucket (log10(frequency) + 9), computed the same way.
_LEVELS = tuple(math.log10(10 ** (-index / 100)) + 9 for index in range(1000))


@lru_cache(maxsize=1)
def _wordfreq() -> Any:
    """The wordfreq module, imported at first use (an optional dependency), or None."""
    try:
        return importlib.import_module("wordfreq")
    except ImportError:
        return None


@cache
def _tables(language: str) -> Tables | None:
    """The language's common words (Zipf 3 or more) and rarer ones, read from its wordfreq list at first use.

    Only the languages a run meets are read (from the user's cache after the first time, `wordtables.py`);
    wordfreq's own frequency dict (every word as a Python string, about 40 MB a language) is never built.
    """
    module = _wordfreq()
    path = module.available_languages().get(language) if module is not None else None
    return None if path is None else load(language, path)


def _bucket(token: str, tables: Tables) -> int | None:
    found = tables[0].bucket(token.encode())
    return found if found is not None else tables[1].bucket(token.encode())


@lru_cache(maxsize=4096)
def zipf(word: str, language: str) -> float | None:
    """The word's Zipf frequency in the language (0: never seen), or None without wordfreq or a word list.

    The same value as `wordfreq.zipf_frequency`: the word is split by wordfreq's tokenizer and the frequencies of
    its pieces are combined and rounded as wordfreq does.
    """
    tables = _tables(language)
    if tables is None:
        return None
    module = _wordfreq()
    tokens = module.tokens.lossy_tokenize(word, language)
    if not tokens:
        return 0.0
    one_over_result = 0.0
    for token in tokens:
        smashed = module.numbers.smash_numbers(token)
        bucket = _bucket(smashed, tables)
        if bucket is None:
            return 0.0
        frequency = 10 ** (-bucket / 100)
        if smashed != token:
            frequency *= module.numbers.digit_freq(token)
        one_over_result += 1.0 / frequency
    frequency = 1.0 / one_over_result
    if module.language_info.get_language_info(language)["tokenizer"] == "jieba":
        frequency *= module.INFERRED_SPACE_FACTOR ** -(len(tokens) - 1)
    frequency = round(frequency, math.floor(-math.log(frequency, 10)) + 3)
    return round(math.log(frequency, 10) + 9, 2)


def completion_zipf(token: str, language: str) -> float:
    """The Zipf frequency of the commonest word of the language that starts with `token` (0: none)."""
    tables = _tables(language)
    if tables is None:
        return 0.0
    common = tables[0]
    key = token.encode()
    best = None
    # Words equal to the token sort before its longer completions: start after them (proper completions only).
    index = common.after(key)
    while index < len(common) and common.word(index).startswith(key):
        bucket = common.bucket_at(index)
        best = bucket if best is None else min(best, bucket)
        index += 1
    return 0.0 if best is None else _LEVELS[best]
