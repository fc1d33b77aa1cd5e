"""The inputs of a run as records: each file (Source), all of them with their format (Inputs), and UsageError."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath


class UsageError(ValueError):
    """The command line asks for something that cannot be done (exit status 2)."""


@dataclass(frozen=True, slots=True)
class Source:
    """One input file: where to read it, how to name it in logs, and its place in a mirrored output tree."""

    index: int
    path: str  # "-" for standard input
    name: str  # as shown in logs and reject records
    rel: PurePosixPath  # relative path under the input root, for mirrored output


@dataclass(frozen=True, slots=True)
class Inputs:
    """The input files of a run, their format, and whether they form a tree (several files or a folder).

    `not_taken` names the files found in input folders that the run does not read (other formats).
    """

    format: str
    sources: tuple[Source, ...]
    tree: bool
    not_taken: tuple[str, ...] = ()
