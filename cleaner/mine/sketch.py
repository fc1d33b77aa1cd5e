"""A counter with a fixed capacity (Misra-Gries): memory stays bounded however many distinct lines a site has."""

from __future__ import annotations

DEFAULT_CAPACITY = 200_000


class BoundedCounter:
    """Counts keys; past `capacity` keys it drops the least counted ones and remembers how much it dropped.

    Every count is exact or low by at most `floor` (the highest count ever dropped), so a key counted
    more than `floor` times is never lost: for boilerplate, which recurs on many pages, counts stay exact
    in practice. Which keys go depends only on the counts, so the result does not depend on hashing.

    >>> counter = BoundedCounter(capacity=4)
    >>> for key in "aaabbc" + "defgh" + "aa":
    ...     counter.add(key)
    >>> counter.get("a"), counter.floor, len(counter) <= 4
    (5, 1, True)
    """

    __slots__ = ("capacity", "counts", "floor")

    def __init__(self, capacity: int = DEFAULT_CAPACITY) -> None:
        if capacity < 2:
            raise ValueError("a counter's capacity must be at least 2")
        self.capacity = capacity
        self.counts: dict[str, int] = {}
        self.floor = 0

    def __len__(self) -> int:
        return len(self.counts)

    def add(self, key: str) -> None:
        """Count one more occurrence of `key`."""
        counts = self.counts
        counts[key] = counts.get(key, 0) + 1
        if len(counts) > self.capacity:
            self._prune()

    def get(self, key: str) -> int:
        """The count of `key` (0 when never seen or dropped)."""
        return self.counts.get(key, 0)

    def _prune(self) -> None:
        """Drop the lowest counts until at most half the capacity is left (amortised: one prune per many adds)."""
        ordered = sorted(self.counts.values())
        cut = ordered[len(ordered) - self.capacity // 2 - 1]
        self.floor = max(self.floor, cut)
        self.counts = {key: count for key, count in self.counts.items() if count > cut}

    def at_least(self, minimum: int) -> dict[str, int]:
        """The keys counted at least `minimum` times, with their counts."""
        return {key: count for key, count in self.counts.items() if count >= minimum}
