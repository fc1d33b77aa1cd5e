r"""The prefilter: one pass per document over the literal phrases of the document's rules, naming (line, rule) pairs.

Each pattern rule is reduced to text its matches must hold (literals.py): a line start, junk, then one of a few
phrases ("lesen sie", "w/dpa"), or a phrase anywhere in the line. Their keys (phrases.py) go into one key set per
selection of rules (keyscan.py: hyperscan where it installs, a pyahocorasick automaton elsewhere, the same hits): a
line-start key as "\n" + key, read over "\n" + the document; any other key as itself. Matching is
case-insensitive: the document is lower-cased once and each key holds every lower-cased form `regex` accepts. A
line that starts with junk ("— ", "► ") has its head read again past the junk. A key's hit is checked against the
whole literal (a small `re` pattern, compiled the first time it is needed) before its line is flagged, and, for a
rule with a few more specific literals its lines must hold ("bild~:" where the key is "bild", literals.line_literals),
the line is searched for one of those too: fewer (line, rule) pairs reach `regex`.

The prefilter may flag too much, never too little: a rule whose pattern gives no phrase runs on every line, and a
line-start phrase that starts with digits flags every line starting with a numeral.
"""

from __future__ import annotations

import re
import time
from collections.abc import Sequence

from .errors import DocumentTimeout
from .finds import Spans
from .keyscan import KeyScan
from .literal_cache import line_literals_for, literals_for
from .phrases import (
    DIGIT_HEAD,
    JUNK_HEAD,
    Ask,
    Checks,
    check,
    fold,
    forms,
    in_line_checks,
    keys_of,
    union_checks,
)

# Built tables per tuple of patterns: (always, automaton, longest key, empty, line-start digit rules, words).
_Tables = tuple[list[int], int, bool, list[tuple[int, tuple[str, ...]]], list["_Word"]]
_BUILT: dict[tuple[str, ...], _Tables] = {}

# What one key asks: per rule, an Ask (None: the key says all, nothing to check).
Entry = tuple[tuple[int, Ask | None], ...]
# A key as the automaton holds it: its text, and (characters from the hit's start to its end, leading, entry).
_Value = tuple[int, bool, Entry]
_Word = tuple[str, _Value]


