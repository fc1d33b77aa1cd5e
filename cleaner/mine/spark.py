"""The mining as a Spark step: each site is mined on an executor, the files are settled and written on the driver."""

from __future__ import annotations

import importlib
import pickle
from typing import TYPE_CHECKING, Any

from .run import Mined, finish, mine_site
from .site import SiteMiner, Thresholds
from .sites import site_of

if TYPE_CHECKING:  # pragma: no cover
    from pyspark.sql import DataFrame

ORDER_COL = "__mine_order"
SITE_COL = "__mine_site"


def _mine_group(thresholds: Thresholds, frame: Any) -> Any:
    """One site's rows (a pandas frame) -> one row holding its pickled miner, after both passes in input order."""
    pd: Any = importlib.import_module("pandas")
    frame = frame.sort_values(ORDER_COL, kind="stable")
    site = frame[SITE_COL].iloc[0]
    site = None if pd.isna(site) else str(site)
    rows = list(zip(frame["__mine_id"].astype(str), frame["__mine_text"].fillna(""), strict=True))
    miner = mine_site(site, lambda: iter(rows), thresholds)
    return pd.DataFrame({"miner": [pickle.dumps(miner, protocol=pickle.HIGHEST_PROTOCOL)]})


def mine_dataframe(
    df: DataFrame,
    text_col: str,
    *,
    id_col: str,
    url_col: str | None = None,
    site_col: str | None = None,
    thresholds: Thresholds | None = None,
    cross_site_min: int = 2,
) -> Mined:
    """Mine a DataFrame's sites; the files equal `cleaner mine` on the same records in the same order.

    A row's site is `site_col` when given and set, else the site of its URL (as the command line decides). Rows
    keep the DataFrame's order (monotonically_increasing_id), which is the order of the files it was read from;
    each site's rows go to one executor (`groupBy(site).applyInPandas`), so one site must fit an executor's
    memory, and the miners come back to the driver (their size is bounded: see cleaner/mine/site.py).
    """
    from pyspark.sql import functions as F
    from pyspark.sql.types import StringType

    settings = thresholds or Thresholds()
    url = F.col(url_col) if url_col else F.lit(None).cast("string")
    given = F.col(site_col) if site_col else F.lit(None).cast("string")
    site_udf = F.udf(lambda u, s: site_of(u, s), StringType())
    rows = df.select(
        F.monotonically_increasing_id().alias(ORDER_COL),
        site_udf(url, given).alias(SITE_COL),
        F.col(id_col).cast("string").alias("__mine_id"),
        F.col(text_col).alias("__mine_text"),
    ).where(F.col("__mine_text").isNotNull())
    grouped = rows.groupBy(SITE_COL).applyInPandas(lambda frame: _mine_group(settings, frame), "miner binary")
    miners: list[SiteMiner] = [pickle.loads(row["miner"]) for row in grouped.collect()]
    return finish(miners, cross_site_min)
