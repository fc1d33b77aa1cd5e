"""What a paragraph's last word says about a cut: it recurs in the text, or it is half of a pair never split."""

from __future__ import annotations

from collections import Counter

import regex

from .words import UNSPACED

LETTER_WORD = regex.compile(r"\p{L}[\p{L}\p{M}'’]*")


def recurs(fragment: str, document: str) -> bool:
    """True when the fragment's last word occurs elsewhere in the document too (in any case)."""
    found = LETTER_WORD.findall(fragment[-40:])
    if not found:
        return False
    word = rf"(?<![\p{{L}}\p{{M}}]){regex.escape(found[-1])}(?![\p{{L}}\p{{M}}])"
    return len(regex.findall(word, document, flags=regex.IGNORECASE)) > 1


def bound(fragment: str, document: str, min_count: int) -> bool:
    """True when the last word is the first half of a pair: elsewhere it is always followed by the same word.

    ("Hồ" before "Chí", "United" before "States", at least `min_count` times): a text that stops on it was cut
    inside the pair.
    """
    found = LETTER_WORD.findall(fragment[-40:])
    if not found or not fragment.endswith(found[-1]) or UNSPACED.search(found[-1]):
        return False
    token = found[-1]
    word = rf"(?<![\p{{L}}\p{{M}}]){regex.escape(token)}(?![\p{{L}}\p{{M}}])"
    # Only spaces inside a paragraph: a word that ends one line and starts the next is no pair (a heading repeated
    # down a page would otherwise read as "Zoonose" always followed by "Von", and its last copy as cut).
    after = regex.findall(word + r"([^\S\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]*)([\p{L}\p{M}'’]*)", document)
    followers = {word.casefold() if space and word[:1].isalpha() else "" for space, word in after[:-1]}
    return len(after) - 1 >= min_count and len(followers) == 1 and "" not in followers


def dangling_language(document: str, dangling: dict[str, frozenset[str]]) -> str | None:
    """The language whose dangling words occur most often in the document's first words (None: no clue)."""
    counts = Counter(w.casefold() for w in LETTER_WORD.findall(document[:3000]))
    scores = {lang: sum(counts[w] for w in vocab if w in counts) for lang, vocab in dangling.items()}
    best = max(scores, key=lambda k: scores[k], default=None)
    return best if best is not None and scores[best] >= 3 else None


def strings(value: object) -> tuple[str, ...]:
    """A rule option's list of strings (empty when the option is not a list)."""
    return tuple(str(v) for v in value) if isinstance(value, tuple | list) else ()


def word_sets(value: object) -> dict[str, frozenset[str]]:
    """The per-language word lists of an option (a tuple of (language, words) pairs), lower-cased."""
    if not isinstance(value, tuple | list):
        return {}
    return {str(lang): frozenset(str(w).casefold() for w in words) for lang, words in value}
