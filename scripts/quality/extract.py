"""Trafilatura extraction of gzipped corpus pages, cached as JSONL under .cache/ and run in 2 processes."""

from __future__ import annotations

import gzip
import json
import logging
import sys
from collections.abc import Iterable
from multiprocessing import Pool
from pathlib import Path

import trafilatura
from trafilatura.settings import Document
from trafilatura.utils import normalize_unicode

ROOT = Path(__file__).resolve().parents[2]
CACHE_DIR = ROOT / ".cache/bench_quality"
Json = dict[str, object]


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


def extract_all(name: str, html_dir: Path, urls: dict[str, str]) -> dict[str, Json]:
    """Return an extraction per page id of corpus `name`, extracting only the pages missing from its cache."""
    # trafilatura-eval keeps the bare name that scripts/bench.py reads its real texts from.
    prefix = "" if name == "trafilatura-eval" else f"{name}-"
    cache = CACHE_DIR / f"{prefix}extracted-{trafilatura.__version__}.jsonl"
    cached = load_cache(cache)
    jobs = [
        (page_id, str(html_dir / f"{page_id}.html.gz"), url)
        for page_id, url in urls.items()
        if cached.get(page_id, {}).get("url") != url or "error" in cached[page_id]  # retry failures
    ]
    if jobs:
        print(f"{name}: extracting {len(jobs)} pages with trafilatura {trafilatura.__version__} ...", file=sys.stderr)
        with Pool(2, initializer=logging.disable, initargs=(logging.CRITICAL,)) as pool:
            cached.update((str(r["id"]), r) for r in pool.imap_unordered(extract_page, jobs, chunksize=4))
        tmp = cache.with_suffix(".tmp")
        write_jsonl(tmp, (cached[k] for k in sorted(cached)))
        tmp.replace(cache)
    return cached


def write_jsonl(path: Path, records: Iterable[Json]) -> None:
    """Write one JSON object per line."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        out.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
