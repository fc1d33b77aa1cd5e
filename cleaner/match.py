"""The old home of the time-limit exceptions, kept so that modules importing them from here still work."""

from __future__ import annotations

from .errors import DocumentTimeout, MatchTimeout

__all__ = ["DocumentTimeout", "MatchTimeout"]
