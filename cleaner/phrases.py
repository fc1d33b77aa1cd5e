"""The prefilter's phrases: what to look for per literal (literals.py), in the lower-cased text the automaton reads.

A literal is text with marks standing for runs of a class (junk, letters, digits, anything). Its *key* is plain
text every line holding the literal holds: for a line-start literal, its text up to the first mark past its own
junk; for any other, its best run of text. Its *check* is the whole literal as a stdlib `re` pattern over the
folded text, run on the line of a key's hit before the line is flagged. Both are supersets of what `regex` matches
case-insensitively: each character stands for every lower-cased form of the characters `regex` accepts for it.
"""

from __future__ import annotations

import itertools
import re

import regex

from .literals import (
    ANY,
    ANY_OR_NONE,
    BOUNDARY,
    DIGIT,
    DIGIT_OR_NONE,
    END,
    GAP,
    GAP_OR_NONE,
    WORD,
    WORD_OR_NONE,
    char_weight,
    variants,
)

# Characters a literal uses for runs of a class, the end of the line, a word boundary (literals.py): never text.
MARKS = frozenset([ANY, ANY_OR_NONE, BOUNDARY, DIGIT, DIGIT_OR_NONE, END, GAP, GAP_OR_NONE, WORD, WORD_OR_NONE])
_SPLIT = re.compile("[" + "".join(sorted(MARKS)) + "]")
# Line breaks other than "\n" (str.splitlines breaks there too): read as "\n", one character for one.
_BREAKS = "\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
MAX_FORMS = 16  # lower-cased forms of one key (characters with several); past this the key is cut short


# Junk before a line's phrase: anything neither a letter nor a decimal digit (all that `regex` may read as \W, \s,
# punctuation or a symbol before it). The same class strips the heads of literals and of lines, so the two agree.
_JUNK = "[^\\p{L}\\p{Nd}\\n]"
_LITERAL_JUNK = regex.compile(_JUNK + "*")
# A line starting with junk, up to its first other character: its head is read again from there.
JUNK_HEAD = regex.compile(f"\n{_JUNK}+(?=[^\\n])")
# A line whose first letter or numeral is a numeral (what \d and \p{N} may match, "½" included).
DIGIT_HEAD = regex.compile("\n[^\\p{L}\\p{N}\\n]*\\p{N}")
# In the checks, classes wider than `regex`'s: junk is anything but an ASCII letter or digit (the text is lower-case).
_CHECK_TOKENS = {
    GAP: "[^0-9a-z\\n]+",
    GAP_OR_NONE: "[^0-9a-z\\n]*",
    # Letters or digits: any character but ASCII junk; digits: any but ASCII other than 0-9 (small classes, negated).
    WORD: "[^\\x00-/:-@[-^`{-\\x7f]+",
    WORD_OR_NONE: "[^\\x00-/:-@[-^`{-\\x7f]*",
    DIGIT: "[^\\x00-/:-\\x7f]+",
    DIGIT_OR_NONE: "[^\\x00-/:-\\x7f]*",
    ANY: "[^\\n]+",
    ANY_OR_NONE: "[^\\n]*",
    END: "(?=\\n|\\Z)",
    BOUNDARY: "(?![0-9a-z_])",  # wider than `regex`'s Unicode \b after a letter
}


def lower(char: str) -> str:
    """One character lower-cased as the document is: "İ" as "i" (its own lower case is two characters)."""
    return "i" if char == "İ" else char.lower()


def fold(text: str) -> str:
    r"""The document as the automaton reads it: lower-cased, one character for one, every line break as "\n"."""
    if "İ" in text:
        text = text.replace("İ", "i")
    low = text.lower()
    for brk in _BREAKS:
        if brk in low:
            low = low.replace(brk, "\n")
    return low


def _chars(char: str) -> list[str]:
    """The lower-cased forms of the characters a case-insensitive `regex` accepts for `char`."""
    return sorted({lower(v) for v in variants(char)} | {lower(char)})


def forms(phrase: str) -> list[str]:
    """Every lower-cased form of `phrase` a case-insensitive `regex` match may take, cut short past MAX_FORMS."""
    options: list[list[str]] = []
    count = 1
    for char in phrase:
        found = _chars(char)
        if count * len(found) > MAX_FORMS:
            break
        count *= len(found)
        options.append(found)
    return ["".join(chars) for chars in itertools.product(*options)]


def weight(run: str) -> float:
    """How much a run of text selects: the sum of its characters' weights (literals.char_weight)."""
    return sum(map(char_weight, run))


def head(literal: str) -> str:
    """A line-start literal's text up to its first mark, without the junk it starts with."""
    run = _SPLIT.split(literal, maxsplit=1)[0]
    return run[_LITERAL_JUNK.match(run).end() :]


def best_run(literal: str) -> str:
    """The literal from the start of its run of text that selects best ("" when it has no run of text).

    Every line holding the literal holds that run, and the rest of the literal right after it.
    """
    best, start, position = (0.0, 0), -1, 0
    for run in _SPLIT.split(literal):
        if run and (weight(run), len(run)) > best:
            best, start = (weight(run), len(run)), position
        position += len(run) + 1
    return "" if start < 0 else literal[start:]


def run_of(literal: str) -> str:
    """The run of text a literal starts with, up to its first mark."""
    return _SPLIT.split(literal, maxsplit=1)[0]


def check(literals: tuple[str, ...], leading: bool) -> re.Pattern[str]:
    """One `re` pattern over the folded text matching any of `literals` where it starts (past junk if `leading`)."""
    parts = []
    for literal in literals:
        pieces = []
        for char in literal:
            if char in _CHECK_TOKENS:
                pieces.append(_CHECK_TOKENS[char])
                continue
            found = _chars(char)
            pieces.append(re.escape(found[0]) if len(found) == 1 else "[" + "".join(map(re.escape, found)) + "]")
        parts.append("".join(pieces))
    alternatives = "|".join(f"(?:{part})" for part in parts)
    return re.compile(f"[^0-9a-z\\n]*(?:{alternatives})" if leading else alternatives)
