"""Where a run's results go: one output file, standard output, or a mirrored tree; plus log and reject files.

Every path is planned and checked (against the inputs and each other, through links) before any is opened.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from .compress import compression_of, strip_compression
from .formats import FORMATS, JSONL, detect_format
from .sources import Inputs, UsageError
from .writers import Outputs, Sink, Stdout

STDOUT_REJECTS = "cleaner-rejects.jsonl"
SUFFIX_HELP = ".jsonl/.ndjson/.json (plain or .gz/.zst/.bz2/.xz) or .parquet"


def mirror_name(rel: PurePosixPath, fmt: str) -> PurePosixPath:
    """The output path of one input under a mirrored tree: the same, or the suffix of the format it is written in.

    >>> mirror_name(PurePosixPath("2024/a.warc.gz"), "warc")
    PurePosixPath('2024/a.jsonl.gz')
    """
    written = FORMATS[FORMATS[fmt].written_as]
    if written.name == fmt:
        return rel
    stem = strip_compression(rel.name).rsplit(".", 1)[0]
    return rel.with_name(stem + written.suffixes[0] + (compression_of(rel.name) or ""))


def _wants_folder(output: str, inputs: Inputs) -> bool:
    if Path(output).is_dir() or output.endswith(("/", os.sep)):
        return True
    fmt = FORMATS[inputs.format]
    if not inputs.tree or fmt.not_mirrored:
        return False
    # Several JSONL or WARC inputs may be joined into one file, when -o names one; text and Parquet cannot.
    return not fmt.joined or detect_format(output) is None


def file_format(path: str, fmt: str, option: str = "-o") -> str:
    """The format an output file's suffix asks for, given the input format; an unknown suffix is a usage error.

    >>> file_format("clean.parquet", "jsonl"), file_format("out.jsonl.zst", "parquet")
    ('parquet', 'jsonl')
    """
    wanted = detect_format(path)
    writes = FORMATS[fmt].writes
    if wanted in writes:
        # Any input: a Parquet file under a .gz/.zst name would be read by no tool that trusts the name.
        if not FORMATS[wanted].compressible and compression_of(path):
            raise UsageError(f"{option} {path}: Parquet compresses inside the file: drop {compression_of(path)}")
        return wanted
    given = f"'{Path(strip_compression(path)).suffix}'" if Path(strip_compression(path)).suffix else "no suffix"
    expected = SUFFIX_HELP + "".join(f" or {FORMATS[name].suffixes[0]}" for name in writes if FORMATS[name].plain_text)
    raise UsageError(f"{option} {path}: {given} names no output format this input can be written as: use {expected}")


@dataclass(frozen=True, slots=True)
class Plan:
    """Where cleaned records go: standard output, one file, or one file per input; and in which format."""

    format: str  # the name of the format written (FORMATS)
    file: Path | None = None
    targets: dict[int, Path] | None = None
    where: str = ""

    def paths(self) -> list[Path]:
        """Every file this plan writes."""
        return [self.file] if self.file is not None else list((self.targets or {}).values())


def plan_targets(inputs: Inputs, output: str | None, dry_run: bool = False) -> Plan | None:
    """Check where cleaned records go and in which format, opening nothing (None: a dry run)."""
    if dry_run:
        return None
    fmt = FORMATS[inputs.format]
    if output in (None, "-"):
        if not FORMATS[fmt.written_as].to_stdout:
            raise UsageError("Parquet output needs -o FILE (or -o FOLDER for several inputs)")
        if not fmt.joined and inputs.tree:
            raise UsageError("several text files need -o FOLDER: each gets its own clean file")
        return Plan(fmt.written_as, where="standard output")
    assert output is not None
    if not _wants_folder(output, inputs):
        return Plan(file_format(output, fmt.name), file=Path(output), where=output)
    if fmt.not_mirrored:
        raise UsageError(fmt.not_mirrored)
    folder = Path(output)
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{folder}: several inputs need -o FOLDER, and this is a file")
    targets = {s.index: folder / mirror_name(s.rel, fmt.name) for s in inputs.sources}
    if len(set(targets.values())) < len(targets):
        raise UsageError("two inputs would be written to the same output file: clean them in separate runs")
    return Plan(fmt.written_as, targets=targets, where=f"{len(targets)} files under {folder}")


def open_outputs(plan: Plan | None) -> Outputs | None:
    """Open the planned output (temporary files, renamed into place at commit)."""
    if plan is None:
        return None
    opener = FORMATS[plan.format].open_file
    if plan.targets is not None:
        return Outputs(opener, plan.targets, None)
    stream: Sink = opener(plan.file) if plan.file is not None else Stdout()
    return Outputs(opener, None, stream)


def plan_outputs(inputs: Inputs, output: str | None, dry_run: bool = False) -> tuple[Outputs | None, str]:
    """Plan and open the output at once; return it and its description."""
    plan = plan_targets(inputs, output, dry_run)
    check_paths(inputs, {"-o": plan.paths()} if plan else {})
    return open_outputs(plan), plan.where if plan else ""


def reject_path(output: str | None, rejects: str | None, dry_run: bool) -> Path | None:
    """The reject file: --rejects, else beside the output, else in the current folder (None: a dry run)."""
    if rejects:
        if detect_format(rejects) != JSONL:
            raise UsageError(f"--rejects {rejects}: the reject file is JSON lines: name it .jsonl (.gz, .zst, ...)")
        return Path(rejects)
    if dry_run:
        return None
    if output in (None, "-"):
        return Path(STDOUT_REJECTS)
    assert output is not None
    return Path(output.rstrip("/" + os.sep) + ".rejects.jsonl")


def check_log(log: str | None) -> None:
    """Refuse a removal log that standard output or its suffix cannot carry."""
    if log == "-":
        raise UsageError("--log needs a file name: standard output carries the cleaned records")
    fmt = detect_format(log) if log else None
    if log and (fmt is None or not FORMATS[fmt].logs):
        file_format(log, JSONL, "--log")


def open_log(log: str | None, tag_source: bool, extra: tuple[str, ...] = ()) -> Any:
    """The removal log, JSONL (compressed by suffix) or Parquet, or None when no --log was given.

    `extra` names the document fields (--log-fields) each row carries after the removal's own.
    """
    check_log(log)
    if not log:
        return None
    return FORMATS[detect_format(log) or JSONL].open_log(Path(log), tag_source, extra)


def _identity(path: Path) -> tuple[Path, tuple[int, int] | None]:
    """The path with every link resolved, and the file's (device, inode) when it exists (hard links)."""
    try:
        status = path.stat()
        inode: tuple[int, int] | None = (status.st_dev, status.st_ino)
    except OSError:
        inode = None
    return path.resolve(), inode


def check_paths(inputs: Inputs, outputs: dict[str, list[Path]]) -> None:
    """Refuse any output path that is an input, or that another output path names too (through links)."""
    seen: dict[Path | tuple[int, int], str] = {}
    for source in inputs.sources:
        if source.path != "-":
            resolved, inode = _identity(Path(source.path))
            seen[resolved] = seen[inode or resolved] = f"the input {source.path}"
    for option, paths in outputs.items():
        for path in paths:
            resolved, inode = _identity(path)
            clash = seen.get(resolved) or (seen.get(inode) if inode else None)
            if clash:
                raise UsageError(f"{option} {path}: the same file as {clash}: it would be overwritten")
            seen[resolved] = f"{option} {path}"
            if inode:
                seen[inode] = f"{option} {path}"
