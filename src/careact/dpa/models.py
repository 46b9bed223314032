"""Inputs and results of the deferred payment agreement (DPA) rules.

Inputs are frozen pydantic v2 models (money as :data:`~careact.money.NonNegativeMoney`, never a
float); results are frozen dataclasses carrying their figures and an
:class:`~careact.explain.Explanation`. Every input model forbids unknown fields, so a misspelt key is
rejected by name rather than ignored.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ..explain import Explanation, jsonable
from ..money import NonNegativeMoney

__all__ = [
    "AdminCharge",
    "Compounding",
    "DeferralChange",
    "DpaAgreement",
    "DpaApplication",
    "DpaEligibility",
    "DpaStatement",
    "EquityLimit",
    "Offer",
    "PropertyInterest",
    "Revaluation",
    "Security",
    "Setting",
    "StatementRow",
    "WeeklyDeferral",
]

_FROZEN = ConfigDict(extra="forbid", frozen=True)


class Setting(StrEnum):
    """Where the adult's needs are (to be) met."""

    CARE_HOME = "care_home"
    SUPPORTED_LIVING = "supported_living"
    OTHER = "other"


class Security(StrEnum):
    """The security the local authority can obtain for the deferred amount."""

    FIRST_LEGAL_CHARGE = "first_legal_charge"  # the "adequate security" of a required DPA
    OTHER = "other"  # e.g. a guarantee, solicitor's undertaking, a lower-ranking charge
    NONE = "none"


class Compounding(StrEnum):
    """How interest is added to the debt (a local choice; the Regulations only cap the rate)."""

    DAILY = "daily"  # interest on each day's balance, including interest already accrued
    MONTHLY = "monthly"  # simple within a calendar month, added to the balance at month end
    SIMPLE = "simple"  # added to the debt but never itself bearing interest


class Offer(StrEnum):
    """The outcome of a DPA eligibility check."""

    MUST_OFFER = "must_offer"  # SI 2014/2671 reg 2: the authority is required to enter into a DPA
    MAY_OFFER = "may_offer"  # reg 3: the authority may, at its discretion
    NOT_ELIGIBLE = "not_eligible"


class Revaluation(BaseModel):
    """A later valuation of the property, in force from ``on``."""

    model_config = _FROZEN
    on: date
    market_value: NonNegativeMoney


class PropertyInterest(BaseModel):
    """The adult's legal or beneficial interest in the property offered as security.

    ``share`` is the adult's fraction of the property (1 for a sole owner, 0.5 for one of two equal
    joint owners). ``interest_value`` overrides ``market_value × share`` where the interest has been
    valued separately (a jointly owned home is often worth less to a buyer than the pro-rata share).
    ``prior_charges`` are amounts secured on the adult's interest that rank before the authority's
    charge (an existing mortgage).
    """

    model_config = _FROZEN
    market_value: NonNegativeMoney
    share: Decimal = Field(Decimal(1), gt=0, le=1)
    interest_value: NonNegativeMoney | None = None
    prior_charges: NonNegativeMoney = Decimal("0.00")
    is_main_or_only_home: bool = True  # occupied, or formerly occupied, as the adult's only or main home
    revaluations: tuple[Revaluation, ...] = ()

    @model_validator(mode="after")
    def _ordered(self) -> PropertyInterest:
        days = [r.on for r in self.revaluations]
        if days != sorted(days) or len(set(days)) != len(days):
            raise ValueError("revaluations must be in date order, one per date")
        return self


class DpaApplication(BaseModel):
    """The facts a DPA eligibility decision turns on, on the date ``on``."""

    model_config = _FROZEN
    on: date
    setting: Setting = Setting.CARE_HOME
    la_meeting_needs: bool = True  # False: a self-funder the authority would otherwise meet in a care home
    property: PropertyInterest | None = None
    home_disregarded: bool = False  # a (non-temporary) Schedule 2 disregard applies to the home
    twelve_week_disregard_ends: date | None = None  # last day of the 12-week property disregard, if any
    capital_excluding_home: NonNegativeMoney
    security: Security = Security.FIRST_LEGAL_CHARGE
    agrees_to_terms: bool = True


class AdminCharge(BaseModel):
    """An administration charge (SI 2014/2671 reg 10) on a date."""

    model_config = _FROZEN
    on: date
    amount: NonNegativeMoney
    description: str = "administration charge"
    add_to_debt: bool = True  # reg 10(2): treated as the deferred amount unless the adult pays separately


