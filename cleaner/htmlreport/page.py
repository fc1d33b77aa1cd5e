"""The report page: one self-contained HTML file (inline CSS and SVG, no script, nothing fetched), all text escaped."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from html import escape
from typing import Any

from .charts import bar_chart, histogram
from .logread import LogSummary, Sample
from .sources import Rejects

CONTEXT = 240  # characters shown before and after a sampled removal

STYLE = """
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:24px auto;max-width:1100px;
color:#222;padding:0 16px}
h1{font-size:22px;margin-bottom:2px}h2{font-size:18px;border-bottom:1px solid #ddd;padding-bottom:3px;margin-top:28px}
.meta{color:#666;font-size:12px}.empty{color:#888;font-style:italic}
table{border-collapse:collapse;margin:6px 0}td,th{border-bottom:1px solid #eee;padding:3px 10px;text-align:left;
vertical-align:top}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
.totals td.n{font-size:18px;font-weight:600}.grid{display:flex;flex-wrap:wrap;gap:8px 28px}
svg.chart text{font:12px system-ui,sans-serif;fill:#222}svg.chart text.small{font-size:11px;fill:#555}
pre{white-space:pre-wrap;word-break:break-word;background:#f7f7f5;border:1px solid #e4e4e0;padding:6px 8px;
margin:4px 0 10px;font:12.5px/1.4 ui-monospace,Menlo,Consolas,monospace}
mark{background:#ffd2cc;color:#8a1000;text-decoration:line-through;text-decoration-color:#c0504d}
details{margin:4px 0}summary{cursor:pointer}summary code{font-weight:600}.where{color:#666;font-size:12px}
.note{color:#666;font-size:12.5px}
"""


@dataclass(slots=True)
class ReportData:
    """Everything the page shows; any part may be missing (no stats, no input, no reject file)."""

    log: LogSummary
    stats: Mapping[str, Any] | None = None
    rejects: Rejects | None = None
    texts: dict[str, str] | None = None  # original texts by id, from --input
    sources: list[tuple[str, str]] = field(default_factory=list)  # (what, path) for the header
    version: str = ""
    top: int = 30


def _n(value: object) -> str:
    return f"{value:,}" if isinstance(value, int) else escape(str(value))


def _table(head: Iterable[str], rows: Iterable[Iterable[object]], numeric: Iterable[int] = ()) -> str:
    right = set(numeric)
    cells = "".join(f"<th{' class=n' if i in right else ''}>{escape(h)}</th>" for i, h in enumerate(head))
    body = [
        "<tr>" + "".join(f"<td{' class=n' if i in right else ''}>{_n(v)}</td>" for i, v in enumerate(row)) + "</tr>"
        for row in rows
    ]
    return f"<table><tr>{cells}</tr>{''.join(body)}</table>" if body else '<p class="empty">none</p>'


def totals(data: ReportData) -> str:
    """The totals table; each figure carries data-stat (its stats key) and data-value (the exact number)."""
    stats, log = data.stats or {}, data.log
    rejected = data.rejects.total if data.rejects is not None else None
    removed = sum(log.rule_characters.values())
    rows = [
        ("documents_read", "documents read", stats.get("documents_read")),
        ("documents_cleaned", "cleaned", stats.get("documents_cleaned")),
        ("documents_changed", "changed", stats.get("documents_changed", log.documents)),
        ("documents_truncated", "truncated (the source was cut off)", stats.get("documents_truncated")),
        ("documents_flagged", "flagged by the guard (kept whole)", stats.get("documents_flagged")),
        ("documents_set_aside", "set aside (see the reasons below)", stats.get("documents_set_aside", rejected)),
        ("removals", "removals", stats.get("removals", log.rows)),
        ("characters_removed", "characters removed", stats.get("characters_removed", removed)),
    ]
    body = []
    for key, label, value in rows:
        shown = f"{value:,}" if isinstance(value, int) else "–"
        attr = f' data-value="{value}"' if isinstance(value, int) else ""
        body.append(f'<tr><td>{escape(label)}</td><td class="n" data-stat="{key}"{attr}>{shown}</td></tr>')
    read = stats.get("characters_read")
    share = ""
    if isinstance(read, int) and read:
        removed = stats.get("characters_removed", 0)
        share = f'<p class="note">{removed / read:.1%} of the {read:,} characters read were removed.</p>'
    reasons = stats.get("set_aside_reasons") or (dict(data.rejects.reasons) if data.rejects else {})
    why = ""
    if reasons:
        items = "".join(
            f'<tr><td>{escape(k)}</td><td class="n" data-reason="{escape(k)}">{v:,}</td></tr>'
            for k, v in sorted(reasons.items())
        )
        why = f"<h3>Set aside, by reason</h3><table>{items}</table>"
    missing = "" if data.stats else '<p class="note">No --stats file: only what the log holds is counted.</p>'
    return f'<table class="totals">{"".join(body)}</table>{share}{missing}{why}'


def _ranked(counts: Mapping[str, int], characters: Mapping[str, int], top: int) -> list[tuple[str, int, int]]:
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    rows = [(name, count, characters.get(name, 0)) for name, count in ranked[:top]]
    rest = ranked[top:]
    if rest:
        rows.append((f"({len(rest):,} more)", sum(c for _, c in rest), sum(characters.get(n, 0) for n, _ in rest)))
    return rows


def charts(data: ReportData) -> str:
    """Removals by category, rule, site and language, and the share removed per document."""
    log, stats, top = data.log, data.stats or {}, data.top
    sections = [
        ("Removals by category", bar_chart("category", _ranked(log.categories, log.category_characters, top))),
        (f"Removals by rule (top {top})", bar_chart("rule", _ranked(log.rules, log.rule_characters, top))),
    ]
    if log.sites:
        sites = bar_chart("site", _ranked(log.sites, {}, top))
    elif stats.get("sites"):
        table = {k: v["removals"] for k, v in stats["sites"].items() if v["removals"]}
        chars = {k: v["characters"] for k, v in stats["sites"].items()}
        sites = bar_chart("site", _ranked(table, chars, top))
    else:
        sites = '<p class="empty">the log rows carry no url (clean with --log-fields url, or give --stats)</p>'
    sections.append((f"Removals by site (top {top})", sites))
    whose = "the document's language" if log.languages_from_documents else "the language of the rule"
    sections.append((f"Removals by language ({whose})", bar_chart("language", _ranked(log.languages, {}, top))))
    bins = stats.get("share_removed_bins")
    if bins:
        shares = histogram("share", list(bins.items()))
        note = '<p class="note">Changed documents only; flagged documents were kept whole.</p>'
    else:
        shares, note = '<p class="empty">needs the --stats file of the run</p>', ""
    body = "".join(f"<div><h3>{escape(title)}</h3>{chart}</div>" for title, chart in sections)
    return f'<div class="grid">{body}</div><h3>Share of the text removed per changed document</h3>{shares}{note}'


def _in_context(sample: Sample, texts: dict[str, str] | None) -> str:
    text = texts.get(sample.id) if texts else None
    if text is not None and text[sample.start : sample.end].startswith(sample.text):
        before = text[max(0, sample.start - CONTEXT) : sample.start]
        after = text[sample.end : sample.end + CONTEXT]
        lead = "…" if sample.start > CONTEXT else ""
        tail = "…" if sample.end + CONTEXT < len(text) else ""
        span = escape(text[sample.start : sample.end])
        return f"<pre>{lead}{escape(before)}<mark>{span}</mark>{escape(after)}{tail}</pre>"
    clipped = "…" if sample.end - sample.start > len(sample.text) else ""
    note = "" if text is None else '<span class="note"> (the input text differs from the log here)</span>'
    return f"<pre><mark>{escape(sample.text)}</mark>{clipped}</pre>{note}"


def samples(data: ReportData) -> str:
    """For each rule, its sampled removals with the text around them; the busiest rules first."""
    log = data.log
    if not log.rules:
        return '<p class="empty">no removals in the log</p>'
    hint = '<p class="note">Give --input DUMP to see the text around each removal.</p>'
    hint = "" if data.texts is not None else hint
    blocks = []
    for n, (rule, count) in enumerate(sorted(log.rules.items(), key=lambda item: (-item[1], item[0]))):
        items = sorted(log.samples[rule].items, key=lambda s: s.row)
        shown = []
        for sample in items:
            where = " · ".join(p for p in (f"id {sample.id}", sample.url or "", f"[{sample.start}, {sample.end})") if p)
            shown.append(f'<div class="where">{escape(where)}</div>{_in_context(sample, data.texts)}')
        opened = " open" if n < 3 else ""
        blocks.append(
            f'<details{opened} data-rule="{escape(rule)}"><summary><code>{escape(rule)}</code> — {count:,} removals, '
            f"{log.rule_characters[rule]:,} characters; {len(items)} shown</summary>{''.join(shown)}</details>"
        )
    return hint + "".join(blocks)


def noted(data: ReportData) -> str:
    """The flagged and the truncated documents (the first ones of the run), with why."""
    stats = data.stats or {}
    if not data.stats:
        return '<p class="empty">needs the --stats file of the run</p>'
    flagged = stats.get("flagged_documents", [])
    truncated = stats.get("truncated_documents", [])
    parts = [
        f"<h3>Flagged by the guard: {stats.get('documents_flagged', 0):,} (first {len(flagged)} shown)</h3>",
        _table(("id", "url", "why"), ((d.get("id"), d.get("url") or "", d.get("why")) for d in flagged)),
        f"<h3>Truncated: {stats.get('documents_truncated', 0):,} (first {len(truncated)} shown)</h3>",
        _table(
            ("id", "url", "why", "how the text ended"),
            ((d.get("id"), d.get("url") or "", d.get("why"), "…" + str(d.get("ending", ""))) for d in truncated),
        ),
    ]
    return "".join(parts)


def rejected(data: ReportData) -> str:
    """The records set aside, from the reject file."""
    if data.rejects is None:
        return '<p class="empty">no reject file given (--rejects)</p>'
    rows = ((f"{r.get('source')}:{r.get('line')}", r.get("reason"), r.get("raw")) for r in data.rejects.first)
    head = f"<p>{data.rejects.total:,} records set aside; the first {len(data.rejects.first)} below.</p>"
    return head + _table(("where", "reason", "record (first 300 characters)"), rows)


def render_page(data: ReportData) -> str:
    """The whole page as one string."""
    inputs = "; ".join(f"{what}: {path}" for what, path in data.sources)
    problems = ""
    if data.log.bad_rows:
        listed = "".join(f"<li>{escape(p)}</li>" for p in data.log.problems)
        problems = f"<h2>Log rows not read: {data.log.bad_rows:,}</h2><ul>{listed}</ul>"
    sections = [
        ("totals", "Totals", totals(data)),
        ("removed", "What was removed", charts(data)),
        ("samples", "Samples per rule, in context", samples(data)),
        ("noted", "Flagged and truncated documents", noted(data)),
        ("rejected", "Records set aside", rejected(data)),
    ]
    body = "".join(f'<h2 id="{anchor}">{escape(title)}</h2>{html}' for anchor, title, html in sections)
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>article-cleaner run report</title><style>{STYLE}</style></head>"
        f'<body data-report="article-cleaner"><h1>article-cleaner run report</h1>'
        f'<p class="meta">{escape(inputs)} · cleaner {escape(data.version)}</p>{problems}{body}</body></html>\n'
    )
