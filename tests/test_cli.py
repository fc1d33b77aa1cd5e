"""`cleaner clean` and `cleaner diff` end to end: every format, field options, bad input, dry runs, filters."""

from __future__ import annotations

import base64
import bz2
import gzip
import lzma
import os
import subprocess
import sys
from pathlib import Path

import orjson
import pytest
import zstandard

from cleaner.cli import main
from cleaner.io.compress import open_read

from .batch_support import (
    DUMPS,
    FIXTURE_RULES,
    RULE_ARGS,
    assert_log_restores,
    expected_record,
    fixture_cleaner,
    html_page,
    read_jsonl,
    small_records,
    write_warc,
)
from .conftest import FIXTURES, ROOT

ARTICLE = FIXTURES / "articles" / "01_en_port_strike.txt"
COMPRESS = {".gz": gzip.compress, ".zst": zstandard.compress, ".bz2": bz2.compress, ".xz": lzma.compress}


def clean(*args: str | Path) -> int:
    return main(["clean", *map(str, args), *RULE_ARGS])


def listing(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))


def test_one_text_file_is_cleaned_exactly_with_the_log_as_before(tmp_path: Path) -> None:
    out, log = tmp_path / "clean.txt", tmp_path / "log.jsonl"
    assert clean(ARTICLE, "-o", out, "--log", log) == 0
    result = fixture_cleaner().clean(ARTICLE.read_bytes().decode())
    assert result.removals
    assert out.read_bytes() == result.text.encode()
    rows = read_jsonl(log)
    assert [list(row) for row in rows] == [["id", "rule", "category", "start", "end", "text"]] * len(rows)
    assert rows == [{"id": str(ARTICLE), **r.to_dict()} for r in result.removals]
    assert listing(tmp_path) == ["clean.txt", "log.jsonl"]


def test_a_text_file_goes_to_stdout_without_an_output(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    assert clean(ARTICLE) == 0
    captured = capsysbinary.readouterr()
    assert captured.out == fixture_cleaner().clean(ARTICLE.read_text()).text.encode()
    assert b"1 record read, 1 written, 0 set aside" in captured.err


@pytest.mark.parametrize("suffix", ["", ".gz", ".zst", ".bz2", ".xz"])
def test_jsonl_round_trip_keeps_every_field_in_every_compression(tmp_path: Path, suffix: str) -> None:
    data = (DUMPS / "small.jsonl").read_bytes()
    source = tmp_path / f"in.jsonl{suffix}"
    source.write_bytes(COMPRESS[suffix](data) if suffix else data)
    out, log = tmp_path / f"out.jsonl{suffix}", tmp_path / "log.jsonl"
    assert clean(source, "-o", out, "--log", log, "-j", "1") == 0
    with open_read(out) as file:
        written = [orjson.loads(line) for line in file.stream.read().splitlines()]
    records = small_records()
    assert written == [expected_record(r) for r in records]
    assert_log_restores({r["id"]: r["text"] for r in records}, {w["id"]: w["text"] for w in written}, read_jsonl(log))


def test_small_gz_fixture_cleans_like_the_plain_one(tmp_path: Path) -> None:
    assert clean(DUMPS / "small.jsonl.gz", "-o", tmp_path / "a.jsonl") == 0
    assert clean(DUMPS / "small.jsonl", "-o", tmp_path / "b.jsonl") == 0
    assert (tmp_path / "a.jsonl").read_bytes() == (tmp_path / "b.jsonl").read_bytes()


def test_field_options_name_the_text_id_url_title_and_language(tmp_path: Path) -> None:
    renamed = [
        {"doc": f"d{n}", "body": r["text"], "link": r["url"], "headline": r["title"], "language": r["lang"]}
        for n, r in enumerate(small_records())
    ]
    source = tmp_path / "renamed.jsonl"
    source.write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in renamed))
    out, log = tmp_path / "out.jsonl", tmp_path / "log.jsonl"
    options = ["--text-field", "body", "--id-field", "doc", "--url-field", "link", "--title-field", "headline"]
    assert clean(source, "-o", out, "--log", log, *options, "--lang-field", "language") == 0
    written = read_jsonl(out)
    for record, original in zip(written, small_records(), strict=True):
        expected = fixture_cleaner().clean(original["text"], url=original["url"], lang=original["lang"])
        assert record["body"] == expected.text and record["removal_count"] == len(expected.removals)
        assert set(record) == {"doc", "body", "link", "headline", "language", "truncated", "removal_count"}
    assert {row["id"] for row in read_jsonl(log)} <= {r["doc"] for r in renamed}


