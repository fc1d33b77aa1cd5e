"""Rule files are data: YAML tags, alias bombs, paths and regex bombs in a rule file run nothing and read nothing."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from cleaner import Cleaner, RuleError, load_rules
from cleaner.cli import main

RULE = """\
category: wrapper
language: en
rules:
  - id: wrapper.en.notice
    description: A notice line.
    scope: line
    pattern: {pattern}
    examples:
      remove: ["Notice"]
      keep: ["A notice was sent."]
"""
ONLY_HOSTILE = ["--no-default-rules", "--rules", "hostile.yaml"]
ARTICLE = (
    "The harbour authority said on Monday that the port would reopen after a week of repairs.\n\n"
    "Also read: Storm closes three ports on the east coast\n\n"
    "Dock workers are expected back at the cranes on Tuesday morning, the union said.\n"
)


def write(folder: Path, text: str, name: str = "rules.yaml") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def listing(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))


def load_any(path: Path) -> BaseException | None:
    """Load a rule file and return what it raised (None when it loaded)."""
    try:
        load_rules([path], defaults=False)
    except Exception as error:
        return error
    return None


# Tags that PyYAML's unsafe loaders turn into calls or imports; the marker file shows whether one ran.
def python_tags(marker: Path) -> list[str]:
    command = f"touch {marker}"
    return [
        f"!!python/object/apply:os.system [{command!r}]",
        f"!!python/object/apply:subprocess.check_call [[touch, {str(marker)!r}]]",
        f"!!python/object/new:os.system [{command!r}]",
        "!!python/name:os.system ''",
        "!!python/module:os ''",
    ]


TAG_IDS = ["object-apply", "object-apply-subprocess", "object-new", "name", "module"]


@pytest.mark.parametrize("number", range(5), ids=TAG_IDS)
def test_python_tags_in_a_rule_file_execute_nothing(tmp_path: Path, number: int) -> None:
    marker = tmp_path / "marker"
    tag = python_tags(marker)[number]
    as_value = RULE.format(pattern=tag)
    as_key = RULE.format(pattern="'^notice$'").replace("    scope: line\n", f"    scope: line\n    ? {tag}\n    : 1\n")
    header = f"category: {tag}\n" + RULE.format(pattern="'^notice$'").split("\n", 1)[1]
    for text in (as_value, as_key, header):
        assert load_any(write(tmp_path, text)) is not None, f"a rule file with a python tag loaded:\n{text}"
    assert not marker.exists(), "a python tag in a rule file ran a command"


@pytest.mark.parametrize("number", range(5), ids=TAG_IDS)
def test_python_tags_in_a_rule_file_are_refused_with_a_rule_error_naming_the_line(tmp_path: Path, number: int) -> None:
    tag = python_tags(tmp_path / "marker")[number]
    with pytest.raises(RuleError) as caught:
        load_rules([write(tmp_path, RULE.format(pattern=tag))], defaults=False)
    assert caught.value.line == 7


@pytest.mark.parametrize(
    "value",
    ["!!binary aGVsbG8=", "2024-02-12", "!!set {a, b}", "!!map {a: 1}", "!!null ''", "[a, b]", "12", "true"],
)
def test_values_that_yaml_types_as_non_strings_are_refused_as_patterns(tmp_path: Path, value: str) -> None:
    with pytest.raises(RuleError, match="'pattern' must be a non-empty string") as caught:
        load_rules([write(tmp_path, RULE.format(pattern=value))], defaults=False)
    assert (caught.value.line, caught.value.column) == (7, 14)


@pytest.mark.parametrize(
    "text",
    [
        RULE.format(pattern="!!int abc"),
        RULE.format(pattern="!!float abc"),
        RULE.format(pattern="!!bool maybe"),
        RULE.format(pattern="!!timestamp tomorrow"),
        RULE.format(pattern="!!timestamp 2024-13-45"),
        RULE.format(pattern="!!omap x"),
        RULE.format(pattern="!include other.yaml"),
        RULE.format(pattern="'^notice$'").replace("  - id:", "  - <<: {scope: line}\n    id:"),
        RULE.format(pattern="'^notice$'") + "\x07\n",
        RULE.format(pattern="'^notice$'") + "\x00\n",
        "rules: " + "[" * 500 + "]" * 500 + "\n",
        "rules:\n  - &a {id: *a}\n",
    ],
    ids=[
        "int",
        "float",
        "bool",
        "timestamp-word",
        "timestamp-month-13",
        "omap",
        "unknown-tag",
        "merge-key",
        "bell-character",
        "nul-character",
        "deep-nesting",
        "recursive-alias",
    ],
)
def test_every_malformed_yaml_value_is_a_rule_error(tmp_path: Path, text: str) -> None:
    with pytest.raises(RuleError):
        load_rules([write(tmp_path, text)], defaults=False)


def laughs(depth: int, indent: str = "    ") -> str:
    """YAML anchors for a billion-laughs bomb: l{depth} stands for 10**(depth + 1) strings."""
    lines = [f"{indent}x0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"{indent}x{n}: &l{n} [" + ", ".join([f"*l{n - 1}"] * 10) + "]" for n in range(1, depth + 1)]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("key", ["phrases", "unless", "description", "examples", "domains"])
def test_a_billion_laughs_as_a_rule_value_is_refused_without_being_expanded(tmp_path: Path, key: str) -> None:
    head = "category: wrapper\nlanguage: en\nrules:\n  - id: wrapper.en.lol\n"
    path = write(tmp_path, head + laughs(8) + f"    {key}: *l8\n")
    started = time.perf_counter()
    with pytest.raises(RuleError) as caught:
        load_rules([path], defaults=False)
    assert time.perf_counter() - started < 2
    assert len(str(caught.value)) < 10_000  # 10**9 strings, none of them spelled out in the error


def test_a_billion_laughs_as_the_rule_list_is_refused_without_being_expanded(tmp_path: Path) -> None:
    text = "category: wrapper\nlanguage: en\ndescription:\n" + laughs(8, "  ") + "rules: *l8\n"
    with pytest.raises(RuleError) as caught:
        load_rules([write(tmp_path, text)], defaults=False)
    assert len(str(caught.value)) < 10_000


def test_a_billion_laughs_as_an_unknown_key_gives_a_bounded_error(tmp_path: Path) -> None:
    head = "category: wrapper\nlanguage: en\nrules:\n  - id: wrapper.en.lol\n    description: d\n"
    path = write(tmp_path, head + laughs(3) + "    ? *l3\n    : 1\n")
    with pytest.raises(RuleError) as caught:
        load_rules([path], defaults=False)
    assert all(len(problem.message) < 2_000 for problem in caught.value.problems)


def test_a_pattern_with_nested_counted_repeats_is_refused_quickly(tmp_path: Path) -> None:
    path = write(tmp_path, RULE.format(pattern="'(?:(?:(?:a{100}){100}){100}){100}'"))
    code = "import sys; from cleaner import load_rules, RuleError\ntry: load_rules([sys.argv[1]], defaults=False)\n"
    code += "except RuleError: sys.exit(3)\n"
    done = subprocess.run([sys.executable, "-c", code, str(path)], timeout=30, capture_output=True)
    assert done.returncode == 3


@contextmanager
def opened_files() -> Iterator[list[str]]:
    """Record every file the process opens inside the block (an audit hook stays, so it checks a flag)."""
    seen: list[str] = []
    _RECORDING.append(seen)
    try:
        yield seen
    finally:
        _RECORDING.remove(seen)


_RECORDING: list[list[str]] = []


def _audit(event: str, args: tuple[object, ...]) -> None:
    if event == "open" and _RECORDING and isinstance(args[0], (str, bytes, os.PathLike)):
        _RECORDING[-1].append(os.fsdecode(args[0]))


sys.addaudithook(_audit)


def test_paths_inside_a_rule_file_are_text_and_never_opened(tmp_path: Path) -> None:
    text = (
        RULE.format(pattern="'\\.\\./\\.\\./etc/passwd'")
        .replace("description: A notice line.", "description: ../../etc/passwd")
        .replace('remove: ["Notice"]', 'remove: ["../../etc/passwd"]')
    )
    path = write(tmp_path, text)
    with opened_files() as seen:
        rules = load_rules([path], defaults=False)
    assert [Path(p).resolve() for p in seen] == [path.resolve()]
    assert rules[0].pattern == "\\.\\./\\.\\./etc/passwd" and rules[0].description == "../../etc/passwd"
    result = Cleaner.from_rules(rules).clean("Intro.\n\n../../etc/passwd\n\nEnd.")
    assert [r.text for r in result.removals] == ["../../etc/passwd\n\n"]


@pytest.mark.parametrize("key", ["include", "import", "extends", "$ref"])
def test_a_rule_file_cannot_pull_in_other_files(tmp_path: Path, key: str) -> None:
    other = write(tmp_path, RULE.format(pattern="'^other$'").replace("notice", "other"), "other.yaml")
    text = f"{key}: {other}\n" + RULE.format(pattern="'^notice$'")
    path = write(tmp_path, text)
    with opened_files() as seen, pytest.raises(RuleError, match=re.escape(f"unknown key '{key}'")) as caught:
        load_rules([path], defaults=False)
    assert caught.value.line == 1
    assert str(other) not in seen


def test_the_cli_with_a_hostile_but_valid_rule_file_writes_only_the_chosen_outputs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "in.txt").write_text(
        ARTICLE.replace("Also read: ", "../../etc/passwd\n\nAlso read: "), encoding="utf-8"
    )
    hostile = RULE.format(pattern="'^\\.\\./\\.\\./etc/passwd$'").replace(
        "A notice line.", "/tmp/evil > ../../etc/passwd"
    )
    write(tmp_path, hostile, "hostile.yaml")
    before = listing(tmp_path)
    # Its examples do not fit the hostile pattern: run it as a rule author would, past the example check.
    args = ["clean", "in.txt", "-o", "out.txt", "--log", "log.jsonl", *ONLY_HOSTILE, "--no-check-examples"]
    code = main([*args, "-j", "1", "-q"])
    assert code == 0
    assert listing(tmp_path) == sorted([*before, "out.txt", "log.jsonl"])
    assert (tmp_path / "out.txt").read_text(encoding="utf-8") == ARTICLE


def test_the_cli_with_an_invalid_rule_file_exits_2_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "in.txt").write_text(ARTICLE, encoding="utf-8")
    write(tmp_path, "include: /etc/passwd\n" + RULE.format(pattern="'^notice$'"), "hostile.yaml")
    before = listing(tmp_path)
    code = main(["clean", "in.txt", "-o", "out.txt", "--log", "log.jsonl", *ONLY_HOSTILE, "-j", "1"])
    assert code == 2
    assert listing(tmp_path) == before
    assert "hostile.yaml:1:1: unknown key 'include'" in capsys.readouterr().err


def test_the_cli_with_a_python_tag_in_the_rules_exits_2_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "in.txt").write_text(ARTICLE, encoding="utf-8")
    write(tmp_path, RULE.format(pattern=python_tags(tmp_path / "marker")[0]), "hostile.yaml")
    before = listing(tmp_path)
    code = main(["clean", "in.txt", "-o", "out.txt", "--log", "log.jsonl", *ONLY_HOSTILE, "-j", "1"])
    assert (code, listing(tmp_path)) == (2, before)
