"""The Spark mining step on a real local[2] session gives the same rule files as the command line."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from cleaner.cli import main

from .mine_data import records, write_dump
from .spark_support import local_session, needs_java

pyspark = pytest.importorskip("pyspark")
pytest.importorskip("pandas")
pytestmark = pytest.mark.filterwarnings("ignore:PySpark does not yet fully support pandas:FutureWarning")


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    with local_session("article-cleaner-mine-tests", **{"spark.sql.shuffle.partitions": "3"}) as session:
        yield session


@needs_java
def test_spark_mining_writes_the_same_files_as_the_command_line(spark: Any, tmp_path: Path) -> None:
    from cleaner.mine import write_files
    from cleaner.mine.spark import mine_dataframe

    dump = write_dump(tmp_path / "dump.jsonl")
    assert main(["mine", str(dump), "-o", str(tmp_path / "cli"), "-q"]) == 0
    rows = [(r["id"], r["text"], r.get("url")) for r in records()]
    df = spark.createDataFrame(rows, "id string, text string, url string").coalesce(2)
    mined = mine_dataframe(df, "text", id_col="id", url_col="url")
    write_files(mined.files, tmp_path / "spark")
    cli = {p.name: p.read_bytes() for p in sorted((tmp_path / "cli").iterdir())}
    got = {p.name: p.read_bytes() for p in sorted((tmp_path / "spark").iterdir())}
    assert got == cli
    assert len(cli) == 5
