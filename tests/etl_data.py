"""Generated articles for the ETL tests: clean paragraphs mixed with clutter that fixtures/etl/rules.yaml removes."""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cleaner import Cleaner, Result
from cleaner.removals import removal_from_dict, restore

from .conftest import FIXTURES

ETL_RULES = FIXTURES / "etl" / "rules.yaml"
GOLDEN_ARTICLES = sorted(p for p in (FIXTURES / "articles").glob("*.txt") if not p.name.endswith(".clean.txt"))

SENTENCES = [
    "The council approved the budget on Tuesday after a long debate.",
    "Dock workers walked out again on Monday, the union said.",
    "Prices for rice rose by 4% in the quarter, according to the ministry.",
    "Die Hafenarbeiter legten am Montag erneut die Arbeit nieder.",
    "Le festival a attiré plus de 100 000 visiteurs cette année.",
    "Мэрия объявила о закрытии трёх школ из-за морозов.",
    "深圳市政府宣布了新的保障性住房计划。",
    "Officials declined to say when the talks would resume?",
    "“We will see,” she said.",
    "He said he would also read the report before the vote.",
    "Advertisement revenue fell 4% in the quarter.",
    "Emoji-heavy posts 😀👩‍👩‍👧 drew the most replies!",
]
CLUTTER = [
    "Also read: Storm closes three ports on the east coast",
    "READ MORE | Why the vote was delayed again",
    "Related: Opposition calls for a recount",
    "Advertisement",
    "Share this article",
    "Subscribe to Example News for the morning briefing",
]
INLINE = " (Also read: Storm hits coast)"
CUT_ENDINGS = [
    " Observers had doubted her ability to navigate the",
    "\n\nContinue reading...\n\nShare this",
    "\nThe ministry said on Tuesday that the new rules would apply to every port and",
]
TITLES = ["Port strike enters its third week", "Rice exports hit a record", "Festival draws record crowds"]


@dataclass(frozen=True, slots=True)
class Article:
    """One generated row: what a dump would hold."""

    id: str
    text: str | None
    url: str | None
    title: str | None


def etl_cleaner() -> Cleaner:
    """The Cleaner built from the ETL test rule pack only (the shipped packs may be mid-edit)."""
    return Cleaner([ETL_RULES], defaults=False)


def generate_articles(count: int, seed: int = 11) -> list[Article]:
    """Multi-paragraph articles: clutter lines and inline teasers, title echoes, cut endings, odd breaks, nulls."""
    rng = random.Random(seed)
    articles = []
    for n in range(count):
        if n % 37 == 5:
            articles.append(Article(f"doc-{n:04d}", None, None, None))
            continue
        title = rng.choice(TITLES)
        paragraphs = [" ".join(rng.sample(SENTENCES, rng.randint(1, 3))) for _ in range(rng.randint(2, 8))]
        for _ in range(rng.randint(0, 3)):
            paragraphs.insert(rng.randrange(len(paragraphs) + 1), rng.choice(CLUTTER))
        if rng.random() < 0.3:
            k = rng.randrange(len(paragraphs))
            paragraphs[k] = paragraphs[k].replace(". ", "." + INLINE + " ", 1)
        if rng.random() < 0.2:
            paragraphs.insert(0, title)
        text = rng.choice(["\n", "\n\n", "\r\n"]).join(paragraphs)
        if rng.random() < 0.3:
            text += rng.choice(CUT_ENDINGS)
        url = rng.choice(["https://www.example.com/news/1", "https://other.org/a", None])
        articles.append(Article(f"doc-{n:04d}", text, url, title if rng.random() < 0.8 else None))
    return articles


def expected_row(result: Result) -> dict[str, Any]:
    """A Result as the row that the Arrow, pandas and Spark paths must give."""
    removals = [r.to_dict() for r in result.removals]
    return {"text": result.text, "truncated": result.truncated, "removals": removals, "flagged": result.flagged}


def assert_restores(original: str, row: dict[str, Any]) -> None:
    """The batch output alone (text and log) rebuilds the original text."""
    assert restore(row["text"], [removal_from_dict(r) for r in row["removals"]]) == original


def read_text(path: Path) -> str:
    return path.read_bytes().decode("utf-8")
