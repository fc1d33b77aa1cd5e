"""What a paragraph's last word says about a cut: it recurs in the text, or it is half of a pair never split."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

import regex

from .words import UNSPACED

LETTER_WORD = regex.compile(r"\p{L}[\p{L}\p{M}'’]*")
# What may not touch a whole word on either side, and what follows a word inside a paragraph: spaces that are not
# line breaks, then the next word's letters.
_LETTER_OR_MARK = regex.compile(r"[\p{L}\p{M}]")
_FOLLOWER = regex.compile(r"([^\S\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]*)([\p{L}\p{M}'’]*)")


def recurs(fragment: str, document: str) -> bool:
    """True when the fragment's last word occurs elsewhere in the document too (in any case)."""
    found = LETTER_WORD.findall(fragment[-40:])
    if not found:
        return False
    word = rf"(?<![\p{{L}}\p{{M}}]){regex.escape(found[-1])}(?![\p{{L}}\p{{M}}])"
    return len(regex.findall(word, document, flags=regex.IGNORECASE)) > 1


def _followers(token: str, document: str) -> list[tuple[str, str]]:
    r"""(space, next word) after each whole-word occurrence of `token`, as a left-to-right regex scan finds them.

    The same list as `regex.findall` of `(?<![\p{L}\p{M}])token(?![\p{L}\p{M}])` followed by `_FOLLOWER`'s groups,
    without compiling a pattern for every token: `str.find` for the (case-sensitive) token, the same one-character
    classes around it, and a scan that resumes where the last occurrence's follower ended.
    """
    found: list[tuple[str, str]] = []
    size, position = len(token), 0
    while (index := document.find(token, position)) >= 0:
        end = index + size
        if (index and _LETTER_OR_MARK.match(document, index - 1)) or _LETTER_OR_MARK.match(document, end):
            position = index + 1
            continue
        follower = _FOLLOWER.match(document, end)
        found.append((follower.group(1), follower.group(2)))
        position = follower.end()
    return found


def bound(fragment: str, document: str, min_count: int) -> bool:
    """True when the last word is the first half of a pair: elsewhere it is always followed by the same word.

    ("Hồ" before "Chí", "United" before "States", at least `min_count` times): a text that stops on it was cut
    inside the pair.
    """
    found = LETTER_WORD.findall(fragment[-40:])
    if not found or not fragment.endswith(found[-1]) or UNSPACED.search(found[-1]):
        return False
    # Only spaces inside a paragraph: a word that ends one line and starts the next is no pair (a heading repeated
    # down a page would otherwise read as "Zoonose" always followed by "Von", and its last copy as cut).
    after = _followers(found[-1], document)
    followers = {word.casefold() if space and word[:1].isalpha() else "" for space, word in after[:-1]}
    return len(after) - 1 >= min_count and len(followers) == 1 and "" not in followers


def dangling_index(dangling: dict[str, frozenset[str]]) -> dict[str, tuple[int, ...]]:
    """For each dangling word, the positions (in `dangling`'s order) of the languages that list it."""
    index: dict[str, list[int]] = {}
    for position, vocab in enumerate(dangling.values()):
        for word in vocab:
            index.setdefault(word, []).append(position)
    return {word: tuple(positions) for word, positions in index.items()}


def dangling_language(
    document: str, dangling: dict[str, frozenset[str]], index: dict[str, tuple[int, ...]] | None = None
) -> str | None:
    """The language whose dangling words occur most often in the document's first words (None: no clue).

    `index`: `dangling_index(dangling)`, when the caller keeps it (the same answer, without reading every list).
    """
    counts = Counter(map(str.casefold, LETTER_WORD.findall(document[:3000])))
    if index is None:
        index = dangling_index(dangling)
    scores = [0] * len(dangling)
    for word in counts.keys() & index.keys():
        for position in index[word]:
            scores[position] += counts[word]
    # The first language of the highest score, as `max` over the languages in order picks it.
    best = max(range(len(scores)), key=scores.__getitem__, default=None)
    return list(dangling)[best] if best is not None and scores[best] >= 3 else None


