"""Reservoir sampling with a fixed seed per key, so the same log always gives the same page."""

from __future__ import annotations

import random
import zlib
from typing import Generic, TypeVar

T = TypeVar("T")


class Reservoir(Generic[T]):
    """A uniform sample of at most `size` items from a stream of unknown length (Vitter's algorithm R).

    The generator is seeded from `key`, so a rule's sample depends only on its own removals and their order.

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

    __slots__ = ("items", "random", "seen", "size")

    def __init__(self, size: int, key: str) -> None:
        self.size = size
        self.items: list[T] = []
        self.seen = 0
        self.random = random.Random(zlib.crc32(key.encode("utf-8")))

    def wants(self) -> int | None:
        """Where the next item would go (an index into `items`), or None when it is not taken.

        Asking first lets a caller skip building an item that the sample would drop.
        """
        self.seen += 1
        if len(self.items) < self.size:
            return len(self.items)
        slot = self.random.randrange(self.seen)
        return slot if slot < self.size else None

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
