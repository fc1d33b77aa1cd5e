"""Engine behaviour on tiny documents: scopes, guards, overlaps, line breaks and the truncation detector."""

from __future__ import annotations

from typing import Any

import pytest

from cleaner import Cleaner, MatchTimeout, Rule
from cleaner.kinds.unfinished_sentence import UnfinishedOptions
from cleaner.removals import check_result

DETECTOR = Rule(
    id="truncated_ending.any.unfinished_sentence",
    category="truncated_ending",
    language="any",
    description="cut",
    kind="unfinished_sentence",
    min_words=3,
    options=UnfinishedOptions(
        terminal_punctuation=".!?…。！？",
        closing_marks='"”“’»)',
        min_words_alone=12,
        dangling_words=(("en", ("the", "a", "of", "to", "with", "her", "and")),),
    ),
)


def rule(pattern: str, scope: str = "line", **fields: Any) -> Rule:
    fields.setdefault("id", f"related_link.en.{scope}_{abs(hash(pattern)) % 1000}")
    fields.setdefault("category", "related_link")
    fields.setdefault("language", "en")
    return Rule(description="test rule", scope=scope, pattern=pattern, **fields)


def clean(text: str, *rules: Rule, **kwargs: Any) -> tuple[str, list[tuple[str, str]]]:
    result = Cleaner.from_rules(rules).clean(text, **kwargs)
    check_result(text, result)
    return result.text, [(r.rule.split(".")[-1], r.text) for r in result.removals]


ALSO = rule(r"^also read:", id="related_link.en.also")


def test_line_scope_deletes_the_line_with_its_line_break() -> None:
    assert clean("One.\nAlso read: X\nTwo.", ALSO) == ("One.\nTwo.", [("also", "Also read: X\n")])


def test_line_between_blank_lines_keeps_one_paragraph_gap() -> None:
    assert clean("One.\n\nAlso read: X\n\nTwo.", ALSO)[0] == "One.\n\nTwo."


def test_last_line_goes_with_the_break_before_it_and_keeps_the_final_newline() -> None:
    assert clean("One.\nAlso read: X\n", ALSO)[0] == "One.\n"
    assert clean("One.\n\nAlso read: X", ALSO)[0] == "One."


def test_crlf_and_lone_cr_and_unicode_separators_are_line_breaks() -> None:
    assert clean("One.\r\nAlso read: X\r\nTwo.", ALSO)[0] == "One.\r\nTwo."
    assert clean("One.\rAlso read: X\rTwo.", ALSO)[0] == "One.\rTwo."
    assert clean("One.\u2028Also read: X\u2028Two.", ALSO)[0] == "One.\u2028Two."


def test_two_adjacent_clutter_lines_are_logged_separately() -> None:
    text, log = clean("One.\nAlso read: X\nAlso read: Y\nTwo.", ALSO)
    assert text == "One.\nTwo." and [t for _, t in log] == ["Also read: X\n", "Also read: Y\n"]


def test_a_document_made_only_of_clutter_becomes_empty() -> None:
    assert clean("Also read: X\nAlso read: Y\n", ALSO)[0] == ""


def test_span_scope_deletes_only_the_match() -> None:
    inline = rule(r"\s?\(also read:[^()]*\)", "span", id="related_link.en.inline")
    assert clean("Port reopened (Also read: Storm) today.", inline) == (
        "Port reopened today.",
        [("inline", " (Also read: Storm)")],
    )


def test_a_line_emptied_by_spans_is_deleted_whole() -> None:
    inline = rule(r"\(also read:[^()]*\)", "span", id="related_link.en.inline")
    assert clean("One.\n(Also read: Storm)\nTwo.", inline)[0] == "One.\nTwo."


def test_tail_scope_deletes_the_line_and_everything_after_it() -> None:
    tail = rule(r"^related articles$", "tail", id="related_link.en.block")
    text, log = clean("One.\nTwo.\nRelated articles\nStorm hits coast\nPorts close", tail)
    assert text == "One.\nTwo." and len(log) == 1