def strings(value: object) -> tuple[str, ...]:
    """A rule option's list of strings (empty when the option is not a list)."""
    return tuple(str(v) for v in value) if isinstance(value, tuple | list) else ()


def word_sets(value: object) -> dict[str, frozenset[str]]:
    """The per-language word lists of an option (a tuple of (language, words) pairs), lower-cased."""
    if not isinstance(value, tuple | list):
        return {}
    return {str(lang): frozenset(str(w).casefold() for w in words) for lang, words in value}


def joined(words: Iterable[str]) -> str:
    """The words between line feeds (no word holds one), so that one `str.find` looks at word starts or ends."""
    return "\n" + "\n".join(words) + "\n"


def starts_longer(joined: str, token: str) -> bool:
    """True when a word of `joined` (words between line feeds) is longer than `token` and starts with it."""
    needle = "\n" + token
    position = joined.find(needle)
    while position >= 0:
        if joined[position + len(needle)] != "\n":
            return True
        position = joined.find(needle, position + 1)
    return False


def ends_alike(joined: str, token: str) -> bool:
    """True when a word of `joined` (words between line feeds) other than `token` ends in its last three letters."""
    suffix = token[-3:]
    needle = suffix + "\n"
    position = joined.find(needle)
    while position >= 0:
        if joined[joined.rfind("\n", 0, position) + 1 : position + len(suffix)] != token:
            return True
        position = joined.find(needle, position + 1)
    return False


# Words (LETTER_WORD) are runs of letters, marks and apostrophes from their first letter: what each character is.
_LETTER = regex.compile(r"\p{L}")
_JOINER = regex.compile(r"[\p{M}'’]")  # inside a word, but not a letter
_WORD_CHAR = regex.compile(r"[\p{L}\p{M}'’]")
_WORD = regex.compile(r"\p{L}[\p{L}\p{M}'’]*")
_ALIKE: set[str] = set()  # characters whose casefold is of the same kind (letter, joiner, other) as they are
_UNLIKE: set[str] = set()


def _kind(char: str) -> int:
    return 2 if _LETTER.match(char) else 1 if _JOINER.match(char) else 0


def _folds_alike(char: str) -> bool:
    """True when `char` casefolds to characters of its kind.

    A letter to a letter then letters or joiners, a joiner to joiners, anything else to anything else: not U+0345,
    a combining mark that casefolds to the letter "ι".
    """
    folded = char.casefold()
    if folded == char:
        return True
    kind, kinds = _kind(char), [_kind(c) for c in folded]
    if kind == 2:
        return kinds[0] == 2 and 0 not in kinds
    return all(k == kind for k in kinds)


def folds_alike(document: str) -> bool:
    """True when the words of `document.casefold()` are the casefolds of the words of `document`, in order.

    So when every character folds alike (`_folds_alike`): a run of word characters folds to one, its leading
    joiners to joiners and its first letter to a letter, so each word folds to a word and nothing else does.
    """
    if document.isascii():
        return True
    unknown = set(document) - _ALIKE
    if unknown & _UNLIKE:
        return False
    for char in unknown:
        if not _folds_alike(char):
            _UNLIKE.add(char)
            return False
        _ALIKE.add(char)
    return True


def is_word(token: str) -> bool:
    """True when `token` is one whole word of LETTER_WORD's."""
    return _WORD.fullmatch(token) is not None


def _word_start(text: str, index: int) -> bool:
    """True when a word of `text` starts at `index` (a letter there, and no letter before it in the same run)."""
    before = index - 1
    while before >= 0 and _JOINER.match(text, before):
        before -= 1
    return before < 0 or not _LETTER.match(text, before)


def occurrences(folded: str, token: str) -> tuple[int, bool]:
    """How many words of `folded` are `token` (counting stops past one), and whether a longer word starts with it.

    `folded`: a text whose words are already casefolded (`folds_alike`); `token`: a casefolded word.
    """
    copies, longer, size = 0, False, len(token)
    index = folded.find(token)
    while index >= 0:
        if _word_start(folded, index):
            if _WORD_CHAR.match(folded, index + size):
                longer = True
            else:
                copies += 1
                if copies > 1:
                    break
        index = folded.find(token, index + 1)
    return copies, longer
