"""What the commands share: input, document and rule options, and the Cleaner and the Job these options ask for."""

from __future__ import annotations

import argparse
from dataclasses import replace

from ..engine import DEFAULT_BUDGET, DEFAULT_MAX_REMOVED_SHARE, Cleaner
from ..io.formats import FORMATS
from ..io.inputs import find_inputs
from ..io.records import Fields
from ..io.sources import UsageError
from ..languages import normalise_language
from ..review import review_job
from ..runner import DEFAULT_CHUNK_BYTES, Job
from ..worker import Settings


def add_input_options(parser: argparse.ArgumentParser) -> None:
    """The inputs of every command that reads documents, their format, fields and time limits."""
    parser.add_argument(
        "inputs",
        nargs="+",
        metavar="INPUT",
        help="files, folders (searched recursively) or quoted globs; - for standard input",
    )
    group = parser.add_argument_group("input")
    group.add_argument("--format", choices=tuple(FORMATS), help="the input format (default: from the file name; text)")
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


def add_document_options(parser: argparse.ArgumentParser) -> None:
    """What a text file cannot say of itself: its language, URL and title."""
    parser.add_argument("--lang", help="the documents' language (ISO code): only that pack and 'any' rules run")
    parser.add_argument("--url", help="the document's URL (enables per-site rules)")
    parser.add_argument("--title", help="the document's title (enables the headline-echo rule)")


def add_rule_options(parser: argparse.ArgumentParser) -> None:
    """Which rules run: --rules, --no-default-rules, --disable, --enable, --no-detect-language."""
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
