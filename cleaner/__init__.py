"""article-cleaner: remove clutter from scraped article text and log exactly what was removed."""

from .engine import Cleaner
from .errors import MatchTimeout, RuleError
from .load import load_rules
from .model import Removal, Result, Rule
from .removals import apply_removals, restore

__all__ = [
    "Cleaner",
    "MatchTimeout",
    "Removal",
    "Result",
    "Rule",
    "RuleError",
    "apply_removals",
    "load_rules",
    "restore",
]
