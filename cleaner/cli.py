"""The `cleaner` command line: the parser of every command, the dispatch, and how each failure ends the run."""

from __future__ import annotations

import argparse
import os
import sys
import warnings
from collections.abc import Callable, Sequence
from typing import Any

from .commands.clean import add_clean_command, run_clean
from .commands.diff import add_diff_command, run_diff_command
from .commands.explain import add_explain_command, run_explain
from .commands.mine import add_mine_command, run_mine
from .commands.report import add_report_command, run_report
from .commands.rules import add_rules_command, run_rules
from .errors import MatchTimeout, RuleError, RuleWarning
from .exits import Exit
from .htmlreport.build import cleaner_version

# Each command: how its options are registered, and what runs it; in the order `cleaner --help` lists them.
COMMANDS: dict[str, tuple[Callable[[Any], None], Callable[[argparse.Namespace], int]]] = {
    "clean": (add_clean_command, run_clean),
    "diff": (add_diff_command, run_diff_command),
    "explain": (add_explain_command, run_explain),
    "report": (add_report_command, run_report),
    "rules": (add_rules_command, run_rules),
    "mine": (add_mine_command, run_mine),
}


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of every subcommand."""
    parser = argparse.ArgumentParser(
        prog="cleaner", description="Remove clutter from scraped articles, with an exact log."
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {cleaner_version()}")
    commands = parser.add_subparsers(dest="command", required=True)
    for add_command, _ in COMMANDS.values():
        add_command(commands)
    return parser


def _show_warning(message: Warning | str, category: type[Warning], *args: Any, **kwargs: Any) -> None:
    print(f"cleaner: warning: {message}", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (0 ok, 1 problems found, 2 usage or rule errors, 130 stopped)."""
    args = build_parser().parse_args(argv)
    command = COMMANDS[args.command][1]
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
