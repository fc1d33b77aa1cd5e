"""The faster unfinished-sentence detector gives the answers of the one before it (tests/unfinished_reference.py)."""

from __future__ import annotations

import json
import random

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner import load_rules
from cleaner.kinds.unfinished_sentence import UnfinishedSentenceKind
from cleaner.lastword import LETTER_WORD, bound, dangling_language, folds_alike, occurrences

from .conftest import SHARED
from .unfinished_reference import ReferenceUnfinished, _bound_reference, _dangling_language_reference

(RULE,) = [r for r in load_rules() if r.id == "truncated_ending.any.unfinished_sentence"]
FAST = UnfinishedSentenceKind(RULE, 5.0)
REFERENCE = ReferenceUnfinished(RULE, 5.0)

# Invented articles whose endings cross the detector's checks: a word broken off, a dangling word, a pair never
# split, an ellipsis after a comma, an ordinal, a headline, a sign-off, a lead-in, punctuated paragraphs.
ARTICLES = [
    "The harbour board met on Monday to discuss the new ferry timetable for the winter months ahead.\n\n"
    "Negotiations with the United States shipping firms took most of the morning, and the United States delegation "
    "left before lunch without a statement for the waiting press.\n\n"
    "Officials said the negotiations would resume next week. The board expects the United",
    "Der Hafen blieb am 18. April geschlossen, nachdem der Sturm über die Küste gezogen war und viele Boote "
    "beschädigt hatte.\n\nDie Reparaturen an der Mole dauern nach Angaben der Behörde noch mehrere Wochen, "
    "bevor der Fährverkehr wieder aufgenommen werden kann.\n\nDie Stadtverwaltung kündigte an, dass die",
    "Storm Closes Three Ports On The East Coast\n\nThe storm closed three ports on Tuesday, officials said, and "
    "the ferries stayed in the harbour.\n\nPort staff worked through the night to secure the cranes, roads, trees, "
    "lighting…",
    "Le port a rouvert mardi après trois jours de tempête, selon les autorités maritimes de la région.\n\n"
    "Les ferries ont repris leur service normal dans l'après-midi, mais les retards restent nombreux pour les "
    "passagers.\n\nLes négociations avec les syndicats des dockers se poursuivent, ...",
    "Thanks for reading our coverage of the port strike this week.\n\nWe will keep you posted on the talks.\n\nTom",
    "Rain fell across the region for the third day running, and the rivers rose above their banks near the old "
    "mill town on the plain.\n\nFarmers moved their animals to higher ground while volunteers filled sandbags at "
    "the village hall throughout the evening.\n\nThe council said the emergency shelters would stay open until the "
    "water level falls below the warning mark. Residents were told to check the negotiati",
    "Here is what you need to know:\n\n- Ports closed: three\n- Ferries cancelled: twelve\n\n"
    "For more details, see this site",
    "The market rose 2.5 percent to $62. While traders welcomed the news, analysts warned of a difficult quarter "
    "ahead for the shipping companies and their suppliers in the region\n\nShares of the largest operator gained "
    "in early trading, led by strong demand for container space on the Asian routes and a",
]


