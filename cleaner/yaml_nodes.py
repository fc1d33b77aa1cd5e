"""Typed values read from YAML nodes (strings, counts, patterns, word lists, examples); problems at path:line:col."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

import regex
import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .backtrack import compiled_size
from .errors import RuleError
from .literal_cache import is_shipped
from .model import Example, Source

EXAMPLE_KEYS = ("remove", "keep", "todo_remove", "todo_keep")
EXAMPLE_ITEM_KEYS = ("text", "clean", "truncated", "title")
# Patterns past this many atoms (counted repeats unrolled) take regex seconds to minutes to compile.
MAX_PATTERN_SIZE = 20_000


def _suggest(key: str, valid: Iterable[str]) -> str:
    valid = list(valid)
    close = difflib.get_close_matches(key, valid, n=1)
    hint = f" (did you mean '{close[0]}'?" if close else " ("
    return f"unknown key '{key}'{hint}{' ' if close else ''}valid: {', '.join(valid)})"


INVALID = object()  # a value YAML could not build; its problem is already recorded


class NodeReader:
    """Reads values from YAML nodes of one file at a time, collecting every problem with its place."""

    def __init__(self) -> None:
        self.problems: list[RuleError] = []
        self.path = ""
        self._constructor = SafeConstructor()

    def problem(self, node: Node | None, rule_id: str | None, message: str, column_offset: int = 0) -> None:
        line, column = (node.start_mark.line + 1, node.start_mark.column + 1) if node is not None else (1, 1)
        self.problems.append(RuleError(self.path, line, column + column_offset, rule_id, message))

    def source(self, node: Node) -> Source:
        return Source(self.path, node.start_mark.line + 1, node.start_mark.column + 1)

    def value(self, node: Node, rule_id: str | None = None) -> object:
        """The Python value of a node (safe types only); a value YAML cannot build is a problem, not a crash."""
        try:
            return self._constructor.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError, TypeError, LookupError, AttributeError, RecursionError) as error:
            reason = getattr(error, "problem", None) or str(error) or type(error).__name__
            self.problem(node, rule_id, f"cannot read this value ({node.tag}): {str(reason)[:200]}")
            return INVALID

    def mapping(self, node: Node, valid: tuple[str, ...], rule_id: str | None, what: str) -> dict[str, Node] | None:
        if not isinstance(node, MappingNode):
            self.problem(node, rule_id, f"{what} must be a mapping")
            return None
        items: dict[str, Node] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                self.problem(key_node, rule_id, "keys must be plain words, not lists, mappings or aliases")
                continue
            key = str(key_node.value)[:100]
            if key not in valid:
                self.problem(key_node, rule_id, _suggest(key, valid))
            elif key in items:
                self.problem(key_node, rule_id, f"key '{key}' is given twice")
            else:
                items[key] = value_node
        return items

    def text(
        self, node: Node | None, rule_id: str | None, key: str, required: bool = True, parent: Node | None = None
    ) -> str | None:
        if node is None:
            if required:
                self.problem(parent, rule_id, f"missing required key '{key}'")
            return None
        value = self.value(node)
        if not isinstance(value, str) or not value.strip():
            self.problem(node, rule_id, f"'{key}' must be a non-empty string")
            return None
        return value

    def strings(self, node: Node | None, rule_id: str | None, key: str) -> tuple[str, ...]:
        if node is None:
            return ()
        value = self.value(node)
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            self.problem(node, rule_id, f"'{key}' must be a list of non-empty strings")
            return ()
        return tuple(value)

    def flag(self, node: Node | None, rule_id: str, key: str, default: bool) -> bool:
        if node is None:
            return default
        value = self.value(node)
        if not isinstance(value, bool):
            self.problem(node, rule_id, f"'{key}' must be true or false")
            return default
        return value

    def zipf(self, node: Node, rule_id: str | None, key: str) -> float | None:
        """A Zipf word frequency: a number from 0 (off) to 8."""
        value = self.value(node)
        if not isinstance(value, int | float) or isinstance(value, bool) or not 0 <= value <= 8:
            self.problem(node, rule_id, f"'{key}' must be a Zipf frequency, a number from 0 to 8")
            return None
        return float(value)

    def count(self, node: Node | None, rule_id: str | None, key: str) -> int | None:
        if node is None:
            return None
        value = self.value(node)
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            self.problem(node, rule_id, f"'{key}' must be a whole number of at least 1")
            return None
        return value

    def compiles(self, pattern: str, node: Node, rule_id: str, key: str, flags: int) -> bool:
        if is_shipped(pattern):
            return True  # a shipped pattern: compiled by `make golden` and the tests, not again by every process
        size = compiled_size(pattern)
        if size > MAX_PATTERN_SIZE:
            self.problem(
                node,
                rule_id,
                f"'{key}' is too large once its counted repeats are unrolled ({size:,} atoms, at most "
                f"{MAX_PATTERN_SIZE:,}): use + or * instead of large nested {{n}} counts",
            )
            return False
        try:
            regex.compile(pattern, flags)
        except regex.error as error:
            position = f" at position {error.pos}" if error.pos is not None else ""
            self.problem(node, rule_id, f"'{key}' does not compile: {error.msg}{position}: {pattern!r}")
            return False
        return True

    def word_lists(self, node: Node, rule_id: str, key: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """A mapping from language code to a list of words, as ((language, words), ...) in file order."""
        pairs = node.value if isinstance(node, MappingNode) else []
        keys = tuple(str(k.value) for k, _ in pairs if isinstance(k, ScalarNode))
        items = self.mapping(node, keys, rule_id, f"'{key}'")
        lists: list[tuple[str, tuple[str, ...]]] = []
        for language, words in (items or {}).items():
            if not regex.fullmatch(r"[a-z]{2,3}", language):
                self.problem(words, rule_id, f"'{key}' is keyed by language codes such as 'en', not '{language}'")
                continue
            lists.append((language, self.strings(words, rule_id, f"{key}.{language}")))
        return tuple(lists)

    def pattern(self, node: Node, rule_id: str, key: str, flags: int) -> str | None:
        """A pattern that compiles (None, with the problem recorded, if it does not)."""
        pattern = self.text(node, rule_id, key)
        return pattern if pattern is not None and self.compiles(pattern, node, rule_id, key, flags) else None

    def patterns(self, node: Node, rule_id: str, key: str, flags: int) -> tuple[str, ...]:
        """A list of patterns; each that does not compile is a problem."""
        patterns = self.strings(node, rule_id, key)
        for text in patterns:
            self.compiles(text, node, rule_id, key, flags)
        return patterns

    def read_examples(self, node: Node | None, rule_node: Node, rule_id: str) -> tuple[Example, ...]:
        if node is None:
            self.problem(
                rule_node, rule_id, "a rule without examples is not accepted: add 'examples' with 'remove' and 'keep'"
            )
            return ()
        groups = self.mapping(node, EXAMPLE_KEYS, rule_id, "'examples'")
        if groups is None:
            return ()
        examples: list[Example] = []
        for expect in EXAMPLE_KEYS:
            group = groups.get(expect)
            if group is None:
                if expect in ("remove", "keep"):
                    self.problem(node, rule_id, f"examples need at least one '{expect}' text")
                continue
            if not isinstance(group, SequenceNode) or not group.value:
                self.problem(group, rule_id, f"'examples.{expect}' must be a non-empty list")
                continue
            for item in group.value:
                example = self.read_example(item, expect, rule_id)
                if example is not None:
                    examples.append(example)
        return tuple(examples)

    def read_example(self, node: Node, expect: str, rule_id: str) -> Example | None:
        if isinstance(node, ScalarNode):
            text = self.text(node, rule_id, f"examples.{expect}")
            return Example(text, expect, source=self.source(node)) if text is not None else None
        item = self.mapping(node, EXAMPLE_ITEM_KEYS, rule_id, "an example")
        if item is None:
            return None
        text = self.text(item.get("text"), rule_id, "text")
        clean = self.value(item["clean"]) if "clean" in item else None
        truncated = self.value(item["truncated"]) if "truncated" in item else None
        if clean is not None and not isinstance(clean, str):
            self.problem(item["clean"], rule_id, "'clean' must be a string")
            return None
        if truncated is not None and not isinstance(truncated, bool):
            self.problem(item["truncated"], rule_id, "'truncated' must be true or false")
            return None
        title = self.text(item.get("title"), rule_id, "title", required=False)
        if text is None:
            return None
        return Example(text, expect, clean=clean, truncated=truncated, title=title, source=self.source(node))
