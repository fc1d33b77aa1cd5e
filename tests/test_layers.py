"""The ETL paths, the formats and the command line stand in one-way layers: one output schema, no import loops."""

from __future__ import annotations

import ast
import dataclasses
from pathlib import Path

import pandas as pd  # type: ignore[import-untyped]
import pyarrow as pa
import pytest

from cleaner.cli import COMMANDS, build_parser
from cleaner.etl import build_removal_type, build_result_schema, clean_series
from cleaner.etl.schema import ADDED_COLUMNS, REMOVAL_FIELDS, RESULT_COLUMNS
from cleaner.exits import Exit, exit_help
from cleaner.io.formats import FORMATS, SUFFIXES, detect_format
from cleaner.model import Removal
from cleaner.report import RunReport

from .conftest import ROOT

PACKAGE = ROOT / "cleaner"


def _imported(path: Path) -> set[str]:
    """Every module a file imports, at its top or inside a function, as a dotted name under `cleaner`."""
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    package = parts[:-1]  # a module's package; an __init__'s package is its own folder
    names = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = [*base, *(node.module or "").split(".")] if node.module else base
            names.add(".".join(p for p in module if p))
            names.update(".".join([*module, alias.name]) for alias in node.names)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return {name for name in names if name.startswith("cleaner")}


@pytest.mark.parametrize(
    ("importer", "imported"),
    [
        ("engine.py", "cleaner.etl"),  # the ETL paths use the Cleaner; the Cleaner knows nothing of them
        ("decision.py", "cleaner.etl"),
        ("io/readers.py", "cleaner.io.formats.parquet"),  # the formats registry picks the reader; readers stay apart
        ("io/readers.py", "cleaner.io.formats"),
        ("io/formats/base.py", "cleaner.io.inputs"),
    ],
)
def test_a_lower_layer_never_imports_a_higher_one_even_lazily(importer: str, imported: str) -> None:
    found = _imported(PACKAGE / importer)
    assert not {name for name in found if name == imported or name.startswith(imported + ".")}


def test_the_etl_paths_import_no_private_name_of_the_engine() -> None:
    for path in sorted((PACKAGE / "etl").glob("*.py")):
        engine = {name for name in _imported(path) if name.startswith("cleaner.engine.")}
        assert all(not name.rsplit(".", 1)[1].startswith("_") for name in engine), path.name


def test_the_removal_struct_is_read_off_the_removal_record() -> None:
    assert tuple(field.name for field in dataclasses.fields(Removal)) == REMOVAL_FIELDS
    assert build_removal_type().names == list(REMOVAL_FIELDS)
    assert build_removal_type().field("start").type == pa.int64()


def test_arrow_and_pandas_give_the_same_columns_in_the_same_order() -> None:
    names = [name for name, _ in RESULT_COLUMNS]
    assert build_result_schema().names == names
    assert list(clean_series(pd.Series(["Some text."]))) == names
    assert build_result_schema().field("removals").type == pa.list_(build_removal_type())
    assert ADDED_COLUMNS == ("truncated", "removals", "flagged")


def test_every_suffix_names_exactly_one_format_and_each_format_names_itself() -> None:
    suffixes = [suffix for fmt in FORMATS.values() for suffix in fmt.suffixes]
    assert len(suffixes) == len(set(suffixes)) == len(SUFFIXES)
    for name, fmt in FORMATS.items():
        assert fmt.name == name
        assert all(detect_format(f"x{suffix}") == name for suffix in fmt.suffixes)
        assert fmt.written_as in FORMATS and set(fmt.writes) <= set(FORMATS)


def test_only_formats_that_compress_whole_files_are_taken_compressed_from_a_folder() -> None:
    from cleaner.io.inputs import FOLDER_GLOBS

    for name, fmt in FORMATS.items():
        assert any(glob.endswith(".gz") for glob in FOLDER_GLOBS[name]) == fmt.compressible


def test_the_format_choices_of_the_command_line_are_the_registry() -> None:
    clean = build_parser()._subparsers._group_actions[0].choices["clean"]  # type: ignore[union-attr]
    formats = next(action for action in clean._actions if action.dest == "format")
    assert list(formats.choices) == list(FORMATS)


def test_the_help_lists_every_exit_status_of_the_one_table() -> None:
    clean = build_parser()._subparsers._group_actions[0].choices["clean"]  # type: ignore[union-attr]
    assert clean.epilog.startswith(exit_help())
    assert all(f"  {code.value:<4} " in clean.epilog for code in Exit)
    assert {RunReport().exit_code, RunReport(rejected=1).exit_code, RunReport(interrupted=True).exit_code} <= set(Exit)


def test_every_command_is_registered_once_with_its_runner() -> None:
    commands = build_parser()._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    assert list(commands) == list(COMMANDS)
