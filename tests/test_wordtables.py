"""Word tables stored in the user's cache: read back with the same lookups, rebuilt when missing, stale or damaged."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from cleaner import wordtables
from cleaner.wordtables import Tables, load, read_list

msgpack = pytest.importorskip("msgpack")

# An invented list in wordfreq's `cB` format: a header, then the words of each bucket (bucket i: 10 ** (-i / 100)).
BUCKETS = {
    150: ["the", "harbour"],
    420: ["ferry", "ferries", "harbourmaster"],
    600: ["quay"],
    601: ["quayside"],
    720: ["harbourmasters", "négociati", "ferryman"],
    800: ["zymurgy", "harbourmaster"],  # listed twice: the commonest bucket answers
}
PROBES = ["the", "harbour", "harbourmaster", "quay", "quayside", "ferryman", "négociati", "zymurgy", "dock", ""]


def _write_list(path: Path, buckets: dict[int, list[str]]) -> Path:
    lists = [buckets.get(bucket, []) for bucket in range(max(buckets) + 1)]
    path.write_bytes(gzip.compress(msgpack.packb([{"format": "cB"}, *lists])))
    return path


def _lookups(tables: Tables) -> list[tuple[int | None, int | None]]:
    common, rare = tables
    return [(common.bucket(word.encode()), rare.bucket(word.encode())) for word in PROBES]


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("ARTICLE_CLEANER_CACHE", raising=False)
    return tmp_path / "cache" / "article-cleaner"


def test_a_list_gives_common_words_by_bucket_and_rare_ones_at_their_commonest(tmp_path: Path) -> None:
    common, rare = read_list(str(_write_list(tmp_path / "large_xx.msgpack.gz", BUCKETS)))
    assert common.bucket(b"harbour") == 150 and common.bucket(b"quay") == 600 and rare.bucket(b"quay") is None
    assert rare.bucket(b"quayside") == 601 and rare.bucket("négociati".encode()) == 720
    assert rare.bucket(b"zymurgy") == 800 and common.bucket(b"harbourmaster") == 420
    assert common.bucket(b"dock") is None and rare.bucket(b"dock") is None


def test_a_stored_table_is_read_back_with_the_same_lookups(tmp_path: Path, cache: Path) -> None:
    path = str(_write_list(tmp_path / "large_xx.msgpack.gz", BUCKETS))
    built = load("xx", path)
    (stored,) = cache.glob("words-xx-*.bin")
    again = load("xx", path)
    assert _lookups(again) == _lookups(built) == _lookups(read_list(path))
    assert again[0].text == built[0].text and again[1].starts == built[1].starts
    assert list(cache.glob("words-xx-*.bin")) == [stored]


@pytest.mark.parametrize("damage", ["cut short", "altered", "empty"])
def test_a_damaged_store_is_rebuilt_not_believed(tmp_path: Path, cache: Path, damage: str) -> None:
    path = str(_write_list(tmp_path / "large_xx.msgpack.gz", BUCKETS))
    load("xx", path)
    (stored,) = cache.glob("words-xx-*.bin")
    data = stored.read_bytes()
    if damage == "cut short":
        stored.write_bytes(data[:-5])
    elif damage == "altered":
        stored.write_bytes(data.replace(b"zymurgy", b"zymurgx"))
    else:
        stored.write_bytes(b"")
    assert _lookups(load("xx", path)) == _lookups(read_list(path))
    assert stored.read_bytes() == data  # written again whole


def test_another_list_gets_its_own_store(tmp_path: Path, cache: Path) -> None:
    first = str(_write_list(tmp_path / "a.msgpack.gz", BUCKETS))
    second = str(_write_list(tmp_path / "b.msgpack.gz", {**BUCKETS, 150: ["the"]}))
    load("xx", first)
    tables = load("xx", second)
    assert tables[0].bucket(b"harbour") is None
    assert len(list(cache.glob("words-xx-*.bin"))) == 2


def test_the_cache_can_be_turned_off(tmp_path: Path, cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ARTICLE_CLEANER_CACHE", "off")
    path = str(_write_list(tmp_path / "large_xx.msgpack.gz", BUCKETS))
    assert _lookups(load("xx", path)) == _lookups(read_list(path))
    assert not cache.exists()


def test_an_unwritable_cache_still_gives_the_tables(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    monkeypatch.delenv("ARTICLE_CLEANER_CACHE", raising=False)
    path = str(_write_list(tmp_path / "large_xx.msgpack.gz", BUCKETS))
    assert _lookups(load("xx", path)) == _lookups(read_list(path))


def test_a_store_that_cannot_be_finished_leaves_no_partial_file(
    tmp_path: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(source: str, target: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(wordtables.os, "replace", refuse)
    path = str(_write_list(tmp_path / "large_xx.msgpack.gz", BUCKETS))
    assert _lookups(load("xx", path)) == _lookups(read_list(path))
    assert list(cache.iterdir()) == []
