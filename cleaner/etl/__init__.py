"""ETL paths over the public `Cleaner.decide`: Python lists, Arrow, pandas and Spark, with one output schema."""

from .arrow import clean_arrow, clean_table
from .pandas import clean_column, clean_series
from .rows import BatchError, clean_batch
from .schema import REMOVAL_FIELDS, build_removal_type, build_result_schema

__all__ = [
    "REMOVAL_FIELDS",
    "BatchError",
    "build_removal_type",
    "build_result_schema",
    "clean_arrow",
    "clean_batch",
    "clean_column",
    "clean_series",
    "clean_table",
]
