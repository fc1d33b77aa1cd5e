"""`cleaner report` on the command line: the HTML report of a finished run, from its log and what else is given."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ..exits import Exit
from ..htmlreport.build import build_report, write_report


def add_report_command(commands: Any) -> None:
    """Register `cleaner report`: the run's log, the page to write, and the run's other files."""
    report = commands.add_parser(
        "report", help="write a self-contained HTML report of a run from its removal log (and stats, input, rejects)"
    )
    report.add_argument("log", metavar="LOG", help="the removal log of the run (--log: JSONL or Parquet)")
    report.add_argument("-o", "--output", required=True, metavar="FILE", help="the HTML file to write")
    report.add_argument("--stats", metavar="FILE", help="the run's --stats file: totals, sites, flagged documents")
    report.add_argument("--input", metavar="DUMP", help="the run's input: the text around each sampled removal")
    report.add_argument("--rejects", metavar="FILE", help="the run's reject file: the records set aside")
    report.add_argument("--samples", type=int, default=5, metavar="N", help="removals shown per rule (5)")
    report.add_argument("--top", type=int, default=30, metavar="N", help="bars per chart (30)")
    report.add_argument("--text-field", default="text", metavar="NAME", help="the input's text field (text)")
    report.add_argument("--id-field", default="id", metavar="NAME", help="the input's id field (id)")


def run_report(args: argparse.Namespace) -> int:
    """Write the HTML report of a run from its log (and its stats, input and reject file when given)."""
    page = build_report(
        args.log, args.stats, args.input, args.rejects, args.samples, args.top, args.text_field, args.id_field
    )
    write_report(args.output, page)
    print(f"cleaner: report written to {args.output}", file=sys.stderr)
    return Exit.OK
