"""Where a `cleaner clean -jN` run spends its time: each worker's chunks (wall, CPU), gaps, end idle, the parent.

Usage: .venv/bin/python scripts/trace_workers.py IN.jsonl -o OUT.jsonl --log LOG.jsonl -j2 [other clean options]

Every chunk's `clean_task` is timed in the process that runs it (wall and CPU), so the figures hold for a loaded
machine too: "estimate" is what the run would take with a core for each worker (start-up + the busiest worker's
CPU). The first chunk of each worker carries its warm-up (word tables, pattern compiles, automata, fastText).
"""

from __future__ import annotations

import itertools
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

START = time.time()

import cleaner.pool  # noqa: E402 - the clock starts before the package is imported
from cleaner.cli import main  # noqa: E402
from cleaner.io.readers import Task  # noqa: E402
from cleaner.worker import Done, clean_task  # noqa: E402

TRACE = Path(tempfile.mkstemp(prefix="trace-", suffix=".jsonl")[1])


def timed(task: Task) -> Done:
    """clean_task, with its wall and CPU time appended to the trace (one line per chunk, any process)."""
    wall, cpu = time.time(), time.process_time()
    done = clean_task(task)
    row = [os.getpid(), task.first, wall - START, time.time() - START, time.process_time() - cpu]
    with TRACE.open("a") as trace:
        trace.write(json.dumps(row) + "\n")
    return done


timed.__module__ = "__main__"  # pickled by reference: forked workers find it in their own copy of this module


def report(rows: list[list[Any]], wall: float) -> None:
    """Print the figures of one run."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    workers: dict[int, list[list[Any]]] = {}
    for row in rows:
        workers.setdefault(row[0], []).append(row)
    parent = own.ru_utime + own.ru_stime
    if len(workers) == 1 and os.getpid() in workers:
        parent -= sum(r[4] for r in rows)  # -j1: the chunks ran in this process
    print(f"wall {wall:.2f} s   parent CPU besides chunks {parent:.2f} s   workers CPU {children.ru_utime:.2f} s user")
    ends, busiest = [], 0.0
    for pid, chunks in sorted(workers.items()):
        chunks.sort(key=lambda r: r[2])
        gaps = sum(max(0.0, b[2] - a[3]) for a, b in itertools.pairwise(chunks))
        cpu = sum(r[4] for r in chunks)
        busiest = max(busiest, cpu)
        ends.append(chunks[-1][3])
        print(
            f"  worker {pid}: {len(chunks)} chunks, first at {chunks[0][2]:.2f} s, last done {chunks[-1][3]:.2f} s, "
            f"CPU {cpu:.2f} s (first chunk {chunks[0][4]:.2f} s), gaps {gaps:.2f} s"
        )
    start = min(r[2] for r in rows)
    print(f"  end idle {max(ends) - min(ends):.2f} s   estimate with a core each: {start:.2f} + {busiest:.2f} s")


if __name__ == "__main__":
    TRACE.write_text("")
    cleaner.pool.clean_task = timed
    try:
        code = main(["clean", *sys.argv[1:], "-q"])
    finally:
        rows = [json.loads(line) for line in TRACE.read_text().splitlines()]
        TRACE.unlink()
    if rows:
        report(rows, time.time() - START)
    sys.exit(code)
