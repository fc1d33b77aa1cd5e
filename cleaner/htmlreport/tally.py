"""Per-document counters a batch run keeps beside RunReport: sites, languages, share removed, noted documents."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from ..model import Result
from ..rule_scope import host_of

SHARE_BINS = 20  # the share removed per changed document, in bins 5 points wide
MAX_SITES = 10_000  # past this many hosts, further hosts are counted together: memory stays bounded
MAX_NOTED = 50  # flagged and truncated documents kept by name, the first ones in input order
OTHER_SITES = "(other sites)"
NO_SITE, NO_LANGUAGE = "(no url)", "(unknown)"

# One row per site or language: documents, changed, removals, characters removed.
Row = list[int]


def share_bin(removed: int, length: int) -> int:
    """The histogram bin of a changed document: 0 for (0, 5%], 19 for (95%, 100%].

    >>> share_bin(1, 100), share_bin(5, 100), share_bin(6, 100), share_bin(100, 100)
    (0, 0, 1, 19)
    """
    return min(SHARE_BINS - 1, max(0, math.ceil(removed / max(length, 1) * SHARE_BINS) - 1))


def site_of(url: str) -> str:
    """The host of a URL as `host_of` gives it, by plain string cuts in the common case (a log has millions).

    >>> site_of("https://News.Example.com:8080/a/b?c#d"), site_of("http://user@x.example/"), site_of("")
    ('news.example.com', 'x.example', '(no url)')
    """
    scheme, found, rest = url.partition("://")
    if found and scheme.isalpha():
        host = rest.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
        if host and not any(c in host for c in "@[%\\"):
            return host.split(":", 1)[0].lower() or NO_SITE
    return host_of(url) or NO_SITE


@dataclass(slots=True)
class Tally:
    """Counters by site and language, the share histogram, and the first flagged and truncated documents."""

    sites: dict[str, Row] = field(default_factory=dict)
    languages: dict[str, Row] = field(default_factory=dict)
    shares: list[int] = field(default_factory=lambda: [0] * SHARE_BINS)
    flagged: list[dict[str, object]] = field(default_factory=list)
    truncated: list[dict[str, object]] = field(default_factory=list)
    # False for one chunk's counters (as many hosts as the chunk's documents at most): the run's tally, which
    # merges them in input order, is the one held to MAX_SITES, so the hosts named do not depend on where the
    # input was cut into chunks (nor so on -j).
    bounded: bool = True

    def count(self, text: str, result: Result, doc_id: object, url: str | None, lang: str | None) -> None:
        """Count one cleaned document."""
        removed = sum(r.end - r.start for r in result.removals)
        row = [1, int(bool(result.removals)), len(result.removals), removed]
        host = site_of(url) if url else NO_SITE
        if self.bounded and host not in self.sites and len(self.sites) >= MAX_SITES:
            host = OTHER_SITES
        _add(self.sites, host, row)
        _add(self.languages, (lang or NO_LANGUAGE).lower(), row)
        if result.removals:
            self.shares[share_bin(removed, len(text))] += 1
        if result.flagged is not None and len(self.flagged) < MAX_NOTED:
            self.flagged.append({"id": doc_id, "url": url, "why": result.flagged})
        if result.truncated and len(self.truncated) < MAX_NOTED:
            rules = sorted({r.rule for r in result.removals if r.category == "truncated_ending"})
            why = ", ".join(rules) or ("kept whole: " + result.flagged if result.flagged else "cut marker removed")
            ending = text.rstrip()[-120:]
            self.truncated.append({"id": doc_id, "url": url, "why": why, "ending": ending})

    def merge(self, other: Tally) -> None:
        """Add a later chunk's counters; noted documents stay the first ones in input order."""
        for mine, theirs in ((self.sites, other.sites), (self.languages, other.languages)):
            for key, row in theirs.items():
                if key not in mine and mine is self.sites and len(mine) >= MAX_SITES:
                    key = OTHER_SITES
                _add(mine, key, row)
        self.shares = [a + b for a, b in zip(self.shares, other.shares, strict=True)]
        self.flagged.extend(other.flagged[: MAX_NOTED - len(self.flagged)])
        self.truncated.extend(other.truncated[: MAX_NOTED - len(self.truncated)])

    def to_dict(self) -> dict[str, object]:
        """The tally's part of the stats record."""
        return {
            "sites": _table(self.sites),
            "languages": _table(self.languages),
            "share_removed_bins": {f"{5 * n}-{5 * n + 5}%": count for n, count in enumerate(self.shares)},
            "flagged_documents": self.flagged,
            "truncated_documents": self.truncated,
        }

    def summary_lines(self, top: int | None) -> list[str]:
        """Lines of the text summary: removals by site (the top ones) and by language."""
        lines: list[str] = []
        for title, table, limit in (("by site", self.sites, top or 10), ("by language", self.languages, top)):
            if set(table) <= {NO_SITE, NO_LANGUAGE}:
                continue  # the records carry no url (no language: --lang-field): nothing to break down
            ranked = sorted(table.items(), key=lambda item: (-item[1][2], -item[1][0], item[0]))
            lines.append(f"  {title}: documents, changed, removals, characters removed")
            for key, row in ranked[:limit]:
                lines.append(f"    {key:<40} {row[0]:>9,} {row[1]:>9,} {row[2]:>9,} {row[3]:>11,}")
            if limit is not None and len(ranked) > limit:
                lines.append(f"    ... and {len(ranked) - limit:,} more")
        return lines


def _add(table: dict[str, Row], key: str, row: Row) -> None:
    mine = table.get(key)
    if mine is None:
        table[key] = list(row)
    else:
        for n, value in enumerate(row):
            mine[n] += value


def _table(table: dict[str, Row]) -> dict[str, dict[str, int]]:
    names = ("documents", "changed", "removals", "characters")
    ranked = sorted(table.items(), key=lambda item: (-item[1][2], -item[1][0], item[0]))
    return {key: dict(zip(names, row, strict=True)) for key, row in ranked}
