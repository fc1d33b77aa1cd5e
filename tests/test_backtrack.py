"""Load-time warnings for patterns that can backtrack catastrophically, without false alarms on the shipped packs."""

from __future__ import annotations

import subprocess
import sys
import warnings
from pathlib import Path

import pytest

from cleaner.backtrack import backtracking_risks, compiled_size
from cleaner.errors import RuleWarning
from cleaner.load import load_rules
from cleaner.yaml_nodes import MAX_PATTERN_SIZE

from .conftest import ROOT

RISKY = [
    r"^(a+)+$",
    r"(\w+\s*)*$",
    r"(?:\p{L}+\s?)+$",
    r"(x+x+)+y",
    r"(.*)*!",
    r"(a|aa)+$",
    r"(x|[a-z]+)*y",
    r"^(?:(?:ab)+)+$",
]
SAFE = [
    r"(\s+\w+)*$",
    r"(?:facebook|twitter|tumblr)+",
    r"(?:\w|\s)+",
    r"(?>a+)+",
    r"(a++)+",
    r"^\W{0,3}(?:also\s+read|read\s+more)\s*[:|]",
    r"(?:\d{1,3}[.,])*\d+",
    r"(?:[A-Z][a-z]+\s){2,4}",
]


@pytest.mark.parametrize("pattern", RISKY)
def test_nested_and_ambiguous_repeats_are_reported(pattern: str) -> None:
    assert backtracking_risks(pattern), pattern


@pytest.mark.parametrize("pattern", SAFE)
def test_repeats_that_can_split_only_one_way_are_not_reported(pattern: str) -> None:
    assert backtracking_risks(pattern) == []


def test_syntax_the_checker_cannot_read_is_not_judged() -> None:
    assert backtracking_risks(r"(?V1)[[a-z]--[aeiou]]+") == []


def test_the_shipped_packs_raise_no_backtracking_warning() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuleWarning)
        assert load_rules()
    # The loader trusts the shipped patterns (cleaner/literals.json) and does not check them again at start-up.
    for rule in load_rules():
        assert not rule.pattern or backtracking_risks(rule.pattern) == [], rule.id
        assert compiled_size(rule.pattern) <= MAX_PATTERN_SIZE, rule.id


def test_a_risky_user_rule_loads_with_a_warning_naming_file_line_and_rule(tmp_path: Path) -> None:
    path = tmp_path / "slow.yaml"
    path.write_text(
        "language: any\nrules:\n  - id: wrapper.any.slow\n    category: wrapper\n    description: x\n"
        "    scope: line\n    pattern: '^(a+)+$'\n    examples:\n      remove: ['aaaa']\n      keep: ['aaab']\n"
    )
    with pytest.warns(RuleWarning) as caught:
        rules = load_rules([path], defaults=False)
    assert [r.id for r in rules] == ["wrapper.any.slow"]
    assert str(caught[0].message).startswith(f"{path}:7:14: wrapper.any.slow: the pattern can backtrack")
    command = [sys.executable, "-m", "cleaner", "clean", "-", "--no-default-rules", "--rules", str(path), "-q"]
    done = subprocess.run(command, input=b"aaab\n", capture_output=True, cwd=ROOT, timeout=60, check=False)
    assert done.returncode == 0 and done.stdout == b"aaab\n"
    assert done.stderr.decode().startswith(f"cleaner: warning: {path}:7:14: wrapper.any.slow:")
