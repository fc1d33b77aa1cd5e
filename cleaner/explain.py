"""`cleaner explain`: each line of one document with the rule that removes it, and what the guards held back."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from .engine import Cleaner
from .io.inputs import input_tasks
from .io.records import Doc, Reject
from .io.sources import UsageError
from .kinds import KINDS
from .kinds.base import LANGUAGE, LineContext
from .model import Removal, Result
from .rule_scope import host_of
from .runner import Job
from .segment import Line, split_lines
from .worker import clean_document, iter_documents


def find_document(job: Job, record_id: str | None = None, line: int | None = None) -> Doc:
    """The one document to explain: by id, by line (record number), or the only one the input holds."""
    skipped = [0]
    first: Doc | None = None
    seen = 0
    for task in input_tasks(job.inputs, job.chunk_bytes, skipped, job.settings.fields):
        for _, item in iter_documents(task, job.settings):
            if record_id is None and line is None:
                if isinstance(item, Doc):
                    first, seen = first or item, seen + 1
                continue
            if (line is not None and item.line == line) or (record_id is not None and _id_of(item) == record_id):
                if isinstance(item, Reject):
                    raise ValueError(f"{item.source}:{item.line}: this record is set aside: {item.kind}: {item.detail}")
                return item
    if record_id is None and line is None:
        if first is None:
            raise ValueError("the input holds no document to explain")
        if seen > 1:
            raise UsageError(f"the input holds {seen:,} records: choose one with --id ID or --line N")
        return first
    wanted = f"id {record_id!r}" if record_id is not None else f"line {line}"
    raise ValueError(f"no record with {wanted} in {', '.join(s.path for s in job.inputs.sources)}")


def _id_of(item: Doc | Reject) -> str | None:
    return str(item.id) if isinstance(item, Doc) else None


@dataclass(slots=True)
class Explanation:
    """One document explained: its text, what the rules decide, what the guard held back, and skipped matches."""

    text: str
    result: Result
    would_remove: tuple[Removal, ...] = ()  # when the guard kept the document whole: what the rules would remove
    skipped: dict[int, list[str]] = field(default_factory=dict)  # line index -> "rule: the guard that stopped it"


def explain_document(cleaner: Cleaner, text: str, url: str | None, lang: str | None, title: str | None) -> Explanation:
    """Clean one document and say, line by line, why rules whose pattern matches did not remove it."""
    result = cleaner.clean(text, url=url, lang=lang, title=title)
    explanation = Explanation(text, result)
    removals = result.removals
    if result.flagged is not None:
        unguarded = Cleaner.from_rules(cleaner.rules, cleaner.timeout, True, cleaner.budget, max_removed_share=1.0)
        removals = explanation.would_remove = unguarded.clean(text, url=url, lang=lang, title=title).removals
    lines = split_lines(text)
    prose = [line for line in lines if not line.blank]
    host = host_of(url)
    for position, line in enumerate(prose, 1):
        notes, other_languages = [], []
        context = LineContext(lang, host, position, len(prose) - position + 1, cleaner.timeout)
        for rule in cleaner.rules:
            if any(r.rule == rule.id for r in _touching(removals, line)):
                continue
            reason = KINDS[rule.kind].held_back(rule, line.text, context)
            if reason == LANGUAGE:
                other_languages.append(rule.id)
            elif reason:
                notes.append(f"{rule.id}: {reason}")
        if other_languages:
            notes.append(f"{', '.join(other_languages)}: language: rules for other languages than '{lang}'")
        if notes:
            explanation.skipped[line.index] = notes
    return explanation


def _touching(removals: tuple[Removal, ...], line: Line) -> Iterator[Removal]:
    """Removals that take visible text from this line."""
    for r in removals:
        if r.start < max(line.end, line.start + 1) and r.end > line.start:
            yield r


def render(explanation: Explanation) -> Iterator[str]:
    """The lines `cleaner explain` prints."""
    text, result = explanation.text, explanation.result
    removals = explanation.would_remove or result.removals
    width = max((len(r.rule) for r in removals), default=1)
    for line in split_lines(text):
        touching = [
            r for r in _touching(removals, line) if text[max(r.start, line.start) : min(r.end, line.end)].strip()
        ]
        label = ", ".join(dict.fromkeys(r.rule for r in touching)) or "-"
        whole = touching and all(r.start <= line.start and r.end >= line.end for r in touching)
        mark = "x" if whole else ("~" if touching else " ")
        yield f"{line.index + 1:>5} {mark} {label:<{width}}  {line.text}"
        for note in explanation.skipped.get(line.index, []):
            yield f"{'':>7} skipped {note}"
    yield ""
    if result.flagged is not None:
        yield (
            f"the guard kept this document whole: {result.flagged}; 0 removals applied, the "
            f"{len(explanation.would_remove)} marked above would apply with --max-removed-share 1"
        )
    yield (
        f"{len(result.removals)} removals; truncated: {str(result.truncated).lower()}"
        "  (x: line removed, ~: part of the line removed)"
    )


def explain(cleaner: Cleaner, doc: Doc) -> Explanation:
    """Explain one document of a dump (HTML is extracted first, as a batch run does)."""
    if doc.html is not None:
        clean_document(cleaner, doc)
    assert doc.text is not None
    return explain_document(cleaner, doc.text, doc.url, doc.lang, doc.title)
