r"""Translate a rule's `regex` pattern into an RE2 pattern that matches wherever the rule could match a line.

The screen runs these translations in one RE2 Set over a whole document. Every construct is translated so that RE2 can
only accept *more*: lookarounds and word boundaries are dropped, `\w` and `\s` become their Unicode classes
(RE2's own are ASCII), letters carry every case variant `regex` accepts ("i" also "İ"), and anything
doubtful widens to "any character". A pattern that cannot be translated returns None and its rule falls
back to literal screening.
"""

from __future__ import annotations

import importlib
import sys
from typing import Any

import re2
import regex

_NEW = sys.version_info >= (3, 11)
_sre: Any = importlib.import_module("re._constants" if _NEW else "sre_constants")
_sre_parse: Any = importlib.import_module("re._parser" if _NEW else "sre_parse")

_PROPERTY = regex.compile(r"\\([pP])\{([^}]*)\}|\\([pP])([A-Za-z])")
_MISREAD = regex.compile(r"\[:\^?[a-z]+:\]|\{[^{}]*[eisd]\s*[<=>][^{}]*\}|\\L<|\\[mMXGK]|\(\?\||\(\?V1\)|\\N\{")
_PUA = 0xF0001  # placeholders for \p{...} in the stdlib parser's view: Supplementary Private Use Area-A
_LINE = "line"  # first entry of the placeholder table when a translation reads one line, not a document
_ANY = r"(?s:.)"
# Classes are widened to what is cheap in UTF-8 bytes: every non-ASCII character plus the ASCII members.
# Unicode classes such as \p{L} are large automata, and the screen's selectivity comes from literals anyway.
_NON_ASCII = r"\x{80}-\x{10ffff}"
_WORD = f"[0-9A-Za-z_{_NON_ASCII}]"  # wider than `regex`'s Unicode \w
_SPACE = f"[\\t-\\r\\x1c-\\x20{_NON_ASCII}]"  # wider than `regex`'s Unicode \s
_DIGIT = f"[0-9{_NON_ASCII}]"
_LETTERS = f"[0-9A-Za-z{_NON_ASCII}]"  # any \p{...} property: letters, numbers, scripts
_BREAKS = r"[\r\x0b\x0c\x1c\x1d\x1e\x{85}\x{2028}\x{2029}]"
_CASED = "".join(c for c in map(chr, range(0x20000)) if c.lower() != c or c.upper() != c or c.casefold() != c)
_VARIANTS: dict[str, str] = {}
_RE2_FOLDS: dict[str, frozenset[str]] = {}


class Untranslatable(Exception):
    """A construct with no safe RE2 superset."""


def variants(char: str) -> str:
    """Every character `regex` matches for `char` case-insensitively (including `char`)."""
    if char not in _VARIANTS:
        same = regex.findall(regex.escape(char), _CASED, flags=regex.IGNORECASE) if char.isalpha() else []
        _VARIANTS[char] = "".join(sorted(set(same) | {char}))
    return _VARIANTS[char]


def _re2_folds(char: str) -> frozenset[str]:
    """The characters RE2 itself matches for `char` case-insensitively."""
    if char not in _RE2_FOLDS:
        options = re2.Options()
        options.case_sensitive = False
        pattern = re2.compile(re2.escape(char), options)
        _RE2_FOLDS[char] = frozenset(c for c in variants(char) if pattern.fullmatch(c))
    return _RE2_FOLDS[char]


def _escape(char: str) -> str:
    return re2.escape(char) if ord(char) >= 0x20 else f"\\x{{{ord(char):x}}}"


def _literal(char: str, properties: list[str]) -> str:
    if _PUA <= ord(char) < _PUA + len(properties) - 1:
        return properties[ord(char) - _PUA + 1]
    chars = variants(char)
    if len(chars) == 1 or set(chars) <= _re2_folds(char):
        return _escape(char)  # RE2's own case folding already covers what `regex` accepts
    return "[" + "".join(_escape(c) for c in chars) + "]"


