"""The HTML report in a real browser: headless Chromium renders the report of a real run, with the stats' numbers."""

from __future__ import annotations

import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from .report_support import clean_run

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
HOW_TO_GET_ONE = (
    "no headless Chromium on this machine; install one to run the browser test: "
    "`sudo apt-get install -y --no-install-recommends chromium` (Debian/Ubuntu; .ci/run does this in CI)"
)


def browser() -> str:
    found = next((path for name in BROWSERS if (path := shutil.which(name))), None)
    if found is None:
        pytest.skip(HOW_TO_GET_ONE)
    return found


def headless(binary: str, profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run Chromium headless with no network at all (every host name fails to resolve) and a throwaway profile."""
    command = [
        binary,
        "--headless",
        "--no-sandbox",  # CI runs as root, where Chromium's sandbox cannot start
        "--disable-gpu",
        "--disable-dev-shm-usage",  # containers often have a small /dev/shm
        "--no-first-run",
        "--disable-extensions",
        "--host-resolver-rules=MAP * ~NOTFOUND",
        f"--user-data-dir={profile}",
        *args,
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)


class Figures(HTMLParser):
    """The text of every element carrying data-stat, and every script element, of a rendered DOM."""

    def __init__(self) -> None:
        super().__init__()
        self.stats: dict[str, str] = {}
        self.scripts = 0
        self.report = False
        self._open: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = dict(attrs)
        self.scripts += tag == "script"
        self.report = self.report or named.get("data-report") == "article-cleaner"
        if "data-stat" in named:
            self._open = named["data-stat"]
            self.stats[self._open or ""] = ""

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self.stats[self._open] += data

    def handle_endtag(self, tag: str) -> None:
        self._open = None


def test_chromium_renders_the_report_of_a_real_run_with_the_stats_numbers(tmp_path: Path) -> None:
    binary = browser()
    status, run = clean_run(tmp_path / "run")
    assert status == 1  # the broken dump sets records aside, and the report lists them
    rendered = headless(binary, tmp_path / "profile", "--dump-dom", run.report.as_uri())
    assert rendered.returncode == 0, rendered.stderr[-2000:]
    figures = Figures()
    figures.feed(rendered.stdout)
    assert figures.report, "the browser did not render the report page"
    assert figures.scripts == 0  # no script at all: nothing that could raise an error or fetch anything
    stats = run.stats_record()
    shown = {key: int(text.replace(",", "")) for key, text in figures.stats.items()}
    assert shown == {key: stats[key] for key in shown}
    assert set(shown) >= {"documents_read", "documents_changed", "documents_set_aside", "removals"}
    assert "this line is not JSON at all" in rendered.stdout  # the rejected records


def test_chromium_takes_a_screenshot_of_the_report(tmp_path: Path) -> None:
    binary = browser()
    _, run = clean_run(tmp_path / "run", "small.jsonl")
    shot = tmp_path / "report.png"
    taken = headless(
        binary, tmp_path / "profile", "--window-size=1200,1600", f"--screenshot={shot}", run.report.as_uri()
    )
    assert taken.returncode == 0, taken.stderr[-2000:]
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000
