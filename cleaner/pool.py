"""Chunks through worker processes: results in input order, workers kept fed, the input's tail cut finer."""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Generator, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait

from .engine import Cleaner
from .interrupts import NO_INTERRUPTS, Interrupts
from .io.formats import FORMATS
from .io.readers import Task
from .worker import Done, Settings, clean_task, start_worker

# Chunks handed to the pool and not yet finished, per worker: one at work and one waiting, so that a worker that
# finishes finds its next chunk already in its queue (a chunk is about 2 MB: a fraction of a second to seconds).
BUSY_PER_WORKER = 2
# Finished chunks may wait for a slower one before them (results are written in input order); with those, at most
# this many chunks per worker are held at once, which bounds the memory a run takes whatever the input's size.
HELD_PER_WORKER = 4
# The tail: once less than TAIL_SHARES x workers chunks' worth of input is left, each chunk is cut into pieces of
# about remaining / (TAIL_SHARES x workers) bytes, so that the workers run out of work at nearly the same moment
# instead of one of them cleaning a last whole chunk alone. Pieces are not cut smaller than MIN_PIECE.
TAIL_SHARES = 4
MIN_PIECE = 64 << 10


def tail_pieces(
    tasks: Iterable[Task], fmt: str, total: int | None, workers: int, smallest: int | None = None
) -> Iterator[Task]:
    """The tasks, with those near the input's end cut into smaller pieces (formats that can cut theirs: JSONL).

    `total`: the input files' size in bytes (None: unknown, standard input; nothing is cut). Task.raw_bytes counts
    the same bytes, so the input left is known before each task. Cutting changes no output: each piece holds whole
    records, numbered as before, and results are written in input order.
    """
    left = total
    for task in tasks:
        if left is None or workers < 2:
            yield task
            continue
        piece = max(smallest or MIN_PIECE, left // (TAIL_SHARES * workers))
        left -= task.raw_bytes
        if task.raw_bytes <= piece:
            yield task
            continue
        yield from FORMATS[fmt].split(task, -(-task.raw_bytes // piece))


def input_size(paths: Iterable[str]) -> int | None:
    """The input files' size in bytes (None when one of them is standard input)."""
    paths = list(paths)
    if any(p == "-" for p in paths):
        return None
    return sum(os.path.getsize(p) for p in paths)


def run_tasks(
    tasks: Iterable[Task], cleaner: Cleaner, settings: Settings, workers: int, interrupts: Interrupts = NO_INTERRUPTS
) -> Generator[Done, None, None]:
    """Clean chunks in input order: inline with one worker, else in a pool that keeps every worker fed."""
    if workers <= 1:
        start_worker(cleaner, settings, in_pool=False)
        for task in tasks:
            yield clean_task(task)
        return
    context = multiprocessing.get_context()
    stop = context.Event()
    parent = os.getpid() if context.get_start_method() == "fork" else None  # else a fork server is the parent
    # The Cleaner goes to each worker once (initializer); chunks carry only raw bytes.
    with interrupts.held():
        pool = ProcessPoolExecutor(
            workers, mp_context=context, initializer=start_worker, initargs=(cleaner, settings, True, stop, parent)
        )
    held: deque[Future[Done]] = deque()  # in input order: chunks at work, waiting, or finished and not yet written
    pending = iter(tasks)
    more = True
    try:
        while True:
            # Read ahead only while workers lack work and the held results stay bounded (not Pool.imap, which reads
            # the whole input ahead while workers are busy).
            while more and len(held) < HELD_PER_WORKER * workers and _busy(held) < BUSY_PER_WORKER * workers:
                chunk = next(pending, None)
                if chunk is None:
                    more = False
                else:
                    with interrupts.held():
                        held.append(pool.submit(clean_task, chunk))
            if not held:
                return
            if held[0].done() or not more or len(held) >= HELD_PER_WORKER * workers:
                yield held.popleft().result()
            else:
                # The oldest chunk is still at work: when any other finishes, its worker needs a new chunk.
                wait([f for f in held if not f.done()], return_when=FIRST_COMPLETED)
    except BaseException:
        # Ctrl-C, SIGTERM or a --strict stop: the chunks in flight will be thrown away, so the workers drop them
        # at their next document. Killing a worker instead could cut a result half-written into the pool's
        # result pipe, and the pool would then wait forever for its end.
        stop.set()
        raise
    finally:
        with interrupts.held():
            pool.shutdown(wait=True, cancel_futures=True)


def _busy(held: deque[Future[Done]]) -> int:
    return sum(not f.done() for f in held)
