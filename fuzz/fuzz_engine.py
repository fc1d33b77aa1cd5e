"""Fuzz the engine: arbitrary text through the shipped rules or a small generated rule set must keep the log exact.

Each input picks the rules (the shipped pack, or up to five rules built from a fixed menu of valid patterns,
scopes and guards, plus the unfinished-sentence and title-echo kinds), a text (pieces of prose, clutter,
odd characters and line breaks, and raw Unicode from the fuzzer), and the language, URL and title. Then:
`clean` raises nothing but a MatchTimeout; the removals are sorted, disjoint and exact; `restore` rebuilds
the original; cleaning again, and cleaning without the RE2 screen, give the identical Result; and for rule sets
where docs/reliability.md promises it, cleaning the clean text again removes nothing but what a tail or head
rule re-finds.

Run it with `make fuzz`, or by hand: `.venv/bin/python fuzz/fuzz_engine.py -max_total_time=60 CORPUS_DIR`.
Replay one input (a crash file libFuzzer wrote): `.venv/bin/python fuzz/fuzz_engine.py CRASH_FILE`.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TypeVar

import atheris  # type: ignore[import-not-found,import-untyped,unused-ignore]

with atheris.instrument_imports(include=["cleaner"]):
    from cleaner import Cleaner, Result, Rule, restore
    from cleaner.errors import MatchTimeout
    from cleaner.kinds.title_echo import TitleEchoOptions
    from cleaner.kinds.unfinished_sentence import UnfinishedOptions
    from cleaner.load import load_rules
    from cleaner.model import Example

# Patterns are all valid `regex` syntax and all cheap: the fuzzer hunts engine bugs, not slow regexes.
PATTERNS = (
    r"^\W{0,3}(?:also read|read more|lesen sie auch)\s*[:|]",
    r"^\s*(?:advertisement|anzeige)\s*$",
    r"\s?\((?:also read|see also)\s*:[^()\n]{1,200}\)",
    r"^\s*(?:related articles|more on this)\W*$",
    r"^\s*by\s+\w+",
    r"ab",
    r"a+",
    r"\p{Lu}{3,}",
    r"[\u200b\u200d\ufeff]",
    r"\s+$",
    r"(?<=\.)\s+\w+",
    r"😀+",
    r"[^\x00-\x7f]+",
    r"\.",
    r"^.",
    r".$",
    r"x\s*y",
    r"(?:^|\s)#\w+",
)
SCOPES = ("line", "span", "tail", "head", "block")
CATEGORIES = ("related_link", "wrapper", "truncated_ending")
WORD_LIMITS = (None, 1, 2, 5, 30)
LINE_LIMITS = (None, 1, 2, 8)
UNLESS = ((), (r"keep",), (r"\d",))
TERMINALS = (".!?…。！？؟", ".", "!?")
CLOSERS = (None, '"”“’‘»«)]」』）›')
IGNORES = ((), (r"[:;,]\s*$",), (r"^\s*-\s",))
FRAGMENTS = (
    "The port reopened on Monday after a week of repairs.",
    "Dock workers said they would return to work on Tuesday, the union said",
    "Also read: Storm closes three ports on the east coast",
    "READ MORE | Why the vote was delayed again",
    "(Also read: Storm hits coast. Ports close)",
    " (see also: x) ",
    "Advertisement",
    "Related articles",
    "by Anna Writer",
    "Lesen Sie auch: Warum die Verhandlungen stocken",
    "Der Hafen wurde am Montag wieder geöffnet.",
    "Le port a rouvert lundi après une semaine de travaux.",
    "Continue reading...",
    "Subscribe to read the full story",
    "keep 2024",
    "aabb",
    "x y",
    "#tag",
    "😀",
    "👩‍👩‍👧",
    "e\u0301",
    "\u200b",
    "\u200d",
    "\ufeff",
    "\x00",
    "שלום עולם.",
    "مرحبا بالعالم.",
    "東京で会議が開かれた。",
    "\ud800",
    "…",
    ":",
    " ",
    "\t",
)
# The line breaks of str.splitlines, which are the engine's line breaks.
BREAK_CHARS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
BREAKS = ("\n", "\n\n", "\r\n", "\r", "\u2028", "\u2029", "\x85", "\x0b", "\x0c", "\x1c")
LANGS = (None, "en", "de", "fr", "he", "xx")
URLS = (None, "https://www.example.com/news/1", "example.org")
TITLES = (None, "Port strike ends", "Also read")

_SHIPPED = load_rules()
_CLEANERS: dict[tuple[Rule, ...], tuple[Cleaner, Cleaner]] = {}
_EXAMPLES = (Example("x", "remove"), Example("y", "keep"))
T = TypeVar("T")


def _pick(data: atheris.FuzzedDataProvider, options: Sequence[T]) -> T:
    index: int = data.ConsumeIntInRange(0, len(options) - 1)
    return options[index]


def _pattern_rule(data: atheris.FuzzedDataProvider, number: int) -> Rule:
    category = _pick(data, CATEGORIES)
    scope = _pick(data, SCOPES)
    unless = _pick(data, UNLESS)
    return Rule(
        id=f"{category}.fuzz.rule{number}",
        category=category,
        language=_pick(data, ("any", "en", "de")),
        description="a generated rule",
        scope=scope,
        pattern=_pick(data, PATTERNS),
        case_sensitive=data.ConsumeBool(),
        unless=unless,
        max_words=_pick(data, WORD_LIMITS),
        min_words=_pick(data, WORD_LIMITS),
        first_lines=_pick(data, LINE_LIMITS),
        last_lines=_pick(data, LINE_LIMITS),
        block_max_words=_pick(data, WORD_LIMITS) if scope == "block" else None,
        domains=("example.com",) if data.ConsumeIntInRange(0, 7) == 0 else (),
        examples=_EXAMPLES,
    )


def _unfinished_rule(data: atheris.FuzzedDataProvider) -> Rule:
    options = UnfinishedOptions(
        terminal_punctuation=_pick(data, TERMINALS),
        closing_marks=_pick(data, CLOSERS),
        ignore=_pick(data, IGNORES),
        min_words_alone=data.ConsumeIntInRange(1, 15),
    )
    return Rule(
        id="truncated_ending.fuzz.unfinished",
        category="truncated_ending",
        language="any",
        description="a generated unfinished-sentence rule",
        kind="unfinished_sentence",
        min_words=data.ConsumeIntInRange(1, 5),
        options=options,
        examples=_EXAMPLES,
    )


def _title_rule(data: atheris.FuzzedDataProvider) -> Rule:
    return Rule(
        id="wrapper.fuzz.title_echo",
        category="wrapper",
        language="any",
        description="a generated title-echo rule",
        kind="title_echo",
        options=TitleEchoOptions(max_extra_words=data.ConsumeIntInRange(1, 8)),
        examples=_EXAMPLES,
    )


def pick_rules(data: atheris.FuzzedDataProvider) -> tuple[Rule, ...]:
    """The shipped pack, or a few rules from the menu (plus, maybe, the two built-in detector kinds)."""
    if data.ConsumeIntInRange(0, 3) == 0:
        return _SHIPPED
    rules = [_pattern_rule(data, n) for n in range(data.ConsumeIntInRange(0, 5))]
    if data.ConsumeBool():
        rules.append(_unfinished_rule(data))
    if data.ConsumeIntInRange(0, 3) == 0:
        rules.append(_title_rule(data))
    return tuple(rules)


def cleaners_for(rules: tuple[Rule, ...]) -> tuple[Cleaner, Cleaner]:
    """A screened and an unscreened Cleaner for the rules, built once (compiling the shipped pack is slow)."""
    if rules not in _CLEANERS:
        if len(_CLEANERS) > 512:
            _CLEANERS.clear()
        # The removal-share guard is off: it would hide most of what the generated rules remove.
        _CLEANERS[rules] = (
            Cleaner.from_rules(rules, max_removed_share=1),
            Cleaner.from_rules(rules, screen=False, max_removed_share=1),
        )
    return _CLEANERS[rules]


def pick_text(data: atheris.FuzzedDataProvider) -> str:
    """A text of menu pieces, line breaks and raw fuzzer Unicode, in the order the fuzzer chooses."""
    parts: list[str] = []
    for _ in range(data.ConsumeIntInRange(0, 24)):
        choice = data.ConsumeIntInRange(0, 3)
        if choice == 0:
            parts.append(data.ConsumeUnicode(data.ConsumeIntInRange(0, 40)))
        elif choice == 1:
            parts.append(_pick(data, BREAKS))
        else:
            parts.append(_pick(data, FRAGMENTS))
    return "".join(parts)


def check_result(text: str, result: Result) -> None:
    """Assert the log's invariant: sorted, disjoint, exact removals, and clean text plus log gives the original."""
    position = 0
    for removal in result.removals:
        assert position <= removal.start < removal.end <= len(text), f"removals unsorted or overlapping: {result}"
        assert text[removal.start : removal.end] == removal.text, f"removal text is not the original's: {removal}"
        position = removal.end
    assert restore(result.text, result.removals) == text, f"restore does not rebuild the original: {result}"
    assert len(result.text) + sum(r.end - r.start for r in result.removals) == len(text), "characters lost"


