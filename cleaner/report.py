"""RunReport: the counters of a batch run, its summary, its stats record and its exit status."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from .exits import Exit
from .htmlreport.tally import Tally
from .model import Result

NOT_TAKEN_SHOWN = 20  # file names listed in the summary; --stats lists them all


@dataclass(slots=True)
class RunReport:
    """Counters that workers fill per chunk and the parent merges; timing and outcome set by the parent."""

    documents: int = 0  # cleaned and written (or shown)
    changed: int = 0
    truncated: int = 0
    flagged: int = 0  # kept whole: the rules would have removed more than the allowed share
    rejected: int = 0
    skipped: int = 0  # records that hold no document (WARC requests, non-HTML responses)
    bytes_in: int = 0
    characters_in: int = 0
    reasons: Counter[str] = field(default_factory=Counter)
    removals: Counter[str] = field(default_factory=Counter)  # per category
    characters: Counter[str] = field(default_factory=Counter)  # removed, per category
    rule_removals: Counter[str] = field(default_factory=Counter)
    rule_characters: Counter[str] = field(default_factory=Counter)
    languages: Counter[str] = field(default_factory=Counter)  # detected, for documents given without a language
    seconds: float = 0.0
    interrupted: bool = False
    already_done: int = 0  # input files a --resume run found finished and skipped
    kept: int = 0  # input files finished and kept by a --resume run that was stopped
    stopped: str | None = None  # the first bad record, when --strict stopped the run
    outputs: list[str] = field(default_factory=list)  # what was written, for the summary
    not_taken: tuple[str, ...] = ()  # files in input folders the run did not read
    damaged: list[str] = field(default_factory=list)  # "file: where and why" for each input read only in part
    dry_run: bool = False  # the cleaned records were counted, not written
    tally: Tally = field(default_factory=Tally)  # by site and language, share removed, noted documents

    @property
    def read(self) -> int:
        """Every record read: cleaned plus set aside."""
        return self.documents + self.rejected

    @property
    def exit_code(self) -> int:
        """0 all records cleaned, 1 some set aside or a --strict stop, 130 interrupted."""
        if self.interrupted:
            return int(Exit.INTERRUPTED)
        return int(Exit.PROBLEMS if self.rejected or self.stopped else Exit.OK)

    def count_document(
        self,
        size: int,
        text: str,
        result: Result,
        doc_id: object = None,
        url: str | None = None,
        lang: str | None = None,
    ) -> None:
        """Count one cleaned document of `size` input bytes (its id, url and language for the tally)."""
        self.tally.count(text, result, doc_id, url, lang)
        self.documents += 1
        self.bytes_in += size
        self.characters_in += len(text)
        self.changed += bool(result.removals)
        self.truncated += result.truncated
        self.flagged += result.flagged is not None
        if result.language is not None:
            self.languages[result.language] += 1
        for removal in result.removals:
            width = removal.end - removal.start
            self.removals[removal.category] += 1
            self.characters[removal.category] += width
            self.rule_removals[removal.rule] += 1
            self.rule_characters[removal.rule] += width

    def count_reject(self, kind: str, size: int, where: str = "") -> None:
        """Count one record set aside; `where` names a damaged input file and the damage."""
        if where:
            self.damaged.append(where)
        self.rejected += 1
        self.bytes_in += size
        self.reasons[kind] += 1

    def merge(self, other: RunReport) -> None:
        """Add another report's counters (a finished chunk) to this one."""
        self.documents += other.documents
        self.changed += other.changed
        self.truncated += other.truncated
        self.flagged += other.flagged
        self.rejected += other.rejected
        self.skipped += other.skipped
        self.damaged.extend(other.damaged)
        self.bytes_in += other.bytes_in
        self.characters_in += other.characters_in
        for mine, theirs in (
            (self.reasons, other.reasons),
            (self.removals, other.removals),
            (self.characters, other.characters),
            (self.rule_removals, other.rule_removals),
            (self.rule_characters, other.rule_characters),
            (self.languages, other.languages),
        ):
            mine.update(theirs)
        self.tally.merge(other.tally)

    def rates(self) -> tuple[float, float]:
        """Throughput as (MB/s, documents/s) of input read."""
        seconds = max(self.seconds, 1e-9)
        return self.bytes_in / 1e6 / seconds, self.read / seconds

    def to_dict(self) -> dict[str, object]:
        """The stats record (--stats): every counter, per category and per rule, with throughput."""
        mb_per_s, docs_per_s = self.rates()
        return {
            "documents_read": self.read,
            "documents_cleaned": self.documents,
            "documents_changed": self.changed,
            "documents_truncated": self.truncated,
            "documents_flagged": self.flagged,
            "documents_set_aside": self.rejected,
            "files_not_taken": list(self.not_taken),
            "files_damaged": list(self.damaged),
            "set_aside_reasons": dict(sorted(self.reasons.items())),
            "records_skipped": self.skipped,
            "files_already_done": self.already_done,
            "bytes_read": self.bytes_in,
            "characters_read": self.characters_in,
            "removals": sum(self.removals.values()),
            "characters_removed": sum(self.characters.values()),
            "categories": {
                name: {"removals": count, "characters": self.characters[name]}
                for name, count in sorted(self.removals.items())
            },
            "rules": {
                name: {"removals": count, "characters": self.rule_characters[name]}
                for name, count in sorted(self.rule_removals.items())
            },
            "languages_detected": dict(sorted(self.languages.items())),
            **self.tally.to_dict(),
            "seconds": round(self.seconds, 3),
            "mb_per_second": round(mb_per_s, 3),
            "documents_per_second": round(docs_per_s, 1),
            "interrupted": self.interrupted,
            "stopped": self.stopped,
            "exit_code": self.exit_code,
        }

    def summary(self, top: int | None = None) -> str:
        """The lines printed to stderr at the end of a run: counts, throughput, removals by category and rule.

        `top` keeps the summary short for big runs: at most that many rules, sites and languages.
        """
        mb_per_s, docs_per_s = self.rates()
        skipped = f", {self.skipped:,} records without HTML skipped" if self.skipped else ""
        written = "cleaned (a dry run: not written)" if self.dry_run else "written"
        lines = [
            f"cleaner: {plural(self.read, 'record')} read, {self.documents:,} {written}, {self.rejected:,} set aside"
            f"{skipped}; {self.changed:,} changed, {self.truncated:,} truncated",
            f"  {self.seconds:.2f} s, {self.bytes_in / 1e6:,.2f} MB, {mb_per_s:,.2f} MB/s, {docs_per_s:,.0f} docs/s",
        ]
        if self.already_done:
            done = plural(self.already_done, "input file")
            lines.append(f"  resumed: {done} already done in an earlier run, skipped")
        if self.flagged:
            lines.append(
                f"  flagged: {plural(self.flagged, 'document')} kept whole: the rules would have removed more than "
                "the allowed share (--max-removed-share); see the 'flagged' field of those records"
            )
        if self.reasons:
            lines.append("  set aside: " + ", ".join(f"{n:,} {kind}" for kind, n in sorted(self.reasons.items())))
        if self.reasons.get("field clash"):
            lines.append(
                "  field clash: records with their own 'truncated', 'removal_count' or 'flagged' field (or "
                "'would_remove', with --annotate) were set aside; --added-prefix PREFIX names the added fields "
                "PREFIXtruncated, ..."
            )
        lines.extend(f"  damaged input, read up to the damage: {where}" for where in self.damaged[:NOT_TAKEN_SHOWN])
        if len(self.damaged) > NOT_TAKEN_SHOWN:
            lines.append(f"  and {len(self.damaged) - NOT_TAKEN_SHOWN:,} more damaged files (see the reject file)")
        if self.not_taken:
            shown = ", ".join(self.not_taken[:NOT_TAKEN_SHOWN])
            more = (
                f" and {len(self.not_taken) - NOT_TAKEN_SHOWN:,} more" if len(self.not_taken) > NOT_TAKEN_SHOWN else ""
            )
            lines.append(f"  not taken: {plural(len(self.not_taken), 'file')} of another format: {shown}{more}")
        if self.languages:
            found = ", ".join(f"{lang} {n:,}" for lang, n in self.languages.most_common())
            unsure = " (und: unsure, every pack ran)" if "und" in self.languages else ""
            lines.append(f"  languages detected: {found}{unsure}")
        removed = sum(self.characters.values())
        share = removed / max(self.characters_in, 1)
        lines.append(
            f"  removed: {plural(sum(self.removals.values()), 'span')}, "
            f"{plural(removed, 'character')} ({share:.1%} of the text)"
        )
        width = max((len(name) + 2 for name in self.rule_removals), default=0)
        for category, count in sorted(self.removals.items(), key=lambda item: (-item[1], item[0])):
            lines.append(f"    {category:<{width}} {count:>9,} {self.characters[category]:>11,} chars")
            rules = [r for r in self.rule_removals if r.startswith(category + ".")]
            ranked = sorted(rules, key=lambda r: (-self.rule_removals[r], r))
            for rule in ranked[:top]:
                name = "  " + rule
                lines.append(f"    {name:<{width}} {self.rule_removals[rule]:>9,} {self.rule_characters[rule]:>11,}")
            if top is not None and len(ranked) > top:
                lines.append(f"      ... and {len(ranked) - top:,} more rules")
        lines.extend(self.tally.summary_lines(top))
        lines.extend(f"  {what}" for what in self.outputs)
        return "\n".join(lines)


def plural(count: int, noun: str) -> str:
    """Count and noun, the noun in the plural unless the count is one.

    >>> plural(1, "document"), plural(1200, "span")
    ('1 document', '1,200 spans')
    """
    return f"{count:,} {noun}" + ("" if count == 1 else "s")
