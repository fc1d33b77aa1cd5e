"""Which rules meet a document: by id (--enable, --disable), then by language and site, cached per document kind."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import NamedTuple

from .kinds.base import Kind
from .model import Rule
from .rule_scope import applies_to

# More (language, site) pairs than this in one run: forget the cached choices and start again.
_CACHE_SIZE = 4096


def _named(rule: Rule, names: tuple[str, ...]) -> bool:
    return any(rule.id == name or rule.id.startswith(name + ".") for name in names)


def select_rules(rules: Sequence[Rule], disable: Iterable[str] = (), enable: Iterable[str] = ()) -> tuple[Rule, ...]:
    """Keep enabled rules plus opt-in rules named in `enable`, minus rules named in `disable`.

    A name is an exact id or a dotted prefix (a family); a name that matches no rule is an error.
    """
    disabled, enabled = tuple(disable), tuple(enable)
    for option, names in (("--disable", disabled), ("--enable", enabled)):
        for name in names:
            if not any(_named(r, (name,)) for r in rules):
                raise ValueError(f"{option} {name!r} matches no rule id")
    return tuple(r for r in rules if (r.enabled or _named(r, enabled)) and not _named(r, disabled))


class Undecided:
    """A document's language is not known: detect it, then choose the rules for that language on this site."""

    __slots__ = ("host",)

    def __init__(self, host: str | None) -> None:
        self.host = host


class Selection(NamedTuple):
    """The rules for one language and site, in the shape the engine's pass reads them."""

    phases: tuple[tuple[Kind, ...], ...]  # the rules of each phase after LINES that meet the document, in rule order
    active: list[bool]  # for each LINES rule (the prefilter's), whether it meets the document
    undecided: Undecided | None  # the language is to be detected first


class Selector:
    """Chooses, and remembers, which compiled rules meet documents of one language on one site."""

    def __init__(self, phases: Sequence[Sequence[Kind]], screened: Sequence[Kind], packs: frozenset[str], detect: bool):
        self.phases = phases
        self.screened = screened
        self.packs = packs
        self.detect = detect and len(packs) > 1
        self._cache: dict[tuple[str | None, str | None], Selection] = {}

    @staticmethod
    def _first_only(matchers: Iterable[Kind]) -> tuple[Kind, ...]:
        """The matchers, less the rules after the first of a kind that runs once per document (`first_only`)."""
        seen: set[str] = set()
        chosen = []
        for matcher in matchers:
            if matcher.first_only:
                if matcher.name in seen:
                    continue
                seen.add(matcher.name)
            chosen.append(matcher)
        return tuple(chosen)

    def __call__(self, lang: str | None, host: str | None) -> Selection:
        key = (lang, host)
        if key not in self._cache:
            if len(self._cache) > _CACHE_SIZE:
                self._cache.clear()
            phases = tuple(self._first_only(m for m in ms if applies_to(m.rule, lang, host)) for ms in self.phases)
            undecided = Undecided(host) if lang is None and self.detect else None
            active = [applies_to(m.rule, lang, host) for m in self.screened]
            self._cache[key] = Selection(phases, active, undecided)
        return self._cache[key]
