"""One document's cleaning plan: which lines and spans each rule takes, turned into the removal log."""

from __future__ import annotations

import bisect
import time
from collections.abc import Sequence
from dataclasses import dataclass

import regex

from .match import DocumentTimeout, LineView, PatternMatcher, TitleEcho, UnfinishedSentence, count_words
from .model import Rule
from .prefilter import Prefilter
from .removals import cut_spans
from .screen import Spans, flagged_lines
from .segment import Line
from .teaser_block import TeaserBlock

TRUNCATED_CATEGORY = "truncated_ending"
# What stops a block of teaser headlines: a line that ends like a statement (a full stop, or any end mark
# followed by a closing quote), or a line holding two sentences. A lone "?" or "!" headline stays in the block.
_PROSE_LINE = regex.compile(
    r"[.…。؟][\"'”“’‘»«)\]」』）]*\s*$|[.!?…。！？][\"'”“’‘»«」』]+\s*$|[.!?…](?:\s+)(?=\p{Lu})|[。！？](?=\S)"
)


def _visible(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> tuple[str, list[int]]:
    """text[start:end] without the given spans, and for each character left its offset in `text`, then `end`."""
    pieces: list[str] = []
    where: list[int] = []
    position = start
    for a, b in sorted(spans):
        if a > position:
            pieces.append(text[position:a])
            where.extend(range(position, a))
        position = max(position, b)
    if position < end:
        pieces.append(text[position:end])
        where.extend(range(position, end))
    where.append(end)
    return "".join(pieces), where


def _on(active: Sequence[bool]) -> list[int]:
    """The indices of the active rules (every rule a line must try when nothing narrows them)."""
    return [k for k, on in enumerate(active) if on]


@dataclass(frozen=True, slots=True)
class _Hit:
    """Which rule owns a deleted line; lines of one head/tail hit share one `group`."""

    rule: Rule
    group: int


class Plan:
    """What one document loses: lines owned by a rule, spans inside kept lines; turned into removals at the end."""

    def __init__(self, text: str, lines: list[Line], budget: float = float("inf")) -> None:
        self.text = text
        self.budget = budget
        self.deadline = time.monotonic() + budget
        self.lines = lines
        self.content = [line for line in lines if not line.blank]
        self.owner: list[_Hit | None] = [None] * len(lines)
        self.spans: list[tuple[int, int, Rule]] = []
        self.cut_markers: set[int] = set()  # lines a truncated_ending rule matched, whoever deletes them
        self._groups = 0

    def check_budget(self) -> None:
        """Raise DocumentTimeout once the document has used up its time budget."""
        if time.monotonic() > self.deadline:
            raise DocumentTimeout(self.budget)

    def _hit(self, rule: Rule) -> _Hit:
        self._groups += 1
        return _Hit(rule, self._groups)

    def _positions(self) -> tuple[dict[int, int], int]:
        """Each kept non-blank line's 0-based place among the kept ones (by line index), and their number.

        Position guards count the lines that remain.
        """
        kept = self._kept()
        return {line.index: k for k, line in enumerate(kept)}, len(kept)

    def _candidates(
        self,
        patterns: Sequence[PatternMatcher],
        active: Sequence[bool],
        screen: Prefilter | None,
        spans: Spans | None,
    ) -> list[tuple[Line, list[PatternMatcher]]]:
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
        work = []
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

    def match_lines(
        self,
        patterns: Sequence[PatternMatcher],
        active: Sequence[bool],
        screen: Prefilter | None,
        spans: Spans | None,
    ) -> None:
        """Run pattern rules on the lines they could match, until position-guarded rules find nothing new.

        Position guards (first_lines, last_lines) count the lines that remain: deleting an ad label at the top
        brings the byline under it into range, and a second cleaning pass must not find more to delete.
        `spans`: the screen's finds in this text (Screen.flagged, run by the engine); None: every line.
        """
        work = self._candidates(patterns, active, screen, spans)
        if not self._scan(work):
            return  # no line went, so no position moved: another scan would find the same
        for _ in range(4):
            guarded = [(line, [m for m in ms if m.positioned]) for line, ms in work if self.owner[line.index] is None]
            guarded = [(line, ms) for line, ms in guarded if ms]
            if not guarded or not self._scan(guarded):
                break

    def _scan(self, work: list[tuple[Line, list[PatternMatcher]]]) -> bool:
        """Run one pass of pattern rules over unowned lines; heads and tails win over blocks, blocks over lines."""
        positions, total = self._positions()
        head: tuple[int, Rule] | None = None
        tail: tuple[int, Rule] | None = None
        line_hits: dict[int, Rule] = {}
        block_hits: dict[int, Rule] = {}
        for n, (line, matchers) in enumerate(work):
            if not n & 63:
                self.check_budget()
            place = positions.get(line.index)
            if place is None:
                continue
            view = LineView(line.text, place + 1, total - place)
            for matcher in matchers:
                scope = matcher.scope
                if scope == "span":
                    self.spans.extend(
                        (line.start + a, line.start + b, matcher.rule) for a, b in matcher.find_spans(view)
                    )
                    continue
                if (scope == "line" and line.index in line_hits) or not matcher.matches_line(view):
                    continue
                if matcher.rule.category == TRUNCATED_CATEGORY:
                    self.cut_markers.add(line.index)
                if scope == "line":
                    line_hits[line.index] = matcher.rule
                elif scope == "tail" and (tail is None or line.index < tail[0]):
                    tail = (line.index, matcher.rule)
                elif scope == "head" and (head is None or line.index > head[0]):
                    head = (line.index, matcher.rule)
                elif scope == "block":
                    block_hits.setdefault(line.index, matcher.rule)
        owned = sum(hit is not None for hit in self.owner)
        kept = [line.index for line in self._kept()]
        # A head or tail never takes the whole document: some kept paragraph must stay on the other side, unless
        # the marker is the only kept line left (then it is just that line).
        if head is not None and kept and (head[0] < kept[-1] or len(kept) == 1):
            hit = self._hit(head[1])
            for index in range(head[0] + 1):
                self.owner[index] = self.owner[index] or hit
        if tail is not None and kept and (tail[0] > kept[0] or len(kept) == 1):
            hit = self._hit(tail[1])
            for index in range(tail[0], len(self.lines)):
                self.owner[index] = self.owner[index] or hit
        for index, rule in sorted(block_hits.items()):
            if self.owner[index] is None:
                self._own_block(index, rule)
        for index, rule in line_hits.items():
            self.owner[index] = self.owner[index] or self._hit(rule)
        return sum(hit is not None for hit in self.owner) > owned

    def _own_block(self, index: int, rule: Rule) -> None:
        """Own a heading line and the run of short, title-like lines under it (a list of teaser headlines)."""
        hit = self._hit(rule)
        self.owner[index] = hit
        limit = rule.block_max_words or 20
        for line in self.content:
            if line.index <= index:
                continue
            if self.owner[line.index] is not None or _PROSE_LINE.search(line.text) or count_words(line.text) > limit:
                break
            self.owner[line.index] = hit

    def _kept(self) -> list[Line]:
        return [line for line in self.content if self.owner[line.index] is None]

    def echo_title(self, matcher: TitleEcho, title: str | None) -> None:
        """Delete the first kept line when it repeats the document's title."""
        kept = self._kept()
        if kept and matcher.repeats_title(kept[0].text, title):
            self.owner[kept[0].index] = self._hit(matcher.rule)

    def drop_teaser_block(self, matcher: TeaserBlock) -> None:
        """Delete the trailing block of teaser headlines under the last sentence, if the kind finds one."""
        kept = self._kept()
        start = matcher.find_start([line.text for line in kept], count_words)
        if start is not None:
            hit = self._hit(matcher.rule)
            for line in kept[start:]:
                self.owner[line.index] = hit

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

    def cut_unfinished(self, matcher: UnfinishedSentence) -> None:
        """Delete the unfinished sentence that ends the last kept paragraph (the whole line if it has no sentence end).

        A truncation marker already going after it (a "Continue reading" line, a closing "[…]") is evidence enough
        that the paragraph was cut; without one the detector asks for evidence of its own.
        """
        kept = self._kept()
        if not kept:
            return
        line = kept[-1]
        marked = any(index > line.index and self.owner[index] is not None for index in self.cut_markers)
        # Spans that close the line (a "[…]" marker) are already going; judge the text in front of them.
        end = line.end
        for start, span_end, rule in reversed([s for s in self.spans if line.start <= s[0] < line.end]):
            if self.text[span_end:end].strip():
                break
            end = start
            marked = marked or rule.category == TRUNCATED_CATEGORY
        # Judge the text the reader will see: spans inside the line (an inline teaser) are already going, and a
        # sentence end inside one must not start the cut.
        inside = [(a, b) for a, b, _ in self.spans if line.start <= a < end]
        if inside:
            visible, where = _visible(self.text, line.start, end, inside)
        else:  # the common case: what the reader sees is the line itself, and offsets need no mapping
            visible, where = self.text[line.start : end], None
        found = matcher.find_cut(visible, kept[-2].text if len(kept) > 1 else None, marked, self.text)
        if found is None:
            return
        cut = found if where is None else where[found] - line.start
        if not visible[:found].strip():
            self.owner[line.index] = self._hit(matcher.rule)
            self.spans = [s for s in self.spans if not line.start <= s[0] < line.end]
            return
        self.spans = [s for s in self.spans if not line.start + cut <= s[0] < end]
        self.spans.append((line.start + cut, end, matcher.rule))
        self.spans.sort(key=lambda s: s[0])

    def cut_marker_removed(self) -> bool:
        """True when a line a truncated_ending rule matched is deleted, whichever rule deletes it."""
        return any(self.owner[index] is not None for index in self.cut_markers)

    def pieces(self) -> list[tuple[int, int, Rule]]:
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
