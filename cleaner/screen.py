"""The screen: linear-time RE2 passes over each document that find the few lines any rule could match.

Each pattern rule is reduced to literal text its matches must hold (literals.py): a line start followed by one
of a few strings ("lesen sie", "W/dpa"), or a string anywhere in the line. Rules are grouped by language, and
one RE2 regex per group holding all their literals reads the whole document once; almost every line of a real
article holds none, so almost no line reaches the full `regex` rules. A line a group's regex flags is read
again by that group's RE2 Set, which names the rules that could match it.

The screen may flag too much, never too little: a rule whose pattern gives nothing to look for runs on every
line, and so does every rule when RE2 cannot read a text (lone surrogates) or gives up on it.
"""

from __future__ import annotations

import re
import time
from collections.abc import Collection, Sequence

import re2

from .errors import DocumentTimeout
from .finds import Spans, flagged_lines
from .literal_cache import literals_for
from .literals import JUNK, LINE_START, Found, shorten, to_re2
from .segment import split_lines

_UNANCHORED = re2._re2.RE2.Anchor.UNANCHORED
# The line breaks a literal's runs may take, in UTF-8 ("\n" is never taken: LINE_START and LINE_END do not
# consume it, and no run holds it).
_BREAK = re.compile(rb"[\r\x0b\x0c\x1c-\x1e]|\xc2\x85|\xe2\x80[\xa8\xa9]")


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
# Literals one group holds at most (a language's rules are never split). RE2 builds small automata much faster
# than one large one on new text, and each group is one more pass per document. 3,000 makes five groups of the
# shipped packs.
GROUP_LITERALS = 3000


class _Group:
    """The rules of a few whole languages: one regex for the document pass, one Set naming rules per line."""

    def __init__(self, position: int, options: re2.Options) -> None:
        self.position = position
        self.options = options
        self.set = re2._re2.Set(_UNANCHORED, options)
        # The binding hides RE2's out-of-memory error as "no match": this entry always matches, so a reply
        # without it means the Set failed.
        self.set.Add(b"")
        self.rules: list[int] = []  # Set index - 1 -> rule index
        self.leading: set[str] = set()  # what the document pass looks for
        self.anywhere: set[str] = set()
        self.document: re2._re2.RE2 | None = None

    def add(self, index: int, found: Found) -> None:
        self.set.Add(_rule_pattern(frozenset(shorten(x, SET_LEADING) for x in found[0]), found[1], "^").encode())
        self.rules.append(index)
        self.leading.update(shorten(literal, LEADING) for literal in found[0])
        self.anywhere.update(found[1])

    def compile(self) -> bool:
        """Compile the Set and the document regex; False when RE2 refuses either."""
        pattern = _rule_pattern(frozenset(self.leading), frozenset(self.anywhere), LINE_START)
        self.document = re2._re2.RE2(pattern.encode(), self.options)
        return bool(self.set.Compile()) and bool(self.document.ok())

    def rules_in(self, data: bytes) -> list[int]:
        """The group's rules whose literals are in one line's UTF-8 `data` (all of them if RE2 gave up)."""
        hits = self.set.Match(data)
        if 0 not in hits:
            return self.rules
        return [self.rules[hit - 1] for hit in hits if hit]


