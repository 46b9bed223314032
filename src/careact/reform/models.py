"""The inputs and outputs of reform modelling: a person's spell of care, and what it cost whom.

A :class:`CareSpell` is one adult with eligible needs, from the week their care starts: where it is
given, what it costs the local authority (the *LA rate*: the personal budget, or for a self-funder
the independent personal budget) and what it actually costs, their weekly income, their capital and
their home. It is deliberately small -- the fields a population file carries -- and is turned into a
full charging case for each weekly assessment (:mod:`careact.reform.engine`).

Simplifications (stated in every result): one person, not a couple; income and care costs are
constant in cash terms over the spell (national allowances and limits still change each April as
the rule set says); a deferred payment is modelled as drawing on the value of the home, without
interest or fees; people whom the local authority supports are placed at the LA rate.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from typing import Any

from ..errors import FieldProblem, InputError
from ..money import PENNY, ZERO, parse_money

__all__ = ["SETTINGS", "TENURES", "CareSpell", "CaseOutcome", "SideOutcome", "spell_from_mapping"]

SETTINGS = ("care_home", "community")
TENURES = ("owner_outright", "owner_mortgage", "social_rent", "private_rent", "other")


@dataclass(frozen=True, slots=True)
class CareSpell:
    """One adult's spell of long-term care (all money in pounds, weekly unless named otherwise)."""

    id: str
    date_of_birth: date
    care_start: date
    setting: str  # "care_home" or "community"
    la_weekly_rate: Decimal  # cost to the LA of meeting the eligible needs (personal budget / IPB)
    weekly_income: Decimal  # assessable weekly income (pensions, benefits)
    capital: Decimal = ZERO  # savings and investments, not the home
    weeks: int | None = None  # length of the spell; None = to the end of the horizon asked for
    weekly_fee: Decimal | None = None  # what the care actually costs a self-funder (default: the LA rate)
    home_value: Decimal = ZERO  # the adult's interest in their home (net of any mortgage); 0 = no home
    home_disregarded: bool = False  # a partner or qualifying relative lives there (SI 2014/2672 Sch 2 para 4)
    tenure: str = "other"
    weight: Decimal = Decimal(1)  # people this record stands for, in population totals

    def __post_init__(self) -> None:
        # money to whole pence, so '2504' and '2504.00' are the same amount in every result
        for name in ("la_weekly_rate", "weekly_income", "capital", "home_value"):
            object.__setattr__(self, name, Decimal(getattr(self, name)).quantize(PENNY))
        if self.weekly_fee is not None:
            object.__setattr__(self, "weekly_fee", Decimal(self.weekly_fee).quantize(PENNY))
        if self.setting not in SETTINGS:
            raise InputError.single("setting", f"must be one of {', '.join(SETTINGS)} (got {self.setting!r})", "choice")

    @property
    def fee(self) -> Decimal:
        return self.weekly_fee if self.weekly_fee is not None else self.la_weekly_rate

    @property
    def care_home(self) -> bool:
        return self.setting == "care_home"

    @property
    def initial_wealth(self) -> Decimal:
        return self.capital + self.home_value

    def with_changes(self, **changes: Any) -> CareSpell:
        return replace(self, **changes)

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "date_of_birth": self.date_of_birth.isoformat(),
            "care_start": self.care_start.isoformat(),
            "weeks": self.weeks,
            "setting": self.setting,
            "la_weekly_rate": str(self.la_weekly_rate),
            "weekly_fee": str(self.weekly_fee) if self.weekly_fee is not None else None,
            "weekly_income": str(self.weekly_income),
            "capital": str(self.capital),
            "home_value": str(self.home_value),
            "home_disregarded": self.home_disregarded,
            "tenure": self.tenure,
            "weight": str(self.weight),
        }


def _date(raw: Any, fld: str, problems: list[FieldProblem]) -> date | None:
    if isinstance(raw, date):
        return raw
    if isinstance(raw, str) and raw.strip():
        try:
            return date.fromisoformat(raw.strip())
        except ValueError:
            pass
    problems.append(FieldProblem(fld, f"must be a date YYYY-MM-DD (got {raw!r})", "date"))
    return None


def _money(raw: Any, fld: str, problems: list[FieldProblem], default: Decimal | None = None) -> Decimal | None:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        if default is None:
            problems.append(FieldProblem(fld, "is required", "missing"))
        return default
    try:
        return parse_money(raw, field=fld)
    except InputError as exc:
        problems.extend(exc.problems)
        return default


def _bool(raw: Any, fld: str, problems: list[FieldProblem]) -> bool:
    if raw is None or raw == "":
        return False
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, str) and raw.strip().lower() in ("true", "1", "yes", "y", "false", "0", "no", "n"):
        return raw.strip().lower() in ("true", "1", "yes", "y")
    if isinstance(raw, int) and raw in (0, 1):
        return bool(raw)
    problems.append(FieldProblem(fld, f"must be true or false (got {raw!r})", "type"))
    return False


