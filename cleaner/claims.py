"""The claims on one document: which rule takes which lines and spans, laid out at the end as the removal log."""

from __future__ import annotations

import bisect
import time
from collections.abc import Sequence
from dataclasses import dataclass

from .decision import Pieces
from .errors import DocumentTimeout
from .finds import Spans, flagged_lines
from .kinds.base import Candidates, Claim, Kind, LineClaim
from .model import TRUNCATED_CATEGORY, Rule
from .prefilter import Prefilter
from .removals import cut_spans
from .segment import Line


class OverlapError(RuntimeError):
    """An engine bug: two removals overlap, so the log could not rebuild the original. Never returned, raised."""


def check_disjoint(pieces: Pieces) -> None:
    """Refuse a log whose removals are unsorted, empty or overlapping: better a document set aside than a bad log."""
    position = 0
    for start, end, rule in pieces:
        if start < position or end <= start:
            raise OverlapError(f"engine bug: removal {rule.id} [{start}, {end}) overlaps")
        position = end


def _on(active: Sequence[bool]) -> list[int]:
    """The indices of the active rules (every rule a line must try when nothing narrows them)."""
    return [k for k, on in enumerate(active) if on]


@dataclass(frozen=True, slots=True)
class _Hit:
    """Which rule owns a deleted line; lines of one head/tail hit share one `group`."""

    rule: Rule
    group: int


