"""kind: title_echo: the document's known title repeated as its first body line."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import regex

from ..model import KindOptions, Rule
from ..words import count_words
from .base import Claim, DocumentView, Kind, LineClaim, Phase

_TITLE_NOISE = regex.compile(r"[\s\p{P}\p{S}]+")


def _title_key(text: str) -> str:
    return str(_TITLE_NOISE.sub(" ", text)).strip().casefold()


@dataclass(frozen=True, slots=True)
class TitleEchoOptions(KindOptions):
    """The YAML keys of kind title_echo."""

    # A site name around the title: at most this many words of the title may be missing from the line.
    max_extra_words: int = field(default=6, metadata={"read": "count"})


class TitleEcho(Kind):
    """kind: title_echo: the document's known title repeated as its first body line."""

    name = "title_echo"
    Options = TitleEchoOptions
    phase = Phase.BODY

    def __init__(self, rule: Rule, timeout: float) -> None:
        super().__init__(rule, timeout)
        options = self.options_of(rule)
        assert isinstance(options, TitleEchoOptions)
        self.max_extra_words = options.max_extra_words

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

    def may_claim(self, text: str, title: str | None) -> bool:
        """Only when the first non-blank line repeats the title."""
        return bool(title) and self.repeats_title(text.lstrip().split("\n", 1)[0], title)

    def claim(self, view: DocumentView, title: str | None) -> Sequence[Claim]:
        """The first kept line, when it repeats the document's title."""
        kept = view.kept()
        if kept and self.repeats_title(kept[0].text, title):
            return (LineClaim(self.rule, (kept[0].index,)),)
        return ()
