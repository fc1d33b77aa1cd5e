"""The screen on real text: candidate lines per document, precision, Cleaner.clean MB/s, start-up, Result hashes.

Reads the trafilatura-eval extractions cached by scripts/bench_quality.py, ../shared/corpus/sites/sites.jsonl and
the wcxb-dev main_content texts when present (else the fixture articles). Usage:
  .venv/bin/python scripts/bench_screen.py [--limit N] [--shared DIR]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def texts(shared: Path) -> list[str]:
    found: list[str] = []
    for path in sorted((ROOT / ".cache" / "bench_quality").glob("extracted-*.jsonl"))[-1:]:
        found += [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines()]
    sites = shared / "corpus" / "sites" / "sites.jsonl"
    if sites.is_file():
        found += [json.loads(line)["text"] for line in sites.read_text(encoding="utf-8").splitlines()]
    for path in sorted((shared / "corpus" / "wcxb-dev" / "ground-truth").glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        text = data.get("ground_truth", {}).get("main_content") if isinstance(data, dict) else None
        if isinstance(text, str):
            found.append(text)
    if not found:
        articles = ROOT / "fixtures" / "articles"
        found = [p.read_text(encoding="utf-8") for p in sorted(articles.glob("*.txt"))]
    return [t for t in found if t.strip()]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    corpus = texts(args.shared)
    if args.limit < 0:
        corpus = corpus[:: -args.limit]
    if args.limit > 0:
        corpus = corpus[: args.limit]
    size = sum(len(t.encode("utf-8")) for t in corpus)
    started = time.process_time()
    from cleaner import Cleaner
    from cleaner.claims import Claims
    from cleaner.segment import split_lines

    cleaner = Cleaner()
    built = time.process_time() - started
    screen = cleaner._screen
    assert screen is not None
    active = cleaner._selection(None, None).active
    lines = pairs = hits = flagged_docs = 0
    for text in corpus:
        spans = screen.flagged(text, active=active)
        claims = Claims(text, split_lines(text))
        work = claims.candidates(cleaner._patterns, active, screen, spans)
        lines += len(work)
        flagged_docs += bool(work)
        for line, matchers in work:
            pairs += len(matchers)
            hits += sum(m.pattern.search(line.text) is not None for m in matchers)
    timings = []
    digest = hashlib.sha256()
    for round_ in range(3):
        t0 = time.process_time()
        results = [cleaner.clean(t) for t in corpus]
        timings.append(time.process_time() - t0)
        if round_ == 0:
            for r in results:
                digest.update(repr(r).encode("utf-8", "surrogatepass"))
    fresh = Cleaner()
    t0 = time.process_time()
    for t in corpus:
        fresh.clean(t)
    unseen = time.process_time() - t0
    n = len(corpus)
    print(f"documents {n}, {size / 1e6:.1f} MB; Cleaner() built in {built:.2f} s CPU")
    print(
        f"flagged documents {flagged_docs / n:.1%}; candidate lines/doc {lines / n:.2f}; (line, rule) pairs/doc "
        f"{pairs / n:.2f}; matching pairs/doc {hits / n:.2f}; precision {hits / max(pairs, 1):.1%}"
    )
    print(
        f"Cleaner.clean MB/s: seen {size / 1e6 / min(timings[1:]):.1f}, first pass {size / 1e6 / timings[0]:.1f}, "
        f"fresh Cleaner (unseen) {size / 1e6 / unseen:.1f}"
    )
    print(f"results sha256 {digest.hexdigest()}")


if __name__ == "__main__":
    main()
