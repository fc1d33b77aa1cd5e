"""Where a document's time goes: CPU microseconds per document for each stage of the engine, on the bench text.

Reads the first `--mb` of `make bench`'s corpus (or any JSONL with a "text" field), warms a Cleaner on its first
documents, then cleans the rest as the worker does (languages detected LANGUAGE_GROUP at a time, then each document),
timing each stage with `time.process_time` around the engine's own functions. Prints each stage's share and
what 0.35x and 0.65x of the orjson floor (measured on the same records) leave for a whole document.

    .venv/bin/python scripts/bench_stages.py [--corpus .cache/bench/corpus-200mb.jsonl] [--mb 10]

The wrappers cost about a microsecond a call; no timed stage runs inside another.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEFAULT = ROOT / ".cache" / "bench" / "corpus-200mb.jsonl"


def read_records(path: Path, megabytes: float) -> list[bytes]:
    """The first lines of a JSONL file that together pass `megabytes`."""
    lines, size = [], 0
    with path.open("rb") as stream:
        for line in stream:
            lines.append(line)
            size += len(line)
            if size > megabytes * 1e6:
                break
    return lines


def floor_us(path: Path, count: int) -> float:
    """The orjson floor per document, as `make bench` measures it: read, parse, add a field, serialise, write.

    Wall time, best of 3, over the first `count` records of the file.
    """
    out = ROOT / ".cache" / "bench" / "stages-floor.jsonl"
    out.parent.mkdir(parents=True, exist_ok=True)
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        with path.open("rb") as src, out.open("wb") as sink:
            for _, line in zip(range(count), src, strict=False):
                record = orjson.loads(line)
                record["truncated"] = False
                sink.write(orjson.dumps(record) + b"\n")
        best = min(best, time.perf_counter() - start)
    out.unlink()
    return best / count * 1e6


def timed(totals: dict[str, float], name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            totals[name] += time.process_time() - start

    return wrapper


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=DEFAULT)
    parser.add_argument("--mb", type=float, default=10.0)
    parser.add_argument("--warm", type=int, default=300, help="documents cleaned before timing (300)")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()

    from cleaner import Cleaner, claims, engine
    from cleaner.decision import Decision
    from cleaner.engine import LANGUAGE_GROUP
    from cleaner.kinds.pattern import PatternMatcher

    lines = read_records(args.corpus, args.mb)
    texts = [orjson.loads(line)["text"] for line in lines]
    cleaner = Cleaner()
    for text in texts[: args.warm]:
        cleaner.clean(text)
    texts, lines = texts[args.warm :], lines[args.warm :]
    megabytes = sum(len(t.encode()) for t in texts) / 1e6

    totals: dict[str, float] = defaultdict(float)
    screen = cleaner._screen
    if screen is not None:
        screen.flagged = timed(totals, "prefilter", screen.flagged)  # type: ignore[method-assign]
    engine.split_lines = timed(totals, "split lines", engine.split_lines)  # type: ignore[attr-defined]
    claims.Claims.candidates = timed(totals, "pair lines with rules", claims.Claims.candidates)  # type: ignore[method-assign]
    claims.Claims.run = timed(totals, "body and ending kinds", claims.Claims.run)  # type: ignore[method-assign]
    claim_lines = PatternMatcher.claim_lines.__func__  # type: ignore[attr-defined]
    PatternMatcher.claim_lines = classmethod(timed(totals, "pattern rules (regex)", claim_lines))  # type: ignore[method-assign, assignment]
    Decision.result = timed(totals, "result and log", Decision.result)  # type: ignore[method-assign]

    start = time.process_time()
    for first in range(0, len(texts), LANGUAGE_GROUP):
        group = texts[first : first + LANGUAGE_GROUP]
        began = time.process_time()
        found = cleaner.languages(group)
        totals["language detection"] += time.process_time() - began
        for text, language in zip(group, found, strict=True):
            cleaner.clean(text, detected=language)
    whole = time.process_time() - start

    docs = len(texts)
    per = {name: seconds / docs * 1e6 for name, seconds in totals.items()}
    total = whole / docs * 1e6
    floor = floor_us(args.corpus, len(lines) + args.warm)
    print(f"{docs} documents, {megabytes:.1f} MB of text, {megabytes * 1e6 / docs / 1e3:.1f} KB each")
    print(f"{'engine, all stages':<26} {total:7.0f} us/doc  {megabytes / whole:6.1f} MB/s")
    for name, value in sorted(per.items(), key=lambda item: -item[1]):
        print(f"  {name:<24} {value:7.0f} us/doc  {100 * value / total:4.0f} %")
    rest = total - sum(per.values())
    print(f"  {'the rest (engine glue)':<24} {rest:7.0f} us/doc  {100 * rest / total:4.0f} %")
    print(f"orjson floor {floor:.0f} us/doc; a whole document (floor + engine + CLI) within")
    for share in (0.35, 0.65):
        whole_doc = floor / share
        print(f"  {share:.2f}x the floor: {whole_doc:6.0f} us/doc, so {whole_doc - floor:6.0f} us for the engine")
    if args.json:
        args.json.write_text(json.dumps({"us_per_doc": per, "engine_us": total, "floor_us": floor}, indent=2))


if __name__ == "__main__":
    main()
