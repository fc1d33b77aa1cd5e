"""Many documents in one call: each row through the public `Cleaner.decide`, a failing row named by number."""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from typing import Any

from ..decision import Decision
from ..engine import LANGUAGE_GROUP, Cleaner
from ..model import Result


class BatchError(ValueError):
    """One document of a batch could not be cleaned; `row` is its 0-based position in the batch."""

    def __init__(self, row: int, error: Exception) -> None:
        self.row = row
        self.error = error
        super().__init__(f"row {row}: {type(error).__name__}: {error}")


def check_length(name: str, values: Sequence[Any] | None, rows: int) -> None:
    """Refuse a context column (urls, titles, langs) whose length is not the texts' own."""
    if values is not None and len(values) != rows:
        raise ValueError(f"{name} has {len(values)} values for {rows} texts")


def clean_batch(
    cleaner: Cleaner,
    texts: Sequence[str],
    urls: Sequence[str | None] | None = None,
    titles: Sequence[str | None] | None = None,
    langs: Sequence[str | None] | None = None,
) -> list[Result]:
    """Clean every text (with its url, title and language when given); one Result per text, in order.

    A failing document raises BatchError naming its row, with the engine's error as `error` and `__cause__`.
    """
    rows = len(texts)
    for name, values in (("urls", urls), ("titles", titles), ("langs", langs)):
        check_length(name, values, rows)
    outcomes = decide_rows(cleaner, texts, urls, titles, langs, nulls=False)
    return [
        outcome if isinstance(outcome, Result) else outcome.result()  # type: ignore[union-attr]
        for outcome in outcomes
    ]


def decide_rows(
    cleaner: Cleaner,
    texts: Sequence[str | None],
    urls: Sequence[str | None] | None,
    titles: Sequence[str | None] | None,
    langs: Sequence[str | None] | None,
    *,
    nulls: bool,
) -> Iterator[Decision | Result | None]:
    """What cleaning each row gives, in order: the Decision of `Cleaner.decide`, from which no Result need be built.

    A subclass that overrides `clean` keeps its behaviour: its rows give the Result of its `clean`. With `nulls`,
    a None text gives None (a null row); otherwise, like any text that is not a string, it meets `clean`'s
    TypeError. BatchError names a failing row.
    """
    # Lengths are checked by the callers; an absent column reads as None on every row.
    context = [itertools.repeat(None) if values is None else values for values in (urls, titles, langs)]
    rows = zip(texts, *context, strict=False)
    decide = cleaner.decide if type(cleaner).clean is Cleaner.clean else None
    done = 0
    try:
        while group := list(itertools.islice(rows, LANGUAGE_GROUP)):
            # The languages of a group's texts given without one, detected in a row (`Cleaner.languages`).
            ahead = {k: row[0] for k, row in enumerate(group) if row[3] is None and isinstance(row[0], str)}
            found = dict(zip(ahead, cleaner.languages(list(ahead.values())), strict=True)) if decide else {}
            for k, (text, url, title, lang) in enumerate(group):
                if text is None and nulls:
                    yield None
                elif decide is None or not isinstance(text, str):
                    # A subclass's own `clean`; for a text that is not a string, `clean`'s own TypeError.
                    yield cleaner.clean(text, url, lang, title)
                else:
                    yield decide(text, url, lang, title, detected=found.get(k))
                done += 1
    except Exception as error:
        raise BatchError(done, error) from error
