"""Record values: dotted field paths, and JSON that round-trips big integers and escaped lone surrogates."""

from __future__ import annotations

import base64
import json
from typing import Any

import orjson
import regex

# A run of 19+ digits may be an integer past 64 bits, which orjson reads as a float: such lines go to `json`.
_LONG_NUMBER = regex.compile(rb"[0-9]{19}")  # `regex` scans this ten times faster than `re`
_MISSING = object()


def get_field(record: dict[str, Any], path: str, default: Any = None) -> Any:
    """The value at `path`: a field of that exact name, else the dotted path into nested objects.

    >>> get_field({"metadata": {"url": "https://a.example/"}}, "metadata.url")
    'https://a.example/'
    >>> get_field({"a.b": 1, "a": {"b": 2}}, "a.b"), get_field({"a": 3}, "a.b", "none")
    (1, 'none')
    """
    if path in record:
        return record[path]
    value: Any = record
    for part in path.split("."):
        if not isinstance(value, dict) or part not in value:
            return default
        value = value[part]
    return value


def has_field(record: dict[str, Any], path: str) -> bool:
    """True when `path` names a field of the record (exactly, or as a dotted path)."""
    return get_field(record, path, _MISSING) is not _MISSING


def set_field(record: dict[str, Any], path: str, value: Any) -> None:
    """Set the value at `path`: the field of that exact name when it exists or has no dot, else the nested one.

    >>> record = {"metadata": {"url": None}}
    >>> set_field(record, "metadata.title", "T"); record
    {'metadata': {'url': None, 'title': 'T'}}
    """
    if path in record or "." not in path:
        record[path] = value
        return
    *parents, last = path.split(".")
    target = record
    for part in parents:
        child = target.get(part)
        if not isinstance(child, dict):
            child = target[part] = {}
        target = child
    target[last] = value


def loads(raw: bytes) -> Any:
    """Parse one JSON text exactly: integers of any size stay integers, an escaped lone surrogate is accepted.

    >>> loads(b'{"id": 123456789012345678901234567890}')
    {'id': 123456789012345678901234567890}
    """
    try:
        value = orjson.loads(raw)
    except orjson.JSONDecodeError:
        # orjson refuses escaped lone surrogates ("\\ud800"), which JSON allows; the standard parser takes them.
        return json.loads(raw.decode("utf-8"))  # strict UTF-8: `json` alone would guess UTF-16 or skip a BOM
    if _LONG_NUMBER.search(raw):
        return json.loads(raw.decode("utf-8"))
    return value


def plain_value(value: object) -> object:
    """A JSON form of a value JSON has no type for: bytes as UTF-8 text (or base64), decimals and the rest as text."""
    if isinstance(value, bytes):
        try:
            return value.decode("utf-8")
        except UnicodeDecodeError:
            return base64.b64encode(value).decode("ascii")
    return str(value)  # Decimal, and anything else orjson cannot write


def dumps(value: Any) -> bytes:
    r"""One JSON text, exact for every value `loads` gives (big integers, lone surrogates as escapes).

    >>> dumps({"id": 123456789012345678901234567890, "t": "\ud800"})
    b'{"id":123456789012345678901234567890,"t":"\\ud800"}'
    """
    try:
        return orjson.dumps(value, default=plain_value)
    except TypeError:
        return json.dumps(value, ensure_ascii=True, separators=(",", ":"), default=plain_value).encode("ascii")