def test_records_without_an_id_are_logged_by_line_number(tmp_path: Path) -> None:
    source = tmp_path / "noid.jsonl"
    source.write_bytes(b'{"text": "Intro.\\n\\nAdvertisement\\n\\nEnd."}\n\n{"text": "Also read: x\\n\\nBody."}\n')
    assert clean(source, "-o", tmp_path / "out.jsonl", "--log", tmp_path / "log.jsonl") == 0
    assert [row["id"] for row in read_jsonl(tmp_path / "log.jsonl")] == [1, 3]


def test_broken_records_go_to_the_reject_file_unchanged_and_the_rest_is_cleaned(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out, stats = tmp_path / "out.jsonl", tmp_path / "stats.json"
    assert clean(DUMPS / "broken.jsonl", "-o", out, "--stats", stats) == 1
    lines = (DUMPS / "broken.jsonl").read_bytes().split(b"\n")
    good = [orjson.loads(lines[n]) for n in (0, 2, 5, 8)]
    assert read_jsonl(out) == [expected_record(r) for r in good]
    rejects = read_jsonl(tmp_path / "out.jsonl.rejects.jsonl")
    assert [r["line"] for r in rejects] == [2, 4, 5, 7, 8]
    for entry in rejects:
        assert entry["source"] == str(DUMPS / "broken.jsonl")
        original = lines[entry["line"] - 1]
        if "raw_base64" in entry:
            assert base64.b64decode(entry["raw_base64"]) == original
        else:
            assert entry["raw"] == original.decode()
    assert [r["reason"].split(":")[0] for r in rejects] == [
        "not JSON",
        "not an object",
        "missing field",
        "not a string",
        "invalid UTF-8",
    ]
    numbers = orjson.loads(stats.read_bytes())
    assert (numbers["documents_read"], numbers["documents_cleaned"], numbers["documents_set_aside"]) == (9, 4, 5)
    assert numbers["set_aside_reasons"]["invalid UTF-8"] == 1 and numbers["exit_code"] == 1
    err = capsys.readouterr().err
    assert "9 records read, 4 written, 5 set aside" in err and "out.jsonl.rejects.jsonl" in err


def test_strict_stops_at_the_first_bad_record_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = clean(DUMPS / "broken.jsonl", "-o", tmp_path / "out.jsonl", "--log", tmp_path / "l.jsonl", "--strict")
    assert code == 1
    assert os.listdir(tmp_path) == []
    assert f"{DUMPS / 'broken.jsonl'}:2: not JSON" in capsys.readouterr().err


def test_dry_run_writes_only_the_log_and_the_stats(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    args = ["-o", out, "--log", tmp_path / "log.jsonl", "--stats", tmp_path / "stats.json", "--dry-run"]
    assert clean(DUMPS / "small.jsonl", *args) == 0
    assert listing(tmp_path) == ["log.jsonl", "stats.json"]
    assert len(read_jsonl(tmp_path / "log.jsonl")) == orjson.loads((tmp_path / "stats.json").read_bytes())["removals"]


def test_a_folder_of_text_files_is_mirrored(tmp_path: Path) -> None:
    texts = tmp_path / "texts"
    records = small_records()[:5]
    for n, record in enumerate(records):
        path = texts / ("sub" if n % 2 else "") / f"{record['id']}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(record["text"])
    (texts / "skip.md").write_text("not a text file by the default glob")
    assert clean(texts, "-o", tmp_path / "out", "-j", "2", "--chunk-bytes", "500") == 0
    assert listing(tmp_path / "out") == [
        "en-001.txt",
        "en-003.txt",
        "en-005.txt",
        "sub",
        "sub/en-002.txt",
        "sub/en-004.txt",
    ]
    for n, record in enumerate(records):
        written = tmp_path / "out" / ("sub" if n % 2 else "") / f"{record['id']}.txt"
        assert written.read_text() == fixture_cleaner().clean(record["text"]).text


def test_several_jsonl_inputs_mirror_into_a_folder_and_log_their_source(tmp_path: Path) -> None:
    (tmp_path / "in" / "b").mkdir(parents=True)
    records = small_records()
    (tmp_path / "in" / "a.jsonl").write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in records[:10]))
    rest = b"".join(orjson.dumps(r) + b"\n" for r in records[10:])
    (tmp_path / "in" / "b" / "c.jsonl.gz").write_bytes(gzip.compress(rest))
    assert clean(tmp_path / "in", "-o", tmp_path / "out", "--log", tmp_path / "log.jsonl") == 0
    assert listing(tmp_path / "out") == ["a.jsonl", "b", "b/c.jsonl.gz"]
    assert read_jsonl(tmp_path / "out" / "a.jsonl") == [expected_record(r) for r in records[:10]]
    assert {row["source"] for row in read_jsonl(tmp_path / "log.jsonl")} == {
        str(tmp_path / "in" / "a.jsonl"),
        str(tmp_path / "in" / "b" / "c.jsonl.gz"),
    }


