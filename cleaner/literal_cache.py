"""The screen literals of the shipped rules, computed ahead of time: a Cleaner starts a second sooner.

Reading the literals out of ~300 patterns takes about a second, paid by every process that builds a Cleaner
(each CLI run, each Spark executor). The file `literals.json` beside this module holds them for the shipped
patterns, stamped with what they depend on: literals.py itself, the `regex` module (its case folding) and the
Python version (its pattern parser). A stamp that does not match is ignored and the literals are computed as
before, so a stale file can cost time but never change a result. `make golden` rewrites it.
"""

from __future__ import annotations

import functools
import hashlib
import json
import sys
from collections.abc import Iterable
from pathlib import Path

import regex

from . import literals
from .literals import Found, screen_literals

PATH = Path(__file__).with_name("literals.json")


def stamp() -> str:
    """What the literals depend on besides the pattern: this code, `regex`'s version, Python's version."""
    source = Path(literals.__file__).read_bytes()
    parts = [
        hashlib.sha256(source).hexdigest()[:16],
        str(regex.__version__),
        f"{sys.version_info[0]}.{sys.version_info[1]}",
    ]
    return "/".join(parts)


@functools.cache
def _shipped() -> dict[str, Found | None]:
    try:
        data = json.loads(PATH.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("stamp") != stamp():
        return {}
    return {
        pattern: None if found is None else (frozenset(found[0]), frozenset(found[1]))
        for pattern, found in data.get("patterns", {}).items()
    }


def literals_of(pattern: str) -> Found | None:
    """screen_literals(pattern), read from the shipped file when it has the pattern."""
    shipped = _shipped()
    if pattern in shipped:
        return shipped[pattern]
    return screen_literals(pattern)


def write(patterns: Iterable[str]) -> None:
    """Compute the literals of `patterns` and write them, stamped, to the shipped file."""
    found = {pattern: screen_literals(pattern) for pattern in sorted(set(patterns))}
    data = {
        "stamp": stamp(),
        "patterns": {p: None if f is None else [sorted(f[0]), sorted(f[1])] for p, f in found.items()},
    }
    PATH.write_text(json.dumps(data, ensure_ascii=False, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    _shipped.cache_clear()
