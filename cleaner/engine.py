"""The Cleaner: compiles rules once, finds what to delete in a document, and returns text plus exact log."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from .decision import Decision, Pieces
from .html import Extracted, extract_html
from .langid import MIN_SCORE, detect_language
from .languages import document_language
from .load import load_rules
from .match import (
    DocumentTimeout,
    Matcher,
    PatternMatcher,
    TitleEcho,
    UnfinishedSentence,
    applies_to,
    compile_rule,
    host_of,
)
from .model import Result, Rule
from .plan import TRUNCATED_CATEGORY, Plan
from .prefilter import Prefilter
from .screen import Spans
from .segment import split_lines
from .teaser_block import TeaserBlock

DEFAULT_BUDGET = 10.0  # seconds for all rules on one document, on top of each match's own time limit
DEFAULT_MAX_REMOVED_SHARE = 0.5
# Below this many characters a document is a snippet, not an article: removing most of it ("Advertisement"
# and one line) is ordinary, and the share says nothing about a bad rule.
GUARD_MIN_CHARS = 200


def _named(rule: Rule, names: tuple[str, ...]) -> bool:
    return any(rule.id == name or rule.id.startswith(name + ".") for name in names)


def select_rules(rules: Sequence[Rule], disable: Iterable[str] = (), enable: Iterable[str] = ()) -> tuple[Rule, ...]:
    """Keep enabled rules plus opt-in rules named in `enable`, minus rules named in `disable`.

    A name is an exact id or a dotted prefix (a family); a name that matches no rule is an error.
    """
    disabled, enabled = tuple(disable), tuple(enable)
    for option, names in (("--disable", disabled), ("--enable", enabled)):
        for name in names:
            if not any(_named(r, (name,)) for r in rules):
                raise ValueError(f"{option} {name!r} matches no rule id")
    return tuple(r for r in rules if (r.enabled or _named(r, enabled)) and not _named(r, disabled))


__all__ = ["Cleaner", "Decision", "OverlapError", "Pieces", "select_rules"]


class Undecided:
    """A document's language is not known: detect it, then choose the rules for that language on this site."""

    __slots__ = ("host",)

    def __init__(self, host: str | None) -> None:
        self.host = host


# The rules for one language and site: kinds other than patterns, a flag per pattern rule, and Undecided when the
# language is still to be detected.
Selection = tuple[list[Matcher], list[bool], Undecided | None]


class OverlapError(RuntimeError):
    """An engine bug: two removals overlap, so the log could not rebuild the original. Never returned, raised."""


def _check_disjoint(pieces: Pieces) -> None:
    """Refuse a log whose removals are unsorted, empty or overlapping: better a document set aside than a bad log."""
    position = 0
    for start, end, rule in pieces:
        if start < position or end <= start:
            raise OverlapError(f"engine bug: removal {rule.id} [{start}, {end}) overlaps")
        position = end


