"""The Spark step on a real local[2] session: output equals `Cleaner.clean` row by row; rules compile once a worker."""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest

import cleaner.etl.spark as cleaner_spark
from cleaner import Cleaner, Result
from cleaner.etl.spark import build_removals_spark_type, clean_dataframe, clean_partition, removals_dataframe

from .etl_data import ETL_RULES, Article, assert_restores, etl_cleaner, expected_row, generate_articles
from .spark_support import local_session, needs_java

pyspark = pytest.importorskip("pyspark")
# pyspark 4.3 warns that it does not fully support pandas 3; the Arrow path tested here does not use pandas.
pytestmark = pytest.mark.filterwarnings("ignore:PySpark does not yet fully support pandas:FutureWarning")

REFERENCE = etl_cleaner()
ARTICLES = generate_articles(300, seed=31)
SCHEMA = "id string, body string, url string, title string"


@pytest.fixture(scope="session")
def spark() -> Iterator[Any]:
    # Small Arrow batches: many batches per task, so a per-batch rebuild of the Cleaner would show.
    with local_session(
        "article-cleaner-tests",
        **{"spark.sql.shuffle.partitions": "2", "spark.sql.execution.arrow.maxRecordsPerBatch": "16"},
    ) as session:
        yield session


@pytest.fixture(scope="module")
def articles_df(spark: Any) -> Any:
    rows = [(a.id, a.text, a.url, a.title) for a in ARTICLES]
    return spark.createDataFrame(rows, SCHEMA).repartition(4)


def by_id(rows: list[Any]) -> dict[str, dict[str, Any]]:
    return {row["id"]: row.asDict(recursive=True) for row in rows}


def expected(article: Article) -> dict[str, Any]:
    if article.text is None:
        return {"text": None, "truncated": None, "removals": [], "flagged": None}
    return expected_row(REFERENCE.clean(article.text, url=article.url, title=article.title))


@needs_java
def test_spark_output_equals_clean_row_by_row_with_rule_files_absent_on_executors(
    articles_df: Any, tmp_path: Path
) -> None:
    rules = tmp_path / "rules.yaml"
    shutil.copy(ETL_RULES, rules)
    out = clean_dataframe(
        articles_df, "body", rules=[rules], defaults=False, id_col="id", url_col="url", title_col="title"
    )
    # The rules were loaded on the driver; from here on they travel only inside the pickled Cleaner.
    rules.unlink()
    assert out.columns == ["id", "body", "url", "title", "truncated", "removals", "flagged"]
    assert out.schema["removals"].dataType == build_removals_spark_type()
    assert out.schema["truncated"].dataType.simpleString() == "boolean"
    got = by_id(out.collect())
    assert len(got) == len(ARTICLES)
    for article in ARTICLES:
        row = got[article.id]
        fields = {name: row[name] for name in ("truncated", "removals", "flagged")}
        assert {"text": row["body"], **fields} == expected(article)
        assert (row["url"], row["title"]) == (article.url, article.title)
        if article.text is not None:
            assert_restores(article.text, {"text": row["body"], "removals": row["removals"]})
    assert sum(len(row["removals"]) for row in got.values()) > len(ARTICLES) // 2


@needs_java
def test_each_python_worker_compiles_the_rules_once(spark: Any, articles_df: Any) -> None:
    cleaner = etl_cleaner()
    out = clean_dataframe(articles_df, "body", cleaner=cleaner, url_col="url", title_col="title")
    out.write.format("noop").mode("overwrite").save()

    # Ask the Arrow workers (the pool that ran the step) how often each unpickled (and compiled) a Cleaner.
    def report(batches: Iterator[Any]) -> Iterator[Any]:
        for _ in batches:
            loads = cleaner_spark.LOADS
            yield pa.record_batch({"pid": [os.getpid()] * len(loads), "loads": list(loads.values())})

    loads = spark.range(8).repartition(8).mapInArrow(report, "pid long, loads long").collect()
    counts = [row["loads"] for row in loads]
    assert counts, "no worker reports a loaded Cleaner"
    assert max(counts) == 1, f"a worker compiled the same rules more than once: {loads}"


