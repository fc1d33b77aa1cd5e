"""Near-duplicate documents (syndicated or re-published copies of a story), found by MinHash over their lines."""

from __future__ import annotations

import heapq
import zlib
from collections import OrderedDict

SIGNATURE_SIZE = 16  # bottom-k MinHash: the k smallest line hashes of a document
MIN_LINE_WORDS = 5  # shorter lines (headings, furniture) do not say what a story is
DEFAULT_THRESHOLD = 0.5  # estimated Jaccard similarity of two documents' long lines
DEFAULT_MEMORY = 20_000  # signatures kept per site; older ones are forgotten first


def signature(lines: list[str], size: int = SIGNATURE_SIZE) -> tuple[int, ...]:
    """The bottom-k MinHash of a document's long lines (CRC-32: stable across processes and machines).

    >>> signature(["one two three four five", "x"]) == signature(["x", "one two three four five"])
    True
    """
    hashes = {zlib.crc32(line.encode("utf-8")) for line in lines if line.count(" ") + 1 >= MIN_LINE_WORDS}
    return tuple(sorted(heapq.nsmallest(size, hashes)))


def similarity(first: tuple[int, ...], second: tuple[int, ...], size: int = SIGNATURE_SIZE) -> float:
    """Estimated Jaccard similarity from two bottom-k signatures: shared values among the k smallest of the union.

    >>> similarity((1, 2, 3, 4), (1, 2, 3, 5), size=4)
    0.75
    """
    union = sorted(set(first) | set(second))[:size]
    if not union:
        return 0.0
    both = set(first) & set(second)
    return sum(1 for value in union if value in both) / len(union)


class NearDuplicates:
    """Streams a site's documents; says which one repeats an earlier document (memory: `memory` signatures).

    A document is compared only with earlier documents that share one of its signature values (an inverted
    index), so the cost per document does not grow with the site. Boilerplate lines shared by every page
    are at most a few of a document's long lines, so unrelated pages stay well below the threshold.
    """

    def __init__(self, threshold: float = DEFAULT_THRESHOLD, memory: int = DEFAULT_MEMORY) -> None:
        self.threshold = threshold
        self.memory = memory
        self.signatures: OrderedDict[int, tuple[int, ...]] = OrderedDict()
        self.index: dict[int, list[int]] = {}

    def duplicate_of(self, number: int, lines: list[str]) -> int | None:
        """The number of an earlier document this one repeats, else None (and it is remembered as a new one)."""
        sig = signature(lines)
        if len(sig) < 2:
            return None
        seen: set[int] = set()
        for value in sig:
            for other in self.index.get(value, ()):
                if other in seen or other not in self.signatures:
                    continue
                seen.add(other)
                if similarity(sig, self.signatures[other]) >= self.threshold:
                    return other
        self.signatures[number] = sig
        for value in sig:
            holders = self.index.setdefault(value, [])
            if len(holders) < 8:  # a value every page shares (a long footer line) would make every lookup slow
                holders.append(number)
        if len(self.signatures) > self.memory:
            old, old_sig = self.signatures.popitem(last=False)
            for value in old_sig:
                holders = self.index.get(value, [])
                if old in holders:
                    holders.remove(old)
                if not holders:
                    self.index.pop(value, None)
        return None
