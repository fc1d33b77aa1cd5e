"""One site's two passes: count the keys of its distinct pages, then observe how the frequent ones sit on them."""

from __future__ import annotations

from dataclasses import dataclass, field
from math import ceil

import regex

from .lines import EXACT, MAX_LINE_CHARS, line_keys, normalise
from .neardup import DEFAULT_THRESHOLD, NearDuplicates
from .sketch import DEFAULT_CAPACITY, BoundedCounter

MAX_CANDIDATES = 400  # keys observed in the second pass, per site (the most frequent)
MAX_RECURRING = 2000  # exact lines on two pages or more kept per site for the cross-site report
MAX_VARIANTS = 64  # distinct full lines kept per key, for examples and the guard
MAX_KEEP_POOL = 8  # lines sharing a key's words, kept per key as keep-example candidates
MAX_KEEP_OFFERS = 20_000  # lines offered as keep examples per site: enough to find lines sharing a rule's words
COMMON_WORD = 16  # a word that this many candidates share ("the", "và") pairs nothing
EDGE_LINES = 2  # a line among the first or last this many lines of a page sits at its edge
TERMINAL = '.!?…。！？"”’»)'


@dataclass(frozen=True, slots=True)
class Thresholds:
    """When a key is frequent enough: on at least `min_pages` distinct pages and `min_share` of the site's pages."""

    min_pages: int = 3
    min_share: float = 0.01
    near_duplicate: float = DEFAULT_THRESHOLD
    capacity: int = DEFAULT_CAPACITY

    def pages_needed(self, pages: int) -> int:
        """The page count a key needs on a site of `pages` distinct pages."""
        return max(self.min_pages, ceil(self.min_share * pages - 1e-9))


@dataclass(slots=True)
class KeyStats:
    """How one frequent key sits on the pages it occurs on (second pass)."""

    pages: int = 0
    occurrences: int = 0
    ids: list[str] = field(default_factory=list)
    variants: dict[str, int] = field(default_factory=dict)
    words: list[int] = field(default_factory=list)
    sentences: int = 0  # occurrences ending in terminal punctuation
    edge: int = 0  # occurrences among the first or last EDGE_LINES lines of their page
    neighbours: int = 0  # occurrences next to another frequent line
    keep_pool: list[tuple[int, int, str]] = field(default_factory=list)  # (-shared words, order, line)
    next_keys: dict[str, int] = field(default_factory=dict)  # the exact key on the following line, and how often


def _lines(text: str) -> list[str]:
    return [line for line in (normalise(raw) for raw in text.splitlines()) if line]


_WORD = regex.compile(r"\w+")


def _words(text: str) -> set[str]:
    """Lower-case words of three characters or more, not numbers, for pairing rules with keep lines."""
    return {w for w in _WORD.findall(text.lower()) if len(w) >= 3 and not w.isdigit()}


class SiteMiner:
    """The state of one site across both passes; memory bounded by the counter's capacity and fixed caps."""

    def __init__(self, site: str | None, thresholds: Thresholds) -> None:
        self.site = site
        self.thresholds = thresholds
        self.counter = BoundedCounter(thresholds.capacity)
        self.near = NearDuplicates(thresholds.near_duplicate)
        self.seen = 0  # documents read
        self.pages = 0  # distinct documents (near-duplicates counted once)
        self.first_ids: list[str] = []
        self.duplicate = bytearray()  # per document read: 1 when it repeats an earlier one
        self.stats: dict[str, KeyStats] = {}
        self.recurring: dict[str, int] = {}  # exact lines on two distinct pages or more (cross-site report)
        self._observed = 0
        self._word_index: dict[str, list[str]] = {}
        self._order = 0
        self.fallback_keep: list[str] = []  # prose lines of the site, for a rule whose words no other line shares

    def count(self, doc_id: str, text: str) -> None:
        """First pass: count each key once per distinct page."""
        lines = _lines(text)
        number = self.seen
        self.seen += 1
        if self.near.duplicate_of(number, lines) is not None:
            self.duplicate.append(1)
            return
        self.duplicate.append(0)
        self.pages += 1
        if len(self.first_ids) < 3:
            self.first_ids.append(doc_id)
        keys: set[str] = set()
        for line in lines:
            keys.update(line_keys(line))
        for key in keys:
            self.counter.add(key)

    def choose_candidates(self) -> None:
        """Between the passes: keep the most frequent keys past the thresholds for the second pass."""
        needed = self.thresholds.pages_needed(self.pages)
        frequent = sorted(self.counter.at_least(needed).items(), key=lambda item: (-item[1], item[0]))
        self.stats = {key: KeyStats() for key, _ in frequent[:MAX_CANDIDATES]}
        twice = sorted(
            ((key[1:], count) for key, count in self.counter.at_least(2).items() if key[0] == EXACT),
            key=lambda item: (-item[1], item[0]),
        )
        self.recurring = dict(twice[:MAX_RECURRING])
        self.counter = BoundedCounter(2)  # the counts are no longer needed; free them
        for key in self.stats:
            for word in _words(key[1:]):
                self._word_index.setdefault(word, []).append(key)

    def observe(self, doc_id: str, text: str) -> None:
        """Second pass: for each distinct page, record how the candidate keys sit on it."""
        number = self._observed
        self._observed += 1
        if not self.stats or self.duplicate[number]:
            return
        lines = _lines(text)
        found = [[key for key in line_keys(line) if key in self.stats] for line in lines]
        on_page: set[str] = set()
        last = len(lines) - 1
        for position, (line, keys) in enumerate(zip(lines, found, strict=True)):
            if not keys:
                self._offer_keep(line)
                continue
            edge = position < EDGE_LINES or position > last - EDGE_LINES
            beside = (position > 0 and bool(found[position - 1])) or (position < last and bool(found[position + 1]))
            following = EXACT + lines[position + 1] if position < last else None
            for key in keys:
                stats = self.stats[key]
                if key not in on_page:
                    on_page.add(key)
                    stats.pages += 1
                    if len(stats.ids) < 3:
                        stats.ids.append(doc_id)
                stats.occurrences += 1
                if line in stats.variants or len(stats.variants) < MAX_VARIANTS:
                    stats.variants[line] = stats.variants.get(line, 0) + 1
                if len(stats.words) < 4096:
                    stats.words.append(line.count(" ") + 1)
                stats.sentences += line[-1] in TERMINAL
                stats.edge += edge
                stats.neighbours += beside
                if key[0] == EXACT and following in self.stats:
                    stats.next_keys[following] = stats.next_keys.get(following, 0) + 1

    def _offer_keep(self, line: str) -> None:
        """A line no candidate covers: keep it as a keep example for the candidates whose words it shares."""
        if len(line) > MAX_LINE_CHARS or line.count(" ") < 5:
            return
        if len(self.fallback_keep) < MAX_KEEP_POOL and line[-1] in TERMINAL:
            self.fallback_keep.append(line)
        shared: dict[str, int] = {}
        if self._order >= MAX_KEEP_OFFERS:
            return
        for word in _words(line):
            keys = self._word_index.get(word, ())
            if len(keys) >= COMMON_WORD:
                continue
            for key in keys:
                shared[key] = shared.get(key, 0) + 1
        self._order += 1
        for key, count in shared.items():
            pool = self.stats[key].keep_pool
            entry = (-count, self._order, line)
            if len(pool) < MAX_KEEP_POOL:
                pool.append(entry)
                pool.sort()
            elif entry < pool[-1]:
                pool[-1] = entry
                pool.sort()
