"""Input formats: tell a file's format from its name and find the input files of a run."""

from __future__ import annotations

import glob as globbing
import os
from dataclasses import dataclass
from fnmatch import fnmatch
from pathlib import Path, PurePosixPath

from .compress import strip_compression

FORMATS = ("text", "jsonl", "parquet", "html", "warc")
SUFFIXES = {
    ".txt": "text",
    ".text": "text",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "jsonl",
    ".parquet": "parquet",
    ".pq": "parquet",
    ".html": "html",
    ".htm": "html",
    ".warc": "warc",
    ".arc": "warc",
}
# What a folder is searched for when no --glob is given.
FOLDER_GLOBS = {
    "text": ("*.txt",),
    "jsonl": ("*.jsonl", "*.jsonl.gz", "*.jsonl.zst", "*.jsonl.bz2", "*.jsonl.xz", "*.ndjson"),
    "parquet": ("*.parquet",),
    "html": ("*.html", "*.htm", "*.html.gz", "*.htm.gz"),
    "warc": ("*.warc", "*.warc.gz"),
}


class UsageError(ValueError):
    """The command line asks for something that cannot be done (exit status 2)."""


def detect_format(name: str | Path) -> str | None:
    """Return the format a file name implies, or None when its suffix says nothing.

    >>> detect_format("crawl/CC-1.warc.gz"), detect_format("dump.jsonl.zst"), detect_format("notes")
    ('warc', 'jsonl', None)
    """
    return SUFFIXES.get(PurePosixPath(strip_compression(str(name)).lower()).suffix)


@dataclass(frozen=True, slots=True)
class Source:
    """One input file: where to read it, how to name it in logs, and its place in a mirrored output tree."""

    index: int
    path: str  # "-" for standard input
    name: str  # as shown in logs and reject records
    rel: PurePosixPath  # relative path under the input root, for mirrored output


@dataclass(frozen=True, slots=True)
class Inputs:
    """The input files of a run, their format, and whether they form a tree (several files or a folder)."""

    format: str
    sources: tuple[Source, ...]
    tree: bool


def _has_magic(text: str) -> bool:
    return any(ch in text for ch in "*?[")


def _folder_files(folder: Path, patterns: tuple[str, ...]) -> list[Path]:
    found = {p for pattern in patterns for p in folder.rglob(pattern) if p.is_file()}
    return sorted(found, key=lambda p: p.relative_to(folder).as_posix())


def _formats_under(folder: str) -> set[str]:
    """The formats of the files under a folder that a folder search would take."""
    found: set[str] = set()
    for _, _, names in os.walk(folder):
        for name in names:
            fmt = detect_format(name)
            if fmt and any(fnmatch(name, pattern) for pattern in FOLDER_GLOBS[fmt]):
                found.add(fmt)
    return found


def _pick_format(paths: list[str], forced: str | None, glob: str | None) -> str:
    if forced:
        return forced
    if glob and detect_format(glob):
        return detect_format(glob) or "text"
    found = {detect_format(p) or "text" for p in paths if not Path(p).is_dir() and p != "-"}
    if not glob:
        # A folder given without --format: the formats of the files in it decide, when they agree.
        found.update(fmt for p in paths if Path(p).is_dir() for fmt in _formats_under(p))
    if len(found) > 1:
        raise UsageError(f"inputs of several formats ({', '.join(sorted(found))}): pick one with --format or --glob")
    return found.pop() if found else "text"


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
    folders = False
    for path in paths:
        if path == "-":
            files.append(("-", PurePosixPath("stdin")))
        elif Path(path).is_dir():
            folders = True
            found = _folder_files(Path(path), patterns)
            files.extend((str(p), PurePosixPath(p.relative_to(path).as_posix())) for p in found)
        elif Path(path).is_file():
            files.append((path, None))
        else:
            raise UsageError(f"{path}: no such file or folder")
    if not files:
        raise UsageError(f"no input files found (looked for {', '.join(patterns)})")
    if paths.count("-") > 1 or ("-" in paths and len(paths) > 1):
        raise UsageError("standard input (-) cannot be mixed with other inputs")
    if "-" in paths and fmt in ("parquet", "warc"):
        raise UsageError(f"{fmt} input cannot come from standard input: give the file")
    loose = [path for path, rel in files if rel is None]
    root = os.path.commonpath([os.path.dirname(os.path.abspath(p)) for p in loose]) if loose else ""
    sources = tuple(
        Source(n, path, path, rel if rel is not None else PurePosixPath(os.path.relpath(path, root)))
        for n, (path, rel) in enumerate(files)
    )
    return Inputs(fmt, sources, tree=folders or len(sources) > 1)