@needs_java
def test_removals_dataframe_is_the_exploded_log(articles_df: Any) -> None:
    out = clean_dataframe(articles_df, "body", cleaner=REFERENCE, url_col="url", title_col="title")
    log = removals_dataframe(out, "id")
    assert log.columns == ["id", "rule", "category", "start", "end", "text"]
    got = sorted(tuple(row) for row in log.collect())
    want = sorted((a.id, *r.values()) for a in ARTICLES if a.text is not None for r in expected(a)["removals"])
    assert got == want


@needs_java
def test_output_col_keeps_the_original_and_large_arrow_strings_work(spark: Any, articles_df: Any) -> None:
    spark.conf.set("spark.sql.execution.arrow.useLargeVarTypes", "true")
    try:
        out = clean_dataframe(articles_df, "body", cleaner=REFERENCE, id_col="id", output_col="clean")
        got = by_id(out.collect())
    finally:
        spark.conf.unset("spark.sql.execution.arrow.useLargeVarTypes")
    assert out.columns == ["id", "body", "url", "title", "clean", "truncated", "removals", "flagged"]
    for article in ARTICLES:
        row = got[article.id]
        assert row["body"] == article.text
        without_context = Article(article.id, article.text, None, None)
        fields = {name: row[name] for name in ("truncated", "removals", "flagged")}
        assert {"text": row["clean"], **fields} == expected(without_context)


@needs_java
def test_bad_arguments_are_refused_before_any_job(spark: Any) -> None:
    df = spark.createDataFrame([("a", "x", 1)], "id string, body string, n int")
    with pytest.raises(ValueError, match="text_col 'missing' is not a column"):
        clean_dataframe(df, "missing", cleaner=REFERENCE)
    with pytest.raises(TypeError, match="url_col 'n' must be a string column, not int"):
        clean_dataframe(df, "body", cleaner=REFERENCE, url_col="n")
    with pytest.raises(ValueError, match="'id' would overwrite"):
        clean_dataframe(df, "body", cleaner=REFERENCE, truncated_col="id")
    with pytest.raises(ValueError, match="either a Cleaner or rule options"):
        clean_dataframe(df, "body", cleaner=REFERENCE, rules=[ETL_RULES])
    with pytest.raises(ValueError, match="clashes with a removal field"):
        removals_dataframe(df, "text")


def job_for(cleaner: Cleaner, **names: str | None) -> Any:
    payload = pickle.dumps(cleaner)
    columns: dict[str, str | None] = {"url_col": None, "title_col": None, "lang_col": None, "id_col": None}
    columns.update(names)
    digest = "test-" + hashlib.sha256(payload).hexdigest()
    return cleaner_spark._Job(
        payload, digest, "body", output_col="body", truncated_col="t", removals_col="r", flagged_col="f", **columns
    )


def test_a_partition_unpickles_its_cleaner_once_for_all_its_batches() -> None:
    job = job_for(REFERENCE)
    batches = [pa.record_batch({"body": pa.array([a.text for a in ARTICLES[k : k + 10]])}) for k in range(0, 300, 10)]
    out = list(clean_partition(job, iter(batches)))
    out += list(clean_partition(job, iter(batches[:3])))
    assert cleaner_spark.LOADS[job.digest] == 1
    assert sum(b.num_rows for b in out) == 330
    assert out[0].schema.names == ["body", "t", "r", "f"]


class _FailsOnBoom(Cleaner):
    def clean(self, text: str, url: str | None = None, lang: str | None = None, title: str | None = None) -> Result:
        if text == "boom":
            raise TimeoutError("rule x ran past the time limit")
        return super().clean(text, url, lang, title)


def test_a_failing_document_is_named_by_its_id() -> None:
    job = job_for(_FailsOnBoom.from_rules(REFERENCE.rules), id_col="id")
    batch = pa.record_batch({"id": ["d1", "d2", "d3"], "body": ["fine.", None, "boom"]})
    with pytest.raises(RuntimeError, match="document 'd3' of an Arrow batch failed to clean: rule x ran past"):
        list(clean_partition(job, iter([batch])))
