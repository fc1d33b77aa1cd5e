"""More rows of the fault matrix: fields and values, HTML metadata, rule packs, languages and writers."""

from __future__ import annotations

import errno
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import orjson
import pytest

from .fault_cases import Case, failing_rules, site_rules
from .fault_data import html_page, jsonl, records


def nested_fields(tmp: Path) -> Case:
    metadata = {"url": "https://www.harbour.example/a", "title": "Fees"}
    body = "Fees rose.\n\nGet the Harbour Daily app!\n\nEnd {n}."
    rows = [{"doc": {"key": f"n{n}", "body": body.format(n=n)}, "metadata": metadata} for n in range(4)]
    source = tmp / "in.jsonl"
    source.write_bytes(jsonl(rows))
    out, log = tmp / "out.jsonl", tmp / "log.jsonl"
    fields = ["--text-field", "doc.body", "--id-field", "doc.key", "--url-field", "metadata.url"]

    def check() -> None:
        written = [orjson.loads(line) for line in out.read_bytes().splitlines()]
        assert [w["doc"]["body"] for w in written] == [f"Fees rose.\n\nEnd {n}." for n in range(4)]
        assert [orjson.loads(line)["id"] for line in log.read_bytes().splitlines()] == [f"n{n}" for n in range(4)]

    args = [str(source), "-o", str(out), "--log", str(log), *fields, *site_rules(tmp)]
    return Case(args, 0, [], 4, 4, out, check=check)


def exact_values(tmp: Path) -> Case:
    big = 123456789012345678901234567890
    lines = [
        b'{"id": 123456789012345678901234567890, "text": "Fees rose.\\n\\nAlso read: X\\n\\nEnd."}\n',
        b'{"id": "s", "text": "Fees \\ud800 rose.\\n\\nAlso read: X\\n\\nEnd."}\n',
    ]
    source = tmp / "in.jsonl"
    source.write_bytes(b"".join(lines))
    out, log = tmp / "out.jsonl", tmp / "log.jsonl"

    def check() -> None:
        written = [json.loads(line) for line in out.read_bytes().splitlines()]
        assert [w["id"] for w in written] == [big, "s"]
        assert written[1]["text"] == "Fees \ud800 rose.\n\nEnd."
        assert [json.loads(line)["id"] for line in log.read_bytes().splitlines()] == [big, "s"]

    from .batch_support import RULE_ARGS

    return Case([str(source), "-o", str(out), "--log", str(log), *RULE_ARGS], 0, [], 2, 2, out, check=check)


def parquet_ids(kind: str) -> Any:
    def build(tmp: Path) -> Case:
        import pyarrow as pa
        import pyarrow.parquet as pq

        from .batch_support import RULE_ARGS

        texts = [r["text"] for r in records(5)]
        ids: Any = (
            pa.array([f"id-{n}".encode() for n in range(5)], pa.binary())
            if kind == "binary"
            else pa.array([Decimal(f"{n}.50") for n in range(5)], pa.decimal128(10, 2))
        )
        pq.write_table(pa.table({"id": ids, "text": texts}), tmp / "in.parquet")
        out, log = tmp / "out.parquet", tmp / "log.jsonl"

        def check() -> None:
            logged = [orjson.loads(line)["id"] for line in log.read_bytes().splitlines()]
            assert logged == ([f"id-{n}" for n in range(5)] if kind == "binary" else [f"{n}.50" for n in range(5)])

        args = [str(tmp / "in.parquet"), "-o", str(out), "--log", str(log), *RULE_ARGS]
        return Case(args, 0, [], 5, 5, out, check=check)

    return build