class Screen:
    """Finds the lines of a document some pattern rule could match, and which rules could match each one.

    `groups` gives each pattern a group name (its language); patterns of a few languages share a group (up to
    GROUP_LITERALS literals). A group with no active rule is skipped: with a document's language known, only
    that language's groups (and those of rules for any language) read the document.
    """

    def __init__(self, patterns: Sequence[str], groups: Sequence[str] | None = None, max_mem: int = 64 << 20) -> None:
        options = re2.Options()
        options.case_sensitive = False
        # A budget per automaton (two per group), not an allocation: each grows to what the text needs. On 21 MB
        # of new text mixed from real pages the groups of the shipped packs stayed within 64 MB each (RSS 193 MB);
        # past its budget RE2 drops its cached states and rebuilds them, slower but never wrong.
        options.max_mem = max_mem
        self.always: list[int] = []
        readable: list[tuple[int, Found]] = []
        for index, found in enumerate(literals_for(patterns)):
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
        # Groups wanted per flag list: keyed by the list's id, and holding the list so the id stays its own.
        self._wanted: dict[int, tuple[Sequence[bool], list[_Group]]] = {}
        # RE2 compiles the groups at the first document, not here: a process that cleans nothing (an empty input,
        # a worker that gets no batch) does not pay for it.
        self._compiled: bool | None = None

    @property
    def _ok(self) -> bool:
        """True when RE2 compiled every group (compiling them the first time it is asked)."""
        if self._compiled is None:
            self._compiled = all([group.compile() for group in self._groups])
        return self._compiled

    def flagged(
        self,
        text: str,
        deadline: float = float("inf"),
        active: Sequence[bool] | None = None,
        data: bytes | None = None,
    ) -> Spans | None:
        """Where the literals of each group with an active rule are in `text` (None: check every line).

        With `active` (a flag per pattern), only groups holding an active rule read the text. `data`, when given,
        must be `text` in UTF-8 (a batch read from Arrow has it), and spares encoding it again.
        Raises DocumentTimeout once `time.monotonic()` passes `deadline` (checked every 1,024 finds).
        """
        groups = self._groups if active is None else self._wanted_groups(active)
        if not groups:
            return []
        if not self._ok:
            return None
        if data is None:
            try:
                data = text.encode("utf-8")
            except UnicodeError:  # lone surrogates (possible in JSON input) are not UTF-8
                return None
        found: Spans = []
        size = len(data)
        for group in groups:
            assert group.document is not None  # compiled in __init__
            match, position = group.document.Match, 0
            while position <= size:
                start, end = match(_UNANCHORED, data, position, size)[0]
                if start < 0:
                    break
                found.append((start, end, group.position))
                position = end if end > start else end + 1
                # A match that took a line break other than "\n" (a literal ending at the line's end, or junk
                # running on) leaves the last one for the next line's start to take again.
                for found_break in _BREAK.finditer(data, start + 1, end):
                    position = found_break.start()
                if not len(found) & 1023 and time.monotonic() > deadline:
                    raise DocumentTimeout(0)
        if found and not text.isascii():
            found = _to_code_points(data.translate(_CONTINUATION), found)
        if len(groups) > 1:
            found.sort()
        return found

    def rules(
        self, line: str, active: Sequence[bool] | None = None, groups: Collection[int] | None = None
    ) -> list[int] | None:
        """The rules whose literals are in the line `line` (None: RE2 gave up, every rule may match).

        With `active` (a flag per pattern), only the groups holding an active rule are asked; with `groups`
        (positions, as `flagged` gives them), only those of them.
        """
        if not self._groups:
            return []
        if not self._ok:
            return None
        try:
            data = line.encode("utf-8")
        except UnicodeError:
            return None
        asked = self._groups if active is None else self._wanted_groups(active)
        if groups is not None:
            asked = [group for group in asked if group.position in groups]
        found: list[int] = []
        for group in asked:
            found.extend(group.rules_in(data))
        return found

    def _wanted_groups(self, active: Sequence[bool]) -> list[_Group]:
        """The groups holding an active rule.

        The engine passes the same cached flag list for every document of a language and site, so the answer
        is kept per list object: a flag list must not be changed in place once used.
        """
        entry = self._wanted.get(id(active))
        if entry is not None and entry[0] is active:
            return entry[1]
        if len(self._wanted) > 256:
            self._wanted.clear()
        on = {self._group_of[k] for k, flag in enumerate(active) if flag}
        wanted = [group for group in self._groups if group.position in on]
        self._wanted[id(active)] = (active, wanted)
        return wanted

    def candidates(self, text: str) -> list[int]:
        """Every rule that could match some line of `text` (one line, or a document read line by line)."""
        everyone = set(range(len(self._group_of)))
        found = set(self.always)
        spans = self.flagged(text)
        lines = split_lines(text)
        starts = [line.start for line in lines]
        for index, groups in flagged_lines(spans, starts, len(lines)).items():
            rules = self.rules(lines[index].text, groups=groups)
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


# Maps each UTF-8 continuation byte to 1 and every other byte to 0: the code points before a byte offset are the
# bytes before it minus the 1s among them (counted in C, with no string decoded).
_CONTINUATION = bytes(1 if 0x80 <= byte < 0xC0 else 0 for byte in range(256))


def _to_code_points(marks: bytes, spans: Spans) -> Spans:
    """Byte offsets as code-point offsets, in one pass; `marks` is the UTF-8 text translated by _CONTINUATION."""
    offsets = sorted({offset for start, end, _ in spans for offset in (start, end)})
    points: dict[int, int] = {}
    byte = point = 0
    for offset in offsets:
        point += offset - byte - marks.count(1, byte, offset)
        points[offset] = point
        byte = offset
    return [(points[start], points[end], group) for start, end, group in spans]
