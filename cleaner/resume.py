"""--resume: commit each output file as its input finishes and journal it, so re-running the command skips it.

Without --resume a run is all or nothing. With it, for `-o FOLDER` runs:

- each input's output file is renamed into place as soon as that input is finished;
- the removal log and the reject file are appended under fixed partial names (`.NAME.resume.part`), and
  the journal (`FOLDER/.cleaner-resume.jsonl`) records, for every finished input, its size and mtime and
  how far the log and reject file had got;
- a re-run of the same command skips the journalled inputs that are unchanged, cuts the partial log and
  reject file back to the last journalled input (dropping the lines of the input that was cut off), and
  goes on; when every input is done the log and reject file get their final names and the journal goes.

The journal's first line holds a fingerprint of the rules and settings: resuming with other rules or options
is refused, since the finished files would not match the rest.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from collections import deque
from glob import escape as glob_escape
from pathlib import Path
from typing import Any

import orjson

from .io.compress import compression_of
from .io.sources import Source, UsageError
from .io.writers import Outputs

JOURNAL_NAME = ".cleaner-resume.jsonl"


def fingerprint(*parts: Any) -> str:
    """A digest of everything that decides the output: rules, engine settings, job settings."""
    return hashlib.sha256(pickle.dumps(parts, protocol=4)).hexdigest()


def _stat(source: Source) -> tuple[int, int]:
    status = os.stat(source.path)
    return status.st_size, status.st_mtime_ns


class Journal:
    """The finished inputs of a resumable run, one JSON line each after a header with the fingerprint."""

    def __init__(self, folder: Path, digest: str) -> None:
        self.path = folder / JOURNAL_NAME
        self.entries: dict[str, dict[str, Any]] = {}
        self.last: dict[str, Any] = {"log": 0, "rejects": 0}
        if self.path.exists():
            self._read(digest)
        else:
            folder.mkdir(parents=True, exist_ok=True)
            self.path.write_bytes(orjson.dumps({"fingerprint": digest}) + b"\n")
        self.handle = open(self.path, "ab")  # noqa: SIM115 - kept open for the run, closed by close()

    def _read(self, digest: str) -> None:
        lines = self.path.read_bytes().splitlines()
        try:
            head = orjson.loads(lines[0])
        except (IndexError, orjson.JSONDecodeError):
            head = {}
        if head.get("fingerprint") != digest:
            raise UsageError(
                f"{self.path}: the files already finished were cleaned with other rules or options; "
                "re-run the same command to resume, or delete this journal to start over"
            )
        for number, line in enumerate(lines[1:], 2):
            try:
                entry = orjson.loads(line)
            except orjson.JSONDecodeError:
                # A line torn by a crash can only be the last: that input was not finished.
                if number != len(lines):
                    raise UsageError(
                        f"{self.path}:{number}: damaged journal line; delete the journal to start over"
                    ) from None
                break
            self.entries[entry["source"]] = entry
            self.last = entry

    def finished(self, source: Source, target: Path | None) -> bool:
        """True when `source` was journalled unchanged (size, mtime) and its output file is still there."""
        entry = self.entries.get(source.rel.as_posix())
        if entry is None or [entry["size"], entry["mtime_ns"]] != list(_stat(source)):
            return False
        return not entry["output"] or (target is not None and target.exists())

    def record(self, source: Source, output: bool, log: int, rejects: int) -> None:
        """Journal a finished input, durably, after its output file was renamed into place."""
        size, mtime_ns = _stat(source)
        entry = {"source": source.rel.as_posix(), "size": size, "mtime_ns": mtime_ns, "output": output}
        self.handle.write(orjson.dumps({**entry, "log": log, "rejects": rejects}) + b"\n")
        self.handle.flush()
        os.fsync(self.handle.fileno())

    def close(self) -> None:
        """Close the journal file, keeping it for the next run."""
        self.handle.close()

    def remove(self) -> None:
        """The run is complete: the journal is no longer needed."""
        self.close()
        self.path.unlink(missing_ok=True)


class ResumableFile:
    """A JSONL file appended under a fixed partial name, cut back to `offset` when a run resumes.

    commit() gives it its final name; discard() keeps it for the next run. An empty file is not kept at
    commit unless `eager` (a reject file appears only when something was set aside).
    """

    def __init__(self, target: Path, offset: int, eager: bool = False) -> None:
        self.target = target
        self.tmp = target.parent / f".{target.name}.resume.part"
        self.eager = eager
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(self.tmp, "ab") as handle:
            handle.truncate(offset)
        self.handle = open(self.tmp, "ab")  # noqa: SIM115 - closed by close()

    def write(self, data: bytes) -> None:
        """Append bytes."""
        if data:
            self.handle.write(data)

    def position(self) -> int:
        """Bytes written so far, flushed to disk."""
        self.handle.flush()
        os.fsync(self.handle.fileno())
        return self.handle.tell()

    def close(self) -> None:
        """Close the partial file."""
        self.handle.close()

    def commit(self) -> None:
        """Rename the partial file to its final name (or drop it when empty and not eager)."""
        self.close()
        if self.eager or self.tmp.stat().st_size:
            os.replace(self.tmp, self.target)
        else:
            self.tmp.unlink()

    def discard(self) -> None:
        """Keep the partial file for the next run."""
        self.close()


class Resume:
    """The resumable side of a run: the inputs left to do, and each input committed and journalled as it ends."""

    def __init__(
        self,
        sources: tuple[Source, ...],
        outputs: Outputs | None,
        folder: str | None,
        digest: str,
        log: str | None,
        rejects: Path,
        eager_rejects: bool,
    ) -> None:
        if outputs is None or not outputs.targets or folder is None:
            raise UsageError("--resume needs -o FOLDER: it keeps each input's output file as soon as it is done")
        if log and (compression_of(log) or not log.endswith(".jsonl")):
            raise UsageError("--resume needs an uncompressed .jsonl --log: it is cut back to the last finished input")
        self.outputs = outputs
        self.journal = Journal(Path(folder), digest)
        self.todo = tuple(s for s in sources if not self.journal.finished(s, outputs.targets.get(s.index)))
        for source in self.todo:  # temporary files of a run that was killed outright (SIGKILL, power loss)
            target = outputs.targets[source.index]
            if target.parent.is_dir():
                for stale in target.parent.glob(f".{glob_escape(target.name)}.*.part"):
                    stale.unlink(missing_ok=True)
        self.already_done = len(sources) - len(self.todo)
        self.log = ResumableFile(Path(log), int(self.journal.last["log"])) if log else None
        self.rejects = ResumableFile(rejects, int(self.journal.last["rejects"]), eager_rejects)
        self.pending = deque(self.todo)

    def finish_before(self, index: int | None) -> None:
        """Commit and journal every input before source `index` (every input left, for None): all its data is in."""
        while self.pending and (index is None or self.pending[0].index < index):
            source = self.pending.popleft()
            wrote = self.outputs.commit_source(source.index)
            log = self.log.position() if self.log is not None else 0
            self.journal.record(source, wrote, log, self.rejects.position())

    def sinks(self) -> list[Any]:
        """What the run settles at its end, in order: the journal goes before the log and rejects get their names.

        A crash between the two then means a fresh start on the next run, never a journal that points into a
        log that was already renamed.
        """
        return [_JournalSink(self.journal), self.log, self.rejects]


class _JournalSink:
    """The journal as a run's sink: removed when the run commits, kept when it stops."""

    def __init__(self, journal: Journal) -> None:
        self.journal = journal

    def commit(self) -> None:
        self.journal.remove()

    def discard(self) -> None:
        self.journal.close()
