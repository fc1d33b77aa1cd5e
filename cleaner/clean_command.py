"""`cleaner clean` behind the command line: options to a Cleaner and a Job (shared with diff, explain), the run."""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

from .engine import DEFAULT_BUDGET, DEFAULT_MAX_REMOVED_SHARE, Cleaner
from .io.formats import UsageError, find_inputs
from .io.records import Fields
from .languages import normalise_language
from .pack_check import check_given_rules
from .report import RunReport, plural
from .resume import JOURNAL_NAME
from .review import report_log, review_job, write_run_report
from .runner import Job, choose_workers, run_job
from .worker import Settings


def build_cleaner(args: argparse.Namespace) -> Cleaner:
    """The Cleaner the rule options ask for (and, for the commands that have them, the time limits and guard)."""
    return Cleaner(
        args.rules,
        disable=args.disable,
        enable=args.enable,
        defaults=not args.no_default_rules,
        timeout=getattr(args, "timeout", 1.0),
        budget=getattr(args, "budget", DEFAULT_BUDGET),
        max_removed_share=getattr(args, "max_removed_share", DEFAULT_MAX_REMOVED_SHARE),
        screen=not args.no_screen,
        detect_language=not getattr(args, "no_detect_language", False),
    )


def build_job(args: argparse.Namespace, dry_run: bool) -> Job:
    """The Job of the input options (every command that reads documents) and of clean's output options."""
    inputs = find_inputs(args.inputs, args.format, args.glob)
    if args.chunk_bytes < 1:
        raise UsageError("--chunk-bytes must be at least 1")
    if args.lang is not None:
        args.lang = normalise_language(args.lang)
    prefix = getattr(args, "added_prefix", "")
    added = (f"{prefix}truncated", f"{prefix}removal_count", f"{prefix}flagged")
    annotation = f"{prefix}would_remove" if getattr(args, "annotate", False) else None
    names = (args.text_field, args.id_field, args.html_field, args.url_field, args.title_field, args.lang_field)
    fields = Fields(*names, added=added, annotation=annotation)
    log, strict = getattr(args, "log", None), getattr(args, "strict", False)
    several = len(inputs.sources) > 1
    settings = Settings(inputs.format, fields, args.lang, args.url, args.title, not dry_run, bool(log), several, strict)
    output, rejects, stats, report = (getattr(args, name, None) for name in ("output", "rejects", "stats", "report"))
    job = Job(inputs, settings, output, log, rejects, stats, chunk_bytes=args.chunk_bytes, dry_run=dry_run)
    job = replace(job, report=report)
    return review_job(job, getattr(args, "log_fields", ""), getattr(args, "top", None))


def left_behind(args: argparse.Namespace, kept: int | None = None) -> str:
    """What a run that stopped early leaves: no output, an incomplete stdout, or (--resume) its finished files."""
    if args.resume:
        files = "its finished files" if kept is None else plural(kept, "finished file")
        return f"{files} kept; run the same command again to finish"
    streamed = args.output in (None, "-") and not args.dry_run
    return "the output on stdout is incomplete" if streamed else "no output written"


def clean(args: argparse.Namespace) -> RunReport:
    """Run `cleaner clean` and print its outcome; a --report run writes its log to a temporary file if not given."""
    with report_log(args.report, args.log) as (log, own_log):
        args.log = log
        return _clean_and_report(args, own_log)


def _clean_and_report(args: argparse.Namespace, own_log: bool) -> RunReport:
    job = build_job(args, args.dry_run)
    workers = choose_workers(args.workers, job.inputs, job.chunk_bytes)
    job = replace(job, workers=workers, progress=sys.stderr.isatty() and not args.quiet, resume=args.resume)
    if not args.resume and args.output and (Path(args.output) / JOURNAL_NAME).exists():
        print(
            f"cleaner: warning: {Path(args.output) / JOURNAL_NAME}: an unfinished --resume run; this run starts over "
            "(add --resume to continue that one)",
            file=sys.stderr,
        )
    cleaner = build_cleaner(args)
    if args.no_check_examples:
        print("cleaner: warning: --no-check-examples: the rules given with --rules run unchecked", file=sys.stderr)
    else:
        check_given_rules(cleaner, args.rules)
    report = run_job(job, cleaner)
    if report.interrupted:
        print(
            f"cleaner: interrupted after {report.read:,} documents; {left_behind(args, report.kept)}", file=sys.stderr
        )
    elif report.stopped:
        print(f"cleaner: stopped at the first bad record (--strict): {report.stopped}", file=sys.stderr)
        print(f"cleaner: {report.read:,} documents read; no output written", file=sys.stderr)
    else:
        if args.report:
            write_run_report(args.report, job, report, own_log)
        if not args.quiet:
            print(report.summary(args.top), file=sys.stderr)
    return report
