"""Ctrl-C and SIGTERM as one clean stop: raised as KeyboardInterrupt, but never inside the worker pool's own code."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Any

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


class Interrupts:
    """While installed, SIGINT and SIGTERM raise KeyboardInterrupt in the main thread, except inside `held()`.

    A KeyboardInterrupt raised in the middle of `ProcessPoolExecutor.submit` or its process start-up can leave
    a worker nobody knows of, or a lock taken, and the run then hangs at exit instead of stopping. Inside
    `held()` a signal is only noted, and raised when the block ends.
    """

    def __init__(self) -> None:
        self.owner = os.getpid()
        self.depth = 0
        self.pending = False

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        if os.getpid() != self.owner:
            # A worker forked inside `held()` runs this copy until its initializer resets the handlers:
            # leave the stop to the parent, which tells its workers through the pool's stop event.
            return
        if self.depth:
            self.pending = True
            return
        raise KeyboardInterrupt

    @contextmanager
    def held(self) -> Iterator[None]:
        """Note a stop signal that comes during the block; raise it once the block has run to its end."""
        self.depth += 1
        try:
            yield
        finally:
            self.depth -= 1
        if not self.depth and self.pending:
            self.pending = False
            raise KeyboardInterrupt

    @contextmanager
    def installed(self) -> Iterator[Interrupts]:
        """Handle both signals for the duration of the block (main thread only; elsewhere signals stay as they are)."""
        try:
            previous: list[Any] = [signal.signal(number, self._handle) for number in STOP_SIGNALS]
        except ValueError:  # not the main thread: signals cannot arrive here
            yield self
            return
        try:
            yield self
        finally:
            for number, handler in zip(STOP_SIGNALS, previous, strict=True):
                signal.signal(number, handler)


NO_INTERRUPTS = Interrupts()  # never installed: `held()` is then a plain block


@contextmanager
def ignored() -> Iterator[None]:
    """Ignore both signals during the block: for work that must not stop half-way, such as renaming outputs."""
    try:
        previous: list[Any] = [signal.signal(number, signal.SIG_IGN) for number in STOP_SIGNALS]
    except ValueError:  # not the main thread: signals cannot be held, nor can they arrive here
        previous = []
    try:
        yield
    finally:
        for number, handler in zip(STOP_SIGNALS, previous, strict=False):
            signal.signal(number, handler)