class Claims:
    """What one document loses: lines owned by a rule, spans inside kept lines; turned into removals at the end.

    Kinds read it through `DocumentView` (kinds/base.py) and hand back claims; only `record` writes them down.
    """

    def __init__(self, text: str, lines: list[Line], budget: float = float("inf")) -> None:
        self.text = text
        self.budget = budget
        self.deadline = time.monotonic() + budget
        self.lines = lines
        self.content = [line for line in lines if not line.blank]
        self.owner: list[_Hit | None] = [None] * len(lines)
        self.spans: list[tuple[int, int, Rule]] = []
        self.cut_markers: set[int] = set()  # lines a truncated_ending rule matched, whoever deletes them
        self.settled = False  # the spans are disjoint and sorted; a claim from now on replaces those it covers
        self._groups = 0

    def check_budget(self) -> None:
        """Raise DocumentTimeout once the document has used up its time budget."""
        if time.monotonic() > self.deadline:
            raise DocumentTimeout(self.budget)

    def _hit(self, rule: Rule) -> _Hit:
        self._groups += 1
        return _Hit(rule, self._groups)

    def kept(self) -> list[Line]:
        """The non-blank lines no rule has taken yet, in order."""
        return [line for line in self.content if self.owner[line.index] is None]

    def owned(self, index: int) -> bool:
        """True when a rule has taken line `index`."""
        return self.owner[index] is not None

    def marked_after(self, index: int) -> bool:
        """True when a line after `index` that a truncated_ending rule matched is going."""
        return any(marker > index and self.owner[marker] is not None for marker in self.cut_markers)

    def mark_cut(self, indices: Sequence[int]) -> None:
        """Remember lines that say the text was cut off, whoever deletes them."""
        self.cut_markers.update(indices)

    def record(self, claims: Sequence[Claim]) -> bool:
        """Write the claims down in order; True when some line went that was kept before.

        A line already taken stays with its rule. Once the spans have settled, a claim replaces the spans it covers.
        """
        owner = self.owner
        taken = False
        for claim in claims:
            if isinstance(claim, LineClaim):
                hit = self._hit(claim.rule)
                for index in claim.indices:
                    if owner[index] is None:
                        owner[index] = hit
                        taken = True
                if self.settled:
                    for index in claim.indices:
                        line = self.lines[index]
                        self.spans = [s for s in self.spans if not line.start <= s[0] < line.end]
            elif self.settled:
                self.spans = [s for s in self.spans if not claim.start <= s[0] < claim.end]
                self.spans.append((claim.start, claim.end, claim.rule))
                self.spans.sort(key=lambda s: s[0])
            else:
                self.spans.append((claim.start, claim.end, claim.rule))
        return taken

    def run(self, matchers: Sequence[Kind], title: str | None) -> None:
        """Let each rule of a phase after LINES claim from the document as the rules before it left it."""
        for matcher in matchers:
            self.record(matcher.claim(self, title))

    def candidates(
        self,
        patterns: Sequence[Kind],
        active: Sequence[bool],
        screen: Prefilter | None,
        spans: Spans | None,
    ) -> Candidates:
        """Pair each line with the rules the screen lets through for it (every rule, without a screen).

        `spans`: where the screen found rule literals in the text (None: every line may hold some).
        """
        if screen is None:
            chosen = [patterns[k] for k in _on(active)]
            return [(line, chosen) for line in self.content]
        always = [k for k in screen.always if active[k]]
        if always:
            spans = None
        flagged = flagged_lines(spans, [line.start for line in self.lines], len(self.lines))
        work: Candidates = []
        for n, index in enumerate(sorted(flagged)):
            if not n & 1023:
                self.check_budget()
            line = self.lines[index]
            if line.blank:
                continue
            found = screen.rules(line.text, active, flagged[index])
            indices = _on(active) if found is None else sorted(set(always).union(k for k in found if active[k]))
            if indices:
                work.append((line, [patterns[k] for k in indices]))
        return work

    def settle_spans(self) -> None:
        """Keep disjoint spans in kept lines (earliest, then longest); a line emptied by spans is deleted whole."""
        chosen: list[tuple[int, int, Rule]] = []
        for start, end, rule in sorted(self.spans, key=lambda s: (s[0], -s[1])):
            if chosen and start < chosen[-1][1]:
                continue
            chosen.append((start, end, rule))
        by_line = {line.start: line for line in self.content}
        starts = sorted(by_line)
        kept_spans: list[tuple[int, int, Rule]] = []
        per_line: dict[int, list[tuple[int, int, Rule]]] = {}
        for span in chosen:
            line = by_line[starts[bisect.bisect_right(starts, span[0]) - 1]]
            if self.owner[line.index] is None:
                per_line.setdefault(line.index, []).append(span)
        for index, spans in per_line.items():
            line = self.lines[index]
            remaining = cut_spans(line.text, [(s - line.start, e - line.start, rule) for s, e, rule in spans])
            if remaining.strip():
                kept_spans.extend(spans)
            else:
                self.owner[index] = self._hit(spans[0][2])
        self.spans = sorted(kept_spans, key=lambda s: s[0])
        self.settled = True

    def truncated(self, pieces: Pieces) -> bool:
        """True when the log says the source was cut off.

        A truncated_ending removal says so, and so does a deleted line that such a rule matched, whichever rule
        deletes it: a paywall line swallowed by a related-links tail still says the article was cut off.
        """
        return any(rule.category == TRUNCATED_CATEGORY for _, _, rule in pieces) or any(
            self.owner[index] is not None for index in self.cut_markers
        )

    def pieces(self) -> Pieces:
        """Owned lines (with the line breaks and blank lines around them) and spans: (start, end, rule), sorted."""
        pieces: list[tuple[int, int, _Hit]] = []
        lines, owner, count = self.lines, self.owner, len(self.lines)
        index = 0
        while index < count:
            if owner[index] is None:
                index += 1
                continue
            first = index
            while index < count and (owner[index] is not None or lines[index].blank):
                index += 1
            owned = [k for k in range(first, index) if owner[k] is not None]
            if index < count:
                # Between paragraphs: the lines go with their breaks and the blank lines after them.
                run_start, run_end = lines[first].start, lines[index].start
            else:
                # At the end: go back to the last kept paragraph, keep the text's final line break.
                previous = [line for line in lines[:first] if not line.blank]
                run_start = previous[-1].end if previous else 0
                run_end = lines[-1].end if previous else len(self.text)
            for n, k in enumerate(owned):
                start = run_start if n == 0 else lines[k].start
                end = lines[owned[n + 1]].start if n + 1 < len(owned) else run_end
                hit = owner[k]
                assert hit is not None
                if pieces and pieces[-1][2].group == hit.group and pieces[-1][1] == start:
                    pieces[-1] = (pieces[-1][0], end, hit)
                else:
                    pieces.append((start, end, hit))
        found = [(s, e, h.rule) for s, e, h in pieces if e > s] + [span for span in self.spans if span[1] > span[0]]
        found.sort(key=lambda p: p[0])
        return found
