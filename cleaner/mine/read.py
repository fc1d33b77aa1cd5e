"""Read every input `cleaner clean` reads into mining records (site, id, text), counting what is set aside."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ..html import ExtractionError, extract_html
from ..io.inputs import input_tasks
from ..io.records import Doc, Reject
from ..io.sources import Inputs
from ..runner import DEFAULT_CHUNK_BYTES
from ..worker import Settings, iter_documents
from .run import MineRecord
from .sites import site_of


@dataclass(slots=True)
class ReadCounts:
    """What one pass read: documents, records set aside (by reason), and the first few reasons in full."""

    read: int = 0
    rejected: dict[str, int] = field(default_factory=dict)
    examples: list[str] = field(default_factory=list)

    def reject(self, item: Reject) -> None:
        """Count a record set aside, keeping the first messages to show."""
        self.rejected[item.kind] = self.rejected.get(item.kind, 0) + 1
        if len(self.examples) < 5:
            self.examples.append(f"{item.source}:{item.line}: {item.kind}: {item.detail}")


def input_size(inputs: Inputs) -> int:
    """Total bytes of the input files (for the progress bar)."""
    return sum(os.path.getsize(source.path) for source in inputs.sources if source.path != "-")


def _text_of(doc: Doc) -> str | Reject:
    if doc.html is None:
        return doc.text or ""
    try:
        return extract_html(doc.html, url=doc.url).text
    except ExtractionError as error:
        return Reject(doc.source, doc.line, "no article text", str(error), doc.original())


def read_records(
    inputs: Inputs, settings: Settings, site_field: str | None, counts: ReadCounts, progress: Any = None
) -> Iterator[MineRecord]:
    """Stream the records of every input in input order; records that cannot be read are counted and skipped."""
    skipped = [0]
    for task in input_tasks(inputs, DEFAULT_CHUNK_BYTES, skipped, settings.fields):
        for _, item in iter_documents(task, settings):
            if isinstance(item, Reject):
                counts.reject(item)
                continue
            text = _text_of(item)
            if isinstance(text, Reject):
                counts.reject(text)
                continue
            counts.read += 1
            site_value = item.record.get(site_field) if site_field and item.record is not None else None
            yield MineRecord(site_of(item.url, site_value), str(item.id), text)
        if progress is not None:
            progress.update(task.raw_bytes)
    if skipped[0] and counts.read == 0:
        print(f"cleaner: {skipped[0]} WARC records held no HTML page", file=sys.stderr)
