"""JSONL records into a Parquet file: spooled to disk as they come, written with one schema unified over all."""

from __future__ import annotations

import contextlib
import importlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .values import loads

ROWS_PER_BATCH = 8192


@contextlib.contextmanager
def arrow_errors(target: Path) -> Iterator[None]:
    """Let an Arrow error while writing name the file it was writing."""
    pa = importlib.import_module("pyarrow")
    try:
        yield
    except (pa.ArrowException, ValueError, TypeError, OverflowError) as error:
        if isinstance(error, OSError):
            raise
        raise OSError(f"{target}: cannot write these records as Parquet ({type(error).__name__}: {error})") from None


class JsonlSpool:
    """JSONL lines kept in a hidden file beside the target until the run commits, then converted to Parquet."""

    def __init__(self, target: Path, tmp: Path) -> None:
        self.target = target
        self.tmp = tmp
        self.path = tmp.with_name(tmp.name + ".jsonl")
        self.handle = open(self.path, "wb")  # noqa: SIM115 - closed by convert() or drop()

    def write(self, lines: bytes) -> None:
        """Append whole JSONL lines."""
        self.handle.write(lines)

    def _batches(self) -> Iterator[list[dict[str, Any]]]:
        rows: list[dict[str, Any]] = []
        with open(self.path, "rb") as lines:
            for line in lines:
                rows.append(loads(line))
                if len(rows) >= ROWS_PER_BATCH:
                    yield rows
                    rows = []
        if rows:
            yield rows

    def convert(self) -> Any:
        """Write every spooled record into `tmp` as Parquet; return the open writer (the caller closes it)."""
        pa = importlib.import_module("pyarrow")
        pq = importlib.import_module("pyarrow.parquet")
        self.handle.close()
        try:
            schema = None
            for rows in self._batches():
                found = pa.Table.from_pylist(rows).schema
                schema = found if schema is None else pa.unify_schemas([schema, found], promote_options="permissive")
            schema = schema if schema is not None else pa.schema([])
            writer = pq.ParquetWriter(self.tmp, schema)
            for rows in self._batches():
                writer.write_table(pa.Table.from_pylist(rows, schema=schema))
            return writer
        finally:
            self.drop()

    def drop(self) -> None:
        """Remove the spool file."""
        self.handle.close()
        self.path.unlink(missing_ok=True)
