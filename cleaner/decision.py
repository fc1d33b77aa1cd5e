"""What the rules decided for one document (spans, truncation, guard, language), and the Result it gives."""

from __future__ import annotations

from dataclasses import dataclass

from .model import Removal, Result, Rule
from .removals import cut_spans

# The spans a Decision deletes: (start, end, rule), sorted and disjoint.
Pieces = list[tuple[int, int, Rule]]


@dataclass(frozen=True, slots=True)
class Decision:
    """What the rules decided for `text`, before any Result is built (`Cleaner.decide` gives it).

    `pieces`: the spans to delete as (start, end, rule), sorted and disjoint; `truncated`: the source was cut off;
    `flagged`: when set, why the pieces must not be applied (the text stays whole); `language`: as
    `Result.language`. ETL paths read the pieces straight from here and build no Result.
    """

    text: str
    pieces: Pieces
    truncated: bool
    flagged: str | None
    language: str | None = None

    @property
    def applied(self) -> Pieces:
        """The pieces that are deleted: none when the guard flagged the document."""
        return [] if self.flagged is not None else self.pieces

    def result(self) -> Result:
        """The Result: the applied pieces cut out of the text and logged, in order."""
        pieces = self.applied
        if not pieces:
            return Result(self.text, (), self.truncated, self.flagged, self.language)
        text = self.text
        removals = tuple(Removal(rule.id, rule.category, start, end, text[start:end]) for start, end, rule in pieces)
        return Result(cut_spans(text, pieces), removals, self.truncated, language=self.language)
