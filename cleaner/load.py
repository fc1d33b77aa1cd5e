"""Read YAML rule files into validated, frozen Rule records; every problem is reported with path:line:col."""

from __future__ import annotations

import difflib
import importlib.resources
import warnings
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import regex
import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .backtrack import backtracking_risks, compiled_size
from .errors import RuleError, RuleWarning
from .literal_cache import is_shipped
from .model import SCOPES, Example, Rule, Source

# libyaml's parser when PyYAML has it (its wheels do): the same nodes and marks, read several times faster.
_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

FILE_KEYS = ("category", "language", "domains", "description", "rules")
RULE_KEYS = (
    "id",
    "description",
    "category",
    "language",
    "kind",
    "enabled",
    "scope",
    "pattern",
    "phrases",
    "unless",
    "case_sensitive",
    "max_words",
    "min_words",
    "first_lines",
    "last_lines",
    "block_max_words",
    "domains",
    "examples",
    "evidence",
)
# Settings that only one kind reads; the kind itself (match.py) gives them meaning.
KIND_KEYS: dict[str, tuple[str, ...]] = {
    "pattern": (),
    "unfinished_sentence": (
        "terminal_punctuation",
        "closing_marks",
        "min_words_alone",
        "dangling_min_words",
        "title_case_percent",
        "nouns_capitalised",
        "dotted_ordinals",
        "mid_word_min_letters",
        "unknown_word_zipf",
        "known_word_zipf",
        "rare_word_zipf",
        "completion_zipf_gap",
        "bound_min_count",
        "punctuated_min_paragraphs",
        "punctuated_paragraph_words",
        "punctuated_alone_words",
        "ellipsis",
        "ignore",
        "abbreviations",
        "dangling_words",
    ),
    "title_echo": ("max_extra_words",),
    "teaser_block": ("min_lines", "min_body_words", "min_last_words"),
}
EXAMPLE_KEYS = ("remove", "keep", "todo_remove", "todo_keep")
EXAMPLE_ITEM_KEYS = ("text", "clean", "truncated", "title")
# Patterns past this many atoms (counted repeats unrolled) take regex seconds to minutes to compile.
MAX_PATTERN_SIZE = 20_000
ID_SHAPE = regex.compile(r"^[a-z][a-z0-9_]*(?:\.[a-z0-9_-]+)+$")
PHRASES_TOKEN = "{phrases}"
# Rules written by `cleaner mine` are named for the site they were mined from, whatever category they guess.
MINED_PREFIX = "mined."


def default_rules_dir() -> Path:
    """Return the shipped rule pack: inside the installed package, or `rules/` of a source checkout."""
    packaged = importlib.resources.files("cleaner") / "rules"
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parent.parent / "rules"


def rule_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Yield each given YAML file, and the YAML files under each given folder in sorted order."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())
        elif path.is_file():
            yield path
        else:
            raise RuleError(str(path), 1, 1, None, "no such rule file or folder")


def load_rules(paths: Iterable[str | Path] = (), *, defaults: bool = True) -> tuple[Rule, ...]:
    """Load the default pack (unless `defaults=False`) and the given files or folders.

    Every problem of every file is collected first, then raised as one RuleError.
    """
    sources = ([default_rules_dir()] if defaults else []) + list(paths)
    reader = _Reader()
    for path in rule_files(sources):
        reader.read_file(path)
    if reader.problems:
        raise RuleError.collect(reader.problems)
    for rule in reader.rules:
        warn_backtracking(rule)
    return tuple(reader.rules)


def warn_backtracking(rule: Rule) -> None:
    """Issue a RuleWarning, naming file, line and rule, for each catastrophic-backtracking shape in its pattern."""
    if not rule.pattern or is_shipped(rule.pattern):  # the shipped patterns are checked in tests/test_rule_safety.py
        return
    for risk in backtracking_risks(rule.pattern):
        where = rule.pattern_source or rule.source
        warnings.warn(
            RuleWarning(
                f"{where}: {rule.id}: the pattern can backtrack catastrophically ({risk}); on some lines it will "
                "run to the time limit and set the document aside. Make the repeated part unambiguous, or atomic "
                "with (?>...) or a possessive quantifier such as ++"
            ),
            stacklevel=2,
        )


def expand_phrases(pattern: str, phrases: Iterable[str]) -> str:
    r"""Replace the `{phrases}` token with an escaped alternation; spaces inside a phrase match any whitespace.

    >>> expand_phrases(r"^{phrases}:", ["read more", "a.b"])
    '^(?:read\\s+more|a\\.b):'
    """
    alternatives = (r"\s+".join(regex.escape(word) for word in phrase.split()) for phrase in phrases)
    return pattern.replace(PHRASES_TOKEN, "(?:" + "|".join(alternatives) + ")")


