"""Cleaning the clean text again: the exact idempotence property, its counterexamples, determinism, log overlaps.

The property (docs/reliability.md): for a rule set whose pattern rules delete whole lines (scopes line, block,
tail, head) without position guards (first_lines, last_lines), with or without the unfinished-sentence
detector, and a first pass that did not cut a sentence out of the middle of a line, a second pass over the clean
text removes nothing except what a tail or head rule re-finds. Without tail and head rules it removes nothing.
Span rules, position guards, a partial sentence cut and the title echo break it; the counterexamples below are
strict xfails.
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from cleaner import Cleaner, Result, Rule, restore
from cleaner.kinds.unfinished_sentence import UnfinishedOptions
from cleaner.model import Example

EXAMPLES = (Example("x", "remove"), Example("y", "keep"))
BREAK_CHARS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
PATTERNS = [
    r"^advertisement$",
    r"^more stories$",
    r"^related\s*:",
    r"^by \w+",
    r"share",
    r"\.$",
    r"^[^.]*$",
    r"monday",
    r"^-\s",
]
LINES = [
    "Advertisement",
    "More stories",
    "Related: Storm closes three ports",
    "By Anna Writer",
    "Share this article",
    "The port reopened on Monday after a week of repairs.",
    "Dock workers returned. Talks on pay went on until late in the evening without",
    "Officials said the talks would continue next week and that both sides had agreed to",
    "- a fuel tax",
    "The union said: we will see.",
    "",
]
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def pattern_rule(
    number: int,
    scope: str,
    pattern: str,
    category: str = "wrapper",
    max_words: int | None = None,
    min_words: int | None = None,
    unless: tuple[str, ...] = (),
) -> Rule:
    return Rule(
        id=f"{category}.test.rule{number}",
        category=category,
        language="any",
        description="a generated rule",
        scope=scope,
        pattern=pattern,
        max_words=max_words,
        min_words=min_words,
        unless=unless,
        examples=EXAMPLES,
    )


UNFINISHED = Rule(
    id="truncated_ending.test.unfinished",
    category="truncated_ending",
    language="any",
    description="a generated unfinished-sentence detector",
    kind="unfinished_sentence",
    min_words=3,
    options=UnfinishedOptions(terminal_punctuation=".!?…", closing_marks='"”)', min_words_alone=12),
    examples=EXAMPLES,
)
TITLE_ECHO = Rule(
    id="wrapper.test.title_echo",
    category="wrapper",
    language="any",
    description="the title repeated as the first line",
    kind="title_echo",
    examples=EXAMPLES,
)


@st.composite
def whole_line_rules(draw: st.DrawFn, scopes: tuple[str, ...]) -> tuple[Rule, ...]:
    """Up to four pattern rules of the given scopes, with word guards and exceptions, maybe the detector too."""
    rules = [
        pattern_rule(
            number,
            draw(st.sampled_from(scopes)),
            draw(st.sampled_from(PATTERNS)),
            draw(st.sampled_from(["wrapper", "related_link", "truncated_ending"])),
            max_words=draw(st.sampled_from([None, 1, 3, 30])),
            min_words=draw(st.sampled_from([None, 2])),
            unless=draw(st.sampled_from([(), ("storm",)])),
        )
        for number in range(draw(st.integers(1, 4)))
    ]
    return (*rules, UNFINISHED) if draw(st.booleans()) else tuple(rules)


documents = st.lists(st.tuples(st.sampled_from(LINES), st.sampled_from(["\n", "\n\n", "\r\n"])), max_size=14).map(
    lambda parts: "".join(line + brk for line, brk in parts)
)


def cut_inside_a_line(text: str, result: Result) -> bool:
    """True when the unfinished-sentence detector removed the end of a line but kept its start."""
    return any(
        r.rule == UNFINISHED.id
        and r.start > 0
        and text[r.start - 1] not in BREAK_CHARS
        and r.text[0] not in BREAK_CHARS
        for r in result.removals
    )


def second_pass(rules: tuple[Rule, ...], text: str, title: str | None = None) -> tuple[Result, Result]:
    cleaner = Cleaner.from_rules(rules, max_removed_share=1)
    first = cleaner.clean(text, title=title)
    return first, cleaner.clean(first.text, title=title)


# --- the property --------------------------------------------------------------------------------------------


@SETTINGS
@given(whole_line_rules(("line", "block")), documents)
def test_with_whole_line_rules_a_second_pass_removes_nothing(rules: tuple[Rule, ...], text: str) -> None:
    first, second = second_pass(rules, text)
    assume(not cut_inside_a_line(text, first))
    assert second.removals == (), f"second pass removed {second.removals} from {first.text!r}"


@SETTINGS
@given(whole_line_rules(("line", "block", "tail", "head")), documents)
def test_with_tail_and_head_rules_a_second_pass_removes_only_what_a_tail_or_head_re_finds(
    rules: tuple[Rule, ...], text: str
) -> None:
    first, second = second_pass(rules, text)
    assume(not cut_inside_a_line(text, first))
    scopes = {rule.id: rule.scope for rule in rules}
    assert [r for r in second.removals if scopes.get(r.rule) not in ("tail", "head")] == []


def test_a_tail_rule_re_finds_a_later_marker_once_a_line_rule_took_the_first_one() -> None:
    # "More stories" opens the text, so the tail refuses it (a tail never takes the whole article) and a line rule
    # deletes it; a tail looks only at its first marker, so it finds the later "More news" on the next pass.
    rules = (pattern_rule(1, "tail", r"^more (?:stories|news)$"), pattern_rule(2, "line", r"^more stories$"))
    text = "More stories\n\nThe port reopened on Monday.\n\nThe union agreed.\n\nMore news\n\nStorm closes ports\n"
    first, second = second_pass(rules, text)
    assert [(r.rule, r.text) for r in first.removals] == [("wrapper.test.rule2", "More stories\n\n")]
    assert [(r.rule, r.text) for r in second.removals] == [
        ("wrapper.test.rule1", "\n\nMore news\n\nStorm closes ports")
    ]


# --- counterexamples with the shipped rules ---------------------------------------------------------------------

PROSE = [
    "The harbour authority said on Monday that the port would reopen after a week of repairs to the cranes.",
    "Shipping companies had diverted more than forty vessels to other ports along the coast.",
    "Union representatives welcomed the reopening of the terminal on Tuesday morning.",
    "The backlog is expected to take at least ten days to clear, the operator said.",
]


def twice(cleaner: Cleaner, text: str) -> tuple[Result, Result]:
    first = cleaner.clean(text)
    return first, cleaner.clean(first.text)


@pytest.mark.xfail(
    strict=True, raises=AssertionError, reason="counterexample: a span removal leaves a line that a line rule matches"
)
def test_a_span_removal_never_leaves_a_line_that_a_line_rule_takes_next_time(cleaner: Cleaner) -> None:
    text = "\n\n".join([PROSE[0], "Advertisement (Also read: Storm hits the coast)", PROSE[1]]) + "\n"
    first, second = twice(cleaner, text)
    assert [r.rule for r in first.removals] == ["related_link.en.inline_parenthetical"]
    assert second.removals == (), [(r.rule, r.text) for r in second.removals]  # wrapper.en.advertisement


@pytest.mark.xfail(
    strict=True, raises=AssertionError, reason="counterexample: removing an inner teaser joins the outer one"
)
def test_nested_inline_teasers_go_in_one_pass(cleaner: Cleaner) -> None:
    text = "\n\n".join([f"{PROSE[0][:-1]} (Also read: (Also read: Storm hits) ports close) today.", PROSE[1]])
    first, second = twice(cleaner, text)
    assert [r.text for r in first.removals] == [" (Also read: Storm hits)"]
    assert second.removals == (), [(r.rule, r.text) for r in second.removals]  # " (Also read: ports close)"


@pytest.mark.xfail(
    strict=True,
    raises=AssertionError,
    reason="counterexample: a partial sentence cut leaves a line that a line rule matches",
)
def test_a_sentence_cut_never_leaves_a_line_that_a_line_rule_takes_next_time(cleaner: Cleaner) -> None:
    text = "\n\n".join([PROSE[0], "Share this article. The minister said on Monday that the new rules would"])
    first, second = twice(cleaner, text)
    assert [r.rule for r in first.removals] == ["truncated_ending.any.unfinished_sentence"]
    assert second.removals == (), [(r.rule, r.text) for r in second.removals]  # wrapper.en.share_buttons


@pytest.mark.xfail(
    strict=True,
    raises=AssertionError,
    reason="counterexample: a whole-line sentence cut moves a marker into last_lines",
)
def test_a_whole_line_sentence_cut_never_brings_a_tail_marker_into_range(cleaner: Cleaner) -> None:
    unfinished = "Port officials declined to say when the second terminal would reopen to traffic from the north"
    short = ["Ports reopen.", "Rates fall.", "Talks resume.", "Ships wait."]
    text = "\n\n".join([*PROSE, "Continue reading", *short, unfinished]) + "\n"
    first, second = twice(cleaner, text)
    assert [r.rule for r in first.removals] == ["truncated_ending.any.unfinished_sentence"]
    # truncated_ending.en.continue_reading (last_lines: 5) now takes "Continue reading" and the four lines after it.
    assert second.removals == (), [(r.rule, r.text) for r in second.removals]


@pytest.mark.xfail(
    strict=True, raises=AssertionError, reason="counterexample: position guards settle in at most five scans per pass"
)
def test_a_long_run_of_top_lines_under_a_first_lines_guard_goes_in_one_pass(cleaner: Cleaner) -> None:
    text = "\n\n".join(["By Jane Doe"] * 24 + PROSE) + "\n"
    first, second = twice(cleaner, text)
    assert len(first.removals) == 20  # wrapper.en.byline (first_lines: 4), four more lines per scan
    assert second.removals == (), f"{len(second.removals)} more bylines"


@pytest.mark.xfail(
    strict=True, raises=AssertionError, reason="counterexample: the title echo takes one repeated title line per pass"
)
def test_a_title_repeated_twice_goes_in_one_pass() -> None:
    text = "Port strike ends\nPort strike ends\nThe port reopened on Monday.\n"
    first, second = second_pass((TITLE_ECHO,), text, title="Port strike ends")
    assert len(first.removals) == 1
    assert second.removals == ()


# --- determinism ---------------------------------------------------------------------------------------------

ARTICLE_LINES = st.sampled_from(
    [
        *PROSE,
        "Also read: Storm closes three ports on the east coast",
        "Lesen Sie auch: Warum die Verhandlungen stocken",
        "À lire aussi : Le port de Marseille rouvre",
        "Advertisement",
        "Anzeige",
        "The port reopened (Also read: Storm hits) after repairs.",
        "Related articles",
        "Continue reading",
        "Officials said the talks would continue next week and that both sides had agreed to",
        "😀 Ünïcödé ‮ text \u200b",
    ]
)
articles = st.lists(ARTICLE_LINES, min_size=1, max_size=10).map("\n\n".join)
LANGS = st.sampled_from([None, "en", "de", "fr"])


@settings(max_examples=60, deadline=None)
@given(articles, LANGS, articles, LANGS)
def test_the_same_document_gives_an_identical_result_whatever_was_cleaned_in_between(
    cleaner: Cleaner, text: str, lang: str | None, other: str, other_lang: str | None
) -> None:
    first = cleaner.clean(text, lang=lang, url="https://news.example.com/a")
    cleaner.clean(other, lang=other_lang, url="https://other.example.org/b")
    assert cleaner.clean(text, lang=lang, url="https://news.example.com/a") == first


def test_a_pickled_cleaner_in_another_process_with_another_hash_seed_gives_identical_results(
    cleaner: Cleaner, tmp_path: Path
) -> None:
    texts = [
        "\n\n".join([PROSE[0], "Also read: Storm closes three ports", PROSE[1], "Advertisement", PROSE[2]]),
        "\n\n".join([PROSE[0], "Lesen Sie auch: Warum die Verhandlungen stocken", "Anzeige", PROSE[3]]),
        "\n\n".join([*PROSE, "Related articles", "Storm closes ports", "Vote delayed"]),
        "\n\n".join([PROSE[0], "Dock workers returned. Talks on pay went on until late in the evening without"]),
    ]
    expected = [cleaner.clean(text, lang=lang) for text in texts for lang in (None, "en", "de")]
    (tmp_path / "job.pickle").write_bytes(pickle.dumps((cleaner, texts)))
    script = (
        "import pickle, sys\n"
        "cleaner, texts = pickle.loads(open(sys.argv[1], 'rb').read())\n"
        "results = [cleaner.clean(t, lang=lang) for t in texts for lang in (None, 'en', 'de')]\n"
        "sys.stdout.buffer.write(pickle.dumps(results))\n"
    )
    seed = "1" if os.environ.get("PYTHONHASHSEED") != "1" else "2"
    done = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "job.pickle")],
        capture_output=True,
        check=True,
        env={**os.environ, "PYTHONHASHSEED": seed},
        timeout=60,
    )
    assert pickle.loads(done.stdout) == expected


# --- found by fuzz/fuzz_engine.py: the log's invariant ------------------------------------------------------------


def test_a_sentence_end_inside_a_removed_inline_teaser_does_not_start_an_overlapping_cut(cleaner: Cleaner) -> None:
    text = "The council met on Monday.\n\nThe port reopened (Also read: Storm hits. Ports close) after repairs and the"
    result = cleaner.clean(text)
    ends = [r.end for r in result.removals]
    assert all(r.start >= end for r, end in zip(result.removals[1:], ends, strict=False)), result.removals
    assert restore(result.text, result.removals) == text
