"""wordfreq's word lists as compact lookup tables, read once per list and kept in the user's cache directory.

Reading a list (msgpack in gzip, up to 600,000 words) and sorting it costs 0.2-0.5 s a language, paid again by
every process and worker; a stored table is read back in a few milliseconds. The store is keyed by the list file's
content and this module's code (`$XDG_CACHE_HOME/article-cleaner`, else `~/.cache/article-cleaner`;
`ARTICLE_CLEANER_CACHE=off` turns it off, as for the literal cache). A file that is missing, from other code or
another list, cut short or altered is rebuilt: a stored table can cost time, never change a lookup.
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import importlib
import os
import struct
import sys
import tempfile
from array import array
from itertools import accumulate
from pathlib import Path

# A word is common from Zipf 3 (a frequency of one in a million, bucket 600): completions are looked up among these.
COMMON_BUCKET = 600
_MAGIC = b"article-cleaner word table\n"
_LENGTHS = struct.Struct("<4Q")  # the byte lengths of the four parts that follow the header


def _packed(entries: list[bytes]) -> tuple[bytes, array[int]]:
    """`entries` (sorted, each a word, a NUL byte and its bucket in two big-endian bytes) joined, and their starts."""
    starts = array("I", [0])
    starts.extend(accumulate(map(len, entries)))
    return b"".join(entries), starts


class Words:
    """Words with their buckets, sorted, in one `bytes`, and the offsets where its entries start.

    Each entry is a word in UTF-8, a NUL byte and its bucket (two bytes). About 16 bytes a word instead of a Python
    string and a float in a dict; words and prefixes are looked up by bisection, and a word sorts before its
    completions (NUL is below every byte of a word).
    """

    def __init__(self, text: bytes, starts: array[int]) -> None:
        self.text = text
        self.starts = starts  # where each entry starts in `text`, then the end of `text`

    def __len__(self) -> int:
        return len(self.starts) - 1

    def word(self, index: int) -> bytes:
        return self.text[self.starts[index] : self.starts[index + 1] - 3]

    def bucket_at(self, index: int) -> int:
        end = self.starts[index + 1]
        return int.from_bytes(self.text[end - 2 : end], "big")

    def after(self, key: bytes) -> int:
        """The index of the first word greater than `key` (bisect_right)."""
        low, high = 0, len(self)
        while low < high:
            middle = (low + high) // 2
            if key < self.word(middle):
                high = middle
            else:
                low = middle + 1
        return low

    def first(self, key: bytes) -> int:
        """The index of the first word not less than `key` (bisect_left)."""
        low, high = 0, len(self)
        while low < high:
            middle = (low + high) // 2
            if self.word(middle) < key:
                low = middle + 1
            else:
                high = middle
        return low


class Common(Words):
    """The common words (Zipf 3 or more): looked up whole and by prefix."""

    def bucket(self, key: bytes) -> int | None:
        index = self.after(key) - 1
        return self.bucket_at(index) if index >= 0 and self.word(index) == key else None


class Rare(Words):
    """The rarer words, only ever looked up whole; a word listed twice answers with its commonest bucket."""

    def bucket(self, key: bytes) -> int | None:
        index = self.first(key)
        return self.bucket_at(index) if index < len(self) and self.word(index) == key else None


Tables = tuple[Common, Rare]


def read_list(path: str) -> Tables:
    """Build the tables from a wordfreq list file (its `cB` format: a header, then the words of each bucket)."""
    msgpack = importlib.import_module("msgpack")  # wordfreq's own dependency, which reads its lists
    common: list[bytes] = []
    rare: list[bytes] = []
    with gzip.open(path, "rb") as stream:
        unpacker = msgpack.Unpacker(stream, raw=False)
        count = unpacker.read_array_header()
        header = unpacker.unpack()
        if not isinstance(header, dict) or header.get("format") != "cB":
            raise ValueError(f"{path}: not a wordfreq word list")
        for bucket in range(count - 1):
            words = unpacker.unpack()
            tail = b"\0" + bucket.to_bytes(2, "big")
            (common if bucket <= COMMON_BUCKET else rare).extend(word.encode() + tail for word in words)
    common.sort()
    rare.sort()
    return Common(*_packed(common)), Rare(*_packed(rare))


def _key(content: bytes) -> str:
    """What a stored table depends on: the list's bytes, this module's code, and how arrays are laid out here."""
    digest = hashlib.blake2b(content, digest_size=16)
    digest.update(Path(__file__).read_bytes())
    digest.update(f"{sys.byteorder} {array('I').itemsize}".encode())
    return digest.hexdigest()


def _cache_dir() -> Path | None:
    if os.environ.get("ARTICLE_CLEANER_CACHE", "").lower() in ("off", "0", "no"):
        return None
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "article-cleaner"


def _encode(key: str, tables: Tables) -> bytes:
    common, rare = tables
    parts = [common.text, common.starts.tobytes(), rare.text, rare.starts.tobytes()]
    payload = b"".join(parts)
    check = hashlib.blake2b(payload, digest_size=16).digest()
    return _MAGIC + key.encode() + b"\n" + _LENGTHS.pack(*(len(p) for p in parts)) + check + payload


def _decode(key: str, data: bytes) -> Tables | None:
    """The tables stored in `data`, or None when it is not a complete, unaltered table for `key`."""
    head = _MAGIC + key.encode() + b"\n"
    start = len(head) + _LENGTHS.size + 16
    if not data.startswith(head) or len(data) < start:
        return None
    lengths = _LENGTHS.unpack_from(data, len(head))
    check = data[start - 16 : start]
    payload = memoryview(data)[start:]
    if sum(lengths) != len(payload) or hashlib.blake2b(payload, digest_size=16).digest() != check:
        return None
    parts: list[bytes] = []
    position = 0
    for length in lengths:
        parts.append(bytes(payload[position : position + length]))
        position += length
    tables: list[Words] = []
    for kind, text, offsets in ((Common, parts[0], parts[1]), (Rare, parts[2], parts[3])):
        starts = array("I")
        if len(offsets) % starts.itemsize:
            return None
        starts.frombytes(offsets)
        if not starts or starts[0] != 0 or starts[-1] != len(text):
            return None
        tables.append(kind(text, starts))
    common, rare = tables
    assert isinstance(common, Common) and isinstance(rare, Rare)
    return common, rare


def load(language: str, path: str) -> Tables:
    """The tables of the list at `path`: from the user's cache when stored there, else built (and stored)."""
    folder = _cache_dir()
    if folder is None:
        return read_list(path)
    key = _key(Path(path).read_bytes())
    stored = folder / f"words-{language}-{key[:20]}.bin"
    try:
        found = _decode(key, stored.read_bytes())
    except OSError:
        found = None
    if found is not None:
        return found
    tables = read_list(path)
    _store(stored, _encode(key, tables))
    return tables


def _store(path: Path, data: bytes) -> None:
    """Write `data` to `path` atomically (a reader sees the whole file or none); a failure only costs time later."""
    partial = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, prefix=path.name, suffix=".tmp", delete=False) as out:
            partial = out.name
            out.write(data)
        os.replace(partial, path)
    except OSError:
        if partial is not None:  # a full disk: leave no partial file behind
            with contextlib.suppress(OSError):
                os.unlink(partial)
