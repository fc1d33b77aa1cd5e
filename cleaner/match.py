"""Rule kinds, one small class each in the closed KINDS registry; they find spans and never change text."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from urllib.parse import urlsplit

import regex

from .model import Rule
from .teaser_block import TeaserBlock
from .unfinished import UnfinishedSentence
from .words import count_words

# UnfinishedSentence and count_words live in their own modules and are re-exported with the other kinds.
__all__ = [
    "KINDS",
    "DocumentTimeout",
    "LineView",
    "MatchTimeout",
    "Matcher",
    "PatternMatcher",
    "TeaserBlock",
    "TitleEcho",
    "UnfinishedSentence",
    "applies_to",
    "compile_rule",
    "count_words",
    "host_of",
]


class MatchTimeout(TimeoutError):
    """A rule's pattern ran past the time limit on one document."""

    def __init__(self, rule_id: str, seconds: float) -> None:
        self.rule_id = rule_id
        super().__init__(f"rule {rule_id} ran past the {seconds:g}s time limit")


class DocumentTimeout(MatchTimeout):
    """One document took longer than its budget for all rules together (each match has its own limit too)."""

    def __init__(self, seconds: float) -> None:
        self.rule_id = ""
        TimeoutError.__init__(self, f"the document ran past its {seconds:g}s budget for all rules")


def host_of(url: str | None) -> str | None:
    """Return the lower-case host of a URL, or None.

    >>> host_of("https://www.Example.com/a?b")
    'www.example.com'
    """
    if not url:
        return None
    host = urlsplit(url if "//" in url else "//" + url).hostname
    return host.lower() if host else None


def applies_to(rule: Rule, lang: str | None, host: str | None) -> bool:
    """True when a rule's language and domain guards admit this document."""
    if lang is not None and rule.language != "any" and rule.language != lang.split("-")[0].split("_")[0].lower():
        return False
    if rule.domains:
        return host is not None and any(host == d or host.endswith("." + d) for d in rule.domains)
    return True


class LineView:
    """One non-blank line, its position among the document's non-blank lines (1-based), its word count."""

    __slots__ = ("_words", "from_end", "from_start", "text")

    def __init__(self, text: str, from_start: int, from_end: int) -> None:
        self.text = text
        self.from_start = from_start
        self.from_end = from_end
        self._words = -1

    @property
    def words(self) -> int:
        """The line's word count, counted once however many rules ask."""
        if self._words < 0:
            self._words = count_words(self.text)
        return self._words


class PatternMatcher:
    """kind: pattern: a `regex` pattern with guards, deleting a line, a span, the tail or the head."""

    def __init__(self, rule: Rule, timeout: float) -> None:
        flags = regex.V0 if rule.case_sensitive else regex.IGNORECASE
        self.rule = rule
        self.scope = rule.scope
        self.timeout = timeout
        self._flags = flags
        self.positioned = rule.first_lines is not None or rule.last_lines is not None
        self.counts_words = rule.max_words is not None or rule.min_words is not None

    # Compiled when the prefilter first flags a line for the rule, not at start-up: a process that cleans a few
    # documents (or none) compiles a few patterns, not all ~550 (about 4 s of CPU).
    @functools.cached_property
    def pattern(self) -> regex.Pattern[str]:
        """The rule's compiled pattern."""
        return regex.compile(self.rule.pattern, self._flags)

    @functools.cached_property
    def unless(self) -> tuple[regex.Pattern[str], ...]:
        """The rule's compiled `unless` patterns."""
        return tuple(regex.compile(p, self._flags) for p in self.rule.unless)

    def _position_ok(self, line: LineView) -> bool:
        rule = self.rule
        if rule.first_lines is not None and line.from_start > rule.first_lines:
            return False
        return rule.last_lines is None or line.from_end <= rule.last_lines

    def _words_ok(self, words: int) -> bool:
        rule = self.rule
        return (rule.max_words is None or words <= rule.max_words) and (
            rule.min_words is None or words >= rule.min_words
        )

    def _unless(self, text: str) -> bool:
        try:
            return any(p.search(text, timeout=self.timeout) for p in self.unless)
        except TimeoutError:
            raise MatchTimeout(self.rule.id, self.timeout) from None

    def matches_line(self, line: LineView) -> bool:
        """True when the whole line is this rule's to delete (scopes line, tail, head and block)."""
        if not self._position_ok(line):
            return False
        try:
            found = self.pattern.search(line.text, timeout=self.timeout) is not None
        except TimeoutError:
            raise MatchTimeout(self.rule.id, self.timeout) from None
        # Words are counted only for lines the pattern matched, and once per line (LineView caches it).
        return found and (not self.counts_words or self._words_ok(line.words)) and not self._unless(line.text)

    def find_spans(self, line: LineView) -> Iterator[tuple[int, int]]:
        """Yield [start, end) offsets inside the line of each match to delete (scope span)."""
        if not self._position_ok(line):
            return
        try:
            matches = list(self.pattern.finditer(line.text, timeout=self.timeout))
        except TimeoutError:
            raise MatchTimeout(self.rule.id, self.timeout) from None
        if not matches or self._unless(line.text):
            return
        for match in matches:
            if match.end() > match.start() and (not self.counts_words or self._words_ok(count_words(match.group()))):
                yield match.start(), match.end()


_TITLE_NOISE = regex.compile(r"[\s\p{P}\p{S}]+")


def _title_key(text: str) -> str:
    return str(_TITLE_NOISE.sub(" ", text)).strip().casefold()


class TitleEcho:
    """kind: title_echo: the document's known title repeated as its first body line."""

    def __init__(self, rule: Rule, timeout: float) -> None:
        self.rule = rule
        self.max_extra_words = int(str(rule.option("max_extra_words", 6)))

    def repeats_title(self, line: str, title: str | None) -> bool:
        """True when `line` is the title, or the title without a short site-name suffix or prefix."""
        if not title:
            return False
        line_key, title_key = _title_key(line), _title_key(title)
        if not line_key or count_words(line_key) < 2:
            return False
        if line_key == title_key:
            return True
        if line_key in title_key:
            extra = title_key.replace(line_key, " ", 1)
            return count_words(extra) <= self.max_extra_words and (
                title_key.startswith(line_key) or title_key.endswith(line_key)
            )
        return False


Matcher = PatternMatcher | UnfinishedSentence | TitleEcho | TeaserBlock
KINDS: dict[str, type[PatternMatcher] | type[UnfinishedSentence] | type[TitleEcho] | type[TeaserBlock]] = {
    "pattern": PatternMatcher,
    "unfinished_sentence": UnfinishedSentence,
    "title_echo": TitleEcho,
    "teaser_block": TeaserBlock,  # teaser_block.py
}


def compile_rule(rule: Rule, timeout: float = 1.0) -> Matcher:
    """Build the matcher of a rule's kind; patterns compile here, once."""
    return KINDS[rule.kind](rule, timeout)
