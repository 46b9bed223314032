"""The income-type and capital-type catalogues: how each kind of income or capital is treated.

The catalogues are data (``careact/rules/data/england/catalogue/*.toml``), each entry citing the
paragraph of SI 2014/2672 Schedule 1 (income) or Schedule 2 (capital), or the statutory guidance
annex, that sets its treatment. This module only reads them.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

from ..rules.catalogue import DATA_DIR
from ..rules.declare import Decl
from ..rules.params import declaration

__all__ = ["CapitalType", "IncomeType", "PensionAgeBand", "capital_types", "income_types", "pension_age_bands"]

INCOME_TREATMENTS = {"counted", "disregarded", "partial_fixed", "earnings", "counted_unless_council_option"}
CAPITAL_TREATMENTS = {"counted", "disregarded", "disregarded_for_weeks", "conditional"}


@dataclass(frozen=True, slots=True, eq=False)
class IncomeType:
    """An entry of the income-type catalogue (each entry is one object: compared and hashed by identity)."""

    id: str
    label: str
    residential: str
    non_residential: str
    cite: str
    href: str | None
    status: str
    disregard_param: str | None = None
    disregard_rate_param: str | None = None
    conditional_disregard_param: str | None = None
    condition: str | None = None
    council_option: str | None = None
    note: str | None = None
    earlier_treatment: Mapping[str, object] | None = None
    savings_credit_qualifying: bool = False  # 'qualifying income' for Pension Credit savings credit (SI 2002/1792 reg 9)

    def treatment(self, residential: bool, on: date | None = None) -> str:
        """The treatment in force on ``on`` (an earlier treatment applies up to its ``until`` date)."""
        early = self.earlier_treatment
        if early is not None and on is not None and on <= _until(early):
            return str(early["residential" if residential else "non_residential"])
        return self.residential if residential else self.non_residential

    def disregard_param_on(self, on: date | None = None) -> str | None:
        early = self.earlier_treatment
        if early is not None and on is not None and on <= _until(early):
            found = early.get("disregard_param", self.disregard_param)
            return found if isinstance(found, str) else None
        return self.disregard_param

    def disregard_decl_on(self, on: date | None = None) -> Decl[Any] | None:
        """The declared parameter holding this type's fixed disregard on ``on`` (if it has one)."""
        return _decl(self.disregard_param_on(on))

    @property
    def disregard_rate_decl(self) -> Decl[Any] | None:
        return _decl(self.disregard_rate_param)

    @property
    def council_option_decl(self) -> Decl[Any] | None:
        return _decl(self.council_option)


@dataclass(frozen=True, slots=True, eq=False)
class CapitalType:
    """An entry of the capital-type catalogue (compared and hashed by identity)."""

    id: str
    label: str
    treatment: str
    cite: str
    href: str | None
    status: str
    condition: str | None = None
    weeks_param: str | None = None
    note: str | None = None
    sch2_para: str | None = None

    @property
    def weeks_decl(self) -> Decl[Any] | None:
        """The declared parameter holding the number of weeks of a time-limited disregard."""
        return _decl(self.weeks_param)


def _until(early: Mapping[str, object]) -> date:
    until = early["until"]
    assert isinstance(until, date)
    return until


def _decl(name: str | None) -> Decl[Any] | None:
    if name is None:
        return None
    decl = declaration(name)
    if decl is None:  # checked when the catalogue is loaded
        raise LookupError(f"the catalogue names an undeclared parameter {name!r}")
    return decl


@dataclass(frozen=True, slots=True)
class PensionAgeBand:
    born_from: date
    born_to: date
    age_years: int | None
    age_months: int | None
    reached_on: date | None
    cite: str


def _catalogue_dir(ruleset: str) -> Path:
    return DATA_DIR / ruleset / "catalogue"


def _read_entries(ruleset: str, filename: str, table: str, cls: Any, check: Callable[[Any], str | None]) -> Mapping[str, object]:
    """Read one catalogue file: every entry a known shape, checked, listed once."""
    with (_catalogue_dir(ruleset) / filename).open("rb") as fh:
        doc = tomllib.load(fh, parse_float=Decimal)
    kind = table.replace("_", " ")
    out: dict[str, object] = {}
    for raw in doc[table]:
        unknown = set(raw) - set(cls.__slots__)
        if unknown:
            raise ValueError(f"{kind} {raw.get('id')!r}: unknown catalogue fields {sorted(unknown)}")
        item = cls(**raw)
        problem = check(item)
        if problem:
            raise ValueError(f"{kind} {item.id!r}: {problem}")
        if item.id in out:
            raise ValueError(f"{kind} {item.id!r} is listed twice")
        out[item.id] = item
    return MappingProxyType(out)


def _undeclared(*names: object) -> str | None:
    for name in names:
        if isinstance(name, str) and declaration(name) is None:
            return f"names a parameter careact does not declare: {name!r}"
    return None


def _check_income(item: IncomeType) -> str | None:
    early = item.earlier_treatment or {}
    bad = _undeclared(item.disregard_param, item.disregard_rate_param, item.conditional_disregard_param,
                      item.council_option, early.get("disregard_param"))
    if bad:
        return bad
    et = item.earlier_treatment
    if et is not None and (
        not isinstance(et.get("until"), date) or {et.get("residential"), et.get("non_residential")} - INCOME_TREATMENTS
    ):
        return "earlier_treatment needs 'until' and known treatments"
    if item.residential not in INCOME_TREATMENTS or item.non_residential not in INCOME_TREATMENTS:
        return "unknown treatment"
    return None


def _check_capital(item: CapitalType) -> str | None:
    bad = _undeclared(item.weeks_param)
    if bad:
        return bad
    return None if item.treatment in CAPITAL_TREATMENTS else f"unknown treatment {item.treatment!r}"


@lru_cache(maxsize=4)
def income_types(ruleset: str = "england") -> Mapping[str, IncomeType]:
    """Every income type of the rule set's catalogue, by id."""
    return _read_entries(ruleset, "income_types.toml", "income_type", IncomeType, _check_income)  # type: ignore[return-value]


@lru_cache(maxsize=4)
def capital_types(ruleset: str = "england") -> Mapping[str, CapitalType]:
    """Every capital type of the rule set's catalogue, by id."""
    return _read_entries(ruleset, "capital_types.toml", "capital_type", CapitalType, _check_capital)  # type: ignore[return-value]


@lru_cache(maxsize=4)
def pension_age_bands(ruleset: str = "england") -> tuple[PensionAgeBand, ...]:
    """The pension credit qualifying age table, by date of birth, in order."""
    with (_catalogue_dir(ruleset) / "pension_credit_age.toml").open("rb") as fh:
        doc = tomllib.load(fh, parse_float=Decimal)
    bands = tuple(
        PensionAgeBand(
            born_from=b["born_from"],
            born_to=b["born_to"],
            age_years=b.get("age_years"),
            age_months=b.get("age_months"),
            reached_on=b.get("reached_on"),
            cite=b["cite"],
        )
        for b in doc["band"]
    )
    return tuple(sorted(bands, key=lambda b: b.born_from))