class Cleaner:
    """Built once (rules loaded, validated and compiled), then `clean` any number of documents."""

    def __init__(
        self,
        rules: str | Path | Rule | Iterable[str | Path | Rule] = (),
        *,
        disable: Iterable[str] = (),
        enable: Iterable[str] = (),
        defaults: bool = True,
        timeout: float = 1.0,
        budget: float = DEFAULT_BUDGET,
        max_removed_share: float = DEFAULT_MAX_REMOVED_SHARE,
        screen: bool = True,
        detect_language: bool = True,
    ) -> None:
        """Load, select and compile the rules.

        `detect_language`: for a document given without a language, detect it and run only that language's packs
        plus `any` (every pack when the detector is unsure, or the language has none); False: every pack.
        """
        # One path (a str or Path) or one Rule is one item: iterating a string would walk the filesystem.
        items = [rules] if isinstance(rules, (str, Path, Rule)) else list(rules)
        for item in items:
            if not isinstance(item, (str, Path, Rule)):
                raise TypeError(f"rules must be paths (str or Path) or Rule objects, not {type(item).__name__}")
        given = [r for r in items if isinstance(r, Rule)]
        paths = [r for r in items if not isinstance(r, Rule)]
        loaded = load_rules(paths, defaults=defaults) if (paths or defaults) else ()
        chosen = select_rules(loaded + tuple(given), disable, enable)
        self._setup(chosen, timeout, screen, budget, max_removed_share, detect_language)

    def _setup(
        self,
        rules: tuple[Rule, ...],
        timeout: float,
        screen: bool,
        budget: float = DEFAULT_BUDGET,
        max_removed_share: float = DEFAULT_MAX_REMOVED_SHARE,
        detect_language: bool = True,
    ) -> None:
        if not timeout > 0 or not budget > 0:
            raise ValueError("timeout and budget must be positive numbers of seconds")
        if not 0 < max_removed_share <= 1:
            raise ValueError("max_removed_share must be above 0 and at most 1 (1 turns the guard off)")
        self.rules = rules
        self.timeout = timeout
        self.budget = budget
        self.max_removed_share = max_removed_share
        self._matchers: tuple[Matcher, ...] = tuple(compile_rule(rule, timeout) for rule in rules)
        self._patterns = tuple(m for m in self._matchers if isinstance(m, PatternMatcher))
        # One Aho-Corasick pass per document names the (line, rule) pairs worth a `regex` match (prefilter.py).
        self._screen = Prefilter([m.rule.pattern for m in self._patterns]) if screen else None
        self._per_site = any(rule.domains for rule in rules)
        self.detect_language = detect_language
        # Languages with a pack of their own: a document detected in one of them meets only that pack and `any`.
        self._packs = frozenset(rule.language for rule in rules if rule.language != "any")
        self._selections: dict[tuple[str | None, str | None], Selection] = {}

    def _selection(self, lang: str | None, host: str | None) -> Selection:
        """The rules that apply to a document's language and site (cached: most runs see a handful)."""
        key = (lang, host)
        if key not in self._selections:
            if len(self._selections) > 4096:
                self._selections.clear()
            # Pattern rules run through the flags; only the few other kinds are walked per document.
            matchers: list[Matcher] = [
                m for m in self._matchers if not isinstance(m, PatternMatcher) and applies_to(m.rule, lang, host)
            ]
            undecided = Undecided(host) if lang is None and self.detect_language and len(self._packs) > 1 else None
            self._selections[key] = (matchers, [applies_to(m.rule, lang, host) for m in self._patterns], undecided)
        return self._selections[key]

    @classmethod
    def from_rules(
        cls,
        rules: Iterable[Rule],
        timeout: float = 1.0,
        screen: bool = True,
        budget: float = DEFAULT_BUDGET,
        max_removed_share: float = DEFAULT_MAX_REMOVED_SHARE,
        detect_language: bool = True,
    ) -> Cleaner:
        """Build a Cleaner from already loaded rules, without reading any file."""
        cleaner = cls.__new__(cls)
        cleaner._setup(tuple(rules), timeout, screen, budget, max_removed_share, detect_language)
        return cleaner

    def __getstate__(self) -> dict[str, Any]:
        # Ship the validated rules, not compiled patterns; each worker compiles them once on arrival.
        return {
            "rules": self.rules,
            "timeout": self.timeout,
            "screen": self._screen is not None,
            "budget": self.budget,
            "max_removed_share": self.max_removed_share,
            "detect_language": self.detect_language,
        }

    def __setstate__(self, state: dict[str, Any]) -> None:
        self._setup(
            state["rules"],
            state["timeout"],
            state.get("screen", True),
            state.get("budget", DEFAULT_BUDGET),
            state.get("max_removed_share", DEFAULT_MAX_REMOVED_SHARE),
            state.get("detect_language", True),
        )

    def clean_html(
        self, html: str | bytes, url: str | None = None, lang: str | None = None, **extract_options: Any
    ) -> tuple[Extracted, Result]:
        """Extract a page's text with trafilatura, then clean it; removal offsets point into the extracted text.

        The page title (from its metadata) feeds the headline-echo rule; `extract_options` go to trafilatura.
        """
        extracted = extract_html(html, url=url, **extract_options)
        return extracted, self.clean(extracted.text, url=url, lang=lang or extracted.language, title=extracted.title)

    def clean_batch(
        self,
        texts: Sequence[str],
        urls: Sequence[str | None] | None = None,
        titles: Sequence[str | None] | None = None,
        langs: Sequence[str | None] | None = None,
    ) -> list[Result]:
        """Clean many documents in one call (see `cleaner.batch.clean_batch`)."""
        from .batch import clean_batch

        return clean_batch(self, texts, urls, titles, langs)

    def clean_arrow(self, texts: Any, urls: Any = None, titles: Any = None, langs: Any = None) -> Any:
        """Clean a pyarrow string array or column into a table of text, truncated and removals columns."""
        from .batch import clean_arrow

        return clean_arrow(self, texts, urls, titles, langs)

    def clean(self, text: str, url: str | None = None, lang: str | None = None, title: str | None = None) -> Result:
        """Return the clean text with the exact log of what was deleted and whether the source was cut off."""
        return self.decide(text, url, lang, title).result()

    def decide(
        self,
        text: str,
        url: str | None = None,
        lang: str | None = None,
        title: str | None = None,
        *,
        data: bytes | None = None,
    ) -> Decision:
        """What the rules delete from `text` and whether it was cut off, as a Decision (`.result()` gives the Result).

        The ETL paths use this to read the spans without building a Result; `clean` is `decide(...).result()`.
        `data`, when the caller has it, is `text` in UTF-8 (an Arrow column holds it), so the screen need not
        encode the text again.
        """
        if not isinstance(text, str):
            raise TypeError(f"text must be str, not {type(text).__name__}")
        if lang is not None:
            # 'deu_Latn' -> 'de'; 'und' -> None (detected); an unknown code raises UnknownLanguage
            lang = document_language(lang)
        return self._decide(text, *self._rules_for(url, lang), title, data)

    def _rules_for(self, url: str | None, lang: str | None) -> Selection:
        """The rules for a document's site and language, as `_selection` gives them (the choice is cached)."""
        return self._selection(lang, host_of(url) if self._per_site else None)

    def _decide(
        self,
        text: str,
        matchers: Sequence[Matcher],
        active: Sequence[bool],
        undecided: Undecided | None = None,
        title: str | None = None,
        data: bytes | None = None,
    ) -> Decision:
        """What the chosen rules delete from one document, and whether it was cut off or must be kept whole.

        `matchers` holds the kinds other than patterns (patterns run through `active`), as `_selection` gives them.
        With `undecided`, the document's language is detected once some rule may touch it, and the rules narrowed to
        its pack and `any`; a document no rule of any pack can touch keeps `language` None.
        `data`, when given, is `text` in UTF-8 (a batch read from Arrow has it), so the screen need not encode it.
        """
        language = None
        screen = self._screen
        spans: Spans | None = None
        if screen is not None and not any(active[k] for k in screen.always):
            started = time.monotonic()
            try:
                spans = screen.flagged(text, started + self.budget, active, data)
            except DocumentTimeout:
                raise DocumentTimeout(self.budget) from None
            if spans == [] and self._untouched(text, matchers, title):
                # No rule of any pack can touch the text: one linear pass decided it, and its language would change
                # nothing, so it is not detected (None).
                return Decision(text, [], False, None, None)
        if undecided is not None:
            # Only now that some rule may apply: the language narrows the rules to its pack and `any`.
            language = detect_language(text, MIN_SCORE)[0]
            if language in self._packs:
                matchers, active, _ = self._selection(language, undecided.host)
                if spans is not None:
                    spans = [span for span in spans if active[span[2]]]
                    if spans == [] and self._untouched(text, matchers, title):
                        return Decision(text, [], False, None, language)
        lines = split_lines(text)
        plan = Plan(text, lines, self.budget)
        plan.match_lines(self._patterns, active, screen, spans)
        for matcher in matchers:
            if isinstance(matcher, TitleEcho):
                plan.echo_title(matcher, title)
            elif isinstance(matcher, TeaserBlock):
                plan.drop_teaser_block(matcher)
        plan.settle_spans()
        for matcher in matchers:
            if isinstance(matcher, UnfinishedSentence):
                plan.cut_unfinished(matcher)
                break
        pieces = plan.pieces()
        # A paywall line swallowed by a related-links tail still says the article was cut off.
        truncated = any(rule.category == TRUNCATED_CATEGORY for _, _, rule in pieces) or plan.cut_marker_removed()
        plan.check_budget()
        _check_disjoint(pieces)
        return Decision(text, pieces, truncated, self._guard(text, pieces), language)

    @staticmethod
    def _untouched(text: str, matchers: Sequence[Matcher], title: str | None) -> bool:
        """True when, with no pattern rule matching, the other kinds leave `text` alone too.

        The first non-blank line does not repeat the title, and the last one ends like a finished sentence (or
        its cut, or a teaser block ending with it, would need a closer look): what `Plan.echo_title`,
        `Plan.cut_unfinished` and `Plan.drop_teaser_block` check first.
        """
        for matcher in matchers:
            if isinstance(matcher, UnfinishedSentence):
                if matcher.may_cut(text):
                    return False
            elif isinstance(matcher, TeaserBlock) and matcher.could_end(text):
                return False
        if title and any(isinstance(m, TitleEcho) for m in matchers):
            first = text.lstrip().split("\n", 1)[0]
            if any(isinstance(m, TitleEcho) and m.repeats_title(first, title) for m in matchers):
                return False
        return True

    def _guard(self, text: str, pieces: Pieces) -> str | None:
        """Why these removals must not be applied: more than `max_removed_share` of a document's text (or None)."""
        if self.max_removed_share >= 1 or not pieces:
            return None
        removed = sum(end - start for start, end, _ in pieces)
        if len(text) < GUARD_MIN_CHARS or removed <= self.max_removed_share * len(text):
            return None
        rules = Counter(rule.id for _, _, rule in pieces).most_common(3)
        named = ", ".join(f"{rule} x{count}" if count > 1 else rule for rule, count in rules)
        return f"rules would remove {removed / len(text):.0%} of the text (limit {self.max_removed_share:.0%}): {named}"
