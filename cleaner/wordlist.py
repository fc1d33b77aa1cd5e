"""Word frequencies per language from wordfreq (the optional `words` extra), imported at first use."""

from __future__ import annotations

import bisect
import importlib
import math
from functools import lru_cache
from typing import Any


@lru_cache(maxsize=1)
def _wordfreq() -> Any:
    """The wordfreq module, imported at first use (its word lists are large: an optional dependency), or None."""
    try:
        return importlib.import_module("wordfreq")
    except ImportError:
        return None


@lru_cache(maxsize=4096)
def zipf(word: str, language: str) -> float | None:
    """The word's Zipf frequency in the language (0: never seen), or None without wordfreq or a word list."""
    module = _wordfreq()
    if module is None or language not in module.available_languages():
        return None
    return float(module.zipf_frequency(word, language))


@lru_cache(maxsize=16)
def _common_words(language: str) -> tuple[list[str], list[float]]:
    """The language's common words (Zipf 3 or more), sorted, with their Zipf frequencies.

    A sorted list answers "the commonest word starting with this token" by bisection; a table of every prefix
    of every word answered it faster but held hundreds of MB per language in every worker.
    """
    frequencies: dict[str, float] = _wordfreq().get_frequency_dict(language)
    pairs = sorted(
        (word, math.log10(frequency) + 9) for word, frequency in frequencies.items() if frequency >= 1e-6
    )
    return [word for word, _ in pairs], [level for _, level in pairs]


def completion_zipf(token: str, language: str) -> float:
    """The Zipf frequency of the commonest word of the language that starts with `token` (0: none)."""
    words, levels = _common_words(language)
    best = 0.0
    # Words equal to the token sort before its longer completions: start after them (proper completions only).
    index = bisect.bisect_right(words, token)
    while index < len(words) and words[index].startswith(token):
        best = max(best, levels[index])
        index += 1
    return best
