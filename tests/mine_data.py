"""An invented multi-site dump for the mining tests: prose, per-site furniture, syndicated and re-published stories."""

from __future__ import annotations

import json
import random
from pathlib import Path

WORDS = [
    *("harbour", "council", "budget", "ferry", "tide", "crane", "union", "market", "river", "bridge", "school"),
    *("winter", "festival", "vote", "mayor", "fishermen", "cargo", "port", "storm", "rail", "tunnel", "museum"),
    *("library", "grain", "price", "lorry", "dock", "route", "pier", "season", "crew", "inspector", "report"),
    *("plan", "repair", "fund", "tax", "village", "district", "court", "hearing", "contract", "engineer"),
    *("survey", "water", "power", "line", "road", "coast", "lighthouse", "boat", "weather", "forecast"),
    *("timber", "mill", "wage", "strike", "talks", "deal", "minister"),
]
VERBS = ["approved", "delayed", "opened", "closed", "reviewed", "rejected", "funded", "repaired", "announced"]
CREDITS = ["Ana Ruiz", "Tom Kerr", "Li Wen"]

SERIES_QUOTE = "“We will not stop until every pier on this coast is safe again,” the harbour master said on the radio."
SYNDICATED = [
    "The ferry link between the two islands will close for six weeks while engineers replace the old pier.",
    "Island councils said the closure would cost shops and guesthouses a large share of their summer trade.",
    "A temporary boat service will carry foot passengers twice a day, the operator said in a statement.",
    "Repairs were first planned three years ago but were delayed twice when the bids came in over budget.",
    "Residents who need hospital visits on the mainland can book a seat on the supply boat, officials said.",
    "The operator expects the new pier to open before the autumn storms, weather permitting.",
]
REPUBLISHED = [
    "Grain prices at the river market rose for the fourth week in a row as barges waited for the water to rise.",
    "Traders said low water on the upper river had cut the loads each barge can carry by nearly half.",
    "The market board said it would publish daily prices until the river returned to its usual level.",
    "Millers in the valley have started to buy from the rail depot instead, paying more for the transport.",
    "Farmers who stored last year's harvest are the only ones gaining from the jump, one trader said.",
]


def sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(6, 11))]
    words.insert(rng.randint(1, 4), rng.choice(VERBS))
    return " ".join(words).capitalize() + " in " + rng.choice(WORDS) + " street."


def prose(rng: random.Random, count: int) -> list[str]:
    return [sentence(rng) + " " + sentence(rng) for _ in range(count)]


def headline(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 7))).capitalize()


def harbourpost(rng: random.Random, number: int) -> list[str]:
    lines = prose(rng, 3)
    if number % 2 == 0:
        lines.append(f"Read also: {headline(rng)}")
    if number % 3 != 2:
        lines.insert(1, f"{headline(rng)} at the {rng.choice(WORDS)} - Photo: {rng.choice(CREDITS)}")
    if number % 5 in (0, 1):
        lines.insert(0, f"Updated {rng.randint(1, 12)}:{rng.randint(10, 59)} GMT")
    if number % 3 == 0:
        lines += ["We use cookies to run this site.", "Manage your choices in the settings.", "Accept all"]
    if number % 6 == 1:
        lines.insert(2, SERIES_QUOTE)
    if number % 4 == 3:
        lines.append("Share this article")
    lines += prose(rng, 2)
    lines.append("Subscribe to the Harbour Post morning letter")
    return lines


def coastaldaily(rng: random.Random, number: int) -> list[str]:
    lines = prose(rng, 4)
    if number % 2:
        lines.append("Share this article")
    return [*lines, "Coastal Daily. All rights reserved."]


def kabarkota(rng: random.Random, number: int) -> list[str]:
    lines = prose(rng, 3)
    lines.insert(2, "GULIR UNTUK MELANJUTKAN")
    if number % 2:
        lines.append(f"Baca juga: {headline(rng)}")
    if number % 3 == 0:
        lines.append("Share this article")
    return lines


def records(seed: int = 7) -> list[dict[str, str]]:
    """The dump: three sites (one story on two of them, one story three times on one), and records without a URL."""
    rng = random.Random(seed)
    out: list[dict[str, str]] = []

    def add(site: str | None, name: str, lines: list[str]) -> None:
        record = {"id": f"{name}-{len(out):03d}", "text": "\n".join(lines)}
        if site:
            record["url"] = f"https://{site}/news/{len(out)}"
        out.append(record)

    for number in range(24):
        add("www.harbourpost.example", "hp", harbourpost(rng, number))
        if number in (4, 11, 19):  # re-published: the same story three times, a new teaser line each time
            add("www.harbourpost.example", "hp", [*REPUBLISHED, f"Read also: {headline(rng)}"])
        if number == 8:
            add("www.harbourpost.example", "hp", [*SYNDICATED, "Subscribe to the Harbour Post morning letter"])
    for number in range(12):
        add("news.coastaldaily.example", "cd", coastaldaily(rng, number))
        if number == 5:
            add("news.coastaldaily.example", "cd", [*SYNDICATED, "Coastal Daily. All rights reserved."])
    for number in range(15):
        add("kabarkota.example", "kk", kabarkota(rng, number))
    for number in range(6):
        add(None, "wire", [*prose(rng, 3), "Sent from the wire desk."])
        if number < 3:
            add(None, "wire", REPUBLISHED)
    return out


def write_dump(path: Path, seed: int = 7) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records(seed)), encoding="utf-8")
    return path