def test_parquet_round_trip_with_a_parquet_log(tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    records = [{k: v for k, v in r.items() if k != "meta"} for r in small_records()]
    records[3]["text"] = None
    pq.write_table(pa.Table.from_pylist(records), tmp_path / "in.parquet", row_group_size=8)
    out, log = tmp_path / "out.parquet", tmp_path / "log.parquet"
    assert clean(tmp_path / "in.parquet", "-o", out, "--log", log, "--chunk-bytes", "4000") == 1
    table = pq.read_table(out)
    assert table.column_names == ["id", "url", "title", "lang", "text", "truncated", "removal_count", "flagged"]
    kept = [r for r in records if r["text"] is not None]
    assert table.to_pylist() == [{**expected_record(r), "flagged": None} for r in kept]
    assert pq.read_table(log).column_names == ["id", "rule", "category", "start", "end", "text"]
    reject = read_jsonl(tmp_path / "out.parquet.rejects.jsonl")[0]
    assert reject["line"] == 4 and orjson.loads(reject["raw"]) == records[3]


def test_html_files_become_jsonl_with_url_title_and_clean_text(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    records = small_records()[:3]
    for record in records[:2]:
        (pages / f"{record['id']}.html").write_text(html_page(record["title"], record["text"]))
    third = html_page(records[2]["title"], records[2]["text"]).encode()
    (pages / f"{records[2]['id']}.html.gz").write_bytes(gzip.compress(third))
    (pages / "empty.html").write_text("<html><body></body></html>")
    assert clean(pages, "--format", "html", "-o", tmp_path / "out.jsonl") == 1
    written = read_jsonl(tmp_path / "out.jsonl")
    assert [w["id"] for w in written] == [str(pages / f"{r['id']}.html") for r in records[:2]] + [
        str(pages / f"{records[2]['id']}.html.gz")
    ]
    for w, record in zip(written, records, strict=True):
        _, result = fixture_cleaner().clean_html(html_page(record["title"], record["text"]).encode())
        assert (w["title"], w["text"], w["removal_count"]) == (record["title"], result.text, len(result.removals))
        assert "Also read" not in w["text"] and "Advertisement" not in w["text"]
    assert read_jsonl(tmp_path / "out.jsonl.rejects.jsonl")[0]["reason"].startswith("no article text")


def test_warc_responses_are_extracted_and_cleaned_into_jsonl(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    records = small_records()[:4]
    write_warc(tmp_path / "crawl.warc.gz", [(r["url"], html_page(r["title"], r["text"])) for r in records])
    assert clean(tmp_path / "crawl.warc.gz", "-o", tmp_path / "out.jsonl", "--log", tmp_path / "log.jsonl") == 0
    written = read_jsonl(tmp_path / "out.jsonl")
    assert [w["url"] for w in written] == [r["url"] for r in records]
    assert all(w["id"].startswith("<urn:uuid:") for w in written)
    assert [w["title"] for w in written] == [r["title"] for r in records]
    for w, record in zip(written, records, strict=True):
        _, result = fixture_cleaner().clean_html(html_page(record["title"], record["text"]).encode(), url=record["url"])
        assert w["text"] == result.text
    assert {row["id"] for row in read_jsonl(tmp_path / "log.jsonl")} <= {w["id"] for w in written}
    assert "1 records without HTML skipped" in capsys.readouterr().err


def test_html_field_records_are_extracted_then_cleaned(tmp_path: Path) -> None:
    records = small_records()[:3]
    source = tmp_path / "pages.jsonl"
    rows = [{"id": r["id"], "url": r["url"], "html": html_page(r["title"], r["text"])} for r in records]
    source.write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in rows))
    assert clean(source, "--html-field", "html", "-o", tmp_path / "out.jsonl") == 0
    for w, row, record in zip(read_jsonl(tmp_path / "out.jsonl"), rows, records, strict=True):
        _, result = fixture_cleaner().clean_html(row["html"], url=row["url"])
        assert w["html"] == row["html"] and w["text"] == result.text and w["title"] == record["title"]


def test_stdin_to_stdout_in_a_pipe_keeps_input_order(tmp_path: Path) -> None:
    data = (DUMPS / "small.jsonl").read_bytes()
    command = [sys.executable, "-m", "cleaner", "clean", "--format", "jsonl", "-", "-o", "-", *RULE_ARGS]
    done = subprocess.run(
        [*command, "-j", "2", "--chunk-bytes", "3000"],
        input=data,
        capture_output=True,
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode()
    assert [orjson.loads(line) for line in done.stdout.splitlines()] == [expected_record(r) for r in small_records()]
    assert b"30 records read, 30 written, 0 set aside" in done.stderr
    assert os.listdir(tmp_path) == []


def test_usage_errors_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert clean(tmp_path / "missing.jsonl") == 2
    (tmp_path / "t").mkdir()
    (tmp_path / "t" / "a.txt").write_text("x")
    (tmp_path / "t" / "b.txt").write_text("y")
    assert clean(tmp_path / "t") == 2  # several text files need -o FOLDER
    assert clean(DUMPS / "small.jsonl", "-o", DUMPS / "small.jsonl") == 2
    assert main(["clean", str(ARTICLE), "--no-default-rules", "--rules", str(tmp_path / "nope.yaml")]) == 2
    assert "no such" in capsys.readouterr().err


def test_clean_help_documents_the_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["clean", "--help"])
    assert stop.value.code == 0
    text = capsys.readouterr().out
    for code in ("0    every record", "1    some records were set aside", "2    usage error", "130  interrupted"):
        assert code in text


def diff(*args: str | Path) -> int:
    return main(["diff", *map(str, args), *RULE_ARGS])


def test_diff_shows_only_documents_with_matching_removals(capsys: pytest.CaptureFixture[str]) -> None:
    assert diff(DUMPS / "small.jsonl", "--category", "truncated_ending") == 0
    out = capsys.readouterr().out
    headers = [line for line in out.splitlines() if line.startswith("=== ")]
    expected = [r for r in small_records() if fixture_cleaner().clean(r["text"]).truncated]
    assert len(headers) == len(expected) and all(f"id={r['id']}" in out for r in expected)
    assert "[-Continue reading-]" in out and "\x1b[" not in out
    assert diff(DUMPS / "small.jsonl", "--rule", "related_link.any.inline", "--limit", "2") == 0
    out, err = capsys.readouterr()
    assert out.count("=== ") == 2 and "[- (Also read:" in out and "[-Advertisement-]" not in out
    assert "2 documents shown (limit reached)" in err


def test_diff_colours_removals_when_asked(capsys: pytest.CaptureFixture[str]) -> None:
    assert diff(DUMPS / "small.jsonl", "--rule", "wrapper", "--limit", "1", "--color", "always") == 0
    assert "\x1b[31;9mAdvertisement\x1b[0m" in capsys.readouterr().out


def test_existing_commands_still_work(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", str(ARTICLE), "--no-default-rules", "--rules", str(FIXTURE_RULES)]) == 0
    assert main(["rules", "list", "--no-default-rules", "--rules", str(FIXTURE_RULES)]) == 0
    assert main(["rules", "test", "--no-default-rules", "--rules", str(FIXTURE_RULES)]) == 0
    out = capsys.readouterr().out
    assert "wrapper.any.advertisement" in out and "12 passed, 0 failed" in out


@pytest.mark.parametrize("name", ["out.parquet.gz", "out.parquet.zst"])
def test_text_input_written_as_parquet_under_a_compression_suffix_is_refused(
    tmp_path: Path, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "article.txt"
    source.write_text("The harbour reopened on Monday after the storm.\n", encoding="utf-8")
    assert clean(source, "-o", tmp_path / name, "-q") == 2
    assert "Parquet compresses inside the file" in capsys.readouterr().err
    assert not (tmp_path / name).exists()
