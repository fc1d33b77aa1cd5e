"""The screen: linear-time RE2 passes that name the few rules that could match a document's lines.

Every pattern rule is translated into an RE2 pattern that accepts at least what the rule accepts
(translate.py). Most rules are anchored at the line start: one anchored RE2 Set reads the start of each
line and stops as soon as no rule can match there, usually after a few bytes. The other rules share one
unanchored Set that reads the whole document once. Only the rules these Sets report run, with their full
`regex` patterns, guards and time limits. The screen may report too many rules, never too few: a rule that
cannot be translated runs on every line, and so does every rule when RE2 gives up on a text.
"""

from __future__ import annotations

from collections.abc import Sequence

import re2

from .segment import split_lines
from .translate import anchored_at_line_start, to_re2


class _RuleSet:
    """One RE2 Set of translated rules with a sentinel that tells "no match" from "RE2 gave up"."""

    def __init__(self, options: re2.Options, anchored: bool) -> None:
        self.rules: list[int] = []  # Set index - 1 -> rule index
        self._set = re2.Set.MatchSet(options) if anchored else re2.Set.SearchSet(options)
        # The Python binding hides RE2's out-of-memory error and reports no match; this pattern always
        # matches, so its absence means the Set failed.
        self._set.Add("")
        self._compiled = False

    def add(self, translated: str, rule: int) -> None:
        self._set.Add(translated)
        self.rules.append(rule)

    def compile(self) -> None:
        try:
            self._set.Compile()
            self._compiled = True
        except re2.error:  # too large for the memory budget: these rules run everywhere
            self._compiled = False

    def match(self, text: str) -> list[int] | None:
        if not self.rules:
            return []
        if not self._compiled:
            return None
        try:
            hits = self._set.Match(text) or []
        except UnicodeError:  # lone surrogates (possible in JSON input) are not UTF-8
            return None
        if 0 not in hits:
            return None
        return [self.rules[hit - 1] for hit in hits if hit]


class Screen:
    """Finds which pattern rules could match: per line for anchored rules, per document for the others."""

    def __init__(self, patterns: Sequence[str], max_mem: int = 256 << 20) -> None:
        options = re2.Options()
        options.case_sensitive = False
        options.max_mem = max_mem  # hundreds of case-insensitive patterns outgrow RE2's 8 MB default
        self.always: list[int] = []
        self._anchored = _RuleSet(options, anchored=True)
        self._floating = _RuleSet(options, anchored=False)
        for index, pattern in enumerate(patterns):
            if anchored_at_line_start(pattern) and (translated := to_re2(pattern, line=True)) is not None:
                self._anchored.add(translated, index)
            elif (translated := to_re2(pattern)) is not None:
                self._floating.add(translated, index)
            else:
                self.always.append(index)
        self._anchored.compile()
        self._floating.compile()
        self.anchored = list(self._anchored.rules)
        self.floating = list(self._floating.rules)

    def document(self, text: str) -> list[int]:
        """The floating rules found somewhere in `text` (all of them if RE2 gave up on it)."""
        found = self._floating.match(text)
        return self.floating if found is None else found

    def line(self, text: str, floating: bool = False) -> list[int]:
        """The anchored rules that could match the line `text`, and the floating ones too if asked."""
        found = self._anchored.match(text)
        chosen = self.anchored if found is None else found
        if floating:
            # Only in documents where the floating Set found something: read that line again with it.
            more = self._floating.match(text)
            chosen = chosen + (self.floating if more is None else more)
        return chosen

    def candidates(self, text: str) -> list[int]:
        """Every rule that could match some line of `text` (one line, or a document read line by line)."""
        found = set(self.always)
        floating = bool(self.document(text))
        for line in split_lines(text):
            found.update(self.line(line.text, floating))
        return sorted(found)
