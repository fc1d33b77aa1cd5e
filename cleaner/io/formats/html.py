"""HTML pages: one file is one page; its article text is extracted in the worker and written as a JSONL record."""

from __future__ import annotations

from ..records import Doc, Reject, decode_html
from .base import WholeFiles


class Html(WholeFiles):
    """Saved HTML pages (trafilatura extracts the text)."""

    name = "html"
    suffixes = (".html", ".htm")
    not_mirrored = "HTML pages are written as one JSONL file: give -o FILE.jsonl"

    def decode(self, name: str, data: bytes, url: str | None, title: str | None, lang: str | None) -> Doc | Reject:
        """The page, named by its path; its URL and title when given, else the page's own."""
        return decode_html(name, 1, name, data, url, lang, title)
