"""Word counting shared by the rule kinds: scripts without spaces count two characters as one word."""

from __future__ import annotations

import regex

# Scripts written without spaces: two characters count as one word, so word guards work for them too.
UNSPACED = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}]")
_WORD = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}\p{M}'’._-]*")


def count_words(text: str) -> int:
    """Count words; in scripts without spaces every two characters count as one.

    >>> count_words("Also read: Storm closes ports"), count_words("相关阅读：台风")
    (5, 3)
    """
    unspaced = len(UNSPACED.findall(text))
    rest = UNSPACED.sub(" ", text) if unspaced else text
    return len(_WORD.findall(rest)) + (unspaced + 1) // 2
