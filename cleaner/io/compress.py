"""Open files for reading and writing by their suffix: plain, gzip (isal), zstd, bz2 and xz."""

from __future__ import annotations

import bz2
import lzma
import sys
from pathlib import Path
from typing import IO, Any, BinaryIO, cast

import isal.igzip
import zstandard

from .decompress import DecompressingReader

IGZIP: Any = isal.igzip  # isal's gzip module carries no type hints

COMPRESSIONS = (".gz", ".zst", ".bz2", ".xz")
# Magic numbers, for standard input, which has no name to go by.
MAGIC = {b"\x1f\x8b": ".gz", b"\x28\xb5\x2f\xfd": ".zst", b"BZh": ".bz2", b"\xfd7zXZ\x00": ".xz"}


def compression_of(name: str | Path) -> str | None:
    """Return the compression suffix of a file name, or None.

    >>> compression_of("dump.jsonl.ZST"), compression_of("dump.jsonl")
    ('.zst', None)
    """
    suffix = Path(name).suffix.lower()
    return suffix if suffix in COMPRESSIONS else None


def strip_compression(name: str) -> str:
    """Return the name without its compression suffix.

    >>> strip_compression("a/b.jsonl.gz")
    'a/b.jsonl'
    """
    suffix = compression_of(name)
    return name[: -len(suffix)] if suffix else name


class Input:
    """A readable byte stream, decompressed, with the raw file under it (its position drives the progress bar)."""

    def __init__(self, stream: IO[bytes], raw: IO[bytes]) -> None:
        self.stream = stream
        self.raw = raw

    def raw_position(self) -> int:
        """Bytes of the underlying file read so far (0 where the file cannot tell)."""
        try:
            return self.raw.tell()
        except (OSError, ValueError):
            return 0

    def close(self) -> None:
        """Close the stream and the file under it."""
        self.stream.close()
        self.raw.close()

    def __enter__(self) -> Input:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def decompress_stream(raw: IO[bytes], compression: str | None) -> IO[bytes]:
    """Wrap a raw byte stream in the decompressor for `compression` (None: no wrapping).

    Every member, stream or frame is read; a truncated or corrupt file raises DamagedInput after the data
    before the damage (the standard wrappers end a truncated zstd frame silently).
    """
    if compression is None:
        return raw
    return cast(IO[bytes], DecompressingReader(raw, compression))


def sniff_compression(stream: BinaryIO) -> str | None:
    """Tell the compression of a buffered stream from its first bytes, without consuming them."""
    peek = getattr(stream, "peek", None)
    head: bytes = peek(8)[:8] if peek else b""
    return next((suffix for magic, suffix in MAGIC.items() if head.startswith(magic)), None)


def open_read(path: str | Path) -> Input:
    """Open a file (or `-`, standard input) for reading, decompressing by suffix (by magic number for stdin)."""
    if str(path) == "-":
        raw = cast(IO[bytes], sys.stdin.buffer)
        return Input(decompress_stream(raw, sniff_compression(sys.stdin.buffer)), raw)
    raw = open(path, "rb")  # noqa: SIM115 - Input owns and closes it
    return Input(decompress_stream(raw, compression_of(path)), raw)


class _GzipWriter:
    """A gzip stream over a file it owns, with an empty name and a zero time in its header (reproducible bytes)."""

    def __init__(self, file: IO[bytes]) -> None:
        self.file = file
        self.stream = IGZIP.IGzipFile(filename="", mode="wb", fileobj=file, mtime=0)

    def write(self, data: bytes) -> int:
        """Compress and append bytes."""
        written: int = self.stream.write(data)
        return written

    def close(self) -> None:
        """Finish the gzip member, then close the file."""
        try:
            self.stream.close()
        finally:
            self.file.close()

    def __enter__(self) -> _GzipWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_write(path: str | Path, compression: str | None) -> IO[bytes]:
    """Open `path` for writing, compressing with `compression` (a suffix such as '.gz', or None).

    A gzip header carries no file name and a zero time, so two runs on the same input give the same bytes.
    """
    if compression == ".gz":
        return cast(IO[bytes], _GzipWriter(open(path, "wb")))
    if compression == ".zst":
        return cast(IO[bytes], zstandard.ZstdCompressor(level=3).stream_writer(open(path, "wb"), closefd=True))
    if compression == ".bz2":
        return cast(IO[bytes], bz2.open(path, "wb"))
    if compression == ".xz":
        return cast(IO[bytes], lzma.open(path, "wb"))
    return open(path, "wb")
