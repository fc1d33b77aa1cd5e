"""Parent-side readers: cut inputs into chunks of raw bytes (whole lines, file lists, WARC pages) for workers."""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any

from .compress import compression_of, open_read
from .decompress import Damage, DamagedInput, find_damage
from .sources import Source


@dataclass(frozen=True, slots=True)
class Task:
    """A chunk of input for one worker call.

    JSONL: whole lines of one file (bytes). Text/HTML: (source index, name, path or bytes) items.
    WARC: (record number, record id, URI, HTML bytes) items of one file. Parquet: an Arrow record batch.
    Any format: a Damage, where the file could not be read further (one reject entry).
    """

    source: int
    name: str
    first: int  # the 1-based line or record number of the chunk's first record
    payload: Any
    raw_bytes: int = 0  # input file bytes this chunk consumed, for the progress bar


def read_line_chunks(stream: IO[bytes], size: int) -> Iterator[tuple[int, bytes]]:
    r"""Yield (first line number, bytes) chunks of about `size` bytes, each ending at a line break.

    A line longer than `size` makes a chunk of its own; the last chunk may lack a final line break.

    >>> import io
    >>> list(read_line_chunks(io.BytesIO(b"a\nbb\nccc\nd"), 6))
    [(1, b'a\nbb\n'), (3, b'ccc\nd')]
    """
    pending = bytearray()
    line = 1
    while True:
        try:
            block = stream.read(size)
        except DamagedInput as damage:
            # Every whole line before the damage is a record to clean; the cut one goes with the damage.
            cut = pending.rfind(b"\n") + 1
            if cut:
                yield line, bytes(pending[:cut])
                line += pending.count(b"\n", 0, cut)
            damage.line, damage.tail = line, bytes(pending[cut:])
            raise
        if not block:
            break
        pending += block
        if len(pending) < size:
            continue
        cut = pending.rfind(b"\n") + 1
        if cut == 0:
            continue
        chunk = bytes(pending[:cut])
        del pending[:cut]
        yield line, chunk
        line += chunk.count(b"\n")
    if pending:
        yield line, bytes(pending)


def jsonl_tasks(source: Source, size: int) -> Iterator[Task]:
    """Chunks of whole lines of one JSONL file (decompressed on the way); an empty file gives one empty chunk."""
    with open_read(source.path) as file:
        position = 0
        produced = False
        try:
            for first, data in read_line_chunks(file.stream, size):
                now = file.raw_position()
                moved = now - position if now else len(data)
                position = now
                produced = True
                yield Task(source.index, source.name, first, data, moved)
        except DamagedInput as damage:
            yield Task(source.index, source.name, damage.line, damage.as_damage(), file.raw_position() - position)
            return
        if not produced:
            yield Task(source.index, source.name, 1, b"", 0)


def file_tasks(sources: tuple[Source, ...], size: int) -> Iterator[Task]:
    """Chunks of whole files (text or HTML), grouped up to about `size` bytes; workers read the files."""
    group: list[tuple[int, str, str | bytes]] = []
    total = 0
    for source in sources:
        if source.path == "-":
            data = sys.stdin.buffer.read()
            group.append((source.index, source.name, data))
            total += len(data)
        else:
            group.append((source.index, source.name, source.path))
            total += os.path.getsize(source.path)
        if total >= size:
            yield Task(group[0][0], group[0][1], 1, tuple(group), total)
            group, total = [], 0
    if group:
        yield Task(group[0][0], group[0][1], 1, tuple(group), total)


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
