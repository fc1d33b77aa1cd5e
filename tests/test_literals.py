"""The screen's literals never hide a line its rule matches: lookbehinds, word boundaries, repeats, digits."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.literals import GAP, screen_literals
from cleaner.prefilter import Prefilter

# (pattern, lines it matches): every such line must be flagged for the pattern, whatever surrounds it.
CASES = [
    (
        r"(?<=[.!?]['”’)]?)\s+(?:By|Photo:)\s+\p{Lu}[\p{Lu} .-]{2,40}$",
        ["It ended. By JANE DOE", "Done.” Photo: AP WIRE"],
    ),
    (r"^\W{0,3}(?:we|i)\b.{0,40}links", ["I may earn from links", "We use links", "— i: links"]),
    (r"^\s*>{2,3}\s*\S.{3,50}?\s*<{2,3}\s*$", [">> Mehr Nachrichten <<", "   >>>Top<<<"]),
    (r"^\W{0,3}\d{1,2}\s+(?:jan|feb)\w*\.?\s+\d{4}$", ["12 Januari 2024", "• 3 feb. 2023", "١٢ jan 2024"]),
    (r"^\W{0,3}[(\[](?:\p{L}{2,4}\s*/\s*)?(?:dpa|afp)\)\W*$", ["(dpa)", "[xy/afp)", "(ÄÖ / dpa)."]),
    (r"^\W{0,3}(?:von|by)\s+\p{Lu}\w+$", ["Von Jürgen", "BY İsmail", "by Ωmega"]),
    (r"\bİlgili\b", ["İlgili haber", "ilgili", "İLGİLİ"]),
    (r"^\W*anzeige\W*$", ["ANZEIGE", "— Anzeige —", "anzeige"]),
]


def flagged(pattern: str, text: str) -> bool:
    return Prefilter([pattern]).candidates(text) == [0]


@pytest.mark.parametrize(("pattern", "lines"), CASES)
def test_a_line_the_rule_matches_is_flagged_alone_and_inside_a_document(pattern: str, lines: list[str]) -> None:
    compiled = regex.compile(pattern, regex.IGNORECASE)
    for line in lines:
        assert compiled.search(line), (pattern, line)  # the case itself is right
        for text in (line, f"First paragraph.\n{line}\nLast paragraph.", f"One.\r\n{line}\u2028Two."):
            assert flagged(pattern, text), (pattern, text)


def test_prose_that_merely_contains_the_words_is_not_flagged() -> None:
    assert not flagged(r"^\W{0,3}(?:von|by)\s+\p{Lu}\w+$", "Die Rede von Merkel war lang.")
    assert not flagged(r"^\W*anzeige\W*$", "Die Anzeige erschien am Montag.\nZweite Zeile.")
    assert not flagged(r"^\W{0,3}\d{1,2}\s+(?:jan|feb)\w*\.?\s+\d{4}$", "Seit Januar 2024 gilt das Gesetz.")


def test_a_rule_with_nothing_literal_to_look_for_runs_on_every_line() -> None:
    assert screen_literals(r"^\w+$") is None
    assert Prefilter([r"^\w+$"]).always == [0]


def test_leading_literals_keep_the_words_after_junk_and_gaps() -> None:
    found = screen_literals(r"^\W{0,3}(?:lesen\s+sie|mehr)\s*:|\(foto:")
    assert found is not None
    leading, anywhere = found
    assert f"lesen{GAP}sie" in leading and anywhere == {"(foto:"}


words = st.sampled_from(["Von", "by", "12", "Jan", "dpa", "(", ")", "/", "—", " ", "İ", "ß", ">>", "<<", "\t", "é"])


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(CASES), st.lists(words, max_size=10).map("".join))
def test_random_lines_a_rule_matches_are_always_flagged(case: tuple[str, list[str]], line: str) -> None:
    pattern, _ = case
    if regex.compile(pattern, regex.IGNORECASE).search(line):
        assert flagged(pattern, line) and flagged(pattern, f"Intro.\n{line}\nOutro.")


def test_shorten_keeps_the_start_of_a_literal_up_to_its_own_characters() -> None:
    from cleaner.literals import GAP, WORD, shorten

    assert shorten("lesen" + GAP + "sie auch", 6) == "lesen" + GAP + "s"
    assert shorten(WORD + GAP + "von", 2) == WORD + GAP + "vo"  # runs do not count as characters of its own
    assert shorten("ad", 6) == "ad"


def test_the_shipped_literals_file_is_current_for_every_shipped_pattern() -> None:
    import json

    from cleaner import load_rules
    from cleaner.literal_cache import PATH, literals_of, stamp
    from cleaner.literals import screen_literals

    data = json.loads(PATH.read_text(encoding="utf-8"))
    assert data["stamp"] == stamp(), "literals.py changed: run `make golden` to rewrite cleaner/literals.json"
    patterns = {rule.pattern for rule in load_rules() if rule.kind == "pattern"}
    assert set(data["patterns"]) == patterns, "the rule packs changed: run `make golden`"
    # Not keyed by the `regex` or Python version: what another version reads must be what the file holds.
    for pattern in patterns:
        assert literals_of(pattern) == screen_literals(pattern), pattern


@pytest.fixture
def stores(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An empty shipped file and user cache under tmp_path."""
    from cleaner import literal_cache

    monkeypatch.setattr(literal_cache, "PATH", tmp_path / "literals.json")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("ARTICLE_CLEANER_CACHE", raising=False)
    monkeypatch.setattr(literal_cache, "_user", None)
    literal_cache._shipped.cache_clear()
    yield tmp_path
    literal_cache._shipped.cache_clear()


