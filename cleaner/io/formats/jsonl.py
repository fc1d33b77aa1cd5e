"""JSON lines: one record per line, the text (or HTML) in a field; cut into chunks of whole lines."""

from __future__ import annotations

from collections.abc import Iterator

from ..readers import Task, jsonl_tasks, split_lines
from ..records import Doc, Fields, Reject, decode_jsonl
from ..sources import Source
from .base import Format


class Jsonl(Format):
    """JSON lines, plain or compressed: the format of records in and out, and of the removal log."""

    name = "jsonl"
    suffixes = (".jsonl", ".ndjson", ".json")
    report_reads = True
    logs = True

    def tasks(self, sources: tuple[Source, ...], size: int, skipped: list[int], fields: Fields) -> Iterator[Task]:
        """Chunks of whole lines of each file, decompressed on the way."""
        for source in sources:
            yield from jsonl_tasks(source, size)

    def split(self, task: Task, parts: int) -> list[Task]:
        """The chunk cut at line breaks into about `parts` chunks of about equal size."""
        return split_lines(task, parts)

    def documents(
        self, task: Task, fields: Fields, lang: str | None, url: str | None, title: str | None
    ) -> Iterator[tuple[int, Doc | Reject]]:
        """Each line of the chunk, decoded into a document or set aside."""
        for item in decode_jsonl(task.payload, task.first, task.name, fields, lang):
            yield task.source, item
