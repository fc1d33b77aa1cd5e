"""The review options of `cleaner clean`: --annotate, --log-fields and --top checked, --report after the run."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from .htmlreport.build import build_report, write_report
from .io.formats import FORMATS, JSONL
from .io.sources import UsageError
from .io.targets import plan_targets, reject_path
from .report import RunReport
from .runner import Job

LOG_FIELDS = ("url", "lang", "title")  # the document fields a log row can carry (--log-fields)


def review_job(job: Job, log_fields: str, top: int | None) -> Job:
    """Apply --log-fields to the job's settings; refuse what --log-fields, --annotate and --top cannot do."""
    fields = tuple(name.strip() for name in log_fields.split(",") if name.strip())
    unknown = sorted(set(fields) - set(LOG_FIELDS))
    if unknown:
        raise UsageError(f"--log-fields: unknown field {unknown[0]!r} (choose from {', '.join(LOG_FIELDS)})")
    if job.settings.fields.annotation:
        plan = plan_targets(job.inputs, job.output, job.dry_run)
        written = plan.format if plan else JSONL
        if written != JSONL:
            raise UsageError(f"--annotate writes JSONL records (-o FILE.jsonl or standard output), not {written}")
    if top is not None and top < 1:
        raise UsageError("--top must be at least 1")
    return replace(job, settings=replace(job.settings, log_fields=fields)) if fields else job


@contextmanager
def report_log(report: str | None, log: str | None) -> Iterator[tuple[str | None, bool]]:
    """The log a --report run writes: --log, else a temporary file beside the report, removed at the end.

    Yields the log path and whether it is the temporary one.
    """
    if not report or log:
        yield log, False
        return
    handle, temporary = tempfile.mkstemp(suffix=".removals.jsonl", dir=Path(report).resolve().parent)
    os.close(handle)
    try:
        yield temporary, True
    finally:
        Path(temporary).unlink(missing_ok=True)


def write_run_report(path: str, job: Job, report: RunReport, own_log: bool) -> None:
    """The HTML report of a finished run: its log, counters and rejects, and its input when it is one file."""
    assert job.log is not None
    sources = job.inputs.sources
    single = len(sources) == 1 and sources[0].path != "-" and FORMATS[job.inputs.format].report_reads
    page = build_report(
        job.log,
        report.to_dict(),
        input=sources[0].path if single else None,
        rejects=reject_path(job.output, job.rejects, job.dry_run),
        text_field=job.settings.fields.text,
        id_field=job.settings.fields.id,
    )
    write_report(path, page)
    if own_log:
        report.outputs = [line for line in report.outputs if not line.startswith("removal log:")]
    report.outputs.append(f"html report: {path}")
