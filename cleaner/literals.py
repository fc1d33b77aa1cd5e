r"""The literal text a rule's match must contain, read from its pattern, for the prefilter to look for.

Two shapes, both supersets of what the rule matches (the prefilter may flag too many lines, never too few):

- *leading* literals, for rules anchored at the line start: after some "junk" (characters that are neither ASCII
  letters nor digits, such as "— " or "► "), the line starts with one of a few strings ("lesen sie", "mehr zum");
- *required* literals ("atoms") for the other rules: every match contains one of them somewhere in the line.

Literals are compared case-insensitively with every case variant `regex` accepts (the Turkish "İ" for "i").
A pattern this module cannot read (syntax only `regex` knows, or no literal to hold on to) gives None, and the
prefilter then lets its rule run on every line.

Why this module passes 300 lines: it is one recursive walk over the stdlib parser's tree of a pattern (`_leading`,
`_group`, `_merge`), and every helper reads the same private parse state and placeholder characters; split in two,
each half would import the other's private names. Its public face is `screen_literals` and the placeholders.
"""

from __future__ import annotations

import functools
import importlib
import re
import sys
from typing import Any

import regex

_NEW = sys.version_info >= (3, 11)
_sre: Any = importlib.import_module("re._constants" if _NEW else "sre_constants")
_sre_parse: Any = importlib.import_module("re._parser" if _NEW else "sre_parse")

_PROPERTY = regex.compile(r"\\([pP])\{([^}]*)\}|\\([pP])([A-Za-z])")
# Syntax the stdlib parser would read differently from `regex` (POSIX classes, fuzzy matching, named lists,
# word-start/end, branch reset, V1 sets): such a pattern is not read here at all.
_MISREAD = regex.compile(r"\[:\^?[a-z]+:\]|\{[^{}]*[eisd]\s*[<=>][^{}]*\}|\\L<|\\[mMXGK]|\(\?\||\(\?V1\)|\\N\{")
_PUA = 0xF0001  # placeholders for \p{...} in the stdlib parser's view: Supplementary Private Use Area-A
_REPEATS = tuple(
    op for op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, getattr(_sre, "POSSESSIVE_REPEAT", None)) if op is not None
)
_ATOMIC = getattr(_sre, "ATOMIC_GROUP", None)
# Unicode properties whose characters are all junk: punctuation, symbols, separators.
_JUNK_PROPERTIES = {
    "p", "punct", "punctuation", "pd", "ps", "pe", "pi", "pf", "po", "dash", "dash_punctuation",
    "s", "symbol", "sm", "sc", "sk", "so", "z", "separator", "zs", "zl", "zp", "space_separator",
    "white_space", "whitespace", "space",
}  # fmt: skip
# Inside a literal, these characters stand for runs of a class of characters rather than for themselves.
GAP = "\U0010fff0"  # junk characters, at least one (the "\\s+" between two words)
GAP_OR_NONE = "\U0010fff1"  # junk characters, maybe none
WORD = "\U0010fff2"  # letters or digits, at least one ("\\d{1,2}", "\\p{L}{2,4}")
WORD_OR_NONE = "\U0010fff3"
ANY = "\U0010fff4"  # any characters of the line, at least one
ANY_OR_NONE = "\U0010fff5"
END = "\U0010fff6"  # the end of the line: nothing follows
DIGIT = "\U0010fff7"  # digits, at least one
DIGIT_OR_NONE = "\U0010fff8"
BOUNDARY = "\U0010fff9"  # a word boundary after a letter or digit; always the last character of a literal
# The marks of a literal that stand for runs of a class of characters.
_RUNS = (GAP, GAP_OR_NONE, WORD, WORD_OR_NONE, ANY, ANY_OR_NONE, DIGIT, DIGIT_OR_NONE)
_MARKS = frozenset([*_RUNS, END, BOUNDARY])  # characters of a literal that do not stand for themselves
_USELESS_AT_END = "".join([GAP_OR_NONE, WORD_OR_NONE, DIGIT_OR_NONE, ANY, ANY_OR_NONE])
# How much more a line start selects than any other place, counted as characters of text. A line holds ~200
# characters, and the automaton rests in its root state between line starts (issue 16 measured 0.33 against 6 hits
# per document); a phrase anywhere also flags every line it is in for `regex` when it needs no check. Measured on
# 1,500 bench documents (scripts/bench_prefilter.py): 2 -> 4 took Python hits 41 -> 34 and pairs 23 -> 14 per
# document; 5 and 6 gave the same as 4.
LINE_START_WEIGHT = 4
MAX_LEADING = 8  # characters of a leading literal worth looking for: longer ones select no better
MAX_ALTERNATIVES = 256  # literals a pattern's alternatives may multiply into before the literals stop there
MAX_LITERALS = 1024  # literals one rule may need; past this its rule runs on every line
_MAX_CLASS = 4  # a class of up to this many characters ("[（(]") still counts as literal text
_CASED = "".join(c for c in map(chr, range(0x20000)) if c.lower() != c or c.upper() != c or c.casefold() != c)
_VARIANTS: dict[str, str] = {}
# Unicode properties whose characters are all letters or digits in some script.
_LETTER_PROPERTIES = {
    "l", "letter", "lu", "ll", "lt", "lm", "lo", "n", "number", "nd", "nl", "no", "alpha", "alphabetic",
    "alnum", "latin", "cyrillic", "greek", "han", "hiragana", "katakana", "hangul", "arabic", "hebrew", "thai",
}  # fmt: skip
Found = tuple[frozenset[str], frozenset[str]]  # (leading literals, literals anywhere in the line)
_START = frozenset([""])  # literals not begun yet: junk before them is skipped
_START_HERE = frozenset([GAP_OR_NONE])  # literals begun here: junk counts as a gap (trimmed at the ends)


