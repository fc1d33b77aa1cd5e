"""Readers and writers of the batch command: compression, formats, chunking, record decoding, atomic files."""

from __future__ import annotations

import base64
import io
import os
from pathlib import Path

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.io.compress import COMPRESSIONS, open_read, open_write, sniff_compression
from cleaner.io.formats import detect_format
from cleaner.io.inputs import find_inputs
from cleaner.io.readers import file_tasks, jsonl_tasks, read_line_chunks
from cleaner.io.records import Doc, Fields, Reject, decode_jsonl
from cleaner.io.sources import UsageError
from cleaner.io.writers import AtomicFile, LazyFile, Outputs

from .batch_support import DUMPS

TEXT = "Zeile eins – ünïcödé\n" * 500


@pytest.mark.parametrize("suffix", ["", *COMPRESSIONS])
def test_open_write_then_open_read_round_trips_every_compression(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"data.jsonl{suffix}"
    with open_write(path, suffix or None) as handle:
        handle.write(TEXT.encode())
    if suffix:
        assert path.read_bytes() != TEXT.encode()
    with open_read(path) as file:
        assert file.stream.read() == TEXT.encode()
        assert file.raw_position() == path.stat().st_size


@pytest.mark.parametrize("suffix", COMPRESSIONS)
def test_standard_input_is_decompressed_by_its_magic_number(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"x{suffix}"
    with open_write(path, suffix) as handle:
        handle.write(b"{}\n")
    assert sniff_compression(io.BufferedReader(io.BytesIO(path.read_bytes()))) == suffix
    assert sniff_compression(io.BufferedReader(io.BytesIO(b'{"a": 1}'))) is None


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("a.txt", "text"),
        ("dump.jsonl", "jsonl"),
        ("dump.JSONL.GZ", "jsonl"),
        ("dump.ndjson.zst", "jsonl"),
        ("part-0.parquet", "parquet"),
        ("page.htm", "html"),
        ("page.html.gz", "html"),
        ("CC-MAIN-1.warc.gz", "warc"),
        ("README", None),
    ],
)
def test_format_is_told_by_the_name(name: str, fmt: str | None) -> None:
    assert detect_format(name) == fmt


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.binary(max_size=12).map(lambda b: b.replace(b"\n", b"")), max_size=30),
    st.integers(1, 40),
    st.booleans(),
)
def test_line_chunks_hold_whole_lines_in_order_and_number_them(lines: list[bytes], size: int, final: bool) -> None:
    data = b"\n".join(lines) + (b"\n" if final and lines else b"")
    chunks = list(read_line_chunks(io.BytesIO(data), size))
    assert b"".join(chunk for _, chunk in chunks) == data
    line = 1
    for first, chunk in chunks:
        assert first == line
        assert chunk.endswith(b"\n") or chunk is chunks[-1][1]
        line += chunk.count(b"\n")


def test_jsonl_tasks_cut_a_gzipped_dump_into_numbered_chunks() -> None:
    source = find_inputs([str(DUMPS / "small.jsonl.gz")]).sources[0]
    tasks = list(jsonl_tasks(source, 4000))
    assert len(tasks) > 2
    assert b"".join(t.payload for t in tasks) == (DUMPS / "small.jsonl").read_bytes()
    assert tasks[0].first == 1
    assert sum(t.raw_bytes for t in tasks) == (DUMPS / "small.jsonl.gz").stat().st_size


def test_an_empty_file_still_gives_one_chunk(tmp_path: Path) -> None:
    (tmp_path / "empty.jsonl").write_bytes(b"")
    assert [t.payload for t in jsonl_tasks(find_inputs([str(tmp_path / "empty.jsonl")]).sources[0], 100)] == [b""]


