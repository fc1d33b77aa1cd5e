"""The chunk function run in worker processes: decode raw input, clean each document, serialise the results."""

from __future__ import annotations

import contextlib
import ctypes
import itertools
import os
import signal
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from .engine import GUARD_MIN_CHARS, LANGUAGE_GROUP, Cleaner
from .errors import MatchTimeout
from .html import ExtractionError, extract_html
from .htmlreport.tally import Tally
from .io.decompress import Damage
from .io.formats import FORMATS
from .io.readers import Task
from .io.records import DAMAGED, Doc, Fields, Reject, damaged
from .io.serialise import Columns, serialise_document, serialise_removals
from .languages import UnknownLanguage
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
    output: str | None = None  # the output format (a name in io.formats.FORMATS); None: the input's own
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
PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


def follow_parent(parent: int | None = None) -> None:
    """End this worker when the process that started it dies (SIGKILL, the OOM killer), never orphan it.

    On Linux the kernel sends SIGKILL on the parent's death (prctl PR_SET_PDEATHSIG); everywhere a daemon thread
    also watches for the worker being handed to another parent, and exits when it is. `parent`: the pid the
    worker must have as its parent (a forked worker whose parent died before this call exits at once).
    """
    parent = parent or os.getppid()
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent or parent == 1:
        os._exit(1)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="cleaner-parent-watch", daemon=True).start()


def start_worker(
    cleaner: Cleaner, settings: Settings, in_pool: bool = True, stop: Any = None, parent: int | None = None
) -> None:
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
        follow_parent(parent)


def iter_documents(task: Task, settings: Settings) -> Iterator[tuple[int, Doc | Reject]]:
    """Yield (source index, document or reject) for every record of a chunk, in input order."""
    if isinstance(task.payload, Damage):
        yield task.source, damaged(task.name, task.first, task.payload)
        return
    yield from FORMATS[settings.format].documents(task, settings.fields, settings.lang, settings.url, settings.title)


def clean_document(cleaner: Cleaner, doc: Doc, detected: str | None = None) -> Result:
    """Clean one document; for HTML, extract it first and keep the extracted text, title and URL on the Doc.

    A page's URL is the one given (WARC target, --url, the URL field), else its canonical URL; its title is the
    one given, else the page's own: both reach the rules (per-site rules, the headline echo) and the output.
    `detected`: the text's language as `Cleaner.languages` found it ahead (see `with_languages`).
    """
    if doc.html is not None:
        extracted = extract_html(doc.html, url=doc.url)
        doc.text = extracted.text
        doc.title = doc.title or extracted.title
        doc.url = doc.url or extracted.url
        doc.lang = doc.lang or extracted.language
    assert doc.text is not None
    ahead = {"detected": detected} if detected is not None else {}
    return guard_short(cleaner, doc.text, cleaner.clean(doc.text, url=doc.url, lang=doc.lang, title=doc.title, **ahead))


def guard_short(cleaner: Cleaner, text: str, result: Result) -> Result:
    """Keep a short document whole, flagged, when the rules would remove all of its text.

    The engine's share guard leaves documents under GUARD_MIN_CHARS alone; a rule that empties them (`.*`) would
    otherwise empty every snippet of a dump without a word.
    """
    if result.flagged or not result.removals or cleaner.max_removed_share >= 1 or len(text) >= GUARD_MIN_CHARS:
        return result
    if result.text.strip() or not text.strip():
        return result
    rules = ", ".join(dict.fromkeys(r.rule for r in result.removals))
    return Result(text, (), result.truncated, f"rules would remove all of the text: {rules}")


