"""--resume: an interrupted or failed folder run keeps its finished files, and re-running the command completes it."""

from __future__ import annotations

import errno
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import cleaner.pool
from cleaner.cli import main
from cleaner.io.readers import Task
from cleaner.io.writers import AtomicFile
from cleaner.resume import JOURNAL_NAME
from cleaner.worker import Done

from .batch_support import DUMPS, RULE_ARGS
from .conftest import ROOT

PARTS = 5


def make_inputs(folder: Path) -> Path:
    """Five JSONL inputs (each with two records the fixture pack sets aside) under one folder."""
    source = folder / "in"
    source.mkdir()
    data = (DUMPS / "small.jsonl").read_bytes()
    for n in range(PARTS):
        (source / f"part{n}.jsonl").write_bytes(data + b'{"id": "broken", "text": \n' + data[:2000].rsplit(b"\n", 1)[0])
    return source


def run(source: Path, out: Path, *extra: str) -> int:
    # From the folder holding both, with relative names: the log names each record's input as given.
    os.chdir(out.parent)
    return main(["clean", source.name, "-o", f"{out.name}/", "--log", "log.jsonl", "-j", "1", *RULE_ARGS, *extra])


@pytest.fixture(autouse=True)
def _restore_cwd(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)


def listing(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def reference(tmp_path: Path) -> dict[str, bytes]:
    """What one uninterrupted run without --resume writes: outputs, log and rejects."""
    where = tmp_path / "reference"
    where.mkdir()
    source = make_inputs(where)
    assert run(source, where / "out") == 1  # some records are set aside
    shutil.rmtree(source)
    return listing(where)


def stop_at_source(monkeypatch: pytest.MonkeyPatch, index: int, error: BaseException) -> None:
    """Make the run fail (Ctrl-C, a full disk...) when it reaches the first chunk of input `index`."""
    original = cleaner.pool.clean_task

    def failing(task: Task) -> Done:
        if task.source == index:
            raise error
        return original(task)

    monkeypatch.setattr(cleaner.pool, "clean_task", failing)


def interrupted_run(where: Path, monkeypatch: pytest.MonkeyPatch, at: int, error: BaseException) -> tuple[Path, int]:
    """Inputs under `where/in`, and a --resume run into `where/out` that fails at input `at`; its exit status."""
    where.mkdir(exist_ok=True)
    source = make_inputs(where)
    with monkeypatch.context() as patch:
        stop_at_source(patch, at, error)
        return source, run(source, where / "out", "--resume")


@pytest.mark.parametrize(
    "error", [KeyboardInterrupt(), OSError(errno.ENOSPC, "No space left on device")], ids=["interrupt", "disk full"]
)
def test_an_interrupted_resumable_run_keeps_finished_files_and_a_rerun_completes_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, reference: dict[str, bytes], error: BaseException
) -> None:
    where, out = tmp_path / "run", tmp_path / "run" / "out"
    source, code = interrupted_run(where, monkeypatch, 3, error)
    assert code == (130 if isinstance(error, KeyboardInterrupt) else 1)
    # Inputs 0-2 are finished and under their final names; input 3 left nothing under its final name.
    assert sorted(p.name for p in out.iterdir()) == [JOURNAL_NAME, "part0.jsonl", "part1.jsonl", "part2.jsonl"]
    assert all(listing(out)[f"part{n}.jsonl"] == reference[f"out/part{n}.jsonl"] for n in range(3))
    assert not (where / "log.jsonl").exists()  # the log gets its name only when the whole job is done

    assert run(source, out, "--resume") == 1
    shutil.rmtree(source)
    assert listing(where) == reference  # byte for byte what one uninterrupted run writes; no journal left


def test_a_rerun_redoes_an_input_that_changed_since_it_was_finished(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    source, _ = interrupted_run(tmp_path, monkeypatch, 2, KeyboardInterrupt())
    out = tmp_path / "out"
    first = (source / "part0.jsonl").read_bytes().splitlines(keepends=True)
    (source / "part0.jsonl").write_bytes(b"".join(first[:3]))
    capsys.readouterr()
    assert run(source, out, "--resume") == 1
    assert "resumed: 1 input file already done in an earlier run, skipped" in capsys.readouterr().err
    assert len((out / "part0.jsonl").read_bytes().splitlines()) == 3


def test_resuming_with_other_rules_or_options_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    source, _ = interrupted_run(tmp_path, monkeypatch, 2, KeyboardInterrupt())
    out = tmp_path / "out"
    capsys.readouterr()
    assert run(source, out, "--resume", "--disable", "related_link.any.inline_parenthetical") == 2
    assert "cleaned with other rules or options" in capsys.readouterr().err
    assert run(source, out, "--resume", "--max-removed-share", "0.9") == 2


def test_a_torn_last_journal_line_means_that_input_is_done_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, reference: dict[str, bytes]
) -> None:
    where, out = tmp_path / "run", tmp_path / "run" / "out"
    source, _ = interrupted_run(where, monkeypatch, 3, KeyboardInterrupt())
    journal = out / JOURNAL_NAME
    journal.write_bytes(journal.read_bytes()[:-7])  # the crash came while the line for part2 was written
    assert run(source, out, "--resume") == 1
    shutil.rmtree(source)
    assert listing(where) == reference


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-o", "one.jsonl"], "--resume needs -o FOLDER"),
        (["-o", "out/", "--log", "log.jsonl.gz"], "uncompressed .jsonl --log"),
        (["-o", "out/", "--dry-run", "--log", "log.jsonl"], "cannot be combined with --dry-run"),
    ],
)
def test_resume_refuses_outputs_it_cannot_keep_per_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    source = make_inputs(tmp_path)
    assert main(["clean", str(source), *args, "--resume", *RULE_ARGS]) == 2
    assert message in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in"]


