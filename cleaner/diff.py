"""`cleaner diff`: show documents with what the rules would remove marked, for review before a batch run."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TextIO

from .engine import Cleaner
from .io.inputs import input_tasks
from .io.records import Doc, Reject
from .model import Removal, Result
from .report import RunReport
from .runner import Job
from .worker import iter_documents, try_clean

RED_STRUCK, BOLD, DIM, RESET = "\x1b[31;9m", "\x1b[1m", "\x1b[2m", "\x1b[0m"


@dataclass(frozen=True, slots=True)
class Filter:
    """Which removals to show: by rule id prefix (a review narrows down as it types) and by category."""

    rule: str | None = None
    category: str | None = None

    def keeps(self, removal: Removal) -> bool:
        """True when the removal passes both filters.

        >>> Filter(rule="wrapper.en.a").keeps(Removal("wrapper.en.ad", "wrapper", 0, 2, "Ad"))
        True
        """
        rule_ok = self.rule is None or removal.rule.startswith(self.rule)
        return rule_ok and (self.category is None or removal.category == self.category)


def mark_removals(text: str, removals: list[Removal], color: bool) -> str:
    r"""The text with each removed span marked, piece by piece so that no marker spans a line break.

    >>> mark_removals("Keep.\nAlso read: X\nEnd.", [Removal("r", "c", 6, 19, "Also read: X\n")], color=False)
    'Keep.\n[-Also read: X-]\nEnd.'
    """
    out: list[str] = []
    position = 0
    for removal in removals:
        out.append(text[position : removal.start])
        pieces = text[removal.start : removal.end].split("\n")
        for n, piece in enumerate(pieces):
            if piece:
                out.append(f"{RED_STRUCK}{piece}{RESET}" if color else f"[-{piece}-]")
            if n < len(pieces) - 1:
                out.append("\n")
        position = removal.end
    out.append(text[position:])
    return "".join(out)


def render_document(doc: Doc, result: Result, shown: list[Removal], color: bool) -> str:
    """A header naming the document, its text with removals marked, and one line per removal."""
    text = doc.text or ""
    header = f"=== {doc.source}:{doc.line}  id={doc.id}  ({len(shown)} of {len(result.removals)} removals"
    header += ", truncated)" if result.truncated else ")"
    lines = [f"{BOLD}{header}{RESET}" if color else header, mark_removals(text, shown, color).rstrip("\n")]
    for removal in shown:
        note = f"  - {removal.rule} [{removal.category}] {removal.start}-{removal.end}: {removal.text.strip()[:80]!r}"
        lines.append(f"{DIM}{note}{RESET}" if color else note)
    return "\n".join(lines) + "\n\n"


def iter_changes(
    job: Job, cleaner: Cleaner, keep: Filter, report: RunReport
) -> Iterator[tuple[Doc, Result, list[Removal]]]:
    """Clean documents one by one (no pool: a review reads few) and yield those with removals that pass."""
    skipped = [0]
    for task in input_tasks(job.inputs, job.chunk_bytes, skipped, job.settings.fields):
        for _, item in iter_documents(task, job.settings):
            outcome = try_clean(cleaner, item) if isinstance(item, Doc) else item
            if isinstance(outcome, Reject):
                report.count_reject(outcome.kind, len(outcome.raw))
                continue
            assert isinstance(item, Doc) and item.text is not None
            report.count_document(len(item.raw) or len(item.text), item.text, outcome)
            shown = [r for r in outcome.removals if keep.keeps(r)]
            if shown:
                yield item, outcome, shown
    report.skipped = skipped[0]


def run_diff(
    job: Job, cleaner: Cleaner, keep: Filter, limit: int | None, color: bool, out: TextIO
) -> tuple[int, RunReport]:
    """Print the matching documents (at most `limit`); return how many were shown and the counters."""
    report = RunReport()
    shown = 0
    for doc, result, removals in iter_changes(job, cleaner, keep, report):
        out.write(render_document(doc, result, removals, color))
        shown += 1
        if limit is not None and shown >= limit:
            break
    out.flush()
    return shown, report
