"""Where a run's results go: one output file, standard output, or a mirrored tree; plus log and reject files."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from typing import Any

from .compress import compression_of, strip_compression
from .formats import Inputs, UsageError, detect_format
from .writers import AtomicFile, Outputs, Sink, Stdout

STDOUT_REJECTS = "cleaner-rejects.jsonl"


def mirror_name(rel: PurePosixPath, fmt: str) -> PurePosixPath:
    """The output path of one input under a mirrored tree: the same, but WARC files become JSONL.

    >>> mirror_name(PurePosixPath("2024/a.warc.gz"), "warc")
    PurePosixPath('2024/a.jsonl.gz')
    """
    if fmt != "warc":
        return rel
    stem = strip_compression(rel.name).rsplit(".", 1)[0]
    return rel.with_name(stem + ".jsonl" + (compression_of(rel.name) or ""))


def _wants_folder(output: str, inputs: Inputs) -> bool:
    if Path(output).is_dir() or output.endswith(("/", os.sep)):
        return True
    if not inputs.tree or inputs.format == "html":
        return False
    # Several JSONL or WARC inputs may be joined into one file, when -o names one; text and Parquet cannot.
    return inputs.format in ("text", "parquet") or detect_format(output) is None


def _opener(fmt: str) -> Callable[[Path], Sink]:
    if fmt == "parquet":
        from .parquet import ParquetFile

        return ParquetFile
    return AtomicFile


def plan_outputs(inputs: Inputs, output: str | None, dry_run: bool = False) -> tuple[Outputs | None, str]:
    """Check where cleaned records go and open the output (temporary files); return it and its description."""
    if dry_run:
        return None, ""
    fmt = inputs.format
    if output in (None, "-"):
        if fmt == "parquet":
            raise UsageError("Parquet output needs -o FILE (or -o FOLDER for several inputs)")
        if fmt == "text" and inputs.tree:
            raise UsageError("several text files need -o FOLDER: each gets its own clean file")
        return Outputs(_opener(fmt), None, Stdout()), "standard output"
    assert output is not None
    reading = {Path(s.path).resolve() for s in inputs.sources if s.path != "-"}
    if not _wants_folder(output, inputs):
        target = Path(output)
        if target.resolve() in reading:
            raise UsageError(f"{target}: the output would overwrite an input")
        return Outputs(_opener(fmt), None, _opener(fmt)(target)), str(target)
    if fmt == "html":
        raise UsageError("HTML pages are written as one JSONL file: give -o FILE.jsonl")
    folder = Path(output)
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{folder}: several inputs need -o FOLDER, and this is a file")
    targets = {s.index: folder / mirror_name(s.rel, fmt) for s in inputs.sources}
    if len(set(targets.values())) < len(targets):
        raise UsageError("two inputs would be written to the same output file: clean them in separate runs")
    if any(t.resolve() in reading for t in targets.values()):
        raise UsageError(f"{folder}: the output would overwrite an input")
    return Outputs(_opener(fmt), targets, None), f"{len(targets)} files under {folder}"


def reject_path(output: str | None, rejects: str | None, dry_run: bool) -> Path | None:
    """The reject file: --rejects, else beside the output, else in the current folder (None: a dry run)."""
    if rejects:
        return Path(rejects)
    if dry_run:
        return None
    if output in (None, "-"):
        return Path(STDOUT_REJECTS)
    assert output is not None
    return Path(output.rstrip("/" + os.sep) + ".rejects.jsonl")


def open_log(log: str | None, tag_source: bool, extra: tuple[str, ...] = ()) -> Any:
    """The removal log, JSONL (compressed by suffix) or Parquet, or None when no --log was given."""
    if not log:
        return None
    if log == "-":
        raise UsageError("--log needs a file name: standard output carries the cleaned records")
    if strip_compression(log).endswith(".parquet"):
        from .parquet import ParquetLog

        return ParquetLog(Path(log), tag_source, extra)
    return AtomicFile(Path(log))
