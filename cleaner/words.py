"""Word counting shared by the rule kinds: scripts without spaces count two characters as one word."""

from __future__ import annotations

import re
from functools import lru_cache

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


@lru_cache(maxsize=256)
def _tokens(count: int) -> re.Pattern[str]:
    # `count` times: up to the next ASCII letter or digit, then (atomically, by a lookahead and its backreference)
    # the rest of its run of non-space characters; so each time is a new run. Python 3.10's `re` has no `*+`.
    return re.compile(rf"(?:[^A-Za-z0-9]*[A-Za-z0-9](?=(\S*))\1){{{count}}}")


def surely_more_words_than(text: str, limit: int) -> bool:
    """True when `text` surely has more than `limit` words (`count_words`); False: it may have, or may not.

    A cheap bound for long lines, one stdlib `re` match that stops after `limit + 1` runs of non-space characters
    holding an ASCII letter or digit: each such run holds a word of its own, whatever else it holds.

    >>> surely_more_words_than("Also read: Storm closes ports", 4), surely_more_words_than("港口 港口 港口", 1)
    (True, False)
    """
    if len(text) < 2 * limit + 1:  # limit + 1 runs and the spaces between them do not fit
        return False
    return _tokens(limit + 1).match(text) is not None
