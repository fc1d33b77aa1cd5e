"""The screen literals of rule patterns, computed once: shipped for the default packs, cached for any other rule.

Reading the literals out of ~300 patterns takes over a second, paid by every process that builds a Cleaner (each
CLI run, each worker, each Spark executor). They are a function of the pattern and of literals.py alone, so both
stores are keyed by those: `literals.json` beside this module holds them for the shipped patterns (`make golden`
rewrites it), and a file in the user's cache directory (`$XDG_CACHE_HOME/article-cleaner`, else
`~/.cache/article-cleaner`; `ARTICLE_CLEANER_CACHE=off` turns it off) holds those of any other pattern a Cleaner
has read. Neither is keyed by the `regex` or Python version: case folding of existing characters is stable
across Unicode versions, and literals read from a pattern stay true of it whichever parser read them. A store
written by other code is ignored, so a stale file can cost time but never change a result.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from . import literals
from .literals import Found, line_literals, screen_literals

PATH = Path(__file__).with_name("literals.json")
MAX_USER_PATTERNS = 20_000  # past this the user cache starts again (it only saves time)


def stamp() -> str:
    """What the literals depend on besides the pattern: the code of literals.py."""
    return hashlib.sha256(Path(literals.__file__).read_bytes()).hexdigest()[:16]


def user_path() -> Path | None:
    """Where this user's cache of other patterns' literals lives (None: turned off)."""
    if os.environ.get("ARTICLE_CLEANER_CACHE", "").lower() in ("off", "0", "no"):
        return None
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "article-cleaner" / f"literals-{stamp()}.json"


def _read(path: Path | None) -> dict[str, Found | None]:
    if path is None:
        return {}
    try:
        data: Any = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("stamp") != stamp() or not isinstance(data.get("patterns"), dict):
        return {}
    try:
        return {
            pattern: None if found is None else (frozenset(found[0]), frozenset(found[1]))
            for pattern, found in data["patterns"].items()
        }
    except (TypeError, IndexError):
        return {}


def _dump(path: Path, found: dict[str, Found | None], lines: dict[str, frozenset[str] | None] | None = None) -> None:
    data: dict[str, Any] = {
        "stamp": stamp(),
        "patterns": {p: None if f is None else [sorted(f[0]), sorted(f[1])] for p, f in sorted(found.items())},
    }
    if lines is not None:
        data["lines"] = {p: None if f is None else sorted(f) for p, f in sorted(lines.items())}
    path.write_text(json.dumps(data, ensure_ascii=False, indent=0, sort_keys=True) + "\n", encoding="utf-8")


@functools.cache
def _shipped() -> dict[str, Found | None]:
    return _read(PATH)


@functools.cache
def _shipped_lines() -> dict[str, frozenset[str] | None]:
    try:
        data: Any = json.loads(PATH.read_text(encoding="utf-8"))
        if data.get("stamp") != stamp():
            return {}
        return {p: None if f is None else frozenset(f) for p, f in data["lines"].items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


def line_literals_for(patterns: Sequence[str]) -> list[frozenset[str] | None]:
    """line_literals of each pattern, from the shipped file, or computed (other rules; not kept on disk)."""
    shipped = _shipped_lines()
    return [shipped[p] if p in shipped else line_literals(p) for p in patterns]


def is_shipped(pattern: str) -> bool:
    """True for a shipped rule's pattern as `make golden` last wrote it (compiled there and in the tests)."""
    return pattern in _shipped()


_user: dict[str, Found | None] | None = None


def literals_for(patterns: Sequence[str]) -> list[Found | None]:
    """screen_literals of each pattern, from the shipped file, the user cache, or computed (and then cached)."""
    global _user
    shipped = _shipped()
    missing = [p for p in dict.fromkeys(patterns) if p not in shipped]
    if missing and _user is None:
        _user = _read(user_path())
    known = _user if _user is not None else {}
    new = {p: screen_literals(p) for p in missing if p not in known}
    if new:
        known.update(new)
        _save(known)
    return [shipped[p] if p in shipped else known[p] for p in patterns]


def _save(known: dict[str, Found | None]) -> None:
    """Write the user cache (atomically); a cache that cannot be written only costs time next run."""
    global _user
    path = user_path()
    if path is None:
        return
    if len(known) > MAX_USER_PATTERNS:
        _user = known = {}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        _dump(partial, known)
        partial.replace(path)
    except OSError:
        return


def literals_of(pattern: str) -> Found | None:
    """screen_literals(pattern), read from the shipped file or the user cache when they have it."""
    return literals_for([pattern])[0]


def write(patterns: Iterable[str]) -> None:
    """Compute the literals of `patterns` and write them, stamped, to the shipped file."""
    unique = set(patterns)
    _dump(PATH, {p: screen_literals(p) for p in unique}, {p: line_literals(p) for p in unique})
    _shipped.cache_clear()
    _shipped_lines.cache_clear()
