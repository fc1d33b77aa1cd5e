"""The report's other inputs: the stats record, the reject file, and the original texts of sampled documents."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import orjson

from ..io.compress import open_read, strip_compression

MAX_REJECTS = 50  # rejected records shown by name; all of them are counted


def iter_lines(stream: IO[bytes], block: int = 1 << 22) -> Iterator[bytes]:
    r"""The lines of a byte stream, read in large blocks (decompressing readers need not support readline).

    >>> import io
    >>> list(iter_lines(io.BytesIO(b"a\nbb\n\nc"), block=2))
    [b'a', b'bb', b'', b'c']
    """
    pending = b""
    while data := stream.read(block):
        lines = (pending + data).split(b"\n")
        pending = lines.pop()
        yield from lines
    if pending:
        yield pending


def read_stats(path: str | Path) -> dict[str, Any]:
    """The stats record a run wrote with --stats (a JSON object)."""
    try:
        stats = orjson.loads(Path(path).read_bytes())
    except orjson.JSONDecodeError as error:
        raise ValueError(f"{path}: not a stats file written by --stats: {error}") from None
    if not isinstance(stats, dict) or "documents_read" not in stats:
        raise ValueError(f"{path}: not a stats file written by --stats (no documents_read)")
    return stats


@dataclass(slots=True)
class Rejects:
    """The records a run set aside: counted by reason, the first MAX_REJECTS kept to show."""

    total: int = 0
    reasons: Counter[str] = field(default_factory=Counter)
    first: list[dict[str, Any]] = field(default_factory=list)


def read_rejects(path: str | Path) -> Rejects:
    """Stream a reject file (one JSON object per record set aside)."""
    rejects = Rejects()
    with open_read(path) as source:
        for number, line in enumerate(iter_lines(source.stream), 1):
            if not line.strip():
                continue
            try:
                entry = orjson.loads(line)
            except orjson.JSONDecodeError:
                entry = {"reason": f"unreadable reject line {number}", "source": str(path), "line": number}
            if not isinstance(entry, dict):
                entry = {"reason": f"unreadable reject line {number}", "source": str(path), "line": number}
            rejects.total += 1
            reason = str(entry.get("reason", ""))
            rejects.reasons[reason.split(":", 1)[0]] += 1
            if len(rejects.first) < MAX_REJECTS:
                raw = entry.get("raw")
                shown = raw if isinstance(raw, str) else "(bytes that are not UTF-8, base64 in the file)"
                rejects.first.append(
                    {"source": entry.get("source"), "line": entry.get("line"), "reason": reason, "raw": shown[:300]}
                )
    return rejects


def read_texts(path: str | Path, wanted: set[str], text_field: str = "text", id_field: str = "id") -> dict[str, str]:
    """The texts of the wanted documents (by id, as the log writes it), in one pass over the input.

    A JSONL dump (any compression) gives each record's text field, its id from `id_field` or else its line
    number, as the cleaner numbers records; any other file is one text document whose id is its path.
    """
    texts: dict[str, str] = {}
    name = strip_compression(str(path))
    if not name.endswith((".jsonl", ".ndjson", ".json")):
        if str(path) in wanted:
            texts[str(path)] = Path(path).read_bytes().decode("utf-8", errors="replace")
        return texts
    with open_read(path) as source:
        for number, line in enumerate(iter_lines(source.stream), 1):
            if len(texts) == len(wanted):
                break
            try:
                record = orjson.loads(line)
            except orjson.JSONDecodeError:
                continue
            if not isinstance(record, dict):
                continue
            key = str(record.get(id_field, number))
            text = record.get(text_field)
            if key in wanted and isinstance(text, str):
                texts[key] = text
    return texts
