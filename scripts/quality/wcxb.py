"""WCXB scoring: the benchmark's bag-of-words F1 and snippet rates, trafilatura alone vs + cleaner, paired."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from .corpus import Doc

WORD = re.compile(r"\w+")
SPACE = re.compile(r"\s+")
Json = dict[str, object]


def bow_f1(prediction: str, truth: str) -> float:
    """Bag-of-words F1 of `prediction` against `truth` over lower-cased \\w+ tokens (multiset overlap).

    >>> bow_f1("The cat sat", "the cat sat down")
    0.8571428571428571
    """
    pred, gold = Counter(WORD.findall(prediction.lower())), Counter(WORD.findall(truth.lower()))
    if not pred or not gold:
        return float(not pred and not gold)
    common = sum((pred & gold).values())
    if not common:
        return 0.0
    precision, recall = common / sum(pred.values()), common / sum(gold.values())
    return 2 * precision * recall / (precision + recall)


def squash(text: str) -> str:
    """Lower-case and collapse whitespace, for case-insensitive substring matching."""
    return SPACE.sub(" ", text.lower()).strip()


def found(text: str, snippets: Iterable[str]) -> list[bool]:
    """Tell for each snippet whether it occurs in `text` (case-insensitive, up to whitespace)."""
    norm = squash(text)
    return [squash(s) in norm for s in snippets]


@dataclass(slots=True)
class Group:
    """Sums over the pages of one group (all, a page type, a language) for both pipelines."""

    pages: int = 0
    sums: Counter[str] = field(default_factory=Counter)

    def add(self, doc: Doc, clean: str) -> None:
        """Add one page: F1 and snippet rates of trafilatura and of trafilatura + cleaner."""
        self.pages += 1
        w0, w1 = found(doc.text, doc.with_), found(clean, doc.with_)
        o0, o1 = found(doc.text, doc.without), found(clean, doc.without)
        self.sums.update(f1_base=bow_f1(doc.text, doc.truth), f1_clean=bow_f1(clean, doc.truth))
        if doc.with_:
            self.sums.update(with_pages=1, with_base=sum(w0) / len(w0), with_clean=sum(w1) / len(w1))
        if doc.without:
            self.sums.update(without_pages=1, without_base=sum(o0) / len(o0), without_clean=sum(o1) / len(o1))
        self.sums.update(
            with_present=sum(w0), with_lost=sum(a and not b for a, b in zip(w0, w1, strict=True)),
            without_present=sum(o0), without_removed=sum(a and not b for a, b in zip(o0, o1, strict=True)),
        )  # fmt: skip

    def row(self) -> Json:
        """Return the group's averaged figures."""
        s, n = self.sums, max(self.pages, 1)
        wp, op = max(s["with_pages"], 1), max(s["without_pages"], 1)
        return {
            "pages": self.pages, "F1 traf": s["f1_base"] / n, "F1 +cl": s["f1_clean"] / n,
            "with% traf": 100 * s["with_base"] / wp, "with% +cl": 100 * s["with_clean"] / wp,
            "w/o% traf": 100 * s["without_base"] / op, "w/o% +cl": 100 * s["without_clean"] / op,
            "w/o present": s["without_present"], "w/o removed": s["without_removed"],
            "removed%": 100 * s["without_removed"] / max(s["without_present"], 1),
            "with present": s["with_present"], "with lost": s["with_lost"],
        }  # fmt: skip


def score_wcxb(docs: list[Doc], cleaned: list[str]) -> tuple[dict[str, Json], list[Json], list[Json], list[Json]]:
    """Score every page by group; list the `with` snippets lost, `without` snippets removed and still present."""
    groups: dict[str, Group] = defaultdict(Group)
    lost: list[Json] = []
    removed: list[Json] = []
    left: list[Json] = []
    for doc, clean in zip(docs, cleaned, strict=True):
        lang = f"lang {doc.lang} " + ("articles" if doc.kind == "article" else "other types")
        for key in ("all pages", f"type {doc.kind}", lang):
            groups[key].add(doc, clean)
        w0, w1 = found(doc.text, doc.with_), found(clean, doc.with_)
        o0, o1 = found(doc.text, doc.without), found(clean, doc.without)
        ids = {"id": doc.id, "url": doc.url, "type": doc.kind, "lang": doc.lang}
        lost += [ids | {"snippet": s} for s, a, b in zip(doc.with_, w0, w1, strict=True) if a and not b]
        removed += [ids | {"snippet": s} for s, a, b in zip(doc.without, o0, o1, strict=True) if a and not b]
        left += [ids | {"snippet": s} for s, b in zip(doc.without, o1, strict=True) if b]
    order = ["all pages", "type article", *sorted(k for k in groups if k.startswith("type ") and k != "type article")]
    langs = (k for k in groups if k.startswith("lang ") and groups[k].pages >= 5)
    order += sorted(langs, key=lambda k: -groups[k].pages)
    return {k: groups[k].row() for k in order}, lost, removed, left
