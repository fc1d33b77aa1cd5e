"""WARC archives: each HTML response or resource record is a page, cleaned into a JSONL record."""

from __future__ import annotations

from collections.abc import Iterator

from ..readers import Task, warc_tasks
from ..records import Doc, Fields, Reject, decode_html
from ..sources import Source
from .base import Format


class Warc(Format):
    """Web archives (warcio reads them): HTML pages in, JSONL records out, mirrored as .jsonl files."""

    name = "warc"
    suffixes = (".warc", ".arc")
    from_stdin = False

    def tasks(self, sources: tuple[Source, ...], size: int, skipped: list[int], fields: Fields) -> Iterator[Task]:
        """Chunks of HTML pages of each archive; other records are counted in `skipped[0]`."""
        for source in sources:
            yield from warc_tasks(source, size, skipped)

    def documents(
        self, task: Task, fields: Fields, lang: str | None, url: str | None, title: str | None
    ) -> Iterator[tuple[int, Doc | Reject]]:
        """Each page of the chunk, named by its record id, with its target URI as URL."""
        for number, record_id, uri, html in task.payload:
            yield task.source, decode_html(task.name, number, record_id, html, uri, lang)
