"""Apache Spark: clean a DataFrame's text column with `mapInArrow`, the Cleaner shipped to workers once."""

from __future__ import annotations

import functools
import hashlib
import pickle
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..engine import Cleaner
from ..model import Rule
from .arrow import clean_table
from .rows import BatchError
from .schema import ADDED_KINDS, REMOVAL_FIELDS, build_spark_type, import_pyarrow

if TYPE_CHECKING:
    from pyspark.sql import DataFrame
    from pyspark.sql.types import ArrayType

# Cleaners unpickled in this Python worker, by digest of their pickle: Spark reuses a worker for many tasks
# and batches, and the rules compile once per worker instead of once per task.
_CLEANERS: dict[str, Cleaner] = {}
_CACHED_CLEANERS = 8
# How often this process has unpickled (and so compiled) each cleaner; the tests read it on the workers.
LOADS: Counter[str] = Counter()


def import_pyspark() -> Any:
    """Return the pyspark module, or raise ImportError with the install command."""
    try:
        import pyspark
    except ImportError:  # pragma: no cover - depends on the installation
        raise ImportError("the Spark step needs pyspark: pip install 'article-cleaner[spark]'") from None
    return pyspark


def build_removals_spark_type() -> ArrayType:
    """The Spark type of the removals column: array<struct<rule, category, start: long, end: long, text>>."""
    import_pyspark()
    removals: ArrayType = build_spark_type("removals")
    return removals


@dataclass(frozen=True, slots=True)
class _Job:
    """What each task needs: the pickled Cleaner (rules travel inside it, not as files) and the column names."""

    payload: bytes
    digest: str
    text_col: str
    url_col: str | None
    title_col: str | None
    lang_col: str | None
    id_col: str | None
    output_col: str
    truncated_col: str
    removals_col: str
    flagged_col: str


def load_cleaner(digest: str, payload: bytes) -> Cleaner:
    """Return this worker's Cleaner for `digest`, unpickling (and so compiling) it only the first time."""
    cleaner = _CLEANERS.get(digest)
    if cleaner is None:
        cleaner = pickle.loads(payload)
        if len(_CLEANERS) >= _CACHED_CLEANERS:
            del _CLEANERS[next(iter(_CLEANERS))]
        _CLEANERS[digest] = cleaner
        LOADS[digest] += 1
    return cleaner


def resolve_cleaner(
    cleaner: Cleaner | None,
    rules: Iterable[str | Path | Rule],
    disable: Iterable[str],
    enable: Iterable[str],
    defaults: bool,
) -> Cleaner:
    """The given Cleaner, or one built from the rule options; giving both is an error."""
    rules, disable, enable = tuple(rules), tuple(disable), tuple(enable)
    if cleaner is None:
        return Cleaner(rules, disable=disable, enable=enable, defaults=defaults)
    if rules or disable or enable or not defaults:
        raise ValueError("pass either a Cleaner or rule options (rules, disable, enable, defaults), not both")
    return cleaner


