"""Word frequencies per language from wordfreq's lists (the optional `words` extra), read lazily into compact tables."""

from __future__ import annotations

import bisect
import gzip
import importlib
import math
from array import array
from functools import cache, lru_cache
from typing import Any

# wordfreq stores a word's frequency as a bucket: bucket i holds the words of frequency 10 ** (-i / 100). These are
# the Zipf levels its frequency dict gives each bucket (log10(frequency) + 9), computed the same way.
_LEVELS = tuple(math.log10(10 ** (-index / 100)) + 9 for index in range(1000))
# A word is common from Zipf 3 (a frequency of one in a million, bucket 600): completions are looked up among these.
_COMMON_BUCKET = 600


@lru_cache(maxsize=1)
def _wordfreq() -> Any:
    """The wordfreq module, imported at first use (an optional dependency), or None."""
    try:
        return importlib.import_module("wordfreq")
    except ImportError:
        return None


class _Common:
    """The common words, sorted, in one UTF-8 `bytes` (each ended by a line feed), with offsets and buckets.

    About 13 bytes a word instead of a Python string and a float in a dict: prefixes are looked up by bisection.
    """

    def __init__(self, entries: list[bytes]) -> None:
        """`entries`: each word, a NUL byte and its bucket (two bytes), sorted: a word sorts before its completions."""
        text = bytearray()
        self.starts = array("I", [0])
        self.buckets = array("H")
        for entry in entries:
            text += entry[:-3] + b"\n"
            self.starts.append(len(text))
            self.buckets.append(int.from_bytes(entry[-2:], "big"))
        self.text = bytes(text)

    def __len__(self) -> int:
        return len(self.buckets)

    def word(self, index: int) -> bytes:
        return self.text[self.starts[index] : self.starts[index + 1] - 1]

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

    def bucket(self, key: bytes) -> int | None:
        index = self.after(key) - 1
        return self.buckets[index] if index >= 0 and self.word(index) == key else None


class _Rare:
    """The rarer words, only ever looked up whole: a sorted run of 64-bit string hashes per bucket, 8 bytes a word.

    Two different words share a hash about once in 10 ** 19 lookups; the hashes live in this process only.
    """

    def __init__(self) -> None:
        self.hashes = array("q")
        self.runs: list[tuple[int, int, int]] = []  # (first, end, bucket)

    def add(self, words: list[str], bucket: int) -> None:
        first = len(self.hashes)
        self.hashes.extend(sorted(hash(word) for word in words))
        self.runs.append((first, len(self.hashes), bucket))

    def bucket(self, word: str) -> int | None:
        key = hash(word)
        for first, end, bucket in self.runs:
            index = bisect.bisect_left(self.hashes, key, first, end)
            if index < end and self.hashes[index] == key:
                return bucket
        return None


@cache
def _tables(language: str) -> tuple[_Common, _Rare] | None:
    """The language's common words (Zipf 3 or more) and rarer ones, read from its wordfreq list at first use.

    Only the languages a run meets are read, one bucket at a time; wordfreq's own frequency dict (every word as a
    Python string, about 40 MB a language) is never built.
    """
    module = _wordfreq()
    path = module.available_languages().get(language) if module is not None else None
    if path is None:
        return None
    msgpack = importlib.import_module("msgpack")  # wordfreq's own dependency, which reads its lists
    common: list[bytes] = []
    rare = _Rare()
    with gzip.open(path, "rb") as stream:
        unpacker = msgpack.Unpacker(stream, raw=False)
        count = unpacker.read_array_header()
        header = unpacker.unpack()
        if not isinstance(header, dict) or header.get("format") != "cB":
            raise ValueError(f"{path}: not a wordfreq word list")
        for bucket in range(count - 1):
            words = unpacker.unpack()
            if bucket <= _COMMON_BUCKET:
                common.extend(word.encode() + b"\0" + bucket.to_bytes(2, "big") for word in words)
            elif words:
                rare.add(words, bucket)
    return _Common(sorted(common)), rare


def _bucket(token: str, tables: tuple[_Common, _Rare]) -> int | None:
    found = tables[0].bucket(token.encode())
    return found if found is not None else tables[1].bucket(token)


@lru_cache(maxsize=4096)
def zipf(word: str, language: str) -> float | None:
    """The word's Zipf frequency in the language (0: never seen), or None without wordfreq or a word list.

    The same value as `wordfreq.zipf_frequency`: the word is split by wordfreq's tokenizer and the frequencies of
    its pieces are combined and rounded as wordfreq does.
    """
    tables = _tables(language)
    if tables is None:
        return None
    module = _wordfreq()
    tokens = module.tokens.lossy_tokenize(word, language)
    if not tokens:
        return 0.0
    one_over_result = 0.0
    for token in tokens:
        smashed = module.numbers.smash_numbers(token)
        bucket = _bucket(smashed, tables)
        if bucket is None:
            return 0.0
        frequency = 10 ** (-bucket / 100)
        if smashed != token:
            frequency *= module.numbers.digit_freq(token)
        one_over_result += 1.0 / frequency
    frequency = 1.0 / one_over_result
    if module.language_info.get_language_info(language)["tokenizer"] == "jieba":
        frequency *= module.INFERRED_SPACE_FACTOR ** -(len(tokens) - 1)
    frequency = round(frequency, math.floor(-math.log(frequency, 10)) + 3)
    return round(math.log(frequency, 10) + 9, 2)


def completion_zipf(token: str, language: str) -> float:
    """The Zipf frequency of the commonest word of the language that starts with `token` (0: none)."""
    tables = _tables(language)
    if tables is None:
        return 0.0
    common = tables[0]
    key = token.encode()
    best = None
    # Words equal to the token sort before its longer completions: start after them (proper completions only).
    index = common.after(key)
    while index < len(common) and common.word(index).startswith(key):
        bucket = common.buckets[index]
        best = bucket if best is None else min(best, bucket)
        index += 1
    return 0.0 if best is None else _LEVELS[best]
