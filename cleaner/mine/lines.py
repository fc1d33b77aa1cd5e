"""Line normalisation and the keys a line is counted under: the exact line, its number skeleton, its shapes."""

from __future__ import annotations

import re

from ..words import count_words

MAX_LINE_CHARS = 400  # longer lines are paragraphs of prose, never counted as boilerplate
PREFIX_WORDS = 4  # a prefix shape keeps at most this many words fixed
TAIL_WORDS = 6  # a suffix shape lets at most this many words vary after its fixed marker
TAIL_SCAN = 8  # markers are looked for among the last this many words of a line
_DIGITS = re.compile(r"\d+")  # the standard module: Unicode digits too, faster on short lines
NUMBER = "\x00"  # stands for a run of digits in a skeleton
# Words that separate a label from what follows: a dash, a bar, a bullet, a slash, or any word ending in a colon.
SEPARATORS = frozenset({"-", "–", "—", "|", "/", "·", "•", "»", ">", "::"})

# Key kinds: exact line, number skeleton, fixed prefix, fixed marker near the end (suffix shape).
EXACT, NUMBERS, PREFIX, SUFFIX = "L", "N", "P", "S"


def normalise(line: str) -> str:
    r"""One line with its whitespace collapsed and trimmed.

    >>> normalise("  Baca   juga:\tX ")
    'Baca juga: X'
    """
    return " ".join(line.split())


def is_separator(word: str) -> bool:
    """A word that marks a label: a dash, bar or bullet, or a word ending in a colon.

    >>> is_separator("-"), is_separator("Ảnh:"), is_separator("said.")
    (True, True, False)
    """
    return word in SEPARATORS or (len(word) > 1 and word[-1] in ":：")


def skeleton(line: str) -> str | None:
    r"""The line with each run of digits replaced by a marker, or None when it has no digit.

    >>> skeleton("Updated at 5:12 p.m.") == "Updated at \x00:\x00 p.m."
    True
    """
    shape, count = _DIGITS.subn(NUMBER, line)
    return str(shape) if count else None


def _has_letter(words: list[str]) -> bool:
    return any(ch.isalpha() for word in words for ch in word)


def prefix_keys(words: list[str], seps: list[bool] | None = None) -> list[str]:
    """Fixed openings worth counting: a label (ending in a separator) of 1-4 words, or any 3-4 word opening.

    A bare dash or bullet is not a label: it opens list items, which are article text.

    >>> prefix_keys("Baca juga: Harga emas naik".split())
    ['PBaca', 'PBaca juga:', 'PBaca juga: Harga', 'PBaca juga: Harga emas']
    """
    seps = seps if seps is not None else [is_separator(w) for w in words[: PREFIX_WORDS + 1]]
    keys = []
    for size in range(1, min(PREFIX_WORDS, len(words) - 1) + 1):
        label = seps[size - 1] or seps[size]
        if (label or size >= 3) and _has_letter(words[:size]):
            keys.append(PREFIX + " ".join(words[:size]))
    return keys


def suffix_keys(words: list[str], seps: list[bool] | None = None) -> list[str]:
    """Fixed markers near the end: a label (separator to colon) and 1-6 words, or a fixed ending of 3+ words.

    >>> suffix_keys("Polisi di lokasi - Foto: Andi".split())
    ['S- Foto:', 'S- Foto: Andi', 'SFoto:']
    >>> suffix_keys("Daftarnya sebagai berikut:".split())
    []
    """
    keys: list[str] = []
    count = len(words)
    first = max(2, count - TAIL_SCAN)
    flags = seps[first:] if seps is not None else [is_separator(w) for w in words[first:]]
    for start, flag in enumerate(flags, first):
        if not flag:
            continue
        for end in range(start + 1, min(start + 5, count) + 1):
            marker = words[start:end]
            label = marker[-1][-1] in ":："
            if label and (end == count or count - end > TAIL_WORDS):
                continue
            if not label and (end < count or len(marker) < 3):
                continue
            if _has_letter(marker):
                keys.append(SUFFIX + " ".join(marker))
    return keys


def line_keys(line: str) -> list[str]:
    """Every key a normalised line is counted under (its exact text first).

    >>> [key.replace(NUMBER, "#") for key in line_keys("Updated 5 min ago")]
    ['LUpdated 5 min ago', 'NUpdated # min ago', 'PUpdated 5 min']
    """
    if len(line) > MAX_LINE_CHARS:
        return []
    keys = [EXACT + line]
    shape = skeleton(line)
    if shape is not None:
        keys.append(NUMBERS + shape)
    words = line.split(" ")
    if len(words) > 1:
        seps = [w in SEPARATORS or w[-1] in ":：" for w in words]
        keys.extend(prefix_keys(words, seps))
        keys.extend(suffix_keys(words, seps))
    return keys


def words_of(line: str) -> int:
    """Word count as the rules' max_words counts it."""
    return count_words(line)
