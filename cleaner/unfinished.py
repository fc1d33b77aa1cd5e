"""kind: unfinished_sentence: the cut-off sentence that ends an article, called cut only on strong evidence."""

from __future__ import annotations

import regex

from .lastword import LETTER_WORD as _LETTER_WORD
from .lastword import dangling_index, recurs, strings, word_sets
from .literal_cache import literals_of
from .literals import ANY, ANY_OR_NONE, BOUNDARY, DIGIT, DIGIT_OR_NONE, END, GAP, GAP_OR_NONE, WORD, WORD_OR_NONE
from .model import Rule
from .wordevidence import WordEvidence
from .words import UNSPACED, count_words


class UnfinishedSentence(WordEvidence):
    """kind: unfinished_sentence: finds the cut-off sentence that ends the last paragraph, on strong evidence only.

    Evidence: an ellipsis or omission mark after an unfinished sentence, a last word that no
    sentence ends on in the text's language (an article, a preposition: `dangling_words`), a word broken off
    mid-way (`mid_word_min_letters`), a CJK sentence left without its full stop, or a truncation marker that a
    pattern rule already found after the paragraph. Lines that are not prose (`ignore`: list items, table
    rows, credits, agency codes) and title-case headlines are never cut.
    """

    def __init__(self, rule: Rule, timeout: float) -> None:
        self.rule = rule
        self.timeout = timeout
        self._last_language: tuple[str | None, str | None] = (None, None)  # (document, its language)
        self.enders = str(rule.option("terminal_punctuation", ""))
        closers = str(rule.option("closing_marks", "") or "")
        self.terminal = self.enders + closers
        self.min_words = rule.min_words or 2
        self.min_words_alone = int(str(rule.option("min_words_alone", 6)))
        self.dangling_min_words = int(str(rule.option("dangling_min_words", 0))) or self.min_words_alone
        self.title_case_percent = int(str(rule.option("title_case_percent", 60)))
        self.nouns_capitalised = frozenset(strings(rule.option("nouns_capitalised", ())))
        self.mid_word_min_letters = int(str(rule.option("mid_word_min_letters", 0)))
        self.unknown_word_zipf = float(str(rule.option("unknown_word_zipf", 0)))
        self.known_word_zipf = float(str(rule.option("known_word_zipf", 0)))
        self.dotted_ordinals = frozenset(strings(rule.option("dotted_ordinals", ())))
        self.rare_word_zipf = float(str(rule.option("rare_word_zipf", 0)))
        self.completion_zipf_gap = float(str(rule.option("completion_zipf_gap", 8)))
        self.bound_min_count = int(str(rule.option("bound_min_count", 0)))
        self.punctuated_min_paragraphs = int(str(rule.option("punctuated_min_paragraphs", 0)))
        self.punctuated_paragraph_words = int(str(rule.option("punctuated_paragraph_words", 15)))
        self.punctuated_alone_words = int(str(rule.option("punctuated_alone_words", 0)))
        flags = regex.V0 if rule.case_sensitive else regex.IGNORECASE
        self.ignore = tuple(regex.compile(p, flags) for p in strings(rule.option("ignore", ())))
        ellipsis = str(rule.option("ellipsis", "") or "")
        self.ellipsis = regex.compile(ellipsis + r"\s*$") if ellipsis else None
        # Text that every ellipsis holds ("...", "…"), when the prefilter's reading of the pattern gives plain text:
        # a line without it is not searched (None: always searched).
        self._ellipsis_holds = _plain_literals(ellipsis + r"\s*$") if ellipsis else None
        self.dangling = word_sets(rule.option("dangling_words", ()))
        self._dangling_index = dangling_index(self.dangling)
        self.abbreviations = frozenset(w for ws in word_sets(rule.option("abbreviations", ())).values() for w in ws)
        enders = regex.escape(self.enders)
        closing = regex.escape(closers) or "_"
        # A sentence ends at terminal punctuation (plus closing quotes or brackets) followed by space and a
        # character that is not a lower-case letter; CJK full stops need no space after them. Whether the word
        # before a full stop is an abbreviation or an ordinal is decided in `_sentence_start`.
        self.boundary = regex.compile(rf"[{enders}]+[{closing}]*(?:\s+(?=[^\p{{Ll}}\s])|(?<=[。！？][{closing}]*))")

    def may_cut(self, text: str) -> bool:
        """False when `text` surely ends finished (a full stop, no ellipsis): the engine's shortcut."""
        stripped = text.rstrip()
        if not stripped:
            return False
        if stripped[-1] not in self.terminal or stripped.endswith(("..", "…")):
            return True
        if self.ellipsis is None:
            return False
        # An ellipsis closed by a bracket ("… the...)", "[…]") ends on a closing mark: the last line is asked.
        try:
            return self.ellipsis.search(stripped, stripped.rfind("\n") + 1, timeout=self.timeout) is not None
        except TimeoutError:
            return True

    def find_cut(self, text: str, previous: str | None = None, marked: bool = False, document: str = "") -> int | None:
        """Return where the unfinished sentence starts in `text` (0: the whole line), or None if it is finished.

        `previous`: the paragraph before; `marked`: a truncation marker was found right after `text`;
        `document`: the whole text, whose words tell a word broken off mid-way from a whole one.
        """
        stripped = text.rstrip()
        ellipsis = False
        holds = self._ellipsis_holds
        if (
            self.ellipsis is not None
            and (holds is None or any(literal in stripped for literal in holds))
            and (found := self.ellipsis.search(stripped, timeout=self.timeout))
        ):
            stripped, ellipsis = stripped[: found.start()].rstrip(), True
            # A comma or dash before the ellipsis: the sentence was cut in the middle of a clause.
            if stripped[-1:] in (",", ";", "–", "—", "-") and count_words(stripped) >= self.min_words:
                marked = True
                stripped = stripped[:-1].rstrip()
        if not stripped or stripped[-1] in self.terminal:
            return None
        document = document or text
        try:
            if any(p.search(stripped, timeout=self.timeout) for p in self.ignore):
                return None
            start = self._sentence_start(stripped, document)
        except TimeoutError:
            from .errors import MatchTimeout  # errors.py imports nothing of the engine: no import loop

            raise MatchTimeout(self.rule.id, self.timeout) from None
        fragment = stripped[start:]
        words = count_words(fragment)
        # An ellipsis right after a word broken off or a dangling word is a marker of its own: the scraper's.
        if ellipsis and (self._clipped(fragment, document) or self._dangling(fragment, document)):
            marked = True
        elif ellipsis and _ENUMERATION.search(fragment, timeout=self.timeout):
            return None  # "… roads, trees, lighting…": an enumeration closed by the writer's "and so on"
        # Each piece of evidence is looked for only when the answer still depends on it (a marker decides alone).
        broken = not marked and self._broken(fragment, document, start, words, previous, ellipsis)
        if not broken and not marked:
            # A short paragraph after prose that stops on a dangling word ("The fact is that", "Start the process
            # an") is a fragment too: no heading or call to action ends on an article or a conjunction.
            short = start == 0 and words >= self.dangling_min_words and self._ends_prose(previous)
            if not (short and self._dangling(fragment, document)):
                if start == 0 and not self._after_prose(previous, words):
                    return None
                if words < self.min_words and not self._opening(fragment, document, start):
                    return None
            if self._headline(fragment, document):
                return None
        if marked or broken or self._dangling(fragment, document) or self._unspaced(stripped, start):
            return start
        if self._bound(fragment, document):
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

    def _broken(
        self, fragment: str, document: str, start: int, words: int, previous: str | None, ellipsis: bool
    ) -> bool:
        """True when the last word is broken off, after prose (or rare after a heading), and not a call to action.

        A word broken off is evidence enough even in a short fragment ("… referrals. Th"), when prose came first,
        or in a paragraph long enough to be prose itself (after a heading). After a heading, only a last word rare
        in the language will do (wordfreq: not "key", though "keyboard").
        """
        if not (start > 0 or self._ends_prose(previous)):
            last_zipf = self._zipf_of_last(fragment, document) if self._after_prose(previous, words) else None
            if last_zipf is None or last_zipf >= self.rare_word_zipf:
                return False
        if not (self._mid_word(fragment, document, ellipsis) or self._clipped(fragment, document)):
            return False
        if start == 0 and words <= 3 and len((_LETTER_WORD.findall(fragment[-40:]) or [""])[-1]) >= 4:
            # A short line ending on a common word ("Let's talk") is a call to action, not a cut.
            last_zipf = self._zipf_of_last(fragment, document)
            return not (last_zipf is not None and 0 < self.known_word_zipf <= last_zipf)
        return True

    def _opening(self, fragment: str, document: str, start: int) -> bool:
        """A one-word sentence after another ("… in the report. She") whose word occurs elsewhere or is broken off.

        ("Landlor"): not a name signing off once ("Thanks for reading! Tom").
        """
        return start > 0 and (recurs(fragment, document) or self._clipped(fragment, document))

    def _sentence_start(self, text: str, document: str | None = None) -> int:
        """Where the last sentence of `text` starts: after its last sentence end that is not an abbreviation.

        `document`: the text whose language decides whether a number before a full stop is an ordinal (None: any).
        """
        for match in reversed(list(self.boundary.finditer(text, timeout=self.timeout))):
            before = _LAST_TOKEN.search(text, 0, match.start())
            token = before.group() if before else ""
            # A number is an ordinal ("18. April") only in a language that writes ordinals so, and not after a
            # currency sign or a thousands separator ("$62. While", "1,250. The").
            number = before is not None and token.isdigit()
            language = self._language(document) if number and document is not None else None
            ordinal = number and before is not None and (language is None or language in self.dotted_ordinals)
            if ordinal and before is not None and text[max(0, before.start() - 1) : before.start()] in _AMOUNT:
                ordinal = False
            if number and not ordinal:
                return int(match.start()) + len(str(match.group()).rstrip())
            if text[match.start()] == "." and len(str(match.group()).rstrip()) == 1 and self._abbreviation(token):
                continue
            return int(match.start()) + len(str(match.group()).rstrip())
        return 0

    def _abbreviation(self, token: str) -> bool:
        """True for a word that a full stop after does not end a sentence: an abbreviation, an initial, an ordinal."""
        bare = token.rstrip(".").casefold()
        return (
            bare in self.abbreviations
            or (len(bare) == 1 and bare.isalpha())  # an initial: "J. Smith"
            or "." in bare  # a dotted abbreviation: "U.S.", "z.B."
            or (bare.isdigit() and len(bare) <= 2)  # an ordinal: "18. April", "am 3. Mai"
        )

    def _after_prose(self, previous: str | None, words: int) -> bool:
        """A paragraph with no sentence end is a fragment only when long enough and not the document's only line."""
        return words >= self.min_words_alone and previous is not None

    def _ends_prose(self, previous: str | None) -> bool:
        """True when the paragraph before ends with a sentence end."""
        return previous is not None and previous.rstrip()[-1:] in tuple(self.terminal)

    def _headline(self, fragment: str, document: str) -> bool:
        """True for a title-case line: most of its longer words start with a capital letter.

        Not in languages that capitalise every noun (`nouns_capitalised`), where prose looks the same.
        """
        long = [w for w in _LETTER_WORD.findall(fragment) if len(w) > 3]
        capital = sum(w[0].isupper() for w in long)
        if len(long) < 2 or capital * 100 < self.title_case_percent * len(long):
            return False  # not title case: the language need not be asked
        return not (self.nouns_capitalised and self._language(document) in self.nouns_capitalised)

    def _unspaced(self, text: str, start: int) -> bool:
        """True for a CJK paragraph whose last sentence, after a CJK full stop, has no full stop of its own."""
        return start > 0 and text[start - 1] in "。！？" and bool(UNSPACED.search(text[-1]))

    def _punctuated(self, document: str, fragment: str, lead_ins: bool = False) -> bool:
        """True when the document's other prose paragraphs all end with a sentence end.

        Prose paragraphs are lines of `punctuated_paragraph_words` words or more; at least
        `punctuated_min_paragraphs` of them are needed.
        """
        needed, long = self.punctuated_min_paragraphs, self.punctuated_paragraph_words
        if not needed:
            return False
        ends = self.terminal + (":" if lead_ins else "")
        # List items and table rows (the first two `ignore` patterns) often go without a full stop: not counted.
        ignore = self.ignore[:2] + self.ignore[3:]
        needle = fragment.strip()

        def prose(line: str) -> bool:
            return not (
                count_words(line) < long or needle in line or any(p.search(line, timeout=self.timeout) for p in ignore)
            )

        # A prose paragraph without its sentence end decides alone (the writer does not always punctuate): those
        # are looked at first, then punctuated ones are counted only until enough are found.
        punctuated = []
        for line in document.splitlines():
            if len(line) < long:
                continue  # a line never has more words than characters
            end = line.rstrip()[-1:]
            if end and end in ends:
                punctuated.append(line)
            elif prose(line):
                return False
        found = 0
        for line in punctuated:
            found += prose(line)
            if found >= needed:
                return True
        return False


