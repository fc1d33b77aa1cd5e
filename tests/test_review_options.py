"""Small review options: --version, rules list filters, --annotate, --log-fields, --top, stats by site and language."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from cleaner import restore
from cleaner.cli import main
from cleaner.model import Removal

from .batch_support import DUMPS, read_jsonl, small_records


def test_version_prints_the_package_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["--version"])
    assert stop.value.code == 0
    assert capsys.readouterr().out.startswith("cleaner 0.")


def test_rules_list_filters_by_language_and_category(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "list", "--lang", "de", "--category", "wrapper"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines and all(line.split()[1].startswith("wrapper.de.") for line in lines)


def test_rules_list_json_gives_one_object_per_rule_with_its_guards(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "list", "--json", "--lang", "en", "--category", "related_link"]) == 0
    rules = [orjson.loads(line) for line in capsys.readouterr().out.splitlines()]
    teaser = next(r for r in rules if r["id"] == "related_link.en.also_read_line")
    assert teaser["guards"]["max_words"] > 0 and teaser["on"] is True and teaser["scope"] == "line"
    assert {r["language"] for r in rules} == {"en"} and ":" in teaser["source"]


def test_annotate_keeps_every_text_and_adds_the_would_be_removals(tmp_path: Path) -> None:
    out, log = tmp_path / "annotated.jsonl", tmp_path / "log.jsonl"
    assert main(["clean", str(DUMPS / "small.jsonl"), "-o", str(out), "--annotate", "--log", str(log), "-q"]) == 0
    records, originals = read_jsonl(out), small_records()
    assert [r["text"] for r in records] == [r["text"] for r in originals]
    assert sum(len(r["would_remove"]) for r in records) == len(read_jsonl(log)) > 0
    for record in records:
        spans = [Removal(**row) for row in record["would_remove"]]
        assert record["removal_count"] == len(spans)
        assert all(record["text"][s.start : s.end] == s.text for s in spans)
        clean = record["text"]
        for span in reversed(spans):
            clean = clean[: span.start] + clean[span.end :]
        assert restore(clean, spans) == record["text"]


def test_annotate_is_refused_for_plain_text_output(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Advertisement\n")
    assert main(["clean", str(path), "-o", str(tmp_path / "b.txt"), "--annotate"]) == 2
    assert not (tmp_path / "b.txt").exists()


def test_log_fields_add_the_records_url_and_language_to_each_log_row(tmp_path: Path) -> None:
    log = tmp_path / "log.jsonl"
    args = ["clean", str(DUMPS / "small.jsonl"), "-o", str(tmp_path / "c.jsonl"), "--log", str(log), "-q"]
    assert main([*args, "--log-fields", "url,lang", "--lang-field", "lang"]) == 0
    urls = {r["id"]: r["url"] for r in small_records()}
    rows = read_jsonl(log)
    assert rows and all(row["url"] == urls[row["id"]] and row["lang"] == row["id"][:2] for row in rows)
    assert main([*args, "--log-fields", "body"]) == 2


def test_log_fields_go_into_a_parquet_log_too(tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    log = tmp_path / "log.parquet"
    args = ["clean", str(DUMPS / "small.jsonl"), "-o", str(tmp_path / "c.jsonl"), "--log", str(log), "-q"]
    assert main([*args, "--log-fields", "url"]) == 0
    rows = pq.read_table(log).to_pylist()
    urls = {r["id"]: r["url"] for r in small_records()}
    assert rows and list(rows[0]) == ["id", "rule", "category", "start", "end", "text", "url"]
    assert all(row["url"] == urls[row["id"]] for row in rows)


def test_stats_and_summary_count_documents_by_site_and_by_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    stats = tmp_path / "stats.json"
    args = ["clean", str(DUMPS / "small.jsonl"), "-o", str(tmp_path / "c.jsonl"), "--stats", str(stats), "-j", "1"]
    assert main([*args, "--lang-field", "lang"]) == 0
    summary = capsys.readouterr().err
    record = orjson.loads(stats.read_bytes())
    assert sum(row["documents"] for row in record["sites"].values()) == record["documents_read"] == 30
    assert sum(row["removals"] for row in record["languages"].values()) == record["removals"]
    assert set(record["languages"]) == {"en", "de", "fr", "es", "id"}
    assert sum(record["share_removed_bins"].values()) == record["documents_changed"]
    assert [d["id"] for d in record["truncated_documents"]][:1] == ["en-004"]
    assert "by site:" in summary and "stadtkurier.example" in summary and "by language:" in summary


def test_top_keeps_the_summary_short(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["clean", str(DUMPS / "small.jsonl"), "-o", str(tmp_path / "c.jsonl"), "-j", "1"]
    assert main(args) == 0
    full = capsys.readouterr().err
    assert main([*args, "--top", "1"]) == 0
    short = capsys.readouterr().err
    assert len(short.splitlines()) < len(full.splitlines())
    assert "... and 7 more rules" in short and "... and 5 more" in short
    assert main([*args, "--top", "0"]) == 2


def test_flagged_documents_are_listed_in_the_stats_with_why(tmp_path: Path) -> None:
    dump, stats = tmp_path / "d.jsonl", tmp_path / "stats.json"
    text = (
        "Advertisement\n\n" + "Share this article\n\n" * 10 + "The port reopened on Monday after two weeks of repairs."
    )
    dump.write_bytes(orjson.dumps({"id": "f1", "url": "https://x.example/1", "text": text}) + b"\n")
    assert main(["clean", str(dump), "-o", str(tmp_path / "c.jsonl"), "--stats", str(stats), "-q"]) == 0
    record = orjson.loads(stats.read_bytes())
    assert record["documents_flagged"] == 1
    assert record["flagged_documents"][0]["id"] == "f1"
    assert record["flagged_documents"][0]["why"].startswith("rules would remove")


def test_annotate_field_is_clash_checked_and_renamed_by_added_prefix(tmp_path: Path) -> None:
    dump, out = tmp_path / "d.jsonl", tmp_path / "out.jsonl"
    record = {"id": "a1", "text": "Advertisement\n\nThe port reopened on Monday.", "would_remove": ["mine"]}
    dump.write_bytes(orjson.dumps(record) + b"\n")
    assert main(["clean", str(dump), "-o", str(out), "--annotate", "-q"]) == 1
    assert read_jsonl(out) == [] and "would_remove" in read_jsonl(tmp_path / "out.jsonl.rejects.jsonl")[0]["reason"]
    assert main(["clean", str(dump), "-o", str(out), "--annotate", "--added-prefix", "c_", "-q"]) == 0
    [written] = read_jsonl(out)
    assert written["would_remove"] == ["mine"] and written["text"] == record["text"]
    assert [r["rule"] for r in written["c_would_remove"]] == ["wrapper.en.advertisement"]
    assert written["c_removal_count"] == 1 and "removal_count" not in written


def test_annotate_follows_the_output_format_not_the_input_format(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Advertisement\n\nThe port reopened on Monday after two weeks of repairs.\n")
    assert main(["clean", str(path), "-o", str(tmp_path / "a.jsonl"), "--annotate", "-q"]) == 0
    [record] = read_jsonl(tmp_path / "a.jsonl")
    assert record["text"] == path.read_text() and record["removal_count"] == len(record["would_remove"])
    assert main(["clean", str(DUMPS / "small.jsonl"), "-o", str(tmp_path / "s.parquet"), "--annotate"]) == 2
    assert not (tmp_path / "s.parquet").exists()


def test_report_onto_the_input_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    dump = tmp_path / "d.jsonl"
    dump.write_bytes((DUMPS / "small.jsonl").read_bytes())
    assert main(["clean", str(dump), "-o", str(tmp_path / "c.jsonl"), "--report", str(dump)]) == 2
    assert dump.read_bytes() == (DUMPS / "small.jsonl").read_bytes() and not (tmp_path / "c.jsonl").exists()
