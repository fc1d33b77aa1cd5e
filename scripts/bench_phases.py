"""Time `Claims.run` (the BODY and ENDING phases) and the word tables' build, in process, on a JSONL of texts.

    .venv/bin/python scripts/bench_phases.py [texts.jsonl] [--limit N]

Default texts: `../shared/corpus/sites/sites.jsonl` beside the clone. The word tables of the languages met are
built first (and timed), so the phases' figure is for a warm process; CPU time (`time.process_time`).
To compare with another checkout, run the same command with `PYTHONPATH=<that checkout>`.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT.parent / "shared" / "corpus" / "sites" / "sites.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("texts", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--passes", type=int, default=1)
    args = parser.parse_args()
    texts = [json.loads(line)["text"] for line in args.texts.open(encoding="utf-8")]
    if args.limit:
        texts = texts[: args.limit]

    from cleaner import Cleaner, claims, wordlist

    languages = ("en", "de", "fr", "es", "it", "nl", "pt", "pl")
    started = time.process_time()
    for language in languages:
        wordlist._tables(language)
    tables = time.process_time() - started

    spent = [0.0]
    calls = [0]
    original = claims.Claims.run

    def timed(self: Any, matchers: Any, title: Any) -> None:
        begun = time.process_time()
        original(self, matchers, title)
        spent[0] += time.process_time() - begun
        calls[0] += 1

    claims.Claims.run = timed  # type: ignore[method-assign]
    cleaner = Cleaner()
    for text in texts[:50]:
        cleaner.clean(text)  # warm: the prefilter's automaton, compiled patterns
    spent[0], calls[0] = 0.0, 0
    started = time.process_time()
    for _ in range(args.passes):
        for text in texts:
            cleaner.clean(text)
    total = time.process_time() - started
    docs = len(texts) * args.passes
    print(
        f"tables {tables:.2f} s for {len(languages)} languages; {docs} docs, clean {total / docs * 1e6:.0f} us/doc, "
        f"Claims.run {spent[0] / docs * 1e6:.0f} us/doc ({calls[0]} calls, {spent[0] / max(calls[0], 1) * 1e6:.0f} "
        "us/call)"
    )


if __name__ == "__main__":
    main()
