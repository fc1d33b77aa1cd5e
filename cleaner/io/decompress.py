"""Streaming decompression that notices damage: a truncated or corrupt file raises DamagedInput, never ends early."""

from __future__ import annotations

import bz2
import lzma
import zlib
from dataclasses import dataclass
from typing import IO, Any

import zstandard

RAW_BLOCK = 1 << 16  # compressed bytes read at a time; with `max_length` this bounds memory per call
NAMES = {".gz": "gzip", ".zst": "zstd", ".bz2": "bzip2", ".xz": "xz"}
ERRORS = (zlib.error, OSError, EOFError, lzma.LZMAError, zstandard.ZstdError, ValueError)


@dataclass(frozen=True, slots=True)
class Damage:
    """Where and why an input could not be read further: a task payload that becomes one reject entry.

    `tail` holds the bytes of the record the damage cut (the start of a line), kept in the reject entry.
    """

    offset: int
    reason: str
    produced: int = 0
    tail: bytes = b""

    def detail(self) -> str:
        """The reason, with where the reader stopped, for a reject entry."""
        got = f" ({self.produced:,} bytes decompressed)" if self.produced else ""
        return f"stopped at byte {self.offset:,} of the file{got}: {self.reason}; the records before it were read"


class DamagedInput(Exception):
    """A compressed (or Parquet, WARC) input that cannot be read past `offset` bytes of the file, and why.

    `line` and `tail` are set by the line reader: the number of the first line not read whole, and its bytes.
    """

    def __init__(self, offset: int, reason: str, produced: int = 0) -> None:
        super().__init__(f"byte {offset:,}: {reason}")
        self.offset = offset
        self.reason = reason
        self.produced = produced  # decompressed bytes delivered before the damage
        self.line = 0
        self.tail = b""

    def as_damage(self) -> Damage:
        """The damage as a task payload."""
        return Damage(self.offset, self.reason, self.produced, self.tail)


def _decoder(compression: str) -> Any:
    if compression == ".gz":
        return zlib.decompressobj(wbits=31)
    if compression == ".bz2":
        return bz2.BZ2Decompressor()
    if compression == ".xz":
        return lzma.LZMADecompressor()
    return zstandard.ZstdDecompressor().decompressobj()


class DecompressingReader:
    """A readable stream of the decompressed bytes of `raw`, across members (gzip), streams and frames.

    Unlike the standard file wrappers it never ends silently early: a file that stops inside a member, holds
    bytes that are not of its compression, or is empty raises DamagedInput once the data before it is read.
    """

    def __init__(self, raw: IO[bytes], compression: str) -> None:
        self.raw = raw
        self.compression = compression
        self.decoder = _decoder(compression)
        self.pending = b""  # compressed bytes read but not yet accepted by the decoder
        self.consumed = 0  # compressed bytes read from the file
        self.produced = 0
        self.in_member = False  # the current decoder has been fed and has not reached its end
        self.members = 0
        self.done = False
        self.damage: DamagedInput | None = None
        self.extra = b""  # decompressed bytes beyond what the last read asked for, from `extra_at` on
        self.extra_at = 0
        self.intact = 0  # where the last complete member (stream, frame) ends in the file

    def _hungry(self) -> bool:
        if self.pending:
            return False
        return self.compression not in (".bz2", ".xz") or self.decoder.needs_input or not self.in_member

    def _damage(self, reason: str) -> DamagedInput:
        return DamagedInput(self.consumed, reason, self.produced)

    def _step(self, limit: int) -> bytes:
        decoder = self.decoder
        data, self.pending = self.pending, b""
        self.in_member = self.in_member or bool(data)
        try:
            if self.compression == ".zst":
                out: bytes = decoder.decompress(data)
            else:
                out = decoder.decompress(data, limit)
                if self.compression == ".gz":
                    self.pending = decoder.unconsumed_tail
        except ERRORS as error:
            name = NAMES[self.compression]
            raise self._damage(f"not valid {name} data ({type(error).__name__}: {error})") from None
        if decoder.eof:
            # What follows the member; zlib also leaves it in `unconsumed_tail` when `max_length` stopped it.
            self.pending = decoder.unused_data
            self.intact = self.consumed - len(self.pending)
            self.decoder = _decoder(self.compression)
            self.in_member = False
            self.members += 1
        return out

    def read(self, size: int = -1) -> bytes:
        """Up to `size` decompressed bytes (all of them for -1); b"" only at a clean end of the file."""
        want = size if size >= 0 else 1 << 62
        out = bytearray(self.extra[self.extra_at : self.extra_at + want])
        self.extra_at += len(out)
        if self.damage is not None and not out:
            raise self.damage
        try:
            while len(out) < want and not self.done and self.damage is None:
                if self._hungry():
                    block = self.raw.read(RAW_BLOCK)
                    if not block:
                        self._finish()
                        break
                    self.consumed += len(block)
                    self.pending = block
                piece = self._step(min(want - len(out), 1 << 24))
                self.produced += len(piece)
                out += piece
        except DamagedInput as damage:
            # The data decompressed before the damage goes out first; the next read raises.
            self.damage = damage
            if not out:
                raise
        if len(out) > want:  # zstd has no output limit per call: keep the rest for the next read
            self.extra, self.extra_at = bytes(out[want:]) + self.extra[self.extra_at :], 0
            del out[want:]
        return bytes(out)

    def _finish(self) -> None:
        self.done = True
        name = NAMES[self.compression]
        if self.in_member:
            raise self._damage(f"the {name} data ends early: the file is truncated (an interrupted download?)")
        if not self.members:
            raise self._damage(f"the file is empty: no {name} data")

    def close(self) -> None:
        """Nothing to release: the raw file is closed by its owner."""


def find_damage(path: str, compression: str) -> tuple[int, Damage] | None:
    """Read a compressed file through; None when it is whole, else where its last complete member ends and why.

    For archives read by another library (WARC through warcio), which ends a cut gzip member silently.
    """
    with open(path, "rb") as raw:
        reader = DecompressingReader(raw, compression)
        try:
            while reader.read(1 << 20):
                pass
        except DamagedInput as damage:
            return reader.intact, damage.as_damage()
    return None
