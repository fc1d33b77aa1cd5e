"""Worker-side output: cleaned records as JSONL lines or Arrow batches, and removal-log lines."""

from __future__ import annotations

from typing import Any

from ..model import Result
from .records import Doc, Fields
from .values import dumps, get_field, set_field


def serialise_document(fields: Fields, as_text: bool, tag_source: bool, doc: Doc, result: Result) -> bytes:
    """The output of one document: the record with clean text and the added fields (JSONL), or the clean text.

    A page (HTML file or WARC response) becomes a record of id, url, title and text; an HTML field gets its
    extracted text, title and URL beside it, where the record has none of its own. With --annotate
    (`fields.annotation`) the text stays as it was (the extracted text, for HTML: the removal offsets point
    into it) and the would-be removals go into that field.
    """
    if as_text:
        return result.text.encode("utf-8")
    text = doc.text if fields.annotation and doc.text is not None else result.text
    if doc.record is not None:
        record = doc.record
        set_field(record, fields.text, text)
        if doc.html is not None:
            for path, value in ((fields.title, doc.title), (fields.url, doc.url)):
                if value and not isinstance(get_field(record, path), str):
                    set_field(record, path, value)
    else:
        record = {"id": doc.id, "url": doc.url, "title": doc.title, "text": text}
    if fields.annotation:
        record[fields.annotation] = [r.to_dict() for r in result.removals]
    truncated, count, flagged = fields.added
    record[truncated] = result.truncated
    record[count] = len(result.removals)
    if result.flagged is not None:
        record[flagged] = result.flagged
    return dumps(record) + b"\n"


def serialise_removals(tag_source: bool, log_fields: tuple[str, ...], doc: Doc, result: Result) -> bytes:
    """The log lines of one document: one JSON object per removal, then the document's `log_fields` and source."""
    tail: dict[str, object] = {name: getattr(doc, name) for name in log_fields}
    if tag_source:
        tail["source"] = doc.source
    return b"".join(dumps({"id": doc.id, **r.to_dict(), **tail}) + b"\n" for r in result.removals)


class Columns:
    """The per-row results of a Parquet batch, turned into the cleaned batch at the end."""

    def __init__(self) -> None:
        self.keep: list[bool] = []
        self.texts: list[str] = []
        self.truncated: list[bool] = []
        self.removals: list[int] = []
        self.flagged: list[str | None] = []

    def add(self, result: Result | None) -> None:
        """One row: its result, or None when it was set aside."""
        self.keep.append(result is not None)
        if result is not None:
            self.texts.append(result.text)
            self.truncated.append(result.truncated)
            self.removals.append(len(result.removals))
            self.flagged.append(result.flagged)

    def build(self, batch: Any, fields: Fields) -> Any:
        """The cleaned batch (rows set aside dropped)."""
        from .formats.parquet import build_batch

        return build_batch(batch, self.keep, self.texts, self.truncated, self.removals, self.flagged, fields)
