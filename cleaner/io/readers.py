"""Parent-side readers: the Task a worker gets, and the chunkers of line and whole-file inputs (JSONL, text, HTML)."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any

from .compress import open_read
from .decompress import DamagedInput
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


def split_lines(task: Task, parts: int) -> list[Task]:
    r"""A chunk of whole lines cut at line breaks into about `parts` chunks of about equal size, in order.

    Each piece keeps its first line's number and a share of the input bytes in proportion to its size (the shares
    add up to the chunk's). A chunk that holds damage, or too few lines, stays whole.

    >>> [(t.first, t.payload, t.raw_bytes) for t in split_lines(Task(0, "a.jsonl", 7, b"a\nbb\nccc\nd", 20), 3)]
    [(7, b'a\nbb\n', 10), (9, b'ccc\n', 8), (10, b'd', 2)]
    """
    data = task.payload
    if parts < 2 or not isinstance(data, bytes) or not data:
        return [task]
    pieces: list[Task] = []
    start, first, size = 0, task.first, len(data)
    for part in range(1, parts + 1):
        cut = size if part == parts else data.find(b"\n", max(start, part * size // parts - 1)) + 1
        if cut <= start:
            cut = size  # no line break left: the rest is one piece
        raw = task.raw_bytes * cut // size - task.raw_bytes * start // size
        pieces.append(Task(task.source, task.name, first, data[start:cut], raw))
        first += data.count(b"\n", start, cut)
        start = cut
        if start >= size:
            break
    return pieces
