"""kind: unfinished_sentence: its options and phase; the detector itself is `cleaner/unfinished.py`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ..model import TRUNCATED_CATEGORY, KindOptions, Rule
from ..segment import Line
from ..unfinished import UnfinishedSentence
from .base import Claim, DocumentView, Kind, LineClaim, Phase, SpanClaim

WordLists = tuple[tuple[str, tuple[str, ...]], ...]  # ((language, words), ...) in file order


@dataclass(frozen=True, slots=True)
class UnfinishedOptions(KindOptions):
    """The YAML keys of kind unfinished_sentence (what each means: the detector's docstrings, unfinished.py)."""

    terminal_punctuation: str = field(metadata={"read": "text"})
    closing_marks: str | None = field(default=None, metadata={"read": "text"})
    min_words_alone: int = field(default=6, metadata={"read": "count"})
    dangling_min_words: int = field(default=0, metadata={"read": "count"})
    title_case_percent: int = field(default=60, metadata={"read": "count"})
    nouns_capitalised: tuple[str, ...] = field(default=(), metadata={"read": "strings"})
    dotted_ordinals: tuple[str, ...] = field(default=(), metadata={"read": "strings"})
    mid_word_min_letters: int = field(default=0, metadata={"read": "count"})
    unknown_word_zipf: float = field(default=0.0, metadata={"read": "zipf"})
    known_word_zipf: float = field(default=0.0, metadata={"read": "zipf"})
    rare_word_zipf: float = field(default=0.0, metadata={"read": "zipf"})
    completion_zipf_gap: float = field(default=8.0, metadata={"read": "zipf"})
    bound_min_count: int = field(default=0, metadata={"read": "count"})
    punctuated_min_paragraphs: int = field(default=0, metadata={"read": "count"})
    punctuated_paragraph_words: int = field(default=15, metadata={"read": "count"})
    punctuated_alone_words: int = field(default=0, metadata={"read": "count"})
    ellipsis: str | None = field(default=None, metadata={"read": "pattern"})
    ignore: tuple[str, ...] = field(default=(), metadata={"read": "patterns"})
    abbreviations: WordLists = field(default=(), metadata={"read": "word_lists"})
    dangling_words: WordLists = field(default=(), metadata={"read": "word_lists"})


def _visible(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> tuple[str, list[int]]:
    """text[start:end] without the given spans, and for each character left its offset in `text`, then `end`."""
    pieces: list[str] = []
    where: list[int] = []
    position = start
    for a, b in sorted(spans):
        if a > position:
            pieces.append(text[position:a])
            where.extend(range(position, a))
        position = max(position, b)
    if position < end:
        pieces.append(text[position:end])
        where.extend(range(position, end))
    where.append(end)
    return "".join(pieces), where


def _last_kept(view: DocumentView, count: int) -> list[Line]:
    """The last `count` non-blank lines no rule has taken, last first (`view.kept()` read from its end)."""
    found: list[Line] = []
    for line in reversed(view.content):
        if not view.owned(line.index):
            found.append(line)
            if len(found) == count:
                break
    return found


class UnfinishedSentenceKind(UnfinishedSentence, Kind):
    """The unfinished-sentence detector as a kind: it claims the cut-off end of the last kept paragraph."""

    name = "unfinished_sentence"
    Options = UnfinishedOptions
    phase = Phase.ENDING
    first_only = True

    def __init__(self, rule: Rule, timeout: float) -> None:
        self.options_of(rule)  # a rule built by hand with another kind's options fails here, not mid-document
        UnfinishedSentence.__init__(self, rule, timeout)

    def may_claim(self, text: str, title: str | None) -> bool:
        """Unless the text surely ends finished (a full stop, no ellipsis)."""
        return self.may_cut(text)

    def claim(self, view: DocumentView, title: str | None) -> Sequence[Claim]:
        """The unfinished sentence that ends the last kept paragraph (the whole line if it has no sentence end).

        A truncation marker already going after it (a "Continue reading" line, a closing "[…]") is evidence enough
        that the paragraph was cut; without one the detector asks for evidence of its own.
        """
        last = _last_kept(view, 2)  # only the last two kept lines matter: no list of every kept line
        if not last:
            return ()
        line, text, spans = last[0], view.text, view.spans
        marked = view.marked_after(line.index)
        # Spans that close the line (a "[…]" marker) are already going; judge the text in front of them.
        end = line.end
        for start, span_end, rule in reversed([s for s in spans if line.start <= s[0] < line.end]):
            if text[span_end:end].strip():
                break
            end = start
            marked = marked or rule.category == TRUNCATED_CATEGORY
        # Judge the text the reader will see: spans inside the line (an inline teaser) are already going, and a
        # sentence end inside one must not start the cut.
        inside = [(a, b) for a, b, _ in spans if line.start <= a < end]
        if inside:
            visible, where = _visible(text, line.start, end, inside)
        else:  # the common case: what the reader sees is the line itself, and offsets need no mapping
            visible, where = text[line.start : end], None
        found = self.find_cut(visible, last[1].text if len(last) > 1 else None, marked, text)
        if found is None:
            return ()
        if not visible[:found].strip():
            return (LineClaim(self.rule, (line.index,)),)
        cut = found if where is None else where[found] - line.start
        return (SpanClaim(self.rule, line.start + cut, end),)
