"""Line labels on WCXB articles (no 4-word run shared with main_content = candidate boilerplate) and the
precision and recall of the cleaner's line removals against them."""

from __future__ import annotations

import re
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from .corpus import Doc

WORD = re.compile(r"\w+")
RUN = 4
Json = dict[str, object]


def runs(words: Sequence[str], n: int) -> set[tuple[str, ...]]:
    """Return the n-word runs of a word list."""
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


def is_boilerplate(line: str, truth_words: Sequence[str], cache: dict[int, set[tuple[str, ...]]]) -> bool | None:
    """Label a line: True when it shares no 4-word run with the truth (a shorter line: its whole word run is
    absent), None when it has no word at all.

    >>> is_boilerplate("Sign up for our newsletter", "the port reopened on monday".split(), {})
    True
    >>> is_boilerplate("The port reopened.", "the port reopened on monday".split(), {})
    False
    """
    words = WORD.findall(line.lower())
    if not words:
        return None
    n = min(RUN, len(words))
    if n not in cache:
        cache[n] = runs(truth_words, n)
    return not (runs(words, n) & cache[n])


def line_spans(text: str) -> Iterator[tuple[int, int]]:
    """Yield [start, end) of each non-blank line of `text`."""
    start = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        if body.strip():
            yield start, start + len(body)
        start += len(line)


def removed_share(start: int, end: int, removals: Iterable[tuple[int, int]]) -> float:
    """Return the share of a line's characters that removals cover."""
    covered = sum(max(0, min(end, b) - max(start, a)) for a, b in removals)
    return covered / max(end - start, 1)


@dataclass(slots=True)
class LineScore:
    """Counts of labelled lines and the cleaner's removals, overall, by rule category and by language."""

    counts: Counter[str] = field(default_factory=Counter)
    samples: list[Json] = field(default_factory=list)
    wrong: list[Json] = field(default_factory=list)

    def add(self, doc: Doc, removals: Sequence[tuple[int, int, str, str]]) -> None:
        """Label every line of the page's extraction and count it as removed when most of it is removed."""
        truth_words, cache = WORD.findall(doc.truth.lower()), {}
        spans = [(a, b) for a, b, _, _ in removals]
        for start, end in line_spans(doc.text):
            line = doc.text[start:end]
            label = is_boilerplate(line, truth_words, cache)
            if label is None:
                continue
            gone = removed_share(start, end, spans) >= 0.5
            cats = {c for a, b, c, _ in removals if a < end and b > start} or {"-"}
            keys = ["all", f"lang {doc.lang}"] + [f"category {c}" for c in cats if gone]
            for key in keys:
                self.counts[f"{key}|boiler"] += label
                self.counts[f"{key}|lines"] += 1
                self.counts[f"{key}|removed"] += gone
                self.counts[f"{key}|tp"] += gone and label
            if zlib.crc32(f"{doc.id}:{start}".encode()) % 16 == 0:  # a fixed 1-in-16 sample across all pages
                self.samples.append({"id": doc.id, "label": "boilerplate" if label else "content", "line": line})
            if gone and not label:
                rules = sorted({r for a, b, _, r in removals if a < end and b > start})
                self.wrong.append({"id": doc.id, "url": doc.url, "rules": rules, "line": line})

    def rows(self) -> dict[str, Json]:
        """Return precision and recall of removals per key (all, languages, categories)."""
        keys = sorted(
            {k.split("|")[0] for k in self.counts}, key=lambda k: (k != "all", k.split()[0], -self.counts[f"{k}|lines"])
        )
        out: dict[str, Json] = {}
        for key in keys:
            c = {n: self.counts[f"{key}|{n}"] for n in ("lines", "boiler", "removed", "tp")}
            if key.startswith("lang ") and c["lines"] < 200:
                continue
            out[key] = {
                "lines": c["lines"], "boilerplate": c["boiler"], "removed": c["removed"], "removed boiler": c["tp"],
                "precision": c["tp"] / c["removed"] if c["removed"] else float("nan"),
                "recall": c["tp"] / c["boiler"] if c["boiler"] and not key.startswith("category") else float("nan"),
            }  # fmt: skip
        return out