class _Parsed:
    r"""A pattern as the stdlib parser reads it, with each \p{...} replaced by a placeholder character."""

    def __init__(self, pattern: str) -> None:
        self.properties: list[tuple[bool, str]] = []  # (negated, name) per placeholder

        def hide(match: regex.Match[str]) -> str:
            negated = (match.group(1) or match.group(3)) == "P"
            self.properties.append((negated, (match.group(2) or match.group(4) or "").strip()))
            return chr(_PUA + len(self.properties) - 1)

        self.items = list(_sre_parse.parse(_PROPERTY.sub(hide, pattern), 0))

    def placeholder(self, code: int) -> tuple[bool, str] | None:
        index = code - _PUA
        return self.properties[index] if 0 <= index < len(self.properties) else None


def _parse(pattern: str) -> _Parsed | None:
    if _MISREAD.search(pattern):
        return None
    try:
        return _Parsed(pattern)
    except Exception:  # the stdlib parser refuses what `regex` accepts: nothing is known
        return None


def variants(char: str) -> str:
    """Every character `regex` matches for `char` case-insensitively (including `char`)."""
    if char not in _VARIANTS:
        same = regex.findall(regex.escape(char), _CASED, flags=regex.IGNORECASE) if char.isalpha() else []
        _VARIANTS[char] = "".join(sorted(set(same) | {char}))
    return _VARIANTS[char]


def shorten(literal: str, solid: int) -> str:
    """The start of `literal` up to its `solid`-th character of its own: whatever holds the literal holds that."""
    count = 0
    for position, char in enumerate(literal):
        if char not in _MARKS:
            count += 1
            if count == solid:
                return literal[: position + 1]
    return literal


def _is_junk_char(char: str) -> bool:
    """Punctuation, symbols, spaces: never a letter or digit in any script."""
    return not char.isalnum()


