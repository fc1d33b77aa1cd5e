"""The three corpora as lists of Doc records: trafilatura-eval, WCXB dev and the per-site scrapes."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from .extract import ROOT, extract_all

# ../shared beside the clone (CI), or beside the folder that holds the git worktrees (wt/<name>).
SHARED = next((p / "shared/corpus" for p in (ROOT.parent, ROOT.parent.parent) if (p / "shared/corpus").is_dir()),
              ROOT.parent / "shared/corpus")  # fmt: skip


@dataclass(frozen=True, slots=True)
class Doc:
    """One page: the text to clean (trafilatura's extraction or the scraped text) and what is known about it."""

    id: str
    url: str
    text: str
    title: str | None
    lang: str  # the record's language, else a detected one
    kind: str  # WCXB page type, the site of a sites record, "page" otherwise
    with_: tuple[str, ...] = ()
    without: tuple[str, ...] = ()
    truth: str = ""  # WCXB main_content


def str_tuple(value: object) -> tuple[str, ...]:
    """Return a list field as a tuple of strings (anything else as empty)."""
    return tuple(map(str, value)) if isinstance(value, list) else ()


def title_of(record: dict[str, object]) -> str | None:
    """Return an extraction's title when it is a string."""
    title = record.get("title")
    return title if isinstance(title, str) else None


def load_traf_eval(folder: Path, detect: object) -> list[Doc]:
    """Join the trafilatura-eval annotations with their cached extraction."""
    annotations: dict[str, dict[str, object]] = json.loads((folder / "annotations.json").read_text(encoding="utf-8"))
    extracted = extract_all("trafilatura-eval", folder / "html", {k: str(a["url"]) for k, a in annotations.items()})
    docs = []
    for page_id, ann in sorted(annotations.items()):
        record = extracted[page_id]
        text = str(record["text"])
        docs.append(
            Doc(page_id, str(ann["url"]), text, title_of(record), detect_lang(detect, text), "page",
                str_tuple(ann["with"]), str_tuple(ann["without"]))
        )  # fmt: skip
    return docs


def load_wcxb(folder: Path, detect: object) -> list[Doc]:
    """Join WCXB ground truth (snippets, main_content, page type) with the cached extraction of each page."""
    truths = {
        p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted((folder / "ground-truth").glob("*.json"))
    }
    extracted = extract_all("wcxb-dev", folder / "html", {k: str(t.get("url") or "") for k, t in truths.items()})
    docs = []
    for page_id, truth in truths.items():
        record, gt = extracted[page_id], truth["ground_truth"]
        text = str(record["text"])
        kind = str(truth.get("_internal", {}).get("page_type", {}).get("primary", "unknown"))
        docs.append(
            Doc(page_id, str(truth.get("url") or ""), text, title_of(record),
                detect_lang(detect, str(gt.get("main_content") or "") or text), kind,
                str_tuple(gt.get("with")), str_tuple(gt.get("without")), str(gt.get("main_content") or ""))
        )  # fmt: skip
    return docs


def load_sites(path: Path) -> list[Doc]:
    """Read the per-site scraped records (each with its own language)."""
    docs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        docs.append(Doc(str(record["id"]), str(record["url"]), str(record["text"]), None, str(record["lang"]),
                        str(record["site"])))  # fmt: skip
    return docs


def detect_lang(detect: object, text: str) -> str:
    """Return the language code that `detect` (py3langid's classify, or None) gives for the text's start."""
    if not callable(detect) or not text.strip():
        return "??"
    return str(detect(text[:2000])[0])


def language_detector() -> object:
    """Return py3langid's classify, or None when it is not installed (languages then show as '??')."""
    try:
        import py3langid
    except ImportError:
        return None
    return py3langid.classify
