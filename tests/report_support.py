"""Shared helpers of the report tests: a real run of the bundled dumps, with log, stats and rejects."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from cleaner.cli import main

from .batch_support import DUMPS


@dataclass(frozen=True)
class Run:
    """The files one `cleaner clean` run wrote."""

    input: Path
    output: Path
    log: Path
    stats: Path
    rejects: Path
    report: Path

    def stats_record(self) -> dict[str, Any]:
        record: dict[str, Any] = orjson.loads(self.stats.read_bytes())
        return record


def clean_run(folder: Path, name: str = "broken.jsonl", *extra: str) -> tuple[int, Run]:
    """Clean a bundled dump with the default rules, writing log, stats, rejects and the HTML report."""
    folder.mkdir(parents=True, exist_ok=True)
    run = Run(
        DUMPS / name,
        folder / "clean.jsonl",
        folder / "log.jsonl",
        folder / "stats.json",
        folder / "clean.jsonl.rejects.jsonl",
        folder / "report.html",
    )
    files = ["-o", str(run.output), "--log", str(run.log), "--stats", str(run.stats), "--report", str(run.report)]
    status = main(["clean", str(run.input), *files, "-j", "1", "-q", "--lang-field", "lang", *extra])
    return status, run
