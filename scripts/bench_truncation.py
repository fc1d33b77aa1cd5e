"""Precision and recall of the truncated flag on a labelled set built at run time from ../shared/corpus."""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import regex

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
SEED = 18
STYLES = ("word", "char", "marker", "ellipsis")
# A sentence ends at one of these, maybe followed by closing quotes or brackets, then space and no lower-case
# letter; a single letter, a dotted word or a one- or two-digit number before a full stop is not a sentence end.
SENTENCE_END = regex.compile(
    r"(?<!(?:^|[\s(])(?:\p{L}|\p{L}+\.\p{L}+|\d{1,2}))[.!?…。！？][\"'”’»)\]」』）]*(?:\s+(?=[^\s\p{Ll}])|\s*$)|[。！？]"
)
LIST_OR_TABLE = re.compile(r"\s*(?:[-–—•*·▪►✓]|\d{1,3}[.)])\s|.*\|.*\||.*\t")
WORD_GAP = re.compile(r"(?<=\w)\s+(?=\w)")
# Cheap language guess: the script first (CJK, Cyrillic), then the most frequent of a handful of function words
# per language among the text's first 400 words; a tie or no hit says "en". Good enough to split figures by language.
FUNCTION_WORDS = {
    "en": "the and of to is that with for was are this",
    "de": "der die und das ist nicht mit den sich auch ein",
    "fr": "le la les et des est une pour dans que pas",
    "es": "el los las del que por una para con como más",
    "it": "il che della per una sono non gli anche più",
    "pt": "que não uma para com dos das mais como pelo",
    "nl": "het een van dat niet zijn voor met ook worden",
    "pl": "się nie jest że na do oraz jak przez także",
    "tr": "ve bir bu için ile olarak daha çok gibi olan",
    "id": "yang dan di dengan untuk ini dari dalam tidak itu",
    "vi": "của và là các những được trong cho không người",
}
# Markers a page leaves where it cut the article (own phrasings, several per language; not the rule files' lists).
MARKERS = {
    "en": ["Continue reading", "Read more…", "Subscribe to read the full story", "Read the full article »",
           "This article is for subscribers only."],
    "de": ["Weiterlesen", "Jetzt weiterlesen mit Plus", "Lesen Sie den ganzen Artikel",
           "Dieser Artikel ist nur für Abonnenten verfügbar."],
    "fr": ["Lire la suite", "Lire la suite de l'article", "Cet article est réservé aux abonnés."],
    "es": ["Leer más", "Seguir leyendo", "Este artículo es exclusivo para suscriptores."],
    "it": ["Leggi tutto", "Continua a leggere"], "pt": ["Leia mais", "Continue lendo"],
    "nl": ["Lees verder", "Lees meer"], "pl": ["Czytaj dalej", "Czytaj więcej"],
    "ru": ["Читать далее", "Читать полностью"], "tr": ["Devamını oku", "Haberin devamı"],
    "id": ["Baca selengkapnya", "Baca Selengkapnya »"], "vi": ["Xem tiếp", "Đọc tiếp"],
    "zh": ["阅读全文", "查看全文"], "ja": ["続きを読む", "続きは会員登録で"],
}  # fmt: skip


def guess_language(text: str) -> str:
    """Guess a text's language from its script or its commonest function words (see FUNCTION_WORDS)."""
    if re.search(r"[\u3040-\u30ff]", text[:2000]):
        return "ja"
    sample = text[:4000]
    if len(re.findall(r"[\u4e00-\u9fff]", sample)) > 50:
        return "zh"
    if len(re.findall(r"[\u0400-\u04ff]", sample)) > 100:
        return "ru"
    words = Counter(w.lower() for w in re.findall(r"\w+", sample)[:400])
    scores = {lang: sum(words[w] for w in ws.split()) for lang, ws in FUNCTION_WORDS.items()}
    best = max(scores, key=lambda k: scores[k])
    return best if scores[best] > 0 else "en"


@dataclass(frozen=True, slots=True)
class Case:
    """One labelled text: its ending is complete, or cut in `style` (then `fragment` is what should go)."""

    source: str
    lang: str
    style: str  # "complete" or one of STYLES
    text: str
    fragment: str = ""  # the unfinished text the detector should remove ("" when nothing but the marker goes)
    keep: int = 0  # offset where what should go (the fragment, the marker) starts; text[:keep] stays


