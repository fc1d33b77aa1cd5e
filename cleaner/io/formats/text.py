"""Text files: one file is one document, written back as its clean text (or as a record, by -o suffix)."""

from __future__ import annotations

from ..records import Doc, Reject, decode_text
from .base import WholeFiles


class Text(WholeFiles):
    """Plain UTF-8 text."""

    name = "text"
    suffixes = (".txt", ".text")
    written_as = "text"
    writes = ("text", "jsonl", "parquet")
    joined = False
    plain_text = True
    report_reads = True

    def decode(self, name: str, data: bytes, url: str | None, title: str | None, lang: str | None) -> Doc | Reject:
        """The file's text, named by its path."""
        return decode_text(name, data, url, title, lang)
