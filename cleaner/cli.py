"""The `cleaner` command line: a thin shell that parses arguments and hands work to the library."""

from __future__ import annotations

import argparse
import os
import sys
import warnings
from collections.abc import Sequence
from typing import Any

from .clean_command import add_clean_command, build_cleaner, build_job, run_clean
from .cli_mine import add_mine_command, run_mine
from .cli_options import add_document_options, add_input_options, add_rule_options
from .diff import Filter
from .diff import run_diff as show_diff
from .errors import RuleError, RuleWarning
from .exits import Exit
from .explain_command import add_explain_command, run_explain
from .htmlreport.build import build_report, cleaner_version, write_report
from .io.sources import UsageError
from .load import load_rules
from .match import MatchTimeout
from .report import plural
from .rulelist import print_rules, run_examples


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of every subcommand."""
    parser = argparse.ArgumentParser(
        prog="cleaner", description="Remove clutter from scraped articles, with an exact log."
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {cleaner_version()}")
    commands = parser.add_subparsers(dest="command", required=True)

    add_clean_command(commands)

    diff = commands.add_parser("diff", help="show documents with what the rules remove marked")
    add_input_options(diff)
    review = diff.add_argument_group("review")
    review.add_argument("--rule", metavar="ID", help="only removals by rules whose id starts with this")
    review.add_argument("--category", metavar="NAME", help="only removals of this category")
    review.add_argument("--limit", type=int, metavar="N", help="show at most N documents")
    review.add_argument("--color", choices=("auto", "always", "never"), default="auto", help="colour (auto)")
    add_document_options(diff)
    add_rule_options(diff)

    add_explain_command(commands)

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

    rules = commands.add_parser("rules", help="list or test the rules")
    rule_commands = rules.add_subparsers(dest="rules_command", required=True)
    listing = rule_commands.add_parser("list", help="list the rules with category, language, scope and description")
    listing.add_argument("--lang", help="only rules of this language (and not 'any')")
    listing.add_argument("--category", metavar="NAME", help="only rules of this category")
    listing.add_argument("--json", action="store_true", help="one JSON object per rule, with its guards")
    add_rule_options(listing)
    testing = rule_commands.add_parser("test", help="run every example of every rule; exit 1 on any failure")
    testing.add_argument("-k", dest="only", metavar="ID", help="test only rules whose id starts with this")
    add_rule_options(testing)
    add_mine_command(commands)
    return parser


def run_diff(args: argparse.Namespace) -> int:
    """Print documents that have removals (matching --rule/--category), with the removed text marked."""
    job = build_job(args, dry_run=True)
    color = args.color == "always" or (args.color == "auto" and sys.stdout.isatty())
    keep = Filter(args.rule, args.category)
    if args.limit is not None and args.limit < 1:
        raise UsageError("--limit must be at least 1")
    shown, report = show_diff(job, build_cleaner(args), keep, args.limit, color, sys.stdout)
    more = " (limit reached)" if args.limit is not None and shown >= args.limit else ""
    aside = f", {report.rejected:,} set aside" if report.rejected else ""
    print(f"cleaner: {plural(shown, 'document')} shown{more}; {report.read:,} read{aside}", file=sys.stderr)
    if job.inputs.not_taken:
        print(f"cleaner: not taken: {', '.join(job.inputs.not_taken)}", file=sys.stderr)
    return Exit.OK


def run_report(args: argparse.Namespace) -> int:
    """Write the HTML report of a run from its log (and its stats, input and reject file when given)."""
    page = build_report(
        args.log, args.stats, args.input, args.rejects, args.samples, args.top, args.text_field, args.id_field
    )
    write_report(args.output, page)
    print(f"cleaner: report written to {args.output}", file=sys.stderr)
    return Exit.OK


def run_rules_list(args: argparse.Namespace) -> int:
    """Print one line (or JSON object) per rule of the --lang and --category asked; opt-in rules off are marked."""
    running = {rule.id for rule in build_cleaner(args).rules}
    rules = load_rules(args.rules, defaults=not args.no_default_rules)
    print_rules(rules, running, args.lang, args.category, args.json)
    return Exit.OK


def run_rules_test(args: argparse.Namespace) -> int:
    """Run every example; print failures and known gaps; exit 1 on any failure."""
    rules = load_rules(args.rules, defaults=not args.no_default_rules)
    return Exit.PROBLEMS if run_examples(rules, args.only) else Exit.OK


COMMANDS = {"clean": run_clean, "diff": run_diff, "explain": run_explain, "mine": run_mine, "report": run_report}
RULE_COMMANDS = {"list": run_rules_list, "test": run_rules_test}


def _show_warning(message: Warning | str, category: type[Warning], *args: Any, **kwargs: Any) -> None:
    print(f"cleaner: warning: {message}", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (0 ok, 1 problems found, 2 usage or rule errors, 130 stopped)."""
    args = build_parser().parse_args(argv)
    command = RULE_COMMANDS[args.rules_command] if args.command == "rules" else COMMANDS[args.command]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("always", RuleWarning)
            warnings.showwarning = _show_warning
            return command(args)
    except RuleError as error:
        print(error.render(), file=sys.stderr)
        print(f"cleaner: {len(error.problems)} problem(s) in rule files; nothing was cleaned", file=sys.stderr)
        return Exit.USAGE
    except ImportError as error:
        print(f"cleaner: {error}", file=sys.stderr)
        return Exit.USAGE
    except KeyboardInterrupt:
        return Exit.INTERRUPTED
    except BrokenPipeError:
        # The reader of our output went away (`| head`): stop quietly, with the status of a process that
        # SIGPIPE ended (128 + 13), as other command-line tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return Exit.BROKEN_PIPE
    except (ValueError, OSError, MatchTimeout) as error:
        print(f"cleaner: {error}", file=sys.stderr)
        return Exit.USAGE if isinstance(error, ValueError) else Exit.PROBLEMS
