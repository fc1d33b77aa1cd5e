"""The fault matrix of issue 14: every row of damage and misuse, through the CLI with -j 1 and -j 2.

For each case: the exit status; that the messages (stderr and the reject file) name the file and the fault;
and that the records add up: records read = records written + records set aside, with no record lost.
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from cleaner import Cleaner
from cleaner.cli import main
from cleaner.languages import UnknownLanguage

from . import fault_cases as rows
from . import fault_fields as more
from .batch_support import RULE_ARGS
from .conftest import ROOT
from .fault_data import SITE_RULES, count_records, jsonl, records
from .test_resume import hooked_cli

SUMMARY = re.compile(
    r"([\d,]+) records? read, ([\d,]+) (?:written|cleaned \(a dry run: not written\)), ([\d,]+) set aside"
)

CASES: dict[str, Callable[[Path], rows.Case]] = {
    **{f"truncated-jsonl{kind}": rows.truncated_jsonl(kind) for kind in (".zst", ".gz", ".bz2", ".xz")},
    "truncated-txt.zst": rows.truncated_text_zst,
    "truncated-warc.gz": rows.truncated_warc,
    **{f"empty-jsonl{kind}": rows.empty_compressed(kind) for kind in (".bz2", ".xz", ".gz", ".zst")},
    "corrupt-parquet": rows.bad_parquet(b"PAR1 this is not a parquet file PAR1"),
    "empty-parquet": rows.bad_parquet(b""),
    "folder-ndjson-json-upper-case": rows.folder_of_record_files,
    "log-is-input": rows.collision("--log", "input"),
    "rejects-is-input": rows.collision("--rejects", "input"),
    "stats-is-input": rows.collision("--stats", "input"),
    "log-is-output": rows.collision("--log", "output"),
    "log-links-to-input": rows.collision("--log", "link"),
    "output-links-to-input": rows.collision("-o", "link"),
    "field-clash-refused": rows.clashing_fields(None),
    "field-clash-renamed": rows.clashing_fields("cleaner_"),
    "parquet-to-jsonl": rows.converted(".parquet", ".jsonl"),
    "jsonl-to-parquet": rows.converted(".jsonl", ".parquet"),
    "jsonl-to-jsonl.zst": rows.converted(".jsonl", ".jsonl.zst"),
    "output-csv-refused": rows.refused_suffix("-o", "out.csv"),
    "log-csv-refused": rows.refused_suffix("--log", "log.csv"),
    "output-parquet.gz-refused": rows.refused_suffix("-o", "out.parquet.gz"),
    "stdin-jsonl-sniffed": rows.stdin_sniffed(b'{"id": 1, "text": "A."}\n{"id": 2, "text": "B."}\n', "out.jsonl", 2),
    "stdin-text-sniffed": rows.stdin_sniffed(b"One text.\n\nAlso read: X\n", "out.txt", 1),
    "stdin-compressed-refused": rows.stdin_sniffed(b"\x1f\x8b\x08\x00rest", "out.jsonl", 0, code=2),
    "bad-records": rows.bad_input_rows,
    "resume-past-damage": rows.resume_past_damage,
    "html-canonical-url-and-title": more.html_metadata(given_url=False),
    "html-given-url": more.html_metadata(given_url=True),
    "nested-field-paths": more.nested_fields,
    "big-int-and-lone-surrogate": more.exact_values,
    "parquet-binary-id-log": more.parquet_ids("binary"),
    "parquet-decimal-id-log": more.parquet_ids("decimal"),
    "rules-failing-examples-refused": more.rule_pack_refused,
    "short-documents-flagged": more.short_documents_flagged,
    "lang-flores-code": more.language("deu_Latn", ok=True),
    "lang-unknown-code": more.language("xx_Fake", ok=False),
    "write-error-missing-folder": more.write_error("folder"),
    "write-error-full-disk-gzip": more.write_error("gzip"),
    "write-error-parquet": more.write_error("parquet"),
    "gzip-output-reproducible": more.reproducible_gzip,
}
NEEDS_RULES = ("--rules", "--no-default-rules")


def _feed_stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    stream = io.TextIOWrapper(io.BufferedReader(io.BytesIO(data)))
    monkeypatch.setattr(sys, "stdin", stream)


@pytest.mark.parametrize("workers", ["1", "2"])
@pytest.mark.parametrize("name", CASES)
def test_fault_matrix(
    name: str, workers: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    case = CASES[name](tmp_path)
    before = {path: path.read_bytes() for path in case.untouched}
    if case.stdin is not None:
        _feed_stdin(monkeypatch, case.stdin)
    if name.startswith("write-error-"):
        more.patch_write_error(name.removeprefix("write-error-").split("-")[-1], monkeypatch)
    rules = [] if any(arg in NEEDS_RULES for arg in case.args) else RULE_ARGS
    monkeypatch.chdir(tmp_path)
    code = main(["clean", *case.args, "-j", workers, *rules])
    err = capsys.readouterr().err
    rejects = "".join(p.read_text(encoding="utf-8", errors="replace") for p in tmp_path.rglob("*rejects.jsonl"))
    assert code == case.code, err
    assert "Traceback" not in err and ".part" not in err
    for word in case.names:
        assert word in err + rejects, f"{word!r} not named in:\n{err}{rejects}"
    for path, data in before.items():
        assert path.read_bytes() == data, f"{path} was changed"
    found = SUMMARY.search(err)
    if case.records_in is None:
        assert found is None, err
    else:
        assert found is not None, err
        read, written, aside = (int(n.replace(",", "")) for n in found.groups())
        assert read == written + aside == case.records_in, err
        assert len(rejects.splitlines()) == aside
        if case.written is not None:
            assert written == case.written, err
        if case.out is not None:
            assert count_records(case.out) == written
    if case.check is not None:
        case.check()


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "cleaner", "clean", *args, *RULE_ARGS]


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT)}


@pytest.mark.parametrize("workers", ["1", "2"])
def test_a_broken_pipe_ends_the_run_quietly_with_the_sigpipe_status(tmp_path: Path, workers: str) -> None:
    source = tmp_path / "in.jsonl"
    source.write_bytes(jsonl(records(3000)))
    command = _cli(str(source), "-o", "-", "-j", workers, "--chunk-bytes", "4000")
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=tmp_path, env=_env())
    assert process.stdout is not None and process.stderr is not None
    assert process.stdout.readline().startswith(b'{"id":"r0"')
    process.stdout.close()  # as `| head -1` does
    error = process.stderr.read()
    assert process.wait(timeout=60) == 141
    assert error == b""  # no traceback, no message
    assert os.listdir(tmp_path) == ["in.jsonl"]  # no reject file, no temporary file


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(child) for child in (task / "children").read_text().split()]
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state not in ("Z", "X")


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads worker pids from /proc (Linux)")
def test_workers_exit_when_the_parent_is_killed_outright(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_bytes(jsonl(records(400)))
    slow = hooked_cli("True", "time.sleep(60)")  # every chunk takes a minute: the run is mid-way when killed
    args = ["clean", str(source), "-o", str(tmp_path / "out.jsonl"), "-j", "2", "--chunk-bytes", "2000", *RULE_ARGS]
    parent = subprocess.Popen([sys.executable, "-c", slow, *args], cwd=tmp_path, env=_env(), stderr=subprocess.PIPE)
    deadline = time.monotonic() + 30
    while len(workers := _children(parent.pid)) < 2 and time.monotonic() < deadline:
        time.sleep(0.1)
    assert len(workers) >= 2
    parent.kill()  # SIGKILL, as the OOM killer does
    parent.wait(timeout=10)
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(_alive(pid) for pid in workers)


def test_the_library_takes_one_rule_path_as_a_str_or_path_and_checks_lang(tmp_path: Path) -> None:
    rules = tmp_path / "site.yaml"
    rules.write_text(SITE_RULES, encoding="utf-8")
    for given in (str(rules.resolve()), rules.resolve()):
        cleaner = Cleaner(given, defaults=False)
        assert sorted(r.id for r in cleaner.rules) == ["related_link.de.lesen_sie_auch", "wrapper.any.harbour_promo"]
    text = "Die Fähre fährt.\n\nLesen Sie auch: Neue Fähre ab Kiel\n\nEnde."
    assert [r.rule for r in cleaner.clean(text, lang="deu_Latn").removals] == ["related_link.de.lesen_sie_auch"]
    assert cleaner.clean(text, lang="en").removals == ()
    with pytest.raises(TypeError, match="lang must be a str"):
        cleaner.clean(text, lang=["de"])  # type: ignore[arg-type]
    with pytest.raises(UnknownLanguage, match="xx_Fake"):
        cleaner.clean(text, lang="xx_Fake")
    with pytest.raises(TypeError, match="rules must be paths"):
        Cleaner([3], defaults=False)  # type: ignore[list-item]


def test_a_folder_diff_names_the_files_it_did_not_take(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    case = rows.folder_of_record_files(tmp_path)
    assert main(["diff", case.args[0], "--color", "never", *RULE_ARGS]) == 0
    assert "not taken: " in capsys.readouterr().err.splitlines()[-1]
