"""Time `clean_arrow` against a loop of `Cleaner.clean` on the same generated articles (~10 MB by default).

Three paths over the same texts: a bare loop of `clean` over a Python list (the engine alone, no output
columns), the loop a user writes to get Arrow output without the batch API, and `clean_arrow`.
"""

from __future__ import annotations

import argparse
import gc
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pyarrow as pa

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from cleaner import Cleaner  # noqa: E402
from cleaner.etl import clean_arrow  # noqa: E402

ARTICLES = ROOT / "fixtures" / "articles"
# Clutter the shipped packs remove, mixed in so the engine has real deletions to log, not only screening.
CLUTTER = [
    "Also read: Storm closes three ports on the east coast",
    "READ MORE | Why the vote was delayed again",
    "Related: Opposition calls for a recount in two districts",
    "Lesen Sie auch: Warum die Bahn wieder streikt",
    "Advertisement",
]
CUT = " Observers had initially doubted whether the plan could survive the"


def generate_articles(megabytes: float, seed: int = 7) -> list[str]:
    """Build articles from the fixture paragraphs (several languages), clutter lines and cut endings."""
    rng = random.Random(seed)
    paragraphs = [
        line
        for path in sorted(ARTICLES.glob("*.txt"))
        if not path.name.endswith(".clean.txt")
        for line in path.read_text(encoding="utf-8").splitlines()
        if len(line.split()) > 8
    ]
    target = int(megabytes * 1_000_000)
    articles: list[str] = []
    size = 0
    while size < target:
        parts = rng.sample(paragraphs, rng.randint(4, 14))
        for _ in range(rng.randint(0, 3)):
            parts.insert(rng.randrange(1, len(parts)), rng.choice(CLUTTER))
        text = "\n\n".join(parts) + (CUT if rng.random() < 0.2 else "")
        articles.append(text)
        size += len(text.encode("utf-8"))
    return articles


def cpu_seconds(run: Callable[[], object]) -> float:
    """CPU time of one run: every path is single-threaded, and CPU time is not skewed by other busy processes.

    A full garbage collection first, so that no run pays for the objects a previous run left behind.
    """
    gc.collect()
    start = time.process_time()
    run()
    return time.process_time() - start


PATHS = ("clean() loop", "clean() loop + Arrow rows", "clean_arrow")


def measure(cleaner: Cleaner, texts: list[str], repeat: int) -> dict[str, list[float]]:
    """CPU seconds of every path in each of `repeat` rounds, interleaved, over the same texts."""
    column = pa.chunked_array([pa.array(texts, pa.string())])
    # pa.array stores each str's UTF-8 form inside the str object, which then makes every `encode` of the whole
    # text free (the RE2 screen encodes it): the loop gets the strings as a reader gives them, without that cache.
    plain = column.to_pylist()

    def loop() -> object:
        return [cleaner.clean(text) for text in plain]

    def loop_to_arrow() -> object:
        # What a user writes without the batch API: Python values out, clean, Arrow rows back in.
        results = [cleaner.clean(text) for text in column.to_pylist()]
        rows = [
            {"text": r.text, "truncated": r.truncated, "removals": [x.to_dict() for x in r.removals]} for r in results
        ]
        return pa.Table.from_pylist(rows)

    def arrow() -> object:
        return clean_arrow(cleaner, column)

    runs = dict(zip(PATHS, (loop, loop_to_arrow, arrow), strict=True))
    arrow()  # the RE2 screen builds its automaton lazily: warm it before the first timed run
    timings: dict[str, list[float]] = {name: [] for name in PATHS}
    # Interleaved, in alternating order, so drift in the machine's speed hits every path alike.
    for round_ in range(repeat):
        for name in PATHS if round_ % 2 == 0 else PATHS[::-1]:
            timings[name].append(cpu_seconds(runs[name]))
    return timings


def ratios(timings: dict[str, list[float]], baseline: str) -> tuple[float, float]:
    """How many times faster clean_arrow is than `baseline`: fastest run against fastest run, and the median
    of the per-round ratios (each round runs both paths back to back, so it is the one drift cancels from)."""
    best = min(timings[baseline]) / min(timings["clean_arrow"])
    per_round = sorted(b / a for b, a in zip(timings[baseline], timings["clean_arrow"], strict=True))
    middle = len(per_round) // 2
    median = per_round[middle] if len(per_round) % 2 else (per_round[middle - 1] + per_round[middle]) / 2
    return best, median


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mb", type=float, default=10.0, help="megabytes of generated articles (default 10)")
    parser.add_argument("--repeat", type=int, default=12, help="rounds; each runs every path once (default 12)")
    parser.add_argument("--rules", nargs="*", default=[], help="extra rule files or folders")
    parser.add_argument("--no-defaults", action="store_true", help="leave out the shipped rule packs")
    args = parser.parse_args(argv)

    cleaner = Cleaner(args.rules, defaults=not args.no_defaults)
    texts = generate_articles(args.mb)
    megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    print(f"{len(texts)} articles, {megabytes:.1f} MB, {len(cleaner.rules)} rules, best of {args.repeat}")
    timings = measure(cleaner, texts, args.repeat)
    for name, runs in timings.items():
        seconds = min(runs)
        print(f"{name:28} {seconds:7.2f} s CPU  {len(texts) / seconds:9.0f} docs/s  {megabytes / seconds:6.2f} MB/s")
    for baseline in PATHS[:2]:
        best, median = ratios(timings, baseline)
        print(f"speed ratio clean_arrow vs {baseline}: {best:.3f} best, {median:.3f} median (>= 1: not slower)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
