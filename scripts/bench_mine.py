"""Score `cleaner mine` on the hand-labelled recurring lines of ../shared/corpus/sites (scripts/bench_mine_labels.yaml).

Runs, on sites.jsonl:
  mine     cleaner mine sites.jsonl -o RULES
  rules    cleaner clean sites.jsonl --rules RULES (shipped packs + mined rules), and --no-default-rules (mined only)
  --mine   cleaner clean sites.jsonl --mine (one command)
and reports, per site and overall: the share of labelled clutter occurrences removed (recall), the labelled
content lines removed (must be none), removed lines that no label covers (read them: furniture not labelled,
or a mistake), and the prefix/suffix shapes found. `--scale MB...` instead times mining and cleaning replicated
copies of the sites (varied ids and urls) and reports peak memory.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
import unicodedata
from collections import Counter
from pathlib import Path

import regex
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
# ../shared beside the clone; a git worktree under wt/ finds it one level further up.
PLACES = (ROOT.parent / "shared", ROOT.parent.parent / "shared")
SHARED = next((p for p in PLACES if p.is_dir()), PLACES[0])
CORPUS = SHARED / "corpus" / "sites" / "sites.jsonl"
WORK = ROOT / ".cache" / "bench_mine"
LABELS = ROOT / "scripts" / "bench_mine_labels.yaml"
CLI = [sys.executable, "-m", "cleaner"]


def run(args: list[str]) -> tuple[float, float]:
    """Run a command; return (seconds, peak RSS in MB of it and its children)."""
    probe = (
        "import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True); "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", probe, *args], check=True, capture_output=True, text=True)
    return time.perf_counter() - start, int(done.stdout.split()[-1]) / 1024


def norm(line: str) -> str:
    return " ".join(unicodedata.normalize("NFC", line).split())


def load_labels() -> dict[str, dict[str, list[regex.Pattern[str]]]]:
    raw = yaml.safe_load(LABELS.read_text(encoding="utf-8"))["sites"]
    kinds = ("clutter", "content")
    return {site: {k: [regex.compile(p) for p in v.get(k, [])] for k in kinds} for site, v in raw.items()}


def removed_lines(log: Path) -> dict[str, list[tuple[int, int, str]]]:
    spans: dict[str, list[tuple[int, int, str]]] = {}
    for line in log.read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        spans.setdefault(str(r["id"]), []).append((r["start"], r["end"], r["rule"]))
    return spans


def score(records: list[dict[str, str]], log: Path, labels: dict[str, dict[str, list[regex.Pattern[str]]]]) -> dict:
    from cleaner.segment import split_lines

    spans = removed_lines(log)
    per_site: dict[str, Counter[str]] = {}
    content_hits: list[str] = []
    unlabelled: Counter[str] = Counter()
    unlabelled_samples: list[str] = []
    for record in records:
        site, counts = record["site"], per_site.setdefault(record["site"], Counter())
        doc_spans = spans.get(record["id"], [])
        for line in split_lines(record["text"]):
            if line.blank:
                continue
            text = norm(line.text)
            rule = next((r for s, e, r in doc_spans if s <= line.start and e >= line.end), None)
            clutter = any(p.search(text) for p in labels[site]["clutter"])
            content = not clutter and any(p.search(text) for p in labels[site]["content"])
            if clutter:
                counts["clutter"] += 1
                counts["clutter_removed"] += rule is not None
                counts["clutter_removed_mined"] += rule is not None and rule.startswith("mined.")
            elif content:
                counts["content"] += 1
                if rule is not None:
                    counts["content_removed"] += 1
                    content_hits.append(f"{site} {record['id']} {rule}: {text[:100]}")
            elif rule is not None:
                kind = "mined" if rule.startswith("mined.") else "packs"
                unlabelled[kind] += 1
                if kind == "mined" and len(unlabelled_samples) < 12:
                    unlabelled_samples.append(f"{site} {rule}: {text[:90]}")
    return {"sites": per_site, "content_hits": content_hits, "unlabelled": unlabelled, "samples": unlabelled_samples}


def report(name: str, result: dict) -> float:
    print(f"\n== {name}")
    print(f"{'site':<22} {'clutter':>8} {'removed':>8} {'recall':>7} {'by mined':>9} {'content':>8} {'removed':>8}")
    total = Counter()
    for site, c in sorted(result["sites"].items()):
        total.update(c)
        recall = c["clutter_removed"] / c["clutter"] if c["clutter"] else 1.0
        print(
            f"{site:<22} {c['clutter']:>8} {c['clutter_removed']:>8} {recall:>7.1%} {c['clutter_removed_mined']:>9}"
            f" {c['content']:>8} {c['content_removed']:>8}"
        )
    recall = total["clutter_removed"] / max(total["clutter"], 1)
    print(
        f"{'all':<22} {total['clutter']:>8} {total['clutter_removed']:>8} {recall:>7.1%} "
        f"{total['clutter_removed_mined']:>9} {total['content']:>8} {total['content_removed']:>8}"
    )
    for hit in result["content_hits"]:
        print(f"  CONTENT REMOVED: {hit}")
    u = result["unlabelled"]
    print(f"  removed lines no label covers: {u['mined']} by mined rules, {u['packs']} by the shipped packs")
    for sample in result["samples"]:
        print(f"    {sample}")
    return recall


def shapes(rules_dir: Path) -> None:
    print("\n== shapes found (enabled prefix / suffix / number rules)")
    for path in sorted(rules_dir.glob("*.yaml")):
        for rule in yaml.safe_load(path.read_text(encoding="utf-8"))["rules"]:
            shape = rule["evidence"]["shape"]
            if shape != "line" and rule.get("enabled", True):
                pages = f"{rule['evidence']['pages']}/{rule['evidence']['of_pages']}"
                print(f"  {rule['id']:<28} {shape:<8} {pages:>8}  {rule['pattern']}")


def quality(mine_args: list[str], only_rules: bool) -> None:
    labels = load_labels()
    records = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").split("\n") if line]
    WORK.mkdir(parents=True, exist_ok=True)
    rules = WORK / "rules"
    seconds, memory = run([*CLI, "mine", str(CORPUS), "-o", str(rules), "-q", *mine_args])
    print(f"cleaner mine {' '.join(mine_args)}: {seconds:.1f} s, peak {memory:.0f} MB -> {rules}")
    test = subprocess.run([*CLI, "rules", "test", "--rules", str(rules)], capture_output=True, text=True)
    print(f"cleaner rules test --rules {rules.relative_to(ROOT)}: {test.stdout.strip().splitlines()[-1]}")
    runs = {
        "mine, then clean --rules (shipped packs + mined)": ["--rules", str(rules)],
        "mine, then clean --rules --no-default-rules (mined only)": ["--rules", str(rules), "--no-default-rules"],
        "clean --mine (one command, shipped packs + mined)": ["--mine", *mine_args],
        "shipped packs alone (baseline)": [],
    }
    if only_rules:
        runs = dict(list(runs.items())[1:2])
    for name, extra in runs.items():
        log = WORK / f"log-{len(extra)}-{extra[-1] if extra else 'packs'}.jsonl".replace("/", "_")
        out = WORK / "clean.jsonl"
        run([*CLI, "clean", str(CORPUS), "-o", str(out), "--log", str(log), "-q", "-j", "2", *extra])
        report(name, score(records, log, labels))
    shapes(rules)
    print(f"\ncross-site report: {rules / '_cross_site.md'}")


def replicate(target: Path, megabytes: int, distinct: bool = False) -> None:
    """The sites, copied until `megabytes`, each copy with its own ids and URLs (same hosts).

    With `distinct`, every line of 8 words or more also ends with the copy number, so that no copy is a
    near-duplicate of another and every prose line is new: the worst case for the counters' memory.
    """
    lines = [line for line in CORPUS.read_text(encoding="utf-8").split("\n") if line]
    written, copy = 0, 0
    with target.open("w", encoding="utf-8") as out:
        while written < megabytes * 1_000_000:
            for line in lines:
                record = json.loads(line)
                record["id"] = f"{record['id']}-copy{copy}"
                record["url"] = f"{record['url']}?copy={copy}"
                if distinct:
                    paragraphs = record["text"].split("\n")
                    record["text"] = "\n".join(f"{t} {copy}" if t.count(" ") >= 7 else t for t in paragraphs)
                data = json.dumps(record, ensure_ascii=False) + "\n"
                out.write(data)
                written += len(data.encode("utf-8"))
            copy += 1


def scale(sizes: list[int], distinct: bool) -> None:
    WORK.mkdir(parents=True, exist_ok=True)
    kind = "distinct" if distinct else "replicated"
    print(f"{kind} copies of the sites")
    print(f"{'MB':>6} {'mine s':>8} {'mine MB/s':>10} {'mine peak MB':>13} {'clean -j2 s':>12} {'clean peak MB':>14}")
    for size in sizes:
        data = WORK / f"{kind}-{size}.jsonl"
        if not data.exists():
            replicate(data, size, distinct)
        mb = data.stat().st_size / 1e6
        seconds, memory = run([*CLI, "mine", str(data), "-o", str(WORK / f"rules-{size}"), "-q"])
        clean_s, clean_mem = run([*CLI, "clean", str(data), "-o", str(WORK / "scale.clean.jsonl"), "-q", "-j", "2"])
        print(f"{mb:>6.0f} {seconds:>8.1f} {mb / seconds:>10.1f} {memory:>13.0f} {clean_s:>12.1f} {clean_mem:>14.0f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=int, nargs="+", metavar="MB", help="time mining replicated sites (sizes)")
    parser.add_argument("--distinct", action="store_true", help="with --scale: no copy repeats another's prose")
    parser.add_argument("--mine-args", default="", help="options for cleaner mine, e.g. '--min-pages 4'")
    parser.add_argument("--only-mined", action="store_true", help="score only mined rules (for threshold sweeps)")
    args = parser.parse_args()
    if not CORPUS.exists():
        print(f"bench_mine: {CORPUS} is absent; nothing to measure", file=sys.stderr)
        return
    if args.scale:
        scale(args.scale, args.distinct)
    else:
        quality(args.mine_args.split(), args.only_mined)


if __name__ == "__main__":
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    main()
