"""Removals by rule, category and site, and the lines that recur on many pages of a site after cleaning."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from .corpus import Doc

Json = dict[str, object]
Removal = tuple[int, int, str, str]  # start, end, category, rule


@dataclass(slots=True)
class Census:
    """What the cleaner removed, per group, and (for per-site corpora) which lines survive on many pages."""

    docs: Counter[str] = field(default_factory=Counter)
    changed: Counter[str] = field(default_factory=Counter)
    flagged: Counter[str] = field(default_factory=Counter)
    by_rule: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    by_category: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    survivors: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    listing: list[Json] = field(default_factory=list)

    def add(self, group: str, doc: Doc, text: str, removals: Sequence[Removal], truncated: bool) -> None:
        """Count one document's removals and flag under `group`, and the distinct lines left in its clean text."""
        self.docs[group] += 1
        self.changed[group] += bool(removals)
        self.flagged[group] += truncated
        for start, end, category, rule in removals:
            self.by_rule[group][rule] += 1
            self.by_category[group][category] += 1
            self.listing.append(
                {"group": group, "id": doc.id, "lang": doc.lang, "rule": rule, "text": doc.text[start:end]}
            )
        self.survivors[group].update({line.strip() for line in text.splitlines() if line.strip()})

    def rows(self) -> dict[str, Json]:
        """Return one row per group: documents, changed, truncated, and removals per category."""
        categories = sorted({c for counts in self.by_category.values() for c in counts})
        return {
            group: {"docs": n, "changed": self.changed[group], "truncated": self.flagged[group]}
            | {c: self.by_category[group][c] for c in categories}
            for group, n in self.docs.most_common()
        }

    def recurring(self, group: str, top: int) -> list[tuple[str, int]]:
        """Return the lines found on the most pages of a group (at least 3 pages)."""
        return [(line, n) for line, n in self.survivors[group].most_common(top) if n >= 3]
