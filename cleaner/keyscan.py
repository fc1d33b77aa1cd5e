"""The prefilter's key pass: hyperscan's literal matcher where it installs, pyahocorasick otherwise, with the same hits.

Both report every occurrence of every key in a text (overlapping ones too) as (index of its last character,
the key's value), as pyahocorasick's `Automaton.iter` does. hyperscan reads the text's UTF-8 bytes, where a key
can only match whole characters, and its byte offsets are turned back into characters by decoding the text
between one hit and the next. Measured on the German bench documents (615 keys): 27 against 90 us a document,
the same hits. A text UTF-8 cannot encode (a lone surrogate from JSON) is read by pyahocorasick.
"""

from __future__ import annotations

import importlib
import os
import threading
from collections.abc import Iterator, Sequence
from typing import Any, Generic, TypeVar

import ahocorasick


def _hyperscan() -> Any:
    """The hyperscan module, or None where it does not install (a compiled library: wheels for x86-64 only)."""
    try:
        return importlib.import_module("hyperscan")
    except ImportError:  # pragma: no cover - depends on the platform
        return None


hyperscan = _hyperscan()

V = TypeVar("V")
# ARTICLE_CLEANER_KEYSCAN=ahocorasick reads every text with pyahocorasick (the tests compare the two).
_ASKED = os.environ.get("ARTICLE_CLEANER_KEYSCAN", "hyperscan")
BACKEND = "hyperscan" if hyperscan is not None and _ASKED != "ahocorasick" else "ahocorasick"
# Shorter texts (a line's head read again past its junk) go to pyahocorasick: a hyperscan call costs a few
# microseconds of its own, a pyahocorasick pass over a few dozen characters less than one.
SHORT = 128


class KeyScan(Generic[V]):
    """A set of keys read over a text at once; `hits` gives every occurrence, in order of where it ends."""

    def __init__(self, words: Sequence[tuple[str, V]], backend: str = BACKEND, short: int = SHORT) -> None:
        if not words:
            raise ValueError("a key scan needs at least one key")
        self._words = list(words)
        self._short = short
        self._values = [value for _, value in words]
        self._automaton: Any = None  # built at the first text hyperscan does not read
        self._database: Any = None
        # hyperscan's scratch space is one scan's working memory: one per thread that scans.
        self._local = threading.local()
        if backend == "hyperscan" and hyperscan is not None:
            try:
                keys = [text.encode("utf-8") for text, _ in words]
            except UnicodeEncodeError:  # a key UTF-8 cannot hold: pyahocorasick reads every text
                return
            database = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
            database.compile(expressions=keys, ids=list(range(len(keys))), elements=len(keys), flags=0, literal=True)
            self._database = database

    def hits(self, low: str) -> Iterator[tuple[int, V]]:
        """(index of the hit's last character in `low`, the key's value) for every occurrence of every key."""
        if self._database is None or len(low) < self._short:
            return self._aho(low)
        try:
            data = low.encode("utf-8")
        except UnicodeEncodeError:
            return self._aho(low)
        scratch = getattr(self._local, "scratch", None)
        if scratch is None:
            scratch = self._local.scratch = hyperscan.Scratch(self._database)
        raw: list[tuple[int, int]] = []
        self._database.scan(data, match_event_handler=_collect, context=raw, scratch=scratch)
        raw.sort()
        values = self._values
        if len(data) == len(low):  # ASCII: a byte is a character
            return ((end - 1, values[key]) for end, key in raw)
        return _in_characters(data, raw, values)

    def _aho(self, low: str) -> Iterator[tuple[int, V]]:
        if self._automaton is None:
            automaton = ahocorasick.Automaton()
            for text, value in self._words:
                automaton.add_word(text, value)
            automaton.make_automaton()
            self._automaton = automaton
        return self._automaton.iter(low)  # type: ignore[no-any-return]


def _collect(key: int, start: int, end: int, flags: int, found: list[tuple[int, int]]) -> None:
    found.append((end, key))


def _in_characters(data: bytes, raw: list[tuple[int, int]], values: list[V]) -> Iterator[tuple[int, V]]:
    """The hits with their byte offsets turned into character offsets, decoding the text from one hit to the next."""
    done = characters = 0
    for end, key in raw:
        if end != done:
            characters += len(data[done:end].decode("utf-8"))
            done = end
        yield characters - 1, values[key]
