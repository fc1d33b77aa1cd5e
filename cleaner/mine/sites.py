"""Which site a record belongs to: its site field, else the registrable part of its URL's host."""

from __future__ import annotations

from ..rule_scope import host_of

# Second-level labels under which a country code registers names (news.bbc.co.uk -> bbc.co.uk).
_SECOND_LEVEL = frozenset({"co", "com", "net", "org", "gov", "edu", "ac", "or", "ne", "go", "gob", "nic", "web"})


def site_of_host(host: str | None) -> str | None:
    """The site of a host: the last two labels, or three under a country's second level (no suffix list needed).

    >>> site_of_host("oto.detik.com"), site_of_host("www.bbc.co.uk"), site_of_host("tuoitre.vn")
    ('detik.com', 'bbc.co.uk', 'tuoitre.vn')
    """
    if not host:
        return None
    labels = host.strip(".").lower().split(".")
    if len(labels) <= 2 or labels[-1].isdigit():
        return ".".join(labels) or None
    keep = 3 if len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL else 2
    return ".".join(labels[-keep:])


def site_of(url: str | None, site: object = None) -> str | None:
    """A record's site: the site field when it is a non-empty string, else the site of the URL's host.

    >>> site_of("https://news.detik.com/a"), site_of(None, "Example.org"), site_of(None)
    ('detik.com', 'example.org', None)
    """
    if isinstance(site, str) and site.strip():
        return site.strip().lower()
    try:
        return site_of_host(host_of(url))
    except ValueError:  # an URL urllib cannot parse (a bad port, brackets): no site
        return None


def site_slug(site: str | None) -> str:
    """The site as one segment of a rule id (lower-case letters, digits, _ and -); `batch` for records without one.

    >>> site_slug("chicago.suntimes.com"), site_slug(None), site_slug("Ünï.de")
    ('chicago_suntimes_com', 'batch', 'n_de')
    """
    if site is None:
        return "batch"
    slug = "".join(ch if ch.isascii() and (ch.isalnum() or ch in "_-") else "_" for ch in site.lower())
    slug = "_".join(part for part in slug.split("_") if part)
    return slug or "site"
