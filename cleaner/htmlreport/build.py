"""Build the HTML report from a run's log, and optionally its stats, reject file and input."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from ..io.writers import write_atomically
from .logread import read_log
from .page import ReportData, render_page
from .sources import read_rejects, read_stats, read_texts


def cleaner_version() -> str:
    """The installed package's version."""
    try:
        return version("article-cleaner")
    except PackageNotFoundError:
        return "unknown"


def build_report(
    log: str | Path,
    stats: str | Path | dict[str, Any] | None = None,
    input: str | Path | None = None,
    rejects: str | Path | None = None,
    samples: int = 5,
    top: int = 30,
    text_field: str = "text",
    id_field: str = "id",
) -> str:
    """The report page of one run; `stats` is a --stats file or the record itself (from `clean --report`)."""
    if samples < 0 or top < 1:
        raise ValueError("--samples must be at least 0 and --top at least 1")
    summary = read_log(log, samples)
    sources = [("log", str(log))]
    record = None
    if isinstance(stats, dict):
        record = stats
    elif stats is not None:
        record = read_stats(stats)
        sources.append(("stats", str(stats)))
    texts = None
    if input is not None:
        wanted = {s.id for reservoir in summary.samples.values() for s in reservoir.items}
        texts = read_texts(input, wanted, text_field, id_field)
        sources.append(("input", str(input)))
    reject_counts = None
    if rejects is not None and Path(rejects).exists():
        reject_counts = read_rejects(rejects)
        sources.append(("rejects", str(rejects)))
    data = ReportData(summary, record, reject_counts, texts, sources, cleaner_version(), top)
    return render_page(data)


def write_report(path: str | Path, page: str) -> None:
    """Write the page atomically (a temporary name, then a rename)."""
    write_atomically(path, page.encode("utf-8"))