def test_find_inputs_searches_folders_recursively_with_a_glob(tmp_path: Path) -> None:
    for name in ["b.txt", "sub/a.txt", "sub/deeper/c.txt", "notes.md", "sub/d.jsonl"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    with pytest.raises(UsageError, match="several formats"):
        find_inputs([str(tmp_path)])
    inputs = find_inputs([str(tmp_path)], forced="text")
    assert inputs.format == "text" and inputs.tree
    assert [s.rel.as_posix() for s in inputs.sources] == ["b.txt", "sub/a.txt", "sub/deeper/c.txt"]
    by_glob = find_inputs([str(tmp_path)], glob="*.jsonl")
    assert by_glob.format == "jsonl" and [s.rel.as_posix() for s in by_glob.sources] == ["sub/d.jsonl"]
    quoted = find_inputs([str(tmp_path / "sub" / "*.txt")])
    assert [s.rel.as_posix() for s in quoted.sources] == ["a.txt"] and not quoted.tree


def test_find_inputs_refuses_missing_files_and_mixed_formats(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text("{}")
    (tmp_path / "b.txt").write_text("x")
    with pytest.raises(UsageError, match="no such file"):
        find_inputs([str(tmp_path / "missing.jsonl")])
    with pytest.raises(UsageError, match="several formats"):
        find_inputs([str(tmp_path / "a.jsonl"), str(tmp_path / "b.txt")])
    with pytest.raises(UsageError, match="no input files"):
        find_inputs([str(tmp_path)], forced="parquet")


def test_file_tasks_group_small_files_up_to_the_chunk_size(tmp_path: Path) -> None:
    for n in range(5):
        (tmp_path / f"{n}.txt").write_bytes(b"x" * 100)
    tasks = list(file_tasks(find_inputs([str(tmp_path)]).sources, 250))
    assert [len(t.payload) for t in tasks] == [3, 2]
    assert [item[0] for t in tasks for item in t.payload] == [0, 1, 2, 3, 4]


def test_decode_jsonl_sets_aside_each_kind_of_bad_line_with_its_exact_bytes() -> None:
    lines = (DUMPS / "broken.jsonl").read_bytes().split(b"\n")[:-1]
    items = list(decode_jsonl((DUMPS / "broken.jsonl").read_bytes(), 1, "broken.jsonl", Fields(), None))
    kinds = [item.kind if isinstance(item, Reject) else "ok" for item in items]
    assert kinds == [
        "ok",
        "not JSON",
        "ok",
        "not an object",
        "missing field",
        "ok",
        "not a string",
        "invalid UTF-8",
        "ok",
    ]
    for item in items:
        assert item.raw == lines[item.line - 1]
        if isinstance(item, Reject):
            entry = orjson.loads(item.to_json())
            assert entry["source"] == "broken.jsonl" and entry["line"] == item.line
            assert entry["reason"].startswith(item.kind)
            restored = base64.b64decode(entry["raw_base64"]) if "raw_base64" in entry else entry["raw"].encode()
            assert restored == lines[item.line - 1]


def test_decode_jsonl_reads_the_configured_fields_and_numbers_records_without_an_id() -> None:
    data = b'{"body": "Hello.", "link": "https://a.example/x", "headline": "H", "language": "de"}\n\n{"body": "x"}'
    docs = list(decode_jsonl(data, 10, "s", Fields(text="body", url="link", title="headline", lang="language"), "en"))
    assert all(isinstance(d, Doc) for d in docs)
    first, second = docs
    assert isinstance(first, Doc) and isinstance(second, Doc)
    assert (first.id, first.text, first.url, first.title, first.lang) == (
        10,
        "Hello.",
        "https://a.example/x",
        "H",
        "de",
    )
    assert (second.id, second.lang) == (12, "en")


def test_atomic_file_appears_only_on_commit_and_leaves_nothing_on_discard(tmp_path: Path) -> None:
    kept = AtomicFile(tmp_path / "out.jsonl.gz")
    kept.write(b"data\n")
    assert not (tmp_path / "out.jsonl.gz").exists()
    kept.commit()
    with open_read(tmp_path / "out.jsonl.gz") as file:
        assert file.stream.read() == b"data\n"
    dropped = AtomicFile(tmp_path / "other.jsonl")
    dropped.write(b"half")
    dropped.discard()
    assert sorted(os.listdir(tmp_path)) == ["out.jsonl.gz"]


def test_lazy_file_is_created_only_when_written(tmp_path: Path) -> None:
    LazyFile(tmp_path / "none.jsonl").commit()
    assert not (tmp_path / "none.jsonl").exists()
    eager = LazyFile(tmp_path / "eager.jsonl", eager=True)
    eager.commit()
    assert (tmp_path / "eager.jsonl").read_bytes() == b""


def test_mirrored_outputs_are_renamed_together_or_removed_with_their_new_folders(tmp_path: Path) -> None:
    targets = {0: tmp_path / "out" / "a.txt", 1: tmp_path / "out" / "sub" / "b.txt"}
    outputs = Outputs(AtomicFile, targets, None)
    outputs.write(0, b"A")
    outputs.write(1, b"B")
    assert not targets[0].exists()
    outputs.discard()
    assert os.listdir(tmp_path) == []
    outputs = Outputs(AtomicFile, targets, None)
    outputs.write(0, b"A")
    outputs.write(1, b"B")
    outputs.commit()
    assert targets[0].read_bytes() == b"A" and targets[1].read_bytes() == b"B"


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(COMPRESSIONS), st.integers(1, 6), st.floats(0, 1), st.sampled_from([1, 97, 4096]))
def test_a_cut_compressed_file_gives_a_prefix_of_its_data_then_damage(
    kind: str, parts: int, share: float, size: int
) -> None:
    from cleaner.io.decompress import DamagedInput, DecompressingReader

    from .fault_data import COMPRESS

    pieces = [(f"part {n} " * 50 + "\n").encode() for n in range(parts)]
    members = [COMPRESS[kind](piece) for piece in pieces]
    data = b"".join(members)
    cut = int(len(data) * share)
    ends = {sum(len(m) for m in members[: k + 1]) for k in range(parts)}
    reader = DecompressingReader(io.BytesIO(data[:cut]), kind)
    got = bytearray()
    try:
        while block := reader.read(size):
            got += block
            assert len(got) <= sum(map(len, pieces)), "never more than the data (a member read twice)"
    except DamagedInput as damage:
        assert cut not in ends and damage.offset == cut
    else:
        assert cut in ends, "a cut inside a member must not end silently"
    assert b"".join(pieces).startswith(bytes(got))
    complete = sum(len(p) for p, m in zip(pieces, members, strict=True) if data.index(m) + len(m) <= cut)
    assert len(got) >= complete  # every whole member before the cut is read
    if cut == len(data):
        assert bytes(got) == b"".join(pieces)
