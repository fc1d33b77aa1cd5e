"""Parent-side writers: atomic files, standard output, and the set of outputs of a run (one stream or a tree)."""

from __future__ import annotations

import contextlib
import os
import secrets
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Protocol

from .compress import compression_of, open_write


class Sink(Protocol):
    """Something output goes to, made final by commit() or dropped by discard()."""

    def write(self, data: Any) -> None: ...

    def close(self) -> None: ...

    def commit(self) -> None: ...

    def discard(self) -> None: ...


def temp_name(target: Path) -> Path:
    """A hidden temporary name in the target's folder, so the final rename never crosses file systems."""
    return target.parent / f".{target.name}.{secrets.token_hex(4)}.part"


@contextlib.contextmanager
def naming(target: Path, tmp: Path) -> Iterator[None]:
    """Let an error while writing `tmp` (full disk, missing folder, a codec's error) name `target` instead.

    A temporary `.part` name means nothing to the user; the file they asked for does.
    """
    try:
        yield
    except OSError as error:
        if error.errno is not None and error.strerror:
            raise OSError(error.errno, error.strerror, str(target)) from None
        raise OSError(f"{target}: {str(error).replace(str(tmp), str(target))}") from None


class TempTarget:
    """An output written under a temporary name beside its target and renamed into place by commit()."""

    def __init__(self, target: Path) -> None:
        self.target = target
        self.tmp = temp_name(target)

    def close(self) -> None:
        """Finish the file under its temporary name."""
        raise NotImplementedError

    def started(self) -> bool:
        """True once the temporary file exists."""
        return True

    def commit(self) -> None:
        """Finish the file and rename it into place."""
        self.close()
        if self.started():
            with naming(self.target, self.tmp):
                os.replace(self.tmp, self.target)

    def discard(self) -> None:
        """Drop the temporary file."""
        try:
            self.close()
        finally:
            self.tmp.unlink(missing_ok=True)


class AtomicFile(TempTarget):
    """A file written under a temporary name (compressed by the target's suffix) and renamed by commit()."""

    def __init__(self, target: Path) -> None:
        super().__init__(target)
        with naming(target, self.tmp):
            self.handle = open_write(self.tmp, compression_of(target))
        self.closed = False

    def write(self, data: bytes) -> None:
        """Append bytes."""
        with naming(self.target, self.tmp):
            self.handle.write(data)

    def close(self) -> None:
        """Finish the file under its temporary name."""
        if not self.closed:
            self.closed = True
            with naming(self.target, self.tmp):
                self.handle.close()


class Stdout:
    """Standard output: written as chunks come, so it cannot be taken back."""

    def write(self, data: bytes) -> None:
        """Write and flush, so a consumer downstream sees whole chunks as soon as they are ready."""
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()

    def close(self) -> None:
        """Flush."""
        sys.stdout.flush()

    def commit(self) -> None:
        """Flush."""
        self.close()

    def discard(self) -> None:
        """Flush what was written (it is already out)."""
        self.close()


def write_atomically(path: str | Path, data: bytes) -> None:
    """Write a whole file at once under a temporary name, then rename it into place."""
    file = AtomicFile(Path(path))
    try:
        file.write(data)
        file.commit()
    except BaseException:
        file.discard()
        raise


class Outputs:
    """Where cleaned records go: one stream for every source, or one file per source in a mirrored tree.

    Files are opened as their first data arrives and renamed into place only by commit(), all together.
    """

    def __init__(self, opener: Callable[[Path], Sink], targets: dict[int, Path] | None, stream: Sink | None) -> None:
        self.opener = opener
        self.targets = targets or {}
        self.stream = stream
        self.sinks: dict[int, Sink] = {}
        self.current: Sink | None = None
        self.made_folders: list[Path] = []
        self.committed = 0  # files already renamed into place by commit_source

    def _open(self, index: int) -> Sink:
        target = self.targets[index]
        missing = [p for p in (target.parent, *target.parent.parents) if not p.exists()]
        target.parent.mkdir(parents=True, exist_ok=True)
        self.made_folders.extend(sorted(missing, key=lambda p: len(p.parts)))
        sink = self.opener(target)
        self.sinks[index] = sink
        return sink

    def write(self, index: int, data: Any) -> None:
        """Append a source's cleaned data to its output."""
        if self.stream is not None:
            self.stream.write(data)
            return
        sink = self.sinks.get(index)
        if sink is None:
            # Sources arrive in order: the previous source's file is complete, close it to free its handle.
            if self.current is not None:
                self.current.close()
            sink = self._open(index)
        self.current = sink
        sink.write(data)

    def commit_source(self, index: int) -> bool:
        """Rename one source's finished file into place now (--resume); False when it has no file."""
        sink = self.sinks.pop(index, None)
        if sink is None:
            return False
        if sink is self.current:
            self.current = None
        sink.commit()
        self.committed += 1
        return True

    def count(self) -> int:
        """How many files were written."""
        return 1 if self.stream is not None else len(self.sinks) + self.committed

    def commit(self) -> None:
        """Rename every output into place."""
        for sink in [self.stream] if self.stream is not None else list(self.sinks.values()):
            sink.commit()

    def discard(self) -> None:
        """Drop every temporary file and the folders made for them."""
        for sink in [self.stream] if self.stream is not None else list(self.sinks.values()):
            sink.discard()
        for folder in reversed(self.made_folders):
            with contextlib.suppress(OSError):  # a folder that holds other files stays
                folder.rmdir()


class LazyFile:
    """An atomic file created on its first write (a reject file appears only when something is set aside)."""

    def __init__(self, target: Path, eager: bool = False) -> None:
        self.target = target
        self.file: AtomicFile | None = AtomicFile(target) if eager else None
        self.written = 0

    def write(self, data: bytes) -> None:
        """Append bytes, creating the file first if needed."""
        if not data:
            return
        if self.file is None:
            self.file = AtomicFile(self.target)
        self.file.write(data)
        self.written += 1

    def close(self) -> None:
        """Finish the file under its temporary name."""
        if self.file is not None:
            self.file.close()

    def commit(self) -> None:
        """Rename the file into place, if it was created."""
        if self.file is not None:
            self.file.commit()

    def discard(self) -> None:
        """Drop the temporary file, if any."""
        if self.file is not None:
            self.file.discard()
