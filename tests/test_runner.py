"""The batch runner: ordered parallel chunks, identical output for any -j, bounded read-ahead, counters, shutdown."""

from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest

from cleaner import Cleaner, MatchTimeout
from cleaner.cli import main
from cleaner.interrupts import Interrupts
from cleaner.io.inputs import find_inputs, input_tasks
from cleaner.io.readers import Task
from cleaner.io.records import Fields
from cleaner.io.sources import UsageError
from cleaner.io.targets import plan_outputs
from cleaner.pool import HELD_PER_WORKER, tail_pieces
from cleaner.report import RunReport
from cleaner.runner import run_tasks
from cleaner.worker import Done, Settings, clean_task

from .batch_support import DUMPS, RULE_ARGS, fixture_cleaner, html_page, read_jsonl, small_records, write_warc
from .conftest import ROOT


def run(*args: str | Path) -> int:
    return main(["clean", *map(str, args), *RULE_ARGS])


def test_run_tasks_gives_the_same_results_in_input_order_for_any_worker_count() -> None:
    inputs = find_inputs([str(DUMPS / "small.jsonl")])
    settings = Settings("jsonl")
    outputs = []
    for workers in (1, 2):
        tasks = input_tasks(inputs, 1500, [0], Fields())
        done = list(run_tasks(tasks, fixture_cleaner(), settings, workers))
        assert len(done) > 4
        outputs.append([d.outputs for d in done])
    assert outputs[0] == outputs[1]


def test_run_tasks_reads_ahead_only_a_bounded_window_of_chunks() -> None:
    pulled = 0

    def tasks() -> Iterator[Task]:
        nonlocal pulled
        data = (DUMPS / "small.jsonl").read_bytes()
        for n in range(40):
            pulled += 1
            yield Task(0, "small.jsonl", n * 30 + 1, data)

    results = run_tasks(tasks(), fixture_cleaner(), Settings("jsonl", write_output=False), 2)
    next(results)
    assert pulled <= HELD_PER_WORKER * 2 + 1
    results.close()


_LATER_CHUNK_DONE: Any = None  # an Event shared with forked workers by the test below


def _first_chunk_waits_for_the_sixth(task: Task) -> Done:
    if task.first == 1:  # the first chunk finishes only once a later one has been cleaned (or after a minute)
        assert _LATER_CHUNK_DONE.wait(60), "no later chunk was handed out while the first was at work"
    done = clean_task(task)
    if task.first == 6:
        _LATER_CHUNK_DONE.set()
    return done


@pytest.mark.skipif(multiprocessing.get_start_method() != "fork", reason="the Event reaches workers by fork")
def test_a_slow_chunk_does_not_keep_the_other_worker_waiting(monkeypatch: pytest.MonkeyPatch) -> None:
    # With results written in input order, the runner once handed out a new chunk only when the oldest one was
    # done: a worker that finished early sat idle behind a slow chunk (here, for ever).
    global _LATER_CHUNK_DONE
    _LATER_CHUNK_DONE = multiprocessing.get_context("fork").Event()
    monkeypatch.setattr("cleaner.pool.clean_task", _first_chunk_waits_for_the_sixth)
    line = (DUMPS / "small.jsonl").read_bytes().split(b"\n")[0] + b"\n"
    tasks = [Task(0, "one.jsonl", n, line) for n in range(1, 13)]
    done = list(run_tasks(tasks, fixture_cleaner(), Settings("jsonl"), 2))
    assert [d.outputs for d in done] == [d.outputs for d in run_tasks(tasks, fixture_cleaner(), Settings("jsonl"), 1)]


def test_the_sites_a_run_names_past_its_limit_do_not_depend_on_the_chunks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Past MAX_SITES hosts, later ones are counted together; a chunk that kept its own limit would send a host the
    # run already names to "(other sites)" when it came after the limit inside that chunk.
    monkeypatch.setattr("cleaner.htmlreport.tally.MAX_SITES", 3)
    sites = []
    for size in ("100000", "700", "2500", "5000"):
        stats = tmp_path / f"stats{size}.json"
        assert run(DUMPS / "small.jsonl", "--dry-run", "-j", "1", "--chunk-bytes", size, "--stats", stats) == 0
        sites.append(orjson.loads(stats.read_bytes())["sites"])
    assert sites[1:] == [sites[0]] * 3
    assert "(other sites)" in sites[0] and len(sites[0]) == 4


