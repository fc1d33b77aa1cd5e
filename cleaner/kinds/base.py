"""What every kind is: typed options, a phase, and claims made from a read-only view of one document."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import IntEnum
from typing import ClassVar, Protocol

from ..model import KindOptions, Rule
from ..segment import Line


class Phase(IntEnum):
    """When a kind's rules run on a document; phases run in this order, each on what the ones before left."""

    LINES = 1  # line by line, on the lines the prefilter flags for them (the prefilter reads their `pattern`);
    # each LINES kind gets the candidate lines with its own rules only
    BODY = 2  # on the lines still kept after LINES, one rule at a time in rule order
    ENDING = 3  # after the spans settle: the end of the last kept paragraph


@dataclass(frozen=True, slots=True)
class LineClaim:
    """Lines (by index) a rule deletes whole; lines another rule already took stay with that rule."""

    rule: Rule
    indices: Sequence[int]


@dataclass(frozen=True, slots=True)
class SpanClaim:
    """A span [start, end) of the text a rule deletes inside a kept line."""

    rule: Rule
    start: int
    end: int


Claim = LineClaim | SpanClaim


class DocumentView(Protocol):
    """What a kind may read of the document it claims from; only the document itself records claims."""

    @property
    def text(self) -> str: ...

    @property
    def lines(self) -> Sequence[Line]: ...

    @property
    def content(self) -> Sequence[Line]: ...

    @property
    def spans(self) -> Sequence[tuple[int, int, Rule]]:
        """The spans claimed so far, sorted by start once they have settled."""
        ...

    def kept(self) -> list[Line]:
        """The non-blank lines no rule has taken yet, in order."""
        ...

    def owned(self, index: int) -> bool:
        """True when a rule has taken line `index`."""
        ...

    def marked_after(self, index: int) -> bool:
        """True when a line after `index` that says the text was cut off (a truncated_ending match) is going."""
        ...


class Recorder(DocumentView, Protocol):
    """The document as the LINES phase sees it: a view, plus the records a line-by-line scan makes in turns."""

    def record(self, claims: Sequence[Claim]) -> bool:
        """Record claims in order; True when some line went that was kept before."""
        ...

    def mark_cut(self, indices: Sequence[int]) -> None:
        """Remember lines that say the text was cut off, whoever deletes them."""
        ...

    def check_budget(self) -> None:
        """Raise DocumentTimeout once the document has used up its time budget."""
        ...


# The prefilter's answer for the LINES phase: each flagged line with the rules to try on it.
Candidates = list[tuple[Line, list["Kind"]]]


class Kind:
    """A rule kind: one compiled rule of it per instance; the class says how and when its rules claim text.

    A kind is one module in `cleaner/kinds/` and one entry in `KINDS`: `name` (what `kind:` says in YAML),
    `Options` (a frozen dataclass of its own YAML keys, which the loader reads and validates by field type),
    `phase`, and `claim` (BODY, ENDING) or `claim_lines` (LINES). It never imports the engine.
    """

    name: ClassVar[str]
    Options: ClassVar[type[KindOptions]] = KindOptions
    phase: ClassVar[Phase] = Phase.BODY
    # Only the first rule of this kind that meets a document runs (two detectors of one ending would cut twice).
    first_only: ClassVar[bool] = False
    # Its rules carry a `pattern` (with `scope` and `phrases`): the loader reads them, the prefilter indexes them.
    reads_pattern: ClassVar[bool] = False

    rule: Rule

    def __init__(self, rule: Rule, timeout: float) -> None:
        self.rule = rule
        self.timeout = timeout

    @classmethod
    def options_of(cls, rule: Rule) -> KindOptions:
        """The rule's typed options (the kind's defaults when the rule was built without any)."""
        options = rule.options
        if options is None:
            return cls.Options()
        if not isinstance(options, cls.Options):
            raise TypeError(f"rule {rule.id}: kind '{cls.name}' takes {cls.Options.__name__}, not {options!r}")
        return options

    def may_claim(self, text: str, title: str | None) -> bool:
        """False when this rule surely claims nothing in `text` when no line of it is a pattern candidate.

        The engine's fast path asks every rule of a phase after LINES; True is always safe, only slower.
        """
        return True

    def claim(self, view: DocumentView, title: str | None) -> Sequence[Claim]:
        """What this rule deletes from the document as `view` shows it (phases BODY and ENDING)."""
        return ()

    @classmethod
    def claim_lines(cls, document: Recorder, candidates: Candidates) -> None:
        """Run this kind's rules over the prefilter's candidate lines (phase LINES); only LINES kinds have it."""
        raise NotImplementedError(f"kind '{cls.name}' does not run in phase LINES")

    @classmethod
    def held_back(cls, rule: Rule, line: str, context: LineContext) -> str | None:
        """Which guard stopped this rule on a line it would otherwise take, for `cleaner explain` (None: none)."""
        return None


@dataclass(frozen=True, slots=True)
class LineContext:
    """Where a line stands, for `Kind.held_back`: the document's language and site, the line's place."""

    lang: str | None
    host: str | None
    from_start: int
    from_end: int
    timeout: float


# What `held_back` answers when the rule is for another language: `explain` lists these together per line.
LANGUAGE = "language"
