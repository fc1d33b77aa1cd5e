"""A screen's finds in one document (spans of rule literals) and the lines they touch, for the engine's LINES phase."""

from __future__ import annotations

import bisect

# One document's finds: (start, end, rule index or group position) in code points, sorted by start.
Spans = list[tuple[int, int, int]]


def flagged_lines(spans: Spans | None, starts: list[int], count: int) -> dict[int, set[int] | None]:
    """The lines (given by their start offsets) the spans touch, in order, each with what found it (groups or rules).

    For None (the screen could not read the text): every line, and None for its groups (ask them all).
    """
    if spans is None:
        return dict.fromkeys(range(count))
    lines: dict[int, set[int] | None] = {}
    for start, end, group in spans:
        first = bisect.bisect_right(starts, start) - 1
        last = bisect.bisect_right(starts, max(start, end - 1)) - 1
        for index in range(max(first, 0), last + 1):
            found = lines.setdefault(index, set())
            assert found is not None
            found.add(group)
    return lines
