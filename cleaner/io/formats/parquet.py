"""Parquet (pyarrow, imported lazily): record batches in, cleaned batches and removal logs out; its Format class."""

from __future__ import annotations

import importlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson

from ..decompress import Damage
from ..readers import Task
from ..records import Doc, Fields, Reject, decode_record, record_bytes
from ..sources import Source, UsageError
from ..spool import JsonlSpool, arrow_errors
from ..writers import Sink, TempTarget, naming
from .base import Format

LOG_COLUMNS = ("id", "rule", "category", "start", "end", "text", "source")


def arrow() -> tuple[Any, Any]:
    """Return (pyarrow, pyarrow.parquet), or explain how to install them."""
    try:
        return importlib.import_module("pyarrow"), importlib.import_module("pyarrow.parquet")
    except ImportError:  # pragma: no cover - depends on the installation
        raise ImportError("Parquet needs pyarrow: pip install 'article-cleaner[arrow]'") from None


def check_schema(schema: Any, fields: Fields, name: str) -> None:
    """Refuse a file whose text (or HTML) column is missing or does not hold strings."""
    pa, _ = arrow()
    key = fields.html or fields.text
    if key not in schema.names:
        if key.split(".")[0] in schema.names:
            return  # a nested field: each row is checked as it is read
        raise UsageError(f"{name}: no column {key!r} (columns: {', '.join(schema.names)})")
    kind = schema.field(key).type
    textual = pa.types.is_string(kind) or pa.types.is_large_string(kind)
    binary = pa.types.is_binary(kind) or pa.types.is_large_binary(kind)
    if not (textual or (fields.html and binary)):
        raise UsageError(f"{name}: column {key!r} holds {kind}, not strings")