def test_a_literals_file_with_another_stamp_is_ignored(stores: Path) -> None:
    import json

    from cleaner import literal_cache

    wrong = {"stamp": "0000", "patterns": {r"^also read\b": [["nothing"], []]}}
    (stores / "literals.json").write_text(json.dumps(wrong), encoding="utf-8")
    assert literal_cache.literals_of(r"^also read\b") == screen_literals(r"^also read\b")
    good = {**wrong, "stamp": literal_cache.stamp()}
    (stores / "literals.json").write_text(json.dumps(good), encoding="utf-8")
    literal_cache._shipped.cache_clear()
    assert literal_cache.literals_of(r"^also read\b") == (frozenset(["nothing"]), frozenset())


def test_literals_of_a_pattern_not_shipped_are_cached_for_the_next_process(stores: Path) -> None:
    import json

    from cleaner import literal_cache

    pattern = r"^\W*siehe auch\s*:"
    assert literal_cache.literals_of(pattern) == screen_literals(pattern)
    path = literal_cache.user_path()
    assert path is not None and path.parent == stores / "cache" / "article-cleaner"
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["stamp"] == literal_cache.stamp() and pattern in data["patterns"]
    data["patterns"][pattern] = [["planted"], []]  # the next process reads the cache, not the pattern
    path.write_text(json.dumps(data), encoding="utf-8")
    literal_cache._user = None
    assert literal_cache.literals_of(pattern) == (frozenset(["planted"]), frozenset())


def test_the_user_cache_can_be_turned_off(stores: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from cleaner import literal_cache

    monkeypatch.setenv("ARTICLE_CLEANER_CACHE", "off")
    assert literal_cache.literals_of(r"^\W*lees ook\s*:") == screen_literals(r"^\W*lees ook\s*:")
    assert literal_cache.user_path() is None and not (stores / "cache").exists()


def test_an_anchored_rule_keeps_its_line_start_phrases_over_a_common_word_anywhere() -> None:
    lead, anywhere = screen_literals(r"^\W{0,3}(?:sie\s+sind|du\s+bist)\s+nicht\s+angemeldet")
    assert lead and not anywhere


def test_a_full_stop_selects_less_than_a_slash_between_spaces() -> None:
    found = screen_literals(r"(?<=\p{Ll}\.)\p{Lu}[\p{L}-]{1,20}\s/\s\p{Lu}[\p{L}-]{1,20}$")
    assert found is not None
    assert all("/" in literal for literal in found[1]), found
