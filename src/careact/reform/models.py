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
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any, Final, Literal

from dateutil.relativedelta import relativedelta
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, Strict, ValidationError, WithJsonSchema

from ..errors import FieldProblem, InputError
from ..money import ZERO, NonNegativeMoney, NonNegativeMoneyOut, parse_money
from ..validation import from_pydantic

__all__ = ["CASE_SCHEMA", "SETTINGS", "TENURES", "CareSpell", "CaseOutcome", "SideOutcome", "spell_from_mapping"]

CASE_SCHEMA: Final = "careact.case.reform/1"
SETTINGS = ("care_home", "community")
TENURES = ("owner_outright", "owner_mortgage", "social_rent", "private_rent", "other")
_FIELDS = ("id", "date_of_birth", "age", "care_start", "weeks", "setting", "la_weekly_rate", "weekly_fee",
           "weekly_income", "capital", "home_value", "home_disregarded", "tenure", "weight", "schema")


def _weight(value: Any) -> Decimal:
    """How many people a record stands for: a positive decimal, never a float."""
    if isinstance(value, (bool, float)):
        # a ValueError, so pydantic reports it against the field
        raise ValueError(f"must be a decimal string such as \"2.5\" or a whole number, not {type(value).__name__}")  # noqa: TRY004
    try:
        weight = Decimal(value.strip() if isinstance(value, str) else value)
    except (TypeError, ArithmeticError, ValueError):
        raise ValueError(f"must be a positive number (got {value!r})") from None
    if not weight.is_finite() or weight <= 0:
        raise ValueError(f"must be a positive number (got {value!r})")
    return weight


Weight = Annotated[
    Decimal,
    BeforeValidator(_weight),
    WithJsonSchema({"anyOf": [{"type": "string", "pattern": r"^\d+(\.\d+)?$"}, {"type": "integer", "minimum": 1}],
                    "description": "How many people the record stands for (a positive decimal string or whole number)."}),
]


