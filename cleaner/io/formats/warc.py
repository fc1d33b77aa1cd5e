"""WARC archives: each HTML response or resource record is a page, cleaned into a JSONL record."""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from typing import Any

from ..compress import compression_of
from ..decompress import Damage, find_damage
from ..readers import Task
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


def _warcio() -> Any:
    try:
        return importlib.import_module("warcio.archiveiterator")
    except ImportError:  # pragma: no cover - depends on the installation
        raise ImportError("WARC input needs warcio: pip install 'article-cleaner[warc]'") from None


def _html_of(record: Any) -> bytes | None:
    """The payload of a response (or resource) record that holds an HTML page, else None."""
    if record.rec_type == "response" and record.http_headers is not None:
        kind = record.http_headers.get_header("Content-Type") or ""
    elif record.rec_type == "resource":
        kind = record.rec_headers.get_header("Content-Type") or ""
    else:
        return None
    if "html" not in kind.lower():
        return None
    data: bytes = record.content_stream().read()
    return data


def warc_tasks(source: Source, size: int, skipped: list[int]) -> Iterator[Task]:
    """Chunks of HTML pages of one WARC file: (record number, record id, target URI, HTML bytes).

    Records without an HTML page (requests, metadata, images) are counted in `skipped[0]`.
    """
    iterator = _warcio().ArchiveIterator
    compression = compression_of(source.path)
    damaged = find_damage(source.path, compression) if compression else None
    with open(source.path, "rb") as raw:
        items: list[tuple[int, str, str, bytes]] = []
        total = position = 0
        first, number = 1, 0
        archive = iterator(raw)
        records = enumerate(archive, 1)
        while True:
            reached = number + 1
            try:
                number, record = next(records)
                reached = number
                html = _html_of(record)  # before the offset: warcio finds it by reading to the record's end
                if damaged is not None and archive.get_record_offset() >= damaged[0]:
                    raise _Cut(damaged[1])  # this record's gzip member is the one the damage cut
            except StopIteration:
                break
            except Exception as error:  # warcio raises many kinds on a cut or corrupt archive
                if items:
                    yield Task(source.index, source.name, first, tuple(items), raw.tell() - position)
                    items, position = [], raw.tell()
                yield Task(source.index, source.name, reached, _warc_damage(error, raw.tell()), raw.tell() - position)
                return
            if html is None:
                skipped[0] += record.rec_type in ("response", "resource")
                continue
            if not items:
                first = number
            headers = record.rec_headers
            items.append((number, headers.get_header("WARC-Record-ID"), headers.get_header("WARC-Target-URI"), html))
            total += len(html)
            if total >= size:
                now = raw.tell()
                yield Task(source.index, source.name, first, tuple(items), now - position)
                items, total, position = [], 0, now
        if items:
            yield Task(source.index, source.name, first, tuple(items), raw.tell() - position)
        if damaged is not None:  # the damage cut a record warcio then passed over in silence
            yield Task(source.index, source.name, number + 1, damaged[1])


class _Cut(Exception):
    """The WARC record at hand lies past the damage found in its file."""

    def __init__(self, damage: Damage) -> None:
        super().__init__(damage.reason)
        self.damage = damage


def _warc_damage(error: Exception, offset: int) -> Damage:
    if isinstance(error, _Cut):
        return error.damage
    return Damage(offset, f"the WARC archive cannot be read further ({type(error).__name__}: {error})")