def _class(items: list[tuple[Any, Any]], properties: list[str]) -> str:
    if items and items[0][0] is _sre.NEGATE:
        rest = items[1:]
        # Only a negated set of plain non-letters has the same meaning in both engines; else any character.
        if all(
            op is _sre.LITERAL and not chr(arg).isalnum() and not _PUA <= arg < _PUA + len(properties)
            for op, arg in rest
        ):
            return "[^" + "".join(_escape(chr(arg)) for _, arg in rest) + "]"
        return _ANY
    parts: list[str] = []
    for op, arg in items:
        if op is _sre.LITERAL:
            text = _literal(chr(arg), properties)
            if text == _ANY:
                return _ANY
            parts.append(text[1:-1] if text.startswith("[") and not text.startswith("[^") else text)
        elif op is _sre.RANGE:
            low, high = arg
            if high - low > 0x3000:
                return _ANY
            parts.extend(_escape(c) for c in {v for code in range(low, high + 1) for v in variants(chr(code))})
        elif op is _sre.CATEGORY:
            category = _category(arg)
            if category == _ANY:
                return _ANY
            parts.append(category[1:-1] if category.startswith("[") else category)
        else:
            return _ANY
    return "[" + "".join(parts) + "]"


def _category(arg: Any) -> str:
    if arg is _sre.CATEGORY_DIGIT:
        return _DIGIT
    if arg is _sre.CATEGORY_WORD:
        return _WORD
    if arg is _sre.CATEGORY_SPACE:
        return _SPACE
    if arg is _sre.CATEGORY_NOT_WORD:
        return r"\W"  # RE2's \W is every character but ASCII [0-9A-Za-z_]: wider than `regex`'s
    return _ANY


def _sequence(items: Any, properties: list[str]) -> str:
    return "".join(_node(item, properties) for item in items)


# A prefix of a pattern matches wherever the pattern does, so the screen may stop once a translation holds
# this many literal characters: the open-ended tails rules end with ("[^()]{1,200}\)") are what make RE2's
# automaton for hundreds of patterns large and slow to build.
ENOUGH_LITERALS = 6


def _prefix(items: Any, properties: list[str], budget: int) -> str:
    """Translate `items` from the start until every path through them holds `budget` literal characters.

    An alternation takes the rest of the sequence into each alternative, (a|b)c = (ac|bc), so each path is cut
    on its own: a short alternative ("x") keeps what follows it, a long one stops early.
    """
    items = list(items)
    parts: list[str] = []
    weight = 0
    for position, item in enumerate(items):
        if weight >= budget:
            break
        op, arg = item
        rest = items[position + 1 :]
        if op is _sre.BRANCH:
            alternatives = [_prefix(list(branch) + rest, properties, budget - weight) for branch in arg[1]]
            return "".join(parts) + "(?:" + "|".join(alternatives) + ")"
        if op is _sre.SUBPATTERN or op is getattr(_sre, "ATOMIC_GROUP", None):
            inner = list(arg[-1] if op is _sre.SUBPATTERN else arg)
            return "".join(parts) + "(?:" + _prefix(inner + rest, properties, budget - weight) + ")"
        parts.append(_node(item, properties))
        weight += _weight([item])
    return "".join(parts)


def _weight(items: Any) -> int:
    """Literal characters every match of `items` must contain (a lower bound)."""
    total = 0
    for op, arg in items:
        if op is _sre.LITERAL or (op is _sre.IN and arg and all(o is _sre.LITERAL for o, _ in arg)):
            total += 1
        elif op is _sre.SUBPATTERN:
            total += _weight(arg[-1])
        elif op is _sre.BRANCH:
            total += min(_weight(branch) for branch in arg[1])
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT) and arg[0] >= 1:
            total += _weight(arg[2])
    return total