def _is_junk(item: tuple[Any, Any], parsed: _Parsed) -> bool:
    """True when the item matches nothing but junk (or nothing at all: anchors, lookarounds)."""
    op, arg = item
    if op is _sre.LITERAL:
        hidden = parsed.placeholder(arg)
        if hidden is not None:
            return not hidden[0] and hidden[1].lower().replace("is", "", 1) in _JUNK_PROPERTIES
        return _is_junk_char(chr(arg))
    if op is _sre.IN:
        if arg and arg[0][0] is _sre.NEGATE:
            return False
        return all(_is_junk((o, a), parsed) for o, a in arg)
    if op is _sre.CATEGORY:
        return arg in (_sre.CATEGORY_SPACE, _sre.CATEGORY_NOT_WORD, _sre.CATEGORY_LINEBREAK)
    if op is _sre.RANGE:
        low, high = arg
        return high - low <= 0x3000 and all(_is_junk_char(chr(code)) for code in range(low, high + 1))
    if op in (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT):
        return True
    if op is _sre.SUBPATTERN:
        return all(_is_junk(i, parsed) for i in arg[-1])
    if op is _ATOMIC:
        return all(_is_junk(i, parsed) for i in arg)
    if op is _sre.BRANCH:
        return all(all(_is_junk(i, parsed) for i in branch) for branch in arg[1])
    if op in _REPEATS:
        return all(_is_junk(i, parsed) for i in arg[2])
    return False


def _chars(item: tuple[Any, Any], parsed: _Parsed) -> frozenset[str] | None:
    """The characters a literal or a small class of literals matches (case variants merged), or None."""
    op, arg = item
    if op is _sre.LITERAL:
        return None if parsed.placeholder(arg) is not None else frozenset([chr(arg)])
    if op is not _sre.IN:
        return None
    chars: set[str] = set()
    for o, a in arg:
        if o is not _sre.LITERAL or parsed.placeholder(a) is not None:
            return None
        char = chr(a)
        if not any(char in variants(known) for known in chars):
            chars.add(char)
    return frozenset(chars) if 0 < len(chars) <= _MAX_CLASS else None


def _solid(literal: str) -> int:
    """Characters of a literal that stand for themselves (not for a run of a class)."""
    return sum(char not in _MARKS for char in literal)


def _property_kind(parsed: _Parsed, code: int) -> str | None:
    hidden = parsed.placeholder(code)
    if hidden is None:
        return None
    negated, name = hidden
    name = name.lower().replace("is", "", 1) if name.lower().startswith("is") else name.lower()
    if negated:
        return ANY
    if name in ("n", "nd", "number", "decimal_number", "digit"):
        return DIGIT
    return GAP if name in _JUNK_PROPERTIES else WORD if name in _LETTER_PROPERTIES else ANY


def _kind(item: tuple[Any, Any], parsed: _Parsed) -> str | None:
    """GAP, WORD or ANY: the widest class a one-character item falls in; None for anything longer."""
    op, arg = item
    if op is _sre.LITERAL:
        kind = _property_kind(parsed, arg)
        if kind is not None:
            return kind
        char = chr(arg)
        return GAP if _is_junk_char(char) else DIGIT if char.isdigit() else WORD if char.isalnum() else ANY
    if op is _sre.RANGE:
        low, high = arg
        if high - low > 0x3000:
            return ANY
        return _widest({_kind((_sre.LITERAL, code), parsed) for code in range(low, high + 1)})
    if op is _sre.CATEGORY:
        if arg in (_sre.CATEGORY_SPACE, _sre.CATEGORY_NOT_WORD, _sre.CATEGORY_LINEBREAK):
            return GAP
        return DIGIT if arg is _sre.CATEGORY_DIGIT else WORD if arg is _sre.CATEGORY_WORD else ANY
    if op is _sre.IN:
        if not arg or arg[0][0] is _sre.NEGATE:
            return ANY
        return _widest({_kind(member, parsed) for member in arg})
    if op in (_sre.ANY, _sre.NOT_LITERAL):
        return ANY
    return None


