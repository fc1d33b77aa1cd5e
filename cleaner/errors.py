"""The project's exceptions: RuleError (a bad rule file, at path:line:col), RuleWarning, and the time limits."""

from __future__ import annotations

from collections.abc import Sequence


class RuleError(Exception):
    """A rule file problem; `problems` holds every problem found in one pass (this one first)."""

    def __init__(
        self,
        path: str,
        line: int,
        column: int,
        rule_id: str | None,
        message: str,
        problems: Sequence[RuleError] = (),
    ) -> None:
        self.path = path
        self.line = line
        self.column = column
        self.rule_id = rule_id
        self.message = message
        self.problems: tuple[RuleError, ...] = tuple(problems) or (self,)
        super().__init__(self.render())

    def one_line(self) -> str:
        """Render this problem alone as `path:line:col: rule.id: message`."""
        where = f"{self.path}:{self.line}:{self.column}"
        return f"{where}: {self.rule_id}: {self.message}" if self.rule_id else f"{where}: {self.message}"

    def render(self) -> str:
        """Render every problem, one per line."""
        return "\n".join(problem.one_line() for problem in self.problems)

    @classmethod
    def collect(cls, problems: Sequence[RuleError]) -> RuleError:
        """Wrap several problems into one raisable error led by the first."""
        first = problems[0]
        return cls(first.path, first.line, first.column, first.rule_id, first.message, problems)


class RuleWarning(UserWarning):
    """A rule that loads but deserves a look, such as a pattern that can backtrack catastrophically."""


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