def _node(item: tuple[Any, Any], properties: list[str]) -> str:
    op, arg = item
    if op is _sre.LITERAL:
        return _literal(chr(arg), properties)
    if op in (_sre.NOT_LITERAL, _sre.ANY):
        return _ANY
    if op is _sre.IN:
        return _class(list(arg), properties)
    if op is _sre.CATEGORY:
        return _category(arg)
    if op is _sre.BRANCH:
        return "(?:" + "|".join(_sequence(branch, properties) for branch in arg[1]) + ")"
    if op is _sre.SUBPATTERN:
        return "(?:" + _sequence(arg[-1], properties) + ")"
    if op is getattr(_sre, "ATOMIC_GROUP", None):
        return "(?:" + _sequence(arg, properties) + ")"
    if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT) or op is getattr(_sre, "POSSESSIVE_REPEAT", None):
        low, high, sub = arg
        body = "(?:" + _sequence(sub, properties) + ")"
        # Counted repeats blow up RE2's automaton ("[^()]{1,200}" is 200 states); past a few, widen to open-ended.
        if high is _sre.MAXREPEAT or high > 4:
            return body + ("*" if low == 0 else "+")
        return body + f"{{{low},{high}}}"
    if op is _sre.AT:
        # Rules match one line at a time. Read line by line, ^ and $ keep their meaning; read as a whole
        # document, a line starts or ends at the text's ends or at any line break of segment.py (RE2's
        # multi-line mode only knows "\n").
        if arg in (_sre.AT_BEGINNING, _sre.AT_BEGINNING_STRING):
            return "^" if properties and properties[0] == _LINE else "(?:(?m:^)|" + _BREAKS + ")"
        if arg in (_sre.AT_END, _sre.AT_END_STRING):
            return "$" if properties and properties[0] == _LINE else "(?:(?m:$)|" + _BREAKS + ")"
        return ""  # \b, \B: dropping a zero-width condition only widens
    if op in (_sre.ASSERT, _sre.ASSERT_NOT):
        return ""  # lookarounds: dropped, which only widens
    if op is _sre.GROUPREF:
        return _ANY + "*"
    raise Untranslatable(str(op))


def to_re2(pattern: str, line: bool = False) -> str | None:
    r"""Return an RE2 pattern that matches wherever `pattern` matches a line, or None.

    `line`: the pattern will read one line (^ and $ are its ends); else a whole document.

    >>> to_re2(r"(?:photo|foto)\b:?(?=\s)", line=True)
    '(?:photo(?:\\:){0,1}|foto(?:\\:){0,1})'
    """
    if _MISREAD.search(pattern):
        return None
    properties: list[str] = [_LINE if line else ""]

    def hide(match: regex.Match[str]) -> str:
        negated = (match.group(1) or match.group(3)) == "P"
        properties.append(_ANY if negated else _LETTERS)
        return chr(_PUA + len(properties) - 2)

    try:
        parsed = list(_sre_parse.parse(_PROPERTY.sub(hide, pattern), 0))
        translated = _prefix(parsed, properties, ENOUGH_LITERALS)
        if len(translated) > 50_000:  # distributing alternations can grow; the untrimmed form is bounded
            translated = _sequence(parsed, properties)
        options = re2.Options()
        options.case_sensitive = False
        re2.compile(translated, options)
    except Exception:  # the stdlib parser or RE2 refuses it: the rule runs on every line
        return None
    return translated


def anchored_at_line_start(pattern: str) -> bool:
    """True when every match of `pattern` starts at the start of the line (every alternative opens with ^)."""
    if _MISREAD.search(pattern):
        return False
    try:
        parsed = list(_sre_parse.parse(_PROPERTY.sub("x", pattern), 0))
    except Exception:
        return False
    return _opens_with_caret(parsed)


def _opens_with_caret(items: Any) -> bool:
    if not items:
        return False
    op, arg = items[0]
    if op is _sre.AT:
        return arg in (_sre.AT_BEGINNING, _sre.AT_BEGINNING_STRING)
    if op is _sre.BRANCH:
        return all(_opens_with_caret(list(branch)) for branch in arg[1])
    if op is _sre.SUBPATTERN:
        return _opens_with_caret(list(arg[-1]))
    return False
