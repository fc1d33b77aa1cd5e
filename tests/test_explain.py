"""`cleaner explain`: one record of any dump, each line with its rule, and the guards that held rules back."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from cleaner.cli import main

from .batch_support import DUMPS

LONG_TEASER = "Also read: " + " ".join(["word"] * 40)
BODY = "The mayor said on Monday that the new bridge would open in May, after two years of work on the river."


def explain(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    status = main(["explain", *args])
    captured = capsys.readouterr()
    return status, captured.out + captured.err


def test_explain_picks_a_record_of_a_dump_by_id_or_by_line(capsys: pytest.CaptureFixture[str]) -> None:
    status, by_id = explain(capsys, str(DUMPS / "small.jsonl"), "--id", "en-001")
    assert status == 0
    assert "x related_link.en.also_read_line  Also read: Hauliers warn" in by_id
    status, by_line = explain(capsys, str(DUMPS / "small.jsonl"), "--line", "1")
    assert status == 0 and by_line == by_id
    assert "=== " in by_id and "id=en-001" in by_id


def test_explain_on_a_dump_of_many_records_asks_which_one(capsys: pytest.CaptureFixture[str]) -> None:
    status, out = explain(capsys, str(DUMPS / "small.jsonl"))
    assert status == 2 and "choose one with --id ID or --line N" in out
    status, out = explain(capsys, str(DUMPS / "small.jsonl"), "--id", "nope")
    assert status == 2 and "no record with id 'nope'" in out


def test_explain_says_when_a_record_of_the_dump_was_set_aside(capsys: pytest.CaptureFixture[str]) -> None:
    status, out = explain(capsys, str(DUMPS / "broken.jsonl"), "--line", "2")
    assert status == 2 and "broken.jsonl:2: this record is set aside: not JSON" in out


def test_a_document_the_guard_kept_whole_shows_the_removals_it_held_back(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = "Advertisement\n\n" + "Share this article\n\n" * 10 + BODY
    path = tmp_path / "flagged.txt"
    path.write_text(text)
    status, out = explain(capsys, str(path))
    assert status == 0
    assert "the guard kept this document whole: rules would remove" in out
    assert "0 removals applied, the 11 marked above would apply with --max-removed-share 1" in out
    assert "x wrapper.en.share_buttons" in out


def test_explain_names_the_guard_that_stopped_a_matching_rule(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dump = tmp_path / "dump.jsonl"
    record = {"id": "a", "url": "https://news.example/a", "text": f"{LONG_TEASER}\n\n{BODY}\n\nAdvertisement"}
    dump.write_bytes(orjson.dumps(record) + b"\n")
    _, out = explain(capsys, str(dump), "--id", "a")
    assert "skipped related_link.en.also_read_line: max_words: at most 35 words, the line has 42" in out
    _, out = explain(capsys, str(dump), "--id", "a", "--lang", "de")
    assert "wrapper.en.advertisement" in out and "language: rules for other languages than 'de'" in out
    assert "0 removals" in out


def test_explain_names_the_domain_and_position_guards(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rules = tmp_path / "site.yaml"
    rules.write_text(
        """category: wrapper
language: en
rules:
  - id: wrapper.en.site_footer
    description: The footer line of one site.
    scope: line
    pattern: '^Harbour Daily is published by'
    domains: [harbourdaily.example]
    examples:
      remove: ["Harbour Daily is published by the Harbour Trust."]
      keep: ["The paper said it is published by a trust."]
  - id: wrapper.en.last_credit
    description: A credit line closing the article.
    scope: line
    pattern: '^Reporting by'
    last_lines: 1
    examples:
      remove: ["Reporting by Ann Lee"]
      keep: ["The reporting by the team was praised."]
"""
    )
    path = tmp_path / "a.txt"
    path.write_text(f"Harbour Daily is published by the Harbour Trust.\n\nReporting by Ann Lee\n\n{BODY}\n")
    status, out = explain(
        capsys, str(path), "--no-default-rules", "--rules", str(rules), "--url", "https://b.example/x"
    )
    assert status == 0
    assert "wrapper.en.site_footer: domain: the rule is for harbourdaily.example, the document is from b.example" in out
    assert "wrapper.en.last_credit: position: only the last 1 lines, this is line 2 from the end" in out


def test_explain_on_a_text_file_works_as_before(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "a.txt"
    path.write_text(f"{BODY}\n\nAdvertisement\n")
    status, out = explain(capsys, str(path))
    assert status == 0 and "=== " not in out
    assert out.splitlines()[-1].startswith("1 removals; truncated: false")
