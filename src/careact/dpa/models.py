"""Inputs and results of the deferred payment agreement (DPA) rules.

Inputs and results are frozen pydantic v2 models (money as :data:`~careact.money.NonNegativeMoney`,
never a float). Every input model forbids unknown fields, so a misspelt key is rejected by name
rather than ignored. Every result is a :class:`~careact.results.CareactResult`: its figures, the
``explanation`` (``None`` when ``explain=False``), the ``figures`` status, the rule-set identity, the
careact version and the normalised ``inputs``; ``to_json()`` gives the document its JSON Schema
(``careact/schemas``) describes.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ..money import NonNegativeMoney, NonNegativeMoneyOut
from ..results import CareactResult, ExplanationField, FiguresStatus

__all__ = [
    "RESULT_SCHEMAS",
    "AdminCharge",
    "Compounding",
    "DeferralChange",
    "DpaAgreement",
    "DpaApplication",
    "DpaEligibility",
    "DpaStatement",
    "EquityLimit",
    "Offer",
    "PeriodRate",
    "PropertyInterest",
    "Revaluation",
    "Security",
    "Setting",
    "StatementRow",
    "WeeklyDeferral",
    "WeeklyDeferralCase",
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

    model_config = ConfigDict(extra="forbid", frozen=True, title="careact property interest")
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
    """The facts a DPA eligibility decision turns on (on the date the call gives as ``on``)."""

    model_config = ConfigDict(extra="forbid", frozen=True, title="careact deferred payment application")
    on: date | None = Field(
        None, description="Deprecated: pass the date as dpa_eligibility(application, on=...); removed in careact 0.3.")
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

    model_config = ConfigDict(extra="forbid", frozen=True, title="careact deferred payment agreement")
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


# --------------------------------------------------------------------------- inputs of a weekly deferral


class WeeklyDeferralCase(BaseModel):
    """What a week's deferral turns on: the care cost, the adult's assessed income, what they keep."""

    model_config = ConfigDict(extra="forbid", frozen=True, title="careact weekly deferral case")
    weekly_care_cost: NonNegativeMoney
    weekly_income: NonNegativeMoney = Field(description="Assessed weekly income, including tariff income on capital other than the home.")
    disposable_income_allowance: NonNegativeMoney | None = Field(
        None, description="The disposable income allowance the adult asks to keep (None: the maximum).")
    other_weekly_contribution: NonNegativeMoney = Decimal("0.00")


# --------------------------------------------------------------------------- results

RESULT_SCHEMAS = {
    "eligibility": "careact.result.dpa.eligibility/1",
    "equity_limit": "careact.result.dpa.equity_limit/1",
    "weekly_deferral": "careact.result.dpa.weekly_deferral/1",
    "interest_rate": "careact.result.dpa.interest_rate/1",
    "statement": "careact.result.dpa.statement/1",
}
"""The schema id of each DPA result (its ``schema`` field)."""

_RESULT = ConfigDict(frozen=True, json_schema_serialization_defaults_required=True)


class _DpaResult(CareactResult):
    """What every DPA result carries besides its figures."""

    model_config = _RESULT
    figures: FiguresStatus = Field(
        description="Whether any figure the result rests on is unverified or only from a secondary source.")
    ruleset: dict[str, Any] = Field(description="The identity (id, digest, layers) of the rule set used.")
    careact_version: str
    explanation: ExplanationField = Field(
        None, description="The careact.explain/1 document (a mapping; built when first read); None with explain=False.")


class EquityLimit(_DpaResult):
    """The most that may be deferred against the property on a date."""

    model_config = ConfigDict(frozen=True, title="careact DPA equity limit")
    schema_: Literal["careact.result.dpa.equity_limit/1"] = Field("careact.result.dpa.equity_limit/1", alias="schema")
    on: date
    interest_value: NonNegativeMoneyOut = Field(description="The value of the adult's interest in the property.")
    usable: NonNegativeMoneyOut = Field(description="The interest value times the equity-limit share.")
    lower_capital_limit: NonNegativeMoneyOut
    prior_charges: NonNegativeMoneyOut
    limit: NonNegativeMoneyOut = Field(description="The equity limit (never negative).")
    inputs: PropertyInterest = Field(description="The property interest as normalised by careact.")


class DpaEligibility(_DpaResult):
    """Whether the authority must, may or need not offer a deferred payment agreement, and why."""

    model_config = ConfigDict(frozen=True, title="careact DPA eligibility")
    schema_: Literal["careact.result.dpa.eligibility/1"] = Field("careact.result.dpa.eligibility/1", alias="schema")
    on: date
    offer: Offer
    available_from: date | None
    conditions: dict[str, bool] = Field(description="Each condition of SI 2014/2671 reg 2: needs, property, capital, security, agrees_to_terms.")
    reasons: tuple[str, ...]
    equity_limit: NonNegativeMoneyOut | None
    inputs: DpaApplication = Field(description="The application as normalised by careact.")


class WeeklyDeferral(_DpaResult):
    """The disposable income allowance kept and the amount deferred each week."""

    model_config = ConfigDict(frozen=True, title="careact DPA weekly deferral")
    schema_: Literal["careact.result.dpa.weekly_deferral/1"] = Field("careact.result.dpa.weekly_deferral/1", alias="schema")
    on: date
    weekly_care_cost: NonNegativeMoneyOut
    weekly_income: NonNegativeMoneyOut
    disposable_income_allowance: NonNegativeMoneyOut = Field(description="The allowance kept (between the personal expenses allowance and the maximum).")
    contribution_from_income: NonNegativeMoneyOut
    other_weekly_contribution: NonNegativeMoneyOut
    deferred: NonNegativeMoneyOut
    inputs: WeeklyDeferralCase = Field(description="The case as normalised by careact.")


class PeriodRate(_DpaResult):
    """The interest rate for one relevant period (SI 2014/2671 reg 9(5)), clipped to where the caller asked."""

    model_config = ConfigDict(frozen=True, title="careact DPA interest rate")
    schema_: Literal["careact.result.dpa.interest_rate/1"] = Field("careact.result.dpa.interest_rate/1", alias="schema")
    on: date
    start: date
    end: date
    maximum: Decimal = Field(description="The national maximum rate for the period, as a fraction a year (0.0465 is 4.65%).")
    rate: Decimal = Field(description="The rate charged: the maximum, or a lower agreed rate.")
    status: Literal["verified", "secondary", "unverified", "agreed", "carried_forward"] = Field(
        description="The maximum's source status, carried_forward (no figure of its own for the period), or agreed.")
    carried_forward: bool
    capped: bool = Field(description="An agreed rate above the maximum was cut to it.")


class StatementRow(BaseModel):
    """One period of a DPA statement (a six-month relevant period, clipped to the projection)."""

    model_config = _RESULT
    start: date
    end: date
    days: int
    rate: Decimal
    rate_status: Literal["verified", "secondary", "unverified", "agreed", "carried_forward"]
    opening_balance: NonNegativeMoneyOut
    care_costs_deferred: NonNegativeMoneyOut
    care_costs_not_deferred: NonNegativeMoneyOut
    admin_charges: NonNegativeMoneyOut
    interest: NonNegativeMoneyOut
    closing_balance: NonNegativeMoneyOut
    equity_limit: NonNegativeMoneyOut
    headroom: NonNegativeMoneyOut


class DpaStatement(_DpaResult):
    """A statement of the debt under a DPA from its start to the statement date."""

    model_config = ConfigDict(frozen=True, title="careact DPA statement")
    schema_: Literal["careact.result.dpa.statement/1"] = Field("careact.result.dpa.statement/1", alias="schema")
    on: date = Field(description="The statement date asked for (the projection's last day, unless it stopped at the equity limit).")
    start: date
    end: date
    rows: tuple[StatementRow, ...]
    equity_limit_reached_on: date | None
    total_care_costs_deferred: NonNegativeMoneyOut
    total_care_costs_not_deferred: NonNegativeMoneyOut
    total_admin_charges: NonNegativeMoneyOut
    total_interest: NonNegativeMoneyOut
    interest_payable_separately: NonNegativeMoneyOut
    closing_balance: NonNegativeMoneyOut
    warnings: tuple[str, ...]
    inputs: DpaAgreement = Field(description="The agreement as normalised by careact.")
