"""`cleaner explain` on the command line: its options, and each line of one document printed with its rule."""

from __future__ import annotations

import argparse
from typing import Any

from ..exits import Exit
from ..explain import explain, find_document, render
from .options import add_document_options, add_input_options, add_rule_options, build_cleaner, build_job


def add_explain_command(commands: Any) -> None:
    """Register `cleaner explain`: the input options, which record (--id, --line), the document's context, rules."""
    explain = commands.add_parser(
        "explain", help="show each line of a document (a text file or one record of a dump) and the rule removing it"
    )
    add_input_options(explain)
    explain.add_argument("--id", dest="record_id", metavar="ID", help="the record with this id")
    explain.add_argument("--line", type=int, metavar="N", help="the record on this line (record number) of the dump")
    add_document_options(explain)
    add_rule_options(explain)


def run_explain(args: argparse.Namespace) -> int:
    """Print each line of one document with the rules that remove it, and the guards that held rules back."""
    cleaner = build_cleaner(args)
    doc = find_document(build_job(args, dry_run=True), args.record_id, args.line)
    if doc.line > 1 or doc.id != doc.source:
        print(f"=== {doc.source}:{doc.line}  id={doc.id}")
    for line in render(explain(cleaner, doc)):
        print(line)
    return Exit.OK
