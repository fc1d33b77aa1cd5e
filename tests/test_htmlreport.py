"""The HTML run report: totals equal the stats, charts, samples in context, escaping, bounds and determinism."""

from __future__ import annotations

import re
from pathlib import Path

import orjson
import pytest

from cleaner.cli import main
from cleaner.htmlreport.build import build_report
from cleaner.htmlreport.logread import read_log
from cleaner.htmlreport.sources import read_rejects

from .report_support import clean_run


def stat_cells(page: str) -> dict[str, int]:
    return {key: int(value) for key, value in re.findall(r'data-stat="(\w+)" data-value="(\d+)"', page)}


def test_clean_report_writes_one_self_contained_page_whose_totals_equal_the_stats(tmp_path: Path) -> None:
    status, run = clean_run(tmp_path)
    assert status == 1  # the broken dump sets records aside
    page = run.report.read_text("utf-8")
    stats = run.stats_record()
    assert stat_cells(page) == {key: stats[key] for key in stat_cells(page)}
    assert len(stat_cells(page)) == 8
    assert "<script" not in page and 'http-equiv="Content-Security-Policy"' in page
    assert not re.search(r'(?:src|href)="(?:https?:)?//', page)  # nothing fetched when the page opens


def test_clean_report_without_a_log_builds_from_a_temporary_log_it_then_removes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dump = Path(__file__).resolve().parent.parent / "fixtures" / "dumps" / "small.jsonl"
    report = tmp_path / "report.html"
    assert main(["clean", str(dump), "-o", str(tmp_path / "c.jsonl"), "--report", str(report), "-j", "1"]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.jsonl", "report.html"]
    summary = capsys.readouterr().err
    assert f"html report: {report}" in summary and "removal log:" not in summary
    assert 'data-stat="documents_read" data-value="30"' in report.read_text("utf-8")


def test_report_shows_set_aside_reasons_and_the_rejected_records(tmp_path: Path) -> None:
    _, run = clean_run(tmp_path)
    page = run.report.read_text("utf-8")
    for reason, count in run.stats_record()["set_aside_reasons"].items():
        assert f'data-reason="{reason}">{count:,}<' in page
    assert "this line is not JSON at all" in page
    assert read_rejects(run.rejects).total == run.stats_record()["documents_set_aside"]


def test_report_charts_count_every_category_rule_site_and_language(tmp_path: Path) -> None:
    _, run = clean_run(tmp_path, "small.jsonl", "--log-fields", "url,lang")
    page = run.report.read_text("utf-8")
    stats = run.stats_record()
    for chart, expected in (("category", stats["categories"]), ("rule", stats["rules"])):
        svg = page.split(f'data-chart="{chart}"')[1].split("</svg>")[0]
        shown = {label: int(v) for label, v in re.findall(r'data-label="([^"]+)" data-value="(\d+)"', svg)}
        assert shown == {name: row["removals"] for name, row in expected.items()}
    site_svg = page.split('data-chart="site"')[1].split("</svg>")[0]
    assert 'data-label="stadtkurier.example" data-value="8"' in site_svg
    assert "the document&#x27;s language" in page or "the document's language" in page
    share = page.split('data-chart="share"')[1].split("</svg>")[0]
    assert sum(int(v) for v in re.findall(r'data-value="(\d+)"', share)) == stats["documents_changed"]


def test_samples_show_the_removed_span_highlighted_between_the_text_around_it(tmp_path: Path) -> None:
    _, run = clean_run(tmp_path, "small.jsonl")
    page = run.report.read_text("utf-8")
    block = page.split('data-rule="related_link.en.also_read_line"')[1].split("</details>")[0]
    assert "<mark>Also read: Hauliers warn of Christmas backlog as freight slots run short\n\n</mark>" in block
    assert "stalled for a second week.\n\n<mark>" in block  # the text before, from the input
    assert "</mark>The union said" in block  # and after


def test_everything_from_the_data_is_html_escaped(tmp_path: Path) -> None:
    dump = tmp_path / "evil.jsonl"
    text = (
        "The council met on Monday to vote on the budget for next year.\n\nAlso read: <script>alert(1)</script> & more"
    )
    dump.write_bytes(orjson.dumps({"id": "<b>x</b>", "url": 'https://a.example/"><img>', "text": text}) + b"\n")
    log, out = tmp_path / "log.jsonl", tmp_path / "report.html"
    assert main(["clean", str(dump), "-o", str(tmp_path / "c.jsonl"), "--log", str(log), "--log-fields", "url"]) == 0
    page = build_report(log, input=dump)
    assert "<script" not in page and "<img>" not in page and "<b>x</b>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in page
    assert main(["report", str(log), "-o", str(out)]) == 0
    assert "<script" not in out.read_text("utf-8")


def write_log(path: Path, rows: int, rules: int = 3) -> None:
    with path.open("wb") as handle:
        for n in range(rows):
            rule = f"wrapper.en.rule{n % rules}"
            row = {"id": n // 2, "rule": rule, "category": "wrapper", "start": 0, "end": 5, "text": f"row {n}"}
            handle.write(orjson.dumps(row) + b"\n")


def test_samples_are_bounded_per_rule_and_the_same_on_every_build(tmp_path: Path) -> None:
    log = tmp_path / "log.jsonl"
    write_log(log, 30_000)
    summary = read_log(log, samples=4)
    assert summary.rows == 30_000 and summary.documents == 15_000
    assert {rule: len(r.items) for rule, r in summary.samples.items()} == {f"wrapper.en.rule{n}": 4 for n in range(3)}
    picked = [s.text for r in summary.samples.values() for s in r.items]
    assert len({int(t.split()[1]) // 1000 for t in picked}) > 3  # drawn from the whole log, not its head
    assert build_report(log) == build_report(log)


def test_a_report_without_stats_counts_what_the_log_holds_and_says_what_is_missing(tmp_path: Path) -> None:
    log = tmp_path / "log.jsonl"
    write_log(log, 10)
    with log.open("ab") as handle:
        handle.write(b"not json\n")
    page = build_report(log)
    assert stat_cells(page) == {"documents_changed": 5, "removals": 10, "characters_removed": 50}
    assert "No --stats file" in page and "Log rows not read: 1" in page


def test_report_reads_a_parquet_log(tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    log = tmp_path / "log.parquet"
    dump = Path(__file__).resolve().parent.parent / "fixtures" / "dumps" / "small.jsonl"
    assert main(["clean", str(dump), "-o", str(tmp_path / "c.jsonl"), "--log", str(log), "-q"]) == 0
    page = build_report(log, input=dump)
    assert 'data-rule="related_link.en.also_read_line"' in page and "<mark>" in page


def test_report_command_refuses_a_file_that_is_not_stats(tmp_path: Path) -> None:
    log, stats = tmp_path / "log.jsonl", tmp_path / "stats.json"
    write_log(log, 2)
    stats.write_text("[1, 2]")
    assert main(["report", str(log), "--stats", str(stats), "-o", str(tmp_path / "r.html")]) == 2
    assert not (tmp_path / "r.html").exists()


def test_report_reads_a_compressed_log_and_a_compressed_input(tmp_path: Path) -> None:
    dump = Path(__file__).resolve().parent.parent / "fixtures" / "dumps" / "small.jsonl.gz"
    log, out = tmp_path / "log.jsonl.zst", tmp_path / "report.html"
    assert main(["clean", str(dump), "-o", str(tmp_path / "c.jsonl.gz"), "--log", str(log), "--log-fields", "url"]) == 0
    assert main(["report", str(log), "--input", str(dump), "--samples", "1", "--top", "2", "-o", str(out)]) == 0
    page = out.read_text("utf-8")
    assert page.count("<mark>") == len(read_log(log).rules)  # one sample per rule, each in its context
    assert "stalled for a second week.\n\n<mark>" in page or "</mark>" in page
    assert page.split('data-chart="rule"')[1].split("</svg>")[0].count("data-value=") == 3  # two and "(N more)"


def test_report_lists_the_flagged_documents_with_the_guards_reason(tmp_path: Path) -> None:
    dump, out = tmp_path / "d.jsonl", tmp_path / "report.html"
    text = (
        "Advertisement\n\n" + "Share this article\n\n" * 10 + "The port reopened on Monday after two weeks of repairs."
    )
    dump.write_bytes(orjson.dumps({"id": "f1", "url": "https://x.example/1", "text": text}) + b"\n")
    assert main(["clean", str(dump), "-o", str(tmp_path / "c.jsonl"), "--report", str(out), "-q"]) == 0
    page = out.read_text("utf-8")
    assert 'data-stat="documents_flagged" data-value="1"' in page
    flagged = page.split('<h2 id="noted">')[1].split("<h3>Truncated")[0]
    assert "Flagged by the guard: 1 (first 1 shown)" in flagged
    assert "<td>f1</td>" in flagged and "rules would remove" in flagged
