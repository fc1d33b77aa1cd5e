"""Score the cleaner on real text: trafilatura-eval, WCXB dev (pages, line labels, main_content) and sites."""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence

from quality.census import Census, Removal
from quality.corpus import SHARED, Doc, language_detector, load_sites, load_traf_eval, load_wcxb
from quality.extract import CACHE_DIR, ROOT, write_jsonl
from quality.lines import LineScore
from quality.table import print_section
from quality.traf_eval import SnippetBench
from quality.wcxb import score_wcxb

Json = dict[str, object]
Clean = Callable[[str, str | None, str | None, str | None], tuple[str, list[Removal], bool]]
SECTIONS = ("traf", "wcxb", "lines", "truth", "sites")


def load_cleaner() -> Clean:
    """Import the cleaner from the project root; return (text, url, lang, title) -> (clean, removals, truncated)."""
    sys.path.insert(0, str(ROOT))
    from cleaner import Cleaner

    cleaner = Cleaner()

    def clean(text: str, url: str | None, lang: str | None, title: str | None) -> tuple[str, list[Removal], bool]:
        result = cleaner.clean(text, url=url or None, lang=lang, title=title)
        return result.text, [(r.start, r.end, r.category, r.rule) for r in result.removals], result.truncated

    return clean


def rules_cutting(doc: Doc, removals: list[Removal], entry: Json) -> list[str]:
    """Name the rules whose removals hold the start of a snippet (case-insensitive), for the detail files."""
    head = " ".join(str(entry["snippet"]).split()[:4]).lower()
    return sorted(
        {rule for start, end, _, rule in removals if head and head in " ".join(doc.text[start:end].split()).lower()}
    )


def run_traf_eval(clean: Clean, detect: object) -> None:
    """trafilatura-eval: boilerplate snippets left and required snippets lost."""
    folder = SHARED / "trafilatura-eval"
    if not (folder / "annotations.json").is_file():
        print(f"\n== trafilatura-eval: not found at {folder}, skipped")
        return
    bench = SnippetBench()
    for doc in load_traf_eval(folder, detect):
        bench.add(doc, clean(doc.text, doc.url, None, doc.title)[0])
    print_section(f"trafilatura-eval ({sum(bench.base[k] for k in ('tp', 'fn'))} with, "
                  f"{sum(bench.base[k] for k in ('fp', 'tn'))} without snippets)", bench.row())  # fmt: skip
    langs = sorted({k.split("|")[0] for k in bench.by_lang}, key=lambda k: -bench.by_lang[f"{k}|left"])
    by_lang = {f"lang {k}": {n: bench.by_lang[f"{k}|{n}"] for n in ("left", "removed", "lost")} for k in langs[:8]}
    print_section(
        "trafilatura-eval by language: boilerplate snippets left, removed by cleaning, required lost", by_lang
    )
    write_jsonl(CACHE_DIR / "traf-eval-lost.jsonl", bench.lost)
    write_jsonl(CACHE_DIR / "traf-eval-left.jsonl", bench.left)


