"""`cleaner clean`: its options, and the run (inputs cleaned into outputs, a log, rejects, stats and a summary)."""

from __future__ import annotations

import argparse
import sys
from concurrent.futures.process import BrokenProcessPool
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..exits import Exit, exit_help
from ..pack_check import check_given_rules
from ..report import RunReport, plural
from ..resume import JOURNAL_NAME
from ..review import report_log, write_run_report
from ..runner import choose_workers, run_job
from .mine import add_clean_mine_options, add_mined_evidence, mine_for_clean
from .options import add_document_options, add_input_options, add_rule_options, build_cleaner, build_job


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


EPILOG = (
    exit_help()
    + """

formats (from the name in any case, or --format): .txt (text) | .jsonl/.ndjson/.json (jsonl) | .parquet
  | .html/.htm (html: written as JSONL) | .warc (warc: written as JSONL); each but Parquet also .gz/.zst/.bz2/.xz
  standard input without --format: JSON lines when it starts with '{', else one text
output: -o FILE is written in the format its suffix names (.jsonl... or .parquet; .txt for text input)

examples:
  cleaner clean article.txt -o article.clean.txt --log removals.jsonl
  cleaner clean dump.jsonl.gz -o clean.jsonl.gz --log removals.parquet --stats stats.json
  zcat dump.jsonl.gz | cleaner clean --format jsonl - -o - > clean.jsonl
  cleaner clean shards/ --format jsonl -o clean/ -j 8
  cleaner clean crawl.warc.gz -o pages.jsonl
"""
)


def add_clean_command(commands: Any) -> None:
    """Register `cleaner clean`: inputs, output, run and rule options, and the mining step."""
    clean = commands.add_parser(
        "clean",
        help="clean text files, folders, JSONL, Parquet, HTML or WARC; write the same format and a removal log",
        description="Clean documents; write them back in the same format, with a removal log and a summary.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_input_options(clean)
    output = clean.add_argument_group("output")
    output.add_argument("-o", "--output", help="a file, a folder (mirrors several inputs), or - (default: stdout)")
    output.add_argument("--log", help="write one record per removal here (.jsonl, .jsonl.gz, ... or .parquet)")
    output.add_argument("--rejects", metavar="PATH", help="records set aside (default: OUTPUT.rejects.jsonl)")
    output.add_argument("--stats", metavar="FILE", help="write the run's counters as JSON")
    output.add_argument("--dry-run", action="store_true", help="write only the log and the stats")
    output.add_argument(
        "--added-prefix",
        default="",
        metavar="PREFIX",
        help="name the added fields PREFIXtruncated, PREFIXremoval_count, PREFIXflagged (and PREFIXwould_remove) "
        "(for records that have fields of those names)",
    )
    output.add_argument("--report", metavar="FILE", help="write the run's HTML report here (docs/report.md)")
    output.add_argument(
        "--log-fields", metavar="LIST", default="", help="record fields added to each log row: url, lang, title"
    )
    output.add_argument(
        "--annotate",
        action="store_true",
        help="keep every text as it is; add the would-be removals to each record (field would_remove)",
    )
    output.add_argument("--top", type=int, metavar="N", help="a short summary: at most N rules, sites, languages")
    run = clean.add_argument_group("run")
    run.add_argument("-j", "--workers", type=int, metavar="N", help="worker processes (default: one per CPU)")
    run.add_argument("--strict", action="store_true", help="stop at the first bad record, writing nothing")
    run.add_argument(
        "--resume",
        action="store_true",
        help="with -o FOLDER: keep each output file as its input finishes; re-run the same command to skip them",
    )
    run.add_argument("-q", "--quiet", action="store_true", help="no progress bar and no summary")
    run.add_argument(
        "--no-check-examples",
        action="store_true",
        help="run rules given with --rules even when their examples fail (for rule authors; says so loudly)",
    )
    add_document_options(clean)
    add_rule_options(clean)
    add_clean_mine_options(clean)


def run_clean(args: argparse.Namespace) -> int:
    """Clean every input into the same format (HTML and WARC into JSONL), with log, rejects and stats."""
    mined = mine_for_clean(args) if args.mine else None
    args.rules = [*args.rules, mined] if mined else args.rules
    try:
        report = clean(args)
    except BrokenProcessPool:
        print(
            "cleaner: a worker process died (the system may have killed it for lack of memory), so the run "
            f"stopped; {left_behind(args)}. Fewer workers (-j) need less memory",
            file=sys.stderr,
        )
        return Exit.PROBLEMS
    if mined and args.stats and not report.interrupted and not report.stopped:
        add_mined_evidence(args.stats, mined)
    return report.exit_code
