"""`cleaner mine` (site boilerplate into rule files) and the mining step of `cleaner clean --mine`."""

from __future__ import annotations

import argparse
import atexit
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
import yaml

from ..exits import Exit
from ..io.inputs import find_inputs
from ..io.records import Fields
from ..io.sources import UsageError
from ..mine import Mined, MineRecord, Thresholds, mine_records, write_files
from ..mine.cross_site import REPORT_NAME
from ..mine.read import ReadCounts, input_size, read_records
from ..mine.sketch import DEFAULT_CAPACITY
from ..worker import Settings
from .options import add_input_options

MINE_EPILOG = """\
Reads the inputs twice (counting, then observing the frequent lines), so standard input is not accepted.
Memory is bounded: per site at most --capacity counted keys, 400 observed candidates and 20,000 near-duplicate
signatures, however large the input.

examples:
  cleaner mine dump.jsonl.gz -o mined/
  cleaner mine shards/ --format jsonl --site-field site -o mined/ --min-pages 5
  cleaner diff dump.jsonl.gz --rules mined/ --rule mined.example_com --limit 5
  cleaner clean dump.jsonl.gz --rules mined/ -o clean.jsonl.gz
"""


def add_threshold_options(parser: argparse.ArgumentParser) -> None:
    """The mining thresholds, shared by `mine` and `clean --mine`."""
    group = parser.add_argument_group("mining")
    group.add_argument("--site-field", metavar="NAME", help="the field naming each record's site (default: URL host)")
    defaults = Thresholds()
    group.add_argument(
        "--min-pages",
        type=int,
        default=defaults.min_pages,
        metavar="N",
        help=f"a line must recur on at least N distinct pages of its site ({defaults.min_pages})",
    )
    group.add_argument(
        "--min-share",
        type=float,
        default=defaults.min_share,
        metavar="F",
        help=f"... and on at least this share of the site's distinct pages ({defaults.min_share:g})",
    )
    group.add_argument(
        "--near-duplicate",
        type=float,
        default=defaults.near_duplicate,
        metavar="F",
        help="pages whose long lines overlap this much (estimated Jaccard) count as one page "
        f"({defaults.near_duplicate:g})",
    )
    group.add_argument("--capacity", type=int, default=DEFAULT_CAPACITY, metavar="N", help=argparse.SUPPRESS)


def add_clean_mine_options(parser: argparse.ArgumentParser) -> None:
    """`clean --mine` and the thresholds it mines with."""
    parser.add_argument(
        "--mine",
        action="store_true",
        help="mine each site's recurring boilerplate from the inputs first and apply it with the rules "
        "(removals logged as mined.<site>.<n>; with --stats, each mined rule's evidence under mined_rules)",
    )
    add_threshold_options(parser)


