"""The one table of exit statuses: every command returns one of these, and `cleaner clean --help` lists them."""

from __future__ import annotations

from enum import IntEnum


class Exit(IntEnum):
    """How a command ended, as the shell sees it."""

    OK = 0
    PROBLEMS = 1
    USAGE = 2
    INTERRUPTED = 130
    BROKEN_PIPE = 141  # 128 + SIGPIPE, as other command-line tools end when the reader of their output goes away


MEANINGS = {
    Exit.OK: "every record was cleaned",
    Exit.PROBLEMS: "some records were set aside (listed in the reject file), --strict stopped at a bad record, or a\n"
    "worker process died (then, as when interrupted, no output file was written)",
    Exit.USAGE: "usage error, or rule files that do not validate",
    Exit.INTERRUPTED: "interrupted (Ctrl-C or SIGTERM): no output file was written",
    Exit.BROKEN_PIPE: "the reader of standard output went away (`| head`): the run stopped quietly",
}


def exit_help() -> str:
    """The "exit status" section of the help, from the table.

    >>> print(exit_help().splitlines()[1])
      0    every record was cleaned
    """
    rows = [f"  {code.value:<4} {MEANINGS[code].replace(chr(10), chr(10) + ' ' * 7)}" for code in Exit]
    return "\n".join(["exit status:", *rows])