def _suggest(key: str, valid: Iterable[str]) -> str:
    valid = list(valid)
    close = difflib.get_close_matches(key, valid, n=1)
    hint = f" (did you mean '{close[0]}'?" if close else " ("
    return f"unknown key '{key}'{hint}{' ' if close else ''}valid: {', '.join(valid)})"


INVALID = object()  # a value YAML could not build; its problem is already recorded


class _Reader:
    """Walks YAML nodes (keeping their marks) and collects rules and problems across files."""

    def __init__(self) -> None:
        self.rules: list[Rule] = []
        self.problems: list[RuleError] = []
        self.seen_ids: dict[str, Source] = {}
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

    def read_file(self, path: Path) -> None:
        self.path = str(path)
        try:
            root = yaml.compose(path.read_text(encoding="utf-8"), Loader=_LOADER)
        except yaml.MarkedYAMLError as error:
            mark = error.problem_mark
            line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
            self.problems.append(RuleError(self.path, line, column, None, f"not valid YAML: {error.problem}"))
            return
        except yaml.YAMLError as error:  # a ReaderError: a control character such as NUL, with its position
            self.problems.append(RuleError(self.path, 1, 1, None, f"not valid YAML: {error}"))
            return
        except RecursionError:
            self.problems.append(RuleError(self.path, 1, 1, None, "not valid YAML: nested too deeply"))
            return
        except (OSError, UnicodeDecodeError) as error:
            self.problems.append(RuleError(self.path, 1, 1, None, f"cannot read: {error}"))
            return
        if root is None:
            self.problems.append(RuleError(self.path, 1, 1, None, "empty rule file"))
            return
        header = self.mapping(root, FILE_KEYS, None, "a rule file")
        if header is None:
            return
        if "rules" not in header or not isinstance(header["rules"], SequenceNode):
            self.problem(header.get("rules", root), None, "a rule file needs a 'rules' list")
            return
        defaults: dict[str, Node] = {key: header[key] for key in ("category", "language", "domains") if key in header}
        for rule_node in header["rules"].value:
            rule = self.read_rule(rule_node, defaults)
            if rule is not None:
                self.rules.append(rule)

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

    def read_rule(self, node: Node, defaults: dict[str, Node]) -> Rule | None:
        kind_keys = tuple(k for keys in KIND_KEYS.values() for k in keys if k not in RULE_KEYS)
        start = len(self.problems)
        # Read the id first, so that every later problem of this rule can name it.
        id_nodes = (
            [v for k, v in node.value if isinstance(k, ScalarNode) and k.value == "id"]
            if isinstance(node, MappingNode)
            else []
        )
        rule_id = self.text(id_nodes[0] if id_nodes else None, None, "id", parent=node)
        fields = self.mapping(node, RULE_KEYS + kind_keys, rule_id, "a rule")
        if fields is None or rule_id is None:
            return None
        merged = {**defaults, **fields}
        category = self.text(merged.get("category"), rule_id, "category", parent=node)
        language = self.text(merged.get("language"), rule_id, "language", parent=node)
        description = self.text(fields.get("description"), rule_id, "description", parent=node)
        kind = self.text(fields.get("kind"), rule_id, "kind", required=False) or "pattern"
        if not ID_SHAPE.match(rule_id):
            self.problem(fields["id"], rule_id, "an id is lower-case and dotted, as 'category.lang.name'")
        elif category and not rule_id.startswith((category + ".", MINED_PREFIX)):
            self.problem(fields["id"], rule_id, f"an id starts with its category: '{category}.'")
        if rule_id in self.seen_ids:
            self.problem(fields["id"], rule_id, f"duplicate id; first defined at {self.seen_ids[rule_id]}")
        else:
            self.seen_ids[rule_id] = self.source(fields["id"])
        if kind not in KIND_KEYS:
            self.problem(fields["kind"], rule_id, f"unknown kind '{kind}' (valid: {', '.join(KIND_KEYS)})")
            return None
        for key in kind_keys:
            if key in fields and key not in KIND_KEYS[kind]:
                self.problem(fields[key], rule_id, f"key '{key}' belongs to another kind, not '{kind}'")
        case_sensitive = self.flag(fields.get("case_sensitive"), rule_id, "case_sensitive", False)
        enabled = self.flag(fields.get("enabled"), rule_id, "enabled", True)
        flags = regex.V0 if case_sensitive else regex.IGNORECASE
        scope, pattern = self.read_pattern(fields, rule_id, kind, flags, node)
        unless = self.strings(fields.get("unless"), rule_id, "unless")
        for text in unless:
            self.compiles(text, fields["unless"], rule_id, "unless", flags)
        options = self.read_options(fields, rule_id, kind, flags, node)
        examples = self.read_examples(fields.get("examples"), node, rule_id)
        if "evidence" in fields and not isinstance(fields["evidence"], MappingNode):
            self.problem(fields["evidence"], rule_id, "'evidence' must be a mapping (what `cleaner mine` measured)")
        counted = ("max_words", "min_words", "first_lines", "last_lines", "block_max_words")
        counts = {key: self.count(fields.get(key), rule_id, key) for key in counted}
        if "block_max_words" in fields and scope != "block":
            self.problem(fields["block_max_words"], rule_id, "'block_max_words' is only used with scope: block")
        if len(self.problems) > start or category is None or language is None or description is None:
            return None
        return Rule(
            id=rule_id,
            category=category,
            language=language,
            description=description,
            kind=kind,
            enabled=enabled,
            scope=scope,
            pattern=pattern,
            case_sensitive=case_sensitive,
            unless=unless,
            max_words=counts["max_words"],
            min_words=counts["min_words"],
            first_lines=counts["first_lines"],
            last_lines=counts["last_lines"],
            block_max_words=counts["block_max_words"],
            domains=self.strings(merged.get("domains"), rule_id, "domains"),
            options=options,
            examples=examples,
            source=self.source(node),
            pattern_source=self.source(fields["pattern"]) if "pattern" in fields else None,
        )

    def read_pattern(self, fields: dict[str, Node], rule_id: str, kind: str, flags: int, node: Node) -> tuple[str, str]:
        if kind != "pattern":
            for key in ("pattern", "phrases", "scope"):
                if key in fields:
                    self.problem(fields[key], rule_id, f"key '{key}' is not used by kind '{kind}'")
            return "line", ""
        scope = self.text(fields.get("scope"), rule_id, "scope", parent=node) or "line"
        if scope not in SCOPES:
            self.problem(fields["scope"], rule_id, f"unknown scope '{scope}' (valid: {', '.join(SCOPES)})")
        pattern = self.text(fields.get("pattern"), rule_id, "pattern", parent=node) or ""
        phrases = self.strings(fields.get("phrases"), rule_id, "phrases")
        if phrases and PHRASES_TOKEN not in pattern:
            self.problem(fields["phrases"], rule_id, "'phrases' are given but the pattern has no {phrases} token")
        elif PHRASES_TOKEN in pattern and not phrases:
            self.problem(fields.get("pattern"), rule_id, "the pattern uses {phrases} but the rule lists no 'phrases'")
        pattern = expand_phrases(pattern, phrases) if phrases else pattern
        if pattern and not self.compiles(pattern, fields["pattern"], rule_id, "pattern", flags):
            return scope, ""
        return scope, pattern

    def read_options(
        self, fields: dict[str, Node], rule_id: str, kind: str, flags: int, node: Node
    ) -> tuple[tuple[str, object], ...]:
        options: list[tuple[str, object]] = []
        for key in KIND_KEYS[kind]:
            if key not in fields:
                continue
            if key in ("nouns_capitalised", "dotted_ordinals"):
                options.append((key, self.strings(fields[key], rule_id, key)))
            elif key == "ignore":
                patterns = self.strings(fields[key], rule_id, key)
                for text in patterns:
                    self.compiles(text, fields[key], rule_id, key, flags)
                options.append((key, patterns))
            elif key == "ellipsis":
                pattern = self.text(fields[key], rule_id, key)
                if pattern is not None and self.compiles(pattern, fields[key], rule_id, key, flags):
                    options.append((key, pattern))
            elif key in ("abbreviations", "dangling_words"):
                options.append((key, self.word_lists(fields[key], rule_id, key)))
            elif key in ("terminal_punctuation", "closing_marks"):
                options.append((key, self.text(fields[key], rule_id, key)))
            elif key in ("unknown_word_zipf", "known_word_zipf", "rare_word_zipf", "completion_zipf_gap"):
                options.append((key, self.zipf(fields[key], rule_id, key)))
            else:
                options.append((key, self.count(fields[key], rule_id, key)))
        if kind == "unfinished_sentence" and "terminal_punctuation" not in fields:
            self.problem(node, rule_id, "kind 'unfinished_sentence' needs 'terminal_punctuation'")
        return tuple(options)

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