def _token(item: tuple[Any, Any], parsed: _Parsed) -> str | None:
    """The token standing for a one-character item or a repeat of one: GAP, WORD_OR_NONE, ANY... or None."""
    op, arg = item
    low = 1
    if op in _REPEATS and len(arg[2]) == 1:
        low, item = arg[0], arg[2][0]
    kind = _kind(item, parsed)
    if kind is None:
        return None
    return kind if low >= 1 else {GAP: GAP_OR_NONE, WORD: WORD_OR_NONE, DIGIT: DIGIT_OR_NONE, ANY: ANY_OR_NONE}[kind]


def _widest(kinds: set[str | None]) -> str:
    """The one kind covering all of `kinds`: digits are letters-or-digits; junk and letters mixed is anything."""
    if kinds <= {DIGIT}:
        return DIGIT
    if kinds <= {DIGIT, WORD}:
        return WORD
    return GAP if kinds == {GAP} else ANY


_CLASS_OF = {
    GAP: GAP, GAP_OR_NONE: GAP, WORD: WORD, WORD_OR_NONE: WORD, DIGIT: DIGIT, DIGIT_OR_NONE: DIGIT,
    ANY: ANY, ANY_OR_NONE: ANY,
}  # fmt: skip


def _join(head: str, tail: str) -> str:
    r"""Head + tail, with two adjacent runs of one class merged into one ("\\s*" then "\\s+" is one gap)."""
    if head and tail and _CLASS_OF.get(head[-1], head[-1]) == _CLASS_OF.get(tail[0]):
        at_least_one = head[-1] == _CLASS_OF[head[-1]] or tail[0] == _CLASS_OF[tail[0]]
        merged = _CLASS_OF[tail[0]] if at_least_one else tail[0]
        return head[:-1] + merged + tail[1:]
    return head + tail


def _cross(heads: frozenset[str], tails: frozenset[str]) -> frozenset[str] | None:
    if len(heads) * len(tails) > MAX_ALTERNATIVES:
        return None
    return frozenset(_join(h, t) for h in heads for t in tails)


def _trim(run: frozenset[str], leading: bool = False) -> frozenset[str] | None:
    """Literals without what selects nothing at their ends; None when one has no character of its own.

    A leading literal keeps a run of letters or digits at its start: the line starts with it. At the end only
    runs that may be empty (or hold anything) go.
    """
    tokens = "".join(_RUNS)
    trimmed = frozenset(
        (r.lstrip(GAP + GAP_OR_NONE + BOUNDARY) if leading else r.lstrip(tokens + BOUNDARY)).rstrip(_USELESS_AT_END)
        for r in run
    )
    return trimmed if trimmed and all(_solid(t) for t in trimmed) else None


def _prune(literals: frozenset[str], inside: bool) -> frozenset[str]:
    """Drop literals that another one already covers: one it starts with (or holds anywhere, if `inside`)."""
    kept: set[str] = set()
    for literal in sorted(literals, key=len):
        starts = range(len(literal)) if inside else range(1)
        if not any(literal[a:b] in kept for a in starts for b in range(a + 1, len(literal) + 1)):
            kept.add(literal)
    return frozenset(kept)


def _merge(parts: list[Found | None]) -> Found | None:
    if any(p is None for p in parts):
        return None
    leading = _prune(frozenset().union(*(p[0] for p in parts if p is not None)), inside=False)
    anywhere = _prune(frozenset().union(*(p[1] for p in parts if p is not None)), inside=True)
    return (leading, anywhere) if len(leading) + len(anywhere) <= MAX_LITERALS else None


def _leading_or_any(items: list[Any], parsed: _Parsed, run: frozenset[str]) -> Found | None:
    """`_leading`, or where the items give no leading literal, the literals they hold anywhere."""
    found = _leading(items, parsed, run)
    if found is not None:
        return found
    anywhere = _required(items, parsed)
    return None if anywhere is None else (frozenset(), anywhere)


