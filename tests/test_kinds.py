"""The kinds registry: a new kind is one module and one entry; the loader, the engine and explain need no change."""

from __future__ import annotations

import dataclasses
import pickle
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from cleaner import Cleaner, RuleError, load_rules
from cleaner.explain import explain_document
from cleaner.kinds import KINDS, Kind, Phase
from cleaner.kinds.base import Claim, DocumentView, LineClaim
from cleaner.kinds.pattern import PatternMatcher
from cleaner.kinds.unfinished_sentence import UnfinishedOptions
from cleaner.model import KindOptions, Rule
from cleaner.removals import check_result
from cleaner.yaml_nodes import NodeReader


@dataclass(frozen=True, slots=True)
class SignOffOptions(KindOptions):
    """The toy kind's keys: the sign-off line it deletes, and how many words may follow the phrase."""

    sign_off: str = field(metadata={"read": "text"})
    trailing_words: int = field(default=3, metadata={"read": "count"})


class SignOff(Kind):
    """A toy kind, written as a new module would be: the last kept line when it opens with a sign-off phrase."""

    name = "sign_off"
    Options = SignOffOptions
    phase = Phase.ENDING

    def __init__(self, rule: Rule, timeout: float) -> None:
        super().__init__(rule, timeout)
        options = self.options_of(rule)
        assert isinstance(options, SignOffOptions)
        self.phrase = options.sign_off.casefold()
        self.trailing = options.trailing_words

    def _signs_off(self, line: str) -> bool:
        folded = line.strip().casefold()
        return folded.startswith(self.phrase) and len(folded[len(self.phrase) :].split()) <= self.trailing

    def may_claim(self, text: str, title: str | None) -> bool:
        return self._signs_off(text.rstrip().rsplit("\n", 1)[-1])

    def claim(self, view: DocumentView, title: str | None) -> Sequence[Claim]:
        kept = view.kept()
        if kept and len(kept) > 1 and self._signs_off(kept[-1].text):
            return (LineClaim(self.rule, (kept[-1].index,)),)
        return ()


TOY_RULES = """\
category: wrapper
language: en
rules:
  - id: wrapper.en.sign_off
    kind: sign_off
    description: A newsletter sign-off under the last paragraph.
    sign_off: thanks for reading
    trailing_words: 4
    examples:
      remove:
        - text: "The port reopened on Monday.\\n\\nThanks for reading, see you Friday"
          clean: "The port reopened on Monday."
      keep:
        - "Thanks for reading the report, the minister said, before the vote went ahead."
"""
BODY = "The council met on Monday to vote on the harbour budget.\n\nThe vote was delayed again."


