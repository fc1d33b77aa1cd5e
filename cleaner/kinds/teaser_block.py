"""kind: teaser_block: a run of short headline lines after the article's last sentence, with no marker above it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import regex

from ..model import KindOptions, Rule
from ..words import count_words
from .base import Claim, DocumentView, Kind, LineClaim, Phase

# A line that ends like prose: a full stop, an ellipsis, a colon (a lead-in), a semicolon or a comma, possibly
# followed by closing quotes or brackets. A headline ends in a word, a number, "?" or "!" (or a quote after them).
_PROSE_END = regex.compile(r"[.…:;,。：；，][\"'”“’‘»«)\]」』）]*\s*$")
_PROSE_ENDERS = frozenset(".…:;,。：；，")  # `_PROSE_END`'s first class, and its second (no character in both):
_CLOSERS = "\"'”“’‘»«)]」』）"
# Two sentences in one line ("Rain fell. Roads closed") is prose, not a headline.
_SENTENCE_INSIDE = regex.compile(r"\p{Ll}[.!?…]\s+\p{Lu}|[。！？]\S")
# A list item: a bullet or a number opens the line; a list at the end of an article is content.
_LIST_ITEM = regex.compile(r"^\s*(?:[-–—•*·▪►✓→>]|\d{1,3}[.)]|\(?[a-z]\))\s")
# What a headline opens with: a capital, a quote, or a letter of a script without case. Not a number: lines that
# open with one are quantities, steps and figures ("2 cups of flour", "3 min read") more often than headlines.
_HEADLINE_START = regex.compile(r"^\W{0,2}(?:\p{Lu}|\p{Lt}|\p{Lo})")
# A link, an e-mail address or a handle (contact blocks, link lists), or a table cell separator (table rows,
# breadcrumbs, "READ MORE | ..." markers, which rules with markers take): not a bare headline.
_NOT_HEADLINE = regex.compile(r"https?://|www\.|@\w|\.\w{2,4}/|\|")
# "Label: value", as in a list of settings or facts ("Seedlings: 16-18 hours per day").
_LABELLED = regex.compile(r"^[^:：]{1,40}[:：]\s")
# A paragraph the body ends with: a finished sentence (a closing quote or bracket may follow its end mark).
_SENTENCE_END = regex.compile(r"[.!?…。！？][\"'”“’‘»«)\]」』）]*\s*$")


@dataclass(frozen=True, slots=True)
class TeaserBlockOptions(KindOptions):
    """The YAML keys of kind teaser_block (the guards of `TeaserBlock.find_start`)."""

    min_lines: int = field(default=3, metadata={"read": "count"})
    min_body_words: int = field(default=80, metadata={"read": "count"})
    min_last_words: int = field(default=15, metadata={"read": "count"})


class TeaserBlock(Kind):
    """Finds the trailing block of teaser headlines: every guard must hold, or nothing is found."""

    name = "teaser_block"
    Options = TeaserBlockOptions
    phase = Phase.BODY

    def __init__(self, rule: Rule, timeout: float) -> None:
        super().__init__(rule, timeout)
        options = self.options_of(rule)
        assert isinstance(options, TeaserBlockOptions)
        self.max_words = rule.max_words or 14
        self.min_words = rule.min_words or 3
        self.min_lines = options.min_lines
        self.min_body_words = options.min_body_words
        self.min_last_words = options.min_last_words

    def headline(self, text: str, words: int) -> bool:
        """True when one line reads like a teaser headline: short, no sentence end, no list bullet, no link.

        >>> block = TeaserBlock(Rule("related_link.any.x", "related_link", "any", "x"), 1.0)
        >>> block.headline("Storm closes three ports on the east coast", 8)
        True
        >>> block.headline("The storm closed three ports.", 5), block.headline("- Storm closes three ports", 4)
        (False, False)
        """
        if not self.min_words <= words <= self.max_words:
            return False
        return (
            _HEADLINE_START.search(text) is not None
            and _PROSE_END.search(text) is None
            and _SENTENCE_INSIDE.search(text) is None
            and _LIST_ITEM.search(text) is None
            and _NOT_HEADLINE.search(text) is None
        )

    def find_start(self, lines: Sequence[str], count: Callable[[str], int]) -> int | None:
        """Where the trailing teaser block starts among the kept non-blank `lines`; `count` counts a line's words.

        None unless: at least `min_lines` headline lines close the document, fewer than half of them labelled
        ("Label: value": a list of facts); the line before them is a prose paragraph of at least `min_last_words`
        words that ends a sentence (not a lead-in with ':', not a list item, not the last of a listicle's short
        headings); and the body before them holds at least `min_body_words` words.
        """
        start = len(lines)
        while start > 0 and self.headline(lines[start - 1], count(lines[start - 1])):
            start -= 1
        block = lines[start:]
        if (
            len(block) < self.min_lines
            or start == 0
            or 2 * sum(_LABELLED.match(b) is not None for b in block) >= len(block)
        ):
            return None
        last = lines[start - 1]
        if _SENTENCE_END.search(last) is None or _LIST_ITEM.search(last) or count(last) < self.min_last_words:
            return None
        body = 0
        for line in reversed(lines[:start]):
            body += count(line)
            if body >= self.min_body_words:
                return start
        return None

    def may_claim(self, text: str, title: str | None) -> bool:
        """False when `text` cannot end in a teaser block: its last line ends like prose or a sentence.

        `_PROSE_END.search(text.rstrip()) is None`, read from the end instead of tried at every position: after the
        closing marks that end the text, no prose end.
        """
        last = text.rstrip()
        return bool(last) and last.rstrip(_CLOSERS)[-1:] not in _PROSE_ENDERS

    def claim(self, view: DocumentView, title: str | None) -> Sequence[Claim]:
        """The trailing block of teaser headlines under the last sentence, if there is one."""
        kept = view.kept()
        start = self.find_start([line.text for line in kept], count_words)
        if start is None:
            return ()
        return (LineClaim(self.rule, [line.index for line in kept[start:]]),)
