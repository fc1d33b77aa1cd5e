"""From observed keys to proposed rules: shapes need varied lines, nested shapes collapse, covered lines drop."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

import regex

from .category import guess_category
from .guard import Verdict, judge
from .lines import NUMBER, SUFFIX
from .shapes import KINDS, max_words_for, pattern_for
from .site import KeyStats, SiteMiner

MIN_VARIANTS = 3  # a shape stands for at least this many different lines, else the exact line is the rule
NESTED_SHARE = 0.8  # a longer prefix (or marker) replaces a shorter one that it covers this share of
MAX_PREFIX_REST = 20  # median words after a fixed opening; past it the opening starts paragraphs of prose
MAX_DOMINANT = 0.5  # a shape whose most common line is this share of its occurrences is really that one line
COVERED = 0.9  # a rule whose occurrences another enabled rule matches this share of adds nothing
MAX_ON = 150  # rules written on, per site: past this many the site's pages are mostly boilerplate anyway
MAX_OFF = 40  # rules written off (for review), per site, the widest first: a reader's sitting, not an audit


@dataclass(slots=True)
class Proposal:
    """One mined rule before it is written: what it matches, its evidence, and the guard's verdict."""

    key: str
    kind: str
    fixed: str
    pattern: str
    max_words: int | None
    stats: KeyStats
    verdict: Verdict
    category: str
    travels_with: list[str] = field(default_factory=list)  # keys of the block this line belongs to

    @property
    def pages(self) -> int:
        """Distinct pages the rule's lines occur on."""
        return self.stats.pages

    def variants(self) -> list[str]:
        """The real lines it matched, most frequent first."""
        return [text for text, _ in sorted(self.stats.variants.items(), key=lambda item: (-item[1], item[0]))]


def _tail_words(fixed: str, variants: dict[str, int]) -> int:
    marker = " " + fixed
    longest = 0
    for line in variants:
        cut = line.rfind(marker)
        if cut >= 0:
            longest = max(longest, len(line[cut + len(marker) :].split()))
    return longest


def _speech_tails(fixed: str, variants: dict[str, int]) -> bool:
    """True when most ends after a suffix label read as sentences ("HOST: Good morning."), not credits ("N.K.")."""
    marker = " " + fixed
    speech = total = 0
    for line, count in variants.items():
        tail = line[line.rfind(marker) + len(marker) :].split()
        if not tail:
            continue
        total += count
        last = tail[-1]
        speech += count * ((last[-1] in ".!?" and "." not in last[:-1]) or "," in " ".join(tail))
    return total > 0 and speech * 2 >= total


def _rest_words(fixed: str, variants: dict[str, int]) -> float:
    rests = sorted(len(line[len(fixed) :].split()) for line in variants)
    return float(rests[len(rests) // 2]) if rests else 0.0


def _propose(key: str, stats: KeyStats, site_pages: int) -> Proposal | None:
    kind, fixed = KINDS[key[0]], key[1:]
    if kind != "line" and (
        len(stats.variants) < MIN_VARIANTS or max(stats.variants.values()) > MAX_DOMINANT * stats.occurrences
    ):
        return None
    if kind == "prefix" and _rest_words(fixed, stats.variants) > MAX_PREFIX_REST:
        return None
    tail = _tail_words(fixed, stats.variants) if key[0] == SUFFIX else 0
    pattern = pattern_for(kind, fixed, tail)
    category = guess_category(fixed.replace(NUMBER, "0"))
    doubt = "the varying ends read as speech, not as credits" if tail and _speech_tails(fixed, stats.variants) else None
    verdict = judge(kind, fixed.replace(NUMBER, "0"), stats, site_pages, category, doubt)
    return Proposal(key, kind, fixed, pattern, max_words_for(kind, stats.words), stats, verdict, category)


def _nested(longer: Proposal, shorter: Proposal) -> bool:
    if longer.kind != shorter.kind or longer is shorter:
        return False
    if longer.kind == "prefix":
        return longer.fixed.startswith(shorter.fixed + " ")
    return longer.kind == "suffix" and (
        longer.fixed.endswith(" " + shorter.fixed) or longer.fixed.startswith(shorter.fixed + " ")
    )


def _collapse_nested(proposals: list[Proposal]) -> list[Proposal]:
    """Of two nested shapes keep the longer when it covers most pages of the shorter, else the shorter."""
    dropped: set[str] = set()
    for shorter in proposals:
        for longer in proposals:
            if _nested(longer, shorter) and longer.key not in dropped and shorter.key not in dropped:
                dropped.add(shorter.key if longer.pages >= NESTED_SHARE * shorter.pages else longer.key)
    return [p for p in proposals if p.key not in dropped]


@functools.lru_cache(maxsize=4096)
def _compiled(pattern: str) -> regex.Pattern[str]:
    return regex.compile(pattern, regex.V0)


def _covered(proposal: Proposal, kept: list[Proposal]) -> bool:
    """True when an enabled rule already kept matches most occurrences of this one."""
    total = sum(proposal.stats.variants.values())
    for other in kept:
        if not other.verdict.enabled:
            continue
        compiled = _compiled(other.pattern)
        matched = sum(n for text, n in proposal.stats.variants.items() if compiled.search(text))
        if total and matched >= COVERED * total:
            return True
    return False


def _link_blocks(proposals: list[Proposal]) -> None:
    """Lines that follow each other on most of their pages form a block; each names the others in its evidence."""
    by_key = {p.key: p for p in proposals if p.kind == "line"}
    for proposal in by_key.values():
        for following, count in proposal.stats.next_keys.items():
            other = by_key.get(following)
            if other is not None and count >= NESTED_SHARE * min(proposal.pages, other.pages):
                proposal.travels_with.append(other.key)
                other.travels_with.append(proposal.key)


def propose_rules(miner: SiteMiner) -> list[Proposal]:
    """The site's proposed rules, most pages first (ties by pattern), lines covered by an enabled shape left out."""
    needed = miner.thresholds.pages_needed(miner.pages)
    proposals = []
    for key, stats in miner.stats.items():
        if stats.pages >= needed:
            proposal = _propose(key, stats, miner.pages)
            if proposal is not None:
                proposals.append(proposal)
    shapes = _collapse_nested([p for p in proposals if p.kind != "line"])
    chosen: list[Proposal] = []
    # Shapes first, widest first, then lines: a narrower rule that a kept one covers is left out.
    ordered = sorted(shapes, key=lambda p: (-p.pages, p.pattern)) + [p for p in proposals if p.kind == "line"]
    for proposal in ordered:
        if not _covered(proposal, chosen):
            chosen.append(proposal)
    chosen.sort(key=lambda p: (-p.pages, p.kind, p.pattern))
    on = [p for p in chosen if p.verdict.enabled][:MAX_ON]
    off = [p for p in chosen if not p.verdict.enabled][:MAX_OFF]
    kept = {id(p) for p in on + off}
    chosen = [p for p in chosen if id(p) in kept]
    _link_blocks(chosen)
    return chosen