def _leading(items: list[Any], parsed: _Parsed, run: frozenset[str] = _START) -> Found | None:
    """Literals every match of `items` starts with after junk, each continuing one of `run`; None if unknown.

    Literals may hold tokens (a run of junk, letters or digits); they stop after MAX_LEADING characters of
    their own, or where the pattern stops being literal. Where an alternative gives no leading literal, the
    literals it must hold anywhere stand in for it.
    """
    for position, item in enumerate(items):
        if min(_solid(r) for r in run) >= MAX_LEADING:
            break
        op, arg = item
        if op is _sre.ASSERT and arg[0] < 0 and run == _START_HERE:
            # A lookbehind where the literal starts: the line holds its text right before the match.
            return _leading(list(arg[1]) + items[position + 1 :], parsed, run)
        longer: frozenset[str] | None
        if op in (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT):
            if op is _sre.AT and arg in (_sre.AT_END, _sre.AT_END_STRING):
                run = _cross(run, frozenset([END])) or run if any(run) else run
                break
            if op is _sre.AT and arg is _sre.AT_BOUNDARY and any(run) and all(_word_end(r) for r in run):
                run = frozenset(r + BOUNDARY for r in run)
                break  # the screen reads a boundary as "not a letter or digit next": nothing may follow it
            continue  # zero-width: other anchors, lookarounds and the leading ^ take no text
        repeated = _chars(arg[2][0], parsed) if op in _REPEATS and arg[0] >= 1 and len(arg[2]) == 1 else None
        if repeated is not None:
            longer = run  # ">{2,3}": two ">" for sure, and maybe more after them, so the literal ends there
            for _ in range(min(arg[0], MAX_LEADING)):
                longer = _cross(longer, repeated) if longer is not None else None
            if longer is None or arg[1] != arg[0]:
                run = longer or run
                break
            run = longer
            continue
        chars = _chars(item, parsed)
        token = _token(item, parsed)
        if chars is not None:
            longer = _cross(run, chars)
        elif token is not None or _is_junk(item, parsed):
            if not any(run) and (token is None or token in (GAP, GAP_OR_NONE)):
                continue  # junk before the text starts
            if token in (ANY, ANY_OR_NONE):
                break  # "anything" in a literal would make the screen's automaton large: the literal ends here
            longer = _cross(run, frozenset([token or GAP_OR_NONE]))
        else:
            found = _group(item, items[position + 1 :], parsed, run)
            if found is not None:
                return found
            break  # too many alternatives, or nothing literal: the literals end here
        if longer is None:
            break
        run = longer
    trimmed = _trim(run, leading=True)
    return None if trimmed is None else (_prune(trimmed, inside=False), frozenset())


def _group(item: tuple[Any, Any], rest: list[Any], parsed: _Parsed, run: frozenset[str]) -> Found | None:
    """`_leading` through a group, an alternation or a repeat, then the items after it; None if unknown."""
    op, arg = item
    if op is _sre.SUBPATTERN:
        return _leading(list(arg[-1]) + rest, parsed, run)
    if op is _ATOMIC:
        return _leading(list(arg) + rest, parsed, run)
    if op in _REPEATS and arg[0] >= 1:
        return _leading(list(arg[2]), parsed, run)  # later repeats may differ: stop after the first
    if op is _sre.BRANCH:
        options = [list(branch) + rest for branch in arg[1]]
    elif op in _REPEATS and arg[1] == 1:
        options = [list(arg[2]) + rest, rest]  # optional: once, or not at all
    elif op in _REPEATS:
        options = [list(arg[2]), rest]  # any number of times: the literal ends inside the first
    else:
        return None
    found = _merge([_leading_or_any(option, parsed, run) for option in options])
    if found is None and op is _sre.BRANCH:  # too many alternatives: end the literals with the group
        found = _merge([_leading_or_any(list(branch), parsed, run) for branch in arg[1]])
    elif found is None:
        found = _merge([_leading_or_any(list(arg[2]), parsed, run), _leading_or_any([], parsed, run)])
    return found


def _word_end(literal: str) -> bool:
    """True when the literal ends with a letter or digit of its own (where a word boundary may follow)."""
    return bool(literal) and literal[-1] not in _MARKS and (literal[-1].isalnum() or literal[-1] == "_")