def spell_from_mapping(row: Mapping[str, Any], *, prefix: str = "") -> CareSpell:
    """Build a :class:`CareSpell` from a CSV row or JSON object, naming every field at fault.

    Columns: ``id``, ``date_of_birth`` (or ``age`` at ``care_start``), ``care_start``, ``weeks``,
    ``setting``, ``la_weekly_rate``, ``weekly_fee``, ``weekly_income``, ``capital``, ``home_value``,
    ``home_disregarded``, ``tenure``, ``weight``. Money as decimal strings; see
    ``docs/guides/reform.md``.
    """
    problems: list[FieldProblem] = []
    f = lambda name: f"{prefix}{name}"
    rid = row.get("id")
    if rid is None or str(rid).strip() == "":
        problems.append(FieldProblem(f("id"), "is required", "missing"))
        rid = ""
    start = _date(row.get("care_start"), f("care_start"), problems)
    dob: date | None = None
    if row.get("date_of_birth") not in (None, ""):
        dob = _date(row.get("date_of_birth"), f("date_of_birth"), problems)
    elif row.get("age") not in (None, ""):
        try:
            age = int(str(row.get("age")).strip())
            if not 18 <= age <= 120:
                raise ValueError
            if start is not None:
                from dateutil.relativedelta import relativedelta

                dob = start - relativedelta(years=age)
        except ValueError:
            problems.append(FieldProblem(f("age"), f"must be a whole number of years from 18 to 120 (got {row.get('age')!r})", "range"))
    else:
        problems.append(FieldProblem(f("date_of_birth"), "give date_of_birth or age", "missing"))
    setting = str(row.get("setting") or "").strip()
    if setting not in SETTINGS:
        problems.append(FieldProblem(f("setting"), f"must be one of {', '.join(SETTINGS)} (got {setting!r})", "choice"))
    weeks: int | None = None
    if row.get("weeks") not in (None, ""):
        try:
            weeks = int(str(row.get("weeks")).strip())
            if weeks < 1:
                raise ValueError
        except ValueError:
            problems.append(FieldProblem(f("weeks"), f"must be a whole number of weeks, at least 1 (got {row.get('weeks')!r})", "range"))
    la = _money(row.get("la_weekly_rate"), f("la_weekly_rate"), problems)
    fee_raw = row.get("weekly_fee")
    fee = None if fee_raw in (None, "") else _money(fee_raw, f("weekly_fee"), problems)
    if fee is not None and la is not None and fee < la:
        problems.append(FieldProblem(f("weekly_fee"), "must not be below la_weekly_rate (the LA rate is what the care costs the council)", "range"))
    income = _money(row.get("weekly_income"), f("weekly_income"), problems)
    capital = _money(row.get("capital"), f("capital"), problems, default=ZERO)
    home = _money(row.get("home_value"), f("home_value"), problems, default=ZERO)
    tenure = str(row.get("tenure") or "other").strip()
    if tenure not in TENURES:
        problems.append(FieldProblem(f("tenure"), f"must be one of {', '.join(TENURES)} (got {tenure!r})", "choice"))
    weight = Decimal(1)
    if row.get("weight") not in (None, ""):
        try:
            weight = Decimal(str(row.get("weight")).strip())
            if not weight.is_finite() or weight <= 0:
                raise ValueError
        except (ValueError, ArithmeticError):
            problems.append(FieldProblem(f("weight"), f"must be a positive number (got {row.get('weight')!r})", "range"))
    if problems:
        raise InputError(problems)
    assert start is not None and dob is not None and la is not None and income is not None
    if dob >= start:
        raise InputError.single(f("date_of_birth"), "must be before care_start", "range")
    return CareSpell(
        id=str(rid),
        date_of_birth=dob,
        care_start=start,
        setting=setting,
        la_weekly_rate=la,
        weekly_income=income,
        capital=capital or ZERO,
        weeks=weeks,
        weekly_fee=fee,
        home_value=home or ZERO,
        home_disregarded=_bool(row.get("home_disregarded"), f("home_disregarded"), []),
        tenure=tenure,
        weight=weight,
    )


@dataclass(frozen=True, slots=True)
class SideOutcome:
    """What one spell cost under one rule set (baseline or reform), over the weeks simulated."""

    person_paid: Decimal
    council_paid: Decimal
    self_funder_at_start: bool
    self_funder_weeks: int
    accrued: Decimal
    cap_reached_on: date | None
    weeks_to_cap: int | None
    wealth_end: Decimal  # capital plus the home, less anything deferred against it
    deferred: Decimal

    def as_dict(self) -> dict[str, Any]:
        return {
            "person_paid": str(self.person_paid),
            "council_paid": str(self.council_paid),
            "self_funder_at_start": self.self_funder_at_start,
            "self_funder_weeks": self.self_funder_weeks,
            "accrued_towards_cap": str(self.accrued),
            "cap_reached_on": self.cap_reached_on.isoformat() if self.cap_reached_on else None,
            "weeks_to_cap": self.weeks_to_cap,
            "wealth_end": str(self.wealth_end),
            "deferred": str(self.deferred),
        }


@dataclass(frozen=True, slots=True)
class CaseOutcome:
    """One spell under the baseline and under the reform (the per-case row of a population run)."""

    id: str
    weight: Decimal
    weeks: int
    setting: str
    tenure: str
    weekly_income: Decimal
    initial_wealth: Decimal
    baseline: SideOutcome
    reform: SideOutcome
    extra: Mapping[str, Any] = field(default_factory=dict)

    def as_row(self) -> dict[str, Any]:
        row: dict[str, Any] = {
            "id": self.id,
            "weight": str(self.weight),
            "weeks": self.weeks,
            "setting": self.setting,
            "tenure": self.tenure,
            "weekly_income": str(self.weekly_income),
            "initial_wealth": str(self.initial_wealth),
        }
        for side, out in (("baseline", self.baseline), ("reform", self.reform)):
            for k, v in out.as_dict().items():
                row[f"{side}_{k}"] = v
        row["person_paid_change"] = str(self.reform.person_paid - self.baseline.person_paid)
        row["council_paid_change"] = str(self.reform.council_paid - self.baseline.council_paid)
        return row
