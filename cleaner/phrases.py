"""The prefilter's phrases: what to look for per literal (literals.py), in the lower-cased text the automaton reads.

A literal is text with marks standing for runs of a class (junk, letters, digits, anything). Its *key* is plain
text every line holding the literal holds: for a line-start literal, its text up to the first mark past its own
junk; for any other, its best run of text. Its *check* is the whole literal as a stdlib `re` pattern over the
folded text, run on the line of a key's hit before the line is flagged (`Ask`, with the rule's line literals).
Both are supersets of what `regex` matches case-insensitively: each character stands for every lower-cased form of
the characters `regex` accepts for it.
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
    Found,
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
    """One `re` pattern over the folded text matching any of `literals` where it starts (past junk if `leading`).

    The literals go into a trie: "stand am 1.", "stand am 2." share "stand am " once. The pattern matches exactly
    where one of the literals would (x(y|z) is xy|xz), and a rule with 200 dated forms compiles in a fraction of
    the time and pattern size of their plain alternation.
    """
    alternatives = _trie([[_piece(char) for char in literal] for literal in literals])
    return re.compile(f"[^0-9a-z\\n]*(?:{alternatives})" if leading else alternatives)


def _piece(char: str) -> str:
    """The check's pattern for one character of a literal (a mark's class, or every lower-cased form)."""
    if char in _CHECK_TOKENS:
        return _CHECK_TOKENS[char]
    found = _chars(char)
    return re.escape(found[0]) if len(found) == 1 else "[" + "".join(map(re.escape, found)) + "]"


def _trie(sequences: list[list[str]]) -> str:
    """An alternation of the sequences of pieces, their shared heads written once."""
    heads: dict[str, list[list[str]]] = {}
    for sequence in sequences:
        if sequence:
            heads.setdefault(sequence[0], []).append(sequence[1:])
    options = [head + _trie(rests) for head, rests in heads.items()]
    if not options:
        return ""
    body = options[0] if len(options) == 1 else "(?:" + "|".join(options) + ")"
    # A sequence that ends here (one literal a head of another): what follows is optional.
    return f"(?:{body})?" if any(not sequence for sequence in sequences) else body


MAX_LINE_LITERALS = 4  # a rule's line literals worth a search of the line (more: the key's check alone)

# What a key asks of one rule: literals checked at the line start, from the hit on, and anywhere in the line.
Checks = tuple[set[str], set[str], set[str]]


class Ask:
    """What a key's hit asks for one rule: its literals at the line's start or from the hit on, then its line's."""

    __slots__ = ("at_hit", "at_start", "line", "literals", "rule")

    def __init__(self, rule: int, literals: Checks | None) -> None:
        self.rule = rule
        self.literals = None if literals is None else tuple(tuple(sorted(part)) for part in literals)
        self.at_start: re.Pattern[str] | None = None
        self.at_hit: re.Pattern[str] | None = None
        self.line: re.Pattern[str] | None = None

    def holds(self, low: str, line_start: int, start: int, line_end: int) -> bool:
        """True when the line low[line_start:line_end] holds a literal (the patterns compile at the first ask).

        A literal at the line start or from the hit on (when the key asks for one), and one of the rule's line
        literals anywhere in the line (when it has some).
        """
        if self.literals is not None:
            firsts, heres, lines = self.literals
            self.at_start = check(firsts, True) if firsts else None
            self.at_hit = check(heres, False) if heres else None
            self.line = check(lines, False) if lines else None
            self.literals = None
        first, here, line = self.at_start, self.at_hit, self.line
        if (first is not None or here is not None) and not (
            (first is not None and first.match(low, line_start, line_end))
            or (here is not None and here.match(low, start, line_end))
        ):
            return False
        return line is None or line.search(low, line_start, line_end) is not None


def in_line_checks(literals: frozenset[str]) -> set[str]:
    """A rule's line literals as a few `re` alternatives to search a line for (empty: too many to be worth it).

    Each from its first character of text on (what a line holds whole it holds from there on), so that `re` looks
    for text rather than trying a class at every position; failing that, from its best run of text on (fewer
    distinct ones: "!~bild~:" and ".~bild~:" are both "bild~:"). At most MAX_LINE_LITERALS: `re` tries every
    alternative at every position of the line.
    """
    for shorten in (lambda literal: literal.lstrip("".join(MARKS)), best_run):
        found = {shorten(literal) for literal in literals}
        if "" not in found and len(found) <= MAX_LINE_LITERALS:
            return found
    return set()


def union_checks(a: Checks, b: Checks) -> Checks:
    """The checks of two literal sets of one rule, together."""
    return a[0] | b[0], a[1] | b[1], a[2] | b[2]


def keys_of(found: Found) -> list[tuple[str, bool, str, bool]] | None:
    """(key, leading key, literal to check, check at the line start) per literal of a rule; None: no key.

    Key "" stands for a line starting with digits. A leading literal is checked whole at its line's start; another
    from its key on, where the key was found.
    """
    leading, anywhere = found
    keys: list[tuple[str, bool, str, bool]] = []
    for literal in leading:
        start = head(literal)
        if start:
            keys.append((start, True, literal, True))
        elif literal[0] == DIGIT:
            keys.append(("", True, literal, True))  # "12:30", "3 min": the line starts with digits (after junk)
        else:
            # Starts with junk ("©", "$" then digits) or with letters: its best run anywhere, checked at the start.
            rest = best_run(literal)
            if not rest:
                return None
            keys.append((run_of(rest), False, literal, True))
    for literal in anywhere:
        rest = best_run(literal)
        if not rest:
            return None
        keys.append((run_of(rest), False, rest, False))
    return keys
