"""The RE2 screen never hides a line from a rule: equivalence with the unscreened engine on the whole pack."""

from __future__ import annotations

import gzip

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleaner import Cleaner, load_rules
from cleaner.match import PatternMatcher, compile_rule
from cleaner.screen import Screen, required_literals
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
            for line in split_lines(example.text):
                if matcher.pattern.search(line.text):
                    assert index in screen.always or index in screen.rules_for(line.text), (rule.id, line.text)


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


def test_patterns_with_syntax_only_regex_reads_get_no_literals() -> None:
    assert required_literals(r"^[[:alpha:]]+:") is None
    assert required_literals(r"(?:advert){e<=1}") is None
    assert required_literals(r"^\W*$") is None
    assert required_literals(r"^(?:photo|foto)\s*:") == frozenset({"photo", "foto"})
    assert required_literals(r"^\p{Lu}{2,}\s+photo") == frozenset({"photo"})
