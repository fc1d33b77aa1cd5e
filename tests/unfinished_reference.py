"""The unfinished-sentence detector as it was before its speed work: the oracle its equivalence test compares with.

Every check evaluated in the order the rule's comments give, word counts and scans in Python; kept verbatim (only
renamed) so the faster detector in `cleaner/unfinished.py` can be held to the same answers on any text.
"""

from __future__ import annotations

from collections import Counter

import regex

from cleaner.lastword import LETTER_WORD, recurs
from cleaner.lastword import LETTER_WORD as _LETTER_WORD
from cleaner.unfinished import _AMOUNT, _ENUMERATION, _LAST_TOKEN, UnfinishedSentence
from cleaner.wordlist import completion_zipf as _completion
from cleaner.wordlist import zipf as _zipf
from cleaner.words import UNSPACED, count_words


def _bound_reference(fragment: str, document: str, min_count: int) -> bool:
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


def _dangling_language_reference(document: str, dangling: dict[str, frozenset[str]]) -> str | None:
    """The language whose dangling words occur most often in the document's first words (None: no clue)."""
    counts = Counter(w.casefold() for w in LETTER_WORD.findall(document[:3000]))
    scores = {lang: sum(counts[w] for w in vocab if w in counts) for lang, vocab in dangling.items()}
    best = max(scores, key=lambda k: scores[k], default=None)
    return best if best is not None and scores[best] >= 3 else None