def clean_dataframe(
    df: DataFrame,
    text_col: str,
    *,
    cleaner: Cleaner | None = None,
    rules: Iterable[str | Path | Rule] = (),
    disable: Iterable[str] = (),
    enable: Iterable[str] = (),
    defaults: bool = True,
    id_col: str | None = None,
    url_col: str | None = None,
    title_col: str | None = None,
    lang_col: str | None = None,
    output_col: str | None = None,
    truncated_col: str = "truncated",
    removals_col: str = "removals",
    flagged_col: str = "flagged",
) -> DataFrame:
    """Return `df` with the clean text, a `truncated` flag, the `removals` log and `flagged`, computed on executors.

    `flagged` is null except for a document kept whole because the rules would have removed more than the
    Cleaner's `max_removed_share`: it says why.

    The clean text replaces `text_col` unless `output_col` names a new column: the log rebuilds the original
    (`restore`), so a pre-processing step need not carry both. Every other column passes through unchanged.
    Rules are loaded and validated here, on the driver; custom rule files travel inside the pickled Cleaner,
    so they need not exist on the executors (the `cleaner` package itself must be installed there).
    `id_col` names the document in the error when one fails to clean (e.g. a rule ran past its time limit).
    """
    import_pyspark()
    from pyspark.sql.types import StringType, StructField, StructType

    cleaner = resolve_cleaner(cleaner, rules, disable, enable, defaults)
    output_col = output_col or text_col
    fields = {field.name: field for field in df.schema.fields}
    for role, name in (("text_col", text_col), ("url_col", url_col), ("title_col", title_col), ("lang_col", lang_col)):
        if name is not None and name not in fields:
            raise ValueError(f"{role} {name!r} is not a column; columns: {', '.join(fields)}")
        if name is not None and not isinstance(fields[name].dataType, StringType):
            raise TypeError(f"{role} {name!r} must be a string column, not {fields[name].dataType.simpleString()}")
    if id_col is not None and id_col not in fields:
        raise ValueError(f"id_col {id_col!r} is not a column; columns: {', '.join(fields)}")
    added = ([] if output_col == text_col else [output_col]) + [truncated_col, removals_col, flagged_col]
    for name in added:
        if name in fields or added.count(name) > 1:
            raise ValueError(f"output column {name!r} would overwrite another column: choose another name")
    text_field = StructField(output_col, StringType(), fields[text_col].nullable)
    out = [text_field if field.name == output_col else field for field in df.schema.fields]
    out += [text_field] if output_col != text_col else []
    # The schema's added columns: truncated is null where the text is, removals never (an empty list), flagged may be.
    nullable = {"truncated": fields[text_col].nullable, "removals": False, "flagged": True}
    out += [
        StructField(name, build_spark_type(kind), nullable[column])
        for name, (column, kind) in zip((truncated_col, removals_col, flagged_col), ADDED_KINDS, strict=True)
    ]
    payload = pickle.dumps(cleaner, protocol=pickle.HIGHEST_PROTOCOL)
    job = _Job(
        payload,
        hashlib.sha256(payload).hexdigest(),
        text_col,
        url_col,
        title_col,
        lang_col,
        id_col,
        output_col,
        truncated_col,
        removals_col,
        flagged_col,
    )
    # A partial of a module-level function pickles by reference plus the small job: no closure over the driver.
    return df.mapInArrow(functools.partial(clean_partition, job), StructType(out))


def clean_partition(job: _Job, batches: Iterator[Any]) -> Iterator[Any]:
    """Executor side of `clean_dataframe`: clean each Arrow RecordBatch of a partition."""
    pa = import_pyarrow()
    cleaner = load_cleaner(job.digest, job.payload)
    for batch in batches:
        yield from _clean_record_batch(pa, cleaner, job, batch)


def _clean_record_batch(pa: Any, cleaner: Cleaner, job: _Job, batch: Any) -> Iterator[Any]:
    try:
        table = clean_table(
            cleaner,
            pa.Table.from_batches([batch]),
            job.text_col,
            url_col=job.url_col,
            title_col=job.title_col,
            lang_col=job.lang_col,
            output_col=job.output_col,
            truncated_col=job.truncated_col,
            removals_col=job.removals_col,
            flagged_col=job.flagged_col,
        )
    except BatchError as error:
        name = f"document {batch.column(job.id_col)[error.row].as_py()!r}" if job.id_col else f"row {error.row}"
        raise RuntimeError(f"{name} of an Arrow batch failed to clean: {error.error}") from error.error
    if pa.types.is_large_string(batch.column(job.text_col).type):
        # spark.sql.execution.arrow.useLargeVarTypes: Spark sends, and expects back, 64-bit string offsets.
        added = {job.output_col, job.truncated_col, job.removals_col, job.flagged_col}
        table = table.cast(_large_schema(pa, table.schema, added))
    yield from table.to_batches()


def _large_schema(pa: Any, schema: Any, names: set[str]) -> Any:
    def widen(kind: Any) -> Any:
        if pa.types.is_string(kind):
            return pa.large_string()
        if pa.types.is_list(kind):
            return pa.list_(widen(kind.value_type))
        if pa.types.is_struct(kind):
            return pa.struct([pa.field(f.name, widen(f.type), f.nullable) for f in kind])
        return kind

    return pa.schema([pa.field(f.name, widen(f.type), f.nullable) if f.name in names else f for f in schema])


def removals_dataframe(df: DataFrame, id_col: str, removals_col: str = "removals") -> DataFrame:
    """Explode the removals of a cleaned DataFrame into a log: one row per removal (id, rule, ..., text)."""
    import_pyspark()
    from pyspark.sql import functions as F

    if id_col in REMOVAL_FIELDS:
        raise ValueError(f"id_col {id_col!r} clashes with a removal field: rename it first")
    exploded = df.select(df[id_col].alias(id_col), F.explode(df[removals_col]).alias("removal"))
    return exploded.select(id_col, *(F.col("removal").getField(name).alias(name) for name in REMOVAL_FIELDS))
