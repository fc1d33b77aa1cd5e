"""The Arrow columns of a batch, built slice by slice from what the engine decided for each row."""

from __future__ import annotations

import itertools
from typing import Any, NamedTuple

from ..decision import Decision
from ..model import Result, Rule
from ..removals import cut_spans


class _Named(NamedTuple):
    """A rule as a logged removal names it (the removals of a Result carry no Rule)."""

    id: str
    category: str


class Columns:
    """The output columns of one slice, filled row by row straight from the engine, with no Result built."""

    def __init__(self) -> None:
        self.texts: list[str | None] = []
        self.truncated: list[bool | None] = []
        self.flagged: list[str | None] = []
        self.counts: list[int] = []  # removals per row
        self.pieces: list[tuple[int, int, Rule | _Named]] = []  # every row's removals, in order
        self.removed: list[str] = []  # the text of each piece

    def add(self, text: str | None, outcome: Decision | Result | None) -> None:
        """One row: a null, a subclass's Result, or what the engine decided (cut as `Decision.result` cuts it)."""
        if outcome is None or text is None:
            self._add_null()
            return
        if isinstance(outcome, Result):
            self._add_result(outcome)
            return
        pieces, truncated, flag = outcome.applied, outcome.truncated, outcome.flagged
        if pieces:
            self.texts.append(cut_spans(text, pieces))
            self.counts.append(len(pieces))
            self.pieces.extend(pieces)
            self.removed.extend([text[start:end] for start, end, _ in pieces])
        else:
            self.texts.append(text)
            self.counts.append(0)
        self.truncated.append(truncated)
        self.flagged.append(flag)

    def _add_result(self, result: Result) -> None:
        self.texts.append(result.text)
        self.counts.append(len(result.removals))
        self.pieces.extend((r.start, r.end, _Named(r.rule, r.category)) for r in result.removals)
        self.removed.extend(r.text for r in result.removals)
        self.truncated.append(result.truncated)
        self.flagged.append(result.flagged)

    def _add_null(self) -> None:
        self.texts.append(None)
        self.counts.append(0)
        self.truncated.append(None)
        self.flagged.append(None)

    def batch(self, pa: Any, schema: Any) -> Any:
        """The slice's RecordBatch, built from flat lists, one array per field."""
        pieces = self.pieces
        children = [
            pa.array([rule.id for _, _, rule in pieces], pa.string()),
            pa.array([rule.category for _, _, rule in pieces], pa.string()),
            pa.array([start for start, _, _ in pieces], pa.int64()),
            pa.array([end for _, end, _ in pieces], pa.int64()),
            pa.array(self.removed, pa.string()),
        ]
        offsets = pa.array(list(itertools.accumulate(self.counts, initial=0)), pa.int32())
        removal_type = schema.field("removals").type.value_type
        structs = pa.StructArray.from_arrays(children, fields=list(removal_type))
        removals = pa.ListArray.from_arrays(offsets, structs, type=schema.field("removals").type)
        columns = [pa.array(self.texts, pa.string()), pa.array(self.truncated, pa.bool_()), removals]
        return pa.RecordBatch.from_arrays([*columns, pa.array(self.flagged, pa.string())], schema=schema)
