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

from .literal_cache import literals_of
from .literals import JUNK, LINE_START, Found, shorten, to_re2
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


# Characters of each leading literal the screen looks for: in the document pass, and in the per-line Sets. RE2
# builds its automata lazily, one state at a time, as text reaches them, and full-length literals (up to 8) gave
# them so many states that on text they had not seen the screen ran at 1-3 MB/s. Shorter literals build several
# times faster and flag a few more lines; measured on unseen text (make bench), 4 and 5 were the best pair.
LEADING = 4
SET_LEADING = 5
# Literals one per-line Set holds at most (a language's rules are never split): small automata build fast on new
# text, and each group is one more call per flagged line. 3,000 makes five groups of the shipped packs.
GROUP_LITERALS = 3000


class _Group:
    """The RE2 Set of one group of rules (whole languages): which of them could match a line."""

    def __init__(self, position: int, options: re2.Options) -> None:
        self.position = position
        self.set = re2._re2.Set(_UNANCHORED, options)
        # The binding hides RE2's out-of-memory error as "no match": this entry always matches, so a reply
        # without it means the Set failed.
        self.set.Add(b"")
        self.rules: list[int] = []  # Set index - 1 -> rule index
        self.leading: set[str] = set()  # what the document pass looks for on behalf of the group
        self.anywhere: set[str] = set()

    def add(self, index: int, found: Found) -> None:
        self.set.Add(_rule_pattern(frozenset(shorten(x, SET_LEADING) for x in found[0]), found[1], "^").encode())
        self.rules.append(index)
        self.leading.update(shorten(literal, LEADING) for literal in found[0])
        self.anywhere.update(found[1])


class Screen:
    """Finds the lines of a document some pattern rule could match, and which rules could match each one.

    `groups` gives each pattern a group name (its language): each group gets its own per-line Set, since RE2
    builds many small automata much faster than one large one, and a group with no active rule is skipped.
    With only some groups active (a document's language is known), the document pass reads only their
    literals, with a regex built the first time that choice of groups comes up.
    """

    def __init__(self, patterns: Sequence[str], groups: Sequence[str] | None = None, max_mem: int = 512 << 20) -> None:
        options = re2.Options()
        options.case_sensitive = False
        options.max_mem = max_mem  # a budget, not an allocation: the automaton grows to what the text needs
        self._options = options
        self.always: list[int] = []
        readable: list[tuple[int, Found]] = []
        for index, pattern in enumerate(patterns):
            found = literals_of(pattern)
            if found is None:
                self.always.append(index)
                continue
            readable.append((index, found))
        names = [groups[index] if groups is not None else "" for index, _ in readable]
        bins = _pack(names, [len(found[0]) + len(found[1]) for _, found in readable])
        self._groups = [_Group(position, options) for position in range(len(set(bins.values())))]
        self._group_of = [-1] * len(patterns)  # rule index -> its group's position in self._groups (-1: always)
        for (index, found), name in zip(readable, names, strict=True):
            self._groups[bins[name]].add(index, found)
            self._group_of[index] = bins[name]
        self._wanted: dict[tuple[bool, ...], list[_Group]] = {}
        self._documents: dict[tuple[int, ...], re2._re2.RE2] = {}
        self._ok = True
        if self._groups:
            self._ok = all(group.set.Compile() for group in self._groups)
            self._ok = self._ok and self._document(self._groups) is not None

    def _document(self, groups: list[_Group]) -> re2._re2.RE2 | None:
        """The document pass's regex for these groups (built once per choice of groups); None if RE2 fails."""
        key = tuple(group.position for group in groups)
        document = self._documents.get(key)
        if document is None:
            leading = frozenset().union(*(group.leading for group in groups))
            anywhere = frozenset().union(*(group.anywhere for group in groups))
            document = re2._re2.RE2(_rule_pattern(leading, anywhere, LINE_START).encode(), self._options)
            if not document.ok():
                return None
            if len(self._documents) > 64:
                self._documents.clear()
            self._documents[key] = document
        return document

    def flagged(
        self, text: str, deadline: float = float("inf"), active: Sequence[bool] | None = None
    ) -> list[tuple[int, int]] | None:
        """The [start, end) code-point spans of `text` where some rule's literals are (None: check every line).

        With `active` (a flag per pattern), only the literals of groups holding an active rule count.
        Raises DocumentTimeout once `time.monotonic()` passes `deadline` (checked every 1,024 finds).
        """
        groups = self._groups if active is None else self._wanted_groups(active)
        if not groups:
            return []
        if not self._ok:
            return None
        document = self._document(groups)
        if document is None:
            return None
        try:
            data = text.encode("utf-8")
        except UnicodeError:  # lone surrogates (possible in JSON input) are not UTF-8
            return None
        found: list[tuple[int, int]] = []
        match, position, size = document.Match, 0, len(data)
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

    def rules(self, line: str, active: Sequence[bool] | None = None) -> list[int] | None:
        """The rules whose literals are in the line `line` (None: RE2 gave up, every rule may match).

        With `active` (a flag per pattern), only the groups holding an active rule are asked.
        """
        if not self._groups:
            return []
        if not self._ok:
            return None
        try:
            data = line.encode("utf-8")
        except UnicodeError:
            return None
        groups = self._groups if active is None else self._wanted_groups(active)
        found: list[int] = []
        for group in groups:
            hits = group.set.Match(data)
            if 0 not in hits:
                found.extend(group.rules)  # RE2 gave up: any rule of the group may match
            elif len(hits) > 1:
                rules = group.rules
                found.extend(rules[hit - 1] for hit in hits if hit)
        return found

    def _wanted_groups(self, active: Sequence[bool]) -> list[_Group]:
        key = tuple(active)
        wanted = self._wanted.get(key)
        if wanted is None:
            if len(self._wanted) > 256:
                self._wanted.clear()
            on = {self._group_of[k] for k, flag in enumerate(active) if flag}
            wanted = self._wanted[key] = [group for n, group in enumerate(self._groups) if n in on]
        return wanted

    def candidates(self, text: str) -> list[int]:
        """Every rule that could match some line of `text` (one line, or a document read line by line)."""
        everyone = set(range(len(self._group_of)))
        found = set(self.always)
        spans = self.flagged(text)
        lines = split_lines(text)
        starts = [line.start for line in lines]
        for index in flagged_lines(spans, starts, len(lines)):
            rules = self.rules(lines[index].text)
            found.update(everyone if rules is None else rules)
        return sorted(found)


def _pack(names: list[str], sizes: list[int]) -> dict[str, int]:
    """Put the names (languages) into groups of at most GROUP_LITERALS literals, largest first; name -> group."""
    totals: dict[str, int] = {}
    for name, size in zip(names, sizes, strict=True):
        totals[name] = totals.get(name, 0) + size
    bins: list[int] = []
    placed: dict[str, int] = {}
    for name in sorted(totals, key=lambda n: (-totals[n], n)):
        fits = [k for k, total in enumerate(bins) if total + totals[name] <= GROUP_LITERALS]
        if not fits:
            bins.append(0)
            fits = [len(bins) - 1]
        placed[name] = fits[0]
        bins[fits[0]] += totals[name]
    return placed


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
