"""The batch API: `clean_batch` and `clean_arrow` give exactly what `Cleaner.clean` gives, row by row."""

from __future__ import annotations

from typing import Any

import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cleaner.etl.arrow as batch
from cleaner import Cleaner, Result
from cleaner.engine import Decision
from cleaner.etl import BatchError, clean_arrow, clean_batch, clean_table
from cleaner.examples import check_examples
from cleaner.removals import check_result

from .etl_data import (
    CLUTTER,
    CUT_ENDINGS,
    GOLDEN_ARTICLES,
    SENTENCES,
    assert_restores,
    etl_cleaner,
    expected_row,
    generate_articles,
    read_text,
)

CLEANER = etl_cleaner()
ODD = ["\x00", "😀", "👩‍👩‍👧", "\u2028", "\u2029", "\r\n", "\r", "\x85", "\ufeff", "\u00a0", "…", "。", ""]
paragraph = st.sampled_from(SENTENCES + CLUTTER + CUT_ENDINGS + ODD) | st.text(max_size=60)
document = st.lists(st.tuples(paragraph, st.sampled_from(["\n", "\r\n", "\n\n", "\u2028", ""])), max_size=10).map(
    lambda parts: "".join(p + b for p, b in parts)
)
maybe_text = st.none() | document | st.text(alphabet=st.characters(codec="utf-8"), max_size=200)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def assert_matches_clean(cleaner: Cleaner, texts: list[str | None], table: Any, **context: list[Any]) -> None:
    rows = table.to_pylist()
    assert len(rows) == len(texts)
    for k, (text, row) in enumerate(zip(texts, rows, strict=True)):
        if text is None:
            assert row == {"text": None, "truncated": None, "removals": [], "flagged": None}
            continue
        extra = {name: values[k] for name, values in context.items()}
        assert row == expected_row(cleaner.clean(text, **extra)), f"row {k} differs"
        assert_restores(text, row)


def test_the_etl_rule_pack_passes_its_own_examples() -> None:
    outcomes = list(check_examples(CLEANER.rules))
    assert outcomes and all(o.ok for o in outcomes), [o.message for o in outcomes if not o.ok]


def test_arrow_output_equals_clean_on_every_golden_article() -> None:
    texts = [read_text(path) for path in GOLDEN_ARTICLES]
    table = clean_arrow(CLEANER, pa.array(texts))
    assert table.schema == batch.RESULT_SCHEMA
    assert_matches_clean(CLEANER, list(texts), table)
    # The fixture pack really removes something from the goldens, so the comparison is not vacuous.
    assert sum(len(row["removals"]) for row in table.to_pylist()) >= 5


def test_arrow_output_equals_clean_on_generated_articles_with_urls_and_titles() -> None:
    articles = generate_articles(400)
    texts = [a.text for a in articles]
    urls = pa.array([a.url for a in articles])
    titles = pa.array([a.title for a in articles])
    table = clean_arrow(CLEANER, pa.chunked_array([pa.array(texts[:150]), pa.array(texts[150:])]), urls, titles)
    assert_matches_clean(CLEANER, texts, table, url=urls.to_pylist(), title=titles.to_pylist())
    rules = {r["rule"] for row in table.to_pylist() for r in row["removals"]}
    assert rules == {rule.id for rule in CLEANER.rules}, "every rule of the pack fires somewhere"


