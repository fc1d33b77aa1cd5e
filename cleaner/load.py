"""Read YAML rule files into validated, frozen Rule records; every problem is reported with path:line:col."""

from __future__ import annotations

import dataclasses
import importlib.resources
import warnings
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import regex
import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .backtrack import backtracking_risks
from .errors import RuleError, RuleWarning
from .kinds import KINDS, Kind
from .literal_cache import is_shipped
from .model import SCOPES, Rule, Source
from .yaml_nodes import NodeReader

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


class _Reader(NodeReader):
    """Walks rule files (keeping the nodes' marks) and collects rules and problems across files."""

    def __init__(self) -> None:
        super().__init__()
        self.rules: list[Rule] = []
        self.seen_ids: dict[str, Source] = {}

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

    def read_rule(self, node: Node, defaults: dict[str, Node]) -> Rule | None:
        kind_keys = tuple(dict.fromkeys(k for kind in KINDS.values() for k in _option_keys(kind) if k not in RULE_KEYS))
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
        if kind not in KINDS:
            self.problem(fields["kind"], rule_id, f"unknown kind '{kind}' (valid: {', '.join(KINDS)})")
            return None
        for key in kind_keys:
            if key in fields and key not in _option_keys(KINDS[kind]):
                self.problem(fields[key], rule_id, f"key '{key}' belongs to another kind, not '{kind}'")
        case_sensitive = self.flag(fields.get("case_sensitive"), rule_id, "case_sensitive", False)
        enabled = self.flag(fields.get("enabled"), rule_id, "enabled", True)
        flags = regex.V0 if case_sensitive else regex.IGNORECASE
        scope, pattern = self.read_pattern(fields, rule_id, kind, flags, node)
        unless = self.strings(fields.get("unless"), rule_id, "unless")
        for text in unless:
            self.compiles(text, fields["unless"], rule_id, "unless", flags)
        options = self.read_options(fields, rule_id, KINDS[kind], flags, node)
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
            options=KINDS[kind].Options(**options) if options else None,
            examples=examples,
            source=self.source(node),
            pattern_source=self.source(fields["pattern"]) if "pattern" in fields else None,
        )

    def read_pattern(self, fields: dict[str, Node], rule_id: str, kind: str, flags: int, node: Node) -> tuple[str, str]:
        if not KINDS[kind].reads_pattern:
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
        self, fields: dict[str, Node], rule_id: str, kind: type[Kind], flags: int, node: Node
    ) -> dict[str, Any]:
        """The kind's own keys, each read as its Options field says (`metadata["read"]`).

        A key of a field without a default is required: its absence is a problem.
        """
        options: dict[str, Any] = {}
        for option in dataclasses.fields(kind.Options):
            key, read = option.name, option.metadata.get("read", "text")
            if key not in fields:
                continue
            if read in ("pattern", "patterns"):
                value = getattr(self, read)(fields[key], rule_id, key, flags)
            else:
                value = getattr(self, read)(fields[key], rule_id, key)
            if value is not None:
                options[key] = value
        for option in dataclasses.fields(kind.Options):
            required = option.default is dataclasses.MISSING and option.default_factory is dataclasses.MISSING
            if required and option.name not in fields:
                self.problem(node, rule_id, f"kind '{kind.name}' needs '{option.name}'")
        return options


def _option_keys(kind: type[Kind]) -> tuple[str, ...]:
    """The YAML keys that only this kind reads: the fields of its Options dataclass."""
    return tuple(option.name for option in dataclasses.fields(kind.Options))