def idempotence_promised(rules: tuple[Rule, ...]) -> bool:
    """True for the rule sets of the documented idempotence property: whole-line scopes, no position guards."""
    return all(
        rule.kind == "unfinished_sentence"
        or (
            rule.kind == "pattern"
            and rule.scope in ("line", "block", "tail", "head")
            and rule.first_lines is None
            and rule.last_lines is None
        )
        for rule in rules
    )


def cut_inside_a_line(text: str, result: Result, rules: tuple[Rule, ...]) -> bool:
    """True when the unfinished-sentence detector removed the end of a line but kept its start."""
    detectors = {rule.id for rule in rules if rule.kind == "unfinished_sentence"}
    return any(
        r.rule in detectors and r.start > 0 and text[r.start - 1] not in BREAK_CHARS and r.text[0] not in BREAK_CHARS
        for r in result.removals
    )


def check_idempotence(
    text: str, result: Result, rules: tuple[Rule, ...], cleaner: Cleaner, **options: str | None
) -> None:
    """Where the property is promised, a second pass over the clean text removes only what a tail or head re-finds."""
    if not idempotence_promised(rules) or cut_inside_a_line(text, result, rules):
        return
    scopes = {rule.id: rule.scope for rule in rules if rule.kind == "pattern"}
    second = cleaner.clean(result.text, **options)
    more = [r for r in second.removals if scopes.get(r.rule) not in ("tail", "head")]
    assert not more, f"a second pass removed {more} from {result.text!r} (first pass: {result})"


def check_document(data_bytes: bytes) -> None:
    """Clean one fuzzer-built document and check the log, determinism, and the screen's equivalence."""
    data = atheris.FuzzedDataProvider(data_bytes)
    rules = pick_rules(data)
    lang, url, title = _pick(data, LANGS), _pick(data, URLS), _pick(data, TITLES)
    text = pick_text(data)
    screened, unscreened = cleaners_for(rules)
    try:
        result = screened.clean(text, url=url, lang=lang, title=title)
    except MatchTimeout:  # the designed outcome of a slow match (the batch sets the record aside)
        return
    check_result(text, result)
    again = screened.clean(text, url=url, lang=lang, title=title)
    assert again == result, f"a second run differs: {again} != {result}"
    plain = unscreened.clean(text, url=url, lang=lang, title=title)
    assert plain == result, f"the screen changed the result: {plain} != {result}"
    check_idempotence(text, result, rules, screened, url=url, lang=lang, title=title)


def main() -> None:
    """Hand the arguments to libFuzzer and fuzz `check_document` until it stops."""
    atheris.Setup(sys.argv, check_document)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
