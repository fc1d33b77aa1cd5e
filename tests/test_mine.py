"""`cleaner mine` and `clean --mine` on an invented multi-site dump: rules, shapes, guard, near-duplicates, bytes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from cleaner import load_rules
from cleaner.cli import main
from cleaner.errors import RuleError
from cleaner.examples import check_examples
from cleaner.mine import MineRecord, Thresholds, mine_records
from cleaner.mine.neardup import NearDuplicates
from cleaner.mine.sites import site_of
from cleaner.mine.sketch import BoundedCounter

from .conftest import ROOT
from .mine_data import REPUBLISHED, SERIES_QUOTE, SYNDICATED, records, write_dump


@pytest.fixture(scope="module")
def dump(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_dump(tmp_path_factory.mktemp("mine") / "dump.jsonl")


@pytest.fixture(scope="module")
def mined(dump: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("mined")
    assert main(["mine", str(dump), "-o", str(out), "-q"]) == 0
    return out


def rules_of(folder: Path, name: str) -> list[dict]:
    return yaml.safe_load((folder / name).read_text(encoding="utf-8"))["rules"]


def test_one_rule_file_per_site_with_the_site_as_domain(mined: Path) -> None:
    names = sorted(p.name for p in mined.iterdir())
    assert names == [
        "_batch.yaml",
        "_cross_site.md",
        "coastaldaily.example.yaml",
        "harbourpost.example.yaml",
        "kabarkota.example.yaml",
    ]
    header = yaml.safe_load((mined / "kabarkota.example.yaml").read_text(encoding="utf-8"))
    assert header["domains"] == ["kabarkota.example"]
    assert "domains" not in yaml.safe_load((mined / "_batch.yaml").read_text(encoding="utf-8"))


def test_exact_lines_prefix_suffix_and_number_shapes_are_found(mined: Path) -> None:
    found = {(r["evidence"]["shape"], r["pattern"]) for r in rules_of(mined, "harbourpost.example.yaml")}
    assert ("line", r"^\s*Subscribe\s+to\s+the\s+Harbour\s+Post\s+morning\s+letter\s*$") in found
    assert ("prefix", r"^\s*Read\s+also:\s+\S") in found
    assert ("suffix", r"\S\s+\-\s+Photo:(?:\s+\S+){0,2}\s*$") in found
    assert ("numbers", r"^\s*Updated\s+\d+:\d+\s+GMT\s*$") in found
    kabar = {r["pattern"] for r in rules_of(mined, "kabarkota.example.yaml")}
    assert r"^\s*Baca\s+juga:\s+\S" in kabar


def test_rules_are_sorted_by_pages_and_carry_their_evidence(mined: Path) -> None:
    rules = rules_of(mined, "harbourpost.example.yaml")
    pages = [r["evidence"]["pages"] for r in rules]
    assert pages == sorted(pages, reverse=True)
    first = rules[0]
    assert first["id"] == "mined.harbourpost_example.001"
    assert first["evidence"]["of_pages"] == 26  # 30 records, the re-published story counted once
    assert first["evidence"]["first_ids"] == ["hp-000", "hp-001", "hp-002"]
    assert first["evidence"]["why"]


def test_a_block_of_lines_that_travel_together_names_its_members(mined: Path) -> None:
    rules = {r["pattern"]: r for r in rules_of(mined, "harbourpost.example.yaml")}
    middle = rules[r"^\s*Manage\s+your\s+choices\s+in\s+the\s+settings\.\s*$"]
    assert len(middle["evidence"]["travels_with"]) == 2


def test_examples_are_real_lines_of_the_dump(mined: Path) -> None:
    lines = {line for r in records() for line in r["text"].split("\n")}
    for path in mined.glob("*.yaml"):
        for rule in rules_of(mined, path.name):
            for text in rule["examples"]["remove"] + rule["examples"]["keep"]:
                assert text in lines, (rule["id"], text)


def test_mined_files_pass_the_example_harness_with_the_shipped_packs(mined: Path) -> None:
    rules = load_rules([mined])
    mined_rules = [r for r in rules if r.id.startswith("mined.")]
    assert len(mined_rules) >= 12
    failures = [o.name for o in check_examples(rules, mined_rules) if o.failed]
    assert failures == []
    assert main(["rules", "test", "--rules", str(mined), "-k", "mined."]) == 0


def test_a_quote_recurring_in_a_series_is_written_disabled_with_the_doubt(mined: Path) -> None:
    quote = [r for r in rules_of(mined, "harbourpost.example.yaml") if SERIES_QUOTE in r["examples"]["remove"]]
    assert [r.get("enabled", True) for r in quote] == [False]
    assert quote[0]["evidence"]["why"].startswith("unsure, left off: reads as a sentence")


def test_near_duplicate_stories_give_no_rule_at_all(mined: Path) -> None:
    story = set(SYNDICATED) | set(REPUBLISHED)
    for path in mined.glob("*.yaml"):
        for rule in rules_of(mined, path.name):
            assert not story & set(rule["examples"]["remove"]), rule["id"]


def test_clean_mine_keeps_every_line_of_syndicated_and_republished_stories(dump: Path, tmp_path: Path) -> None:
    log, stats = tmp_path / "log.jsonl", tmp_path / "stats.json"
    status = main(["clean", str(dump), "--mine", "-o", str(tmp_path / "out.jsonl"), "--log", str(log),
                   "--stats", str(stats), "-q", "-j", "1"])  # fmt: skip
    assert status == 0
    removals = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    removed = {r["text"].strip() for r in removals}
    assert not removed & (set(SYNDICATED) | set(REPUBLISHED) | {SERIES_QUOTE})
    assert "GULIR UNTUK MELANJUTKAN" in removed and "Sent from the wire desk." in removed
    mined_sites = {r["rule"].split(".")[1] for r in removals if r["rule"].startswith("mined.")}
    assert mined_sites >= {"harbourpost_example", "batch"}  # kabarkota's lines are the shipped id pack's
    evidence = json.loads(stats.read_text(encoding="utf-8"))["mined_rules"]
    assert evidence["mined.kabarkota_example.001"]["pages"] == 15


def test_cross_site_report_lists_a_line_on_every_site(mined: Path) -> None:
    report = (mined / "_cross_site.md").read_text(encoding="utf-8")
    assert "| 3 | 17 | `Share this article` |" in report


def test_same_input_gives_the_same_bytes_whatever_the_hash_seed(dump: Path, tmp_path: Path) -> None:
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / seed
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-m", "cleaner", "mine", str(dump), "-o", str(out), "-q"], check=True, env=env)
        outputs.append({p.name: p.read_bytes() for p in sorted(out.iterdir())})
    assert outputs[0] == outputs[1]


def test_mining_reads_records_set_aside_and_goes_on(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    dump = write_dump(tmp_path / "dump.jsonl")
    with dump.open("a", encoding="utf-8") as file:
        file.write("{not json\n")
    assert main(["mine", str(dump), "-o", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert "set aside: 1 not JSON" in err and "dump.jsonl:66: not JSON" in err


def test_mining_refuses_standard_input(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["mine", "-", "--format", "jsonl", "-o", "x"]) == 2
    assert "reads its input twice" in capsys.readouterr().err


def test_site_field_groups_records_by_its_value(tmp_path: Path) -> None:
    dump = tmp_path / "dump.jsonl"
    rows = [{**r, "outlet": "harbourpost.example"} for r in records() if r["id"].startswith("hp")]
    dump.write_text("".join(json.dumps({k: v for k, v in r.items() if k != "url"}) + "\n" for r in rows))
    assert main(["mine", str(dump), "--site-field", "outlet", "-o", str(tmp_path / "out"), "-q"]) == 0
    assert (tmp_path / "out" / "harbourpost.example.yaml").exists()


def test_thresholds_change_what_is_mined() -> None:
    rows = [MineRecord(site_of(r.get("url")), r["id"], r["text"]) for r in records()]
    strict = mine_records(lambda: iter(rows), Thresholds(min_pages=12))
    assert strict.rule_count()[0] < mine_records(lambda: iter(rows), Thresholds()).rule_count()[0]


def test_evidence_must_be_a_mapping(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "category: site_boilerplate\nlanguage: any\nrules:\n  - id: mined.x.001\n    description: d\n"
        "    pattern: '^x$'\n    evidence: 3\n    examples: {remove: [x], keep: [y]}\n"
    )
    with pytest.raises(RuleError, match="'evidence' must be a mapping"):
        load_rules([bad], defaults=False)


def test_bounded_counter_keeps_frequent_keys_under_pressure() -> None:
    counter = BoundedCounter(capacity=100)
    for n in range(5000):
        counter.add(f"rare-{n}")
        if n % 10 == 0:
            counter.add("frequent")
    assert len(counter) <= 100
    assert counter.get("frequent") >= 500 - counter.floor


def test_near_duplicates_found_for_copies_not_for_pages_sharing_a_footer() -> None:
    near = NearDuplicates()
    story = [*SYNDICATED, "A footer line that every single page of the site carries."]
    other = [*REPUBLISHED, "A footer line that every single page of the site carries."]
    assert near.duplicate_of(0, story) is None
    assert near.duplicate_of(1, other) is None
    assert near.duplicate_of(2, [*SYNDICATED[:5], "An extra closing line written for the copy."]) == 0


def test_docs_walk_through_mine_review_keep_clean() -> None:
    text = (ROOT / "docs" / "mining.md").read_text(encoding="utf-8")
    for step in ("cleaner mine", "cleaner diff", "--rule mined.", "cleaner clean", "--mine"):
        assert step in text


def test_diff_shows_what_one_site_s_mined_rules_remove(
    dump: Path, mined: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["diff", str(dump), "--rules", str(mined), "--rule", "mined.harbourpost_example", "--color", "never"]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "[-Subscribe to the Harbour Post morning letter-]" in out
    assert "GULIR" not in out


def test_a_standing_sentence_sharing_the_packs_words_stays_off() -> None:
    from cleaner.mine.guard import judge
    from cleaner.mine.site import KeyStats

    # A newsletter's standing sentence: 22 words, ends like a sentence, always beside other recurring lines.
    stats = KeyStats(pages=6, occurrences=6, words=[22] * 6, sentences=6, edge=2, neighbours=6)
    verdict = judge("suffix", '— "Harbour Notes in your inbox."', stats, 157, "wrapper")
    assert not verdict.enabled
    assert "reads as a sentence" in verdict.why
    # The same evidence for a short label that is not a sentence switches the rule on.
    label = KeyStats(pages=6, occurrences=6, words=[3] * 6, sentences=0, edge=2, neighbours=6)
    assert judge("line", "Share this story", label, 157, "wrapper").enabled
