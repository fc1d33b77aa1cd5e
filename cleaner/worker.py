"""The chunk function run in worker processes: decode raw input, clean each document, serialise the results."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import orjson

from .engine import Cleaner
from .html import ExtractionError
from .io.readers import Task
from .io.records import Doc, Fields, Reject, decode_html, decode_jsonl, decode_text, read_file_bytes
from .match import MatchTimeout
from .model import Result
from .report import RunReport


@dataclass(frozen=True, slots=True)
class Settings:
    """What every chunk needs besides its data; sent to each worker once, with the Cleaner."""

    format: str
    fields: Fields = field(default_factory=Fields)
    lang: str | None = None
    url: str | None = None  # for text files, which carry no metadata
    title: str | None = None
    write_output: bool = True
    write_log: bool = True
    tag_source: bool = False  # add "source" to log records (several input files)
    strict: bool = False
    annotate: bool = False  # keep the text; add the would-be removals to the record
    log_fields: tuple[str, ...] = ()  # document fields (url, lang, title) added to each log row


@dataclass(slots=True)
class Done:
    """What a chunk produced: output per source (bytes, or an Arrow batch), log and reject lines, counters."""

    outputs: list[tuple[int, Any]]
    log: bytes
    rejects: bytes
    report: RunReport
    raw_bytes: int = 0
    stop: str | None = None  # the first bad record, in --strict mode


_STATE: dict[str, Any] = {}


def start_worker(cleaner: Cleaner, settings: Settings, in_pool: bool = True, stop: Any = None) -> None:
    """Keep the Cleaner, settings and stop event for every chunk; in a pool, leave Ctrl-C and SIGTERM to the parent.

    A worker stops through `stop`, set by the parent, and never dies of a signal while it may be writing a result
    into the pool's pipe (`kill -TERM` of the whole process group included): the parent would wait forever.
    """
    _STATE["cleaner"] = cleaner
    _STATE["settings"] = settings
    _STATE["stop"] = stop
    if in_pool:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)


def iter_documents(task: Task, settings: Settings) -> Iterator[tuple[int, Doc | Reject]]:
    """Yield (source index, document or reject) for every record of a chunk, in input order."""
    fmt = settings.format
    if fmt == "jsonl":
        for item in decode_jsonl(task.payload, task.first, task.name, settings.fields, settings.lang):
            yield task.source, item
    elif fmt in ("text", "html"):
        for index, name, where in task.payload:
            data = where if isinstance(where, bytes) else read_file_bytes(where)
            if fmt == "text":
                yield index, decode_text(name, data, settings.url, settings.title, settings.lang)
            else:
                yield index, decode_html(name, 1, name, data, None, settings.lang)
    elif fmt == "warc":
        for number, record_id, uri, html in task.payload:
            yield task.source, decode_html(task.name, number, record_id, html, uri, settings.lang)
    else:
        from .io.parquet import decode_batch

        for item in decode_batch(task.payload, task.first, task.name, settings.fields, settings.lang):
            yield task.source, item


def clean_document(cleaner: Cleaner, doc: Doc) -> Result:
    """Clean one document; for HTML, extract it first and keep the extracted text and title on the Doc."""
    if doc.html is not None:
        extracted, result = cleaner.clean_html(doc.html, url=doc.url, lang=doc.lang)
        doc.text = extracted.text
        doc.title = doc.title or extracted.title
        return result
    assert doc.text is not None
    return cleaner.clean(doc.text, url=doc.url, lang=doc.lang, title=doc.title)


def try_clean(cleaner: Cleaner, doc: Doc) -> Result | Reject:
    """Clean one document, or set it aside when it hits the time limit or has no extractable text."""
    try:
        return clean_document(cleaner, doc)
    except MatchTimeout as error:
        return Reject(doc.source, doc.line, "time limit", str(error), doc.original())
    except ExtractionError as error:
        return Reject(doc.source, doc.line, "no article text", str(error), doc.original())
    except Exception as error:  # a bug on one odd record must not cost the other records of a long run
        return Reject(doc.source, doc.line, "error", f"{type(error).__name__}: {error}", doc.original())


def serialise_document(settings: Settings, doc: Doc, result: Result) -> bytes:
    """The output of one document: the record with clean text and counts (JSONL), or the clean text itself."""
    if settings.format == "text":
        return result.text.encode("utf-8")
    # --annotate keeps the text (the extracted text, for HTML) that the removal offsets point into.
    text = doc.text if settings.annotate else result.text
    if doc.record is not None:
        record = doc.record
        record[settings.fields.text] = text
        if doc.html is not None and doc.title and not isinstance(record.get(settings.fields.title), str):
            record[settings.fields.title] = doc.title
    else:
        record = {"id": doc.id, "url": doc.url, "title": doc.title, "text": text}
    if settings.annotate:
        record["would_remove"] = [r.to_dict() for r in result.removals]
    record["truncated"] = result.truncated
    record["removals"] = len(result.removals)
    if result.flagged is not None:
        record["flagged"] = result.flagged
    return orjson.dumps(record) + b"\n"


def serialise_removals(settings: Settings, doc: Doc, result: Result) -> bytes:
    """The log lines of one document: one JSON object per removal."""
    tail: dict[str, object] = {name: getattr(doc, name) for name in settings.log_fields}
    if settings.tag_source:
        tail["source"] = doc.source
    return b"".join(orjson.dumps({"id": doc.id, **r.to_dict(), **tail}) + b"\n" for r in result.removals)


class _Columns:
    """The per-row results of a Parquet batch, turned into the cleaned batch at the end."""

    def __init__(self) -> None:
        self.keep: list[bool] = []
        self.texts: list[str] = []
        self.truncated: list[bool] = []
        self.removals: list[int] = []
        self.flagged: list[str | None] = []

    def add(self, result: Result | None) -> None:
        self.keep.append(result is not None)
        if result is not None:
            self.texts.append(result.text)
            self.truncated.append(result.truncated)
            self.removals.append(len(result.removals))
            self.flagged.append(result.flagged)

    def build(self, batch: Any, text_field: str) -> Any:
        from .io.parquet import build_batch

        return build_batch(batch, self.keep, self.texts, self.truncated, self.removals, self.flagged, text_field)


def clean_task(task: Task) -> Done:
    """Clean one chunk with the worker's Cleaner; the parent only writes what comes back, in chunk order."""
    cleaner: Cleaner = _STATE["cleaner"]
    settings: Settings = _STATE["settings"]
    report = RunReport()
    # A JSONL or WARC file gets its output file even when every record is set aside; a text file set aside none.
    outputs: dict[int, list[bytes]] = {} if settings.format in ("text", "html") else {task.source: []}
    columns = _Columns() if settings.format == "parquet" else None
    log: list[bytes] = []
    rejects: list[bytes] = []
    stop = None
    stopping = _STATE.get("stop")
    for index, item in iter_documents(task, settings):
        if stopping is not None and stopping.is_set():
            return Done([], b"", b"", RunReport(), task.raw_bytes, "interrupted")
        outcome = try_clean(cleaner, item) if isinstance(item, Doc) else item
        if isinstance(outcome, Reject):
            report.count_reject(outcome.kind, len(outcome.raw))
            rejects.append(outcome.to_json())
            if columns is not None:
                columns.add(None)
            if settings.strict:
                stop = f"{outcome.source}:{outcome.line}: {outcome.kind}: {outcome.detail}"
                break
            continue
        assert isinstance(item, Doc) and item.text is not None
        report.count_document(len(item.raw) or len(item.text), item.text, outcome, item.id, item.url, item.lang)
        if columns is not None:
            columns.add(outcome)
        elif settings.write_output:
            outputs.setdefault(index, []).append(serialise_document(settings, item, outcome))
        if settings.write_log and outcome.removals:
            log.append(serialise_removals(settings, item, outcome))
    if columns is not None and settings.write_output and stop is None:
        batch = columns.build(task.payload, settings.fields.text)
        return Done([(task.source, batch)], b"".join(log), b"".join(rejects), report, task.raw_bytes)
    joined = [(index, b"".join(parts)) for index, parts in outputs.items()]
    return Done(joined, b"".join(log), b"".join(rejects), report, task.raw_bytes, stop)
