"""Write a site's proposed rules as a rule file: header, rules sorted by pages covered, evidence, real examples."""

from __future__ import annotations

from typing import Any

import yaml

from .select import Proposal
from .site import TERMINAL, SiteMiner
from .sites import site_slug

MINED_PREFIX = "mined"
# libyaml's emitter when PyYAML has it (its wheels do): the settling rounds render every file several times.
_DUMPER: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
REMOVE_EXAMPLES = 3
KEEP_EXAMPLES = 2


def rule_id(site: str | None, number: int) -> str:
    """The id of a site's n-th mined rule, e.g. mined.detik_com.001 (`--rule mined.detik_com` selects the site)."""
    return f"{MINED_PREFIX}.{site_slug(site)}.{number:03d}"


def keep_candidates(proposal: Proposal, miner: SiteMiner) -> list[str]:
    """Real lines of the site that share the rule's words, sentence-like ones first; any prose line as a last resort."""
    pool = [line for _, _, line in proposal.stats.keep_pool]
    ordered = [line for line in pool if line[-1] in TERMINAL] + [line for line in pool if line[-1] not in TERMINAL]
    return ordered + [line for line in miner.fallback_keep if line not in ordered]


def _description(proposal: Proposal, site: str | None) -> str:
    where = site or "the batch (records without a site)"
    what = {
        "line": "This exact line",
        "numbers": "This line, with varying numbers,",
        "prefix": f"Lines opening with {proposal.fixed!r}",
        "suffix": f"Lines closing with {proposal.fixed!r} and a short varying end",
    }[proposal.kind]
    verb = "recur" if proposal.kind in ("prefix", "suffix") else "recurs"
    return f"{what} {verb} on {proposal.pages} pages of {where}."


def rule_entry(
    proposal: Proposal, number: int, miner: SiteMiner, removes: list[str], keeps: list[str], travels: list[str]
) -> dict[str, Any]:
    """One rule as the mapping written to YAML, in the order a reader wants: what, how, why, examples."""
    entry: dict[str, Any] = {
        "id": rule_id(miner.site, number),
        "description": _description(proposal, miner.site),
        "category": proposal.category,
        "scope": "line",
        "pattern": proposal.pattern,
        "case_sensitive": True,
    }
    if proposal.max_words is not None:
        entry["max_words"] = proposal.max_words
    if not proposal.verdict.enabled:
        entry["enabled"] = False
    evidence: dict[str, Any] = {
        "pages": proposal.pages,
        "of_pages": miner.pages,
        "share": round(proposal.pages / max(miner.pages, 1), 3),
        "occurrences": proposal.stats.occurrences,
        "shape": proposal.kind,
        "first_ids": list(proposal.stats.ids),
        "why": proposal.verdict.why,
    }
    if travels:
        evidence["travels_with"] = travels
    entry["evidence"] = evidence
    entry["examples"] = {"remove": removes, "keep": keeps}
    return entry


def render_file(miner: SiteMiner, entries: list[dict[str, Any]]) -> str:
    """The rule file of one site: a comment saying how it was made, then the header and the rules."""
    site = miner.site or "records without a site"
    dups = miner.seen - miner.pages
    on = sum(1 for e in entries if e.get("enabled", True))
    head = (
        f"# Mined by `cleaner mine` from {miner.seen} documents of {site} ({miner.pages} distinct; "
        f"{dups} near-duplicates counted once).\n"
        f"# {len(entries)} rules, {on} on. Review each (evidence.why), then keep, edit or delete it; rules with\n"
        "# `enabled: false` looked like article text and run only with --enable ID.\n"
    )
    document: dict[str, Any] = {"language": "any"}
    if miner.site is not None:
        document["domains"] = [miner.site]
    document["rules"] = entries
    body = yaml.dump(
        document, Dumper=_DUMPER, allow_unicode=True, sort_keys=False, width=10_000, default_flow_style=False
    )
    return head + body
