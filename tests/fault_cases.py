"""The rows of the fault matrix (issue 14): each builds its damaged input and says what a run must do with it."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import orjson

from .batch_support import DUMPS
from .fault_data import (
    COMPRESS,
    FAILING_RULES,
    SITE_RULES,
    cut,
    html_page,
    jsonl,
    lenient,
    members,
    records,
    warc_pages_before,
)


@dataclass
class Case:
    """A command (after `cleaner clean`, before `-j`), its exit status, the words its messages must hold, and
    the records it must read (None: a usage error, nothing is read).
    """

    args: list[str]
    code: int
    names: list[str]
    records_in: int | None
    written: int | None = None  # when the oracle knows it exactly
    out: Path | None = None  # counted against "N written"
    stdin: bytes | None = None
    untouched: list[Path] = field(default_factory=list)  # files the run must leave byte for byte
    check: Callable[[], None] | None = None


def _plain(tmp: Path, rows: int = 12, name: str = "in.jsonl") -> Path:
    path = tmp / name
    path.write_bytes(jsonl(records(rows)))
    return path


def truncated_jsonl(kind: str) -> Callable[[Path], Case]:
    def build(tmp: Path) -> Case:
        source = tmp / f"dump.jsonl{kind}"
        source.write_bytes(members(jsonl(records(60)), kind))
        cut(source, 0.7)
        whole = lenient(source.read_bytes(), kind).count(b"\n")
        out = tmp / "out.jsonl"
        return Case([str(source), "-o", str(out)], 1, [source.name, "truncated"], whole + 1, whole, out)

    return build


def empty_compressed(kind: str) -> Callable[[Path], Case]:
    def build(tmp: Path) -> Case:
        source = tmp / f"dump.jsonl{kind}"
        source.write_bytes(b"")
        out = tmp / "out.jsonl"
        return Case([str(source), "-o", str(out)], 1, [source.name, "empty"], 1, 0, out)

    return build


def truncated_text_zst(tmp: Path) -> Case:
    source = tmp / "article.txt.zst"
    source.write_bytes(COMPRESS[".zst"](((records(1)[0]["text"] + "\n") * 400).encode()))
    cut(source, 0.5)
    return Case([str(source), "-o", str(tmp / "out.txt")], 1, [source.name, "truncated"], 1, 0)


def truncated_warc(tmp: Path) -> Case:
    from .batch_support import write_warc

    source = tmp / "crawl.warc.gz"
    body = "\n\n".join(f"Paragraph {k} of a long enough story about the harbour board and its fees." for k in range(3))
    pages = [(f"https://news.example/{n}", html_page(f"Story {n}", body).decode()) for n in range(6)]
    write_warc(source, pages)
    cut(source, 0.75)
    before = warc_pages_before(source, source.stat().st_size)
    out = tmp / "out.jsonl"
    return Case([str(source), "-o", str(out)], 1, [source.name, "truncated"], before + 1, before, out)


def bad_parquet(content: bytes) -> Callable[[Path], Case]:
    def build(tmp: Path) -> Case:
        source = tmp / "part-0.parquet"
        source.write_bytes(content)
        return Case([str(source), "-o", str(tmp / "out.parquet")], 1, [source.name, "Parquet"], 1, 0)

    return build


def folder_of_record_files(tmp: Path) -> Case:
    folder = tmp / "shards"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "a.ndjson.gz").write_bytes(COMPRESS[".gz"](jsonl(records(3))))
    (folder / "b.json.gz").write_bytes(COMPRESS[".gz"](jsonl(records(4))))
    (folder / "C.JSONL").write_bytes(jsonl(records(5)))
    (folder / "notes.csv").write_text("id,text\n")
    out = tmp / "out"
    return Case([str(folder), "-o", f"{out}/"], 0, ["notes.csv", "not taken"], 12, 12, out)


def collision(option: str, target: str) -> Callable[[Path], Case]:
    """An output option naming the input, the -o file, or a link to the input."""

    def build(tmp: Path) -> Case:
        source = _plain(tmp)
        os.symlink(source, tmp / "link.jsonl")
        paths = {"input": source, "link": tmp / "link.jsonl", "output": tmp / "out.jsonl"}
        args = [str(source), "-o", str(tmp / "out.jsonl"), option, str(paths[target])]
        return Case(args, 2, [str(paths[target]), "overwritten"], None, untouched=[source])

    return build


def clashing_fields(prefix: str | None) -> Callable[[Path], Case]:
    def build(tmp: Path) -> Case:
        rows = records(6)
        for row in rows[:2]:
            row["truncated"] = "user's own"
        for row in rows:
            row["removals"] = [{"start": 0, "end": 3}]  # the user's list: not a clash, kept as it is
        source = tmp / "in.jsonl"
        source.write_bytes(jsonl(rows))
        out = tmp / "out.jsonl"
        extra = ["--added-prefix", "cleaner_"] if prefix else []

        def check() -> None:
            written = [orjson.loads(line) for line in out.read_bytes().splitlines()]
            assert all(w["removals"] == [{"start": 0, "end": 3}] for w in written)
            count = "cleaner_removal_count" if prefix else "removal_count"
            assert all(w[count] == 1 for w in written)
            if prefix:
                assert [w["truncated"] for w in written[:2]] == ["user's own"] * 2

        if prefix:
            return Case([str(source), "-o", str(out), *extra], 0, [], 6, 6, out, check=check)
        return Case([str(source), "-o", str(out)], 1, ["'truncated'", "--added-prefix"], 6, 4, out, check=check)

    return build


def converted(source_suffix: str, out_suffix: str) -> Callable[[Path], Case]:
    def build(tmp: Path) -> Case:
        source = _plain(tmp, 9)
        if source_suffix == ".parquet":
            import pyarrow as pa
            import pyarrow.parquet as pq

            pq.write_table(pa.Table.from_pylist(records(9)), tmp / "in.parquet")
            source = tmp / "in.parquet"
        out = tmp / f"out{out_suffix}"
        return Case([str(source), "-o", str(out)], 0, [], 9, 9, out)

    return build


def refused_suffix(option: str, name: str) -> Callable[[Path], Case]:
    def build(tmp: Path) -> Case:
        source = _plain(tmp)
        out = ["-o", str(tmp / "out.jsonl")] if option != "-o" else []
        args = [str(source), *out, option, str(tmp / name)]
        return Case(args, 2, [name], None, untouched=[source])

    return build


def stdin_sniffed(data: bytes, out_name: str, records_in: int, code: int = 0) -> Callable[[Path], Case]:
    def build(tmp: Path) -> Case:
        out = tmp / out_name
        counted = out if out_name.endswith(".jsonl") else None
        names = ["--format"] if code else []
        return Case(["-", "-o", str(out)], code, names, records_in if not code else None, records_in, counted, data)

    return build


def bad_input_rows(tmp: Path) -> Case:
    lines = (DUMPS / "broken.jsonl").read_bytes().splitlines()
    read = sum(1 for line in lines if line.strip())
    return Case(
        [str(DUMPS / "broken.jsonl"), "-o", str(tmp / "out.jsonl")], 1, ["broken.jsonl"], read, None, tmp / "out.jsonl"
    )


def resume_past_damage(tmp: Path) -> Case:
    folder = tmp / "in"
    folder.mkdir()
    (folder / "a.jsonl.gz").write_bytes(members(jsonl(records(30)), ".gz"))
    cut(folder / "a.jsonl.gz", 0.5)
    (folder / "b.jsonl").write_bytes(jsonl(records(5)))
    whole = lenient((folder / "a.jsonl.gz").read_bytes(), ".gz").count(b"\n")
    out = tmp / "out"
    return Case([str(folder), "-o", f"{out}/", "--resume"], 1, ["a.jsonl.gz"], whole + 6, whole + 5, out)


def site_rules(tmp: Path) -> list[str]:
    (tmp / "site.yaml").write_text(SITE_RULES, encoding="utf-8")
    return ["--no-default-rules", "--rules", str(tmp / "site.yaml")]


def failing_rules(tmp: Path) -> list[str]:
    (tmp / "bad.yaml").write_text(FAILING_RULES, encoding="utf-8")
    return ["--no-default-rules", "--rules", str(tmp / "bad.yaml")]
