"""Format: what a run needs to know of one input or output format, asked of the class instead of its name."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

from ..readers import Task, file_tasks
from ..records import Doc, Fields, Reject, damaged, read_document
from ..sources import Source
from ..writers import AtomicFile, Sink


class Format:
    """One format: its file suffixes, how its files are cut into tasks and decoded, and how it is written.

    The class attributes answer the questions the runner, the worker and the output planner ask of a format.
    """

    name: ClassVar[str]
    suffixes: ClassVar[tuple[str, ...]]  # the first one names a file converted into this format
    compressible: ClassVar[bool] = True  # read and written as .gz/.zst/.bz2/.xz too (Parquet compresses inside)
    from_stdin: ClassVar[bool] = True  # can be read from standard input
    written_as: ClassVar[str] = "jsonl"  # the format the cleaned records of this input are written in by default
    writes: ClassVar[tuple[str, ...]] = ("jsonl", "parquet")  # the formats an -o file may ask for
    joined: ClassVar[bool] = True  # several inputs may be written into one -o file
    not_mirrored: ClassVar[str | None] = None  # why several inputs cannot be mirrored to -o FOLDER (None: they can)
    whole_files: ClassVar[bool] = False  # a task holds whole files, each its own output
    columnar: ClassVar[bool] = False  # tasks are Arrow batches, written back as batches
    plain_text: ClassVar[bool] = False  # written as the bare clean text, not as records
    report_reads: ClassVar[bool] = False  # the HTML report can read the documents back from such an input
    to_stdout: ClassVar[bool] = True  # can be written to standard output
    logs: ClassVar[bool] = False  # a removal log can be written in it

    def tasks(self, sources: tuple[Source, ...], size: int, skipped: list[int], fields: Fields) -> Iterator[Task]:
        """Every chunk of these inputs, of about `size` bytes, in input order (`skipped[0]` counts non-documents)."""
        raise NotImplementedError(f"{self.name} files are not read")

    def split(self, task: Task, parts: int) -> list[Task]:
        """The task cut into about `parts` smaller tasks of whole records, in order (a format that cannot: itself)."""
        del parts
        return [task]

    def documents(
        self, task: Task, fields: Fields, lang: str | None, url: str | None, title: str | None
    ) -> Iterator[tuple[int, Doc | Reject]]:
        """(source index, document or reject) for every record of a chunk that holds no damage, in input order."""
        raise NotImplementedError(f"{self.name} files are not read")

    def open_file(self, path: Path) -> Sink:
        """A file of this format written under a temporary name, renamed into place at commit."""
        return AtomicFile(path)

    def open_log(self, path: Path, tag_source: bool, extra: tuple[str, ...]) -> Any:
        """The removal log in this format (JSON lines by default: the workers' log lines as they are)."""
        return AtomicFile(path)


class WholeFiles(Format):
    """Formats whose every file is one document (text, HTML): tasks group whole files; each file its own output."""

    whole_files = True

    def tasks(self, sources: tuple[Source, ...], size: int, skipped: list[int], fields: Fields) -> Iterator[Task]:
        """Groups of whole files of about `size` bytes; the workers read the files."""
        return file_tasks(sources, size)

    def documents(
        self, task: Task, fields: Fields, lang: str | None, url: str | None, title: str | None
    ) -> Iterator[tuple[int, Doc | Reject]]:
        """Each file of the group, read (and decompressed) in the worker."""
        for index, name, where in task.payload:
            data = where if isinstance(where, bytes) else read_document(where)
            if isinstance(data, bytes):
                yield index, self.decode(name, data, url, title, lang)
            else:
                yield index, damaged(name, 1, data)

    def decode(self, name: str, data: bytes, url: str | None, title: str | None, lang: str | None) -> Doc | Reject:
        """One file's document."""
        raise NotImplementedError