def _variants(text: str, seed: int, count: int) -> list[str]:
    """The text itself and `count` cuts of its second half, some with an ellipsis or a marker line after them."""
    rng = random.Random(seed)
    found = [text]
    for _ in range(count if len(text) > 20 else 0):
        cut = text[: rng.randrange(len(text) // 2, len(text))]
        found.append(rng.choice([cut, cut + "…", cut + "...", cut.rstrip() + ", ...", cut + " [...]"]))
    return found


def _calls(document: str) -> list[tuple[str, str | None, bool, str]]:
    """The detector's arguments for the document's last paragraph, without and with a marker after it."""
    lines = [line for line in document.splitlines() if line.strip()]
    if not lines:
        return []
    previous = lines[-2] if len(lines) > 1 else None
    return [(lines[-1], previous, marked, document) for marked in (False, True)]


def _assert_same(documents: list[str]) -> None:
    for document in documents:
        for text, previous, marked, whole in _calls(document):
            expected = REFERENCE.find_cut(text, previous, marked, whole)
            assert FAST.find_cut(text, previous, marked, whole) == expected, (text[-80:], marked)


def test_the_detector_cuts_where_it_did_before_on_invented_endings_and_every_cut_of_them() -> None:
    documents = []
    for text in ARTICLES:
        # Every word boundary of the last paragraph: each check meets endings it decides and endings it passes on.
        head, _, last = text.rpartition("\n\n")
        for match in regex.finditer(r"\s+", last):
            documents.append(f"{head}\n\n{last[: match.start()]}")
        documents.extend(_variants(text, len(text), 20))
    _assert_same(documents)


@pytest.mark.skipif(not (SHARED / "corpus").is_dir(), reason="../shared/corpus is not present")
def test_the_detector_cuts_where_it_did_before_on_real_texts_and_cuts_of_them() -> None:
    path = SHARED / "corpus" / "sites" / "sites.jsonl"
    texts = [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines()]
    documents = [v for n, text in enumerate(texts[::2]) for v in _variants(text, n, 3)]
    _assert_same(documents)


WORDS = st.sampled_from(["United", "States", "united", "Hồ", "Chí", "Minh", "it's", "s", "a", "ä", "\u0301", "ŉ"])
SEPARATORS = st.sampled_from([" ", "  ", "\n", "\u2028", "\t", "-", "'", "’", ".", ""])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(WORDS, SEPARATORS), min_size=1, max_size=30))
def test_a_pair_never_split_is_found_as_the_regex_scan_found_it(parts: list[tuple[str, str]]) -> None:
    document = "".join(word + separator for word, separator in parts)
    fragment = document.rstrip()
    for min_count in (1, 2):
        assert bound(fragment, document, min_count) == _bound_reference(fragment, document, min_count)


FUNCTION_WORDS = st.sampled_from(["the", "The", "THE", "der", "Der", "und", "of", "a", "le", "la", "de", "x", "İ"])


@settings(max_examples=200, deadline=None)
@given(st.lists(FUNCTION_WORDS, max_size=60))
def test_the_texts_language_by_its_dangling_words_is_the_one_the_counts_gave_before(words: list[str]) -> None:
    document = " ".join(words)
    assert dangling_language(document, FAST.dangling) == _dangling_language_reference(document, FAST.dangling)


LETTERS = st.sampled_from(["a", "b", "s", "S", "ß", "ẞ", "ſ", "İ", "i", "K", "\u212a", "ﬁ", "ŉ", "é", "e\u0301"])
OTHERS = st.sampled_from([" ", "'", "’", "\u0301", "\u0345", ".", "-", "1", "\n"])


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(LETTERS, OTHERS), min_size=1, max_size=40), st.integers(min_value=0, max_value=39))
def test_a_words_copies_in_the_folded_text_are_those_of_its_words(chars: list[str], pick: int) -> None:
    document = "".join(chars)
    words = [w.casefold() for w in LETTER_WORD.findall(document)]
    if not words:
        return
    token = words[pick % len(words)]
    if not folds_alike(document):
        assert "\u0345" in document  # the one character whose casefold changes what is a word
        return
    assert LETTER_WORD.findall(document.casefold()) == words
    copies, longer = occurrences(document.casefold(), token)
    assert min(copies, 2) == min(words.count(token), 2)
    if copies <= 1:
        assert longer == any(len(w) > len(token) and w.startswith(token) for w in words)


def test_a_text_with_a_mark_that_folds_to_a_letter_is_judged_as_before() -> None:
    text = ARTICLES[5].replace("volunteers", "volunteers \u0345negotiation")
    assert not folds_alike(text)
    _assert_same([text, text[:-3], text + "…"])
