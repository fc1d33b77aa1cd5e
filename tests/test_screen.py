"""The RE2 screen never hides a line from a rule: equivalence with the unscreened engine on the whole pack."""

from __future__ import annotations

import gzip

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleaner import Cleaner, load_rules
from cleaner.literals import screen_literals
from cleaner.match import PatternMatcher, compile_rule
from cleaner.screen import Screen
from cleaner.segment import split_lines

from .conftest import SHARED

RULES = load_rules()
PATTERN_RULES = [r for r in RULES if r.kind == "pattern"]
SCREENED = Cleaner.from_rules(RULES)
UNSCREENED = Cleaner.from_rules(RULES, screen=False)
EXAMPLES = [e.text for r in RULES for e in r.examples]
# Case and script traps: RE2 and `regex` must agree on what a literal matches in non-ASCII text.
TRAPS = ["İ", "ı", "ß", "ẞ", "ς", "Σ", "K", "Å", "ﬁ", "ǅ", "ŉ", "Ö", "é", "é", "\u00a0", "\u200b", "：", "…", "—"]


def same(text: str) -> None:
    assert SCREENED.clean(text) == UNSCREENED.clean(text)


def test_every_line_a_rule_matches_in_its_examples_is_flagged_for_that_rule() -> None:
    screen = Screen([r.pattern for r in PATTERN_RULES])
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
    starved = Screen(patterns, max_mem=1 << 20)
    text = "\n".join(EXAMPLES[:400])
    assert set(Screen(patterns).candidates(text)) <= set(starved.candidates(text))
