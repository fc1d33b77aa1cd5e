"""`cleaner rules list` and `cleaner rules test` on the command line."""

from __future__ import annotations

import argparse
from typing import Any

from ..exits import Exit
from ..load import load_rules
from ..rulelist import print_rules, run_examples
from .options import add_rule_options, build_cleaner


def add_rules_command(commands: Any) -> None:
    """Register `cleaner rules` and its two subcommands, each with the rule options."""
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


def run_rules(args: argparse.Namespace) -> int:
    """`rules list`: a line (or JSON object) per rule asked, opt-in rules off marked; `rules test`: every example."""
    if args.rules_command == "test":
        rules = load_rules(args.rules, defaults=not args.no_default_rules)
        return Exit.PROBLEMS if run_examples(rules, args.only) else Exit.OK  # exit 1 on any failure
    running = {rule.id for rule in build_cleaner(args).rules}
    rules = load_rules(args.rules, defaults=not args.no_default_rules)
    print_rules(rules, running, args.lang, args.category, args.json)
    return Exit.OK
