"""Builders of damaged and awkward inputs for the fault matrix: records, compressed members, cuts, and oracles."""

from __future__ import annotations

import bz2
import gzip
import lzma
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
import zstandard

STORY = (
    "Story {n}: the harbour board met on Tuesday to discuss berth fees for the coming season.\n\n"
    "Also read: Ferry timetable changes for the winter\n\n"
    "Members voted to keep the fees unchanged until the spring review."
)
COMPRESS: dict[str, Callable[[bytes], bytes]] = {
    ".gz": lambda data: gzip.compress(data, mtime=0),
    ".bz2": bz2.compress,
    ".xz": lzma.compress,
    ".zst": lambda data: zstandard.ZstdCompressor().compress(data),
}


def records(count: int, **extra: Any) -> list[dict[str, Any]]:
    """Invented news records with a teaser line each (the fixture rules remove it)."""
    return [{"id": f"r{n}", "text": STORY.format(n=n), **extra} for n in range(count)]


def jsonl(rows: list[dict[str, Any]]) -> bytes:
    return b"".join(orjson.dumps(row) + b"\n" for row in rows)


def members(data: bytes, kind: str, lines_per_member: int = 10) -> bytes:
    """Compress `data` as several members (gzip), streams (bz2, xz) or frames (zstd), as parallel tools write."""
    lines = data.splitlines(keepends=True)
    parts = [b"".join(lines[i : i + lines_per_member]) for i in range(0, len(lines), lines_per_member)]
    return b"".join(COMPRESS[kind](part) for part in parts)


def _decoder(kind: str) -> Any:
    return {
        ".gz": lambda: zlib.decompressobj(wbits=31),
        ".bz2": bz2.BZ2Decompressor,
        ".xz": lzma.LZMADecompressor,
        ".zst": lambda: zstandard.ZstdDecompressor().decompressobj(),
    }[kind]()


def lenient(data: bytes, kind: str) -> bytes:
    """The oracle: everything the standard decoders give from a cut file, member after member, up to the cut."""
    out = b""
    while data:
        decoder = _decoder(kind)
        try:
            out += decoder.decompress(data)
        except (zlib.error, OSError, EOFError, lzma.LZMAError, zstandard.ZstdError):
            break
        if not decoder.eof:
            break
        data = decoder.unused_data
    return out


def cut(path: Path, share: float) -> None:
    """Truncate a file to `share` of its size, as an interrupted download leaves it."""
    data = path.read_bytes()
    path.write_bytes(data[: int(len(data) * share)])


def warc_pages_before(path: Path, size: int) -> int:
    """How many HTML responses of a .warc.gz lie in gzip members that end within the first `size` bytes."""
    data, offset, pages = path.read_bytes(), 0, 0
    while offset < len(data):
        decoder = zlib.decompressobj(wbits=31)
        body = decoder.decompress(data[offset:])
        offset = len(data) - len(decoder.unused_data)
        pages += offset <= size and b"WARC-Type: response" in body and b"text/html" in body
    return pages


def count_records(path: Path) -> int:
    """Records in an output file or folder (JSONL in any compression, or Parquet)."""
    if path.is_dir():
        return sum(count_records(p) for p in sorted(path.rglob("*")) if p.is_file() and not p.name.startswith("."))
    if path.suffix == ".parquet":
        import pyarrow.parquet as pq

        return int(pq.read_metadata(path).num_rows)
    return len(read_lines(path))


def read_lines(path: Path) -> list[bytes]:
    data = path.read_bytes()
    for kind in COMPRESS:
        if path.name.endswith(kind):
            data = lenient(data, kind)
    return [line for line in data.split(b"\n") if line.strip()]


def html_page(title: str, body: str, canonical: str | None = None) -> bytes:
    link = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    paragraphs = "".join(f"<p>{p}</p>" for p in body.split("\n\n"))
    page = f"<html><head><title>{title}</title>{link}</head><body><article><h1>{title}</h1>{paragraphs}</article>"
    return (page + "</body></html>").encode()


SITE_RULES = """\
language: any
rules:
  - id: wrapper.any.harbour_promo
    category: wrapper
    description: The harbour site's own promotion line, on its pages only.
    scope: line
    domains: [harbour.example]
    pattern: '^Get the Harbour Daily app\\W*$'
    examples:
      remove: ["Get the Harbour Daily app!"]
      keep: ["She said the Harbour Daily app had crashed."]
  - id: related_link.de.lesen_sie_auch
    category: related_link
    language: de
    description: A German teaser line.
    scope: line
    pattern: '^Lesen Sie auch:'
    examples:
      remove: ["Lesen Sie auch: Neue Fähre ab Kiel"]
      keep: ["Lesen Sie auch die Fußnoten, sagte sie."]
"""

FAILING_RULES = """\
language: any
rules:
  - id: wrapper.any.everything
    category: wrapper
    description: A rule that takes every line (as a careless user might write it).
    scope: line
    pattern: '.*'
    examples:
      remove: ["Advertisement"]
      keep: ["The harbour board met on Tuesday."]
"""
