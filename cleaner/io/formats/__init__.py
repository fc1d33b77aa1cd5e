"""The registry of formats: one class per format (suffixes, reader, writer), looked up by name or file name."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from ..compress import strip_compression
from .base import Format
from .html import Html
from .jsonl import Jsonl
from .parquet import Parquet
from .text import Text
from .warc import Warc

# In the order `--format` lists them; a new format is one class and one entry here.
FORMATS: dict[str, Format] = {fmt.name: fmt for fmt in (Text(), Jsonl(), Parquet(), Html(), Warc())}
TEXT, JSONL = Text.name, Jsonl.name
SUFFIXES = {suffix: fmt.name for fmt in FORMATS.values() for suffix in fmt.suffixes}


def detect_format(name: str | Path) -> str | None:
    """Return the format a file name implies, or None when its suffix says nothing.

    >>> detect_format("crawl/CC-1.warc.gz"), detect_format("dump.jsonl.zst"), detect_format("notes")
    ('warc', 'jsonl', None)
    """
    return SUFFIXES.get(PurePosixPath(strip_compression(str(name)).lower()).suffix)


__all__ = ["FORMATS", "JSONL", "SUFFIXES", "TEXT", "Format", "detect_format"]
