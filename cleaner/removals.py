"""The log's two directions: delete logged spans from an original, and put them back into a clean text."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from .model import Removal, Result


def apply_removals(original: str, removals: Sequence[Removal]) -> str:
    """Return `original` with every removal's [start, end) deleted; removals must be sorted and disjoint.

    >>> apply_removals("ab cd", [Removal("r", "c", 3, 5, "cd")])
    'ab '
    """
    return cut_spans(original, ((removal.start, removal.end, removal) for removal in removals))


def cut_spans(text: str, spans: Iterable[tuple[int, int, Any]]) -> str:
    """Return `text` without the sorted, disjoint (start, end, ...) spans: `apply_removals` before any log is built.

    >>> cut_spans("ab cd", [(0, 1, None), (3, 5, None)])
    'b '
    """
    parts: list[str] = []
    position = 0
    for start, end, _ in spans:
        parts.append(text[position:start])
        position = end
    parts.append(text[position:])
    return "".join(parts)


def restore(clean: str, removals: Iterable[Removal]) -> str:
    """Rebuild the original text from a clean text and its removal log.

    >>> restore("ab ", [Removal("r", "c", 3, 5, "cd")])
    'ab cd'
    """
    parts: list[str] = []
    clean_pos = 0
    orig_pos = 0
    for removal in removals:
        if removal.start < orig_pos or len(removal.text) != removal.end - removal.start:
            raise ValueError(f"removal log is not sorted, disjoint and exact at {removal.start}")
        take = removal.start - orig_pos
        if clean_pos + take > len(clean):
            raise ValueError(f"removal at {removal.start} lies beyond the clean text")
        parts.append(clean[clean_pos : clean_pos + take])
        parts.append(removal.text)
        clean_pos += take
        orig_pos = removal.end
    parts.append(clean[clean_pos:])
    return "".join(parts)


def check_result(original: str, result: Result) -> None:
    """Raise AssertionError unless `result` is exactly `original` minus its sorted, disjoint, exact removals."""
    pos = 0
    for removal in result.removals:
        assert removal.start >= pos and removal.end > removal.start, f"removals overlap or are empty: {removal}"
        assert original[removal.start : removal.end] == removal.text, f"removal text differs: {removal}"
        pos = removal.end
    assert apply_removals(original, result.removals) == result.text, "clean text is not original minus removals"
    assert restore(result.text, result.removals) == original, "restore does not rebuild the original"


def removal_from_dict(data: dict[str, object]) -> Removal:
    """Read back one removal written by `Removal.to_dict` (extra keys such as `id` are ignored)."""
    start, end = data["start"], data["end"]
    if not isinstance(start, int) or not isinstance(end, int):
        raise ValueError("removal start and end must be integers")
    return Removal(str(data["rule"]), str(data["category"]), start, end, str(data["text"]))