def test_the_inputs_tail_is_cut_into_smaller_pieces_of_whole_lines_numbered_as_before() -> None:
    source = find_inputs([str(DUMPS / "small.jsonl")]).sources[0]
    whole = list(input_tasks(find_inputs([source.path]), 1000, [0], Fields()))
    total = os.path.getsize(source.path)
    cut = list(tail_pieces(iter(whole), "jsonl", total, 2, smallest=200))
    assert len(cut) > len(whole)
    assert b"".join(t.payload for t in cut) == b"".join(t.payload for t in whole)
    assert sum(t.raw_bytes for t in cut) == total
    line = 1
    for task in cut:
        assert task.first == line and task.payload.endswith(b"\n")
        line += task.payload.count(b"\n")
    # The pieces shrink towards the end; far from it, chunks stay whole.
    assert cut[0] == whole[0] and len(cut[-1].payload) < len(whole[-1].payload)
    assert list(tail_pieces(iter(whole), "jsonl", None, 2, smallest=200)) == whole  # size unknown (stdin)
    assert list(tail_pieces(iter(whole), "jsonl", total, 1, smallest=200)) == whole  # one worker: nothing to even


def test_output_is_byte_identical_for_one_and_two_workers_when_the_tail_is_cut_fine(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("cleaner.pool.MIN_PIECE", 100)
    produced = []
    for workers in ("1", "2"):
        out, log = tmp_path / f"out{workers}.jsonl", tmp_path / f"log{workers}.jsonl"
        assert run(DUMPS / "small.jsonl", "-o", out, "--log", log, "-j", workers, "--chunk-bytes", "4000") == 0
        produced.append((out.read_bytes(), log.read_bytes()))
    assert produced[0] == produced[1]


@pytest.mark.parametrize(
    ("name", "extra"),
    [
        ("small.jsonl", ["--log", "LOG.jsonl"]),
        ("broken.jsonl", ["--log", "LOG.jsonl.zst"]),
        ("in.parquet", ["--log", "LOG.parquet"]),
    ],
)
def test_output_is_byte_identical_for_one_and_two_workers(tmp_path: Path, name: str, extra: list[str]) -> None:
    source = DUMPS / name
    if name.endswith(".parquet"):
        import pyarrow as pa
        import pyarrow.parquet as pq

        source = tmp_path / name
        rows = [{k: v for k, v in r.items() if k != "meta"} for r in small_records()]
        pq.write_table(pa.Table.from_pylist(rows), source)
    suffix = "".join(source.suffixes)
    produced = []
    for workers in ("1", "2"):
        folder = tmp_path / f"j{workers}"
        folder.mkdir()
        log = [str(folder / arg) if arg.startswith("LOG") else arg for arg in extra]
        run(
            source,
            "-o",
            folder / f"out{suffix}",
            *log,
            "-j",
            workers,
            "--chunk-bytes",
            "1500",
            "--stats",
            folder / "stats.json",
        )
        produced.append({p.name: p.read_bytes() for p in folder.iterdir() if p.name != "stats.json"})
        stats = orjson.loads((folder / "stats.json").read_bytes())
        produced[-1]["counts"] = orjson.dumps({k: v for k, v in stats.items() if "second" not in k})
    assert produced[0] == produced[1]
    assert len(produced[0]) >= 3


def test_text_html_and_warc_runs_are_identical_for_one_and_two_workers(tmp_path: Path) -> None:
    records = small_records()[:8]
    (tmp_path / "texts").mkdir()
    (tmp_path / "pages").mkdir()
    for record in records:
        (tmp_path / "texts" / f"{record['id']}.txt").write_text(record["text"])
        (tmp_path / "pages" / f"{record['id']}.html").write_text(html_page(record["title"], record["text"]))
    write_warc(tmp_path / "crawl.warc", [(r["url"], html_page(r["title"], r["text"])) for r in records])
    for source, out in (("texts", "texts-out"), ("pages", "pages.jsonl"), ("crawl.warc", "crawl.jsonl")):
        for workers in ("1", "2"):
            assert run(tmp_path / source, "-o", tmp_path / workers / out, "-j", workers, "--chunk-bytes", "600") == 0
        one, two = tmp_path / "1" / out, tmp_path / "2" / out
        if one.is_dir():
            assert sorted(p.name for p in one.iterdir()) == sorted(p.name for p in two.iterdir())
            assert all((one / p.name).read_bytes() == (two / p.name).read_bytes() for p in one.iterdir())
        else:
            assert one.read_bytes() == two.read_bytes()
            assert len(read_jsonl(one)) == len(records)


def test_a_document_past_the_time_limit_is_set_aside_and_the_run_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    original = Cleaner.clean

    def clean_or_stall(self: Cleaner, text: str, **options: Any) -> Any:
        if "Lighthouse" in (options.get("title") or ""):
            raise MatchTimeout("related_link.any.also_read_line", 1.0)
        if "Ferry" in (options.get("title") or ""):
            raise RuntimeError("engine bug")
        return original(self, text, **options)

    monkeypatch.setattr(Cleaner, "clean", clean_or_stall)
    out = tmp_path / "out.jsonl"
    assert run(DUMPS / "small.jsonl", "-o", out, "-j", "1", "--stats", tmp_path / "stats.json") == 1
    rejects = read_jsonl(tmp_path / "out.jsonl.rejects.jsonl")
    lines = (DUMPS / "small.jsonl").read_bytes().splitlines()
    assert [r["reason"].split(":")[0] for r in rejects] == ["error", "time limit"]
    assert all(r["raw"] == lines[r["line"] - 1].decode() for r in rejects)
    assert len(read_jsonl(out)) == 28
    assert orjson.loads((tmp_path / "stats.json").read_bytes())["set_aside_reasons"] == {"error": 1, "time limit": 1}
    assert "set aside: 1 error, 1 time limit" in capsys.readouterr().err


def test_report_merges_counts_and_owns_the_exit_code() -> None:
    cleaner = fixture_cleaner()
    total = RunReport()
    for record in small_records()[:3]:
        part = RunReport()
        part.count_document(100, record["text"], cleaner.clean(record["text"]))
        total.merge(part)
    total.count_reject("not JSON", 10)
    assert (total.read, total.documents, total.rejected, total.bytes_in) == (4, 3, 1, 310)
    assert total.exit_code == 1
    assert sum(total.rule_removals.values()) == sum(total.removals.values()) > 0
    total.seconds = 2.0
    numbers = total.to_dict()
    assert numbers["mb_per_second"] == round(310 / 1e6 / 2, 3) and numbers["documents_per_second"] == 2.0
    assert RunReport().exit_code == 0 and RunReport(interrupted=True).exit_code == 130


def test_outputs_that_cannot_work_are_refused_before_anything_is_written(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("a")
    (tmp_path / "b.txt").write_text("b")
    texts = find_inputs([str(tmp_path / "a.txt"), str(tmp_path / "b.txt")])
    with pytest.raises(UsageError, match="FOLDER"):
        plan_outputs(texts, None)
    (tmp_path / "x.parquet").write_bytes(b"")
    with pytest.raises(UsageError, match="Parquet output"):
        plan_outputs(find_inputs([str(tmp_path / "x.parquet")]), "-")
    with pytest.raises(UsageError, match="overwritten"):
        plan_outputs(texts, str(tmp_path))
    assert sorted(os.listdir(tmp_path)) == ["a.txt", "b.txt", "x.parquet"]


@pytest.mark.parametrize("whom", ["parent", "process group"])
def test_sigterm_stops_a_parallel_run_and_leaves_no_output(tmp_path: Path, whom: str) -> None:
    # About 50 MB, so the run is still going when the signal comes.
    block = (DUMPS / "small.jsonl").read_bytes()
    (tmp_path / "big.jsonl").write_bytes(block * (50_000_000 // len(block)))
    command = [
        sys.executable,
        "-m",
        "cleaner",
        "clean",
        "big.jsonl",
        "-o",
        "out.jsonl",
        "--log",
        "log.jsonl",
        "-j",
        "2",
    ]
    process = subprocess.Popen(
        [*command, *RULE_ARGS],
        cwd=tmp_path,
        stderr=subprocess.PIPE,
        start_new_session=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    deadline = time.monotonic() + 30
    while not any(p.name.endswith(".part") for p in tmp_path.iterdir()) and time.monotonic() < deadline:
        time.sleep(0.05)
    # Soon after the first output file exists the pool starts and the first results come back: the moments
    # where a signal used to leave a worker or a half-written result behind and hang the run.
    time.sleep(0.3)
    assert process.poll() is None, "the run ended before it could be interrupted"
    if whom == "parent":
        process.send_signal(signal.SIGTERM)
    else:  # what `kill -TERM -<pgid>` or a service manager does: the workers get it too
        os.killpg(process.pid, signal.SIGTERM)
    _, err = process.communicate(timeout=30)
    assert process.returncode in (130, -signal.SIGTERM)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.jsonl"]
    if process.returncode == 130:
        assert b"interrupted after" in err and b"no output written" in err


def _die_in_worker(task: Task) -> None:
    os._exit(137)  # what the kernel's out-of-memory killer leaves: the worker gone, no exception, no result


def test_a_worker_that_dies_stops_the_run_with_a_clear_message_and_no_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("cleaner.pool.clean_task", _die_in_worker)
    (tmp_path / "in.jsonl").write_bytes((DUMPS / "small.jsonl").read_bytes())
    code = run(tmp_path / "in.jsonl", "-o", tmp_path / "out.jsonl", "--log", tmp_path / "log.jsonl", "-j", "2")
    assert code == 1
    assert "a worker process died" in capsys.readouterr().err
    assert sorted(os.listdir(tmp_path)) == ["in.jsonl"]


def test_a_stop_signal_inside_a_held_block_is_raised_when_the_block_ends() -> None:
    interrupts = Interrupts()
    steps = []
    with pytest.raises(KeyboardInterrupt), interrupts.installed():
        with interrupts.held():
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(0.01)  # the handler runs between bytecodes; it must only take note here
            steps.append("block ran to its end")
        steps.append("not reached")
    assert steps == ["block ran to its end"]
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL
