"""Read a removal log in one streaming pass: counts by category, rule, site and language, and samples per rule."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from ..io.compress import open_read, strip_compression
from ..match import host_of
from .sample import Reservoir

CLIP = 1500  # characters of a sampled removal kept for the page (its length is kept whole)


@dataclass(slots=True)
class Sample:
    """One sampled removal: where it was, its span, and its text (clipped to CLIP characters)."""

    row: int
    id: str
    source: str | None
    url: str | None
    start: int
    end: int
    text: str


@dataclass(slots=True)
class LogSummary:
    """What one pass over a log gives: counters (bounded by the number of rules, sites, languages) and samples."""

    rows: int = 0
    documents: int = 0  # documents with removals: the log holds a document's rows together
    rules: Counter[str] = field(default_factory=Counter)
    rule_characters: Counter[str] = field(default_factory=Counter)
    categories: Counter[str] = field(default_factory=Counter)
    category_characters: Counter[str] = field(default_factory=Counter)
    sites: Counter[str] = field(default_factory=Counter)  # removals per host, when the rows carry a url
    languages: Counter[str] = field(default_factory=Counter)  # per document language, else the rule's
    languages_from_documents: bool = False
    samples: dict[str, Reservoir[Sample]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)  # rows that could not be read (the first few)
    bad_rows: int = 0


def rule_language(rule: str) -> str:
    """The language part of a dotted rule id.

    >>> rule_language("related_link.de.teaser_line"), rule_language("custom")
    ('de', '(unknown)')
    """
    parts = rule.split(".")
    return parts[1] if len(parts) > 2 else "(unknown)"


def iter_rows(path: str | Path) -> Iterator[tuple[int, Any]]:
    """Yield (row number, parsed row) of a JSONL log (any compression) or a Parquet log; None for a broken row."""
    if strip_compression(str(path)).endswith(".parquet"):
        from ..io.parquet import arrow

        _, pq = arrow()
        number = 0
        for batch in pq.ParquetFile(str(path)).iter_batches(batch_size=65536):
            for row in batch.to_pylist():
                number += 1
                yield number, row
        return
    with open_read(path) as source:
        for number, line in enumerate(source.stream, 1):
            if not line.strip():
                continue
            try:
                yield number, orjson.loads(line)
            except orjson.JSONDecodeError:
                yield number, None


def read_log(path: str | Path, samples: int = 5) -> LogSummary:
    """Count every removal of the log and keep `samples` of each rule's, reading the log once."""
    summary = LogSummary()
    rules, rule_characters = summary.rules, summary.rule_characters
    reservoirs = summary.samples
    previous: tuple[object, object] | None = None
    for number, row in iter_rows(path):
        try:
            rule, category = row["rule"], row["category"]
            start, end = int(row["start"]), int(row["end"])
            doc_id = row["id"]
        except (TypeError, KeyError, ValueError):
            summary.bad_rows += 1
            if len(summary.problems) < 10:
                summary.problems.append(f"{path}: line {number}: not a removal record (rule, category, start, end, id)")
            continue
        summary.rows += 1
        width = end - start
        rules[rule] += 1
        rule_characters[rule] += width
        summary.categories[category] += 1
        summary.category_characters[category] += width
        source, url, lang = row.get("source"), row.get("url"), row.get("lang")
        key = (source, doc_id)
        if key != previous:
            summary.documents += 1
            previous = key
        if url is not None:
            summary.sites[host_of(url) or "(no url)"] += 1
        if isinstance(lang, str) and lang:
            summary.languages_from_documents = True
            summary.languages[lang.lower()] += 1
        else:
            summary.languages[rule_language(rule)] += 1
        reservoir = reservoirs.get(rule)
        if reservoir is None:
            reservoir = reservoirs[rule] = Reservoir(samples, rule)
        slot = reservoir.wants()
        if slot is not None:
            text = str(row.get("text") or "")
            reservoir.put(slot, Sample(number, str(doc_id), source, url, start, end, text[:CLIP]))
    return summary