class DeferralChange(BaseModel):
    """From ``on``, a new weekly care cost and/or weekly contribution (the other stays as it was)."""

    model_config = _FROZEN
    on: date
    weekly_care_cost: NonNegativeMoney | None = None
    weekly_income: NonNegativeMoney | None = None
    other_weekly_contribution: NonNegativeMoney | None = None


class DpaAgreement(BaseModel):
    """A DPA to project: what is deferred each week, the security, interest terms and admin charges.

    The weekly amount deferred is the weekly care cost less what the adult pays from income (assessed
    weekly income less the disposable income allowance they keep) and any other weekly contribution
    (a third party, or capital the adult chooses to use).
    """

    model_config = _FROZEN
    start: date
    property: PropertyInterest
    weekly_care_cost: NonNegativeMoney
    weekly_income: NonNegativeMoney = Decimal("0.00")  # assessed weekly income incl. tariff income
    disposable_income_allowance: NonNegativeMoney | None = None  # None: the maximum
    other_weekly_contribution: NonNegativeMoney = Decimal("0.00")
    changes: tuple[DeferralChange, ...] = ()
    opening_balance: NonNegativeMoney = Decimal("0.00")
    interest_rate: Decimal | None = Field(None, ge=0, le=1)  # None: the national maximum each period
    compounding: Compounding = Compounding.DAILY
    interest_added_to_debt: bool = True  # reg 9(2): False if the adult pays interest separately
    setup_fee: NonNegativeMoney = Decimal("0.00")
    annual_fee: NonNegativeMoney = Decimal("0.00")  # charged on each anniversary of ``start``
    admin_charges: tuple[AdminCharge, ...] = ()

    @model_validator(mode="after")
    def _ordered(self) -> DpaAgreement:
        days = [c.on for c in self.changes]
        if days != sorted(days) or len(set(days)) != len(days):
            raise ValueError("changes must be in date order, one per date")
        if any(d < self.start for d in days):
            raise ValueError("a change cannot take effect before the agreement starts")
        return self


# --------------------------------------------------------------------------- results


@dataclass(frozen=True, slots=True)
class _Result:
    explanation: Explanation = field(repr=False, compare=False)

    def to_dict(self) -> dict[str, Any]:
        out = {f.name: jsonable(getattr(self, f.name)) for f in fields(self) if f.name != "explanation"}
        out["explanation"] = self.explanation.to_dict()
        return out


@dataclass(frozen=True, slots=True)
class EquityLimit(_Result):
    """The most that may be deferred against the property on a date."""

    on: date
    interest_value: Decimal
    usable: Decimal  # interest value × the equity-limit share
    lower_capital_limit: Decimal
    prior_charges: Decimal
    limit: Decimal  # never negative


@dataclass(frozen=True, slots=True)
class DpaEligibility(_Result):
    on: date
    offer: Offer
    available_from: date | None
    conditions: dict[str, bool]
    reasons: tuple[str, ...]
    equity_limit: Decimal | None


@dataclass(frozen=True, slots=True)
class WeeklyDeferral(_Result):
    on: date
    weekly_care_cost: Decimal
    weekly_income: Decimal
    disposable_income_allowance: Decimal
    contribution_from_income: Decimal
    other_weekly_contribution: Decimal
    deferred: Decimal


@dataclass(frozen=True, slots=True)
class StatementRow:
    """One period of a DPA statement (a six-month relevant period, clipped to the projection)."""

    start: date
    end: date
    days: int
    rate: Decimal
    rate_status: Literal["verified", "secondary", "unverified", "agreed", "carried_forward"]
    opening_balance: Decimal
    care_costs_deferred: Decimal
    care_costs_not_deferred: Decimal
    admin_charges: Decimal
    interest: Decimal
    closing_balance: Decimal
    equity_limit: Decimal
    headroom: Decimal


@dataclass(frozen=True, slots=True)
class DpaStatement(_Result):
    start: date
    end: date
    rows: tuple[StatementRow, ...]
    equity_limit_reached_on: date | None
    total_care_costs_deferred: Decimal
    total_care_costs_not_deferred: Decimal
    total_admin_charges: Decimal
    total_interest: Decimal
    interest_payable_separately: Decimal
    closing_balance: Decimal
    warnings: tuple[str, ...]