class Prefilter:
    """Finds the lines of a document some pattern rule could match, and which rules could match each one.

    The interface of screen.Screen: `flagged` gives spans (start, end, rule index), `rules` the rules of a flagged
    line, `always` the rules that run on every line.
    """

    def __init__(self, patterns: Sequence[str], groups: Sequence[str] | None = None) -> None:
        del groups  # one automaton reads every language at once
        self._patterns = list(patterns)
        self.size = len(patterns)
        self._always: list[int] = []
        self._whole: KeyScan[_Value] | None = None  # every key, for a document read with no selection of rules
        self._longest = 1
        self._empty = True
        self.at_digit: list[tuple[int, tuple[str, ...]]] = []
        self._checks: dict[tuple[tuple[str, ...], bool], re.Pattern[str] | None] = {}
        self._words: list[_Word] = []  # every key as the automaton holds it, for the narrowed automata
        # An automaton per flag list holding only the keys of its active rules, so that another language's keys
        # are not even reported: by the list's id (holding the list so the id stays its own), then by its flags
        # (lists for other sites with the same rules share one). None: no key of an active rule.
        self._by_id: dict[int, tuple[Sequence[bool], KeyScan[_Value] | None]] = {}
        self._by_flags: dict[bytes, KeyScan[_Value] | None] = {}
        # Built at the first document, not here: a process that cleans nothing (an empty input, a worker that
        # gets no batch) does not pay for it.
        self._built = False

    @property
    def always(self) -> list[int]:
        """The rules that run on every line: their patterns give nothing to look for."""
        self._build()
        return self._always

    def _build(self) -> None:
        """Read each pattern's literals and put their keys into the automaton (once)."""
        if self._built:
            return
        self._built = True
        patterns = self._patterns
        cached = _BUILT.get(tuple(patterns))
        if cached is not None:  # another Cleaner of this process has the same rules: share its (read-only) tables
            self._always, self._longest, self._empty, self.at_digit, self._words = cached
            return
        at_digit: dict[int, set[str]] = {}  # rule -> its line-start literals that begin with digits
        # (key, leading) -> rule -> (literals checked at the line start, from the hit, in the line); None: no check
        found: dict[tuple[str, bool], dict[int, Checks | None]] = {}
        lines = line_literals_for(patterns)
        for index, literals in enumerate(literals_for(patterns)):
            keys = None if literals is None else keys_of(literals)
            if keys is None or literals is None:
                self._always.append(index)
                continue
            # A second condition on the line, unless it says no more than the rule's keys do.
            line = lines[index]
            in_line = set() if line is None or (not literals[0] and line == literals[1]) else in_line_checks(line)
            for key, leading, literal, at_start in keys:
                if key == "":
                    at_digit.setdefault(index, set()).add(literal)
                    continue
                rules = found.setdefault((key, leading), {})
                # A key that says all its literal does needs no check (unless its forms were cut short).
                exact = literal == key and not at_start and len(forms(key)[0]) == len(key)
                if (exact and not in_line) or (index in rules and rules[index] is None):
                    rules[index] = None
                    continue
                checks = rules.setdefault(index, (set(), set(), in_line))
                assert checks is not None
                checks[0 if at_start else 1].add(literal)
        # Keys of other case ("Read Mor" of a case-sensitive rule, "read mor") share their lower-cased forms.
        merged: dict[str, tuple[int, bool, dict[int, Checks | None]]] = {}
        for (key, leading), rules in found.items():
            for form in forms(key):
                text = "\n" + form if leading else form
                # (characters from the hit's start to its end, leading, rule -> checks)
                _, _, known = merged.setdefault(text, (len(form), leading, {}))
                for rule, checks in rules.items():
                    if rule in known:
                        before = known[rule]
                        known[rule] = None if before is None or checks is None else union_checks(before, checks)
                    else:
                        known[rule] = checks
        for text, (size, leading, rules) in merged.items():
            entry: Entry = tuple(
                (rule, None if checks is None else Ask(rule, checks)) for rule, checks in sorted(rules.items())
            )
            self._words.append((text, (size, leading, entry)))
        self._longest = max((len(key) + 1 for key, _ in found), default=1)
        self._empty = not found
        self.at_digit = [(rule, tuple(sorted(literals))) for rule, literals in at_digit.items()]
        if len(_BUILT) > 8:
            _BUILT.clear()
        _BUILT[tuple(patterns)] = (
            self._always,
            self._longest,
            self._empty,
            self.at_digit,
            self._words,
        )

    def _automaton_for(self, active: Sequence[bool] | None) -> KeyScan[_Value] | None:
        """The key scan of the keys with a rule of `active` (every key for None; None: there is no such key)."""
        if active is None:
            if self._whole is None and self._words:
                self._whole = KeyScan(self._words)
            return self._whole
        known = self._by_id.get(id(active))
        if known is None or known[0] is not active:
            if len(self._by_id) > 4096:
                self._by_id.clear()
            flags = bytes(bytearray(map(bool, active)))
            if flags not in self._by_flags:
                if len(self._by_flags) > 64:
                    self._by_flags.clear()
                words = [(text, value) for text, value in self._words if any(active[rule] for rule, _ in value[2])]
                self._by_flags[flags] = KeyScan(words) if words else None
            known = (active, self._by_flags[flags])
            self._by_id[id(active)] = known
        return known[1]

    def flagged(
        self,
        text: str,
        deadline: float = float("inf"),
        active: Sequence[bool] | None = None,
    ) -> Spans:
        """Where each rule's literals are in `text`: (start, end, rule index), sorted; only `active` rules if given.

        Raises DocumentTimeout once `time.monotonic()` passes `deadline` (checked every 1,024 finds).
        """
        self._build()
        found: Spans = []
        if self._empty and not self.at_digit:
            return found
        low = "\n" + fold(text)  # low[k + 1] is text[k]
        automaton = None if self._empty else self._automaton_for(active)
        if automaton is not None:
            confirm = self._confirm
            for count, (end, (size, leading, entry)) in enumerate(automaton.hits(low), 1):
                if len(entry) == 1 and entry[0][1] is None:  # one rule, nothing to check (its automaton's rules)
                    found.append((end - size, end, entry[0][0]))
                else:
                    confirm(low, end + 1 - size, end + 1, leading, entry, active, found)
                if not count & 1023 and time.monotonic() > deadline:
                    raise DocumentTimeout(0)
            for count, match in enumerate(JUNK_HEAD.finditer(low), 1):
                if not count & 1023 and time.monotonic() > deadline:
                    raise DocumentTimeout(0)
                start = match.end()
                head_text = "\n" + low[start : start + self._longest]
                for end, (size, leading, entry) in automaton.hits(head_text):
                    if leading and end + 1 - size == 1:
                        self._confirm(low, start, start + size, True, entry, active, found)
        for count, match in enumerate(DIGIT_HEAD.finditer(low) if self.at_digit else (), 1):
            if not count & 1023 and time.monotonic() > deadline:
                raise DocumentTimeout(0)
            line = match.start() + 1
            line_end = low.find("\n", line)
            line_end = len(low) if line_end < 0 else line_end
            for rule, literals in self.at_digit:
                if active is not None and not active[rule]:
                    continue
                pattern = self._check(literals, True)
                if pattern is not None and pattern.match(low, line, line_end):
                    found.append((line - 1, line, rule))
        found.sort()
        return found

    def _confirm(
        self,
        low: str,
        start: int,
        end: int,
        leading: bool,
        entry: Entry,
        active: Sequence[bool] | None,
        found: Spans,
    ) -> None:
        """Add a span for each rule of a key's hit at low[start:end] whose literals its line holds."""
        # A line-start key's hit starts its line (its "\n" comes just before).
        line_start = start if leading and low[start - 1] == "\n" else low.rfind("\n", 0, start) + 1
        line_end = -1
        for rule, ask in entry:
            if active is not None and not active[rule]:
                continue
            if ask is not None:
                if line_end < 0:
                    line_end = low.find("\n", end)
                    line_end = len(low) if line_end < 0 else line_end
                if not ask.holds(low, line_start, start, line_end):
                    continue
            found.append((start - 1, end - 1, rule))

    def _check(self, literals: tuple[str, ...], leading: bool) -> re.Pattern[str] | None:
        """The `re` pattern of `literals` (compiled the first time a hit asks; None when there are none)."""
        key = (literals, leading)
        if key not in self._checks:
            self._checks[key] = check(literals, leading) if literals else None
        return self._checks[key]

    def rules(
        self, line: str, active: Sequence[bool] | None = None, groups: set[int] | frozenset[int] | None = None
    ) -> list[int] | None:
        """The rules flagged for one line: `groups` as flagged_lines gives them (None: read the line itself)."""
        if groups is None:
            groups = set(self.candidates(line))
        return sorted(k for k in groups if active is None or active[k])

    def candidates(self, text: str) -> list[int]:
        """Every rule that could match some line of `text` (one line, or a document read line by line)."""
        return sorted(set(self.always).union(rule for _, _, rule in self.flagged(text)))
