"""The wheel carries the default rule packs, so a plain `pip install` cleans with them."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from .conftest import ROOT


def test_the_wheel_ships_every_rule_file_and_their_screen_literals(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
    )
    wheel = next(tmp_path.glob("article_cleaner-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    shipped = {name for name in names if name.startswith("cleaner/rules/")}
    expected = {f"cleaner/rules/{p.relative_to(ROOT / 'rules').as_posix()}" for p in (ROOT / "rules").rglob("*.yaml")}
    assert expected and expected <= shipped
    assert "cleaner/literals.json" in names  # a Cleaner starts a second sooner with it
