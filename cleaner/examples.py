"""Run every example of every rule; one harness shared by pytest and `cleaner rules test`."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from .engine import Cleaner
from .model import Example, Result, Rule
from .removals import check_result


@dataclass(frozen=True, slots=True)
class ExampleOutcome:
    """Whether one example behaves as its rule says; for todo examples `ok` is expected to be False."""

    rule: Rule
    example: Example
    number: int  # 1-based within its group (remove, keep, ...)
    ok: bool
    message: str

    @property
    def name(self) -> str:
        """Test id, e.g. 'wrapper.en.advertisement/keep-2'."""
        return f"{self.rule.id}/{self.example.expect}-{self.number}"

    @property
    def todo(self) -> bool:
        """True for a known gap (todo_remove / todo_keep)."""
        return self.example.expect.startswith("todo_")

    @property
    def failed(self) -> bool:
        """True when the example breaks its rule, or a known gap started to pass (promote it)."""
        return self.ok == self.todo


def _describe(result: Result) -> str:
    return "; ".join(f"{r.rule} removed {r.text!r} at {r.start}–{r.end}" for r in result.removals) or "nothing removed"


def _url_for(rule: Rule) -> str | None:
    return f"https://{rule.domains[0]}/article" if rule.domains else None


def check_remove(rule: Rule, example: Example, alone: Cleaner) -> tuple[bool, str]:
    """A remove example: the rule alone deletes the whole text, or exactly what `clean` says."""
    result = alone.clean(example.text, url=_url_for(rule), title=example.title)
    check_result(example.text, result)
    if not any(r.rule == rule.id for r in result.removals):
        return False, f"remove example was not removed by {rule.id} ({_describe(result)})"
    expected = "" if example.clean is None else example.clean
    got = result.text.strip() if example.clean is None else result.text
    if got != expected:
        return False, f"clean text is {result.text!r}, expected {expected!r} ({_describe(result)})"
    if example.truncated is not None and result.truncated != example.truncated:
        return False, f"truncated is {result.truncated}, expected {example.truncated}"
    return True, "removed as expected"


def check_keep(rule: Rule, example: Example, pack: Cleaner) -> tuple[bool, str]:
    """A keep example: the whole enabled pack (all languages) leaves the text exactly as it is."""
    result = pack.clean(example.text, url=_url_for(rule), title=example.title)
    check_result(example.text, result)
    if result.removals:
        return False, f"keep example was changed: {_describe(result)}"
    return True, "kept as expected"


def check_examples(rules: Sequence[Rule], only: Sequence[Rule] | None = None) -> Iterator[ExampleOutcome]:
    """Yield the outcome of every example of `only` (default: all rules).

    Keep examples are judged by every enabled rule of every language, as a run without `lang` cleans (plus
    the rule itself when it is opt-in); remove examples by the rule alone.
    """
    enabled = [r for r in rules if r.enabled]
    # Every pack judges a keep example, whatever language a detector would give its few words.
    pack = Cleaner.from_rules(enabled, max_removed_share=1, detect_language=False)
    for rule in rules if only is None else only:
        judge = (
            pack if rule.enabled else Cleaner.from_rules([*enabled, rule], max_removed_share=1, detect_language=False)
        )
        alone = Cleaner.from_rules([rule], max_removed_share=1)
        counters: dict[str, int] = {}
        for example in rule.examples:
            counters[example.expect] = number = counters.get(example.expect, 0) + 1
            if example.expect.endswith("remove"):
                ok, message = check_remove(rule, example, alone)
            else:
                ok, message = check_keep(rule, example, judge)
            yield ExampleOutcome(rule, example, number, ok, message)
