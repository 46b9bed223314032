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

import re
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


MAX_ECHO = 60  # characters of an input value quoted back in an error message
MAX_PROBLEM = 600  # characters of one problem's text
MAX_FIELD = 200  # characters of one field path

_QUOTED = re.compile(r"'([^'\\\n]{%s,})'|\"([^\"\\\n]{%s,})\"".replace("%s", str(MAX_ECHO + 1)))


_DIGITS = re.compile(r"[0-9]{" + str(MAX_ECHO + 1) + ",}")


def _clip_middle(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    keep = limit - 40
    head, tail = text[: keep * 2 // 3], text[-(keep // 3):]
    return f"{head} … [{len(text) - len(head) - len(tail):,} characters cut] … {tail}"


def clip_echo(text: str) -> str:
    """``text`` with every long quoted input value cut to its first :data:`MAX_ECHO` characters.

    An error message quotes the value it rejects; a 100,000-character value must not come back whole.
    """

    def cut(m: re.Match[str]) -> str:
        q = "'" if m.group(1) is not None else '"'
        value = m.group(1) if m.group(1) is not None else m.group(2)
        return f"{q}{value[:MAX_ECHO]}…{q} ({len(value):,} characters)"

    def digits(m: re.Match[str]) -> str:
        return f"{m.group()[:MAX_ECHO]}… ({len(m.group()):,} digits)"

    return _clip_middle(_DIGITS.sub(digits, _QUOTED.sub(cut, text)), MAX_PROBLEM)


@dataclass(frozen=True, slots=True)
class FieldProblem:
    """One thing wrong with one field of an input.

    ``field`` is a dotted path into the input (``"income[2].amount"``); ``problem`` says what is
    wrong in words a developer can act on; ``code`` is a stable machine-readable kind. Input values
    quoted in ``problem`` are cut to :data:`MAX_ECHO` characters, and ``field`` to :data:`MAX_FIELD`.
    """

    field: str
    problem: str
    code: str = "invalid"

    def __post_init__(self) -> None:
        if not self.field.isprintable() or self.field != self.field.strip() or not self.field:
            # a field named by the input itself (an unknown key) is shown so that it can be read and copied
            shown = "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in self.field)
            object.__setattr__(self, "field", shown if shown and shown == shown.strip() else f'"{shown}"')
        if len(self.problem) > MAX_ECHO:
            object.__setattr__(self, "problem", clip_echo(self.problem))
        if len(self.field) > MAX_FIELD:
            object.__setattr__(self, "field", _clip_middle(self.field, MAX_FIELD))

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


RULES_START = date(2015, 4, 1)
"""The first day careact has rules for: the charging regulations (SI 2014/2672 reg 1) and the eligibility
regulations (SI 2015/313 reg 1) came into force on 1 April 2015, with Part 1 of the Care Act 2014."""


class NoRulesInForce(CareactError, LookupError):
    """No value of a parameter is in force on the date asked for.

    A date before :data:`RULES_START` is reported as such ("careact's rules start on 1 April 2015"),
    whichever parameter was read first; ``parameter`` still names it for a developer.
    """

    def __init__(self, *, on: date, covered_from: date | None, parameter: str | None = None) -> None:
        self.on = on
        self.covered_from = covered_from
        self.parameter = parameter
        if on < RULES_START:
            message = (f"careact's rules start on 1 April 2015 ({RULES_START.isoformat()}); there are none for "
                       f"{on.isoformat()}")
        else:
            what = f"parameter {parameter!r}" if parameter else "the rule set"
            since = f"; it is in force from {covered_from.isoformat()}" if covered_from else ""
            message = f"{what} has no value in force on {on.isoformat()}{since}"
        super().__init__(message)


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
