"""The screen: one linear-time RE2 pass per document that finds the few lines any rule could match.

Each pattern rule is reduced to literal text its matches must hold (literals.py): a line start followed by one
of a few strings ("lesen sie", "W/dpa"), or a string anywhere in the line. One RE2 regex holding all of them
reads the whole document once; almost every line of a real article holds none, so almost no line reaches the
full `regex` rules. A line the regex flags is read again by an RE2 Set that names the rules it could match.

The screen may flag too much, never too little: a rule whose pattern gives nothing to look for runs on every
line, and so does every rule when RE2 cannot read a text (lone surrogates) or gives up on it.
"""

from __future__ import annotations

import bisect
import time
from collections.abc import Sequence

import re2

from .literals import JUNK, LINE_START, screen_literals, to_re2
from .match import DocumentTimeout
from .segment import split_lines

_UNANCHORED = re2._re2.RE2.Anchor.UNANCHORED


def _alternatives(literals: frozenset[str]) -> str:
    return "|".join(to_re2(literal) for literal in sorted(literals))


def _rule_pattern(leading: frozenset[str], anywhere: frozenset[str], line_start: str) -> str:
    """One rule's literals as an RE2 pattern: a line start, junk and a leading literal, or a literal anywhere."""
    parts = []
    if leading:
        parts.append(f"{line_start}{JUNK}*(?:{_alternatives(leading)})")
    if anywhere:
        parts.append(_alternatives(anywhere))
    return "|".join(parts)


class Screen:
    """Finds the lines of a document some pattern rule could match, and which rules could match each one."""

    def __init__(self, patterns: Sequence[str], max_mem: int = 512 << 20) -> None:
        options = re2.Options()
        options.case_sensitive = False
        options.max_mem = max_mem  # a budget, not an allocation: the automaton grows to what the text needs
        self.always: list[int] = []
        self._rules: list[int] = []  # Set index - 1 -> rule index
        leading: set[str] = set()
        anywhere: set[str] = set()
        self._set = re2._re2.Set(_UNANCHORED, options)
        # The binding hides RE2's out-of-memory error as "no match": this entry always matches, so a reply
        # without it means the Set failed.
        self._set.Add(b"")
        for index, pattern in enumerate(patterns):
            found = screen_literals(pattern)
            if found is None:
                self.always.append(index)
                continue
            leading |= found[0]
            anywhere |= found[1]
            self._set.Add(_rule_pattern(found[0], found[1], "^").encode())
            self._rules.append(index)
        self._document: re2._re2.RE2 | None = None
        self._ok = bool(self._rules)
        if self._rules:
            self._ok = self._set.Compile()
            combined = _rule_pattern(frozenset(leading), frozenset(anywhere), LINE_START)
            self._document = re2._re2.RE2(combined.encode(), options)
            self._ok = self._ok and self._document.ok()

    def flagged(self, text: str, deadline: float = float("inf")) -> list[tuple[int, int]] | None:
        """The [start, end) code-point spans of `text` where some rule's literals are (None: check every line).

        Raises DocumentTimeout once `time.monotonic()` passes `deadline` (checked every 1,024 finds).
        """
        if self._document is None:
            return []
        if not self._ok:
            return None
        try:
            data = text.encode("utf-8")
        except UnicodeError:  # lone surrogates (possible in JSON input) are not UTF-8
            return None
        found: list[tuple[int, int]] = []
        match, position, size = self._document.Match, 0, len(data)
        while position <= size:
            start, end = match(_UNANCHORED, data, position, size)[0]
            if start < 0:
                break
            found.append((start, end))
            position = end if end > start else end + 1
            if not len(found) & 1023 and time.monotonic() > deadline:
                raise DocumentTimeout(0)
        if found and not text.isascii():
            found = _to_code_points(data, found)
        return found

    def rules(self, line: str) -> list[int] | None:
        """The rules whose literals are in the line `line` (None: RE2 gave up, every rule may match)."""
        if not self._rules:
            return []
        if not self._ok:
            return None
        try:
            hits = self._set.Match(line.encode("utf-8"))
        except UnicodeError:
            return None
        if 0 not in hits:
            return None
        return [self._rules[hit - 1] for hit in hits if hit]

    def candidates(self, text: str) -> list[int]:
        """Every rule that could match some line of `text` (one line, or a document read line by line)."""
        everyone = set(self.always) | set(self._rules)
        found = set(self.always)
        spans = self.flagged(text)
        lines = split_lines(text)
        starts = [line.start for line in lines]
        for index in flagged_lines(spans, starts, len(lines)):
            rules = self.rules(lines[index].text)
            found.update(everyone if rules is None else rules)
        return sorted(found)


def flagged_lines(spans: list[tuple[int, int]] | None, starts: list[int], count: int) -> list[int]:
    """The indices of the lines (given by their start offsets) that the spans touch; every line for None."""
    if spans is None:
        return list(range(count))
    lines: list[int] = []
    for start, end in spans:
        first = bisect.bisect_right(starts, start) - 1
        last = bisect.bisect_right(starts, max(start, end - 1)) - 1
        # Spans come in text order without overlaps, so line indices only grow: skip the ones already taken.
        lines.extend(range(max(first, 0, lines[-1] + 1 if lines else 0), last + 1))
    return lines


def _to_code_points(data: bytes, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Byte offsets into UTF-8 `data` as code-point offsets, in one pass over the data."""
    offsets = sorted({offset for span in spans for offset in span})
    points: dict[int, int] = {}
    byte = point = 0
    for offset in offsets:
        point += len(data[byte:offset].decode("utf-8"))
        points[offset] = point
        byte = offset
    return [(points[start], points[end]) for start, end in spans]
