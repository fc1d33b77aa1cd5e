"""The one output schema of every ETL path: the columns each adds and the removal struct, from model.Removal."""

from __future__ import annotations

import dataclasses
import functools
from typing import Any

from ..model import Removal

# The removal struct's fields, in the log's order, with their types: read off the Removal record itself.
_KINDS = {"str": "string", "int": "int64"}
REMOVAL_COLUMNS: tuple[tuple[str, str], ...] = tuple(
    (field.name, _KINDS[str(field.type)]) for field in dataclasses.fields(Removal)
)
REMOVAL_FIELDS = tuple(name for name, _ in REMOVAL_COLUMNS)
# What every path returns for a document, in this order: the clean text, `truncated`, the log, the guard's flag.
RESULT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("text", "string"),
    ("truncated", "bool"),
    ("removals", "removals"),
    ("flagged", "string"),
)
# The columns a path adds beside the text (their names can be changed by the caller).
ADDED_KINDS = tuple((name, kind) for name, kind in RESULT_COLUMNS if name != "text")
ADDED_COLUMNS = tuple(name for name, _ in ADDED_KINDS)


def import_pyarrow() -> Any:
    """Return the pyarrow module, or raise ImportError with the install command."""
    try:
        import pyarrow  # type: ignore[import-untyped,unused-ignore]
    except ImportError:  # pragma: no cover - depends on the installation
        raise ImportError("Arrow input needs pyarrow: pip install 'article-cleaner[arrow]'") from None
    return pyarrow


def _arrow_type(pa: Any, kind: str) -> Any:
    if kind == "removals":
        return pa.list_(build_removal_type())
    return {"string": pa.string(), "int64": pa.int64(), "bool": pa.bool_()}[kind]


@functools.cache
def build_removal_type() -> Any:
    """The Arrow type of one logged removal: struct<rule, category, start: int64, end: int64, text>."""
    pa = import_pyarrow()
    return pa.struct([pa.field(name, _arrow_type(pa, kind)) for name, kind in REMOVAL_COLUMNS])


@functools.cache
def build_result_schema() -> Any:
    """The Arrow schema that `clean_arrow` returns: text, truncated, removals, flagged (null unless kept whole)."""
    pa = import_pyarrow()
    return pa.schema([pa.field(name, _arrow_type(pa, kind)) for name, kind in RESULT_COLUMNS])


def build_spark_type(kind: str) -> Any:
    """The Spark type of a column kind of the schema (the removals: array<struct<rule, ..., text>>)."""
    from pyspark.sql.types import ArrayType, BooleanType, LongType, StringType, StructField, StructType

    if kind == "removals":
        return ArrayType(StructType([StructField(name, build_spark_type(k)) for name, k in REMOVAL_COLUMNS]))
    return {"string": StringType(), "int64": LongType(), "bool": BooleanType()}[kind]
