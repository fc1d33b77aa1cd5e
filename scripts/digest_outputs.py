"""Digests of the cleaner's output on real text, to show that an engine change leaves every byte as it was.

Builds two JSONL dumps under .cache/digest/ from ../shared/corpus (the WCXB dev ground-truth texts with their URL
and title and no language; the labelled sites texts with their language), then prints one SHA-256 per way of
running: `cleaner clean` at -j1 and -j2 (output and log), and `Cleaner.clean` in-process with the screen on and
off (text, removals, truncated flag, language, flag). Run it before and after a change and compare the lines.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def build_dumps(shared: Path, folder: Path) -> list[Path]:
    """Write the two dumps (once) and return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    wcxb, sites = folder / "wcxb.jsonl", folder / "sites.jsonl"
    if not wcxb.exists():
        with wcxb.open("w", encoding="utf-8") as out:
            for path in sorted((shared / "corpus" / "wcxb-dev" / "ground-truth").glob("*.json")):
                truth = json.loads(path.read_text(encoding="utf-8"))
                record = {
                    "id": path.stem,
                    "text": truth["ground_truth"].get("main_content") or "",
                    "url": truth.get("url"),
                    "title": truth["ground_truth"].get("title"),
                }
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
    if not sites.exists():
        with sites.open("w", encoding="utf-8") as out:
            for line in (shared / "corpus" / "sites" / "sites.jsonl").read_text(encoding="utf-8").split("\n"):
                if not line:
                    continue
                item = json.loads(line)
                record = {key: item.get(key) for key in ("id", "text", "url", "lang")}
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return [wcxb, sites]


def digest_files(*paths: Path) -> str:
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def run_cli(dump: Path, jobs: int, folder: Path) -> str:
    output, log = folder / f"{dump.stem}.j{jobs}.out.jsonl", folder / f"{dump.stem}.j{jobs}.log.jsonl"
    command = [str(ROOT / ".venv" / "bin" / "cleaner"), "clean", str(dump), "-o", str(output), "--log", str(log)]
    command += ["--lang-field", "lang", "-j", str(jobs), "-q"]
    subprocess.run(command, check=True, cwd=ROOT)
    return digest_files(output, log)


def run_library(dump: Path, screen: bool) -> str:
    from cleaner import Cleaner

    cleaner = Cleaner(screen=screen)
    digest = hashlib.sha256()
    for line in dump.read_text(encoding="utf-8").split("\n"):
        if not line:
            continue
        record = json.loads(line)
        result = cleaner.clean(
            record["text"], url=record.get("url"), lang=record.get("lang"), title=record.get("title")
        )
        digest.update(repr(result).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:16]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--cache", type=Path, default=ROOT / ".cache" / "digest")
    args = parser.parse_args()
    if not (args.shared / "corpus").is_dir():
        print(f"no corpus under {args.shared}: nothing to digest", file=sys.stderr)
        return 1
    for dump in build_dumps(args.shared, args.cache):
        size = dump.stat().st_size / 1e6
        print(f"{dump.name} ({size:.1f} MB)")
        for jobs in (1, 2):
            print(f"  cleaner clean -j{jobs}: {run_cli(dump, jobs, args.cache)}")
        for screen in (True, False):
            print(f"  Cleaner(screen={screen}).clean: {run_library(dump, screen)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
