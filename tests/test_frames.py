"""The pandas step: `clean_series` and `clean_column` give exactly what `Cleaner.clean` gives, row by row."""

from __future__ import annotations

import numpy as np
import pandas as pd  # type: ignore[import-untyped]
import pytest

from cleaner.etl.pandas import clean_column, clean_series

from .etl_data import assert_restores, etl_cleaner, expected_row, generate_articles

CLEANER = etl_cleaner()
ARTICLES = generate_articles(200, seed=23)


def frame() -> pd.DataFrame:
    # A shuffled, non-default index: results must follow the index, not the position.
    index = np.random.default_rng(1).permutation(len(ARTICLES)) * 10
    return pd.DataFrame(
        {
            "id": [a.id for a in ARTICLES],
            "body": [a.text for a in ARTICLES],
            "url": [a.url for a in ARTICLES],
            "title": [a.title for a in ARTICLES],
        },
        index=index,
    )


def test_clean_series_equals_clean_row_by_row() -> None:
    df = frame()
    out = clean_series(df["body"], CLEANER, urls=df["url"], titles=df["title"])
    assert list(out.columns) == ["text", "truncated", "removals", "flagged"]
    assert out.index.equals(df.index)
    for label, article in zip(df.index, ARTICLES, strict=True):
        got = out.loc[label]
        if article.text is None:
            assert pd.isna(got["text"]) and pd.isna(got["truncated"]) and got["removals"] == []
            continue
        flagged = None if pd.isna(got["flagged"]) else got["flagged"]
        row = {
            "text": got["text"],
            "truncated": bool(got["truncated"]),
            "removals": got["removals"],
            "flagged": flagged,
        }
        assert row == expected_row(CLEANER.clean(article.text, url=article.url, title=article.title))
        assert_restores(article.text, row)
    assert out["truncated"].dtype == "boolean"


def test_context_series_are_aligned_by_index() -> None:
    df = frame()
    shuffled_urls = df["url"].sample(frac=1.0, random_state=4)
    by_index = clean_series(df["body"], CLEANER, urls=shuffled_urls)
    in_order = clean_series(df["body"], CLEANER, urls=df["url"].tolist())
    pd.testing.assert_frame_equal(by_index, in_order)


def test_missing_values_of_every_kind_stay_missing() -> None:
    series = pd.Series(["Advertisement\nKept.", None, np.nan, pd.NA], dtype=object)
    out = clean_series(series, CLEANER)
    assert out["text"].iloc[0] == "Kept."
    assert out["text"].iloc[1:].isna().all() and out["truncated"].iloc[1:].isna().all()
    assert out["removals"].iloc[1:].tolist() == [[], [], []]


def test_clean_column_returns_a_copy_with_the_clean_text_and_the_log() -> None:
    df = frame()
    before = df.copy()
    out = clean_column(df, "body", CLEANER, url_column="url", title_column="title")
    pd.testing.assert_frame_equal(df, before)
    assert list(out.columns) == ["id", "body", "url", "title", "truncated", "removals", "flagged"]
    expected = clean_series(df["body"], CLEANER, urls=df["url"], titles=df["title"])
    pd.testing.assert_series_equal(out["body"], expected["text"], check_names=False)
    kept = clean_column(df, "body", CLEANER, output_column="clean")
    pd.testing.assert_series_equal(kept["body"], df["body"])
    assert kept["clean"].notna().sum() == df["body"].notna().sum()


def test_clean_column_refuses_to_overwrite_other_columns() -> None:
    df = frame()
    with pytest.raises(ValueError, match="'url' would overwrite"):
        clean_column(df, "body", CLEANER, output_column="url")
    with pytest.raises(ValueError, match="'title' would overwrite"):
        clean_column(df, "body", CLEANER, truncated_column="title")
    with pytest.raises(ValueError, match="either a Cleaner or rules"):
        clean_column(df, "body", CLEANER, rules=["x.yaml"])


def test_a_non_text_value_is_named_by_its_label() -> None:
    with pytest.raises(TypeError, match="row 'b': text must be str, not int"):
        clean_series(pd.Series(["ok.", 3], index=["a", "b"], dtype=object), CLEANER)