def _plain_literals(pattern: str) -> tuple[str, ...] | None:
    """Strings one of which every match of `pattern` holds, compared as they are, or None when not known so.

    From the prefilter's reading of the pattern (`literal_cache.literals_of`, a superset of what it matches): only
    literals to find anywhere, with no placeholder for a class of characters and no case to fold.
    """
    found = literals_of(pattern)
    if found is None or found[0] or not found[1]:
        return None
    plain = tuple(sorted(found[1]))
    if any(c in _MARKS or c.lower() != c or c.upper() != c for literal in plain for c in literal):
        return None
    return plain


# The characters that stand for a class of characters (a gap, a word, the line end) in the prefilter's literals.
_MARKS = frozenset([GAP, GAP_OR_NONE, WORD, WORD_OR_NONE, ANY, ANY_OR_NONE, END, DIGIT, DIGIT_OR_NONE, BOUNDARY])
# Two or more list items of at most four words each, separated by commas, at the end: "A, B, C".
_ENUMERATION = regex.compile(r"(?:,\s*(?:[^\s,.;:!?]+\s+){0,3}[^\s,.;:!?]+){2}\s*$")
_AMOUNT = frozenset("$€£¥,")  # before a number: an amount, not an ordinal
_LAST_TOKEN = regex.compile(r"[\p{L}\p{N}.]+$")
