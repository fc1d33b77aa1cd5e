"""Time `clean_arrow` against a loop of `Cleaner.clean` on the same generated articles (~20 MB by default).

Three paths over the same texts: a bare loop of `clean` over a Python list (the engine alone, no output
columns), the loop a user writes to get Arrow output without the batch API, and `clean_arrow`.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pyarrow as pa

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from cleaner import Cleaner  # noqa: E402
from cleaner.batch import clean_arrow  # noqa: E402

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
    """CPU time of one run: every path is single-threaded, and CPU time is not skewed by other busy processes."""
    start = time.process_time()
    run()
    return time.process_time() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mb", type=float, default=20.0, help="megabytes of generated articles (default 20)")
    parser.add_argument("--repeat", type=int, default=6, help="runs of each path; the fastest counts (default 6)")
    parser.add_argument("--rules", nargs="*", default=[], help="extra rule files or folders")
    parser.add_argument("--no-defaults", action="store_true", help="leave out the shipped rule packs")
    args = parser.parse_args(argv)

    cleaner = Cleaner(args.rules, defaults=not args.no_defaults)
    texts = generate_articles(args.mb)
    column = pa.chunked_array([pa.array(texts, pa.string())])
    megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    print(f"{len(texts)} articles, {megabytes:.1f} MB, {len(cleaner.rules)} rules, best of {args.repeat}")

    def loop() -> object:
        return [cleaner.clean(text) for text in texts]

    def loop_to_arrow() -> object:
        # What a user writes without the batch API: Python values out, clean, Arrow rows back in.
        results = [cleaner.clean(text) for text in column.to_pylist()]
        rows = [
            {"text": r.text, "truncated": r.truncated, "removals": [x.to_dict() for x in r.removals]} for r in results
        ]
        return pa.Table.from_pylist(rows)

    def arrow() -> object:
        return clean_arrow(cleaner, column)

    paths = [("clean() loop", loop), ("clean() loop + Arrow rows", loop_to_arrow), ("clean_arrow", arrow)]
    timings: dict[str, float] = {}
    # Interleaved, in alternating order, so drift in the machine's speed hits every path alike.
    for round_ in range(args.repeat):
        for name, run in paths if round_ % 2 == 0 else paths[::-1]:
            timings[name] = min(timings.get(name, float("inf")), cpu_seconds(run))
    timings = {name: timings[name] for name, _ in paths}
    for name, seconds in timings.items():
        print(f"{name:28} {seconds:7.2f} s CPU  {len(texts) / seconds:9.0f} docs/s  {megabytes / seconds:6.2f} MB/s")
    for baseline in ("clean() loop", "clean() loop + Arrow rows"):
        ratio = timings[baseline] / timings["clean_arrow"]
        print(f"speed ratio clean_arrow vs {baseline}: {ratio:.3f} (>= 1: the Arrow path is not slower)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