def try_clean(cleaner: Cleaner, doc: Doc, detected: str | None = None) -> Result | Reject:
    """Clean one document, or set it aside when it hits the time limit or has no extractable text."""
    try:
        return clean_document(cleaner, doc, detected)
    except MatchTimeout as error:
        return Reject(doc.source, doc.line, "time limit", str(error), doc.original())
    except ExtractionError as error:
        return Reject(doc.source, doc.line, "no article text", str(error), doc.original())
    except UnknownLanguage as error:
        return Reject(doc.source, doc.line, "unknown language", str(error), doc.original())
    except Exception as error:  # a bug on one odd record must not cost the other records of a long run
        return Reject(doc.source, doc.line, "error", f"{type(error).__name__}: {error}", doc.original())


def with_languages(
    cleaner: Cleaner, items: Iterator[tuple[int, Doc | Reject]]
) -> Iterator[tuple[int, Doc | Reject, str | None]]:
    """The items with each text's detected language, found a group at a time (None: found in `decide`, or given).

    Detecting a group's languages in a row, then cleaning it, keeps the detector's model in the CPU's caches
    (`Cleaner.languages`); the results are the same as detecting each document on its own.
    """
    while group := list(itertools.islice(items, LANGUAGE_GROUP)):
        texts = {
            k: item.text
            for k, (_, item) in enumerate(group)
            if isinstance(item, Doc) and item.html is None and item.lang is None and isinstance(item.text, str)
        }
        languages = dict(zip(texts, cleaner.languages(list(texts.values())), strict=True)) if texts else {}
        for k, (index, item) in enumerate(group):
            yield index, item, languages.get(k)


def _as_text(settings: Settings) -> bool:
    return FORMATS[settings.output or settings.format].plain_text


def _columns(task: Task, settings: Settings) -> Columns | None:
    """Per-row results for a batch of columns written as columns with its text at the top level; else None."""
    columnar = FORMATS[settings.format].columnar and FORMATS[settings.output or settings.format].columnar
    if not columnar or isinstance(task.payload, Damage):
        return None
    return Columns() if settings.fields.text in task.payload.schema.names else None


def clean_task(task: Task) -> Done:
    """Clean one chunk with the worker's Cleaner; the parent only writes what comes back, in chunk order."""
    cleaner: Cleaner = _STATE["cleaner"]
    settings: Settings = _STATE["settings"]
    report = RunReport(tally=Tally(bounded=False))  # the parent's run tally bounds the hosts it names
    as_text = _as_text(settings)
    # A record file gets its output file even when every record is set aside; a text file set aside none.
    outputs: dict[int, list[bytes]] = {} if FORMATS[settings.format].whole_files else {task.source: []}
    columns = _columns(task, settings)
    log: list[bytes] = []
    rejects: list[bytes] = []
    stop = None
    stopping = _STATE.get("stop")
    for index, item, detected in with_languages(cleaner, iter_documents(task, settings)):
        if stopping is not None and stopping.is_set():
            return Done([], b"", b"", RunReport(), task.raw_bytes, "interrupted")
        outcome = try_clean(cleaner, item, detected) if isinstance(item, Doc) else item
        if isinstance(outcome, Reject):
            damaged = f"{outcome.source}: {outcome.detail}" if outcome.kind == DAMAGED else ""
            report.count_reject(outcome.kind, len(outcome.raw), damaged)
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
            line = serialise_document(settings.fields, as_text, settings.tag_source, item, outcome)
            outputs.setdefault(index, []).append(line)
        if settings.write_log and outcome.removals:
            log.append(serialise_removals(settings.tag_source, settings.log_fields, item, outcome))
    if columns is not None and settings.write_output and stop is None:
        batch = columns.build(task.payload, settings.fields)
        return Done([(task.source, batch)], b"".join(log), b"".join(rejects), report, task.raw_bytes)
    if FORMATS[settings.format].columnar and columns is None and outputs == {task.source: []}:
        outputs = {}  # a damaged Parquet file, or rows written as JSONL: no empty batch to write
    joined = [(index, b"".join(parts)) for index, parts in outputs.items()]
    return Done(joined, b"".join(log), b"".join(rejects), report, task.raw_bytes, stop)
