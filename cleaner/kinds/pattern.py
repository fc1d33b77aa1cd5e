"""kind: pattern: a `regex` pattern with guards, deleting a line, a span, a block, the tail or the head."""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence
from typing import cast

import regex

from ..errors import MatchTimeout
from ..model import TRUNCATED_CATEGORY, Rule
from ..rule_scope import applies_to
from ..segment import Line
from ..words import count_words, surely_more_words_than
from .base import LANGUAGE, Candidates, Claim, Kind, LineClaim, LineContext, Phase, Recorder, SpanClaim

# What stops a block of teaser headlines: a line that ends like a statement (a full stop, or any end mark
# followed by a closing quote), or a line holding two sentences. A lone "?" or "!" headline stays in the block.
_PROSE_LINE = regex.compile(
    r"[.…。؟][\"'”“’‘»«)\]」』）]*\s*$|[.!?…。！？][\"'”“’‘»«」』]+\s*$|[.!?…](?:\s+)(?=\p{Lu})|[。！？](?=\S)"
)
# Passes after the first: position guards count the lines that remain, so a deletion can bring more in range.
_MORE_PASSES = 4


class LineView:
    """One non-blank line, its position among the document's non-blank lines (1-based), its word count."""

    __slots__ = ("_words", "from_end", "from_start", "text")

    def __init__(self, text: str, from_start: int, from_end: int) -> None:
        self.text = text
        self.from_start = from_start
        self.from_end = from_end
        self._words = -1

    @property
    def words(self) -> int:
        """The line's word count, counted once however many rules ask."""
        if self._words < 0:
            self._words = count_words(self.text)
        return self._words


class PatternMatcher(Kind):
    """kind: pattern: a `regex` pattern with guards, deleting a line, a span, the tail or the head."""

    name = "pattern"
    phase = Phase.LINES
    reads_pattern = True

    def __init__(self, rule: Rule, timeout: float) -> None:
        super().__init__(rule, timeout)
        self._flags = regex.V0 if rule.case_sensitive else regex.IGNORECASE
        self.scope = rule.scope
        self.positioned = rule.first_lines is not None or rule.last_lines is not None
        self.counts_words = rule.max_words is not None or rule.min_words is not None

    # Compiled when the prefilter first flags a line for the rule, not at start-up: a process that cleans a few
    # documents (or none) compiles a few patterns, not all ~550 (about 4 s of CPU).
    @functools.cached_property
    def pattern(self) -> regex.Pattern[str]:
        """The rule's compiled pattern."""
        return regex.compile(self.rule.pattern, self._flags)

    @functools.cached_property
    def unless(self) -> tuple[regex.Pattern[str], ...]:
        """The rule's compiled `unless` patterns."""
        return tuple(regex.compile(p, self._flags) for p in self.rule.unless)

    def _position_ok(self, line: LineView) -> bool:
        rule = self.rule
        if rule.first_lines is not None and line.from_start > rule.first_lines:
            return False
        return rule.last_lines is None or line.from_end <= rule.last_lines

    def _words_ok(self, words: int) -> bool:
        rule = self.rule
        return (rule.max_words is None or words <= rule.max_words) and (
            rule.min_words is None or words >= rule.min_words
        )

    def _unless(self, text: str) -> bool:
        try:
            return any(p.search(text, timeout=self.timeout) for p in self.unless)
        except TimeoutError:
            raise MatchTimeout(self.rule.id, self.timeout) from None

    def may_claim(self, text: str, title: str | None) -> bool:
        """A pattern claims only on lines the prefilter flags: with no candidate line, nothing."""
        return False

    def matches_line(self, line: LineView) -> bool:
        """True when the whole line is this rule's to delete (scopes line, tail, head and block)."""
        if not self._position_ok(line):
            return False
        # The max_words guard first, as a bound that stops a few words past it: a paragraph of prose flagged by a
        # rule's phrase does not meet the rule's `regex` at all (the same answer: the guard is checked below too).
        if self.rule.max_words is not None and surely_more_words_than(line.text, self.rule.max_words):
            return False
        try:
            found = self.pattern.search(line.text, timeout=self.timeout) is not None
        except TimeoutError:
            raise MatchTimeout(self.rule.id, self.timeout) from None
        # Words are counted only for lines the pattern matched, and once per line (LineView caches it).
        return found and (not self.counts_words or self._words_ok(line.words)) and not self._unless(line.text)

    def find_spans(self, line: LineView) -> Iterator[tuple[int, int]]:
        """Yield [start, end) offsets inside the line of each match to delete (scope span)."""
        if not self._position_ok(line):
            return
        try:
            matches = list(self.pattern.finditer(line.text, timeout=self.timeout))
        except TimeoutError:
            raise MatchTimeout(self.rule.id, self.timeout) from None
        if not matches or self._unless(line.text):
            return
        for match in matches:
            if match.end() > match.start() and (not self.counts_words or self._words_ok(count_words(match.group()))):
                yield match.start(), match.end()

    @classmethod
    def claim_lines(cls, document: Recorder, candidates: Candidates) -> None:
        """Run pattern rules on the lines they could match, until position-guarded rules find nothing new.

        Position guards (first_lines, last_lines) count the lines that remain: deleting an ad label at the top
        brings the byline under it into range, and a second cleaning pass must not find more to delete.
        """
        work = cast("list[tuple[Line, list[PatternMatcher]]]", candidates)
        if not document.record(_scan(document, work)):
            return  # no line went, so no position moved: another scan would find the same
        for _ in range(_MORE_PASSES):
            guarded = [(line, [m for m in ms if m.positioned]) for line, ms in work if not document.owned(line.index)]
            guarded = [(line, ms) for line, ms in guarded if ms]
            if not guarded or not document.record(_scan(document, guarded)):
                break

    @classmethod
    def held_back(cls, rule: Rule, line: str, context: LineContext) -> str | None:
        """Which guard stopped a rule whose pattern matches this line, or None (no match, or no guard stopped it)."""
        try:
            match = _compiled(rule.pattern, rule.case_sensitive).search(line, timeout=context.timeout)
        except TimeoutError:
            return None
        if match is None:
            return None
        lang, host = context.lang, context.host
        if lang is not None and rule.language not in ("any", lang.split("-")[0].split("_")[0].lower()):
            return LANGUAGE
        if rule.domains and not applies_to(rule, None, host):
            return f"domain: the rule is for {', '.join(rule.domains)}, the document is from {host or 'no known site'}"
        if rule.first_lines is not None and context.from_start > rule.first_lines:
            return f"position: only the first {rule.first_lines} lines, this is line {context.from_start}"
        if rule.last_lines is not None and context.from_end > rule.last_lines:
            return f"position: only the last {rule.last_lines} lines, this is line {context.from_end} from the end"
        piece = "match" if rule.scope == "span" else "line"
        words = count_words(line if rule.scope != "span" else str(match.group()))
        if rule.max_words is not None and words > rule.max_words:
            return f"max_words: at most {rule.max_words} words, the {piece} has {words}"
        if rule.min_words is not None and words < rule.min_words:
            return f"min_words: at least {rule.min_words} words, the {piece} has {words}"
        if any(_compiled(p, rule.case_sensitive).search(line) for p in rule.unless):
            return "unless: the line matches one of the rule's exceptions"
        return None


