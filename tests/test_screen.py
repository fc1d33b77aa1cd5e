"""The RE2 screen never hides a line from a rule: equivalence with the unscreened engine on the whole pack."""

from __future__ import annotations

import gzip

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleaner import Cleaner, load_rules
from cleaner import screen as screen_module
from cleaner.kinds import compile_rule
from cleaner.kinds.pattern import PatternMatcher
from cleaner.literals import screen_literals
from cleaner.screen import GROUP_LITERALS, Screen, _pack
from cleaner.segment import split_lines

from .conftest import SHARED

RULES = load_rules()
PATTERN_RULES = [r for r in RULES if r.kind == "pattern"]
# Every rule meets every document (no language detection): the screen must hide no line from any of them.
SCREENED = Cleaner.from_rules(RULES, detect_language=False)
UNSCREENED = Cleaner.from_rules(RULES, screen=False, detect_language=False)
EXAMPLES = [e.text for r in RULES for e in r.examples]
# Case and script traps: RE2 and `regex` must agree on what a literal matches in non-ASCII text.
TRAPS = ["İ", "ı", "ß", "ẞ", "ς", "Σ", "K", "Å", "ﬁ", "ǅ", "ŉ", "Ö", "é", "é", "\u00a0", "\u200b", "：", "…", "—"]


def same(text: str) -> None:
    assert SCREENED.clean(text) == UNSCREENED.clean(text)


@pytest.mark.parametrize("grouped", [True, False], ids=["one set per language group", "one set"])
def test_every_line_a_rule_matches_in_its_examples_is_flagged_for_that_rule(grouped: bool) -> None:
    languages = [r.language for r in PATTERN_RULES] if grouped else None
    screen = Screen([r.pattern for r in PATTERN_RULES], languages)
    for index, rule in enumerate(PATTERN_RULES):
        matcher = compile_rule(rule)
        assert isinstance(matcher, PatternMatcher)
        for example in rule.examples:
            for variant in (example.text, example.text.upper(), example.text.lower()):
                for line in split_lines(variant):
                    if matcher.pattern.search(line.text):
                        assert index in (screen.candidates(variant) or []), (rule.id, variant)
                        assert index in (screen.candidates(line.text) or []), (rule.id, line.text)


def test_screened_and_unscreened_engines_agree_on_every_rule_example() -> None:
    for text in EXAMPLES:
        same(text)
        same(text.upper())
        same(text.lower())


variants = st.sampled_from(EXAMPLES).flatmap(
    lambda text: st.sampled_from([text, text.upper(), text.swapcase(), text.title(), text.casefold()])
)
noise = st.lists(st.sampled_from(TRAPS) | st.characters(codec="utf-8"), max_size=6).map("".join)
documents = st.lists(
    st.tuples(noise, variants | noise, noise, st.sampled_from(["\n", "\n\n", "\r\n", " ", ""])), max_size=8
).map(lambda parts: "".join(a + b + c + d for a, b, c, d in parts))


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents)
def test_screened_and_unscreened_engines_agree_on_mixed_unicode_documents(text: str) -> None:
    same(text)


def test_text_re2_cannot_encode_falls_back_to_every_rule() -> None:
    same("Para one.\nAlso read: Storm \ud800 closes ports\nPara two.")


CORPUS = SHARED / "corpus" / "trafilatura-eval" / "html"


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not present")
def test_screened_and_unscreened_engines_agree_on_real_pages() -> None:
    from cleaner.html import ExtractionError, extract_html

    for path in sorted(CORPUS.glob("*.html.gz"))[:80]:
        try:
            page = extract_html(gzip.decompress(path.read_bytes()))
        except ExtractionError:
            continue
        assert SCREENED.clean(page.text, title=page.title) == UNSCREENED.clean(page.text, title=page.title), path.name


def test_with_detection_the_screened_engine_removes_what_the_unscreened_one_removes() -> None:
    screened, unscreened = Cleaner.from_rules(RULES), Cleaner.from_rules(RULES, screen=False)
    for text in EXAMPLES:
        # Language aside: a document the prefilter alone decides is not detected (docs/speed.md).
        assert screened.clean(text).removals == unscreened.clean(text).removals, text


