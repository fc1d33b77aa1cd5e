"""The content guard: how a frequent line sits on its pages decides whether its rule is on, off, or dropped."""

from __future__ import annotations

from dataclasses import dataclass
from statistics import median

import regex

from .category import FALLBACK
from .site import KeyStats

# Contact addresses, links and rights notices: page furniture in any language.
_FURNITURE = regex.compile(r"(?i)@\w+\.\w|https?://|www\.|\.(?:com|org|net)\b|©|\(c\)|\bcopyright\b")
WIDE_SHARE = 0.2  # on this share of a site's pages a line is the site's, not a story's
LONG_WORDS = 40  # past this many words a line is a paragraph: never switched on by count alone
PROSE_WORDS = 8  # a line ending like a sentence with this many words may be a quote or a standing sentence
AT_EDGE = 0.8  # share of occurrences at a page's edge (first or last lines) that marks furniture
IN_BLOCK = 0.8  # share of occurrences next to another frequent line that marks a block of furniture


@dataclass(frozen=True, slots=True)
class Verdict:
    """Whether a mined rule is switched on, and the reason written into its evidence."""

    enabled: bool
    why: str


def describe(stats: KeyStats, site_pages: int) -> dict[str, float]:
    """The measures the guard reads, as shares of the key's occurrences (and of the site's pages)."""
    occurrences = max(stats.occurrences, 1)
    return {
        "share": stats.pages / max(site_pages, 1),
        "words": float(median(stats.words)) if stats.words else 0.0,
        "sentence": stats.sentences / occurrences,
        "edge": stats.edge / occurrences,
        "neighbours": stats.neighbours / occurrences,
    }


def judge(kind: str, fixed: str, stats: KeyStats, site_pages: int, category: str, doubt: str | None = None) -> Verdict:
    """Decide a candidate: on when its place on the pages says furniture, off (with the doubt) when it reads as prose.

    `kind` is line, numbers, prefix or suffix; `fixed` the text every occurrence shares; `doubt` a reason to
    hold back that only the shape could tell (the varying ends read as speech).
    """
    m = describe(stats, site_pages)
    share, words = m["share"], m["words"]
    signs = []
    if share >= WIDE_SHARE:
        signs.append(f"on {share:.0%} of the site's pages")
    if category != FALLBACK:
        signs.append(f"words of the shipped {category} rules")
    if _FURNITURE.search(fixed):
        signs.append("a link, address or rights notice")
    if m["edge"] >= AT_EDGE:
        signs.append(f"{m['edge']:.0%} of occurrences at the top or bottom of the page")
    if m["neighbours"] >= IN_BLOCK:
        signs.append(f"{m['neighbours']:.0%} of occurrences beside other recurring lines")
    if kind in ("prefix", "suffix") and fixed.split(" ")[-1][-1:] in ":：":
        signs.append("a fixed label with a varying rest")
    # Shared words with the shipped rules say which category a line would take, not that prose is furniture: a
    # newsletter's standing sentence ("Our goal is to provide you with ...") shares them.
    prose = words >= PROSE_WORDS and m["sentence"] >= 0.5
    strong = [s for s in signs if not (prose and s.startswith("words of the shipped"))]
    if share >= 0.05:
        signs.append(f"on {stats.pages} of {site_pages} pages")
    short = words <= 6 and (m["sentence"] < 0.5 or words <= 2)
    if short and signs:
        signs.append(f"a short line ({words:g} words) that is not a sentence")
    doubts = [doubt] if doubt else []
    if fixed[:2] in ("- ", "• ", "* ", "· "):
        doubts.append("a list item")
    if words > LONG_WORDS:
        doubts.append(f"a paragraph-length line ({words:g} words)")
    elif prose:
        doubts.append(f"reads as a sentence ({words:g} words, {m['sentence']:.0%} end like one)")
    if kind == "prefix" and not any("label" in s for s in signs):
        doubts.append("an opening that prose may share")
    if short and not signs:
        doubts.append(f"a short line ({words:g} words) on few pages: maybe a heading of the articles")
    if doubts and len(strong) < (3 if words > LONG_WORDS else 2):
        shown = "; ".join(doubts + signs) if signs else "; ".join(doubts)
        return Verdict(False, f"unsure, left off: {shown}; enable it after reading its pages")
    if not signs or not (len(strong) >= 2 or (strong and words <= 12) or (short and share >= 0.05)):
        shown = f" ({'; '.join(signs)})" if signs else ""
        why = f"unsure, left off: recurs on {stats.pages} pages but little marks it as furniture{shown}"
        return Verdict(False, why)
    return Verdict(True, "; ".join(signs))