def run_wcxb(clean: Clean, docs: list[Doc], sections: set[str]) -> None:
    """WCXB dev: benchmark scores, line labels and the main_content precision test."""
    results = [clean(d.text, d.url, None, d.title) for d in docs]
    if "wcxb" in sections:
        rows, lost, removed, left = score_wcxb(docs, [r[0] for r in results])
        print_section("WCXB dev: F1, with/without snippet rates (% per page), snippets removed/lost by cleaning", rows)
        by_id = {d.id: (d, r[1]) for d, r in zip(docs, results, strict=True)}
        write_jsonl(
            CACHE_DIR / "wcxb-with-lost.jsonl", (e | {"rules": rules_cutting(*by_id[str(e["id"])], e)} for e in lost)
        )
        write_jsonl(
            CACHE_DIR / "wcxb-without-removed.jsonl",
            (e | {"rules": rules_cutting(*by_id[str(e["id"])], e)} for e in removed),
        )
        write_jsonl(CACHE_DIR / "wcxb-without-left.jsonl", left)
    if "lines" in sections:
        score = LineScore()
        for doc, (_, removals, _) in zip(docs, results, strict=True):
            if doc.kind == "article" and doc.truth:
                score.add(doc, removals)
        print_section("WCXB dev articles: line removals against derived labels (no shared 4-word run)", score.rows())
        write_jsonl(CACHE_DIR / "wcxb-line-labels-sample.jsonl", score.samples)
        write_jsonl(CACHE_DIR / "wcxb-lines-removed-content.jsonl", score.wrong)
    if "truth" in sections:
        census = Census()
        for doc in docs:
            if doc.truth.strip():
                text, removals, truncated = clean(doc.truth, doc.url, None, None)
                census.add(f"lang {doc.lang}", Doc(doc.id, doc.url, doc.truth, None, doc.lang, doc.kind), text,
                           removals, truncated)  # fmt: skip
        rules = Counter[str]()
        for counts in census.by_rule.values():
            rules.update(counts)
        totals = {
            "all main_content": {
                "docs": sum(census.docs.values()),
                "changed": sum(census.changed.values()),
                "truncated": sum(census.flagged.values()),
                "removals": sum(rules.values()),
            }
        }
        print_section("WCXB dev main_content (complete, clean): truncated flags and removals", totals)
        print_section("  ... removals by rule", {r: {"removals": n} for r, n in rules.most_common()}, first=50)
        write_jsonl(CACHE_DIR / "wcxb-truth-removals.jsonl", census.listing)


def run_sites(clean: Clean) -> None:
    """Per-site census of removals and of the lines that recur after cleaning."""
    path = SHARED / "sites/sites.jsonl"
    if not path.is_file():
        print(f"\n== sites: not found at {path}, skipped")
        return
    census = Census()
    for doc in load_sites(path):
        text, removals, truncated = clean(doc.text, doc.url, doc.lang, None)
        census.add(f"{doc.kind} ({doc.lang})", doc, text, removals, truncated)
    print_section("sites: documents changed, truncated, removals by category", census.rows())
    report = []
    for group in census.docs:
        top = census.recurring(group, 8)
        report += [{"site": group, "pages": n, "line": line} for line, n in top]
        print(f"  {group}: lines left on the most pages: " + " | ".join(f"{n}x {line[:50]!r}" for line, n in top[:4]))
    write_jsonl(CACHE_DIR / "sites-removals.jsonl", census.listing)
    write_jsonl(CACHE_DIR / "sites-recurring.jsonl", report)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the selected sections; details go to .cache/bench_quality/*.jsonl."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--only", nargs="*", choices=SECTIONS, default=list(SECTIONS), help="sections to run")
    parser.add_argument("--baseline-only", action="store_true", help="only extract trafilatura-eval (no cleaner)")
    args = parser.parse_args(argv)
    if args.baseline_only:
        folder = SHARED / "trafilatura-eval"
        if (folder / "annotations.json").is_file():
            print(f"trafilatura-eval: {len(load_traf_eval(folder, None))} pages extracted")
        return 0
    started, detect, clean = time.perf_counter(), language_detector(), load_cleaner()
    print(f"bench-quality: sections {' '.join(args.only)}; details in {CACHE_DIR.relative_to(ROOT)}/")
    if "traf" in args.only:
        run_traf_eval(clean, detect)
    folder = SHARED / "wcxb-dev"
    if {"wcxb", "lines", "truth"} & set(args.only):
        if (folder / "ground-truth").is_dir():
            run_wcxb(clean, load_wcxb(folder, detect), set(args.only))
        else:
            print(f"\n== WCXB dev: not found at {folder}, skipped")
    if "sites" in args.only:
        run_sites(clean)
    print(f"\n{time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
