r"""Spot patterns that can backtrack catastrophically (`(a+)+$`, `(\\w|\\d)+$`), to warn about them at load time.

A backtracking engine takes exponential time when a repeated group can match the same text in more than one
way and the match then fails. Two shapes cause almost every case seen in practice, and both are found here on
the parsed pattern:

- a **nested quantifier**: an unbounded repeat whose body is one unbounded repeat plus parts that may match
  nothing (`(a+)+`, `(\\w+\\s*)*`); `(\\s+\\w+)*` is fine, every round must start with a space;
- **overlapping alternatives** inside an unbounded repeat: two branches can begin with the same character
  (`(a|ab)+`, `(\\w|\\d)+`).

It is a heuristic on the standard library's parser: a pattern that parser cannot read (most `regex`-only
syntax other than `\\p{..}`) is not judged. Each match still runs under its time limit; the warning only says
which rule will hit it.

Past 300 lines on purpose: both checks read the one parse tree through the same helpers (`_first`,
`_nullable`, `_overlap`); split in two, each half would import the other's private parts.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

try:  # Python 3.11+
    from re import _constants as sre_constants  # type: ignore[attr-defined,unused-ignore]
    from re import _parser as sre_parse  # type: ignore[attr-defined,unused-ignore]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants  # type: ignore[no-redef,unused-ignore]
    import sre_parse  # type: ignore[no-redef,unused-ignore]

C = sre_constants
_UNBOUNDED = C.MAXREPEAT
_REPEATS = (C.MAX_REPEAT, C.MIN_REPEAT)
# regex-only property classes read as a word class, which is what they mostly are in these rules.
_PROPERTY = re.compile(r"\\[pP](?:\{[^}]*\}|[A-Za-z])")
_ANY = "any"
# Pairs of classes that share no character (both orders are checked).
_DISJOINT = {
    (C.CATEGORY_WORD, C.CATEGORY_SPACE),
    (C.CATEGORY_DIGIT, C.CATEGORY_SPACE),
    (C.CATEGORY_DIGIT, C.CATEGORY_NOT_DIGIT),
    (C.CATEGORY_SPACE, C.CATEGORY_NOT_SPACE),
    (C.CATEGORY_WORD, C.CATEGORY_NOT_WORD),
}
_CATEGORY_TEST: dict[Any, Callable[[str], bool]] = {
    C.CATEGORY_WORD: lambda ch: ch.isalnum() or ch == "_",
    C.CATEGORY_NOT_WORD: lambda ch: not (ch.isalnum() or ch == "_"),
    C.CATEGORY_DIGIT: str.isdigit,
    C.CATEGORY_NOT_DIGIT: lambda ch: not ch.isdigit(),
    C.CATEGORY_SPACE: str.isspace,
    C.CATEGORY_NOT_SPACE: lambda ch: not ch.isspace(),
}


def backtracking_risks(pattern: str) -> list[str]:
    r"""Describe each place where `pattern` can backtrack catastrophically; empty when none is found.

    >>> backtracking_risks(r"^(a+)+$"), backtracking_risks(r"^(?:\\s+\\w+)*$")
    (['nested quantifier: a repeated group whose body is itself an unbounded repeat'], [])
    >>> backtracking_risks(r"(a|aa)+$")
    ['overlapping alternatives inside an unbounded repeat']
    """
    try:
        tree = sre_parse.parse(_PROPERTY.sub(r"\\w", pattern), re.IGNORECASE)
    except (re.error, OverflowError, RecursionError, ValueError):
        return []
    found: list[str] = []
    _walk(list(tree), found)
    return list(dict.fromkeys(found))


def compiled_size(pattern: str) -> int:
    r"""How many copies of its atoms a pattern asks for once counted repeats are unrolled (0: cannot tell).

    `(?:(?:a{100}){100}){100}` is small to write but a million atoms to compile, which takes `regex` seconds
    and hundreds of MB; one more level takes minutes and gigabytes.

    >>> compiled_size(r"(?:(?:a{100}){100}){100}"), compiled_size(r"^\W{0,3}read more")
    (1000000, 13)
    """
    try:
        tree = sre_parse.parse(_PROPERTY.sub(r"\\w", pattern))
    except (re.error, OverflowError, RecursionError, ValueError):
        return 0
    return _size(list(tree))


def _size(items: list[Any]) -> int:
    total = 0
    for op, arg in items:
        if op in _REPEATS or op == getattr(C, "POSSESSIVE_REPEAT", None):
            low, high, body = arg
            total += (max(low, 1) if high == _UNBOUNDED else max(high, 1)) * _size(list(body))
        elif op == C.SUBPATTERN:
            total += _size(list(arg[-1]))
        elif op == C.BRANCH:
            total += sum(_size(list(branch)) for branch in arg[1])
        elif op in (C.ASSERT, C.ASSERT_NOT):
            total += _size(list(arg[1]))
        else:
            total += 1
    return total


def _walk(items: list[Any], found: list[str]) -> None:
    for op, arg in items:
        if op in _REPEATS:
            _low, high, body = arg
            body = list(body)
            if high == _UNBOUNDED:
                _judge_repeat(body, found)
            _walk(body, found)
        elif op == C.SUBPATTERN:
            _walk(list(arg[-1]), found)
        elif op == C.BRANCH:
            for branch in arg[1]:
                _walk(list(branch), found)
        elif op in (C.ASSERT, C.ASSERT_NOT):
            _walk(list(arg[1]), found)
        # Atomic groups and possessive repeats never backtrack into themselves: not opened.


def _judge_repeat(body: list[Any], found: list[str]) -> None:
    items = _flatten(body)
    loops = [item for item in items if item[0] in _REPEATS and item[1][1] == _UNBOUNDED]
    rest = [item for item in items if item not in loops and not _nullable([item])]
    if loops and not rest:
        # Every round is only unbounded repeats: one that must match (or none), or several whose ends can take
        # the same character (x+x+); the boundary between rounds is then free.
        core = [item for item in loops if not _nullable([item])]
        if len(core) <= 1 or _overlap(_first([core[-1]]), _first([core[0]])):
            found.append("nested quantifier: a repeated group whose body is itself an unbounded repeat")
    words = _words(items)
    ambiguous = words is not None and any(_composed(word, words) for word in words)
    for op, arg in items:
        ambiguous = ambiguous or (op == C.BRANCH and _ambiguous([list(branch) for branch in arg[1]]))
    if ambiguous:
        found.append("overlapping alternatives inside an unbounded repeat")


def _words(items: list[Any], limit: int = 64) -> list[str] | None:
    """Every string a sequence of literals and alternatives can match (None past `limit` or for other syntax)."""
    words = [""]
    for op, arg in items:
        if op == C.LITERAL:
            choices = [chr(arg).lower()]
        elif op == C.SUBPATTERN:
            inner = _words(list(arg[-1]), limit)
            if inner is None:
                return None
            choices = inner
        elif op == C.BRANCH:
            choices = []
            for branch in arg[1]:
                inner = _words(list(branch), limit)
                if inner is None:
                    return None
                choices.extend(inner)
        else:
            return None
        words = [w + c for w in words for c in choices]
        if len(words) > limit:
            return None
    return words


def _ambiguous(branches: list[list[Any]]) -> bool:
    r"""True when a string can be cut into alternatives in two ways: `a|aa`, `\\w|\\d`, `\\w+|x`."""
    words = [w for w in (_literal(b) for b in branches) if w is not None]
    atoms = [_atom(b) for b in branches]
    singles = [{w} for w in words if len(w) == 1]
    classes = [a for a in atoms if a is not None]
    return any(_overlap(a, b) for n, a in enumerate(classes) for b in classes[n + 1 :] + singles)


def _literal(branch: list[Any]) -> str | None:
    if branch and all(op == C.LITERAL for op, _ in branch):
        return "".join(chr(arg) for _, arg in branch).lower()
    return None


def _atom(branch: list[Any]) -> set[Any] | None:
    r"""The characters of a branch that is one class or one repeated class (`\\d`, `[a-z]+`), else None."""
    if len(branch) == 1:
        op, arg = branch[0]
        if op in _REPEATS and len(arg[2]) == 1:
            op, arg = arg[2][0]
        if op in (C.IN, C.ANY, C.CATEGORY, C.NOT_LITERAL):
            return _first([(op, arg)])
    return None


def _composed(word: str, parts: list[str]) -> bool:
    """True when `word` is two or more of `parts` joined (as "aa" is with `a|aa`)."""
    ends = {0: 0}  # position -> fewest pieces to reach it
    for start in range(len(word)):
        if start not in ends:
            continue
        for part in parts:
            if part and word.startswith(part, start):
                end = start + len(part)
                ends[end] = max(ends.get(end, 0), ends[start] + 1)
    return ends.get(len(word), 0) >= 2


def _flatten(items: list[Any]) -> list[Any]:
    """Open plain groups, so `((a+))+` is judged like `(a+)+`."""
    flat: list[Any] = []
    for op, arg in items:
        if op == C.SUBPATTERN:
            flat.extend(_flatten(list(arg[-1])))
        else:
            flat.append((op, arg))
    return flat


def _nullable(items: list[Any]) -> bool:
    """True when the sequence can match the empty string."""
    for op, arg in items:
        if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
            continue
        if op in _REPEATS or op == getattr(C, "POSSESSIVE_REPEAT", None):
            if arg[0] == 0 or _nullable(list(arg[2])):
                continue
            return False
        if op == C.SUBPATTERN:
            if _nullable(list(arg[-1])):
                continue
            return False
        if op == C.BRANCH:
            if any(_nullable(list(branch)) for branch in arg[1]):
                continue
            return False
        return False
    return True


def _first(items: list[Any]) -> set[Any]:
    """What the sequence's first character can be: literals, ('cat', category), ('range', lo, hi) or ANY."""
    out: set[Any] = set()
    for op, arg in items:
        if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
            continue
        if op == C.LITERAL:
            out.add(chr(arg).lower())
        elif op == C.IN:
            if any(o == C.NEGATE for o, _ in arg):
                return {_ANY}
            for o, a in arg:
                if o == C.LITERAL:
                    out.add(chr(a).lower())
                elif o == C.RANGE:
                    out.add(("range", a[0], a[1]))
                elif o == C.CATEGORY:
                    out.add(("cat", a))
                else:
                    return {_ANY}
        elif op in _REPEATS or op == getattr(C, "POSSESSIVE_REPEAT", None):
            out |= _first(list(arg[2]))
            if arg[0] > 0 and not _nullable(list(arg[2])):
                return out
            continue
        elif op == C.SUBPATTERN:
            out |= _first(list(arg[-1]))
            if not _nullable(list(arg[-1])):
                return out
            continue
        elif op == C.BRANCH:
            for branch in arg[1]:
                out |= _first(list(branch))
            if not any(_nullable(list(branch)) for branch in arg[1]):
                return out
            continue
        else:
            return {_ANY}
        return out
    return out


