"""Batch runs: cut the inputs into chunks, clean them (pool.py), write the results in order, commit at the end."""

from __future__ import annotations

import os
import sys
import time
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import closing
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import orjson

from .engine import Cleaner
from .interrupts import Interrupts, ignored
from .io.compress import compression_of
from .io.inputs import input_tasks
from .io.readers import Task
from .io.sources import Inputs, UsageError
from .io.targets import check_log, check_paths, open_log, open_outputs, plan_targets, reject_path
from .io.writers import LazyFile, Outputs, write_atomically
from .pool import input_size, run_tasks, tail_pieces
from .report import RunReport
from .resume import Resume, fingerprint
from .worker import Done, Settings

DEFAULT_CHUNK_BYTES = 2 << 20


@dataclass(frozen=True, slots=True)
class Job:
    """Everything a batch run needs to know, taken from the command line."""

    inputs: Inputs
    settings: Settings
    output: str | None = None  # None or "-": standard output
    log: str | None = None
    rejects: str | None = None
    stats: str | None = None
    workers: int = 1
    chunk_bytes: int = DEFAULT_CHUNK_BYTES
    dry_run: bool = False
    progress: bool = False
    resume: bool = False
    report: str | None = None  # the HTML report written after the run (checked here with the other outputs)


def choose_workers(requested: int | None, inputs: Inputs, chunk_bytes: int) -> int:
    """-j as given, else one per CPU; one for input that fits in one chunk, where a pool costs more than it saves."""
    if requested is not None:
        if requested < 1:
            raise UsageError("-j/--workers must be at least 1")
        return requested
    plain = all(s.path != "-" and compression_of(s.path) is None for s in inputs.sources)
    if plain and sum(os.path.getsize(s.path) for s in inputs.sources) <= chunk_bytes:
        return 1
    return os.cpu_count() or 1


class Progress:
    """A progress bar on stderr (input bytes, MB/s, ETA, documents), shown only on a terminal."""

    def __init__(self, enabled: bool, total: int | None) -> None:
        self.bar: Any = None
        if enabled:
            from tqdm import tqdm

            tqdm.monitor_interval = 0  # no monitor thread: worker processes are forked after this
            self.bar = tqdm(total=total, unit="B", unit_scale=True, desc="cleaning", file=sys.stderr, smoothing=0.1)

    def update(self, raw_bytes: int, documents: int) -> None:
        """Advance by one finished chunk."""
        if self.bar is not None:
            self.bar.set_postfix_str(f"{documents:,} docs", refresh=False)
            self.bar.update(raw_bytes)

    def close(self) -> None:
        """Remove the bar."""
        if self.bar is not None:
            self.bar.close()