def test_head_scope_deletes_the_line_and_everything_before_it() -> None:
    head = rule(r"^skip to content$", "head", id="wrapper.en.nav", category="wrapper")
    assert clean("Menu\nSkip to content\nOne.\nTwo.", head)[0] == "One.\nTwo."


def test_block_scope_takes_the_heading_and_the_short_lines_under_it() -> None:
    block = rule(r"^more on this topic:?$", "block", id="related_link.en.more", block_max_words=12)
    prose = "The council met on Monday and agreed on the budget after a long debate about ports."
    text = f"One.\nMore on this topic\nStorm closes three ports\nWhy the vote was delayed\n{prose}\nEnd."
    out, log = clean(text, block)
    assert out == f"One.\n{prose}\nEnd."
    assert len(log) == 1


def test_a_line_taken_by_a_tail_is_not_logged_twice() -> None:
    tail = rule(r"^related articles$", "tail", id="related_link.en.block")
    _, log = clean("One.\nRelated articles\nAlso read: X", tail, ALSO)
    assert [name for name, _ in log] == ["block"]


def test_overlapping_spans_keep_the_earliest_then_longest() -> None:
    a = rule(r"\[ad\]", "span", id="wrapper.en.a", category="wrapper")
    b = rule(r"\[ad\] \[x\]", "span", id="wrapper.en.b", category="wrapper")
    assert clean("Text [ad] [x] more.", a, b)[1] == [("b", "[ad] [x]")]


def test_max_words_guard_spares_long_lines() -> None:
    guarded = rule(r"^related:", id="related_link.en.related", max_words=5)
    assert clean("Related: a b c\nOne.", guarded)[0] == "One."
    long = "Related: the council passed three measures on Monday after a long debate."
    assert clean(long, guarded)[0] == long


def test_position_guards_count_non_blank_lines_from_each_end() -> None:
    last = rule(r"^photo:", id="wrapper.en.photo", category="wrapper", last_lines=1)
    first = rule(r"^by ", id="wrapper.en.by", category="wrapper", first_lines=1)
    assert clean("Photo: AP\nOne.\n\nPhoto: AP\n", last)[0] == "Photo: AP\nOne.\n"
    assert clean("By Ann Lee\nOne.\nBy the way.", first)[0] == "One.\nBy the way."


def test_unless_drops_a_match_on_a_line_that_also_matches_it() -> None:
    guarded = rule(r"^related:", id="related_link.en.related", unless=(r"\d{4}",))
    assert clean("Related: budget 2024\nOne.", guarded)[0] == "Related: budget 2024\nOne."


def test_patterns_ignore_case_unless_the_rule_says_otherwise() -> None:
    caps = rule(r"^REKLAMA$", id="wrapper.pl.ad", category="wrapper", language="pl", case_sensitive=True)
    assert clean("REKLAMA\nJeden.", caps)[0] == "Jeden."
    assert clean("Reklama\nJeden.", caps)[0] == "Reklama\nJeden."


def test_domain_rules_run_only_on_their_sites() -> None:
    site = rule(r"^more from the post$", id="wrapper.en.post", category="wrapper", domains=("post.example",))
    assert clean("More from the Post\nOne.", site, url="https://www.post.example/a")[0] == "One."
    assert clean("More from the Post\nOne.", site, url="https://other.example/a")[0].startswith("More")
    assert clean("More from the Post\nOne.", site)[0].startswith("More")


def test_lang_selects_the_pack_and_any_rules() -> None:
    assert clean("One.\nAlso read: X", ALSO, lang="de")[0] == "One.\nAlso read: X"
    assert clean("One.\nAlso read: X", ALSO, lang="en-GB")[0] == "One."


def test_unfinished_last_sentence_is_cut_after_the_last_full_stop() -> None:
    text, log = clean("Intro line.\nShe spoke. Observers had doubted her ability to navigate the", DETECTOR)
    assert text == "Intro line.\nShe spoke." and log == [
        ("unfinished_sentence", " Observers had doubted her ability to navigate the")
    ]


