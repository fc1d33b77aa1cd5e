"""`make bench` (second part): build the HTML report of a 1 GB run's removal log, with time and peak memory.

Writes a synthetic log of the requested size (default 1000 MB, cached under .cache/bench_report/): rows as
`cleaner clean --log ... --log-fields url` writes them, rule ids and categories from the default rules, removed
texts of realistic length, urls over 5,000 sites, several removals per document. Then runs `cleaner report` on
the whole log and on a quarter of it, in a fresh process each, and prints seconds and peak RSS: the time should
grow with the log and the memory should not (target: under a minute and flat for 1 GB).
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import time
from pathlib import Path

import orjson

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
WORK = ROOT / ".cache" / "bench_report"
WORDS = ["the", "port", "council", "vote", "strike", "storm", "market", "budget", "river", "bridge", "mayor"]


def synthetic_log(path: Path, megabytes: int) -> None:
    """Write a log of about `megabytes` MB (kept between runs: generating 1 GB takes a while)."""
    if path.exists() and abs(path.stat().st_size - megabytes * 1_000_000) < 2_000_000:
        return
    from cleaner import Cleaner

    rules = [(r.id, r.category) for r in Cleaner().rules]
    weights = [1 / (n + 1) for n in range(len(rules))]  # a few rules do most of the work, as in real runs
    rng = random.Random(15)
    target = megabytes * 1_000_000
    written, doc = 0, 0
    temp = path.with_suffix(".part")
    with temp.open("wb") as out:
        while written < target:
            doc += 1
            url = f"https://site{rng.randrange(5000)}.example/news/{doc}"
            start = rng.randrange(0, 400)
            batch = []
            for rule, category in rng.choices(rules, weights, k=rng.randint(1, 4)):
                text = " ".join(rng.choices(WORDS, k=rng.randint(2, 30))) + "\n\n"
                row = {"id": f"doc-{doc}", "rule": rule, "category": category, "start": start}
                row.update(end=start + len(text), text=text, url=url)
                batch.append(orjson.dumps(row) + b"\n")
                start += len(text) + rng.randrange(50, 900)
            data = b"".join(batch)
            out.write(data)
            written += len(data)
    os.replace(temp, path)


def head_of(path: Path, fraction: float) -> Path:
    part = path.with_name(f"{path.stem}.{int(fraction * 100)}pct.jsonl")
    if not part.exists():
        size = int(path.stat().st_size * fraction)
        with path.open("rb") as source, part.open("wb") as out:
            data = source.read(size)
            out.write(data[: data.rfind(b"\n") + 1])
    return part


# Peak memory of the report process itself: VmHWM is per address space and starts afresh at exec, whereas
# ru_maxrss would carry over the size of the (large) parent that forked it.
CHILD = """
import sys
from cleaner.cli import main
status = main(["report", sys.argv[1], "-o", sys.argv[2]])
hwm = next(line for line in open("/proc/self/status") if line.startswith("VmHWM:"))
print(int(hwm.split()[1]) // 1024)
sys.exit(status)
"""


def measure(log: Path) -> tuple[float, float, int]:
    """Seconds, peak RSS (MB) and page size of `cleaner report` on one log, in a fresh process."""
    out = log.with_suffix(".html")
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-c", CHILD, str(log), str(out)], check=True, capture_output=True, text=True)
    seconds = time.monotonic() - started
    return seconds, float(done.stdout.split()[-1]), out.stat().st_size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mb", type=int, default=1000, help="size of the synthetic log in MB (1000)")
    args = parser.parse_args()
    WORK.mkdir(parents=True, exist_ok=True)
    log = WORK / f"log-{args.mb}mb.jsonl"
    started = time.monotonic()
    synthetic_log(log, args.mb)
    with log.open("rb") as handle:
        rows = sum(block.count(b"\n") for block in iter(lambda: handle.read(1 << 24), b""))
    ready = time.monotonic() - started
    print(f"report bench: log {log.stat().st_size / 1e6:,.0f} MB, {rows:,} rows (ready in {ready:.0f} s)")
    for name, path in (("quarter", head_of(log, 0.25)), ("whole", log)):
        seconds, peak, size = measure(path)
        mb = path.stat().st_size / 1e6
        speed = f"{seconds:6.1f} s, {mb / seconds:5.1f} MB/s"
        print(f"  {name:<8} {mb:>7,.0f} MB log: {speed}, peak RSS {peak:5.0f} MB, page {size / 1e3:,.0f} kB")


if __name__ == "__main__":
    main()
