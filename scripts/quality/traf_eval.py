"""trafilatura-eval scoring: `with` / `without` snippets found by trafilatura alone and after cleaning."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from .corpus import Doc

TOKEN = re.compile(r"\S+")
Json = dict[str, object]


def normalise(text: str) -> str:
    """Collapse whitespace runs to one space and strip, as the corpus README prescribes."""
    return " ".join(TOKEN.findall(text))


def found_in(text: str, snippets: Sequence[str]) -> list[bool]:
    """Tell for each snippet whether it occurs in `text`, up to whitespace (case-sensitive, as before)."""
    norm = normalise(text)
    return [normalise(s) in norm for s in snippets]


@dataclass(slots=True)
class SnippetBench:
    """Snippet counts of both pipelines, the changes made by cleaning and the detail listings."""

    base: Counter[str] = field(default_factory=Counter)
    clean: Counter[str] = field(default_factory=Counter)
    lost: list[Json] = field(default_factory=list)
    left: list[Json] = field(default_factory=list)
    by_lang: Counter[str] = field(default_factory=Counter)

    def add(self, doc: Doc, text: str) -> None:
        """Score one page's extraction and its clean text."""
        w0, w1 = found_in(doc.text, doc.with_), found_in(text, doc.with_)
        o0, o1 = found_in(doc.text, doc.without), found_in(text, doc.without)
        for counts, w, o in ((self.base, w0, o0), (self.clean, w1, o1)):
            counts.update(tp=sum(w), fn=len(w) - sum(w), fp=sum(o), tn=len(o) - sum(o))
        lost = [s for s, a, b in zip(doc.with_, w0, w1, strict=True) if a > b]
        removed = sum(a > b for a, b in zip(o0, o1, strict=True))
        self.clean.update(lost=len(lost), removed=removed)
        self.by_lang.update(
            {f"{doc.lang}|left": sum(o1), f"{doc.lang}|removed": removed, f"{doc.lang}|lost": len(lost)}
        )
        ids = {"id": doc.id, "url": doc.url, "lang": doc.lang}
        self.lost += [ids | {"snippet": s} for s in lost]
        self.left += [ids | {"snippet": s} for s, b in zip(doc.without, o1, strict=True) if b]

    def row(self) -> dict[str, Json]:
        """Return the headline figures of both pipelines."""
        return {
            "trafilatura": metrics(self.base) | {"lost": "-", "removed": "-"},
            "trafilatura+cleaner": metrics(self.clean) | {"lost": self.clean["lost"], "removed": self.clean["removed"]},
        }


def metrics(c: Counter[str]) -> Json:
    """Return boilerplate left, required found, precision, recall and F1 of one pipeline."""
    precision = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0
    recall = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"w/o left": c["fp"], "with found": c["tp"], "precision": precision, "recall": recall, "F1": f1}
