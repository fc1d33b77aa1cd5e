"""The prefilter never hides a line from a rule: equivalence with the unscreened engine on the whole pack."""

from __future__ import annotations

import gzip

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleaner import Cleaner, load_rules
from cleaner.literals import screen_literals
from cleaner.prefilter import Prefilter

from .conftest import SHARED

RULES = load_rules()
PATTERN_RULES = [r for r in RULES if r.kind == "pattern"]
# Every rule meets every document (no language detection): the screen must hide no line from any of them.
SCREENED = Cleaner.from_rules(RULES, detect_language=False)
UNSCREENED = Cleaner.from_rules(RULES, screen=False, detect_language=False)
EXAMPLES = [e.text for r in RULES for e in r.examples]
# Case and script traps: the prefilter's folding and `regex` must agree on what a literal matches in non-ASCII text.
TRAPS = ["İ", "ı", "ß", "ẞ", "ς", "Σ", "K", "Å", "ﬁ", "ǅ", "ŉ", "Ö", "é", "é", "\u00a0", "\u200b", "：", "…", "—"]


def same(text: str) -> None:
    assert SCREENED.clean(text) == UNSCREENED.clean(text)


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


def test_text_utf8_cannot_encode_is_cleaned_as_without_the_prefilter() -> None:
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
    screen = Prefilter([r"(?:advert){e<=1}"])
    assert screen.always == [0] and screen.candidates("nothing here") == [0]
    assert Cleaner.from_rules([]).clean("x").removals == ()


def test_turkish_dotted_capital_i_reaches_a_rule_written_in_lower_case() -> None:
    screen = Prefilter([r"^\W{0,3}ilgili\s+haber\s*:"])
    assert screen.candidates("İLGİLİ HABER: Dolar yükseldi") == [0]


def test_unicode_word_and_space_classes_are_widened_not_narrowed() -> None:
    screen = Prefilter([r"^von\s\w+\s\w+$", r"^\W*anzeige\W*$"])
    assert screen.candidates("Von\u00a0Jürgen Müller") == [0]
    assert screen.candidates("— ANZEIGE —") == [1]
    assert screen.candidates("Der Bürgermeister sprach lange.") == []


def test_a_line_start_after_any_line_break_counts_for_anchored_rules() -> None:
    screen = Prefilter([r"^also read:"])
    for brk in ["\n", "\r", "\r\n", "\u2028", "\x85", "\x0c"]:
        assert screen.candidates(f"One.{brk}Also read: X") == [0], repr(brk)


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
