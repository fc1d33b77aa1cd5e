"""The docs keep up with the code: the README's two-command quick start, and a line for every option."""

from __future__ import annotations

import argparse
import re

from cleaner.cli import build_parser

from .conftest import ROOT


def test_the_readme_quick_start_is_exactly_make_demo_and_make_test() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    block = readme.split("## Quick start", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    assert [line.split("#")[0].strip() for line in block.strip().splitlines()] == ["make demo", "make test"]


def test_make_demo_installs_the_package_without_the_dev_extra() -> None:
    makefile = (ROOT / "Makefile").read_text("utf-8")
    assert re.search(r"^demo: \$\(DEMO_STAMP\)$", makefile, re.M)
    demo_install = makefile.split("$(DEMO_STAMP): pyproject.toml", 1)[1].split("\n\n", 1)[0]
    assert "pip install --quiet -e .\n" in demo_install + "\n" and "[dev]" not in demo_install
    assert "report.html" in makefile.split("\ndemo:", 1)[1].split("\n\n", 1)[0]


def _options(parser: argparse.ArgumentParser, path: str = "cleaner") -> set[tuple[str, tuple[str, ...]]]:
    found = set()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found |= _options(sub, f"{path} {name}")
        elif action.help != argparse.SUPPRESS:
            found.add((path, tuple(action.option_strings)))
    return found


def test_every_option_of_the_command_line_has_a_line_in_the_readme_or_docs() -> None:
    docs = (ROOT / "README.md").read_text("utf-8") + "".join(
        path.read_text("utf-8") for path in sorted((ROOT / "docs").glob("*.md"))
    )
    options = [(command, names) for command, names in _options(build_parser()) if names and "--help" not in names]
    missing = sorted(f"{command} {names[-1]}" for command, names in options if not any(n in docs for n in names))
    assert missing == []
