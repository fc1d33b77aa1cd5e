"""Coverage of the non-English packs: which invented clutter probes (tests/coverage/*.yaml) each pack removes."""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

from cleaner import Cleaner

PROBE_DIR = Path(__file__).parent / "coverage"
CATEGORIES = (
    "player",
    "paywall",
    "pagination",
    "disclosure",
    "press",
    "engagement",
    "app_promo",
    "cookie",
    "self_promo",
    "author",
    "related",
    "nav",
    "share",
    "credit",
    "ad",
)


def load_probes(folder: Path = PROBE_DIR) -> dict[str, dict[str, list[str]]]:
    """Probes by language, then by category, from every YAML file of the folder."""
    probes: dict[str, dict[str, list[str]]] = {}
    for path in sorted(folder.glob("*.yaml")):
        for lang, by_category in yaml.safe_load(path.read_text(encoding="utf-8")).items():
            for category, lines in by_category.items():
                probes.setdefault(lang, {}).setdefault(category, []).extend(lines)
    return probes


def removed(cleaner: Cleaner, probe: str, lang: str) -> bool:
    """The probe, cleaned alone with its language's pack, comes out empty."""
    return not cleaner.clean(probe, lang=lang).text.strip()


def misses(cleaner: Cleaner, folder: Path = PROBE_DIR) -> list[tuple[str, str, str]]:
    """Every probe its language's pack leaves, as (language, category, probe)."""
    return [
        (lang, category, probe)
        for lang, by_category in load_probes(folder).items()
        for category, lines in by_category.items()
        for probe in lines
        if not removed(cleaner, probe, lang)
    ]


def matrix(cleaner: Cleaner, folder: Path = PROBE_DIR) -> str:
    """A Markdown table: probes removed / probes, category by language."""
    probes = load_probes(folder)
    langs = list(probes)
    rows = ["| category | " + " | ".join(langs) + " |", "|---|" + "---|" * len(langs)]
    for category in CATEGORIES:
        cells = []
        for lang in langs:
            lines = probes[lang].get(category, [])
            hit = sum(removed(cleaner, probe, lang) for probe in lines)
            cells.append(f"{hit}/{len(lines)}" if lines else "-")
        rows.append(f"| {category} | " + " | ".join(cells) + " |")
    return "\n".join(rows)


def main(argv: list[str]) -> None:
    """Print the matrix (--round2/--round3: that probe round; --rules=DIR: other packs); --misses: probes left."""
    rules = [arg.removeprefix("--rules=") for arg in argv if arg.startswith("--rules=")]
    cleaner = Cleaner(rules, defaults=False) if rules else Cleaner()
    rounds = [arg.removeprefix("--") for arg in argv if arg in ("--round2", "--round3", "--round4")]
    folder = PROBE_DIR / rounds[0] if rounds else PROBE_DIR
    print(matrix(cleaner, folder))
    if "--misses" in argv:
        for lang, category, probe in misses(cleaner, folder):
            print(f"{lang}\t{category}\t{probe}")


if __name__ == "__main__":
    main(sys.argv[1:])