def test_a_full_disk_without_resume_leaves_no_output_and_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    source = make_inputs(tmp_path)
    written = [0]
    original = AtomicFile.write

    def filling(self: AtomicFile, data: bytes) -> None:
        written[0] += len(data)
        if written[0] > 30_000:
            raise OSError(errno.ENOSPC, "No space left on device")
        original(self, data)

    monkeypatch.setattr(AtomicFile, "write", filling)
    assert run(source, tmp_path / "out") == 1
    assert "No space left on device" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in"]  # no output, log or temp file; no empty folder


def hooked_cli(condition: str, action: str) -> str:
    """A `python -c` script: the cleaner's command line, with `action` run in clean_task when `condition` holds."""
    return f"""
import os, signal, sys, time
import cleaner.pool
original = cleaner.pool.clean_task
def hooked(task):
    if {condition}:
        {action}
    return original(task)
cleaner.pool.clean_task = hooked
from cleaner.cli import main
sys.exit(main(sys.argv[1:]))
"""


def resumable_run(where: Path, workers: str) -> tuple[list[str], dict[str, str]]:
    """Inputs under `where/in`; the arguments of a --resume run over them in small chunks, and its environment."""
    where.mkdir()
    make_inputs(where)
    args = ["clean", "in", "-o", "out/", "--log", "log.jsonl", "-j", workers, "--chunk-bytes", "4000", *RULE_ARGS]
    return [*args, "--resume"], {**os.environ, "PYTHONPATH": str(ROOT)}


def test_a_killed_worker_stops_the_run_cleanly_and_resume_finishes_the_job(
    tmp_path: Path, reference: dict[str, bytes]
) -> None:
    where = tmp_path / "run"
    args, env = resumable_run(where, "2")
    # A worker killed outright (the OOM killer) while cleaning.
    killer = hooked_cli("task.source == 2", "os.kill(os.getpid(), signal.SIGKILL)")
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-c", killer, *args], cwd=where, env=env, capture_output=True, timeout=120)
    assert time.monotonic() - started < 120
    assert done.returncode == 1, done.stderr.decode()
    assert b"a worker process died" in done.stderr
    # How many inputs before the dead worker's were written depends on which results came back first: with
    # two workers a finished chunk can still be in flight when the pool breaks. None after it is kept.
    kept = sorted(p.name for p in (where / "out").iterdir() if p.name != JOURNAL_NAME)
    assert kept in (["part0.jsonl", "part1.jsonl"], ["part0.jsonl"], [])
    assert (where / "out" / JOURNAL_NAME).exists()
    finish = subprocess.run([sys.executable, "-m", "cleaner", *args], cwd=where, env=env, timeout=120)
    assert finish.returncode == 1
    shutil.rmtree(where / "in")
    assert listing(where) == reference


def test_a_run_killed_outright_is_finished_by_resume_without_stale_files(
    tmp_path: Path, reference: dict[str, bytes]
) -> None:
    where = tmp_path / "run"
    args, env = resumable_run(where, "1")
    # Input 3's first chunk is in its temporary file when the whole run is killed.
    hold = hooked_cli(
        "task.source == 3 and task.first > 1", 'print("at 3", file=sys.stderr, flush=True); time.sleep(60)'
    )
    process = subprocess.Popen([sys.executable, "-c", hold, *args], cwd=where, env=env, stderr=subprocess.PIPE)
    assert process.stderr is not None
    assert process.stderr.readline() == b"at 3\n"
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    assert any(p.name.endswith(".part") for p in (where / "out").iterdir())  # what SIGKILL leaves behind
    finish = subprocess.run([sys.executable, "-m", "cleaner", *args], cwd=where, env=env, timeout=120)
    assert finish.returncode == 1
    shutil.rmtree(where / "in")
    assert listing(where) == reference
    assert not any(p.name.endswith(".part") for p in where.rglob(".*"))
