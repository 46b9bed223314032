"""Parameter declarations: every parameter careact knows, declared once, typed, with its provision.

A rule never reads a parameter by a string. It reads a *declaration*, an attribute of a group class
named for the parameter's prefix, so a type checker verifies the name and the type of what comes
back::

    from careact.rules.params.charging import capital

    class capital(Group, prefix="capital"):
        upper_limit = money("Upper capital limit", provision="SI 2014/2672 reg 12", ...)

    upper = read(capital.upper_limit)      # an int of pence; ``capital.uper_limit`` fails mypy

The declaration states the unit (and so the Python type a rule receives), the keys of a scale, what
the parameter means, the provision that creates it, and who may set it:

* ``Scope.NATIONAL`` -- a figure the law fixes nationally: a council overlay may not set it (a
  reform overlay may: that is what a reform is);
* ``Scope.FLOOR`` -- a national figure a council may raise but not lower (the personal expenses
  allowance, the minimum income guarantee);
* ``Scope.CEILING`` -- a national maximum a council may lower but not raise (the deferred payment
  interest rate);
* ``Scope.COUNCIL`` -- a choice the regulations leave to the local authority, with the national
  position as its default;
* ``Scope.REFORM`` -- a term of a reform overlay, absent from the national rule set.

Value files (``rules/data/<ruleset>/*.toml``) and overlays hold only dated values; the loader checks
each against its declaration (:mod:`careact.rules.loader`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Any, ClassVar, Generic, TypeVar

from .model import Unit

__all__ = [
    "Decl",
    "Group",
    "Rate",
    "ScaleDecl",
    "Scope",
    "choice",
    "count",
    "date_value",
    "days",
    "flag",
    "money",
    "money_scale",
    "months",
    "rate",
    "text_list",
    "weeks",
    "years",
]

V = TypeVar("V")


class Scope(StrEnum):
    """Who may set a parameter."""

    NATIONAL = "national"
    FLOOR = "floor"
    CEILING = "ceiling"
    COUNCIL = "council"
    REFORM = "reform"


@dataclass(frozen=True, slots=True)
class Rate:
    """An exact rate as a fraction ``num / den`` (``0.1`` is ``Rate(1, 10)``), for integer arithmetic."""

    num: int
    den: int

    @classmethod
    def of(cls, value: Decimal) -> Rate:
        num, den = value.as_integer_ratio()
        return cls(num, den)

    def __bool__(self) -> bool:
        return self.num != 0

    @property
    def decimal(self) -> Decimal:
        return Decimal(self.num) / Decimal(self.den)


@dataclass(frozen=True, slots=True, eq=False)
class Decl(Generic[V]):
    """A declared scalar parameter. ``V`` is the type a rule reads (pence as ``int`` for money)."""

    unit: Unit
    description: str
    provision: str
    href: str | None = None
    scope: Scope = Scope.NATIONAL
    choices: tuple[str, ...] | None = None
    minimum: Decimal | int | None = None
    maximum: Decimal | int | None = None
    name: str = field(default="", compare=False)

    @property
    def keys(self) -> tuple[str, ...] | None:
        return None

    @property
    def is_scale(self) -> bool:
        return False

    def __repr__(self) -> str:
        return f"<parameter {self.name} ({self.unit.value})>"

    def __hash__(self) -> int:
        return hash(self.name)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Decl) and other.name == self.name


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class ScaleDecl(Decl[V]):
    """A declared scale: one amount for each of a fixed set of keys (categories)."""

    scale_keys: tuple[str, ...] = ()

    @property
    def keys(self) -> tuple[str, ...] | None:
        return self.scale_keys

    @property
    def is_scale(self) -> bool:
        return True

    def __hash__(self) -> int:
        return hash(self.name)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Decl) and other.name == self.name


class Group:
    """A namespace of declarations sharing a dotted prefix; the attribute name completes each name."""

    prefix: ClassVar[str] = ""
    declared: ClassVar[Mapping[str, Decl[Any]]] = {}

    def __init_subclass__(cls, prefix: str, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls.prefix = prefix
        found: dict[str, Decl[Any]] = {}
        for attr, value in vars(cls).items():
            if isinstance(value, Decl):
                object.__setattr__(value, "name", f"{prefix}.{attr}")
                found[value.name] = value
        cls.declared = found


def _d(unit: Unit, description: str, provision: str, href: str | None, scope: Scope, **kw: Any) -> Any:
    return Decl(unit=unit, description=description, provision=provision, href=href, scope=scope, **kw)


def money(description: str, *, provision: str, href: str | None = None, scope: Scope = Scope.NATIONAL,
          weekly: bool = False, yearly: bool = False) -> Decl[int]:
    """An amount of money (read as whole pence): a stock (``GBP``) or a weekly or yearly flow."""
    unit = Unit.GBP_WEEK if weekly else Unit.GBP_YEAR if yearly else Unit.GBP
    return _d(unit, description, provision, href, scope)  # type: ignore[no-any-return]


def money_scale(description: str, keys: tuple[str, ...], *, provision: str, href: str | None = None,
                scope: Scope = Scope.NATIONAL, weekly: bool = True) -> ScaleDecl[int]:
    """A table of amounts of money by category (read cell by cell, as whole pence)."""
    return ScaleDecl(unit=Unit.GBP_WEEK if weekly else Unit.GBP, description=description, provision=provision,
                     href=href, scope=scope, scale_keys=keys)


def rate(description: str, *, provision: str, href: str | None = None, scope: Scope = Scope.NATIONAL) -> Decl[Rate]:
    """A fraction between 0 and 1 (read as an exact :class:`Rate`)."""
    return _d(Unit.RATE, description, provision, href, scope)  # type: ignore[no-any-return]


def flag(description: str, *, provision: str, href: str | None = None, scope: Scope = Scope.COUNCIL) -> Decl[bool]:
    """A yes/no choice (an option switching a rule on or off)."""
    return _d(Unit.BOOL, description, provision, href, scope)  # type: ignore[no-any-return]


def count(description: str, *, provision: str, href: str | None = None, scope: Scope = Scope.NATIONAL,
          minimum: int | None = 0, maximum: int | None = None) -> Decl[int]:
    """A whole number of things."""
    return _d(Unit.COUNT, description, provision, href, scope, minimum=minimum, maximum=maximum)  # type: ignore[no-any-return]


def weeks(description: str, *, provision: str, href: str | None = None, scope: Scope = Scope.NATIONAL) -> Decl[int]:
    """A whole number of weeks."""
    return _d(Unit.WEEKS, description, provision, href, scope)  # type: ignore[no-any-return]


def days(description: str, *, provision: str, href: str | None = None, scope: Scope = Scope.NATIONAL) -> Decl[int]:
    """A whole number of days."""
    return _d(Unit.DAYS, description, provision, href, scope)  # type: ignore[no-any-return]


def months(description: str, *, provision: str, href: str | None = None, scope: Scope = Scope.NATIONAL) -> Decl[int]:
    """A whole number of months."""
    return _d(Unit.MONTHS, description, provision, href, scope)  # type: ignore[no-any-return]


def years(description: str, *, provision: str, href: str | None = None, scope: Scope = Scope.NATIONAL) -> Decl[int]:
    """A whole number of years (an age)."""
    return _d(Unit.YEARS, description, provision, href, scope)  # type: ignore[no-any-return]


def choice(description: str, choices: tuple[str, ...], *, provision: str, href: str | None = None,
           scope: Scope = Scope.COUNCIL) -> Decl[str]:
    """One of a fixed set of words."""
    return _d(Unit.TEXT, description, provision, href, scope, choices=choices)  # type: ignore[no-any-return]


def text_list(description: str, *, provision: str, href: str | None = None, scope: Scope = Scope.NATIONAL,
              choices: tuple[str, ...] | None = None) -> Decl[tuple[str, ...]]:
    """A list of ids (e.g. the outcomes a regulation lists), each one of ``choices`` if given."""
    return _d(Unit.LIST, description, provision, href, scope, choices=choices)  # type: ignore[no-any-return]


def date_value(description: str, *, provision: str, href: str | None = None, scope: Scope = Scope.NATIONAL) -> Decl[Any]:
    """A date."""
    return _d(Unit.DATE, description, provision, href, scope)  # type: ignore[no-any-return]
