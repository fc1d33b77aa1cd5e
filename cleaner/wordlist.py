"""Word frequencies per language from wordfreq (the optional `words` extra), imported at first use."""

from __future__ import annotations

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
def _prefixes(language: str) -> dict[str, float]:
    """Every proper prefix of the language's common words (Zipf 3 or more), with its commonest completion's Zipf."""
    frequencies: dict[str, float] = _wordfreq().get_frequency_dict(language)
    best: dict[str, float] = {}
    for word, frequency in frequencies.items():
        level = math.log10(frequency) + 9 if frequency > 0 else 0.0
        if level < 3:
            continue
        for end in range(1, len(word)):
            if best.get(word[:end], 0.0) < level:
                best[word[:end]] = level
    return best


def completion_zipf(token: str, language: str) -> float:
    """The Zipf frequency of the commonest word of the language that starts with `token` (0: none)."""
    return _prefixes(language).get(token, 0.0)