def _overlap(a: set[Any], b: set[Any]) -> bool:
    if not a or not b:
        return False
    if _ANY in a or _ANY in b:
        return True
    return any(_meet(x, y) for x in a for y in b)


def _meet(x: Any, y: Any) -> bool:
    if isinstance(x, str) and isinstance(y, str):
        return x == y
    if isinstance(y, str):
        x, y = y, x
    if isinstance(x, str):
        return _contains(y, x)
    if x[0] == "range" and y[0] == "range":
        return bool(x[1] <= y[2] and y[1] <= x[2])
    if x[0] == "cat" and y[0] == "cat":
        return x[1] == y[1] or not ((x[1], y[1]) in _DISJOINT or (y[1], x[1]) in _DISJOINT)
    rng, cat = (x, y) if x[0] == "range" else (y, x)
    test = _CATEGORY_TEST.get(cat[1])
    return test is None or any(test(chr(code)) for code in range(rng[1], min(rng[2], rng[1] + 512) + 1))


def _contains(item: Any, ch: str) -> bool:
    if item[0] == "range":
        return bool(item[1] <= ord(ch) <= item[2] or item[1] <= ord(ch.upper()) <= item[2])
    test = _CATEGORY_TEST.get(item[1])
    return True if test is None else bool(test(ch))