def test_detection_runs_after_other_rules_so_a_trailing_insert_does_not_hide_the_cut() -> None:
    text = "Intro line.\nShe spoke. Observers had doubted her ability to navigate the\nAlso read: X"
    out, log = clean(text, ALSO, DETECTOR)
    assert out == "Intro line.\nShe spoke." and [n for n, _ in log] == ["unfinished_sentence", "also"]


@pytest.mark.parametrize(
    "ending",
    [
        "She said: “We will see.”",
        "Was it enough? (Officials declined to say.)",
        "Reporting by Anna Kowalski; Editing by Tom Brown",
        "- new inspections of all cargo ships arriving from abroad every single week of the year",
        "The plan has three parts:",
        "Mexico begins deploying 10,000 National Guard troops to the US border",
        "Officials met U.S. envoys on Monday.",
        "Das sagte er am Montag.“",
        "台风过后，港口已经重新开放。",
    ],
)
def test_finished_endings_headlines_credits_and_lists_are_not_cut(ending: str) -> None:
    text = "Heading\n" + ending
    assert clean(text, DETECTOR)[0] == text


def test_a_long_fragment_without_any_sentence_end_after_prose_is_cut_whole() -> None:
    fragment = "Talks are provisionally scheduled to resume on Friday, although a person familiar with the"
    text = f"The union said it would strike.\n{fragment}"
    assert clean(text, DETECTOR)[0] == "The union said it would strike."


def test_the_same_fragment_alone_is_kept_as_a_line_that_may_be_a_teaser() -> None:
    text = "Talks are provisionally scheduled to resume on Friday, although a person familiar with the"
    assert clean(text, DETECTOR)[0] == text


def test_a_last_sentence_that_ends_on_a_whole_word_is_not_called_cut() -> None:
    text = "The union said it would strike.\nTalks are provisionally scheduled to resume with the employers on Friday"
    assert clean(text, DETECTOR)[0] == text


def test_cjk_sentence_end_needs_no_space() -> None:
    text = "第一段。\n台风过后港口重新开放。市政府表示将在下周公布新的防"
    assert clean(text, DETECTOR)[0] == "第一段。\n台风过后港口重新开放。"


def test_a_pattern_that_runs_past_the_time_limit_raises_match_timeout() -> None:
    slow = rule(r"^(a|aa)+$", id="wrapper.en.slow", category="wrapper")
    # Without the screen: RE2 (linear time) already knows the line cannot match and would never run the rule.
    cleaner = Cleaner.from_rules([slow], timeout=0.05, screen=False)
    with pytest.raises(MatchTimeout, match=r"wrapper\.en\.slow"):
        cleaner.clean("a" * 5000 + "b")
    # The screen looks for literals only ("a" at the line start): the line reaches the rule, and the time limit
    # is what stops it, screened or not.
    with pytest.raises(MatchTimeout, match=r"wrapper\.en\.slow"):
        Cleaner.from_rules([slow], timeout=0.05).clean("a" * 5000 + "b")
    assert Cleaner.from_rules([slow], timeout=0.05).clean("b" * 5000 + "a").removals == ()


def test_clean_rejects_non_text_input() -> None:
    with pytest.raises(TypeError):
        Cleaner.from_rules([]).clean(b"bytes")  # type: ignore[arg-type]


def test_decide_gives_the_spans_and_its_result_is_what_clean_returns() -> None:
    cleaner = Cleaner(defaults=True)
    text = "First paragraph of the story.\nAdvertisement\nSecond paragraph of the story."
    decision = cleaner.decide(text, lang="en")
    assert [(text[start:end], rule.category) for start, end, rule in decision.pieces] == [
        ("Advertisement\n", "wrapper")
    ]
    assert decision.result() == cleaner.clean(text, lang="en")
    assert decision.text is text


def test_a_flagged_decision_applies_no_pieces_and_its_result_keeps_the_text_whole() -> None:
    cleaner = Cleaner(defaults=True, max_removed_share=0.1)
    text = "Advertisement\n" * 30 + "One short line of prose stays here."
    decision = cleaner.decide(text, lang="en")
    assert decision.pieces and decision.flagged and decision.applied == []
    result = decision.result()
    assert result.text == text and result.removals == () and result.flagged == decision.flagged
