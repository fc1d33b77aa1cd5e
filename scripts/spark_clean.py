"""Example Spark job: clean a JSONL or Parquet dump, write clean Parquet and an exploded removal log.

    python scripts/spark_clean.py dump.jsonl out/ --text-field text --id-field id --log log/ --master 'local[2]'
    spark-submit scripts/spark_clean.py s3://bucket/dump/ s3://bucket/clean/ --format parquet --id-field id

On a cluster the executors need `article-cleaner` installed (rule files they do not need: the rules travel
inside the pickled Cleaner).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from pyspark.sql import SparkSession
from pyspark.sql import functions as F

from cleaner import Cleaner
from cleaner.etl.spark import clean_dataframe, removals_dataframe


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("input", help="JSONL (.jsonl, .json, .gz) file or folder, or Parquet file or folder")
    parser.add_argument("output", help="Parquet folder for the cleaned records")
    parser.add_argument("--format", choices=["json", "parquet"], help="input format (default: from the suffix)")
    parser.add_argument("--text-field", default="text", help="field holding the article text (default: text)")
    parser.add_argument("--id-field", help="field identifying a record; needed for --log")
    parser.add_argument("--url-field", help="field holding the page URL (enables per-domain rules)")
    parser.add_argument("--title-field", help="field holding the page title")
    parser.add_argument("--output-field", help="write the clean text here and keep the original text field")
    parser.add_argument("--rules", nargs="*", default=[], help="extra rule files or folders")
    parser.add_argument("--no-defaults", action="store_true", help="leave out the shipped rule packs")
    parser.add_argument("--disable", nargs="*", default=[], help="rule ids or dotted prefixes to switch off")
    parser.add_argument("--log", help="Parquet folder for the removal log (one row per removal)")
    parser.add_argument("--master", help="Spark master, e.g. local[2] (default: spark-submit's or local[*])")
    parser.add_argument("--overwrite", action="store_true", help="replace existing output folders")
    args = parser.parse_args(argv)
    if args.log and not args.id_field:
        parser.error("--log needs --id-field: each removal is logged against its record's id")
    return args


def input_format(args: argparse.Namespace) -> str:
    if args.format:
        return str(args.format)
    suffixes = Path(args.input).suffixes
    return "parquet" if ".parquet" in suffixes or (Path(args.input).is_dir() and not suffixes) else "json"


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    # Rules are loaded and validated here, before Spark starts: a bad rule file fails fast, with path:line:col.
    cleaner = Cleaner(args.rules, disable=args.disable, defaults=not args.no_defaults)
    builder = SparkSession.builder.appName("article-cleaner")
    if args.master:
        builder = builder.master(args.master)
        if args.master.startswith("local"):
            # Local workers must run this interpreter, which has the cleaner and its dependencies.
            os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    spark = builder.getOrCreate()
    started = time.perf_counter()
    reader = spark.read
    df = reader.parquet(args.input) if input_format(args) == "parquet" else reader.json(args.input)
    cleaned = clean_dataframe(
        df,
        args.text_field,
        cleaner=cleaner,
        id_col=args.id_field,
        url_col=args.url_field,
        title_col=args.title_field,
        output_col=args.output_field,
    )
    mode = "overwrite" if args.overwrite else "errorifexists"
    cleaned.write.mode(mode).parquet(args.output)
    # Read the written output back instead of cleaning twice: the log is exploded from exactly what was written.
    written = spark.read.parquet(args.output)
    if args.log:
        removals_dataframe(written, args.id_field).write.mode(mode).parquet(args.log)
    summary = written.agg(
        F.count(F.lit(1)).alias("records"),
        F.sum(F.col("truncated").cast("int")).alias("truncated"),
        F.sum(F.size("removals")).alias("removals"),
    ).first()
    assert summary is not None
    seconds = time.perf_counter() - started
    print(
        f"cleaned {summary['records']} records in {seconds:.1f}s: {summary['removals'] or 0} removals, "
        f"{summary['truncated'] or 0} truncated; output {args.output}" + (f", log {args.log}" if args.log else "")
    )
    spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
