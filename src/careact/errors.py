"""careact's exceptions: one tree, each error carrying the context a caller needs.

::

    CareactError
    ├── InputError (ValueError)            bad input; names every field at fault
    ├── RuleSetError (ValueError)          rule-set or overlay data failed validation
    ├── NoRulesInForce (LookupError)       a date outside the rule set's coverage
    ├── UnknownParameter (LookupError)     a parameter name the rule set does not define
    └── UnknownRuleSet (LookupError)       a rule-set or overlay name that is not bundled

Every error subclasses a built-in (``ValueError`` or ``LookupError``) so callers can catch it
generically, and carries its context in keyword-only attributes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

__all__ = [
    "CareactError",
    "FieldProblem",
    "InputError",
    "NoRulesInForce",
    "RuleSetError",
    "RuleSetProblem",
    "UnknownParameter",
    "UnknownRuleSet",
]


class CareactError(Exception):
    """Base class of every error careact raises on purpose."""


@dataclass(frozen=True, slots=True)
class FieldProblem:
    """One thing wrong with one field of an input.

    ``field`` is a dotted path into the input (``"income[2].amount"``); ``problem`` says what is
    wrong in words a developer can act on; ``code`` is a stable machine-readable kind.
    """

    field: str
    problem: str
    code: str = "invalid"

    def __str__(self) -> str:
        return f"{self.field}: {self.problem}"

    def as_dict(self) -> dict[str, str]:
        return {"field": self.field, "problem": self.problem, "code": self.code}


class InputError(CareactError, ValueError):
    """An input was rejected. ``problems`` lists every field at fault, in input order."""

    def __init__(self, problems: Iterable[FieldProblem] | FieldProblem) -> None:
        if isinstance(problems, FieldProblem):
            problems = [problems]
        self.problems: tuple[FieldProblem, ...] = tuple(problems)
        if not self.problems:
            raise ValueError("InputError needs at least one FieldProblem")
        super().__init__("; ".join(str(p) for p in self.problems))

    @classmethod
    def single(cls, field: str, problem: str, code: str = "invalid") -> InputError:
        return cls(FieldProblem(field, problem, code))

    @property
    def field(self) -> str:
        """The first field at fault."""
        return self.problems[0].field

    @property
    def fields(self) -> tuple[str, ...]:
        return tuple(p.field for p in self.problems)

    def as_dict(self) -> dict[str, Any]:
        return {"error": "invalid_input", "problems": [p.as_dict() for p in self.problems]}


@dataclass(frozen=True, slots=True)
class RuleSetProblem:
    """One problem found while validating rule-set data: where it is and what is wrong."""

    file: str
    message: str
    parameter: str | None = None
    line: int | None = None

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
        if self.parameter:
            where += f" [{self.parameter}]"
        return f"{where}: {self.message}"


class RuleSetError(CareactError, ValueError):
    """Rule-set or overlay data failed validation. ``problems`` holds all of them, not just the first."""

    def __init__(self, problems: Iterable[RuleSetProblem]) -> None:
        self.problems: tuple[RuleSetProblem, ...] = tuple(problems)
        lines = "\n".join(f"  {p}" for p in self.problems)
        super().__init__(f"{len(self.problems)} problem(s) in rule-set data:\n{lines}")


class NoRulesInForce(CareactError, LookupError):
    """No value of a parameter is in force on the date asked for."""

    def __init__(self, *, on: date, covered_from: date | None, parameter: str | None = None) -> None:
        self.on = on
        self.covered_from = covered_from
        self.parameter = parameter
        what = f"parameter {parameter!r}" if parameter else "the rule set"
        since = f"; it is in force from {covered_from.isoformat()}" if covered_from else ""
        super().__init__(f"{what} has no value in force on {on.isoformat()}{since}")


class UnknownParameter(CareactError, LookupError):
    """A parameter name that the rule set (with its overlays) does not define."""

    def __init__(self, name: str, *, ruleset: str) -> None:
        self.name = name
        self.ruleset = ruleset
        super().__init__(f"rule set {ruleset!r} has no parameter {name!r}")


class UnknownRuleSet(CareactError, LookupError):
    """A rule-set or overlay name that is not bundled with careact."""

    def __init__(self, name: str, *, available: Iterable[str] = ()) -> None:
        self.name = name
        self.available = tuple(sorted(available))
        hint = f" (available: {', '.join(self.available)})" if self.available else ""
        super().__init__(f"no rule set or overlay named {name!r}{hint}")