def parquet_tasks(source: Source, size: int, fields: Fields) -> Iterator[Task]:
    """Record batches of one Parquet file, of about `size` bytes each; an empty file gives one empty batch."""
    pa, pq = arrow()
    try:
        file = pq.ParquetFile(source.path)
    except (OSError, ValueError, pa.ArrowException) as error:
        reason = f"not a readable Parquet file ({type(error).__name__}: {error})"
        yield Task(source.index, source.name, 1, Damage(0, reason))
        return
    check_schema(file.schema_arrow, fields, source.name)
    meta = file.metadata
    stored = sum(meta.row_group(i).total_byte_size for i in range(meta.num_row_groups))
    rows = max(1, min(1_000_000, size * meta.num_rows // stored)) if stored else 65_536
    per_row = os.path.getsize(source.path) / max(meta.num_rows, 1)
    first = 1
    batches = file.iter_batches(batch_size=rows)
    while True:
        try:
            batch = next(batches, None)
        except (OSError, ValueError, pa.ArrowException) as error:
            reason = f"the Parquet data cannot be read past row {first - 1:,} ({type(error).__name__}: {error})"
            yield Task(source.index, source.name, first, Damage(int((first - 1) * per_row), reason))
            return
        if batch is None:
            break
        yield Task(source.index, source.name, first, batch, int(batch.num_rows * per_row))
        first += batch.num_rows
    if first == 1:
        yield Task(source.index, source.name, 1, pa.RecordBatch.from_pylist([], schema=file.schema_arrow))


def decode_batch(batch: Any, first: int, source: str, fields: Fields, lang: str | None) -> Iterator[Doc | Reject]:
    """One Doc (or Reject) per row; a row set aside is kept as its JSON form."""
    for offset, row in enumerate(batch.to_pylist()):
        item = decode_record(source, first + offset, b"", row, fields, lang)
        if isinstance(item, Reject):
            item = Reject(item.source, item.line, item.kind, item.detail, record_bytes(row))
        yield item


def output_schema(schema: Any, fields: Fields) -> Any:
    """The input schema with the text column (added when cleaning HTML), then the three added columns."""
    pa, _ = arrow()
    truncated, count, flagged = fields.added
    kept = [f for f in schema if f.name not in fields.added]
    if fields.text not in schema.names:
        kept.append(pa.field(fields.text, pa.string()))
    added = [pa.field(truncated, pa.bool_()), pa.field(count, pa.int64()), pa.field(flagged, pa.string())]
    return pa.schema([*kept, *added])


def build_batch(
    batch: Any,
    keep: list[bool],
    texts: list[str],
    truncated: list[bool],
    removals: list[int],
    flagged: list[str | None],
    fields: Fields,
) -> Any:
    """The cleaned batch: rows set aside dropped, clean text in place, the three added columns after the rest.

    The flag column is null except for a document kept whole by the removal guard: it says why.
    """
    pa, _ = arrow()
    schema = output_schema(batch.schema, fields)
    mask = pa.array(keep, pa.bool_())
    added = dict(
        zip(fields.added, ((truncated, pa.bool_()), (removals, pa.int64()), (flagged, pa.string())), strict=True)
    )
    columns = []
    for field in schema:
        if field.name == fields.text:
            columns.append(pa.array(texts, field.type))
        elif field.name in added:
            values, kind = added[field.name]
            columns.append(pa.array(values, kind))
        else:
            columns.append(batch.column(field.name).filter(mask))
    return pa.RecordBatch.from_arrays(columns, schema=schema)


class ParquetFile(TempTarget):
    """A Parquet file written under a temporary name beside its target, renamed into place by commit().

    It takes Arrow batches, or JSONL lines (records from JSONL, HTML or WARC input), which are spooled and
    converted at commit with one schema unified over every record.
    """

    def __init__(self, target: Path) -> None:
        super().__init__(target)
        self.writer: Any = None
        self.spool: JsonlSpool | None = None

    def write(self, batch: Any) -> None:
        """Append a batch (the first one fixes the schema; an empty one still creates the file) or JSONL lines."""
        if isinstance(batch, bytes):
            if self.spool is None:
                self.spool = JsonlSpool(self.target, self.tmp)
            self.spool.write(batch)
            return
        _, pq = arrow()
        with naming(self.target, self.tmp), arrow_errors(self.target):
            if self.writer is None:
                self.writer = pq.ParquetWriter(self.tmp, batch.schema)
            if batch.num_rows:
                self.writer.write_batch(batch)

    def close(self) -> None:
        """Finish the file under its temporary name."""
        with naming(self.target, self.tmp), arrow_errors(self.target):
            if self.spool is not None:
                spool, self.spool = self.spool, None
                self.writer = spool.convert()
            if self.writer is not None:
                self.writer.close()

    def discard(self) -> None:
        """Drop the temporary file and any spool."""
        if self.spool is not None:
            self.spool.drop()
        super().discard()

    def started(self) -> bool:
        """True once a batch created the file."""
        return self.writer is not None


class ParquetLog:
    """The removal log as Parquet: JSONL log lines from the workers become rows (ids as strings)."""

    def __init__(self, target: Path, tag_source: bool, extra: tuple[str, ...] = ()) -> None:
        pa, _ = arrow()
        self.file = ParquetFile(target)
        # --log-fields (url, lang, title: strings) come after the removal's own columns, as in the JSONL log.
        self.columns = LOG_COLUMNS[:-1] + extra + LOG_COLUMNS[-1:] * tag_source
        types = {"start": pa.int64(), "end": pa.int64()}
        self.schema = pa.schema([pa.field(name, types.get(name, pa.string())) for name in self.columns])
        self.file.write(pa.RecordBatch.from_pylist([], schema=self.schema))

    def write(self, lines: bytes) -> None:
        """Append the removals of one chunk."""
        pa, _ = arrow()
        rows = [orjson.loads(line) for line in lines.splitlines()]
        for row in rows:
            row["id"] = row["id"] if isinstance(row["id"], str) or row["id"] is None else str(row["id"])
        self.file.write(pa.RecordBatch.from_pylist(rows, schema=self.schema))

    def commit(self) -> None:
        """Rename the finished log into place."""
        self.file.commit()

    def discard(self) -> None:
        """Drop the unfinished log."""
        self.file.discard()


class Parquet(Format):
    """Parquet files (pyarrow, imported when first needed); compressed inside, so never from a stream."""

    name = "parquet"
    suffixes = (".parquet", ".pq")
    compressible = False
    from_stdin = False
    written_as = "parquet"
    joined = False
    columnar = True
    to_stdout = False
    logs = True

    def tasks(self, sources: tuple[Source, ...], size: int, skipped: list[int], fields: Fields) -> Iterator[Task]:
        """Record batches of about `size` bytes of each file."""
        for source in sources:
            yield from parquet_tasks(source, size, fields)

    def documents(
        self, task: Task, fields: Fields, lang: str | None, url: str | None, title: str | None
    ) -> Iterator[tuple[int, Doc | Reject]]:
        """Each row of the batch, decoded into a document or set aside."""
        for item in decode_batch(task.payload, task.first, task.name, fields, lang):
            yield task.source, item

    def open_file(self, path: Path) -> Sink:
        """A Parquet file that takes Arrow batches, or JSONL lines converted at commit."""
        return ParquetFile(path)

    def open_log(self, path: Path, tag_source: bool, extra: tuple[str, ...]) -> Any:
        """The log as a table, one row per removal."""
        return ParquetLog(path, tag_source, extra)
