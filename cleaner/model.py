"""Frozen records shared by every module: rules, examples, removals and results (no logic)."""

from __future__ import annotations

from dataclasses import dataclass, field

SCOPES = ("line", "span", "tail", "head", "block")
# The category whose removals say that the source article was cut off (Result.truncated).
TRUNCATED_CATEGORY = "truncated_ending"


@dataclass(frozen=True, slots=True)
class Source:
    """Where a rule or example was written: file path and 1-based line and column."""

    path: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


@dataclass(frozen=True, slots=True)
class Example:
    """One example text of a rule: what must be removed from it, or that it must be kept."""

    text: str
    expect: str  # "remove" | "keep" | "todo_remove" | "todo_keep"
    clean: str | None = None  # the expected clean text; None: "the whole text goes" (remove) or "unchanged" (keep)
    truncated: bool | None = None
    title: str | None = None  # the document title to clean with (for title_echo rules)
    source: Source | None = None


@dataclass(frozen=True, slots=True)
class KindOptions:
    """The base of each kind's typed options: a frozen dataclass of the YAML keys that only that kind reads."""


@dataclass(frozen=True, slots=True)
class Rule:
    """A validated rule, as written in YAML: what to find, how much to delete, and its guards."""

    id: str
    category: str
    language: str
    description: str
    kind: str = "pattern"
    enabled: bool = True  # False: an opt-in rule, run only when enabled by id
    scope: str = "line"
    pattern: str = ""  # the final pattern, with {phrases} already expanded
    case_sensitive: bool = False
    unless: tuple[str, ...] = ()
    max_words: int | None = None
    min_words: int | None = None
    first_lines: int | None = None
    last_lines: int | None = None
    block_max_words: int | None = None  # scope block: following lines up to this many words belong to the block
    domains: tuple[str, ...] = ()
    options: KindOptions | None = None  # the kind's own settings (cleaner/kinds/); None: the kind's defaults
    examples: tuple[Example, ...] = ()
    source: Source | None = None
    pattern_source: Source | None = None

    def option(self, name: str, default: object = None) -> object:
        """Return a kind-specific setting of this rule by name (`default` when the rule gives no options)."""
        return getattr(self.options, name, default)


@dataclass(frozen=True, slots=True)
class Removal:
    """One deleted span: which rule, and the exact text at [start, end) of the original (code points)."""

    rule: str
    category: str
    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, object]:
        """Return the removal as a plain dict in the log's field order."""
        return {"rule": self.rule, "category": self.category, "start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True, slots=True)
class Result:
    """The clean text, the removals that produced it (sorted, disjoint), whether the source was cut off, any flag."""

    text: str
    removals: tuple[Removal, ...] = field(default=())
    truncated: bool = False
    # Why nothing was removed although rules matched: they would have taken more than the allowed share.
    flagged: str | None = None
    # The language detected for a document given without one ("und": unsure, every pack ran); None: not detected.
    language: str | None = None

    @property
    def changed(self) -> bool:
        """True when anything was removed."""
        return bool(self.removals)
