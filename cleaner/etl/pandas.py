"""pandas: clean a Series or a DataFrame column; results keep the index, nulls stay null."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..engine import Cleaner
from ..model import Rule
from .rows import clean_batch
from .schema import ADDED_COLUMNS, RESULT_COLUMNS

# The pandas dtype of each column kind of the schema. The removals are plain lists of dicts (object dtype): pandas
# writes them to Parquet as list<struct> and reads them back; an Arrow-backed dtype would not read back with
# pd.read_parquet (pandas 3.1).
_DTYPES: dict[str, object] = {"string": "string", "bool": "boolean", "removals": object}


def import_pandas() -> Any:
    """Return the pandas module, or raise ImportError with the install command."""
    try:
        import pandas  # type: ignore[import-untyped,unused-ignore]
    except ImportError:  # pragma: no cover - depends on the installation
        raise ImportError("the pandas step needs pandas: pip install 'article-cleaner[pandas]'") from None
    return pandas


def _align_values(pd: Any, values: Any, index: Any, name: str) -> list[str | None] | None:
    """Align urls or titles to the texts: a Series by index, anything else by position; missing values are None."""
    if values is None:
        return None
    if isinstance(values, pd.Series):
        values = values if values.index.equals(index) else values.reindex(index)
    elif len(values) != len(index):
        raise ValueError(f"{name} has {len(values)} values for {len(index)} texts")
    return [None if _is_missing(pd, v) else str(v) for v in values]


def _is_missing(pd: Any, value: Any) -> bool:
    return value is None or (not isinstance(value, str) and bool(pd.isna(value)))


def clean_series(
    series: Any,
    cleaner: Cleaner | None = None,
    urls: Any = None,
    titles: Any = None,
    langs: Any = None,
) -> Any:
    """Return a DataFrame with the series' index and columns text, truncated, removals (lists of dicts), flagged.

    Build the Cleaner once and pass it in: without one, the shipped rules are loaded and compiled per call.
    A missing text (None, NaN, NA) gives a missing `text`, a missing `truncated` and an empty `removals` list.
    `flagged` is missing except for a document kept whole because the rules would have removed more than the
    Cleaner's `max_removed_share`: it says why.
    """
    pd = import_pandas()
    cleaner = Cleaner() if cleaner is None else cleaner
    texts = series.tolist()
    present = [k for k, text in enumerate(texts) if not _is_missing(pd, text)]
    for k in present:
        if not isinstance(texts[k], str):
            raise TypeError(f"row {series.index[k]!r}: text must be str, not {type(texts[k]).__name__}")
    context = [_align_values(pd, values, series.index, name) for name, values in (("urls", urls), ("titles", titles))]
    context += [_align_values(pd, langs, series.index, "langs")]
    picked = clean_batch(
        cleaner,
        [texts[k] for k in present],
        *(None if values is None else [values[k] for k in present] for values in context),
    )
    clean_texts: list[str | None] = [None] * len(texts)
    truncated: list[bool | None] = [None] * len(texts)
    removals: list[list[dict[str, object]]] = [[] for _ in texts]
    flagged: list[str | None] = [None] * len(texts)
    for k, result in zip(present, picked, strict=True):
        clean_texts[k] = result.text
        truncated[k] = result.truncated
        removals[k] = [removal.to_dict() for removal in result.removals]
        flagged[k] = result.flagged
    # Keep the caller's string dtype (object, "str" or "string"); anything else becomes "string".
    text_dtype = series.dtype if pd.api.types.is_string_dtype(series.dtype) else "string"
    values = {"text": clean_texts, "truncated": truncated, "removals": removals, "flagged": flagged}
    return pd.DataFrame(
        {
            name: pd.Series(values[name], index=series.index, dtype=text_dtype if name == "text" else _DTYPES[kind])
            for name, kind in RESULT_COLUMNS
        }
    )


def clean_column(
    df: Any,
    column: str,
    cleaner: Cleaner | None = None,
    *,
    rules: Sequence[str | Path | Rule] = (),
    url_column: str | None = None,
    title_column: str | None = None,
    lang_column: str | None = None,
    output_column: str | None = None,
    truncated_column: str = "truncated",
    removals_column: str = "removals",
    flagged_column: str = "flagged",
) -> Any:
    """Return a copy of `df` with the clean text (in `column`, or `output_column`), truncated, removals, flagged.

    `rules` are extra rule files or folders on top of the shipped packs, used only when no `cleaner` is given.
    """
    if cleaner is None:
        cleaner = Cleaner(rules)
    elif rules:
        raise ValueError("pass either a Cleaner or rules, not both")
    output_column = output_column or column
    added = [truncated_column, removals_column, flagged_column]
    added = ([] if output_column == column else [output_column]) + added
    for name in added:
        if name in df.columns or added.count(name) > 1:
            raise ValueError(f"output column {name!r} would overwrite another column: choose another name")
    cleaned = clean_series(
        df[column],
        cleaner,
        urls=None if url_column is None else df[url_column],
        titles=None if title_column is None else df[title_column],
        langs=None if lang_column is None else df[lang_column],
    )
    out = df.copy()
    out[output_column] = cleaned["text"]
    for name, column_name in zip((truncated_column, removals_column, flagged_column), ADDED_COLUMNS, strict=True):
        out[name] = cleaned[column_name]
    return out
