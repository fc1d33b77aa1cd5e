"""Score trafilatura alone vs trafilatura + cleaner on the annotated trafilatura-eval corpus."""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from multiprocessing import Pool
from pathlib import Path
from typing import TYPE_CHECKING

import trafilatura
from trafilatura.settings import Document
from trafilatura.utils import normalize_unicode

if TYPE_CHECKING:
    from cleaner.model import Removal, Result

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared/corpus/trafilatura-eval"
CACHE = ROOT / ".cache/bench_quality" / f"extracted-{trafilatura.__version__}.jsonl"
TOKEN = re.compile(r"\S+")
Json = dict[str, object]
ROWS = {  # printed label -> metric key
    "tp": "tp", "fn": "fn", "fp": "fp", "tn": "tn", "precision": "precision", "recall": "recall", "F1": "f1",
    "accuracy": "accuracy", "boilerplate snippets left": "fp", "required snippets lost by cleaning": "lost",
    "boilerplate snippets removed by cleaning": "removed", "required snippets gained by cleaning": "gained",
    "boilerplate snippets exposed by cleaning": "exposed",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Page:
    """One corpus page: its annotations and trafilatura's text and title."""

    id: str
    url: str
    text: str
    title: str | None
    with_: tuple[str, ...]
    without: tuple[str, ...]


def normalise(text: str) -> str:
    """Collapse whitespace runs to one space and strip, as the corpus README prescribes."""
    return " ".join(TOKEN.findall(text))


def found_in(text: str, snippets: Sequence[str]) -> list[bool]:
    """Tell for each snippet whether it occurs in `text`, up to whitespace."""
    norm = normalise(text)
    return [normalise(s) in norm for s in snippets]


def spans(text: str, snippet: str) -> Iterator[tuple[int, int]]:
    """Yield the [start, end) spans of `text` that match `snippet` up to whitespace."""
    pattern = r"\s+".join(map(re.escape, TOKEN.findall(snippet)))
    return (m.span() for m in re.finditer(pattern, text)) if pattern else iter(())


def lines_around(text: str, snippet: str) -> Json:
    """Return the full line(s) of `text` holding each occurrence of `snippet`, with 1-based line numbers."""
    lines: list[str] = []
    numbers: list[int] = []
    for start, end in spans(text, snippet):
        first, last = text.rfind("\n", 0, start) + 1, text.find("\n", end)
        if (number := text.count("\n", 0, first) + 1) not in numbers:
            numbers.append(number)
            lines.extend(text[first : last if last >= 0 else len(text)].splitlines())
    return {"line_numbers": numbers, "line_count": text.count("\n") + 1, "lines": lines}


def overlapping(text: str, snippet: str, removals: Iterable[Removal]) -> list[Json]:
    """Return the removals that cut into any occurrence of `snippet` in the original `text`."""
    found = list(spans(text, snippet))
    return [
        {"rule": r.rule, "category": r.category, "text": r.text}
        for r in removals
        if any(r.start < end and r.end > start for start, end in found)
    ]


@dataclass(slots=True)
class Bench:
    """Snippet counts of both pipelines, the changes made by cleaning and the detail listings."""

    base: Counter[str] = field(default_factory=Counter)
    clean: Counter[str] = field(default_factory=Counter)
    lost: list[Json] = field(default_factory=list)
    left: list[Json] = field(default_factory=list)

    def add(self, page: Page, result: Result | None) -> None:
        """Score one page; `result` is None when benchmarking trafilatura alone."""
        text = result.text if result else page.text
        w0, w1 = found_in(page.text, page.with_), found_in(text, page.with_)
        o0, o1 = found_in(page.text, page.without), found_in(text, page.without)
        for counts, w, o in ((self.base, w0, o0), (self.clean, w1, o1)):
            counts.update(tp=sum(w), fn=len(w) - sum(w), fp=sum(o), tn=len(o) - sum(o))
        self.clean.update(
            lost=sum(a > b for a, b in zip(w0, w1, strict=True)),
            gained=sum(a < b for a, b in zip(w0, w1, strict=True)),
            removed=sum(a > b for a, b in zip(o0, o1, strict=True)),
            exposed=sum(a < b for a, b in zip(o0, o1, strict=True)),
        )
        ids = {"id": page.id, "url": page.url}
        if result:
            self.lost.extend(
                ids
                | {"snippet": s, "removals": overlapping(page.text, s, result.removals), "truncated": result.truncated}
                for s, a, b in zip(page.with_, w0, w1, strict=True)
                if a > b
            )
        self.left.extend(
            ids | {"snippet": s} | lines_around(text, s) for s, b in zip(page.without, o1, strict=True) if b
        )

    def scores(self, with_cleaner: bool) -> dict[str, dict[str, float]]:
        """Return the metrics per pipeline (the cleaner's row only when it ran)."""
        rows = {"trafilatura": metrics(self.base)}
        if with_cleaner:
            rows["trafilatura+cleaner"] = metrics(self.clean) | {
                k: self.clean[k] for k in ("lost", "removed", "gained", "exposed")
            }
        return rows


def metrics(c: Counter[str]) -> dict[str, float]:
    """Return counts, precision, recall, F1 and accuracy of one pipeline."""
    precision = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0
    recall = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    counts = {k: c[k] for k in ("tp", "fn", "fp", "tn")}
    accuracy = (c["tp"] + c["tn"]) / sum(counts.values()) if any(counts.values()) else 0.0
    return counts | {"precision": precision, "recall": recall, "f1": f1, "accuracy": accuracy}


def extract_page(job: tuple[str, str, str]) -> Json:
    """Extract one gzipped page (in a worker process); any failure yields empty text."""
    page_id, path, url = job
    record: Json = {"id": page_id, "url": url, "text": "", "title": None}
    try:
        html = gzip.decompress(Path(path).read_bytes())
        doc = trafilatura.bare_extraction(
            html, url=url, include_comments=False, include_tables=True, with_metadata=True
        )
    except Exception as err:  # a page that fails to extract counts as empty text
        return record | {"error": repr(err)}
    if isinstance(doc, Document):  # extract() serialises the same body, then strips and NFC-normalises it
        record |= {"text": normalize_unicode((doc.text or "").strip()), "title": doc.title}
    return record


def load_cache(path: Path) -> dict[str, Json]:
    """Read cached extractions by page id (a missing or torn file only means more work)."""
    records: dict[str, Json] = {}
    for line in path.read_text(encoding="utf-8").splitlines() if path.is_file() else []:
        try:
            record = json.loads(line)
        except json.JSONDecodeError:
            continue
        records[str(record["id"])] = record
    return records


def extract_all(corpus: Path, annotations: dict[str, Json]) -> dict[str, Json]:
    """Return an extraction per page id, extracting (2 processes) only the pages missing from the cache."""
    cached = load_cache(CACHE)
    jobs = [
        (page_id, str(corpus / "html" / f"{page_id}.html.gz"), str(ann["url"]))
        for page_id, ann in annotations.items()
        if cached.get(page_id, {}).get("url") != ann["url"] or "error" in cached[page_id]  # retry failures
    ]
    if jobs:
        print(f"extracting {len(jobs)} pages with trafilatura {trafilatura.__version__} ...", file=sys.stderr)
        with Pool(2, initializer=logging.disable, initargs=(logging.CRITICAL,)) as pool:
            cached.update((str(r["id"]), r) for r in pool.imap_unordered(extract_page, jobs, chunksize=4))
        tmp = CACHE.with_suffix(".tmp")
        write_jsonl(tmp, (cached[k] for k in sorted(cached)))
        tmp.replace(CACHE)
    return cached


def load_pages(corpus: Path) -> list[Page]:
    """Join the annotations with their (cached) trafilatura extraction."""
    annotations: dict[str, Json] = json.loads((corpus / "annotations.json").read_text(encoding="utf-8"))
    extracted = extract_all(corpus, annotations)
    return [make_page(ann, extracted[page_id]) for page_id, ann in sorted(annotations.items())]


def make_page(ann: Json, record: Json) -> Page:
    """Build a Page from an annotation entry and an extraction record."""
    title, with_, without = record.get("title"), ann["with"], ann["without"]
    assert isinstance(with_, list) and isinstance(without, list)
    return Page(
        str(record["id"]), str(ann["url"]), str(record["text"]), title if isinstance(title, str) else None,
        tuple(map(str, with_)), tuple(map(str, without)),
    )  # fmt: skip


def load_cleaner() -> Callable[[Page], Result]:
    """Import the cleaner from the project root and return a page -> Result function."""
    sys.path.insert(0, str(ROOT))
    from cleaner import Cleaner

    cleaner = Cleaner()
    return lambda page: cleaner.clean(page.text, url=page.url, title=page.title)


def write_jsonl(path: Path, records: Iterable[Json]) -> None:
    """Write one JSON object per line."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        out.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


def print_table(scores: dict[str, dict[str, float]]) -> None:
    """Print the pipelines side by side, one metric per row."""
    print(f"{'':42}" + "".join(f"{name:>22}" for name in scores))
    for label, key in ROWS.items():
        if not any(key in row for row in scores.values()):
            continue
        cells = [row.get(key, "-") for row in scores.values()]
        print(f"{label:42}" + "".join(f"{c:>22.4f}" if isinstance(c, float) else f"{c!s:>22}" for c in cells))


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """Parse the command line."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="trafilatura-eval folder")
    parser.add_argument("--baseline-only", action="store_true", help="score trafilatura alone (cleaner not imported)")
    parser.add_argument("--lost", type=Path, help="write required snippets lost by cleaning (JSONL)")
    parser.add_argument("--left", type=Path, help="write boilerplate snippets left after cleaning (JSONL)")
    parser.add_argument("--json", type=Path, help="write the scores as JSON")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark; return the exit status."""
    args = parse_args(argv)
    if not (args.corpus / "annotations.json").is_file():
        print(f"corpus not found at {args.corpus}: skipping the quality benchmark")
        return 0
    pages = load_pages(args.corpus)
    clean = None if args.baseline_only else load_cleaner()
    bench = Bench()
    for page in pages:
        bench.add(page, clean(page) if clean else None)
    scores = bench.scores(with_cleaner=clean is not None)
    info = {
        "trafilatura_version": trafilatura.__version__, "pages": len(pages),
        "empty_extractions": sum(not p.text for p in pages),
        "with_snippets": sum(len(p.with_) for p in pages), "without_snippets": sum(len(p.without) for p in pages),
    }  # fmt: skip
    print(", ".join(f"{k}: {v}" for k, v in info.items()))
    print_table(scores)
    if args.lost:
        write_jsonl(args.lost, bench.lost)
    if args.left:
        write_jsonl(args.left, bench.left)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(info | scores, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
