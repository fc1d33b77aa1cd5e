"""Whether a rule's language and domain guards admit a document, and the site (host) a URL names."""

from __future__ import annotations

from urllib.parse import urlsplit

from .model import Rule


def host_of(url: str | None) -> str | None:
    """Return the lower-case host of a URL, or None.

    >>> host_of("https://www.Example.com/a?b")
    'www.example.com'
    """
    if not url:
        return None
    host = urlsplit(url if "//" in url else "//" + url).hostname
    return host.lower() if host else None


def applies_to(rule: Rule, lang: str | None, host: str | None) -> bool:
    """True when a rule's language and domain guards admit this document."""
    if lang is not None and rule.language != "any" and rule.language != lang.split("-")[0].split("_")[0].lower():
        return False
    if rule.domains:
        return host is not None and any(host == d or host.endswith("." + d) for d in rule.domains)
    return True
