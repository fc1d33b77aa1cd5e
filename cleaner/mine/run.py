"""Mine records in two passes (count, then observe the frequent keys) and write one rule file per site."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from .cross_site import REPORT_NAME, render_report
from .select import Proposal, propose_rules
from .site import SiteMiner, Thresholds
from .verify import settle_files


class MineRecord(NamedTuple):
    """What mining reads of a record: its site (None when unknown), its id and its text."""

    site: str | None
    id: str
    text: str


@dataclass(slots=True)
class Mined:
    """The outcome of a mining run: each site's miner and proposals, and the files to write."""

    miners: list[SiteMiner]
    proposals: list[list[Proposal]]
    files: dict[str, str]

    def rule_count(self) -> tuple[int, int]:
        """(rules written, rules switched on) over every file."""
        total = on = 0
        for text in self.files.values():
            total += text.count("\n- id: ")
            on += text.count("\n- id: ") - text.count("\n  enabled: false")
        return total, on


def mine_site(site: str | None, records: Callable[[], Iterable[tuple[str, str]]], thresholds: Thresholds) -> SiteMiner:
    """Both passes over one site's (id, text) records, in the same order each time."""
    miner = SiteMiner(site, thresholds)
    for doc_id, text in records():
        miner.count(doc_id, text)
    miner.choose_candidates()
    for doc_id, text in records():
        miner.observe(doc_id, text)
    return miner


def mine_records(records: Callable[[], Iterable[MineRecord]], thresholds: Thresholds, cross_site_min: int = 2) -> Mined:
    """Mine every site of the records (read twice, in the same order) into rule files and a cross-site report.

    Sites are independent: a site's rules depend only on its own records and their order, which is what lets
    a Spark job mine each site apart and write the same files.
    """
    miners: dict[str | None, SiteMiner] = {}
    for record in records():
        miner = miners.get(record.site)
        if miner is None:
            miner = miners[record.site] = SiteMiner(record.site, thresholds)
        miner.count(record.id, record.text)
    for miner in miners.values():
        miner.choose_candidates()
    for record in records():
        miners[record.site].observe(record.id, record.text)
    return finish(list(miners.values()), cross_site_min)


def finish(miners: list[SiteMiner], cross_site_min: int = 2) -> Mined:
    """Propose, settle the examples, and render the files of mined sites (sorted by site, batch last)."""
    ordered = sorted(miners, key=lambda m: (m.site is None, m.site or ""))
    proposals = [propose_rules(miner) for miner in ordered]
    files = settle_files([(m, p) for m, p in zip(ordered, proposals, strict=True) if p])
    files[REPORT_NAME] = render_report(ordered, cross_site_min)
    return Mined(ordered, proposals, files)


def write_files(files: dict[str, str], folder: str | Path) -> list[Path]:
    """Write the files into `folder` (created), each under a temporary name first, then renamed."""
    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in sorted(files.items()):
        path = target / name
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=target, delete=False, suffix=".part") as part:
            part.write(text)
        os.chmod(part.name, 0o644)
        os.replace(part.name, path)
        written.append(path)
    return written
