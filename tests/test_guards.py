"""Run-time guards: the share of a document the rules may remove, and the time budget of one document."""

from __future__ import annotations

import functools
import pickle
import time
from pathlib import Path

import orjson
import pytest

from cleaner import Cleaner, MatchTimeout
from cleaner.cli import main
from cleaner.errors import DocumentTimeout, RuleWarning
from cleaner.load import load_rules

from .batch_support import RULE_ARGS, read_jsonl

BODY = (
    "The harbour council voted on Tuesday to extend the northern quay by two hundred metres.\n\n"
    "Work is due to start in the spring, once the dredging permits have been granted.\n"
)
TEASERS = "".join(f"Also read: Storm closes port number {n} on the east coast\n" for n in range(8))
# A rule a user got wrong: it takes every line that has a full stop in it.
GREEDY_RULE = """language: any
rules:
  - id: wrapper.any.oops
    category: wrapper
    description: Meant to catch "Advertisement." lines, but matches any sentence.
    scope: line
    pattern: '\\.'
    examples:
      remove: ["Advertisement."]
      keep: ["Advertisement"]
"""
CATASTROPHIC_RULE = """language: any
rules:
  - id: wrapper.any.backtracks
    category: wrapper
    description: Nested quantifiers that backtrack for ever on a long run of a's with no match.
    scope: line
    pattern: '^(a+)+$'
    examples:
      remove: ["aaaa"]
      keep: ["aaab"]
"""


@functools.cache
def shipped() -> Cleaner:
    return Cleaner()


def test_a_document_the_rules_would_mostly_delete_is_kept_whole_and_flagged() -> None:
    text = TEASERS + BODY
    result = shipped().clean(text)
    assert result.text == text and result.removals == ()
    assert result.flagged is not None
    assert "of the text (limit 50%)" in result.flagged and "related_link.en.also_read_line x8" in result.flagged


def test_a_document_losing_less_than_the_share_is_cleaned_as_usual() -> None:
    text = TEASERS[:55] + BODY + BODY
    result = shipped().clean(text)
    assert result.flagged is None and [r.rule for r in result.removals] == ["related_link.en.also_read_line"]


def test_short_snippets_are_not_guarded() -> None:
    result = shipped().clean("Advertisement\nThe quay opens in May.\n")
    assert result.flagged is None and result.text == "The quay opens in May.\n"


@pytest.mark.parametrize("share", [0.9, 1.0])
def test_a_higher_max_removed_share_lets_the_removals_through(share: float) -> None:
    result = Cleaner.from_rules(shipped().rules, max_removed_share=share).clean(TEASERS + BODY)
    assert result.flagged is None and result.text == BODY


@pytest.mark.parametrize("share", [0, -0.5, 1.5])
def test_a_max_removed_share_outside_zero_to_one_is_refused(share: float) -> None:
    with pytest.raises(ValueError, match="max_removed_share"):
        Cleaner.from_rules([], max_removed_share=share)


def test_the_guard_and_the_budget_travel_with_a_pickled_cleaner() -> None:
    copy = pickle.loads(pickle.dumps(Cleaner.from_rules(shipped().rules[:5], max_removed_share=0.3, budget=2.5)))
    assert (copy.max_removed_share, copy.budget) == (0.3, 2.5)


def test_a_document_past_its_budget_raises_document_timeout() -> None:
    cleaner = Cleaner.from_rules(shipped().rules, budget=1e-9)
    for text in ("A line of text.\n" * 5000, "By the way, this line stays.\n" * 5000):  # screened out, or not
        with pytest.raises(DocumentTimeout, match="budget") as caught:
            cleaner.clean(text)
        assert isinstance(caught.value, MatchTimeout)  # callers that handle the time limit handle both


def test_a_million_short_lines_end_within_the_budget() -> None:
    started = time.monotonic()
    with pytest.raises(DocumentTimeout):
        # Every line starts like a byline, so every line reaches the rules.
        Cleaner.from_rules(shipped().rules, budget=0.5).clean("By the way, this line stays.\n" * 1_000_000)
    # The budget is checked every 1024 lines while screening: far less than a second past it.
    assert time.monotonic() - started < 0.5 + 5
    # Lines no rule could match take one linear pass of the screen, well inside the budget.
    assert Cleaner.from_rules(shipped().rules, budget=5).clean("Short line here.\n" * 1_000_000).removals == ()


