"""Patterns for mined keys: an escaped line, a line with varying numbers, a fixed prefix, a fixed suffix marker."""

from __future__ import annotations

import regex

from .lines import NUMBER

KINDS = {"L": "line", "N": "numbers", "P": "prefix", "S": "suffix"}
MAX_WORDS_CAP = 80


def escape_words(text: str) -> str:
    r"""Each word escaped, words joined by `\s+`, runs of digits (the skeleton's marker) as `\d+`.

    >>> escape_words("Updated \x00:\x00 p.m. (ET)")
    'Updated\\s+\\d+:\\d+\\s+p\\.m\\.\\s+\\(ET\\)'
    """
    return r"\s+".join(r"\d+".join(regex.escape(part) for part in word.split(NUMBER)) for word in text.split(" "))


def pattern_for(kind: str, fixed: str, tail_words: int = 0) -> str:
    r"""The rule's pattern: whole-line for lines and skeletons, an opening for prefixes, a closing marker for suffixes.

    >>> pattern_for("prefix", "Baca juga:")
    '^\\s*Baca\\s+juga:\\s+\\S'
    >>> pattern_for("suffix", "- Foto:", 3)
    '\\S\\s+\\-\\s+Foto:(?:\\s+\\S+){0,3}\\s*$'
    """
    body = escape_words(fixed)
    if kind in ("line", "numbers"):
        return rf"^\s*{body}\s*$"
    if kind == "prefix":
        return rf"^\s*{body}\s+\S"
    if tail_words == 0:
        return rf"\S\s+{body}\s*$"
    return rf"\S\s+{body}(?:\s+\S+){{0,{tail_words}}}\s*$"


def max_words_for(kind: str, variant_words: list[int]) -> int | None:
    """A word limit for shapes: half again the longest line seen, so a paragraph that happens to open alike is safe."""
    if kind in ("line", "numbers") or not variant_words:
        return None
    return min(MAX_WORDS_CAP, max(variant_words) + max(variant_words) // 2 + 1)
