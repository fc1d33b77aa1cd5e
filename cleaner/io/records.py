"""Worker-side decoding: raw input (JSONL lines, files, WARC pages) into documents to clean, or rejects."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import orjson

from .compress import compression_of, decompress_stream
from .decompress import Damage, DamagedInput
from .values import dumps, get_field, has_field, loads

DAMAGED = "damaged input"  # the reject kind of an input file read only up to its damage

ADDED = ("truncated", "removal_count", "flagged")  # the fields the cleaner adds to every record it writes


@dataclass(frozen=True, slots=True)
class Fields:
    """Which record fields hold the text, id, raw HTML, URL, title and language (JSONL and Parquet).

    Each may be a dotted path into nested objects (`metadata.url`). `added` names the fields the cleaner adds:
    whether the source was cut off, how many spans were removed, and why a document was kept whole;
    `annotation` the field of the would-be removals that --annotate adds (None: no annotation).
    """

    text: str = "text"
    id: str = "id"
    html: str | None = None
    url: str = "url"
    title: str = "title"
    lang: str | None = None
    added: tuple[str, str, str] = ADDED
    annotation: str | None = None

    def clash(self, record: dict[str, Any]) -> str | None:
        """The first field the cleaner would add (or fill, for HTML) that the record already has, or None."""
        names = (*self.added, *([self.annotation] if self.annotation else []))
        names = (*names, self.text) if self.html else names
        return next((name for name in names if has_field(record, name)), None)


@dataclass(slots=True)
class Doc:
    """One document to clean, with what it came from; `record` is the parsed JSON object written back."""

    source: str
    line: int
    id: Any
    raw: bytes
    text: str | None = None
    html: str | bytes | None = None
    url: str | None = None
    title: str | None = None
    lang: str | None = None
    record: dict[str, Any] | None = None

    def original(self) -> bytes:
        """The record as it came in: its raw bytes, or its JSON form when it came from a column store."""
        return self.raw if self.raw or self.record is None else record_bytes(self.record)


@dataclass(frozen=True, slots=True)
class Reject:
    """A record set aside: where it was, why (`kind` is the short reason the summary counts), and its bytes."""

    source: str
    line: int
    kind: str
    detail: str
    raw: bytes

    def to_json(self) -> bytes:
        """Serialise as a reject-file line; `raw_base64` instead of `raw` when the bytes are not UTF-8."""
        entry: dict[str, object] = {"source": self.source, "line": self.line, "reason": f"{self.kind}: {self.detail}"}
        try:
            entry["raw"] = self.raw.decode("utf-8")
        except UnicodeDecodeError:
            entry["raw_base64"] = base64.b64encode(self.raw).decode("ascii")
        return orjson.dumps(entry) + b"\n"


def record_bytes(record: dict[str, Any]) -> bytes:
    """A record from a column store as one JSON line (binary values as text, or base64 when not UTF-8)."""
    return dumps(record)


def _text_or_none(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _type_name(value: object) -> str:
    names = {dict: "object", list: "array", str: "string", bool: "boolean", int: "number", float: "number"}
    return "null" if value is None else names.get(type(value), type(value).__name__)


def _undecodable(raw: bytes) -> str | None:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as error:
        return f"byte {error.start}: {error.reason}"
    return None


def decode_record(source: str, line: int, raw: bytes, record: object, fields: Fields, lang: str | None) -> Doc | Reject:
    """Check one parsed record and pull out the text (or HTML), id, URL, title and language."""
    if not isinstance(record, dict):
        return Reject(source, line, "not an object", f"the line holds a JSON {_type_name(record)}", raw)
    key = fields.html or fields.text
    if not has_field(record, key):
        return Reject(source, line, "missing field", f"no field {key!r}", raw)
    value = get_field(record, key)
    allowed = (str, bytes) if fields.html else (str,)
    if not isinstance(value, allowed):
        return Reject(source, line, "not a string", f"field {key!r} is a {_type_name(value)}", raw)
    clash = fields.clash(record)
    if clash is not None:
        detail = (
            f"the record has its own field {clash!r}, which the cleaner would overwrite; "
            "name the added fields otherwise with --added-prefix PREFIX"
        )
        return Reject(source, line, "field clash", detail, raw)
    doc_lang = _text_or_none(get_field(record, fields.lang)) if fields.lang else None
    return Doc(
        source,
        line,
        get_field(record, fields.id, line),
        raw,
        text=value if isinstance(value, str) and not fields.html else None,
        html=value if fields.html else None,
        url=_text_or_none(get_field(record, fields.url)),
        title=_text_or_none(get_field(record, fields.title)),
        lang=doc_lang or lang,
        record=record,
    )


UTF8_BOM = b"\xef\xbb\xbf"


def decode_jsonl(data: bytes, first_line: int, source: str, fields: Fields, lang: str | None) -> Iterator[Doc | Reject]:
    """Decode a chunk of whole JSONL lines; blank lines are skipped, every other line gives a Doc or a Reject.

    A UTF-8 byte order mark opening the file (Windows tools write one) is skipped, as JSON readers do.
    """
    if first_line == 1 and data.startswith(UTF8_BOM):
        data = data[len(UTF8_BOM) :]
    lines = data.split(b"\n")
    if lines[-1] == b"":
        lines.pop()
    for offset, raw in enumerate(lines):
        line = first_line + offset
        try:
            record = loads(raw)
        except ValueError as error:
            if not raw.strip():
                continue
            bad = _undecodable(raw)
            kind, detail = ("invalid UTF-8", bad) if bad else ("not JSON", str(error))
            yield Reject(source, line, kind, detail, raw)
            continue
        yield decode_record(source, line, raw, record, fields, lang)


def damaged(source: str, line: int, damage: Damage) -> Reject:
    """The reject entry of an input read only up to its damage (the cut record's bytes kept as `raw`)."""
    return Reject(source, line, DAMAGED, damage.detail(), damage.tail)


def read_file_bytes(path: str) -> bytes:
    """Read a whole input file, decompressed by its suffix (an .html.gz page, a .txt.zst text)."""
    compression = compression_of(path)
    with open(path, "rb") as raw:
        return decompress_stream(raw, compression).read()


def read_document(path: str) -> bytes | Damage:
    """A whole input file, decompressed by its suffix, or the Damage that stopped its reading."""
    try:
        return read_file_bytes(path)
    except DamagedInput as damage:
        return damage.as_damage()


def decode_text(source: str, data: bytes, url: str | None, title: str | None, lang: str | None) -> Doc | Reject:
    """One text file is one document, named by its path."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        return Reject(source, 1, "invalid UTF-8", f"byte {error.start}: {error.reason}", data)
    return Doc(source, 1, source, data, text=text, url=url, title=title, lang=lang)


def decode_html(
    source: str, line: int, doc_id: Any, data: bytes, url: str | None, lang: str | None, title: str | None = None
) -> Doc:
    """One HTML page (a file or a WARC response) is one document; trafilatura finds its text later."""
    return Doc(source, line, doc_id, data, html=data, url=url, title=title, lang=lang)
