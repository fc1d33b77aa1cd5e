"""The screen: one linear-time RE2 pass per document that finds the few lines any rule could match.

Every pattern rule is reduced to literals that any match must contain (a prefilter, as RE2 and Hyperscan
build them). RE2 searches the document once for all literals, case-insensitively; only lines holding one
are handed to the full `regex` rules, and only to the rules owning a literal found there. The screen may
flag too much, never too little: a rule whose literals cannot be derived runs on every line.
"""

from __future__ import annotations

import bisect
import importlib
import sys
from collections.abc import Iterable, Sequence
from typing import Any

import re2
import regex

# The standard library's regex parser (renamed in 3.11); only its parse tree is used, for patterns it reads.
_NEW = sys.version_info >= (3, 11)
_sre: Any = importlib.import_module("re._constants" if _NEW else "sre_constants")
_sre_parse: Any = importlib.import_module("re._parser" if _NEW else "sre_parse")

MAX_EXACT = 64  # largest set of alternative strings tracked exactly before falling back to a requirement

# `regex`-only syntax rewritten to what the stdlib parser reads; only literal structure matters here.
_REGEX_ONLY = regex.compile(r"\\[pP]\{[^}]*\}|\\[pP][A-Za-z]|\\[mM]|\\X")
# `regex`-only syntax the stdlib parser would misread as literals (POSIX classes, fuzzy constraints, named
# lists): such a pattern gets no literals and its rule runs on every line.
_MISREAD = regex.compile(r"\[:|\{[^}]*[eisd]\s*[<=>]|\\L<|\(\?\||\(\?V1\)")

Info = tuple[str, frozenset[str]]  # ("exact", strings) | ("req", strings) | ("any", empty)
ANY: Info = ("any", frozenset())
EMPTY: Info = ("exact", frozenset({""}))


def _rewrite(pattern: str) -> str:
    def swap(match: regex.Match[str]) -> str:
        token = str(match.group())
        return r"\b" if token in (r"\m", r"\M") else r"\w"

    return str(_REGEX_ONLY.sub(swap, pattern))


def _useful(strings: frozenset[str]) -> bool:
    return bool(strings) and all(s.strip() for s in strings)


def _sequence(items: Iterable[Any]) -> Info:
    """A concatenation: exact while small, else the most selective requirement among its pieces."""
    candidates: list[frozenset[str]] = []
    current: frozenset[str] = frozenset({""})
    exact = True
    for item in items:
        kind, strings = _node(item)
        if kind == "exact" and len(current) * len(strings) <= MAX_EXACT:
            current = frozenset(a + b for a in current for b in strings)
            continue
        exact = False
        candidates.append(current)
        current = strings if kind == "exact" else frozenset({""})
        if kind == "req":
            candidates.append(strings)
    if exact:
        return ("exact", current)
    candidates.append(current)
    useful = [c for c in candidates if _useful(c)]
    if not useful:
        return ANY
    # Prefer the requirement whose shortest literal is longest: it flags the fewest lines.
    return ("req", max(useful, key=lambda c: (min(len(s.strip()) for s in c), -len(c))))


def _branches(branches: Sequence[Any]) -> Info:
    infos = [_sequence(branch) for branch in branches]
    if all(kind == "exact" for kind, _ in infos):
        union = frozenset().union(*(strings for _, strings in infos))
        if len(union) <= MAX_EXACT:
            return ("exact", union)
    if any(kind == "any" or not _useful(strings) for kind, strings in infos):
        return ANY
    return ("req", frozenset().union(*(strings for _, strings in infos)))


def _node(item: tuple[Any, Any]) -> Info:
    op, arg = item
    if op is _sre.LITERAL:
        return ("exact", frozenset({chr(arg)}))
    if op is _sre.IN:
        chars = [chr(a) for o, a in arg if o is _sre.LITERAL]
        if len(chars) == len(arg) and 0 < len(chars) <= 8:
            return ("exact", frozenset(chars))
        return ANY
    if op is _sre.BRANCH:
        return _branches(arg[1])
    if op is _sre.SUBPATTERN:
        return _sequence(arg[-1])
    if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT) or op is getattr(_sre, "POSSESSIVE_REPEAT", None):
        low, high, sub = arg
        kind, strings = _sequence(sub)
        if low == 0:
            if high == 1 and kind == "exact":
                return ("exact", strings | {""})
            return ANY
        if kind == "exact" and low == high and len(strings) ** low <= MAX_EXACT:
            product = frozenset({""})
            for _ in range(low):
                product = frozenset(a + b for a in product for b in strings)
            return ("exact", product)
        return ("req", strings) if kind != "any" and _useful(strings) else ANY
    if op is getattr(_sre, "ATOMIC_GROUP", None):
        return _sequence(arg)
    if op in (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT):
        return EMPTY  # zero-width: it adds nothing to the matched text
    return ANY  # ., \w, \d, negated literals, group references: no literal


def required_literals(pattern: str) -> frozenset[str] | None:
    r"""Return strings one of which every match of `pattern` contains (compared case-insensitively), or None.

    >>> sorted(required_literals(r"^\W{0,3}(?:also\s+read|read\s+more)\s*:"))
    ['also', 'read']
    >>> required_literals(r"^\W*$") is None
    True
    """
    if _MISREAD.search(pattern):
        return None
    try:
        parsed = _sre_parse.parse(_rewrite(pattern), 0)
    except Exception:  # syntax the stdlib parser lacks: no literals, so the rule runs on every line
        return None
    kind, strings = _sequence(list(parsed))
    if not _useful(strings) or kind == "any":
        return None
    return frozenset(strings)


class Screen:
    """Finds, per document, which lines each rule could match; `always` rules run on every line."""

    def __init__(self, patterns: Sequence[str | None]) -> None:
        options = re2.Options()
        options.case_sensitive = False
        self.always: list[int] = []
        literal_rules: dict[str, list[int]] = {}
        for index, pattern in enumerate(patterns):
            literals = required_literals(pattern) if pattern else None
            if literals is None:
                self.always.append(index)
                continue
            for literal in literals:
                literal_rules.setdefault(literal, []).append(index)
        self.literals = sorted(literal_rules, key=lambda s: (-len(s), s))
        self.owners = [literal_rules[literal] for literal in self.literals]
        self._any = None
        self._set = None
        if self.literals:
            alternation = "|".join(re2.escape(literal) for literal in self.literals)
            self._any = re2.compile(alternation, options)
            self._set = re2.Set.SearchSet(options)
            for literal in self.literals:
                self._set.Add(re2.escape(literal))
            self._set.Compile()

    def flagged(self, text: str, line_starts: Sequence[int]) -> list[int] | None:
        """Return the positions (in `line_starts`) of the lines holding a literal; None if RE2 cannot read the text.

        RE2 reads UTF-8, so a text with lone surrogates (possible in JSON input) is not screened at all.
        """
        if self._any is None:
            return []
        try:
            starts = {match.start() for match in self._any.finditer(text)}
        except UnicodeError:
            return None
        return sorted({bisect.bisect_right(line_starts, start) - 1 for start in starts} - {-1})

    def rules_for(self, line: str) -> list[int]:
        """Return (sorted) the rules owning a literal found in `line`: RE2's set reports every literal, overlaps too."""
        assert self._set is not None
        found: set[int] = set()
        for literal_index in self._set.Match(line):
            found.update(self.owners[literal_index])
        return sorted(found)
