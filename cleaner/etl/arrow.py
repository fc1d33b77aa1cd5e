"""Arrow: clean a string column (or a whole Table or RecordBatch) in one pass, into the schema's columns."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..engine import Cleaner
from .columns import Columns
from .rows import BatchError, check_length, decide_rows
from .schema import build_removal_type, build_result_schema, import_pyarrow

# Rows converted to Python strings at a time: bounds the memory of one slice, however large the input chunk.
SLICE_ROWS = 2048


def __getattr__(name: str) -> Any:
    # REMOVAL_TYPE and RESULT_SCHEMA are built on first use, so the list API works without pyarrow installed.
    if name == "REMOVAL_TYPE":
        return build_removal_type()
    if name == "RESULT_SCHEMA":
        return build_result_schema()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _as_chunked(pa: Any, values: Any, name: str) -> Any:
    """Accept an Array, a ChunkedArray (a table column) or a Python sequence of strings and None."""
    if isinstance(values, pa.ChunkedArray):
        chunked = values
    elif isinstance(values, pa.Array):
        chunked = pa.chunked_array([values], type=values.type)
    else:
        chunked = pa.chunked_array([pa.array(values, type=pa.string())], type=pa.string())
    kind = chunked.type
    strings = (pa.types.is_string, pa.types.is_large_string, pa.types.is_string_view, pa.types.is_null)
    if not any(is_kind(kind) for is_kind in strings):
        raise TypeError(f"{name} must be an Arrow string column, not {kind}")
    return chunked


def _slices(chunked: Any) -> Iterator[Any]:
    for chunk in chunked.chunks:
        for offset in range(0, len(chunk), SLICE_ROWS):
            yield chunk.slice(offset, SLICE_ROWS)


def clean_arrow(cleaner: Cleaner, texts: Any, urls: Any = None, titles: Any = None, langs: Any = None) -> Any:
    """Clean an Arrow string column in one pass; return a pyarrow Table with RESULT_SCHEMA, one row per text.

    `texts` is a pyarrow string Array or ChunkedArray (a table column; string, large_string or string_view).
    `urls`, `titles` and `langs` are optional columns or sequences of the same length.
    A null text stays null in `text`, has null `truncated` (there is no article to judge) and an empty
    `removals` list (so exploding the log needs no null check). `flagged` is null except for a document kept
    whole because the rules would have removed more than the Cleaner's `max_removed_share`: it says why.
    The output keeps the input's chunking, with chunks over SLICE_ROWS rows split, and `text` is always
    `string` (32-bit offsets).
    """
    pa = import_pyarrow()
    column = _as_chunked(pa, texts, "texts")
    rows = len(column)
    extras: list[list[str | None] | None] = []
    for name, values in (("urls", urls), ("titles", titles), ("langs", langs)):
        if values is None:
            extras.append(None)
            continue
        extra = _as_chunked(pa, values, name)
        check_length(name, extra, rows)
        extras.append(extra.to_pylist())
    schema = build_result_schema()
    batches = []
    start = 0
    for piece in _slices(column):
        end = start + len(piece)
        context = [None if values is None else values[start:end] for values in extras]
        values = piece.to_pylist()
        columns = Columns()
        try:
            outcomes = decide_rows(cleaner, values, *context, nulls=True)
            for text, outcome in zip(values, outcomes, strict=True):
                columns.add(text, outcome)
        except BatchError as error:
            raise BatchError(start + error.row, error.error) from error.error
        batches.append(columns.batch(pa, schema))
        start = end
    return pa.Table.from_batches(batches, schema=schema)


def clean_table(
    cleaner: Cleaner,
    table: Any,
    text_col: str,
    *,
    url_col: str | None = None,
    title_col: str | None = None,
    lang_col: str | None = None,
    output_col: str | None = None,
    truncated_col: str = "truncated",
    removals_col: str = "removals",
    flagged_col: str = "flagged",
) -> Any:
    """Return a pyarrow Table (or RecordBatch) with the clean text and `truncated`, `removals`, `flagged` columns.

    The clean text replaces `text_col` unless `output_col` names a new column; other columns pass through.
    This is the per-batch step of a Spark, Ray Data or any other Arrow-based pipeline.
    """
    pa = import_pyarrow()
    names = list(table.schema.names)
    output_col = output_col or text_col
    added = ([] if output_col == text_col else [output_col]) + [truncated_col, removals_col, flagged_col]
    for name in added:
        if name in names or added.count(name) > 1:
            raise ValueError(f"output column {name!r} would overwrite another column: choose another name")
    context = [None if name is None else table.column(name) for name in (url_col, title_col, lang_col)]
    result = clean_arrow(cleaner, table.column(text_col), *context)
    out = pa.Table.from_batches([table]) if isinstance(table, pa.RecordBatch) else table
    if output_col == text_col:
        out = out.set_column(names.index(text_col), text_col, result.column("text"))
    else:
        out = out.append_column(output_col, result.column("text"))
    for name, field in ((truncated_col, "truncated"), (removals_col, "removals"), (flagged_col, "flagged")):
        out = out.append_column(name, result.column(field))
    if not isinstance(table, pa.RecordBatch):
        return out
    batches = out.combine_chunks().to_batches()
    return batches[0] if batches else pa.RecordBatch.from_pylist([], schema=out.schema)
