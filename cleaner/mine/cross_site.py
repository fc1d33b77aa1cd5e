"""Lines that recur on several sites: candidates for the shipped packs, reported apart from the site rules."""

from __future__ import annotations

from .site import SiteMiner

REPORT_NAME = "_cross_site.md"


def cross_site_lines(miners: list[SiteMiner], min_sites: int = 2) -> list[tuple[str, list[tuple[str, int, int]]]]:
    """(line, [(site, pages, site pages), ...]) for each line on two pages or more of at least `min_sites` sites."""
    found: dict[str, list[tuple[str, int, int]]] = {}
    for miner in miners:
        if miner.site is None:
            continue
        for line, pages in miner.recurring.items():
            found.setdefault(line, []).append((miner.site, pages, miner.pages))
    rows = [(line, sorted(sites)) for line, sites in found.items() if len(sites) >= min_sites]
    return sorted(rows, key=lambda row: (-len(row[1]), -sum(p for _, p, _ in row[1]), row[0]))


def render_report(miners: list[SiteMiner], min_sites: int = 2) -> str:
    """The cross-site report as Markdown: one row per line, the sites and pages it recurs on."""
    rows = cross_site_lines(miners, min_sites)
    sites = sum(1 for m in miners if m.site is not None)
    out = [
        "# Lines that recur on several sites",
        "",
        f"Mined by `cleaner mine` from {sites} sites; a line is listed when it recurs on two pages or more "
        f"of at least {min_sites} of them (near-duplicate pages counted once). These are candidates for the "
        "shipped rule packs (a generic rule with a guard, written by hand), not rules: this file is not loaded.",
        "",
    ]
    if not rows:
        out.append("No line is frequent on that many sites.")
        return "\n".join(out) + "\n"
    out += ["| sites | pages | line | where (pages of site pages) |", "|---:|---:|---|---|"]
    for line, where in rows:
        cells = ", ".join(f"{site} {pages}/{total}" for site, pages, total in where)
        text = line.replace("|", "\\|")
        out.append(f"| {len(where)} | {sum(p for _, p, _ in where)} | `{text}` | {cells} |")
    return "\n".join(out) + "\n"
