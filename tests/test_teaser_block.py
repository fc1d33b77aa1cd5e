from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner import Cleaner, RuleError, load_rules
from cleaner.kinds import KINDS
from cleaner.kinds.teaser_block import _PROSE_END, TeaserBlock, TeaserBlockOptions
from cleaner.model import Rule
from cleaner.removals import check_result

RULE_ID = "related_link.any.teaser_block"
RULE = next(r for r in load_rules() if r.id == RULE_ID)
ALONE = Cleaner.from_rules([RULE])

BODY = (
    "The council met on Monday to vote on the new budget for the harbour district, which had been delayed twice "
    "since the spring because of a dispute over the cost of dredging the main channel.\n\n"
    "Officials said the work would start in the autumn and take two years, and that ships would be able to use "
    "the harbour throughout, although some berths would close for a few weeks at a time while crews worked.\n\n"
    "The mayor said the vote was a relief for the businesses along the quay, which had waited a long time."
)
TEASERS = [
    "Storm closes three ports on the east coast",
    "Why the fuel tax vote was delayed again",
    "Five things to know about the new rail timetable",
]


def cleaned(text: str) -> list[str]:
    result = ALONE.clean(text)
    check_result(text, result)
    return [r.rule for r in result.removals]


def test_the_kind_is_registered_with_its_settings() -> None:
    assert KINDS["teaser_block"] is TeaserBlock
    assert TeaserBlock.Options is TeaserBlockOptions
    assert RULE.options == TeaserBlockOptions(min_lines=3, min_body_words=80, min_last_words=15)
    assert not RULE.enabled  # opt-in until its precision is shown on more data


def test_a_block_of_headlines_after_the_last_sentence_goes() -> None:
    text = BODY + "\n\n" + "\n".join(TEASERS) + "\n"
    result = ALONE.clean(text)
    assert [r.rule for r in result.removals] == [RULE_ID]
    assert result.text == BODY + "\n"
    assert ALONE.clean(result.text).removals == ()


def test_the_block_is_found_when_no_pattern_rule_could_match() -> None:
    # The engine's fast path (nothing for the screen) must not skip a document ending in a teaser block.
    cleaner = Cleaner(enable=[RULE_ID])
    text = BODY + "\n\n" + "\n\n".join(TEASERS)
    assert [r.rule for r in cleaner.clean(text).removals] == [RULE_ID]


@pytest.mark.parametrize(
    ("case", "text"),
    [
        ("two lines are too few", BODY + "\n\n" + "\n".join(TEASERS[:2])),
        ("a colon introduces the list", BODY[:-1] + " The new plan has three parts:\n" + "\n".join(TEASERS)),
        ("bulleted items are content", BODY + "\n\n" + "\n".join("- " + t for t in TEASERS)),
        ("numbered lines are content", BODY + "\n\n" + "\n".join(f"{n} {t}" for n, t in enumerate(TEASERS, 1))),
        ("the whole document", "\n".join([*TEASERS, "Mayor opens the new bridge over the river"])),
        ("a short body", "The harbour reopened on Monday.\n\n" + "\n".join(TEASERS)),
        (
            "labelled facts",
            BODY + "\n\nDredging: two years from the autumn\nCost: forty million euros in all\n"
            "Berths: closed for a few weeks at a time",
        ),
        ("a short line above is a listicle heading", BODY + "\n\nThe mayor, at last.\n" + "\n".join(TEASERS)),
        ("a line above without a full stop", BODY[:-1] + "\n" + "\n".join(TEASERS)),
        ("table rows", BODY + "\n\n" + "\n".join(f"| {t} |" for t in TEASERS)),
        ("links", BODY + "\n\n" + "\n".join(f"{t} www.example.com/{n}" for n, t in enumerate(TEASERS))),
        ("prose lines", BODY + "\n\n" + "\n".join(t + "." for t in TEASERS)),
        ("long lines", BODY + "\n\n" + "\n".join(t + " and what the council said about it on Monday" for t in TEASERS)),
    ],
)
def test_guards_keep_the_text(case: str, text: str) -> None:
    assert cleaned(text) == [], case


def test_a_teaser_block_setting_on_another_kind_is_an_error(tmp_path: object) -> None:
    from pathlib import Path

    path = Path(str(tmp_path)) / "bad.yaml"
    path.write_text(
        "category: wrapper\nlanguage: en\nrules:\n  - id: wrapper.en.x\n    description: x\n    pattern: '^x$'\n"
        "    min_lines: 3\n    examples:\n      remove: ['x']\n      keep: ['y']\n",
        encoding="utf-8",
    )
    with pytest.raises(RuleError, match="key 'min_lines' belongs to another kind"):
        load_rules([path], defaults=False)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab .…:;,。，\"'”»)]」） \n\t!?")), max_size=12))
def test_the_quick_look_at_the_end_agrees_with_the_prose_end_pattern(text: str) -> None:
    block = TeaserBlock(Rule("related_link.any.x", "related_link", "any", "x"), 1.0)
    last = text.rstrip()
    assert block.may_claim(text, None) == (bool(last) and _PROSE_END.search(last) is None)