def test_a_bad_rule_cannot_empty_a_dump_the_run_flags_those_documents(tmp_path: Path) -> None:
    (tmp_path / "oops.yaml").write_text(GREEDY_RULE)
    records = [{"id": n, "text": BODY * 3} for n in range(4)] + [{"id": 9, "text": "Advertisement.\nHello"}]
    (tmp_path / "in.jsonl").write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in records))
    stats = tmp_path / "stats.json"
    files = ["clean", str(tmp_path / "in.jsonl"), "-o", str(tmp_path / "out.jsonl"), "--stats", str(stats)]
    code = main([*files, "--no-default-rules", "--rules", str(tmp_path / "oops.yaml"), "-j", "1"])
    assert code == 0
    out = read_jsonl(tmp_path / "out.jsonl")
    assert [r["text"] for r in out[:4]] == [BODY * 3] * 4
    assert all("wrapper.any.oops x6" in r["flagged"] for r in out[:4])
    assert "flagged" not in out[4] and out[4]["text"] == "Hello"  # a snippet: not guarded
    assert orjson.loads(stats.read_bytes())["documents_flagged"] == 4


def test_parquet_output_carries_the_flag_as_a_column_null_for_other_rows(tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    (tmp_path / "oops.yaml").write_text(GREEDY_RULE)
    records = [{"id": 1, "text": BODY * 3}, {"id": 2, "text": "Advertisement.\nHello"}]
    pq.write_table(pa.Table.from_pylist(records), tmp_path / "in.parquet")
    files = ["clean", str(tmp_path / "in.parquet"), "-o", str(tmp_path / "out.parquet")]
    assert main([*files, "--no-default-rules", "--rules", str(tmp_path / "oops.yaml"), "-j", "1", "-q"]) == 0
    out = pq.read_table(tmp_path / "out.parquet").to_pylist()
    assert out[0]["text"] == BODY * 3 and "wrapper.any.oops x6" in out[0]["flagged"]
    assert out[1]["text"] == "Hello" and out[1]["flagged"] is None


def test_pathological_documents_are_set_aside_in_bounded_time_and_the_batch_goes_on(tmp_path: Path) -> None:
    (tmp_path / "slow.yaml").write_text(CATASTROPHIC_RULE)
    with pytest.warns(RuleWarning, match="backtrack"):
        assert load_rules([tmp_path / "slow.yaml"], defaults=False)  # valid: only its speed is bad
    docs = [
        BODY,
        "a" * 50_000_000 + "!",  # one 50 MB line on which the rule backtracks
        "Short line here.\n" * 1_000_000,
        "Also read: " * 200_000,  # one marker repeated
        "\n" * 100 + BODY,
    ]
    records = (orjson.dumps({"id": n, "text": text}) + b"\n" for n, text in enumerate(docs))
    (tmp_path / "in.jsonl").write_bytes(b"".join(records))
    started = time.monotonic()
    # Without the screen, so the rule really runs on the long line (RE2 would know it cannot match).
    files = ["clean", str(tmp_path / "in.jsonl"), "-o", str(tmp_path / "out.jsonl"), "--no-screen", "-j", "1"]
    limits = ["--timeout", "0.2", "--budget", "1", "-q"]
    code = main([*files, "--rules", str(tmp_path / "slow.yaml"), *RULE_ARGS, *limits])
    elapsed = time.monotonic() - started
    assert code == 1
    assert [r["id"] for r in read_jsonl(tmp_path / "out.jsonl")] == [0, 3, 4]
    rejects = read_jsonl(tmp_path / "out.jsonl.rejects.jsonl")
    assert [(r["line"], r["reason"].split(":")[0]) for r in rejects] == [(2, "time limit"), (3, "time limit")]
    assert "wrapper.any.backtracks" in rejects[0]["reason"] and "budget" in rejects[1]["reason"]
    assert elapsed < 60  # generous for a shared machine: unbounded, the first document alone would never end
