"""Read a removal log in one streaming pass: counts by category, rule, site and language, and samples per rule."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from ..io.compress import open_read
from ..io.formats import detect_format
from ..io.formats.parquet import Parquet, arrow
from .sample import Reservoir
from .sources import iter_lines
from .tally import site_of

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
    if detect_format(path) == Parquet.name:
        _, pq = arrow()
        number = 0
        for batch in pq.ParquetFile(str(path)).iter_batches(batch_size=65536):
            for row in batch.to_pylist():
                number += 1
                yield number, row
        return
    loads, error = orjson.loads, orjson.JSONDecodeError
    with open_read(path) as source:
        for number, line in enumerate(iter_lines(source.stream), 1):
            try:
                yield number, loads(line)
            except error:
                if line.strip():
                    yield number, None


def read_log(path: str | Path, samples: int = 5) -> LogSummary:
    """Count every removal of the log and keep `samples` of each rule's, reading the log once.

    The loop runs once per row of logs with millions of rows, so it counts per rule only (categories and rule
    languages are summed from the rules at the end) and finds a host once per document, not once per row.
    """
    summary = LogSummary()
    per_rule: dict[str, list[Any]] = {}  # rule -> [removals, characters, category, reservoir, rows without lang]
    sites, languages = summary.sites, summary.languages
    previous: tuple[object, object] | None = None
    last_url, last_host = None, ""
    for number, row in iter_rows(path):
        try:
            rule = row["rule"]
            width = int(row["end"]) - int(row["start"])
            key = (row.get("source"), row["id"])
            entry = per_rule.get(rule)
            if entry is None:
                entry = per_rule[rule] = [0, 0, str(row["category"]), Reservoir(samples, rule), 0]
        except (TypeError, KeyError, ValueError, AttributeError):
            summary.bad_rows += 1
            if len(summary.problems) < 10:
                summary.problems.append(f"{path}: line {number}: not a removal record (rule, category, start, end, id)")
            continue
        entry[0] += 1
        entry[1] += width
        if key != previous:
            summary.documents += 1
            previous = key
        url = row.get("url")
        if url is not None:
            if url != last_url:
                last_url, last_host = url, site_of(str(url))
            sites[last_host] += 1
        lang = row.get("lang")
        if lang:
            summary.languages_from_documents = True
            languages[str(lang).lower()] += 1
        else:
            entry[4] += 1
        slot = entry[3].wants()
        if slot is not None:
            text = str(row.get("text") or "")
            sample = Sample(
                number, str(row["id"]), row.get("source"), url, int(row["start"]), int(row["end"]), text[:CLIP]
            )
            entry[3].put(slot, sample)
    summary.rows = sum(entry[0] for entry in per_rule.values())
    for rule, (count, characters, category, reservoir, unknown) in per_rule.items():
        summary.rules[rule] = count
        summary.rule_characters[rule] = characters
        summary.categories[category] += count
        summary.category_characters[category] += characters
        summary.samples[rule] = reservoir
        if unknown:  # rows without the document's language count under the rule's
            languages[rule_language(rule)] += unknown
    return summary
