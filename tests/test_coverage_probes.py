"""The non-English packs remove the clutter probes of docs/coverage.md, except the few left on purpose."""

from __future__ import annotations

import pytest

from cleaner import Cleaner

from .coverage_matrix import PROBE_DIR, misses

# Probes no pack removes, by choice (docs/coverage.md, "Left on purpose"): a bare word that is also a heading
# or an ordinary noun, where a line rule would take real text.
LEFT_ON_PURPOSE = {
    ("es", "ad", "Anuncio publicitario"),
    ("fr", "ad", "Annonce"),
    ("fr", "related", "Nos articles sur le sujet"),
    ("it", "related", "Approfondimenti"),
    ("ja", "related", "最新ニュース"),
}


@pytest.fixture(scope="module")
def cleaner() -> Cleaner:
    return Cleaner()


@pytest.mark.parametrize("folder", ["", "round2", "round3", "round4"])
def test_every_coverage_probe_is_removed_by_its_language_pack_but_those_left_on_purpose(
    cleaner: Cleaner, folder: str
) -> None:
    left = set(misses(cleaner, PROBE_DIR / folder if folder else PROBE_DIR))
    assert left <= LEFT_ON_PURPOSE
