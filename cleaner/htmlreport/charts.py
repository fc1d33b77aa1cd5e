"""Static inline SVG charts (horizontal bars and a histogram), written by hand: no script, no fonts, no network."""

from __future__ import annotations

from html import escape

BAR_HEIGHT, GAP, LABEL_WIDTH, BAR_WIDTH, VALUE_WIDTH = 18, 4, 330, 360, 150
COLOURS = ("#3b6ea5", "#c0504d", "#9bbb59", "#8064a2", "#4bacc6", "#f79646")


def _label(text: str, limit: int = 48) -> str:
    return escape(text if len(text) <= limit else text[: limit - 1] + "…")


def bar_chart(name: str, rows: list[tuple[str, int, int]], unit: str = "removals") -> str:
    """Horizontal bars, one per (label, count, characters), longest first as given; every number is also text.

    Each bar group carries data-label and data-value, so a test (or a reader's tool) can read the figures back.

    >>> svg = bar_chart("by category", [("wrapper", 3, 45)])
    >>> 'data-value="3"' in svg and "<script" not in svg
    True
    """
    if not rows:
        return '<p class="empty">nothing to show</p>'
    top = max(count for _, count, _ in rows) or 1
    width = LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH
    height = len(rows) * (BAR_HEIGHT + GAP) + GAP
    parts = [
        f'<svg class="chart" data-chart="{escape(name)}" xmlns="http://www.w3.org/2000/svg" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" role="img" aria-label="{escape(name)}">'
    ]
    for n, (label, count, characters) in enumerate(rows):
        y = GAP + n * (BAR_HEIGHT + GAP)
        length = max(1, round(BAR_WIDTH * count / top)) if count else 0
        colour = COLOURS[n % len(COLOURS)] if len(rows) <= len(COLOURS) else COLOURS[0]
        middle = y + BAR_HEIGHT - 5
        parts.append(
            f'<g data-label="{escape(label)}" data-value="{count}"><title>{escape(label)}: {count:,} {unit}, '
            f"{characters:,} characters</title>"
            f'<text x="{LABEL_WIDTH - 6}" y="{middle}" text-anchor="end">{_label(label)}</text>'
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{length}" height="{BAR_HEIGHT}" fill="{colour}"/>'
            f'<text x="{LABEL_WIDTH + length + 6}" y="{middle}">{count:,}</text></g>'
        )
    parts.append("</svg>")
    return "".join(parts)


def histogram(name: str, bins: list[tuple[str, int]]) -> str:
    """Vertical bars over labelled bins (the share removed per document), each count written above its bar.

    >>> 'data-value="7"' in histogram("share", [("0-5%", 7), ("5-10%", 0)])
    True
    """
    if not bins or not any(count for _, count in bins):
        return '<p class="empty">nothing to show</p>'
    top = max(count for _, count in bins) or 1
    column, plot, base = 40, 160, 200
    width = column * len(bins) + 20
    parts = [
        f'<svg class="chart" data-chart="{escape(name)}" xmlns="http://www.w3.org/2000/svg" width="{width}" '
        f'height="{base + 40}" viewBox="0 0 {width} {base + 40}" role="img" aria-label="{escape(name)}">',
        f'<line x1="10" y1="{base}" x2="{width - 10}" y2="{base}" stroke="#888"/>',
    ]
    for n, (label, count) in enumerate(bins):
        x = 10 + n * column
        tall = round(plot * count / top)
        centre = x + column // 2
        parts.append(
            f'<g data-label="{escape(label)}" data-value="{count}"><title>{escape(label)}: {count:,} documents</title>'
            f'<rect x="{x + 4}" y="{base - tall}" width="{column - 8}" height="{tall}" fill="{COLOURS[0]}"/>'
            f'<text x="{centre}" y="{base - tall - 4}" text-anchor="middle" class="small">{count:,}</text>'
            f'<text x="{centre}" y="{base + 14}" text-anchor="middle" class="small">{escape(label.split("-")[0])}'
            "</text>"
            "</g>"
        )
    parts.append(f'<text x="{width // 2}" y="{base + 34}" text-anchor="middle" class="small">share removed (%)</text>')
    parts.append("</svg>")
    return "".join(parts)
