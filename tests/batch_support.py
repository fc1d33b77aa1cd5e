"""Shared helpers of the batch tests: the fixture rule pack, reference results, and builders for HTML and WARC."""

from __future__ import annotations

import functools
import io
from pathlib import Path
from typing import Any

import orjson

from cleaner import Cleaner, restore
from cleaner.model import Removal

from .conftest import FIXTURES

FIXTURE_RULES = FIXTURES / "batch" / "rules.yaml"
DUMPS = FIXTURES / "dumps"
RULE_ARGS = ["--no-default-rules", "--rules", str(FIXTURE_RULES)]


@functools.cache
def fixture_cleaner() -> Cleaner:
    """The Cleaner the batch tests compare against: the small fixture pack only."""
    return Cleaner([FIXTURE_RULES], defaults=False)


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [orjson.loads(line) for line in path.read_bytes().splitlines() if line.strip()]


def small_records() -> list[dict[str, Any]]:
    return read_jsonl(DUMPS / "small.jsonl")


def expected_record(record: dict[str, Any], text_field: str = "text", lang: str | None = None) -> dict[str, Any]:
    """What `cleaner clean` should write for one JSONL record: every field kept, clean text, two counts."""
    result = fixture_cleaner().clean(record[text_field], url=record.get("url"), lang=lang, title=record.get("title"))
    return {**record, text_field: result.text, "truncated": result.truncated, "removal_count": len(result.removals)}


def assert_log_restores(originals: dict[Any, str], cleaned: dict[Any, str], log: list[dict[str, Any]]) -> None:
    """Every original text comes back from its clean text and its log records (the log is exact)."""
    by_id: dict[Any, list[Removal]] = {}
    for row in log:
        assert set(row) >= {"id", "rule", "category", "start", "end", "text"}
        by_id.setdefault(row["id"], []).append(
            Removal(row["rule"], row["category"], row["start"], row["end"], row["text"])
        )
    for doc_id, original in originals.items():
        assert restore(cleaned[doc_id], by_id.get(doc_id, [])) == original


def html_page(title: str, text: str) -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in text.split("\n\n") if p.strip())
    return (
        f"<html><head><title>{title}</title></head><body><nav><a href='/'>Home</a></nav>"
        f"<article><h1>{title}</h1>{paragraphs}</article><footer>© Example News</footer></body></html>"
    )


def write_warc(path: Path, pages: list[tuple[str, str]], extra_image: bool = True) -> None:
    """A gzipped WARC with one HTML response per (url, html) page, a request record, and an image."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=path.suffix == ".gz")
        for url, html in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            body = io.BytesIO(html.encode("utf-8"))
            writer.write_record(writer.create_warc_record(url, "response", payload=body, http_headers=headers))
            request = StatusAndHeaders("GET / HTTP/1.1", [("Host", "example.org")], is_http_request=True)
            writer.write_record(writer.create_warc_record(url, "request", http_headers=request))
        if extra_image:
            headers = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
            body = io.BytesIO(b"\x89PNG\r\n")
            writer.write_record(
                writer.create_warc_record("https://x.example/a.png", "response", payload=body, http_headers=headers)
            )
