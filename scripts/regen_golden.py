"""Regenerate golden files: fixtures/articles/<case>.clean.txt and <case>.removals.json from <case>.txt.

Also rewrites cleaner/literals.json, the shipped rules' screen literals computed ahead of time.

Review the git diff afterwards; never hand-edit the outputs.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cleaner import Cleaner, load_rules  # noqa: E402
from cleaner.literal_cache import write as write_literals  # noqa: E402
from cleaner.removals import check_result  # noqa: E402

ARTICLES = ROOT / "fixtures" / "articles"


def golden_log(result_removals: list[dict[str, object]], truncated: bool) -> str:
    return json.dumps({"truncated": truncated, "removals": result_removals}, ensure_ascii=False, indent=2) + "\n"


def main() -> None:
    write_literals(rule.pattern for rule in load_rules() if rule.kind == "pattern")
    print("cleaner/literals.json: screen literals of the shipped patterns")
    cleaner = Cleaner()
    for source in sorted(ARTICLES.glob("*.txt")):
        if source.name.endswith(".clean.txt"):
            continue
        text = source.read_bytes().decode("utf-8")
        result = cleaner.clean(text)
        check_result(text, result)
        case = source.name.removesuffix(".txt")
        (ARTICLES / f"{case}.clean.txt").write_bytes(result.text.encode("utf-8"))
        log = golden_log([r.to_dict() for r in result.removals], result.truncated)
        (ARTICLES / f"{case}.removals.json").write_text(log, encoding="utf-8")
        print(f"{case}: {len(result.removals)} removals, truncated={result.truncated}")


if __name__ == "__main__":
    main()