def run_job(job: Job, cleaner: Cleaner) -> RunReport:
    """Clean every input into the planned outputs; commit them all at the end, or none of them."""
    report = RunReport(not_taken=job.inputs.not_taken, dry_run=job.dry_run)
    started = time.monotonic()
    sinks: list[Any] = []
    rejects_at = reject_path(job.output, job.rejects, job.dry_run)
    plan = plan_targets(job.inputs, job.output, job.dry_run)
    check_log(job.log)
    named = {"-o": plan.paths() if plan else [], "--log": [Path(job.log)] if job.log else []}
    named.update({"--rejects": [rejects_at] if rejects_at else [], "--stats": [Path(job.stats)] if job.stats else []})
    named["--report"] = [Path(job.report)] if job.report else []
    check_paths(job.inputs, named)  # before anything is opened for writing
    if plan is not None:
        job = replace(job, settings=replace(job.settings, output=plan.format))
    skipped = [0]
    inputs, resume, progress = job.inputs, None, Progress(False, None)
    where = plan.where if plan else ""
    outputs = None
    try:
        with Interrupts().installed() as interrupts:
            # Each sink is listed as soon as it exists, so that a failure while opening the next leaves no temp file.
            outputs = open_outputs(plan)
            sinks.append(outputs)
            if job.resume:
                if rejects_at is None:
                    raise UsageError("--resume writes output files; it cannot be combined with --dry-run")
                digest = fingerprint(cleaner.__getstate__(), job.settings, job.log, str(rejects_at))
                resume = Resume(job.inputs.sources, outputs, job.output, digest, job.log, rejects_at, bool(job.rejects))
                sinks.extend(resume.sinks())
                log: Any = resume.log
                rejects: Any = resume.rejects
                inputs = replace(job.inputs, sources=resume.todo)
                report.already_done = resume.already_done
            else:
                log = open_log(job.log, job.settings.tag_source, job.settings.log_fields)
                sinks.append(log)
                rejects = LazyFile(rejects_at, eager=bool(job.rejects)) if rejects_at else None
                sinks.append(rejects)
            total = input_size(s.path for s in inputs.sources)
            progress = Progress(job.progress, total)
            ends: deque[int | None] = deque()
            chunks = input_tasks(inputs, job.chunk_bytes, skipped, job.settings.fields)
            tasks = _noting_sources(tail_pieces(chunks, inputs.format, total, job.workers), ends)
            with closing(run_tasks(tasks, cleaner, job.settings, job.workers, interrupts)) as results:
                for done in results:
                    upto = ends.popleft()
                    _write_done(done, outputs, log, rejects)
                    if resume is not None:
                        resume.finish_before(upto)
                    report.merge(done.report)
                    progress.update(done.raw_bytes, report.read)
                    if done.stop:
                        report.stopped = done.stop
                        break
    except KeyboardInterrupt:
        report.interrupted = True
    except BaseException:
        _settle(sinks, commit=False)
        raise
    finally:
        progress.close()
    report.skipped = skipped[0]
    report.seconds = time.monotonic() - started
    if report.interrupted or report.stopped:
        _settle(sinks, commit=False)
        report.kept = outputs.committed if resume is not None and outputs is not None else 0
        return report
    if resume is not None:
        resume.finish_before(None)
    _settle(sinks, commit=True)
    _describe(report, job, where, rejects_at)
    if job.stats:
        write_atomically(job.stats, orjson.dumps(report.to_dict(), option=orjson.OPT_INDENT_2) + b"\n")
    return report


def _noting_sources(tasks: Iterable[Task], ends: deque[int | None]) -> Iterator[Task]:
    """Pass tasks on one behind the reader, noting after each where the next begins (None: nothing follows).

    Once a task's results are written, every source before the next task's first source is complete.
    """
    previous: Task | None = None
    for task in tasks:
        if previous is not None:
            ends.append(task.source)
            yield previous
        previous = task
    if previous is not None:
        ends.append(None)
        yield previous


def _write_done(done: Done, outputs: Outputs | None, log: Any, rejects: LazyFile | None) -> None:
    if outputs is not None:
        for index, data in done.outputs:
            outputs.write(index, data)
    if log is not None and done.log:
        log.write(done.log)
    if rejects is not None:
        rejects.write(done.rejects)


def _settle(sinks: list[Any], commit: bool) -> None:
    """Rename every output into place, or drop every temporary file, with Ctrl-C and SIGTERM held off meanwhile.

    A second signal must not stop the renames half-way (some outputs new, some old) or leave temp files behind.
    """
    with ignored():
        for sink in (s for s in sinks if s is not None):
            if commit:
                sink.commit()
            else:
                sink.discard()


def _describe(report: RunReport, job: Job, where: str, rejects_at: Path | None) -> None:
    if where:
        report.outputs.append(f"cleaned records: {where}")
    if job.log:
        report.outputs.append(f"removal log: {job.log}")
    if rejects_at and (report.rejected or job.rejects):
        report.outputs.append(f"records set aside: {rejects_at}")
    if job.stats:
        report.outputs.append(f"stats: {job.stats}")
