"""Pick each mined rule's examples so that the file passes `cleaner rules test`: drop what the harness refuses."""

from __future__ import annotations

import functools
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..engine import Cleaner
from ..examples import check_keep, check_remove
from ..load import load_rules
from ..model import Rule
from .select import Proposal
from .site import SiteMiner
from .writer import KEEP_EXAMPLES, REMOVE_EXAMPLES, keep_candidates, render_file, rule_entry, rule_id

ROUNDS = 12


@functools.lru_cache(maxsize=1)
def default_rules() -> tuple[Rule, ...]:
    """The shipped packs, loaded once per process: `cleaner rules test --rules DIR` judges keep examples with them."""
    return load_rules()


@dataclass(slots=True)
class Draft:
    """A proposal on its way into a file: the examples still standing and the keep lines not yet tried."""

    proposal: Proposal
    removes: list[str]
    keeps: list[str]
    spare: list[str] = field(default_factory=list)


def file_name(site: str | None) -> str:
    """The rule file of a site (`_batch.yaml` for records without one)."""
    return f"{site}.yaml" if site is not None else "_batch.yaml"


def _drafts(miner: SiteMiner, proposals: list[Proposal]) -> list[Draft]:
    drafts = []
    for proposal in proposals:
        candidates = [line for line in keep_candidates(proposal, miner) if line not in proposal.stats.variants]
        removes = proposal.variants()[:REMOVE_EXAMPLES]
        drafts.append(Draft(proposal, removes, candidates[:KEEP_EXAMPLES], candidates[KEEP_EXAMPLES:]))
    return drafts


def render_site(miner: SiteMiner, drafts: list[Draft]) -> tuple[str, dict[str, Draft]]:
    """The file text of a site's drafts, numbered in order, and which draft each rule id came from."""
    ids = {d.proposal.key: rule_id(miner.site, n) for n, d in enumerate(drafts, 1)}
    entries, by_id = [], {}
    for number, draft in enumerate(drafts, 1):
        travels = sorted(ids[key] for key in draft.proposal.travels_with if key in ids)
        entries.append(rule_entry(draft.proposal, number, miner, draft.removes, draft.keeps, travels))
        by_id[ids[draft.proposal.key]] = draft
    return render_file(miner, entries), by_id


def _judge(rules: tuple[Rule, ...], by_id: dict[str, Draft]) -> None:
    """Run every mined example as `cleaner rules test` does; strike the ones that fail from their drafts.

    Without the RE2 screen: building it for every round costs more than running a few hundred rules on a few
    hundred one-line examples, and its equivalence with the unscreened engine is tested (tests/test_screen.py).
    """
    pack = Cleaner.from_rules([r for r in rules if r.enabled], max_removed_share=1, screen=False)
    for rule in rules:
        draft = by_id.get(rule.id)
        if draft is None:
            continue
        alone = Cleaner.from_rules([rule], max_removed_share=1, screen=False)
        for example in rule.examples:
            if example.expect == "remove":
                if not check_remove(rule, example, alone)[0]:
                    draft.removes.remove(example.text)
            elif not check_keep(rule, example, pack)[0] or (not rule.enabled and alone.clean(example.text).removals):
                draft.keeps.remove(example.text)
                if draft.spare:
                    draft.keeps.append(draft.spare.pop(0))


def settle_files(sites: list[tuple[SiteMiner, list[Proposal]]]) -> dict[str, str]:
    """The rule files (name -> text) whose every example passes; rules left without examples are dropped."""
    plans = [(miner, _drafts(miner, proposals)) for miner, proposals in sites]
    for _ in range(ROUNDS):
        plans = [(m, [d for d in drafts if d.removes and d.keeps]) for m, drafts in plans]
        texts, owners = {}, {}
        for miner, drafts in plans:
            texts[file_name(miner.site)], owned = render_site(miner, drafts)
            owners.update(owned)
        before = {id(d): (len(d.removes), tuple(d.keeps)) for _, ds in plans for d in ds}
        with tempfile.TemporaryDirectory(prefix="cleaner-mine-") as folder:
            for name, text in texts.items():
                (Path(folder) / name).write_text(text, encoding="utf-8")
            _judge(default_rules() + load_rules([folder], defaults=False), owners)
        if all(before[id(d)] == (len(d.removes), tuple(d.keeps)) for _, ds in plans for d in ds):
            return texts
    plans = [(m, [d for d in drafts if d.removes and d.keeps]) for m, drafts in plans]
    return {file_name(m.site): render_site(m, drafts)[0] for m, drafts in plans}
