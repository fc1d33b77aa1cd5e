"""`cleaner diff` on the command line: its options, and the documents printed with what the rules remove marked."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ..diff import Filter, run_diff
from ..exits import Exit
from ..io.sources import UsageError
from ..report import plural
from .options import add_document_options, add_input_options, add_rule_options, build_cleaner, build_job


def add_diff_command(commands: Any) -> None:
    """Register `cleaner diff`: the input options, which removals to show, the documents' context, rules."""
    diff = commands.add_parser("diff", help="show documents with what the rules remove marked")
    add_input_options(diff)
    review = diff.add_argument_group("review")
    review.add_argument("--rule", metavar="ID", help="only removals by rules whose id starts with this")
    review.add_argument("--category", metavar="NAME", help="only removals of this category")
    review.add_argument("--limit", type=int, metavar="N", help="show at most N documents")
    review.add_argument("--color", choices=("auto", "always", "never"), default="auto", help="colour (auto)")
    add_document_options(diff)
    add_rule_options(diff)


def run_diff_command(args: argparse.Namespace) -> int:
    """Print documents that have removals (matching --rule/--category), with the removed text marked."""
    job = build_job(args, dry_run=True)
    color = args.color == "always" or (args.color == "auto" and sys.stdout.isatty())
    keep = Filter(args.rule, args.category)
    if args.limit is not None and args.limit < 1:
        raise UsageError("--limit must be at least 1")
    shown, report = run_diff(job, build_cleaner(args), keep, args.limit, color, sys.stdout)
    more = " (limit reached)" if args.limit is not None and shown >= args.limit else ""
    aside = f", {report.rejected:,} set aside" if report.rejected else ""
    print(f"cleaner: {plural(shown, 'document')} shown{more}; {report.read:,} read{aside}", file=sys.stderr)
    if job.inputs.not_taken:
        print(f"cleaner: not taken: {', '.join(job.inputs.not_taken)}", file=sys.stderr)
    return Exit.OK
