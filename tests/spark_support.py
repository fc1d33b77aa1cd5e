"""A local[2] Spark session for the tests, and the mark that skips them without Java."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

JAVA_HOME = os.environ.get("JAVA_HOME")
HAS_JAVA = shutil.which("java") is not None or bool(JAVA_HOME and (Path(JAVA_HOME) / "bin" / "java").exists())
needs_java = pytest.mark.skipif(not HAS_JAVA, reason="Spark needs Java: no `java` on PATH and no JAVA_HOME")


@contextmanager
def local_session(app: str, **conf: str) -> Iterator[Any]:
    """A quiet local[2] session without UI; its Python workers run this interpreter (and its packages)."""
    from pyspark.sql import SparkSession

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PYSPARK_PYTHON", sys.executable)
        builder = SparkSession.builder.master("local[2]").appName(app).config("spark.ui.enabled", "false")
        for key, value in {"spark.default.parallelism": "2", **conf}.items():
            builder = builder.config(key, value)
        session = builder.getOrCreate()
        session.sparkContext.setLogLevel("ERROR")
        yield session
        session.stop()
