"""Property-based checks of the log's invariant on arbitrary text, with and without clutter in it."""

from __future__ import annotations

import pickle

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleaner import Cleaner, load_rules, restore
from cleaner.removals import check_result

RULES = load_rules()
CLUTTER = [e.text for r in RULES for e in r.examples if e.expect == "remove" and e.clean is None]
KEEP = [e.text for r in RULES for e in r.examples if e.expect == "keep"]
BREAKS = ["\n", "\r\n", "\r", "\n\n", "\u2028", "\u2029", "\x85", "\x0c"]
ODD = ["\x00", "😀", "👩‍👩‍👧", "שלום עולם", "مرحبا بالعالم", "\u200f", "\ufeff", "\u00a0", " ", "\t", "…", "。"]

arbitrary_text = st.text(alphabet=st.characters(codec="utf-8"), max_size=400) | st.lists(
    st.sampled_from(["a", "b", " ", ".", "\n", "\r", "\r\n", "(", ")", ":", *ODD]), max_size=200
).map("".join)
paragraph = st.sampled_from(KEEP + CLUTTER + ODD + ["", " ", "Also read: x", "READ MORE"]) | st.text(max_size=80)
document = st.lists(st.tuples(paragraph, st.sampled_from(BREAKS)), max_size=14).map(
    lambda parts: "".join(p + b for p, b in parts)
) | st.lists(st.tuples(paragraph, st.sampled_from(BREAKS)), max_size=14).map(
    lambda parts: "".join(p + b for p, b in parts).rstrip("\n\r")
)

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


CLEANER = Cleaner.from_rules(RULES)
EVERY_PACK = Cleaner.from_rules(RULES, detect_language=False)
PACKS = {rule.language for rule in RULES} - {"any"}
EMPTY = Cleaner.from_rules([])


def assert_invariants(text: str, cleaner: Cleaner = CLEANER) -> None:
    result = cleaner.clean(text)
    check_result(text, result)  # sorted, disjoint, exact spans; clean == original minus spans
    assert restore(result.text, result.removals) == text
    assert sum(r.end - r.start for r in result.removals) + len(result.text) == len(text)


@SETTINGS
@given(arbitrary_text)
def test_restore_rebuilds_any_unicode_text(text: str) -> None:
    assert_invariants(text)


@SETTINGS
@given(document)
def test_restore_rebuilds_documents_mixing_prose_clutter_and_odd_line_breaks(text: str) -> None:
    assert_invariants(text)


@SETTINGS
@given(document)
def test_cleaning_twice_removes_nothing_more(text: str) -> None:
    once = CLEANER.clean(text)
    # Again with the rules the first pass chose: a detector may read the clean text as another language once
    # clutter in one language is gone ("Lesen Sie auch: ...", then a French paywall label).
    again = CLEANER if once.language in PACKS else EVERY_PACK
    twice = again.clean(once.text, lang=once.language if once.language in PACKS else None)
    assert twice.removals == (), f"second pass removed {twice.removals}"


@SETTINGS
@given(arbitrary_text | document)
def test_without_rules_text_comes_out_unchanged(text: str) -> None:
    result = EMPTY.clean(text)
    assert result.text == text and result.removals == () and not result.truncated


@SETTINGS
@given(st.lists(st.sampled_from(KEEP), min_size=1, max_size=6), st.sampled_from(["\n", "\n\n", "\r\n"]))
def test_keep_examples_inside_a_document_lose_nothing(paragraphs: list[str], newline: str) -> None:
    # The document ends with a finished sentence: what may end an article is the detector's own question.
    text = newline.join([*paragraphs, "The session closed at noon."])
    result = CLEANER.clean(text)
    assert result.removals == (), f"removed {[r.rule for r in result.removals]}"


def test_edge_documents_keep_the_invariant() -> None:
    for text in ["", " ", "\n", "\r\n", "\r", "\n\n\n", "\x00", "\u2028", " \t \n ", "Also read: x", "😀\r\n😀"]:
        assert_invariants(text)


def test_a_cleaner_survives_pickling_with_the_same_rules_and_output() -> None:
    copy = pickle.loads(pickle.dumps(CLEANER))
    text = "Para one.\nAlso read: Storm closes ports\nPara two is here and it stops mid way through the"
    assert copy.rules == CLEANER.rules
    assert copy.clean(text) == CLEANER.clean(text)