class CareSpell(BaseModel):
    """One adult's spell of long-term care (all money in pounds, weekly unless named otherwise).

    Money is a decimal string or a whole number, never a float; a float, a misspelt field or a bad
    choice raises :class:`~careact.errors.InputError` naming the field.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, title="careact care spell", str_strip_whitespace=True)
    schema_: Literal["careact.case.reform/1"] = Field(CASE_SCHEMA, alias="schema")
    id: str = Field(min_length=1, description="The caller's reference, echoed in every result.")
    date_of_birth: date
    care_start: date = Field(description="The date the long-term care starts.")
    weeks: Annotated[int, Strict()] | None = Field(
        None, ge=1, description="Length of the spell in weeks; none: to the end of the horizon asked for.")
    setting: Literal["care_home", "community"]
    la_weekly_rate: NonNegativeMoney = Field(
        description="What meeting the eligible needs costs the local authority each week (the personal budget, or "
        "for a self-funder the independent personal budget).")
    weekly_fee: NonNegativeMoney | None = Field(
        None, description="What the care actually costs a self-funder each week (default: the LA rate).")
    weekly_income: NonNegativeMoney = Field(description="Assessable weekly income (pensions, benefits).")
    capital: NonNegativeMoney = Field(ZERO, description="Savings and investments, not the home.")
    home_value: NonNegativeMoney = Field(
        ZERO, description="The adult's interest in their home, net of any mortgage (0: no home).")
    home_disregarded: bool = Field(
        False, description="A partner or qualifying relative lives in the home (SI 2014/2672 Sch 2 para 4).")
    tenure: Literal["owner_outright", "owner_mortgage", "social_rent", "private_rent", "other"] = "other"
    weight: Weight = Field(Decimal(1), description="How many people this record stands for, in population totals.")

    def __init__(self, **data: Any) -> None:
        try:
            super().__init__(**data)
        except ValidationError as exc:
            raise from_pydantic(exc) from None

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
        """A copy with ``changes`` applied, validated like any spell."""
        return CareSpell(**{**self.model_dump(by_alias=True), **changes})

    def as_dict(self) -> dict[str, Any]:
        """The spell as a population-file row (money as decimal strings)."""
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
    if isinstance(raw, date) and not isinstance(raw, datetime):
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


def _whole(raw: Any, fld: str, problems: list[FieldProblem], low: int, high: int | None, what: str) -> int | None:
    if isinstance(raw, (bool, float)):
        problems.append(FieldProblem(fld, f"must be {what} (got {raw!r})", "type"))
        return None
    try:
        value = int(str(raw).strip())
    except ValueError:
        problems.append(FieldProblem(fld, f"must be {what} (got {raw!r})", "range"))
        return None
    if value < low or (high is not None and value > high):
        problems.append(FieldProblem(fld, f"must be {what} (got {raw!r})", "range"))
        return None
    return value


def spell_from_mapping(row: Mapping[str, Any], *, prefix: str = "", care_start: date | None = None) -> CareSpell:
    """Build a :class:`CareSpell` from a CSV row or JSON object, naming every field at fault.

    Columns: ``id``, ``date_of_birth`` (or ``age`` at ``care_start``), ``care_start``, ``weeks``,
    ``setting``, ``la_weekly_rate``, ``weekly_fee``, ``weekly_income``, ``capital``, ``home_value``,
    ``home_disregarded``, ``tenure``, ``weight`` (and ``schema``, ``careact.case.reform/1``). Money
    as decimal strings, never floats; ``true``/``false`` (or yes/no, 1/0) for ``home_disregarded``;
    an unknown column is an error, not ignored. ``care_start`` (the argument) is the start of care
    where the row gives none. See ``docs/guides/reform.md``.
    """
    problems: list[FieldProblem] = []

    def f(name: str) -> str:
        return f"{prefix}{name}"

    for key in row:
        if key not in _FIELDS:
            problems.append(FieldProblem(f(str(key)), "is not a field careact knows (check the spelling against the "
                                         "careact.case.reform/1 schema)", "unknown_field"))
    if row.get("schema") not in (None, "", CASE_SCHEMA):
        problems.append(FieldProblem(f("schema"), f"must be {CASE_SCHEMA!r} (got {row.get('schema')!r})", "unknown_value"))
    rid = row.get("id")
    if rid is None or str(rid).strip() == "":
        problems.append(FieldProblem(f("id"), "is required", "missing"))
        rid = ""
    start = care_start if row.get("care_start") in (None, "") and care_start is not None else \
        _date(row.get("care_start"), f("care_start"), problems)
    dob: date | None = None
    if row.get("date_of_birth") not in (None, ""):
        dob = _date(row.get("date_of_birth"), f("date_of_birth"), problems)
    elif row.get("age") not in (None, ""):
        age = _whole(row.get("age"), f("age"), problems, 18, 120, "a whole number of years from 18 to 120")
        if age is not None and start is not None:
            try:
                dob = start - relativedelta(years=age)
            except (ValueError, OverflowError):
                problems.append(FieldProblem(f("care_start"), f"{start.isoformat()} is too early to be a start of care",
                                             "range"))
    else:
        problems.append(FieldProblem(f("date_of_birth"), "give date_of_birth or age", "missing"))
    setting = str(row.get("setting") or "").strip()
    if setting not in SETTINGS:
        problems.append(FieldProblem(f("setting"), f"must be one of {', '.join(SETTINGS)} (got {setting!r})", "choice"))
    weeks: int | None = None
    if row.get("weeks") not in (None, ""):
        weeks = _whole(row.get("weeks"), f("weeks"), problems, 1, None, "a whole number of weeks, at least 1")
    la = _money(row.get("la_weekly_rate"), f("la_weekly_rate"), problems)
    fee_raw = row.get("weekly_fee")
    fee = None if fee_raw in (None, "") else _money(fee_raw, f("weekly_fee"), problems)
    if fee is not None and la is not None and fee < la:
        problems.append(FieldProblem(f("weekly_fee"), "must not be below la_weekly_rate (the LA rate is what the care costs the council)", "range"))
    income = _money(row.get("weekly_income"), f("weekly_income"), problems)
    capital = _money(row.get("capital"), f("capital"), problems, default=ZERO)
    home = _money(row.get("home_value"), f("home_value"), problems, default=ZERO)
    disregarded = _bool(row.get("home_disregarded"), f("home_disregarded"), problems)
    tenure = str(row.get("tenure") or "other").strip()
    if tenure not in TENURES:
        problems.append(FieldProblem(f("tenure"), f"must be one of {', '.join(TENURES)} (got {tenure!r})", "choice"))
    weight = Decimal(1)
    if row.get("weight") not in (None, ""):
        try:
            weight = _weight(row.get("weight"))
        except ValueError as exc:
            problems.append(FieldProblem(f("weight"), str(exc), "range"))
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
        home_disregarded=disregarded,
        tenure=tenure,
        weight=weight,
    )


_ROW = ConfigDict(frozen=True, json_schema_serialization_defaults_required=True)


class SideOutcome(BaseModel):
    """What one spell cost under one rule set (baseline or reform), over the weeks simulated."""

    model_config = _ROW
    person_paid: NonNegativeMoneyOut
    council_paid: NonNegativeMoneyOut
    self_funder_at_start: bool
    self_funder_weeks: int
    accrued: NonNegativeMoneyOut = Field(serialization_alias="accrued_towards_cap")
    cap_reached_on: date | None
    weeks_to_cap: int | None
    wealth_end: NonNegativeMoneyOut = Field(description="Capital plus the home, less anything deferred against it.")
    deferred: NonNegativeMoneyOut

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


class CaseOutcome(BaseModel):
    """One spell under the baseline and under the reform (the per-case row of a population run)."""

    model_config = _ROW
    id: str
    weight: Decimal
    weeks: int
    setting: str
    tenure: str
    weekly_income: NonNegativeMoneyOut
    initial_wealth: NonNegativeMoneyOut
    baseline: SideOutcome
    reform: SideOutcome
    unverified: tuple[str, ...] = Field((), description="Parameters used whose figure is unverified.")
    secondary: tuple[str, ...] = Field((), description="Parameters used whose figure rests on a secondary source.")

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
