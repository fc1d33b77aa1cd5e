"""Reservoir sampling with a fixed seed per key, so the same log always gives the same page."""

from __future__ import annotations

import math
import random
import zlib
from typing import Generic, TypeVar

T = TypeVar("T")


class Reservoir(Generic[T]):
    """A uniform sample of at most `size` items from a stream of unknown length (Li's algorithm L).

    Once full, the sample draws how many items to skip before the next one it takes, so most items cost one
    comparison. The generator is seeded from `key`: a rule's sample depends only on its own removals.

    >>> sample = Reservoir[int](3, "wrapper.en.advertisement")
    >>> for n in range(1000):
    ...     sample.offer(n)
    >>> len(sample.items), sample.seen
    (3, 1000)
    >>> again = Reservoir[int](3, "wrapper.en.advertisement")
    >>> for n in range(1000):
    ...     again.offer(n)
    >>> again.items == sample.items
    True
    """

    __slots__ = ("items", "next", "random", "seen", "size", "weight")

    def __init__(self, size: int, key: str) -> None:
        self.size = size
        self.items: list[T] = []
        self.seen = 0
        self.random = random.Random(zlib.crc32(key.encode("utf-8")))
        self.weight = 1.0
        self.next = size + 1 if size else -1  # the 1-based number of the next item taken once full

    def _draw(self) -> None:
        draw = self.random.random
        self.weight *= math.exp(math.log(1.0 - draw()) / self.size)
        gap = math.log(1.0 - draw()) / math.log(1.0 - self.weight) if self.weight < 1.0 else 0.0
        self.next = self.seen + int(gap) + 1

    def wants(self) -> int | None:
        """Where the next item would go (an index into `items`), or None when it is not taken.

        Asking first lets a caller skip building an item that the sample would drop.
        """
        self.seen += 1
        if self.seen != self.next and len(self.items) >= self.size:
            return None
        if len(self.items) < self.size:
            if len(self.items) + 1 == self.size:
                self._draw()
            return len(self.items)
        slot = self.random.randrange(self.size)
        self._draw()
        return slot

    def put(self, slot: int, item: T) -> None:
        """Store an item where `wants` said."""
        if slot == len(self.items):
            self.items.append(item)
        else:
            self.items[slot] = item

    def offer(self, item: T) -> None:
        """Count one item and keep it with the right probability."""
        slot = self.wants()
        if slot is not None:
            self.put(slot, item)
