"""`cleaner explain`: each line of one document with the rule that removes it, and what the guards held back."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import regex

from .engine import Cleaner
from .io.inputs import input_tasks
from .io.records import Doc, Reject
from .io.sources import UsageError
from .match import applies_to, count_words, host_of
from .model import Removal, Result, Rule
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
        for rule in cleaner.rules:
            if rule.kind != "pattern" or any(r.rule == rule.id for r in _touching(removals, line)):
                continue
            reason = _held_back(rule, line.text, lang, host, position, len(prose) - position + 1, cleaner.timeout)
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


LANGUAGE = "language"  # the guard that stops most matches when the language is known: listed together per line
_COMPILED: dict[tuple[str, bool], regex.Pattern[str]] = {}


def _compiled(pattern: str, case_sensitive: bool) -> regex.Pattern[str]:
    key = (pattern, case_sensitive)
    if key not in _COMPILED:
        _COMPILED[key] = regex.compile(pattern, regex.V0 if case_sensitive else regex.IGNORECASE)
    return _COMPILED[key]


def _held_back(
    rule: Rule, line: str, lang: str | None, host: str | None, from_start: int, from_end: int, timeout: float
) -> str | None:
    """Which guard stopped a rule whose pattern matches this line, or None (no match, or no guard stopped it)."""
    try:
        match = _compiled(rule.pattern, rule.case_sensitive).search(line, timeout=timeout)
    except TimeoutError:
        return None
    if match is None:
        return None
    if lang is not None and rule.language not in ("any", lang.split("-")[0].split("_")[0].lower()):
        return LANGUAGE
    if rule.domains and not applies_to(rule, None, host):
        return f"domain: the rule is for {', '.join(rule.domains)}, the document is from {host or 'no known site'}"
    if rule.first_lines is not None and from_start > rule.first_lines:
        return f"position: only the first {rule.first_lines} lines, this is line {from_start}"
    if rule.last_lines is not None and from_end > rule.last_lines:
        return f"position: only the last {rule.last_lines} lines, this is line {from_end} from the end"
    piece = "match" if rule.scope == "span" else "line"
    words = count_words(line if rule.scope != "span" else str(match.group()))
    if rule.max_words is not None and words > rule.max_words:
        return f"max_words: at most {rule.max_words} words, the {piece} has {words}"
    if rule.min_words is not None and words < rule.min_words:
        return f"min_words: at least {rule.min_words} words, the {piece} has {words}"
    if any(_compiled(p, rule.case_sensitive).search(line) for p in rule.unless):
        return "unless: the line matches one of the rule's exceptions"
    return None


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