_COMPILED: dict[tuple[str, bool], regex.Pattern[str]] = {}


def _compiled(pattern: str, case_sensitive: bool) -> regex.Pattern[str]:
    key = (pattern, case_sensitive)
    if key not in _COMPILED:
        _COMPILED[key] = regex.compile(pattern, regex.V0 if case_sensitive else regex.IGNORECASE)
    return _COMPILED[key]


def _scan(document: Recorder, work: Sequence[tuple[Line, list[PatternMatcher]]]) -> list[Claim]:
    """One pass of pattern rules over unowned lines; heads and tails win over blocks, blocks over lines."""
    kept = document.kept()
    positions = {line.index: k for k, line in enumerate(kept)}
    total = len(kept)
    head: tuple[int, Rule] | None = None
    tail: tuple[int, Rule] | None = None
    line_hits: dict[int, Rule] = {}
    block_hits: dict[int, Rule] = {}
    spans: list[Claim] = []
    markers: list[int] = []
    for n, (line, matchers) in enumerate(work):
        if not n & 63:
            document.check_budget()
        place = positions.get(line.index)
        if place is None:
            continue
        view = LineView(line.text, place + 1, total - place)
        for matcher in matchers:
            scope = matcher.scope
            if scope == "span":
                spans.extend(
                    SpanClaim(matcher.rule, line.start + a, line.start + b) for a, b in matcher.find_spans(view)
                )
                continue
            if (scope == "line" and line.index in line_hits) or not matcher.matches_line(view):
                continue
            if matcher.rule.category == TRUNCATED_CATEGORY:
                markers.append(line.index)
            if scope == "line":
                line_hits[line.index] = matcher.rule
            elif scope == "tail" and (tail is None or line.index < tail[0]):
                tail = (line.index, matcher.rule)
            elif scope == "head" and (head is None or line.index > head[0]):
                head = (line.index, matcher.rule)
            elif scope == "block":
                block_hits.setdefault(line.index, matcher.rule)
    if markers:
        document.mark_cut(markers)
    claims = spans
    count = len(document.lines)
    # Lines that heads, tails and earlier blocks take stop a block: only blocks need to know them.
    taken = {line.index for line in document.lines if document.owned(line.index)} if block_hits else set()
    # A head or tail never takes the whole document: some kept paragraph must stay on the other side, unless
    # the marker is the only kept line left (then it is just that line).
    if head is not None and kept and (head[0] < kept[-1].index or len(kept) == 1):
        claims.append(LineClaim(head[1], range(head[0] + 1)))
        taken.update(range(head[0] + 1))
    if tail is not None and kept and (tail[0] > kept[0].index or len(kept) == 1):
        claims.append(LineClaim(tail[1], range(tail[0], count)))
        taken.update(range(tail[0], count))
    for index, rule in sorted(block_hits.items()):
        if index not in taken:
            block = _block(document, index, rule, taken)
            claims.append(LineClaim(rule, block))
            taken.update(block)
    claims.extend(LineClaim(rule, (index,)) for index, rule in line_hits.items())
    return claims


def _block(document: Recorder, index: int, rule: Rule, taken: set[int]) -> list[int]:
    """A heading line and the run of short, title-like lines under it (a list of teaser headlines)."""
    block = [index]
    limit = rule.block_max_words or 20
    for line in document.content:
        if line.index <= index:
            continue
        if line.index in taken or _PROSE_LINE.search(line.text) or count_words(line.text) > limit:
            break
        block.append(line.index)
    return block
