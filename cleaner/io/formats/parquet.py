"""Parquet: record batches in, cleaned batches out (columns kept), and the removal log as a table."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..parquet import ParquetFile, ParquetLog, decode_batch, parquet_tasks
from ..readers import Task
from ..records import Doc, Fields, Reject
from ..sources import Source
from ..writers import Sink
from .base import Format


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