def add_mine_command(commands: Any) -> None:
    """Register `cleaner mine` with the same input and field options as `cleaner clean`."""
    mine = commands.add_parser(
        "mine",
        help="find each site's recurring boilerplate in a dump and write it as rule files to review",
        description="Mine each site's recurring lines and line shapes into rule files (one per site), with evidence.",
        epilog=MINE_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_input_options(mine)
    mine.add_argument("-o", "--output", required=True, metavar="RULES_DIR", help="the folder to write rule files to")
    mine.add_argument(
        "--cross-site-min",
        type=int,
        default=2,
        metavar="N",
        help=f"list a line in {REPORT_NAME} when it recurs on N sites or more (2)",
    )
    mine.add_argument("-q", "--quiet", action="store_true", help="no progress bar and no summary")
    add_threshold_options(mine)


def thresholds_of(args: argparse.Namespace) -> Thresholds:
    """The thresholds the options ask for, checked."""
    if args.min_pages < 2:
        raise UsageError("--min-pages must be at least 2 (a line on one page is not boilerplate)")
    if not 0 <= args.min_share <= 1 or not 0 < args.near_duplicate <= 1:
        raise UsageError("--min-share must lie in [0, 1] and --near-duplicate in (0, 1]")
    if args.capacity < 1000:
        raise UsageError("--capacity must be at least 1000")
    return Thresholds(args.min_pages, args.min_share, args.near_duplicate, args.capacity)


class _Bar:
    """A progress bar over both passes (input bytes twice), on a terminal only."""

    def __init__(self, enabled: bool, total: int) -> None:
        self.bar: Any = None
        if enabled:
            from tqdm import tqdm

            self.bar = tqdm(total=2 * total, unit="B", unit_scale=True, desc="mining", file=sys.stderr, smoothing=0.1)

    def update(self, raw_bytes: int) -> None:
        if self.bar is not None:
            self.bar.update(raw_bytes)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def mine_inputs(args: argparse.Namespace, quiet: bool) -> tuple[Mined, ReadCounts]:
    """Mine the inputs named on the command line with its field options."""
    if "-" in args.inputs:
        raise UsageError("mining reads its input twice: give a file, not standard input")
    inputs = find_inputs(args.inputs, args.format, args.glob)
    fields = Fields(args.text_field, args.id_field, args.html_field, args.url_field, args.title_field, args.lang_field)
    settings = Settings(inputs.format, fields, getattr(args, "lang", None), getattr(args, "url", None))
    bar = _Bar(sys.stderr.isatty() and not quiet, input_size(inputs))
    passes: list[ReadCounts] = []

    def records() -> Iterator[MineRecord]:
        counts = ReadCounts()
        passes.append(counts)
        yield from read_records(inputs, settings, args.site_field, counts, bar)

    try:
        mined = mine_records(records, thresholds_of(args), getattr(args, "cross_site_min", 2))
    finally:
        bar.close()
    return mined, passes[0]


def _summary(mined: Mined, counts: ReadCounts, folder: str) -> str:
    total, on = mined.rule_count()
    sites = sum(1 for m in mined.miners if m.site is not None)
    dups = sum(m.seen - m.pages for m in mined.miners)
    lines = [
        f"cleaner: {counts.read:,} documents read from {sites:,} sites ({dups:,} near-duplicates counted once)",
        f"  {total:,} rules written ({on:,} on, {total - on:,} left off for review) in "
        f"{len(mined.files) - 1:,} files under {folder}",
        f"  lines recurring on several sites: {Path(folder) / REPORT_NAME}",
    ]
    if counts.rejected:
        reasons = ", ".join(f"{n:,} {kind}" for kind, n in sorted(counts.rejected.items()))
        lines.append(f"  set aside: {reasons}")
        lines += [f"    {example}" for example in counts.examples]
    return "\n".join(lines)


def run_mine(args: argparse.Namespace) -> int:
    """Mine the inputs and write one rule file per site plus the cross-site report; exit 1 if records were set aside."""
    mined, counts = mine_inputs(args, args.quiet)
    write_files(mined.files, args.output)
    if not args.quiet:
        print(_summary(mined, counts, args.output), file=sys.stderr)
    return Exit.PROBLEMS if counts.rejected else Exit.OK


def mine_for_clean(args: argparse.Namespace) -> str:
    """`clean --mine`: mine the inputs into a temporary rule folder (removed at exit) and return its path."""
    mined, counts = mine_inputs(args, args.quiet)
    folder = tempfile.mkdtemp(prefix="cleaner-mined-")
    atexit.register(shutil.rmtree, folder, True)
    write_files({name: text for name, text in mined.files.items() if name != REPORT_NAME}, folder)
    if not args.quiet:
        total, on = mined.rule_count()
        message = f"cleaner: mined {on:,} rules to apply ({total - on:,} left off) from {counts.read:,} documents"
        print(message, file=sys.stderr)
    return folder


def add_mined_evidence(stats_path: str, folder: str) -> None:
    """Add each mined rule's evidence to the stats file of a `clean --mine` run, under "mined_rules"."""
    evidence: dict[str, Any] = {}
    for path in sorted(Path(folder).glob("*.yaml")):
        for rule in yaml.safe_load(path.read_text(encoding="utf-8"))["rules"]:
            enabled = rule.get("enabled", True)
            evidence[rule["id"]] = {"enabled": enabled, "pattern": rule["pattern"], **rule["evidence"]}
    stats = orjson.loads(Path(stats_path).read_bytes())
    stats["mined_rules"] = evidence
    Path(stats_path).write_bytes(orjson.dumps(stats, option=orjson.OPT_INDENT_2) + b"\n")
