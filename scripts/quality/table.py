"""Plain-text tables: one block per section, one row per group, figures right-aligned."""

from __future__ import annotations

import math

Json = dict[str, object]


def cell(value: object) -> str:
    """Format one figure: floats under 2 as 4 decimals, larger floats as 1 decimal, the rest as text."""
    if isinstance(value, float):
        if math.isnan(value):
            return "-"
        return f"{value:.4f}" if abs(value) < 2 else f"{value:.1f}"
    return str(value)


def print_section(title: str, rows: dict[str, Json], first: int = 30) -> None:
    """Print a titled table whose columns are the union of the rows' keys."""
    print(f"\n== {title}")
    if not rows:
        print("(nothing)")
        return
    columns = list(dict.fromkeys(k for row in rows.values() for k in row))
    widths = [max(len(c), *(len(cell(r.get(c, ""))) for r in rows.values())) + 2 for c in columns]
    print(f"{'':{first}}" + "".join(f"{c:>{w}}" for c, w in zip(columns, widths, strict=True)))
    for name, row in rows.items():
        cells = (cell(row.get(c, "")) for c in columns)
        print(f"{name[: first - 1]:{first}}" + "".join(f"{c:>{w}}" for c, w in zip(cells, widths, strict=True)))
