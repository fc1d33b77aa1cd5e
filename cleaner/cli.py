"""The `cleaner` command line: a thin shell that parses arguments and hands work to the library."""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from .engine import Cleaner
from .errors import RuleError
from .examples import check_examples
from .load import load_rules
from .match import MatchTimeout
from .model import Result
from .segment import split_lines

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


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


def _add_document_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lang", help="the documents' language (ISO code): only that pack and 'any' rules run")
    parser.add_argument("--url", help="the document's URL (enables per-site rules)")
    parser.add_argument("--title", help="the document's title (enables the headline-echo rule)")


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of every subcommand."""
    parser = argparse.ArgumentParser(
        prog="cleaner", description="Remove clutter from scraped articles, with an exact log."
    )
    commands = parser.add_subparsers(dest="command", required=True)

    clean = commands.add_parser("clean", help="clean a text file; write clean text and a removal log")
    clean.add_argument("input", help="a UTF-8 text file, or - for standard input")
    clean.add_argument("-o", "--output", help="write the clean text here (default: standard output)")
    clean.add_argument("--log", help="write one JSON object per removal here (JSONL)")
    _add_document_options(clean)
    _add_rule_options(clean)

    explain = commands.add_parser("explain", help="show each line of a text file with the rule that removes it")
    explain.add_argument("input")
    _add_document_options(explain)
    _add_rule_options(explain)

    rules = commands.add_parser("rules", help="list or test the rules")
    rule_commands = rules.add_subparsers(dest="rules_command", required=True)
    listing = rule_commands.add_parser("list", help="list the rules with category, language, scope and description")
    _add_rule_options(listing)
    testing = rule_commands.add_parser("test", help="run every example of every rule; exit 1 on any failure")
    testing.add_argument("-k", dest="only", metavar="ID", help="test only rules whose id starts with this")
    _add_rule_options(testing)
    return parser


def _cleaner(args: argparse.Namespace) -> Cleaner:
    return Cleaner(args.rules, disable=args.disable, defaults=not args.no_default_rules)


def _read_text(path: str) -> str:
    data = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ValueError(f"{path}: byte {error.start}: not valid UTF-8 ({error.reason})") from None


def write_atomically(path: str | Path, data: bytes) -> None:
    """Write `data` to a temporary file beside `path`, then rename it into place."""
    target = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent or ".")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _log_lines(doc_id: str, result: Result) -> bytes:
    rows = (json.dumps({"id": doc_id, **r.to_dict()}, ensure_ascii=False) + "\n" for r in result.removals)
    return "".join(rows).encode("utf-8")


def run_clean(args: argparse.Namespace) -> int:
    """Clean one text file: clean text to -o (exactly, nothing added) or stdout, removals to --log."""
    cleaner = _cleaner(args)
    text = _read_text(args.input)
    result = cleaner.clean(text, url=args.url, lang=args.lang, title=args.title)
    if args.output and args.output != "-":
        write_atomically(args.output, result.text.encode("utf-8"))
    else:
        sys.stdout.write(result.text)
        sys.stdout.flush()
    if args.log:
        write_atomically(args.log, _log_lines(args.input, result))
    chars = sum(r.end - r.start for r in result.removals)
    note = ", truncated" if result.truncated else ""
    print(f"cleaner: {args.input}: {len(result.removals)} removals, {chars} characters{note}", file=sys.stderr)
    return EXIT_OK


def run_explain(args: argparse.Namespace) -> int:
    """Print each line with the rules whose removals touch it."""
    cleaner = _cleaner(args)
    text = _read_text(args.input)
    result = cleaner.clean(text, url=args.url, lang=args.lang, title=args.title)
    lines = split_lines(text)
    width = max((len(r.rule) for r in result.removals), default=1)
    for line in lines:
        touching = [
            r
            for r in result.removals
            if r.start < max(line.end, line.start + 1)
            and r.end > line.start
            and text[max(r.start, line.start) : min(r.end, line.end)].strip()
        ]
        label = ", ".join(dict.fromkeys(r.rule for r in touching)) or "-"
        whole = touching and all(r.start <= line.start and r.end >= line.end for r in touching)
        mark = "x" if whole else ("~" if touching else " ")
        print(f"{line.index + 1:>5} {mark} {label:<{width}}  {line.text}")
    print(
        f"\n{len(result.removals)} removals; truncated: {str(result.truncated).lower()}"
        "  (x: line removed, ~: part of the line removed)"
    )
    return EXIT_OK


def run_rules_list(args: argparse.Namespace) -> int:
    """Print one line per rule."""
    rules = _cleaner(args).rules
    for rule in rules:
        scope = rule.scope if rule.kind == "pattern" else rule.kind
        print(f"{rule.id:<50} {rule.category:<17} {rule.language:<4} {scope:<20} {rule.description}")
    print(f"{len(rules)} rules", file=sys.stderr)
    return EXIT_OK


def run_rules_test(args: argparse.Namespace) -> int:
    """Run every example; print failures and known gaps; exit 1 on any failure."""
    rules = load_rules(args.rules, defaults=not args.no_default_rules)
    only = [r for r in rules if r.id.startswith(args.only)] if args.only else None
    passed = failed = todo = 0
    for outcome in check_examples(rules, only):
        where = f"{outcome.example.source}: " if outcome.example.source else ""
        if outcome.failed:
            failed += 1
            reason = "known gap now passes: move it out of todo" if outcome.todo else outcome.message
            print(f"FAIL {where}{outcome.name}: {reason}")
        elif outcome.todo:
            todo += 1
        else:
            passed += 1
    print(f"{passed} passed, {failed} failed, {todo} known gaps (todo)")
    return EXIT_PROBLEMS if failed else EXIT_OK


COMMANDS = {"clean": run_clean, "explain": run_explain}
RULE_COMMANDS = {"list": run_rules_list, "test": run_rules_test}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (0 ok, 1 problems found, 2 usage or rule errors)."""
    args = build_parser().parse_args(argv)
    command = RULE_COMMANDS[args.rules_command] if args.command == "rules" else COMMANDS[args.command]
    try:
        return command(args)
    except RuleError as error:
        print(error.render(), file=sys.stderr)
        print(f"cleaner: {len(error.problems)} problem(s) in rule files; nothing was cleaned", file=sys.stderr)
        return EXIT_USAGE
    except (ValueError, OSError, MatchTimeout) as error:
        print(f"cleaner: {error}", file=sys.stderr)
        return EXIT_USAGE if isinstance(error, ValueError) else EXIT_PROBLEMS
