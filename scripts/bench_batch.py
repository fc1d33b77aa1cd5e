"""Measure `cleaner clean` on a generated JSONL dump with -j 1 and -j 2: wall-clock MB/s and where the CPU went.

usage: python scripts/bench_batch.py [MB] [--rules PATH ...]   (default 100 MB, the default rule pack)
The dump is built from the fixture articles and dumps, so every run measures the same bytes.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import time
from pathlib import Path

import orjson

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / ".cache" / "bench_batch"


def build_dump(megabytes: int) -> Path:
    path = WORK / f"dump-{megabytes}mb.jsonl"
    if path.exists():
        return path
    WORK.mkdir(parents=True, exist_ok=True)
    articles = ROOT / "fixtures" / "articles"
    texts = [p.read_text() for p in sorted(articles.glob("*.txt")) if not p.name.endswith(".clean.txt")]
    texts += [
        orjson.loads(line)["text"] for line in (ROOT / "fixtures" / "dumps" / "small.jsonl").read_bytes().splitlines()
    ]
    with path.open("wb") as out:
        size = n = 0
        while size < megabytes * 1_000_000:
            line = orjson.dumps({"id": f"doc-{n}", "url": f"https://example.org/{n}", "text": texts[n % len(texts)]})
            out.write(line + b"\n")
            size += len(line) + 1
            n += 1
    return path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("megabytes", type=int, nargs="?", default=100)
    parser.add_argument("--rules", action="append", default=[])
    parser.add_argument("--workers", default="1,2")
    args = parser.parse_args()
    dump = build_dump(args.megabytes)
    rules = [arg for path in args.rules for arg in ("--rules", path)]
    if rules:
        rules.insert(0, "--no-default-rules")
    outputs = []
    for workers in args.workers.split(","):
        out = WORK / f"out-j{workers}.jsonl"
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.monotonic()
        command = [sys.executable, "-m", "cleaner", "clean", str(dump), "-o", str(out), "-j", workers, "-q"]
        subprocess.run([*command, "--log", str(WORK / "log.jsonl"), *rules], check=False, cwd=ROOT)
        seconds = time.monotonic() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        mb = dump.stat().st_size / 1e6
        print(f"-j {workers}: {seconds:6.1f} s wall, {mb / seconds:6.2f} MB/s, {cpu:6.1f} s CPU in all processes")
        outputs.append(out.read_bytes())
    print("outputs identical:", all(o == outputs[0] for o in outputs))


if __name__ == "__main__":
    main()
