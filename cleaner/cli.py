"""The `cleaner` command line: a thin shell that parses arguments and hands work to the library."""

from __future__ import annotations

import argparse
import os
import sys
import warnings
from collections.abc import Sequence
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from .clean_command import build_cleaner, build_job, clean, left_behind
from .cli_mine import add_clean_mine_options, add_mine_command, add_mined_evidence, mine_for_clean, run_mine
from .diff import Filter
from .diff import run_diff as show_diff
from .engine import DEFAULT_BUDGET, DEFAULT_MAX_REMOVED_SHARE
from .errors import RuleError, RuleWarning
from .explain import explain, find_document, render
from .htmlreport.build import build_report, cleaner_version, write_report
from .io.formats import FORMATS, UsageError
from .load import load_rules
from .match import MatchTimeout
from .report import plural
from .rulelist import print_rules, run_examples
from .runner import DEFAULT_CHUNK_BYTES

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_INTERRUPTED, EXIT_BROKEN_PIPE = 0, 1, 2, 130, 141


def _add_rule_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("rules")
    group.add_argument(
        "--rules",
        action="append",
        default=[],
        metavar="PATH",
        help="a rule file or folder, added to the default rules (repeatable)",
    )
    group.add_argument("--no-default-rules", action="store_true", help="use only the rules given with --rules")
    group.add_argument(
        "--disable",
        action="append",
        default=[],
        metavar="ID",
        help="switch a rule off by id; a dotted prefix switches off a family (repeatable)",
    )
    group.add_argument(
        "--enable",
        action="append",
        default=[],
        metavar="ID",
        help="switch on an opt-in rule (enabled: false in its file), e.g. wrapper.any.title_echo (repeatable)",
    )
    group.add_argument(
        "--no-detect-language",
        action="store_true",
        help="a document without a language meets every pack (default: its language is detected, and only that "
        "pack and 'any' rules run; every pack when the detector is unsure)",
    )
    # Run every rule on every line, without the RE2 screen: for benchmarks and equivalence checks.
    group.add_argument("--no-screen", action="store_true", help=argparse.SUPPRESS)


def _add_document_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lang", help="the documents' language (ISO code): only that pack and 'any' rules run")
    parser.add_argument("--url", help="the document's URL (enables per-site rules)")
    parser.add_argument("--title", help="the document's title (enables the headline-echo rule)")


