"""Find the input files of a run and their format (by name, folder, glob or standard input); cut them into tasks."""

from __future__ import annotations

import glob as globbing
import os
import sys
from collections.abc import Iterator
from fnmatch import fnmatch
from pathlib import Path, PurePosixPath

from .compress import COMPRESSIONS, compression_of
from .formats import FORMATS, JSONL, TEXT, detect_format
from .readers import Task
from .records import Fields
from .sources import Inputs, Source, UsageError

# What a folder is searched for when no --glob is given: every suffix of the format, plain or compressed (any
# case) when the format is compressed as a whole file (Parquet compresses inside the file).
FOLDER_GLOBS = {
    name: tuple(f"*{s}{c}" for s in fmt.suffixes for c in ("", *(COMPRESSIONS if fmt.compressible else ())))
    for name, fmt in FORMATS.items()
}


def takes(name: str, fmt: str, glob: str | None = None) -> bool:
    """True when a folder search takes the file `name` as input of format `fmt` (suffixes in any case).

    >>> takes("A.JSONL", "jsonl"), takes("x.ndjson.gz", "jsonl"), takes("x.json.zst", "jsonl"), takes("x.csv", "jsonl")
    (True, True, True, False)
    """
    if glob:
        return fnmatch(name.lower(), glob.lower())
    if not FORMATS[fmt].compressible and compression_of(name):
        return False
    return detect_format(name) == fmt


def _has_magic(text: str) -> bool:
    return any(ch in text for ch in "*?[")


def _walk(folder: Path) -> list[Path]:
    """Every file under a folder (links to files included), in a stable order; hidden files are not inputs."""
    found = [
        Path(root) / name
        for root, _, names in os.walk(folder, followlinks=True)
        for name in names
        if not name.startswith(".")
    ]
    return sorted((p for p in found if p.is_file()), key=lambda p: p.relative_to(folder).as_posix())


def _folder_files(folder: Path, fmt: str, glob: str | None, not_taken: list[str]) -> list[Path]:
    taken = []
    for path in _walk(folder):
        (taken.append(path) if takes(path.name, fmt, glob) else not_taken.append(str(path)))
    return taken


def _formats_under(folder: str) -> set[str]:
    """The formats of the files under a folder that a folder search would take."""
    return {fmt for path in _walk(Path(folder)) if (fmt := detect_format(path.name)) and takes(path.name, fmt)}


def sniff_stdin() -> str:
    """JSON lines or text, from the first bytes waiting on standard input; compressed data must be named.

    A first non-blank byte `{` means JSON lines; anything else is one text document.
    """
    from .compress import sniff_compression

    stream = sys.stdin.buffer
    if sniff_compression(stream):
        raise UsageError("compressed standard input: give its format with --format (jsonl or text)")
    peek = getattr(stream, "peek", None)
    head: bytes = peek(4096) if peek else b""
    return JSONL if head.lstrip(b" \t\r\n\xef\xbb\xbf").startswith(b"{") else TEXT


def _pick_format(paths: list[str], forced: str | None, glob: str | None) -> str:
    if forced:
        return forced
    if paths == ["-"]:
        return sniff_stdin()
    if glob and detect_format(glob):
        return detect_format(glob) or TEXT
    found = {detect_format(p) or TEXT for p in paths if not Path(p).is_dir() and p != "-"}
    if not glob:
        # A folder given without --format: the formats of the files in it decide, when they agree.
        found.update(fmt for p in paths if Path(p).is_dir() for fmt in _formats_under(p))
    if len(found) > 1:
        raise UsageError(f"inputs of several formats ({', '.join(sorted(found))}): pick one with --format or --glob")
    return found.pop() if found else TEXT


def _expand(argument: str) -> list[str]:
    if argument == "-" or Path(argument).exists() or not _has_magic(argument):
        return [argument]
    matches = sorted(globbing.glob(argument, recursive=True))
    if not matches:
        raise UsageError(f"{argument}: no file matches")
    return matches


def find_inputs(arguments: list[str], forced: str | None = None, glob: str | None = None) -> Inputs:
    """Expand input arguments (files, folders searched recursively, quoted globs, `-`) into ordered sources."""
    paths = [p for argument in arguments for p in _expand(argument)]
    fmt = _pick_format(paths, forced, glob)
    patterns = (glob,) if glob else FOLDER_GLOBS[fmt]
    files: list[tuple[str, PurePosixPath | None]] = []
    not_taken: list[str] = []
    folders = False
    for path in paths:
        if path == "-":
            files.append(("-", PurePosixPath("stdin")))
        elif Path(path).is_dir():
            folders = True
            found = _folder_files(Path(path), fmt, glob, not_taken)
            files.extend((str(p), PurePosixPath(p.relative_to(path).as_posix())) for p in found)
        elif Path(path).is_file():
            files.append((path, None))
        else:
            raise UsageError(f"{path}: no such file or folder")
    if not files:
        raise UsageError(f"no input files found (looked for {', '.join(patterns)})")
    if paths.count("-") > 1 or ("-" in paths and len(paths) > 1):
        raise UsageError("standard input (-) cannot be mixed with other inputs")
    if "-" in paths and not FORMATS[fmt].from_stdin:
        raise UsageError(f"{fmt} input cannot come from standard input: give the file")
    loose = [path for path, rel in files if rel is None]
    root = os.path.commonpath([os.path.dirname(os.path.abspath(p)) for p in loose]) if loose else ""
    sources = tuple(
        Source(n, path, path, rel if rel is not None else PurePosixPath(os.path.relpath(path, root)))
        for n, (path, rel) in enumerate(files)
    )
    return Inputs(fmt, sources, tree=folders or len(sources) > 1, not_taken=tuple(not_taken))


def input_tasks(inputs: Inputs, size: int, skipped: list[int], fields: Fields) -> Iterator[Task]:
    """Every chunk of every input, in input order, as the input format cuts them."""
    return FORMATS[inputs.format].tasks(inputs.sources, size, skipped, fields)