def html_metadata(given_url: bool) -> Any:
    def build(tmp: Path) -> Case:
        body = "\n\n".join(
            [
                "The harbour board met on Tuesday to discuss berth fees for the coming season, officials said.",
                "Get the Harbour Daily app!",
                "Members voted to keep the fees unchanged until the spring review of the port accounts.",
            ]
        )
        page = tmp / "story.html"
        page.write_bytes(html_page("Fees stay put", body, canonical="https://www.harbour.example/fees"))
        out = tmp / "out.jsonl"
        url = "https://harbour.example/given" if given_url else "https://www.harbour.example/fees"

        def check() -> None:
            (written,) = [orjson.loads(line) for line in out.read_bytes().splitlines()]
            assert (written["url"], written["title"]) == (url, "Fees stay put")
            assert written["removal_count"] == 1 and "Harbour Daily app" not in written["text"]

        extra = ["--url", url] if given_url else []
        return Case([str(page), "-o", str(out), *extra, *site_rules(tmp)], 0, [], 1, 1, out, check=check)

    return build


def rule_pack_refused(tmp: Path) -> Case:
    source = tmp / "in.jsonl"
    source.write_bytes(jsonl(records(3)))
    return Case([str(source), "-o", str(tmp / "out.jsonl"), *failing_rules(tmp)], 2, ["bad.yaml", "keep"], None)


def short_documents_flagged(tmp: Path) -> Case:
    rows = [{"id": n, "text": f"Short note {n}.\n\nAdvertisement"} for n in range(3)]
    source = tmp / "in.jsonl"
    source.write_bytes(jsonl(rows))
    out = tmp / "out.jsonl"

    def check() -> None:
        written = [orjson.loads(line) for line in out.read_bytes().splitlines()]
        assert [w["text"] for w in written] == [r["text"] for r in rows]
        assert all(w["flagged"].startswith("rules would remove all of the text") for w in written)

    args = [str(source), "-o", str(out), *failing_rules(tmp), "--no-check-examples"]
    return Case(args, 0, ["--no-check-examples"], 3, 3, out, check=check)


def language(code: str, ok: bool) -> Any:
    def build(tmp: Path) -> Case:
        rows = [{"id": 1, "text": "Die Fähre fährt.\n\nLesen Sie auch: Neue Fähre ab Kiel\n\nEnde der Meldung."}]
        source = tmp / "in.jsonl"
        source.write_bytes(jsonl(rows))
        out = tmp / "out.jsonl"

        def check() -> None:
            assert orjson.loads(out.read_bytes())["removal_count"] == 1  # the German rule ran

        args = [str(source), "-o", str(out), "--lang", code, *site_rules(tmp)]
        if ok:
            return Case(args, 0, [], 1, 1, out, check=check)
        return Case(args, 2, [code, "unknown language"], None)

    return build


def write_error(where: str) -> Any:
    """An output folder that does not exist, a full disk under gzip, a Parquet writer error."""

    def build(tmp: Path) -> Case:
        from .batch_support import RULE_ARGS

        source = tmp / "in.jsonl"
        source.write_bytes(jsonl(records(4)))
        name = {"folder": "missing/out.jsonl", "gzip": "out.jsonl.gz", "parquet": "out.parquet"}[where]
        return Case([str(source), "-o", str(tmp / name), *RULE_ARGS], 1, [str(tmp / name)], None)

    return build


def patch_write_error(where: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the writer fail the way a full disk (or Arrow) makes it fail."""
    if where == "gzip":
        from cleaner.io import compress

        def full(self: object, data: bytes) -> int:
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(compress._GzipWriter, "write", full)
    elif where == "parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        def broken(self: object, batch: object) -> None:
            raise pa.ArrowIOError("IOError: write failed: no space left on device")

        monkeypatch.setattr(pq.ParquetWriter, "write_batch", broken)
        monkeypatch.setattr(pq.ParquetWriter, "write_table", broken)


def reproducible_gzip(tmp: Path) -> Case:
    from .batch_support import RULE_ARGS

    source = tmp / "in.jsonl"
    source.write_bytes(jsonl(records(8)))
    out = tmp / "out.jsonl.gz"

    def check() -> None:
        data = out.read_bytes()
        assert data[3] & 0x08 == 0, "no file name in the gzip header"
        assert data[4:8] == b"\0\0\0\0", "a zero time in the gzip header"

    return Case([str(source), "-o", str(out), *RULE_ARGS], 0, [], 8, 8, out, check=check)