class ReferenceUnfinished(UnfinishedSentence):
    """The detector before its speed work (same options, same answers expected)."""

    def find_cut(self, text: str, previous: str | None = None, marked: bool = False, document: str = "") -> int | None:
        """Return where the unfinished sentence starts in `text` (0: the whole line), or None if it is finished.

        `previous`: the paragraph before; `marked`: a truncation marker was found right after `text`;
        `document`: the whole text, whose words tell a word broken off mid-way from a whole one.
        """
        stripped = text.rstrip()
        ellipsis = False
        if self.ellipsis is not None and (found := self.ellipsis.search(stripped, timeout=self.timeout)):
            stripped, ellipsis = stripped[: found.start()].rstrip(), True
            # A comma or dash before the ellipsis: the sentence was cut in the middle of a clause.
            if stripped[-1:] in (",", ";", "–", "—", "-") and count_words(stripped) >= self.min_words:
                marked = True
                stripped = stripped[:-1].rstrip()
        if not stripped or stripped[-1] in self.terminal:
            return None
        try:
            if any(p.search(stripped, timeout=self.timeout) for p in self.ignore):
                return None
            start = self._sentence_start(stripped, self._language(document or text))
        except TimeoutError:
            from cleaner.errors import MatchTimeout  # errors.py imports nothing of the engine: no import loop

            raise MatchTimeout(self.rule.id, self.timeout) from None
        fragment = stripped[start:]
        words = count_words(fragment)
        document = document or text
        # An ellipsis right after a word broken off or a dangling word is a marker of its own: the scraper's.
        if ellipsis and (self._clipped(fragment, document) or self._dangling(fragment, document)):
            marked = True
        elif ellipsis and _ENUMERATION.search(fragment, timeout=self.timeout):
            return None  # "… roads, trees, lighting…": an enumeration closed by the writer's "and so on"
        # A word broken off is evidence enough even in a short fragment ("… referrals. Th"), when prose came first,
        # or in a paragraph long enough to be prose itself (after a heading).
        # After a heading, only a last word rare in the language will do (wordfreq: not "key", though "keyboard").
        last_zipf = self._zipf_of_last(fragment, document)
        rare = self._after_prose(previous, words) and last_zipf is not None and last_zipf < self.rare_word_zipf
        after = start > 0 or self._ends_prose(previous) or rare
        broken = (self._mid_word(fragment, document, ellipsis) or self._clipped(fragment, document)) and after
        long_last = len((_LETTER_WORD.findall(fragment[-40:]) or [""])[-1]) >= 4
        common = long_last and last_zipf is not None and 0 < self.known_word_zipf <= last_zipf
        if broken and start == 0 and words <= 3 and common:
            broken = False  # a short line ending on a common word ("Let's talk") is a call to action, not a cut
        # A short paragraph after prose that stops on a dangling word ("The fact is that", "Start the process an")
        # is a fragment too: no heading or call to action ends on an article or a conjunction.
        short = start == 0 and words >= self.dangling_min_words and self._ends_prose(previous)
        dangling_alone = short and self._dangling(fragment, document)
        # A one-word sentence after another ("… in the report. She") is a cut when the word occurs elsewhere in the
        # text or is broken off ("Landlor"): not a name signing off once ("Thanks for reading! Tom").
        opening = start > 0 and (recurs(fragment, document) or self._clipped(fragment, document))
        lone = words < self.min_words and not opening
        if (
            not broken
            and not marked
            and not dangling_alone
            and (lone or (start == 0 and not self._after_prose(previous, words)))
        ):
            return None
        if self._headline(fragment, document) and not marked and not broken:
            return None
        evidence = marked or broken or self._dangling(fragment, document) or self._unspaced(stripped, start)
        if evidence or self._bound(fragment, document):
            return start
        # A sentence that follows another in its paragraph, in a text whose other prose paragraphs all end with
        # a full stop: the writer punctuates, so the missing one is the scraper's. A paragraph with no sentence
        # end at all needs more: prose before it, `punctuated_alone_words` words, a lower-case last word.
        last = _LETTER_WORD.findall(fragment[-40:])
        lower = bool(last) and last[-1].islower() and fragment.endswith(last[-1])
        if start > 0:
            return start if self._punctuated(document, stripped, lower and not ellipsis) else None
        alone = self.punctuated_alone_words and words >= self.punctuated_alone_words and self._ends_prose(previous)
        return 0 if alone and lower and self._punctuated(document, fragment) else None

    def _sentence_start(self, text: str, language: str | None = None) -> int:
        """Where the last sentence of `text` starts: after its last sentence end that is not an abbreviation."""
        for match in reversed(list(self.boundary.finditer(text, timeout=self.timeout))):
            before = _LAST_TOKEN.search(text, 0, match.start())
            token = before.group() if before else ""
            # A number is an ordinal ("18. April") only in a language that writes ordinals so, and not after a
            # currency sign or a thousands separator ("$62. While", "1,250. The").
            number = before is not None and token.isdigit()
            ordinal = number and before is not None and (language is None or language in self.dotted_ordinals)
            if ordinal and before is not None and text[max(0, before.start() - 1) : before.start()] in _AMOUNT:
                ordinal = False
            if number and not ordinal:
                return int(match.start()) + len(str(match.group()).rstrip())
            if text[match.start()] == "." and len(str(match.group()).rstrip()) == 1 and self._abbreviation(token):
                continue
            return int(match.start()) + len(str(match.group()).rstrip())
        return 0

    def _language(self, document: str) -> str | None:
        """The language whose dangling words occur most often in the document's first words (None: no clue)."""
        last = self._last_language  # the last document's answer (asked several times per document); one read
        if last[0] is not document:
            last = (document, _dangling_language_reference(document, self.dangling))
            self._last_language = last
        return last[1]

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
        words = Counter(w.casefold() for w in _LETTER_WORD.findall(document))
        if words[token] > 1:
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
        if any(len(w) > len(token) and w.startswith(token) for w in words):
            return True
        # Before an ellipsis a rarer ending will do: no other word of a text long enough to say (150 different
        # words) ends in the same three letters.
        if not ellipsis or len(token) < 3 or len(words) < 150:
            return False
        return not any(w.endswith(token[-3:]) and w != token for w in words)

    def _clipped(self, fragment: str, document: str) -> bool:
        """True when the word before an ellipsis is broken off by the language's word list, in any case ("Repub…").

        Not a common word (Zipf below `known_word_zipf`), it starts one at least `completion_zipf_gap` commoner.
        """
        found = _LETTER_WORD.findall(fragment[-40:])
        language = self._language(document)
        if not found or language is None or not self.known_word_zipf or not fragment.endswith(found[-1]):
            return False
        token = found[-1].casefold()
        level = _zipf(token, language)
        if level is None or level >= self.known_word_zipf:
            return False
        return _completion(token, language) >= level + self.completion_zipf_gap

    def _zipf_of_last(self, fragment: str, document: str) -> float | None:
        """The last word's Zipf frequency in the text's language (wordfreq), or None: no word, language or list."""
        found = _LETTER_WORD.findall(fragment[-40:])
        language = self._language(document)
        if not found or language is None or not fragment.rstrip().endswith(found[-1]):
            return None
        return _zipf(found[-1].casefold(), language)

    def _punctuated(self, document: str, fragment: str, lead_ins: bool = False) -> bool:
        """True when the document's other prose paragraphs all end with a sentence end.

        Prose paragraphs are lines of `punctuated_paragraph_words` words or more; at least
        `punctuated_min_paragraphs` of them are needed.
        """
        if not self.punctuated_min_paragraphs:
            return False
        prose = [
            line.rstrip()
            for line in document.splitlines()
            if count_words(line) >= self.punctuated_paragraph_words
            and fragment.strip() not in line
            and not any(p.search(line, timeout=self.timeout) for p in self.ignore[:2] + self.ignore[3:])
        ]
        # List items and table rows (the first two `ignore` patterns) often go without a full stop: not counted.
        ends = self.terminal + (":" if lead_ins else "")
        return len(prose) >= self.punctuated_min_paragraphs and all(line[-1] in ends for line in prose)

    def _bound(self, fragment: str, document: str) -> bool:
        """True when the last word is the first half of a pair the text never splits ("United" before "States")."""
        return bool(self.bound_min_count) and _bound_reference(fragment, document, self.bound_min_count)