@pytest.fixture
def toy_kind(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    monkeypatch.setitem(KINDS, SignOff.name, SignOff)
    path = tmp_path / "sign_off.yaml"
    path.write_text(TOY_RULES, encoding="utf-8")
    return path


def test_a_registered_toy_kind_loads_with_its_typed_options(toy_kind: Path) -> None:
    (rule,) = load_rules([toy_kind], defaults=False)
    assert rule.kind == "sign_off"
    assert rule.options == SignOffOptions(sign_off="thanks for reading", trailing_words=4)


def test_a_registered_toy_kind_claims_through_the_engine_with_an_exact_log(toy_kind: Path) -> None:
    cleaner = Cleaner(toy_kind, defaults=False)
    text = BODY + "\n\nThanks for reading!\n"
    result = cleaner.clean(text)
    check_result(text, result)
    assert result.text == BODY + "\n"
    assert [(r.rule, r.text) for r in result.removals] == [("wrapper.en.sign_off", "\n\nThanks for reading!")]
    assert cleaner.clean(BODY + "\n\nThanks for reading the minutes of the meeting today.").removals == ()
    assert pickle.loads(pickle.dumps(cleaner)).clean(text) == result


def test_a_toy_kind_runs_alongside_the_default_pack_and_explain_reads_it(toy_kind: Path) -> None:
    cleaner = Cleaner(toy_kind)
    text = BODY + "\n\nAlso read: Storm closes three ports\n\nThanks for reading\n"
    result = cleaner.clean(text)
    check_result(text, result)
    assert [r.rule for r in result.removals] == ["related_link.en.also_read_line", "wrapper.en.sign_off"]
    explanation = explain_document(cleaner, text, None, "en", None)
    assert explanation.result.removals == result.removals


def test_the_loader_names_a_toy_kinds_keys_and_requires_those_without_defaults(toy_kind: Path) -> None:
    broken = toy_kind.parent / "broken.yaml"
    broken.write_text(TOY_RULES.replace("    sign_off: thanks for reading\n", "    trailing_wrods: 2\n"), "utf-8")
    with pytest.raises(RuleError) as caught:
        load_rules([broken], defaults=False)
    messages = [p.message for p in caught.value.problems]
    assert any("unknown key 'trailing_wrods' (did you mean 'trailing_words'?" in m for m in messages), messages
    assert "kind 'sign_off' needs 'sign_off'" in messages


def test_a_kinds_key_on_a_rule_of_another_kind_is_refused(toy_kind: Path) -> None:
    other = toy_kind.parent / "other.yaml"
    other.write_text(TOY_RULES.replace("    kind: sign_off\n", "    kind: title_echo\n"), "utf-8")
    with pytest.raises(RuleError, match="key 'sign_off' belongs to another kind, not 'title_echo'"):
        load_rules([other], defaults=False)


@pytest.mark.parametrize("name", sorted(KINDS))
def test_every_kind_declares_its_name_phase_and_options_read_by_a_known_reader(name: str) -> None:
    kind = KINDS[name]
    assert kind.name == name and isinstance(kind.phase, Phase)
    assert dataclasses.is_dataclass(kind.Options) and issubclass(kind.Options, KindOptions)
    for option in dataclasses.fields(kind.Options):
        assert callable(getattr(NodeReader, option.metadata["read"], None)), (name, option.name)


def test_shipped_rules_carry_typed_options_of_their_kind() -> None:
    rules = {rule.id: rule for rule in load_rules()}
    detector = rules["truncated_ending.any.unfinished_sentence"]
    assert isinstance(detector.options, UnfinishedOptions)
    assert detector.option("terminal_punctuation") == detector.options.terminal_punctuation
    for rule in rules.values():
        assert rule.options is None or isinstance(rule.options, KINDS[rule.kind].Options), rule.id


def test_a_rule_built_by_hand_with_another_kinds_options_is_refused_when_compiled() -> None:
    (rule,) = [r for r in load_rules() if r.id == "truncated_ending.any.unfinished_sentence"]
    wrong = dataclasses.replace(rule, kind="teaser_block")
    with pytest.raises(TypeError, match="kind 'teaser_block' takes TeaserBlockOptions"):
        Cleaner.from_rules([wrong])


class Shout(PatternMatcher):
    """A toy second LINES kind: pattern rules under another name, sharing the prefilter with the pattern kind."""

    name = "shout"


def test_two_kinds_of_the_lines_phase_each_get_their_own_rules_on_the_candidate_lines(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setitem(KINDS, Shout.name, Shout)
    path = tmp_path / "shout.yaml"
    path.write_text(
        TOY_RULES.replace("wrapper.en.sign_off", "wrapper.en.shout")
        .replace("kind: sign_off", "kind: shout\n    scope: line\n    pattern: '^hold the front page!$'")
        .replace("    sign_off: thanks for reading\n    trailing_words: 4\n", "")
        .replace("Thanks for reading, see you Friday", "Hold the front page!"),
        encoding="utf-8",
    )
    cleaner = Cleaner(path)
    text = BODY + "\n\nHold the front page!\n\nAlso read: Storm closes three ports\n\nThe port reopened."
    result = cleaner.clean(text)
    check_result(text, result)
    assert [r.rule for r in result.removals] == ["wrapper.en.shout", "related_link.en.also_read_line"]
    assert Cleaner(path, screen=False).clean(text) == result