EPILOG = """\
exit status:
  0    every record was cleaned
  1    some records were set aside (listed in the reject file), --strict stopped at a bad record, or a
       worker process died (then, as when interrupted, no output file was written)
  2    usage error, or rule files that do not validate
  130  interrupted (Ctrl-C or SIGTERM): no output file was written
  141  the reader of standard output went away (`| head`): the run stopped quietly

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


def _add_input_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "inputs",
        nargs="+",
        metavar="INPUT",
        help="files, folders (searched recursively) or quoted globs; - for standard input",
    )
    group = parser.add_argument_group("input")
    group.add_argument("--format", choices=FORMATS, help="the input format (default: from the file name; text)")
    group.add_argument("--glob", help="which files to take from a folder (default: by format, e.g. *.txt)")
    group.add_argument("--text-field", default="text", metavar="NAME", help="the field holding the text (text)")
    group.add_argument("--id-field", default="id", metavar="NAME", help="the record id; else the line number (id)")
    group.add_argument("--html-field", metavar="NAME", help="the records hold raw HTML in this field, not text")
    group.add_argument("--url-field", default="url", metavar="NAME", help="the field holding the URL (url)")
    group.add_argument("--title-field", default="title", metavar="NAME", help="the field holding the title (title)")
    group.add_argument("--lang-field", metavar="NAME", help="the field holding each record's language")
    group.add_argument("--chunk-bytes", type=int, default=DEFAULT_CHUNK_BYTES, metavar="N", help=argparse.SUPPRESS)
    group.add_argument("--timeout", type=float, default=1.0, metavar="S", help="time limit per match, in seconds (1)")
    group.add_argument(
        "--budget",
        type=float,
        default=DEFAULT_BUDGET,
        metavar="S",
        help=f"time limit per document for all rules, in seconds ({DEFAULT_BUDGET:g}); past it, set aside",
    )
    group.add_argument(
        "--max-removed-share",
        type=float,
        default=DEFAULT_MAX_REMOVED_SHARE,
        metavar="F",
        help="keep a document whole and flag it when the rules would remove more than this share of it "
        f"({DEFAULT_MAX_REMOVED_SHARE:g}; 1 turns the guard off)",
    )


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of every subcommand."""
    parser = argparse.ArgumentParser(
        prog="cleaner", description="Remove clutter from scraped articles, with an exact log."
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {cleaner_version()}")
    commands = parser.add_subparsers(dest="command", required=True)

    clean = commands.add_parser(
        "clean",
        help="clean text files, folders, JSONL, Parquet, HTML or WARC; write the same format and a removal log",
        description="Clean documents; write them back in the same format, with a removal log and a summary.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _add_input_options(clean)
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
    _add_document_options(clean)
    _add_rule_options(clean)
    add_clean_mine_options(clean)

    diff = commands.add_parser("diff", help="show documents with what the rules remove marked")
    _add_input_options(diff)
    review = diff.add_argument_group("review")
    review.add_argument("--rule", metavar="ID", help="only removals by rules whose id starts with this")
    review.add_argument("--category", metavar="NAME", help="only removals of this category")
    review.add_argument("--limit", type=int, metavar="N", help="show at most N documents")
    review.add_argument("--color", choices=("auto", "always", "never"), default="auto", help="colour (auto)")
    _add_document_options(diff)
    _add_rule_options(diff)

    explain = commands.add_parser(
        "explain", help="show each line of a document (a text file or one record of a dump) and the rule removing it"
    )
    _add_input_options(explain)
    explain.add_argument("--id", dest="record_id", metavar="ID", help="the record with this id")
    explain.add_argument("--line", type=int, metavar="N", help="the record on this line (record number) of the dump")
    _add_document_options(explain)
    _add_rule_options(explain)

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
    _add_rule_options(listing)
    testing = rule_commands.add_parser("test", help="run every example of every rule; exit 1 on any failure")
    testing.add_argument("-k", dest="only", metavar="ID", help="test only rules whose id starts with this")
    _add_rule_options(testing)
    add_mine_command(commands, _add_input_options)
    return parser


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
        return EXIT_PROBLEMS
    if mined and args.stats and not report.interrupted and not report.stopped:
        add_mined_evidence(args.stats, mined)
    return report.exit_code


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
    return EXIT_OK


def run_explain(args: argparse.Namespace) -> int:
    """Print each line of one document with the rules that remove it, and the guards that held rules back."""
    cleaner = build_cleaner(args)
    doc = find_document(build_job(args, dry_run=True), args.record_id, args.line)
    if doc.line > 1 or doc.id != doc.source:
        print(f"=== {doc.source}:{doc.line}  id={doc.id}")
    for line in render(explain(cleaner, doc)):
        print(line)
    return EXIT_OK


def run_report(args: argparse.Namespace) -> int:
    """Write the HTML report of a run from its log (and its stats, input and reject file when given)."""
    page = build_report(
        args.log, args.stats, args.input, args.rejects, args.samples, args.top, args.text_field, args.id_field
    )
    write_report(args.output, page)
    print(f"cleaner: report written to {args.output}", file=sys.stderr)
    return EXIT_OK


def run_rules_list(args: argparse.Namespace) -> int:
    """Print one line (or JSON object) per rule of the --lang and --category asked; opt-in rules off are marked."""
    running = {rule.id for rule in build_cleaner(args).rules}
    rules = load_rules(args.rules, defaults=not args.no_default_rules)
    print_rules(rules, running, args.lang, args.category, args.json)
    return EXIT_OK


def run_rules_test(args: argparse.Namespace) -> int:
    """Run every example; print failures and known gaps; exit 1 on any failure."""
    rules = load_rules(args.rules, defaults=not args.no_default_rules)
    return EXIT_PROBLEMS if run_examples(rules, args.only) else EXIT_OK


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
        return EXIT_USAGE
    except ImportError as error:
        print(f"cleaner: {error}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader of our output went away (`| head`): stop quietly, with the status of a process that
        # SIGPIPE ended (128 + 13), as other command-line tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_BROKEN_PIPE
    except (ValueError, OSError, MatchTimeout) as error:
        print(f"cleaner: {error}", file=sys.stderr)
        return EXIT_USAGE if isinstance(error, ValueError) else EXIT_PROBLEMS
