"""Guess a mined rule's category from the words of the shipped packs' remove examples, else site boilerplate."""

from __future__ import annotations

import functools
from collections import Counter

from ..load import load_rules

FALLBACK = "site_boilerplate"
GUESSED = ("related_link", "wrapper")  # truncated_ending is left out: it would mark documents as cut off
_STRIP = ".,:;!?\"'()[]“”’«»|-–—/*"


def words(text: str) -> set[str]:
    """Lower-case words of three letters or more, without surrounding punctuation.

    >>> sorted(words("Baca juga: Harga (naik)"))
    ['baca', 'harga', 'juga', 'naik']
    """
    found = {w.strip(_STRIP).lower() for w in text.split()}
    return {w for w in found if len(w) >= 3 and not any(ch.isdigit() for ch in w)}


@functools.lru_cache(maxsize=1)
def vocabulary() -> dict[str, str]:
    """Words of the shipped packs' remove examples, used mostly (3 in 4) in one category and rarely in prose.

    A word the keep examples (real-looking prose) use half as often as the remove examples ("the", "said")
    says nothing about clutter and is left out.
    """
    seen: dict[str, Counter[str]] = {}
    prose: Counter[str] = Counter()
    for rule in load_rules():
        for example in rule.examples:
            if example.expect == "keep":
                prose.update(words(example.text))
            elif example.expect == "remove" and example.clean is None and rule.category in GUESSED:
                for word in words(example.text):
                    seen.setdefault(word, Counter())[rule.category] += 1
    vocabulary: dict[str, str] = {}
    for word, counts in seen.items():
        category, top = counts.most_common(1)[0]
        total = sum(counts.values())
        if top >= 0.75 * total and prose[word] <= 2 * total:
            vocabulary[word] = category
    return vocabulary


def guess_category(fixed_text: str) -> str:
    """The category whose vocabulary the fixed text of a mined rule shares most; `site_boilerplate` when none.

    >>> guess_category("Baca juga:"), guess_category("Quarterly results of the fund")
    ('related_link', 'site_boilerplate')
    """
    known = vocabulary()
    found = words(fixed_text)
    votes = Counter(known[w] for w in found if w in known)
    ranked = sorted(votes.items(), key=lambda item: (-item[1], item[0]))
    # Most of the words must point to the category: one shared word ("said") says nothing.
    if not ranked or ranked[0][1] < (1 if len(found) == 1 else max(2.0, 0.4 * len(found))):
        return FALLBACK
    return ranked[0][0]
