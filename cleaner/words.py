"""Word counting shared by the rule kinds: scripts without spaces count two characters as one word."""

from __future__ import annotations

import re

import regex

# Scripts written without spaces: two characters count as one word, so word guards work for them too.
UNSPACED = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}]")
# A superset of UNSPACED's characters, as code point ranges for the stdlib `re` (a search many times faster than
# `regex`'s script properties): text with none of them has no unspaced character. Ranges a few code points apart
# are merged; tests/test_words.py checks every code point UNSPACED matches is inside.
_MAYBE_UNSPACED = re.compile(
    "[\u0e01-\u0edf\u1000-\u109f\u1780-\u17f9\u19e0-\u19ff\u2e80-\u9fff\ua9e0-\uaa7f\uf900-\ufad9"
    "\uff66-\uff9d\U000116d0-\U000116e3\U00016fe2-\U00016ff6\U0001aff0-\U0001b168\U0001f200"
    "\U00020000-\U0002ee5d\U0002f800-\U0002fa1d\U00030000-\U00033479]"
)
_WORD = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}\p{M}'’._-]*")


def spaced(text: str) -> bool:
    """True when `text` has no character of a script written without spaces (UNSPACED finds none)."""
    return text.isascii() or _MAYBE_UNSPACED.search(text) is None


def count_words(text: str) -> int:
    """Count words; in scripts without spaces every two characters count as one.

    >>> count_words("Also read: Storm closes ports"), count_words("相关阅读：台风")
    (5, 3)
    """
    if spaced(text):
        return len(_WORD.findall(text))
    unspaced = len(UNSPACED.findall(text))
    rest = UNSPACED.sub(" ", text) if unspaced else text
    return len(_WORD.findall(rest)) + (unspaced + 1) // 2