@SETTINGS
@given(st.lists(maybe_text, max_size=12), st.integers(min_value=1, max_value=5))
def test_arrow_output_equals_clean_on_arbitrary_text(texts: list[str | None], chunks: int) -> None:
    size = max(1, len(texts) // chunks)
    pieces = [pa.array(texts[k : k + size], pa.string()) for k in range(0, len(texts), size)]
    table = clean_arrow(CLEANER, pa.chunked_array(pieces, type=pa.string()))
    assert_matches_clean(CLEANER, texts, table)


@SETTINGS
@given(st.lists(maybe_text, max_size=12), st.integers(min_value=0, max_value=12), st.booleans())
def test_a_sliced_column_of_either_string_width_cleans_as_its_values(
    texts: list[str | None], offset: int, large: bool
) -> None:
    # A slice keeps the whole buffers and starts at an offset: each row must still be cleaned as its own value.
    column = pa.array(texts, pa.large_string() if large else pa.string()).slice(min(offset, len(texts)))
    values = column.to_pylist()
    assert_matches_clean(CLEANER, values, clean_arrow(CLEANER, column))


@pytest.mark.parametrize("kind", [pa.string(), pa.large_string(), pa.string_view()], ids=str)
def test_every_arrow_string_type_is_accepted(kind: Any) -> None:
    texts = ["Para one.\nAlso read: x y\nThe cut came before the end of the", None, "", "\x00"]
    table = clean_arrow(CLEANER, pa.array(texts, kind))
    assert_matches_clean(CLEANER, texts, table)


def test_nulls_stay_null_with_an_empty_log_and_unknown_truncation() -> None:
    table = clean_arrow(CLEANER, pa.nulls(3))
    assert table.to_pylist() == [{"text": None, "truncated": None, "removals": [], "flagged": None}] * 3
    assert clean_arrow(CLEANER, pa.array([], pa.string())).num_rows == 0
    assert clean_arrow(CLEANER, pa.chunked_array([], pa.string())).schema == batch.RESULT_SCHEMA


def test_long_chunks_are_cleaned_in_slices(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(batch, "SLICE_ROWS", 7)
    articles = generate_articles(60, seed=3)
    texts = [a.text for a in articles]
    urls = [a.url for a in articles]
    table = clean_arrow(CLEANER, pa.array(texts), urls=urls)
    assert_matches_clean(CLEANER, texts, table, url=urls)
    assert table.column("text").num_chunks == 9


def test_titles_alone_reach_the_title_rule_with_one_choice_of_rules_for_the_batch() -> None:
    articles = [a for a in generate_articles(120, seed=13) if a.text is not None]
    texts, titles = [a.text for a in articles], [a.title for a in articles]
    table = clean_arrow(CLEANER, pa.array(texts), titles=titles)
    assert_matches_clean(CLEANER, list(texts), table, title=titles)
    assert any(r["rule"] == "wrapper.en.etl_title_echo" for row in table.to_pylist() for r in row["removals"])


def test_rules_are_chosen_per_row_by_language_and_site() -> None:
    # The ETL pack is English, and one rule holds only on example.com: each row must get its own choice.
    articles = [a for a in generate_articles(160, seed=17) if a.text is not None]
    texts = [a.text for a in articles]
    langs = [("en", "de", None, "en-GB", "EN")[k % 5] for k in range(len(texts))]
    urls = [("https://www.example.com/a", "https://other.org/b", None)[k % 3] for k in range(len(texts))]
    table = clean_arrow(CLEANER, pa.array(texts), urls=urls, langs=langs)
    assert_matches_clean(CLEANER, list(texts), table, url=urls, lang=langs)
    assert clean_batch(CLEANER, texts, urls=urls, langs=langs) == [
        CLEANER.clean(t, url=u, lang=g) for t, u, g in zip(texts, urls, langs, strict=True)
    ]
    rows = table.to_pylist()
    german = [k for k, lang in enumerate(langs) if lang == "de"]
    assert all(rows[k]["removals"] == [] for k in german), "no English rule runs on German rows"
    assert any(CLEANER.clean(texts[k]).removals for k in german), "without a language they do"
    promo = [any(r["rule"] == "wrapper.en.etl_site_promo" for r in row["removals"]) for row in rows]
    assert any(promo[k] for k, url in enumerate(urls) if url and "example.com" in url)
    assert not any(promo[k] for k, url in enumerate(urls) if not url or "example.com" not in url)


def test_a_text_that_is_not_a_string_fails_with_the_engines_type_error_at_its_row() -> None:
    with pytest.raises(BatchError, match="row 1: TypeError: text must be str, not bytes") as caught:
        clean_batch(CLEANER, ["a", b"b", "c"])  # type: ignore[list-item]
    assert caught.value.row == 1


def test_a_failing_document_is_named_by_its_row_when_the_engine_is_called_directly(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A plain Cleaner: the batch calls the engine below `clean`, so the failure is raised from there.
    cleaner = Cleaner.from_rules(CLEANER.rules)
    engine = cleaner._decide

    def fails_on_boom(text: str, *rest: Any) -> Decision:
        if text == "boom":
            raise TimeoutError("rule x ran past the time limit")
        return engine(text, *rest)

    monkeypatch.setattr(cleaner, "_decide", fails_on_boom)
    monkeypatch.setattr(batch, "SLICE_ROWS", 3)
    texts = [None, "a", "b", None, "c", "boom", "d"]
    with pytest.raises(BatchError, match="row 5: TimeoutError") as caught:
        clean_arrow(cleaner, pa.array(texts), urls=[None] * len(texts))
    assert caught.value.row == 5 and isinstance(caught.value.__cause__, TimeoutError)
    with pytest.raises(BatchError, match="row 2: TimeoutError"):
        clean_batch(cleaner, ["a", "b", "boom"])


def test_constants_describe_the_output() -> None:
    assert batch.REMOVAL_TYPE.names == ["rule", "category", "start", "end", "text"]
    assert batch.RESULT_SCHEMA.field("removals").type == pa.list_(batch.REMOVAL_TYPE)
    with pytest.raises(AttributeError):
        _ = batch.NO_SUCH_CONSTANT


def test_clean_batch_equals_clean_with_and_without_context() -> None:
    articles = [a for a in generate_articles(80, seed=5) if a.text is not None]
    texts = [a.text for a in articles if a.text is not None]
    assert clean_batch(CLEANER, texts) == [CLEANER.clean(t) for t in texts]
    urls, titles = [a.url for a in articles], [a.title for a in articles]
    langs = ["en" if k % 2 else None for k in range(len(texts))]
    got = clean_batch(CLEANER, texts, urls=urls, titles=titles, langs=langs)
    assert got == [
        CLEANER.clean(t, url=u, lang=g, title=h) for t, u, h, g in zip(texts, urls, titles, langs, strict=True)
    ]
    for text, result in zip(texts, got, strict=True):
        check_result(text, result)


def test_context_of_the_wrong_length_is_an_error() -> None:
    with pytest.raises(ValueError, match="urls has 1 values for 2 texts"):
        clean_batch(CLEANER, ["a", "b"], urls=["x"])
    with pytest.raises(ValueError, match="titles has 3 values for 2 texts"):
        clean_arrow(CLEANER, pa.array(["a", "b"]), titles=["x", "y", "z"])
    with pytest.raises(TypeError, match="texts must be an Arrow string column, not int64"):
        clean_arrow(CLEANER, pa.array([1, 2]))


class _FailsOnBoom(Cleaner):
    def clean(self, text: str, url: str | None = None, lang: str | None = None, title: str | None = None) -> Result:
        if text == "boom":
            raise TimeoutError("rule x ran past the time limit")
        return super().clean(text, url, lang, title)


def test_a_subclass_that_overrides_clean_is_called_per_row_and_its_failure_named_by_row(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    failing = _FailsOnBoom.from_rules(CLEANER.rules)
    with pytest.raises(BatchError, match="row 2: TimeoutError") as caught:
        clean_batch(failing, ["a", "b", "boom"])
    assert isinstance(caught.value.__cause__, TimeoutError)
    monkeypatch.setattr(batch, "SLICE_ROWS", 4)
    texts = [None, "a", None, "b", "c", None, "d", "boom"]
    with pytest.raises(BatchError, match="row 7: TimeoutError") as caught:
        clean_arrow(failing, pa.array(texts))
    assert caught.value.row == 7


def test_clean_table_replaces_the_text_and_adds_the_log_columns() -> None:
    articles = generate_articles(50, seed=9)
    table = pa.table(
        {"id": [a.id for a in articles], "body": [a.text for a in articles], "url": [a.url for a in articles]}
    )
    out = clean_table(CLEANER, table, "body", url_col="url")
    assert out.column_names == ["id", "body", "url", "truncated", "removals", "flagged"]
    expected = clean_arrow(CLEANER, table.column("body"), urls=table.column("url"))
    assert (
        out.select(["body", "truncated", "removals", "flagged"])
        .rename_columns(["text", "truncated", "removals", "flagged"])
        .equals(expected)
    )
    kept = clean_table(CLEANER, table.to_batches()[0], "body", output_col="clean")
    assert isinstance(kept, pa.RecordBatch)
    assert kept.column("body").equals(table.column("body").combine_chunks())
    without_urls = clean_arrow(CLEANER, table.column("body"))
    assert kept.column("clean").to_pylist() == without_urls.column("text").to_pylist()
    empty = clean_table(CLEANER, table.to_batches()[0].slice(0, 0), "body")
    assert isinstance(empty, pa.RecordBatch) and empty.num_rows == 0 and empty.num_columns == 6
    with pytest.raises(ValueError, match="'id' would overwrite"):
        clean_table(CLEANER, table, "body", removals_col="id")


def test_a_document_kept_whole_by_the_removal_guard_says_why_in_the_flagged_column() -> None:
    cautious = Cleaner(max_removed_share=0.2)
    clutter = "\n".join(["Advertisement", "Also read: Storm closes three ports", "READ MORE"] * 12)
    texts = [clutter + "\nThe council met on Tuesday.", "The council met on Tuesday and agreed on the budget."]
    rows = clean_arrow(cautious, pa.array(texts)).to_pylist()
    for text, row in zip(texts, rows, strict=True):
        assert row == expected_row(cautious.clean(text))
    assert rows[0]["text"] == texts[0] and rows[0]["removals"] == []
    assert rows[0]["flagged"] and "limit 20%" in rows[0]["flagged"]
    assert rows[1]["flagged"] is None
