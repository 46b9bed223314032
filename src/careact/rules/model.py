"""The rule-set data model: parameters with effective-dated, cited values.

Everything here is an immutable value. A :class:`Parameter` holds a timeline of
:class:`DatedValue` entries, each with the date it takes effect (and optionally the last day it is
in force) and its :class:`Citation`. A :class:`Layer` is one validated bundle of parameters — the
national rule set, a council overlay or a reform overlay. A :class:`~careact.rules.ruleset.RuleSet`
stacks layers.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum
from types import MappingProxyType
from typing import Any

__all__ = [
    "Citation",
    "DatedValue",
    "Layer",
    "LayerKind",
    "ParamValue",
    "Parameter",
    "Status",
    "Unit",
]


class Unit(StrEnum):
    """The unit of a parameter's values."""

    GBP = "GBP"
    GBP_WEEK = "GBP/week"
    GBP_YEAR = "GBP/year"
    RATE = "rate"
    COUNT = "count"
    WEEKS = "weeks"
    YEARS = "years"
    MONTHS = "months"
    DAYS = "days"
    DATE = "date"
    BOOL = "bool"
    TEXT = "text"
    LIST = "list"

    @property
    def is_money(self) -> bool:
        return self in (Unit.GBP, Unit.GBP_WEEK, Unit.GBP_YEAR)

    @property
    def is_decimal(self) -> bool:
        return self.is_money or self is Unit.RATE

    @property
    def is_integer(self) -> bool:
        return self in (Unit.COUNT, Unit.WEEKS, Unit.YEARS, Unit.MONTHS, Unit.DAYS)


class Status(StrEnum):
    """How far a value has been checked against its source."""

    VERIFIED = "verified"  # read in the instrument or a primary government page
    SECONDARY = "secondary"  # a council page, charity, PQ answer or similar restatement
    UNVERIFIED = "unverified"  # derived, or no source found


class LayerKind(StrEnum):
    """Where a layer of parameters comes from."""

    NATIONAL = "national"
    COUNCIL = "council"
    REFORM = "reform"


@dataclass(frozen=True, slots=True)
class Citation:
    """The legal source of a value: a pinpoint citation, a link, how far it was verified and when it was read."""

    text: str
    href: str | None = None
    status: Status = Status.VERIFIED
    note: str | None = None
    checked: date | None = None  # the day the cited source was last read

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"text": self.text, "status": self.status.value}
        if self.href:
            out["href"] = self.href
        if self.note:
            out["note"] = self.note
        if self.checked:
            out["checked"] = self.checked.isoformat()
        return out


@dataclass(frozen=True, slots=True)
class DatedValue:
    """One value of a parameter, in force from ``start`` (until ``end`` inclusive, or the next value)."""

    start: date
    value: Any
    citation: Citation
    end: date | None = None
    key_citations: Mapping[str, Citation] = field(default_factory=lambda: MappingProxyType({}))


