"""The Aho-Corasick prefilter flags every line a rule matches, across case, junk, line breaks and numerals."""

from __future__ import annotations

import pickle

import pytest

from cleaner import Cleaner, load_rules
from cleaner.kinds import compile_rule
from cleaner.kinds.pattern import PatternMatcher
from cleaner.prefilter import Prefilter
from cleaner.segment import split_lines

RULES = load_rules()
PATTERN_RULES = [r for r in RULES if r.kind == "pattern"]
PREFILTER = Prefilter([r.pattern for r in PATTERN_RULES])


def test_every_line_a_rule_matches_in_its_examples_is_flagged_for_that_rule() -> None:
    for index, rule in enumerate(PATTERN_RULES):
        matcher = compile_rule(rule)
        assert isinstance(matcher, PatternMatcher)
        for example in rule.examples:
            for variant in (example.text, example.text.upper(), example.text.lower(), example.text.title()):
                for line in split_lines(variant):
                    if matcher.pattern.search(line.text):
                        assert index in PREFILTER.candidates(variant), (rule.id, variant)
                        assert index in PREFILTER.candidates(line.text), (rule.id, line.text)


def test_a_line_starting_with_junk_is_read_past_it() -> None:
    prefilter = Prefilter([r"^\W{0,3}lesen\s+sie\s+auch\b"])
    for line in ("Lesen Sie auch: X", "— Lesen Sie auch: X", "► ► LESEN SIE AUCH", "½ lesen sie auch"):
        assert prefilter.candidates(f"Prosa hier.\n{line}\nMehr Prosa.") == [0], line
    assert prefilter.candidates("Prosa hier.\nWir lesen sie auch gern.\n") == []


def test_the_whole_phrase_is_checked_not_only_its_key() -> None:
    prefilter = Prefilter([r"^\W{0,3}die\s+autorin\s*:?\s*$"])
    assert prefilter.candidates("Die Autorin:\n") == [0]
    assert prefilter.candidates("Die Stadt hat gewählt.\nDie Autos fahren.\n") == []


def test_case_variants_regex_accepts_reach_the_rule() -> None:
    assert Prefilter([r"^\W{0,3}ilgili\s+haber\s*:"]).candidates("İLGİLİ HABER: Dolar yükseldi") == [0]
    assert Prefilter([r"(?i)\bstraße\b"]).candidates("Die STRAẞE") == [0]
    assert Prefilter([r"^see also:"]).candidates("ſee alſo: the port") == [0]  # the long s folds to s


@pytest.mark.parametrize("brk", ["\r", "\r\n", "\u2028", "\u2029", "\x85", "\x0b", "\x1c"])
def test_a_line_start_after_any_line_break_counts(brk: str) -> None:
    assert Prefilter([r"^also read:"]).candidates(f"One.{brk}Also read: X") == [0]


def test_a_line_starting_with_digits_or_numerals_reaches_a_rule_that_starts_with_them() -> None:
    prefilter = Prefilter([r"^\W*\d{1,2}:\d{2}\s*/\s*\d{1,2}:\d{2}\s*$"])
    assert prefilter.candidates("Prose.\n0:42 / 3:15\n") == [0]
    assert prefilter.candidates("Prose.\n— 0:42 / 3:15\n") == [0]
    assert prefilter.candidates("Prose.\n12 apples fell.\n") == []


def test_a_phrase_starting_with_junk_is_looked_for_anywhere_in_its_line() -> None:
    prefilter = Prefilter([r"^\W{0,3}(?:©|\(c\)\s*\d{4})"])
    assert prefilter.candidates("©\n2026\nShop") == [0]  # a line of junk alone (found on real pages)
    assert prefilter.candidates("Prose.\n(C) 2024 Example Inc.\n") == [0]
    assert prefilter.candidates("Prose (c) is fine.\n") == []


def test_a_pattern_with_nothing_to_look_for_runs_on_every_line() -> None:
    prefilter = Prefilter([r"(?:advert){e<=1}", r"^\w+$"])
    assert prefilter.always == [0, 1]
    assert prefilter.candidates("nothing here") == [0, 1]


def test_spans_point_at_the_phrase_in_the_original_text() -> None:
    prefilter = Prefilter([r"^\W{0,3}also read:", r"\(foto: [^)]+\)"])
    text = "İstanbul prose.\n— Also read: X\nA photo (Foto: dpa) here."
    spans = prefilter.flagged(text)
    assert [(text[start:end], rule) for start, end, rule in spans] == [("Also rea", 0), ("(Foto: ", 1)]


def test_only_active_rules_are_flagged() -> None:
    prefilter = Prefilter([r"^also read:", r"^lesen sie auch:"])
    text = "Also read: X\nLesen Sie auch: Y"
    assert [rule for _, _, rule in prefilter.flagged(text, active=[False, True])] == [1]


def test_a_cleaner_with_the_prefilter_pickles_and_cleans_alike() -> None:
    cleaner = Cleaner(detect_language=False)
    copy = pickle.loads(pickle.dumps(cleaner))
    text = "Der Hafen ist offen.\n\nLesen Sie auch: Streik beendet\n"
    assert copy.clean(text) == cleaner.clean(text)


def test_a_narrowed_selection_flags_exactly_the_active_rules_finds_of_the_whole_automaton() -> None:
    # Each language's selection reads the text with an automaton of its own keys only; what it flags must be the
    # whole automaton's finds for those rules, no more and no fewer.
    texts = [example.text for rule in PATTERN_RULES for example in rule.examples]
    document = "\n".join(texts)
    everything = PREFILTER.flagged(document)
    for language in sorted({r.language for r in PATTERN_RULES}):
        active = [r.language in (language, "any") for r in PATTERN_RULES]
        assert PREFILTER.flagged(document, active=active) == [s for s in everything if active[s[2]]], language
    nothing = [False] * len(PATTERN_RULES)
    assert PREFILTER.flagged(document, active=nothing) == []


@pytest.mark.parametrize("ending", ["the...)", "the …]", "the [...]", "the (…)", "the...", "the …"])
def test_an_ellipsis_closed_by_a_bracket_is_cut_with_the_prefilter_on_as_off(ending: str) -> None:
    # The fast path once took a text ending on a closing mark for finished, though its ellipsis marks a cut.
    text = (
        "The council met on Monday to discuss the new harbour plan and the budget for next year.\n\n"
        f"The mayor said the roads along the harbour would be cleared of {ending}"
    )
    on, off = Cleaner().clean(text), Cleaner(screen=False).clean(text)
    assert on == off
    assert on.truncated


def test_a_line_without_the_rules_more_specific_phrase_is_not_flagged() -> None:
    # The keys are "bild" and "foto" (nothing to check past them); every line the rule matches also holds one of
    # them then a colon (literals.line_literals), and the line is searched for that before it is flagged.
    prefilter = Prefilter([r"(?<=[.!?])\s*(?:fotos?|bild(?:er)?)\s*:\s*\w+$"])
    assert prefilter.candidates("Das Bild hing schief im Flur.\n") == []
    assert prefilter.candidates("Der Hafen war leer. Foto: Meier\n") == [0]
    assert prefilter.candidates("Der Hafen war leer! BILDER : Hans\n") == [0]