def test_patterns_with_syntax_only_regex_reads_are_not_translated() -> None:
    assert screen_literals(r"^[[:alpha:]]+:") is None
    assert screen_literals(r"(?:advert){e<=1}") is None
    assert screen_literals(r"\mphoto\M") is None
    screen = Screen([r"(?:advert){e<=1}"])
    assert screen.always == [0] and screen.candidates("nothing here") == [0]
    assert Cleaner.from_rules([]).clean("x").removals == ()


def test_turkish_dotted_capital_i_reaches_a_rule_written_in_lower_case() -> None:
    screen = Screen([r"^\W{0,3}ilgili\s+haber\s*:"])
    assert screen.candidates("İLGİLİ HABER: Dolar yükseldi") == [0]


def test_unicode_word_and_space_classes_are_widened_not_narrowed() -> None:
    screen = Screen([r"^von\s\w+\s\w+$", r"^\W*anzeige\W*$"])
    assert screen.candidates("Von\u00a0Jürgen Müller") == [0]
    assert screen.candidates("— ANZEIGE —") == [1]
    assert screen.candidates("Der Bürgermeister sprach lange.") == []


def test_a_line_start_after_any_line_break_counts_for_anchored_rules() -> None:
    screen = Screen([r"^also read:"])
    for brk in ["\n", "\r", "\r\n", "\u2028", "\x85", "\x0c"]:
        assert screen.candidates(f"One.{brk}Also read: X") == [0], repr(brk)


def test_a_set_that_runs_out_of_memory_lets_every_rule_run() -> None:
    patterns = [r.pattern for r in PATTERN_RULES]
    languages = [r.language for r in PATTERN_RULES]
    starved = Screen(patterns, languages, max_mem=1 << 20)
    text = "\n".join(EXAMPLES[:400])
    assert set(Screen(patterns, languages).candidates(text)) <= set(starved.candidates(text))


def test_languages_share_a_set_up_to_the_group_size_and_are_never_split() -> None:
    sizes = {"de": 1800, "en": 1700, "fr": 900, "pl": 300, "huge": GROUP_LITERALS + 500}
    names = [name for name in sizes for _ in range(3)]
    placed = _pack(names, [sizes[name] // 3 for name in names])
    assert set(placed) == set(sizes)
    totals: dict[int, int] = {}
    for name, group in placed.items():
        totals[group] = totals.get(group, 0) + sizes[name] // 3 * 3
    assert totals[placed["huge"]] == (GROUP_LITERALS + 500) // 3 * 3  # alone, though larger than a group
    assert all(total <= GROUP_LITERALS for group, total in totals.items() if group != placed["huge"])
    assert placed["de"] != placed["en"]  # together they would pass the size


def test_a_line_is_only_asked_of_the_groups_holding_an_active_rule(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(screen_module, "GROUP_LITERALS", 1)  # every language gets a set of its own
    screen = Screen([r"\bauch\b", r"\balso\b", r"\bread\b"], ["de", "en", "en"])
    assert len(screen._groups) == 2
    line = "Also read, auch gelesen"
    assert sorted(screen.rules(line) or []) == [0, 1, 2]
    assert sorted(screen.rules(line, [False, True, False]) or []) == [1, 2]  # the whole English set answers
    assert screen.rules(line, [True, False, False]) == [0]
    assert screen.rules(line, [False, False, False]) == []


@pytest.mark.parametrize("lang", ["de", "en", "fr", "zh", "tr"])
def test_with_a_language_the_screened_engine_agrees_with_the_unscreened_one(lang: str) -> None:
    for text in EXAMPLES:
        assert SCREENED.clean(text, lang=lang) == UNSCREENED.clean(text, lang=lang), (lang, text)


@pytest.mark.parametrize("brk", ["\r", "\u2028", "\u2029", "\x85", "\x0b", "\x1c"])
def test_a_literal_that_takes_a_line_break_leaves_it_for_the_next_lines_start(brk: str) -> None:
    # Found by `make fuzz`: "continue reading..." ends at its line's end and its match took the lone break, so
    # the search went on past it and "Advertisement", the next line, was never flagged for the English rule.
    same(f"Continue reading...{brk}Advertisement\n\n\n")
    same(f"The council met.{brk}Foto: dpa{brk}Also read: Storm hits{brk}Advertisement{brk}More prose today.")
