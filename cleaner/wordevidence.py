"""The evidence a paragraph's last word gives of a cut: dangling, broken off mid-way, half of a pair; the language."""

from __future__ import annotations

from collections import Counter

from .lastword import LETTER_WORD as _LETTER_WORD
from .lastword import (
    bound,
    dangling_language,
    ends_alike,
    folds_alike,
    is_word,
    joined,
    occurrences,
    starts_longer,
)
from .wordlist import completion_zipf as _completion
from .wordlist import zipf as _zipf
from .words import UNSPACED


class WordEvidence:
    """What the unfinished-sentence detector asks of a last word (its options are set by `UnfinishedSentence`)."""

    dangling: dict[str, frozenset[str]]
    _dangling_index: dict[str, tuple[int, ...]]
    _last_language: tuple[str | None, str | None]
    mid_word_min_letters: int
    unknown_word_zipf: float
    known_word_zipf: float
    rare_word_zipf: float
    completion_zipf_gap: float
    bound_min_count: int

    def _language(self, document: str) -> str | None:
        """The language whose dangling words occur most often in the document's first words (None: no clue)."""
        last = self._last_language  # the last document's answer (asked several times per document); one read
        if last[0] is not document:
            last = (document, dangling_language(document, self.dangling, self._dangling_index))
            self._last_language = last
        return last[1]

    def _dangling(self, fragment: str, document: str) -> bool:
        """True when the fragment's last word is one that no sentence of the text's language ends on."""
        last = _LETTER_WORD.findall(fragment[-40:])
        if not last or not fragment.endswith(last[-1]):
            return False
        language = self._language(document)
        word = last[-1].casefold()
        if language is None:
            return False
        vocab = self.dangling[language]
        return word in vocab or ("'s" in vocab and word.endswith(("'s", "’s")))

    def _mid_word(self, fragment: str, document: str, ellipsis: bool = False) -> bool:
        """True when the last word looks broken off ("negotiati").

        It occurs nowhere else in the text as a whole word (in any case), but a longer word there starts with it;
        a capitalised word counts only as a whole fragment (the first word of a new sentence).
        """
        if not self.mid_word_min_letters:
            return False
        found = _LETTER_WORD.findall(fragment[-40:])
        if not found or not fragment[-1].isalpha():
            return False
        # A capital is allowed only on a sentence's first word ("… referrals. Th"): later, it is likely a name.
        if not found[-1].islower() and (len(found) > 1 and fragment.strip() != found[-1]):
            return False
        token = found[-1].casefold()
        if len(token) < self.mid_word_min_letters or UNSPACED.search(token):
            return False
        # The text's words are only counted when casefolding the text whole cannot change them (nearly always):
        # one `str.find` over the folded text then counts the token's copies and finds a longer word it starts.
        folded = document.casefold() if folds_alike(document) and is_word(token) else None
        if folded is not None:
            copies, longer = occurrences(folded, token)
            words = None
        else:
            words = Counter(map(str.casefold, _LETTER_WORD.findall(document)))
            copies, longer = words[token], starts_longer(joined(words), token)
        if copies > 1:
            return False
        # The language's word list, when wordfreq is installed: a word it has never seen is broken off; a common
        # word ("talk", though the text also has "talking") is whole.
        language = self._language(document) if found[-1].islower() and len(found) >= 3 else None
        zipf = _zipf(token, language) if language and self.rare_word_zipf else None
        if zipf is not None and language:
            # Unknown to the language, or a rare string that starts a far commoner word ("origi", "original").
            if zipf < self.unknown_word_zipf:
                return True
            if zipf < self.rare_word_zipf and _completion(token, language) >= zipf + self.completion_zipf_gap:
                return True
        if longer:
            return True
        # Before an ellipsis a rarer ending will do: no other word of a text long enough to say (150 different
        # words) ends in the same three letters.
        if not ellipsis or len(token) < 3:
            return False
        if words is None:
            words = Counter(map(str.casefold, _LETTER_WORD.findall(document)))
        return len(words) >= 150 and not ends_alike(joined(words), token)

    def _clipped(self, fragment: str, document: str) -> bool:
        """True when the word before an ellipsis is broken off by the language's word list, in any case ("Repub…").

        Not a common word (Zipf below `known_word_zipf`), it starts one at least `completion_zipf_gap` commoner.
        """
        found = _LETTER_WORD.findall(fragment[-40:])
        if not found or not self.known_word_zipf or not fragment.endswith(found[-1]):
            return False
        language = self._language(document)  # the costly part: only when a word ends the fragment
        if language is None:
            return False
        token = found[-1].casefold()
        level = _zipf(token, language)
        if level is None or level >= self.known_word_zipf:
            return False
        return _completion(token, language) >= level + self.completion_zipf_gap

    def _zipf_of_last(self, fragment: str, document: str) -> float | None:
        """The last word's Zipf frequency in the text's language (wordfreq), or None: no word, language or list."""
        found = _LETTER_WORD.findall(fragment[-40:])
        if not found or not fragment.rstrip().endswith(found[-1]):
            return None
        language = self._language(document)
        if language is None:
            return None
        return _zipf(found[-1].casefold(), language)

    def _bound(self, fragment: str, document: str) -> bool:
        """True when the last word is the first half of a pair the text never splits ("United" before "States")."""
        return bool(self.bound_min_count) and bound(fragment, document, self.bound_min_count)