@dataclass(frozen=True, slots=True)
class Parameter:
    """A named parameter and its timeline of values.

    ``keys`` is set for a *scale* (a table of amounts by category): each value is then a mapping
    from every key to an amount.
    """

    name: str
    description: str
    unit: Unit
    values: tuple[DatedValue, ...]
    keys: tuple[str, ...] | None = None
    source: str = ""
    note: str | None = None  # an overlay's own description of what it sets
    line: int | None = field(default=None, compare=False)  # where it is defined in its file
    _starts: tuple[date, ...] = field(default=(), repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_starts", tuple(v.start for v in self.values))

    @property
    def is_scale(self) -> bool:
        return self.keys is not None

    @property
    def first_start(self) -> date:
        return self.values[0].start

    def value_at(self, on: date) -> DatedValue | None:
        """The value in force on ``on``, or ``None`` if none is (before the first, or after an end)."""
        i = bisect_right(self._starts, on) - 1
        if i < 0:
            return None
        dv = self.values[i]
        if dv.end is not None and on > dv.end:
            return None
        return dv

    def change_dates(self) -> tuple[date, ...]:
        """Every date on which this parameter's value changes (starts, and the day after any end)."""
        from datetime import timedelta

        out = set(self._starts)
        out.update(v.end + timedelta(days=1) for v in self.values if v.end is not None)
        return tuple(sorted(out))


@dataclass(frozen=True, slots=True)
class Layer:
    """A validated bundle of parameters: a national rule set, or a council or reform overlay."""

    name: str
    version: str
    kind: LayerKind
    description: str
    parameters: Mapping[str, Parameter]
    digest: str
    base: str | None = None  # for overlays: the rule set they apply to
    source: Citation | None = None  # for overlays: the policy or proposal they encode
    jurisdiction: str | None = None
    path: str = ""
    figures_known_to: date | None = None  # the last day the data's figures are known to be in force

    @property
    def id(self) -> str:
        return f"{self.name}@{self.version}"


@dataclass(frozen=True, slots=True)
class ParamValue:
    """A parameter as resolved on one date: what a rule read, and where it came from."""

    name: str
    value: Any
    unit: Unit
    effective_from: date
    citation: Citation
    layer: str  # the layer id that supplied it, e.g. "england@2026.11.0"
    layer_kind: LayerKind
    key: str | None = None  # for one cell of a scale

    def __getitem__(self, key: str) -> ParamValue:
        """One cell of a scale, as its own traceable value (with its own citation if it has one)."""
        if not isinstance(self.value, Mapping):
            raise TypeError(f"parameter {self.name!r} is not a scale")
        return self.cell(key)

    def cell(self, key: str) -> ParamValue:
        if key not in self.value:
            from ..errors import UnknownParameter

            raise UnknownParameter(f"{self.name}[{key}]", ruleset=self.layer)
        cites = self.key_citations
        return ParamValue(
            name=self.name,
            value=self.value[key],
            unit=self.unit,
            effective_from=self.effective_from,
            citation=cites.get(key, self.citation) if cites else self.citation,
            layer=self.layer,
            layer_kind=self.layer_kind,
            key=key,
            kernel=kernel_value(self.unit, self.value[key]),
        )

    # set by the resolver for scales whose cells carry their own citations; kept out of equality
    key_citations: Mapping[str, Citation] | None = field(default=None, compare=False, repr=False)
    # the value as rules compute with it: whole pence for money, an exact Rate for a rate
    kernel: Any = field(default=None, compare=False, repr=False)
    _as_dict: dict[str, Any] | None = field(default=None, compare=False, repr=False)

    @property
    def label(self) -> str:
        return f"{self.name}[{self.key}]" if self.key else self.name

    def as_dict(self) -> dict[str, Any]:
        """The parameter read as JSON-ready data (built once per resolved value; each call returns a copy)."""
        cached = self._as_dict
        if cached is None:
            from ..explain.jsonable import jsonable

            cached = {
                "name": self.name,
                "value": jsonable(self.value),
                "unit": self.unit.value,
                "effective_from": self.effective_from.isoformat(),
                "citation": self.citation.as_dict(),
                "layer": self.layer,
                "layer_kind": self.layer_kind.value,
            }
            if self.key is not None:
                cached["key"] = self.key
            object.__setattr__(self, "_as_dict", cached)
        out = dict(cached)
        out["citation"] = dict(cached["citation"])
        if isinstance(out["value"], dict):
            out["value"] = dict(out["value"])
        return out


def kernel_value(unit: Unit, value: Any) -> Any:
    """A parameter value as rules compute with it: money as whole pence (``int``), a rate as a :class:`Rate`."""
    if isinstance(value, Mapping):
        return MappingProxyType({k: kernel_value(unit, v) for k, v in value.items()})
    if unit.is_money:
        return int(value * 100)
    if unit is Unit.RATE:
        from .declare import Rate

        return Rate.of(value)
    return value


def is_decimal_value(value: Any) -> bool:
    return isinstance(value, Decimal) and value.is_finite()
