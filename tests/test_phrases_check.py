"""The prefilter's checks written as a trie match exactly where the plain alternation of their literals does."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from cleaner import load_rules
from cleaner.literal_cache import line_literals_for, literals_for
from cleaner.literals import ANY, ANY_OR_NONE, BOUNDARY, DIGIT, DIGIT_OR_NONE, END, GAP, GAP_OR_NONE, WORD, WORD_OR_NONE
from cleaner.phrases import _CHECK_TOKENS, _chars, check

# What each mark of a literal stands for in the probes built from it.
_SAMPLES = {
    GAP: " ",
    GAP_OR_NONE: "",
    WORD: "abc",
    WORD_OR_NONE: "",
    DIGIT: "12",
    DIGIT_OR_NONE: "",
    ANY: "x y",
    ANY_OR_NONE: "",
    END: "",
    BOUNDARY: "",
}


def _plain(literals: tuple[str, ...], leading: bool) -> re.Pattern[str]:
    """The checks as they were first written: one alternative per literal."""
    parts = []
    for literal in literals:
        pieces = []
        for char in literal:
            if char in _CHECK_TOKENS:
                pieces.append(_CHECK_TOKENS[char])
                continue
            found = _chars(char)
            pieces.append(re.escape(found[0]) if len(found) == 1 else "[" + "".join(map(re.escape, found)) + "]")
        parts.append("".join(pieces))
    alternatives = "|".join(f"(?:{part})" for part in parts)
    return re.compile(f"[^0-9a-z\\n]*(?:{alternatives})" if leading else alternatives)


def _probes(literals: tuple[str, ...]) -> list[str]:
    """Texts holding each literal (marks filled in), cut short, run on and glued to the next one."""
    filled = ["".join(_SAMPLES.get(char, char) for char in literal) for literal in literals]
    probes = ["", "— ", "x"]
    for text in filled:
        probes += [text, "— " + text, text[:-1], text + "z", text + "\nnext", "x " + text]
    probes += ["".join(filled[:3]), " / ".join(filled[-3:])]
    return probes


def _agree(literals: tuple[str, ...]) -> None:
    probes = _probes(literals)
    for leading in (True, False):
        fast, plain = check(literals, leading), _plain(literals, leading)
        for text in probes:
            for position in range(min(len(text), 4) + 1):
                assert bool(fast.match(text, position)) == bool(plain.match(text, position)), (literals, text)
            assert bool(fast.search(text)) == bool(plain.search(text)), (literals, text)


def test_every_shipped_rules_checks_match_where_their_plain_alternation_does() -> None:
    patterns = sorted({rule.pattern for rule in load_rules() if rule.pattern})
    sets: set[tuple[str, ...]] = set()
    for found in literals_for(patterns):
        if found is not None:
            sets.update(tuple(sorted(part)) for part in found if part)
    sets.update(tuple(sorted(lines)) for lines in line_literals_for(patterns) if lines)
    assert len(sets) > 300
    for literals in sorted(sets):
        _agree(literals)


_LITERAL = st.text(alphabet=st.sampled_from([*"ab ", "ß", GAP, GAP_OR_NONE, WORD, DIGIT, ANY_OR_NONE, END]), max_size=6)


@given(st.lists(_LITERAL, min_size=1, max_size=6), st.lists(st.text(alphabet="ab ß1\n—", max_size=10), max_size=8))
def test_a_trie_of_any_literals_matches_as_their_alternation(literals: list[str], texts: list[str]) -> None:
    ordered = tuple(dict.fromkeys(literals))
    for leading in (True, False):
        fast, plain = check(ordered, leading), _plain(ordered, leading)
        for text in texts + _probes(ordered):
            assert bool(fast.match(text)) == bool(plain.match(text)), (ordered, text)
            assert bool(fast.search(text)) == bool(plain.search(text)), (ordered, text)
