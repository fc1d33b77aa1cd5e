"""The Cleaner: compiles rules once, finds what to delete in a document, and returns text plus exact log."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from .claims import Claims, OverlapError, check_disjoint
from .decision import Decision, Pieces
from .errors import DocumentTimeout
from .finds import Spans
from .html import Extracted, extract_html
from .kinds import KINDS, Kind, Phase
from .kinds.base import Candidates
from .langid import MIN_SCORE, detect_language
from .languages import document_language
from .load import load_rules
from .model import Result, Rule
from .prefilter import Prefilter
from .rule_scope import host_of
from .segment import split_lines
from .selection import Selection, Selector, select_rules

DEFAULT_BUDGET = 10.0  # seconds for all rules on one document, on top of each match's own time limit
DEFAULT_MAX_REMOVED_SHARE = 0.5
# Below this many characters a document is a snippet, not an article: removing most of it ("Advertisement"
# and one line) is ordinary, and the share says nothing about a bad rule.
GUARD_MIN_CHARS = 200
# Documents whose languages the batch paths detect in a row (`languages`) before cleaning them one by one.
LANGUAGE_GROUP = 128


__all__ = ["Cleaner", "Decision", "OverlapError", "Pieces", "select_rules"]


def _own(kind: type[Kind], candidates: Candidates) -> Candidates:
    """The candidate lines with only the rules of one LINES kind (when several kinds share the prefilter)."""
    return [(line, [m for m in ms if type(m) is kind]) for line, ms in candidates]


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
        matchers = [KINDS[rule.kind](rule, timeout) for rule in rules]
        # The LINES phase runs over the screen's candidate lines; its rules' patterns make the screen.
        self._patterns = tuple(m for m in matchers if m.phase is Phase.LINES)
        self._line_kinds = tuple(dict.fromkeys(type(m) for m in self._patterns))
        later = [tuple(m for m in matchers if m.phase is phase) for phase in Phase if phase is not Phase.LINES]
        # One Aho-Corasick pass per document names the (line, rule) pairs worth a `regex` match (prefilter.py).
        self._screen = Prefilter([m.rule.pattern for m in self._patterns]) if screen else None
        self._per_site = any(rule.domains for rule in rules)
        self.detect_language = detect_language
        # Languages with a pack of their own: a document detected in one of them meets only that pack and `any`.
        self._packs = frozenset(rule.language for rule in rules if rule.language != "any")
        self._selection = Selector(later, self._patterns, self._packs, detect_language)

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

    def clean(
        self,
        text: str,
        url: str | None = None,
        lang: str | None = None,
        title: str | None = None,
        *,
        detected: str | None = None,
    ) -> Result:
        """Return the clean text with the exact log of what was deleted and whether the source was cut off.

        `detected`: the text's language as `languages` detected it ahead (see `decide`).
        """
        return self.decide(text, url, lang, title, detected=detected).result()

    def decide(
        self,
        text: str,
        url: str | None = None,
        lang: str | None = None,
        title: str | None = None,
        *,
        detected: str | None = None,
    ) -> Decision:
        """What the rules delete from `text` and whether it was cut off, as a Decision (`.result()` gives the Result).

        The ETL paths use this to read the spans without building a Result; `clean` is `decide(...).result()`.
        `detected`: the detector's answer for `text`, when `languages` gave it ahead (a document given without a
        language then skips its own detection; the Decision is the same).
        """
        if not isinstance(text, str):
            raise TypeError(f"text must be str, not {type(text).__name__}")
        if lang is not None:
            # 'deu_Latn' -> 'de'; 'und' -> None (detected); an unknown code raises UnknownLanguage
            lang = document_language(lang)
        return self._decide(text, self._rules_for(url, lang), title, detected)

    def languages(self, texts: Sequence[str]) -> list[str | None]:
        """The detector's answer for each text, all in one run (None where detection is off or fails), for `decide`.

        A batch cleaned after its languages were detected in a row keeps fastText's model in the CPU's caches:
        measured on the bench text, detection took about 95 us a document in a row and about 205 us interleaved
        with the cleaning (docs/speed.md). A text whose detection fails gets None and meets the error in `decide`.
        """
        if not self.detect_language:
            return [None] * len(texts)
        found: list[str | None] = []
        for text in texts:
            try:
                found.append(detect_language(text, MIN_SCORE)[0])
            except Exception:  # the same error comes again, on its own document, from `decide`
                found.append(None)
        return found

    def _rules_for(self, url: str | None, lang: str | None) -> Selection:
        """The rules for a document's site and language, as `_selection` gives them (the choice is cached)."""
        return self._selection(lang, host_of(url) if self._per_site else None)

    def _decide(
        self,
        text: str,
        rules: Selection,
        title: str | None = None,
        detected: str | None = None,
    ) -> Decision:
        """What the chosen rules delete from one document, and whether it was cut off or must be kept whole.

        One pass, in order: the document's language when unknown (detected, and the rules narrowed to its pack and
        `any`), the prefilter (with the fast path for a document nothing can touch), the phases of the kinds, the
        log laid out and checked.
        """
        language = None
        if rules.undecided is not None:
            # Before the prefilter: measured on real text, almost every document has some line the prefilter flags
            # over all packs (another language's agency codes, credits), and checking those hits costs more than
            # the detection (session 8, docs/speed.md).
            language = detected if detected is not None else detect_language(text, MIN_SCORE)[0]
            if language in self._packs:
                rules = self._selection(language, rules.undecided.host)
        spans, untouched = self._quick(text, rules, title)
        if untouched:
            return Decision(text, [], False, None, language)
        claims = Claims(text, split_lines(text), self.budget)
        candidates = claims.candidates(self._patterns, rules.active, self._screen, spans)
        for kind in self._line_kinds:
            kind.claim_lines(claims, candidates if len(self._line_kinds) == 1 else _own(kind, candidates))
        body, ending = rules.phases
        claims.run(body, title)
        claims.settle_spans()
        claims.run(ending, title)
        pieces = claims.pieces()
        truncated = claims.truncated(pieces)
        claims.check_budget()
        check_disjoint(pieces)
        return Decision(text, pieces, truncated, self._guard(text, pieces), language)

    def _quick(self, text: str, rules: Selection, title: str | None) -> tuple[Spans | None, bool]:
        """The screen's finds in `text`, and True when they settle the document untouched.

        Untouched: no pattern candidate, and no rule of a later phase could claim anything (each kind says).
        The finds are None without a screen, or with a rule it cannot index: every line may hold a literal.
        """
        screen = self._screen
        if screen is None or any(rules.active[k] for k in screen.always):
            return None, False
        started = time.monotonic()
        try:
            spans = screen.flagged(text, started + self.budget, rules.active)
        except DocumentTimeout:
            raise DocumentTimeout(self.budget) from None
        if spans == [] and not any(m.may_claim(text, title) for phase in rules.phases for m in phase):
            # No rule can match: one linear pass decided it, and the budget still holds for it.
            if time.monotonic() - started > self.budget:
                raise DocumentTimeout(self.budget)
            return spans, True
        return spans, False

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
