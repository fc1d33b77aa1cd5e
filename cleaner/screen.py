"""The screen: one linear-time RE2 pass per document that names the few rules that could match it.

Every pattern rule is translated into an RE2 pattern that accepts at least what the rule accepts
(translate.py). One RE2 Set holding all of them reads each document once; most documents stop there. In a
document it flags, the Set reads each line again, and only the rules it reports for a line run there, with
their full `regex` patterns, guards and time limits. The screen may report too many rules, never too
few: a rule whose pattern cannot be translated runs on every document.
"""

from __future__ import annotations

from collections.abc import Sequence

import re2

from .translate import to_re2


class Screen:
    """Finds, per document, which pattern rules could match one of its lines; `always` rules run regardless."""

    def __init__(self, patterns: Sequence[str]) -> None:
        options = re2.Options()
        options.case_sensitive = False
        # A few hundred case-insensitive Unicode patterns outgrow RE2's 8 MB default and fall back to its
        # slow engine; the DFA cache is built lazily, so the memory is only used as documents need it.
        options.max_mem = 512 << 20
        self.always: list[int] = []
        self.screened: list[int] = []  # Set index -> rule index
        self._set = re2.Set.SearchSet(options)
        for index, pattern in enumerate(patterns):
            translated = to_re2(pattern)
            if translated is None:
                self.always.append(index)
                continue
            self._set.Add(translated)
            self.screened.append(index)
        self._set.Compile()

    def candidates(self, text: str) -> list[int] | None:
        """Return (sorted) the rules that could match some line of `text` (or, given one line, that line).

        None if RE2 cannot read the text.

        RE2 reads UTF-8, so a text with lone surrogates (possible in JSON input) is not screened at all.
        """
        try:
            hits = (self._set.Match(text) or []) if self.screened else []
        except UnicodeError:
            return None
        return sorted(self.always + [self.screened[hit] for hit in hits])
