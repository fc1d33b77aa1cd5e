"""The closed registry of rule kinds: one module each; the loader, the engine and `explain` learn of kinds only here."""

from __future__ import annotations

from ..model import Rule
from .base import Kind, Phase
from .pattern import PatternMatcher
from .teaser_block import TeaserBlock
from .title_echo import TitleEcho
from .unfinished_sentence import UnfinishedSentenceKind

# A new kind: one module beside these, one entry here (its YAML keys come from its Options dataclass).
# The order is the order the loader lists kinds and their keys in its messages.
KINDS: dict[str, type[Kind]] = {
    kind.name: kind for kind in (PatternMatcher, UnfinishedSentenceKind, TitleEcho, TeaserBlock)
}

__all__ = ["KINDS", "Kind", "Phase", "compile_rule"]


def compile_rule(rule: Rule, timeout: float = 1.0) -> Kind:
    """Build the matcher of a rule's kind; patterns compile here, once."""
    return KINDS[rule.kind](rule, timeout)