def _anchored(items: list[Any]) -> bool:
    if not items:
        return False
    op, arg = items[0]
    if op is _sre.AT:
        return bool(arg in (_sre.AT_BEGINNING, _sre.AT_BEGINNING_STRING))
    if op is _sre.SUBPATTERN:
        return _anchored(list(arg[-1]))
    if op is _sre.BRANCH:
        return all(_anchored(list(branch)) for branch in arg[1])
    return False


# Past this weight of its longest run of text, a literal selects well enough: fewer literals count more then.
ENOUGH = 6


def _score(atoms: frozenset[str]) -> tuple[float, int, float]:
    """The literals whose weakest one has the longest run of text first, capped at ENOUGH; then fewer, then more text.

    The prefilter looks for that run: "auch" or "sind" is in most German articles, "(lesen" is not.
    Spaces do not count: a literal " " or " a " is in every line of prose.
    """
    return min(min(_run_weight(a) for a in atoms), ENOUGH), -len(atoms), min(_weight(a) for a in atoms)


def _run_weight(literal: str) -> float:
    """The weight of a literal's longest run of text (between marks)."""
    return max((_weight(run) for run in re.split("[" + "".join(sorted(_MARKS)) + "]", literal) if run), default=0)


# Characters in nearly every sentence of prose: a full stop or comma selects less than other ASCII punctuation.
SENTENCE_MARKS = ".,"


def char_weight(char: str) -> float:
    """How much one character of a literal selects: letters and rare signs 1, common ASCII punctuation ½, spaces 0.

    Full stops and commas count ¼: every sentence has them.
    """
    if char == " ":
        return 0
    if char in SENTENCE_MARKS:
        return 0.25
    return 0.5 if char.isascii() and not char.isalnum() else 1


def _weight(literal: str) -> float:
    """How much a literal selects: the sum of its characters' weights (marks count nothing)."""
    return sum(char_weight(c) for c in literal if c not in _MARKS)


def _specific(atoms: frozenset[str]) -> tuple[float, float, int]:
    """The literals whose weakest one holds the most text first (the most specific condition on a line)."""
    return min(_run_weight(a) for a in atoms), min(_weight(a) for a in atoms), -len(atoms)


def _required(items: list[Any], parsed: _Parsed, score: Any = _score) -> frozenset[str] | None:
    """The best set of literals (by `score`) one of which every match of the sequence `items` contains, or None.

    Candidates: the literals starting at each item (every match holds the text matched from there on), and
    those inside each group that every match goes through.
    """
    best: frozenset[str] | None = None

    def consider(found: frozenset[str] | None) -> None:
        nonlocal best
        found = _trim(found) if found else None
        if found and score(found)[0] > 0 and (best is None or score(found) > score(best)):
            best = found

    for position, (op, arg) in enumerate(items):
        if op in (_sre.AT, _sre.ASSERT_NOT) or (op is _sre.ASSERT and arg[0] > 0):
            continue
        found = _leading(items[position:], parsed, _START_HERE)
        if found is not None:
            consider(found[0] | found[1])
        if op is _sre.SUBPATTERN:
            consider(_required(list(arg[-1]), parsed, score))
        elif op is _ATOMIC:
            consider(_required(list(arg), parsed, score))
        elif op is _sre.BRANCH:
            branches = [_required(list(branch), parsed, score) for branch in arg[1]]
            if all(b is not None for b in branches):
                union = frozenset().union(*(b for b in branches if b is not None))
                consider(union if len(union) <= MAX_ALTERNATIVES else None)
        elif op in _REPEATS and arg[0] >= 1:
            consider(_required(list(arg[2]), parsed, score))
    return best


def _branches(items: list[Any]) -> list[list[Any]]:
    """The top-level alternatives of a pattern (itself when it has none)."""
    if len(items) == 1 and items[0][0] is _sre.BRANCH:
        return [list(branch) for branch in items[0][1][1]]
    if len(items) == 1 and items[0][0] is _sre.SUBPATTERN:
        return _branches(list(items[0][1][-1]))
    return [items]


