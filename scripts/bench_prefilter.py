"""The prefilter alone: us per document of Prefilter.flagged, Python-handled hits, flagged lines and (line, rule) pairs.

Each document meets the rules the engine would give it (language detected first, as Cleaner._decide does), and the
timing covers `flagged` only (best of --repeat passes, CPU time, warm). Texts: a JSONL file with a "text" field, or
by default ../shared/corpus (sites.jsonl and the wcxb-dev main_content texts). Usage:
  .venv/bin/python scripts/bench_prefilter.py [--jsonl FILE] [--limit N] [--repeat R]
Run it from another checkout's root with PYTHONPATH=. to compare two commits on the same texts in the same minute.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, os.getcwd())

ROOT = Path(__file__).resolve().parent.parent


def texts(jsonl: Path | None, shared: Path) -> list[str]:
    if jsonl is not None:
        return [json.loads(line)["text"] for line in jsonl.read_text(encoding="utf-8").splitlines() if line.strip()]
    found: list[str] = []
    sites = shared / "corpus" / "sites" / "sites.jsonl"
    if sites.is_file():
        found += [json.loads(line).get("text") or "" for line in sites.read_text(encoding="utf-8").splitlines()]
    for path in sorted((shared / "corpus" / "wcxb-dev" / "ground-truth").glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        text = (data.get("ground_truth") or {}).get("main_content") if isinstance(data, dict) else None
        if isinstance(text, str):
            found.append(text)
    return [t for t in found if t.strip()]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--jsonl", type=Path)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--limit", type=int, default=1500)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    import cleaner.prefilter as prefilter_module
    from cleaner import Cleaner
    from cleaner.engine import MIN_SCORE
    from cleaner.finds import flagged_lines
    from cleaner.langid import detect_language
    from cleaner.segment import split_lines

    corpus = texts(args.jsonl, args.shared)[: args.limit]
    if not corpus:
        sys.exit("no texts: give --jsonl FILE or put ../shared/corpus beside the repository")
    cleaner = Cleaner()
    screen = cleaner._screen
    assert screen is not None
    selections = []
    for text in corpus:
        rules = cleaner._rules_for(None, None)
        if rules.undecided is not None:
            language = detect_language(text, MIN_SCORE)[0]
            if language in cleaner._packs:
                rules = cleaner._selection(language, None)
        selections.append(rules.active)
    work = list(zip(corpus, selections, strict=True))
    for text, active in work:  # warm: automata built, checks compiled
        screen.flagged(text, active=active)
    best = float("inf")
    for _ in range(args.repeat):
        started = time.process_time()
        for text, active in work:
            screen.flagged(text, active=active)
        best = min(best, time.process_time() - started)
    digest = hashlib.sha256()
    lines = pairs = 0
    for text, active in work:
        spans = screen.flagged(text, active=active)
        digest.update(repr(spans).encode())
        split = split_lines(text)
        for index, found in flagged_lines(spans, [line.start for line in split], len(split)).items():
            if not split[index].blank:
                lines += 1
                pairs += len(found or ())
    calls = 0
    confirm = prefilter_module.Prefilter._confirm

    def counted(*a: object, **k: object) -> None:
        nonlocal calls
        calls += 1
        confirm(*a, **k)  # type: ignore[arg-type]

    prefilter_module.Prefilter._confirm = counted  # type: ignore[method-assign]
    for text, active in work:
        screen.flagged(text, active=active)
    prefilter_module.Prefilter._confirm = confirm  # type: ignore[method-assign]
    count = len(work)
    print(
        f"{count} docs: flagged {best / count * 1e6:.0f} us/doc, Python-handled hits {calls / count:.1f}/doc, "
        f"lines {lines / count:.2f}/doc, (line, rule) pairs {pairs / count:.2f}/doc, spans {digest.hexdigest()[:12]}"
    )


if __name__ == "__main__":
    main()