def wcxb_texts(corpus: Path) -> Iterator[tuple[str, str, str, str]]:
    """(id, page type, url, main_content) of every WCXB dev page with a main_content."""
    for path in sorted((corpus / "wcxb-dev" / "ground-truth").glob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        text = ((record.get("ground_truth") or {}).get("main_content") or "").strip()
        page_type = (record.get("_internal") or {}).get("page_type", {}).get("primary", "")
        if text:
            yield f"wcxb:{path.stem}", page_type, str(record.get("url") or ""), text


def site_texts(corpus: Path) -> Iterator[tuple[str, str, str]]:
    """(id, language, text) of every record of sites.jsonl."""
    path = corpus / "sites" / "sites.jsonl"
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            if record.get("text", "").strip():
                yield f"sites:{record['id']}", record["lang"], record["text"].strip()


def prose_lines(text: str) -> list[tuple[int, int]]:
    """[start, end) of the lines that read as prose (20+ words with a sentence end inside): where cuts land.

    List items and table rows are left out: the detector never calls them cut, by design (precision first).
    """
    found, position = [], 0
    for line in text.split("\n"):
        words = len(line.split()) if line.count(" ") > 3 else len(line) // 2
        listed = LIST_OR_TABLE.match(line) is not None
        if words >= 20 and not listed and SENTENCE_END.search(line.rstrip()[:-1] if line.rstrip() else ""):
            found.append((position, position + len(line)))
        position += len(line) + 1
    return found


def sentence_start(text: str, cut: int) -> int:
    """Where the sentence holding offset `cut` starts (after the last sentence end, or at its line's start)."""
    line_start = text.rfind("\n", 0, cut) + 1
    start = line_start
    for match in SENTENCE_END.finditer(text, line_start, cut):
        if match.end() < cut:
            start = match.end()
    return start


def cut_case(rng: random.Random, source: str, lang: str, text: str, style: str) -> Case | None:
    """Cut `text` the way a scraper does, inside a prose line in the later part of the document."""
    lines = [span for span in prose_lines(text) if span[1] > len(text) * 0.3] or prose_lines(text)
    if not lines:
        return None
    start, end = rng.choice(lines)
    if style == "marker" and rng.random() < 0.5:  # a teaser: whole paragraphs, then the marker
        marker = rng.choice(MARKERS.get(lang, MARKERS["en"]))
        return Case(source, lang, style, text[:end] + "\n" + marker, "", end)
    if style == "char" or (style == "ellipsis" and rng.random() < 0.5):
        inside = [m.start() for m in re.finditer(r"(?<=\w)(?=\w\w)", text[start:end])]
        cuts = [start + k for k in inside if not SENTENCE_END.match(text, sentence_start(text, start + k))]
    else:
        cuts = [m.start() for m in WORD_GAP.finditer(text, start, end)]
    # A cut right after a sentence end leaves a finished text: nothing tells it from a complete one; not used.
    cuts = [c for c in cuts if not re.search(r"[.!?…。！？][\"'”’»)]*\s*$", text[start:c])]
    if not cuts:
        return None
    cut = rng.choice(cuts)
    head = text[:cut]
    keep = sentence_start(text, cut)
    fragment = head[keep:]
    if style == "marker":
        return Case(source, lang, style, head + "\n" + rng.choice(MARKERS.get(lang, MARKERS["en"])), fragment, keep)
    if style == "ellipsis":
        return Case(source, lang, style, head + rng.choice(["...", "…", " ...", " […]"]), fragment, keep)
    return Case(source, lang, style, head, fragment, keep)


def trafilatura_texts(corpus: Path) -> Iterator[tuple[str, str, str]]:
    """(id, language, text) of the trafilatura-eval pages, extracted once and cached as bench_quality.py does.

    These texts still hold clutter, so they are used only for cut endings (more languages: de, fr, pl, es, it).
    """
    folder = corpus / "trafilatura-eval"
    if not (folder / "annotations.json").exists():
        return
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from quality.extract import extract_all

    annotations = json.loads((folder / "annotations.json").read_text(encoding="utf-8"))
    urls = {k: str(a["url"]) for k, a in annotations.items()}
    for page_id, record in sorted(extract_all("trafilatura-eval", folder / "html", urls).items()):
        text = str(record.get("text") or "").strip()
        if text:
            yield f"traf:{page_id}", guess_language(text), text


def build_set(corpus: Path, seed: int = SEED, trafilatura: bool = True) -> list[Case]:
    """Every WCXB dev main_content as a complete ending; WCXB articles, sites.jsonl and trafilatura-eval texts
    cut in each style (one style per text, in turn)."""
    rng = random.Random(seed)
    cases: list[Case] = []
    to_cut: list[tuple[str, str, str]] = []
    for source, page_type, _url, text in wcxb_texts(corpus):
        lang = guess_language(text)
        cases.append(Case(source, lang, "complete", text))
        if page_type == "article":
            to_cut.append((source, lang, text))
    to_cut.extend(site_texts(corpus))
    if trafilatura:
        to_cut.extend(trafilatura_texts(corpus))
    for n, (source, lang, text) in enumerate(to_cut):
        case = cut_case(rng, source, lang, text, STYLES[n % len(STYLES)])
        if case is not None:
            cases.append(case)
    return cases


@dataclass
class Tally:
    """Confusion counts of one slice of the set."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    exact: int = 0  # true positives whose truncation removals are exactly the fragment (and the marker)

    def add(self, cut: bool, flagged: bool, exact: bool) -> None:
        if cut and flagged:
            self.tp += 1
            self.exact += exact
        elif flagged:
            self.fp += 1
        elif cut:
            self.fn += 1
        else:
            self.tn += 1

    def row(self, name: str) -> str:
        precision = self.tp / (self.tp + self.fp) if self.tp + self.fp else float("nan")
        recall = self.tp / (self.tp + self.fn) if self.tp + self.fn else float("nan")
        exact = self.exact / self.tp if self.tp else float("nan")
        return (
            f"| {name:<10} | {self.tp + self.fn:>5} | {self.fp + self.tn:>8} | {self.tp:>4} | {self.fp:>3} | "
            f"{self.fn:>4} | {precision:>9.3f} | {recall:>6.3f} | {exact:>10.3f} |"
        )


HEADER = (
    "| slice      |   cut | complete |   tp |  fp |   fn | precision | recall | exact span |\n"
    "|------------|------:|---------:|-----:|----:|-----:|----------:|-------:|-----------:|"
)


def removed_exactly(case: Case, removals: Sequence[tuple[str, int, int]]) -> bool:
    """True when the truncation removals start where the fragment (or the marker) starts, up to white space."""
    starts = [start for category, start, _ in removals if category == "truncated_ending"]
    return bool(starts) and case.text[: min(starts)].rstrip() == case.text[: case.keep].rstrip()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="the shared corpus folder")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--show", type=int, default=10, help="print this many missed cuts per style")
    parser.add_argument(
        "--no-trafilatura", action="store_true", help="leave out the trafilatura-eval cuts (no extraction)"
    )
    args = parser.parse_args(argv)
    if not (args.corpus / "wcxb-dev").is_dir():
        print(f"bench_truncation: {args.corpus / 'wcxb-dev'} is not present; nothing to measure", file=sys.stderr)
        return 0
    from cleaner import Cleaner

    cleaner = Cleaner()
    cases = build_set(args.corpus, args.seed, not args.no_trafilatura)
    overall, by_style, by_lang = Tally(), {s: Tally() for s in ("complete", *STYLES)}, {}
    false_flags: list[tuple[str, str, str]] = []
    missed: dict[str, list[str]] = {s: [] for s in STYLES}
    inexact: list[tuple[str, str, str]] = []
    for case in cases:
        result = cleaner.clean(case.text)
        cut = case.style != "complete"
        spans = [(r.category, r.start, r.end) for r in result.removals]
        exact = removed_exactly(case, spans) if cut and result.truncated else False
        for tally in (overall, by_style[case.style], by_lang.setdefault(case.lang, Tally())):
            tally.add(cut, result.truncated, exact)
        if result.truncated and not cut:
            cuts = [r for r in result.removals if r.category == "truncated_ending"]
            why = " | ".join(f"{r.rule}: {r.text.strip()[-90:]!r}" for r in cuts)
            false_flags.append((case.source, case.lang, why))
        elif cut and not result.truncated:
            missed[case.style].append(f"{case.source} [{case.lang}] ...{case.text[-100:]!r}")
        elif cut and not exact:
            got = [r.text for r in result.removals if r.category == "truncated_ending"]
            inexact.append((case.source, repr(case.fragment[-80:]), repr(got)[-160:]))
    print(f"Truncation set (seed {args.seed}): {len(cases)} texts from {args.corpus}\n")
    print(HEADER)
    print(overall.row("all"))
    for style, tally in by_style.items():
        print(tally.row(style))
    print()
    print(HEADER)
    for lang in sorted(by_lang, key=lambda k: -(by_lang[k].tp + by_lang[k].fn + by_lang[k].fp + by_lang[k].tn)):
        print(by_lang[lang].row(lang))
    complete = by_style["complete"]
    print(f"\nTruncated flags on WCXB dev main_content: {complete.fp} of {complete.fp + complete.tn}")
    for source, lang, why in false_flags:
        print(f"  {source} [{lang}] {why}")
    if args.show:
        for style, lines in missed.items():
            print(f"\nMissed {style} cuts: {len(lines)} (first {args.show})")
            for line in lines[: args.show]:
                print("  " + line)
        print(f"\nFlagged cuts whose removal is not exactly the fragment: {len(inexact)} (first {args.show})")
        for row in inexact[: args.show]:
            print("  " + " ".join(row))
    return 0


if __name__ == "__main__":
    sys.exit(main())