@functools.lru_cache(maxsize=4096)
def screen_literals(pattern: str) -> Found | None:
    r"""What the screen looks for to find lines `pattern` may match: (leading literals, literals anywhere).

    A line can match only if it starts (after junk) with a leading literal or holds a literal anywhere.
    None: the pattern gives nothing to look for, and its rule must run on every line.

    >>> lead, anywhere = screen_literals(r"^\W{0,3}(?:lesen\s+sie|mehr)\s*:|\(foto:")
    >>> sorted(x.replace(GAP, "_").replace(GAP_OR_NONE, "~") for x in lead), sorted(anywhere)
    (['lesen_sie', 'mehr~:'], ['(foto:'])
    >>> screen_literals(r"^\w+$") is None
    True
    """
    parsed = _parse(pattern)
    if parsed is None or any(token in pattern for token in (*_RUNS, END)):
        return None
    parts = [
        _anchored_or_any(branch, parsed) if _anchored(branch) else _anywhere(branch, parsed)
        for branch in _branches(parsed.items)
    ]
    return _merge(parts)


@functools.lru_cache(maxsize=4096)
def line_literals(pattern: str) -> frozenset[str] | None:
    r"""Literals one of which every line `pattern` matches holds somewhere, the most specific such set found.

    The prefilter's keys come from `screen_literals` (the rarest text to look for); this is a second condition on
    the line of a key's hit, checked before the line goes to `regex`: "bild" flags a line, "bild~:" must be in it.
    None: nothing found.

    >>> sorted(x.replace(GAP_OR_NONE, "~") for x in line_literals(r"\b(?:foto|bild)\s*:"))
    ['bild~:', 'foto~:']
    """
    parsed = _parse(pattern)
    if parsed is None or any(token in pattern for token in (*_RUNS, END)):
        return None
    parts = [_required(branch, parsed, _specific) for branch in _branches(parsed.items)]
    if any(part is None for part in parts):
        return None
    found = _prune(frozenset().union(*(part for part in parts if part is not None)), inside=True)
    return found if len(found) <= MAX_LITERALS else None


def _anchored_or_any(items: list[Any], parsed: _Parsed) -> Found | None:
    r"""An anchored branch's leading literals, or what it holds anywhere when that selects better.

    "\w+ \d{1,2}, \d{4} .{0,80} · " gives no useful leading literal, but every match holds " · ".
    """
    lead = _leading_or_any(items, parsed, _START)
    anywhere = _required(items, parsed)
    if anywhere is not None and (lead is None or _selects(anywhere, False) > _selects_found(lead)):
        return frozenset(), anywhere
    return lead


def _selects_found(found: Found) -> float:
    """How well leading literals, with the literals some alternatives hold anywhere instead, select: the weakest."""
    parts = [_selects(found[0], True)] if found[0] else []
    return min(parts + ([_selects(found[1], False)] if found[1] else []), default=0)


def _selects(literals: frozenset[str], leading: bool) -> float:
    """How well a set of literals selects lines: the weight of its weakest literal's best run of text.

    A leading literal counts its text up to its first mark, past its junk, plus LINE_START_WEIGHT for the line start.
    """
    if not literals:
        return 0
    weights = []
    for literal in literals:
        runs = [run for run in re.split("[" + "".join(sorted(_MARKS)) + "]", literal) if run]
        if leading:
            head = re.split("[" + "".join(sorted(_MARKS)) + "]", literal, maxsplit=1)[0]
            while head and _is_junk_char(head[0]):
                head = head[1:]
            if head:
                weights.append(_weight(head) + LINE_START_WEIGHT)
                continue
        weights.append(max((_weight(run) for run in runs), default=0))
    return min(weights)


def _anywhere(items: list[Any], parsed: _Parsed) -> Found | None:
    found = _required(items, parsed)
    return None if found is None else (frozenset(), found)
