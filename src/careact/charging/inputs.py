"""The parts of a charging case that record dated facts and officers' decisions.

A case-management system sends these alongside the person, their care, income and capital
(:class:`~careact.charging.models.ChargingCase`). Each is a plain record a columnar table can carry:
dates, amounts, short codes, and the name of the officer who decided and why. Where the law leaves
a judgement to the local authority (a deprivation of capital, disability-related expenditure where
no disability benefit is counted, a light-touch assessment) careact takes the decision as an input
and never makes it.

:func:`consistency_problems` checks what no single field can: dates in the right order, a decision
with its reason, a top-up with its payer. Each problem names its field.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from itertools import pairwise
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict, Field

from ..money import NonNegativeMoney
from ..periods import Frequency, to_weekly

if TYPE_CHECKING:
    from .models import ChargingCase

__all__ = [
    "CARE_BENEFIT_TYPES",
    "DreDecision",
    "Evidence",
    "FundingPeriod",
    "HousingCostItem",
    "LightTouch",
    "MigOverride",
    "NhsFunding",
    "NotionalIncome",
    "OfficerAmount",
    "OfficerDecision",
    "PermanentPeriod",
    "ResidenceStay",
    "ShortStay",
    "TopUp",
    "TopUpAffordability",
    "TopUpPayer",
    "consistency_problems",
]

_STRICT = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

CARE_BENEFIT_TYPES = frozenset({
    "attendance_allowance_higher", "attendance_allowance_lower", "dla_care_highest", "dla_care_middle",
    "dla_care_lowest", "pip_daily_living_enhanced", "pip_daily_living_standard",
})
"""The benefits that stop after 28 days in a publicly funded care home (Attendance Allowance, the DLA care
component, the PIP daily living component), and that are disregarded for a temporary resident."""

TWELVE_WEEKS_DAYS = 84


class OfficerDecision(BaseModel):
    """A decision the law leaves to the local authority: who took it, when, and why."""

    model_config = _STRICT
    decided_by: str = Field(min_length=1, description="The officer (name and role) who took the decision.")
    decided_on: date = Field(description="The day the decision was taken.")
    reason: str = Field(min_length=3, description="Why: the facts the decision rests on.")


class OfficerAmount(OfficerDecision):
    """A weekly amount an officer decided on."""

    weekly: NonNegativeMoney = Field(description="The weekly amount decided.")


# --------------------------------------------------------------------------- property disregards


class PermanentPeriod(BaseModel):
    """An earlier period as a permanent care-home resident, for the 52-week re-admission rule (SI 2014/2672
    Sch 2 para 2(2))."""

    model_config = _STRICT
    start: date = Field(description="The first day of the earlier period of permanent residence.")
    end: date = Field(description="Its last day.")
    home_disregarded_days: int = Field(
        ge=0, le=TWELVE_WEEKS_DAYS,
        description="Days of the 12-week property disregard used in that period (and any period it continued).")


# --------------------------------------------------------------------------- short stays


class ShortStay(BaseModel):
    """An earlier short stay in a care home in the council's counting year (arrival and departure days)."""

    model_config = _STRICT
    start: date = Field(description="The day of arrival.")
    end: date = Field(description="The day of departure; the stay's nights are the days from start to end.")


# --------------------------------------------------------------------------- benefits in a care home


FundedBy = Literal["council", "nhs_chc", "nhs", "self", "third_party_or_charity", "deferred_payment"]
PUBLIC_FUNDING = frozenset({"council", "nhs_chc", "nhs"})


class FundingPeriod(BaseModel):
    """Who meets the costs of a stay, from a date."""

    model_config = _STRICT
    starts_on: date
    by: FundedBy = Field(
        description="council (public or local funds), nhs_chc (NHS continuing healthcare), nhs (an NHS hospital), "
        "self, third_party_or_charity, or deferred_payment (the adult pays through a deferred payment agreement)."
    )


class ResidenceStay(BaseModel):
    """A stay in a hospital or a care home, for the 28-day rule on Attendance Allowance, the DLA care
    component and the PIP daily living component."""

    model_config = _STRICT
    kind: Literal["hospital", "care_home"]
    entered_on: date
    left_on: date | None = Field(None, description="The day of leaving; unset while the stay continues.")
    funding: list[FundingPeriod] = Field(
        default_factory=list,
        description="Who meets the costs, by date. A hospital stay is taken as NHS-funded when none is given; "
        "a care-home stay needs its funding.",
    )


# --------------------------------------------------------------------------- NHS funding


class NhsFunding(BaseModel):
    """NHS-funded nursing care or NHS continuing healthcare, as the NHS decided it."""

    model_config = _STRICT
    type: Literal["fnc", "chc"] = Field(description="fnc: NHS-funded nursing care; chc: NHS continuing healthcare.")
    starts_on: date
    ends_on: date | None = None
    band: Literal["standard", "higher"] = Field(
        "standard", description="The FNC rate: the higher band only for those on it since before October 2007.")
    higher_band_since_2007: bool = False
    fee_includes_fnc: bool = Field(
        True, description="The care home's weekly fee (care.weekly_cost) is quoted including the FNC the NHS pays.")
    decided_by: str | None = Field(None, description="The integrated care board (or other NHS body) that decided.")


# --------------------------------------------------------------------------- light-touch assessment


class Evidence(BaseModel):
    """A piece of evidence a light-touch assessment rests on."""

    model_config = _STRICT
    kind: str = Field(min_length=1, description="e.g. bank_statement, benefit_award_letter, property_valuation.")
    description: str = Field(min_length=1)
    dated: date | None = None


class LightTouch(OfficerDecision):
    """A light-touch financial assessment (SI 2014/2672 reg 10; Care and Support Statutory Guidance chapter 8)."""

    basis: Literal[
        "refused", "refused_to_cooperate", "consent_resources_above_limit",
        "consent_resources_at_or_below_limit", "nominal_charge_agreed",
    ]
    consented_on: date | None = Field(None, description="The day the adult consented (the consent-based bases).")
    evidence: list[Evidence] = Field(default_factory=list)
    nominal_weekly_charge: NonNegativeMoney | None = Field(
        None, description="For nominal_charge_agreed: the small weekly charge the adult agreed to pay.")


# --------------------------------------------------------------------------- notional income


class NotionalIncome(OfficerDecision):
    """Income the adult is treated as having (SI 2014/2672 reg 17): an officer's decision."""

    type: Literal[
        "pension_drawdown_max_annuity", "income_available_on_application", "income_deprived", "income_due_not_paid",
    ]
    weekly: NonNegativeMoney
    starts_on: date
    ends_on: date | None = None
    actual_income_types_replaced: list[str] = Field(
        default_factory=list,
        description="Income types in the case whose actual amount this notional income replaces (counted once).")


# --------------------------------------------------------------------------- top-ups


class TopUpPayer(BaseModel):
    model_config = _STRICT
    kind: Literal["third_party", "resident"]
    name: str | None = None
    relationship: str | None = None


class TopUpAffordability(BaseModel):
    """The council's check that the payer can meet the top-up for the likely length of the placement."""

    model_config = _STRICT
    assessed_on: date
    payer_weekly_surplus: NonNegativeMoney
    expected_duration_weeks: int | None = Field(None, ge=1)
    decided_by: str | None = None


class TopUp(BaseModel):
    """A top-up for more expensive preferred accommodation (SI 2014/2670; Statutory Guidance Annex A)."""

    model_config = _STRICT
    weekly: NonNegativeMoney = Field(description="The additional weekly cost: the provider's fee less the personal budget.")
    payer: TopUpPayer = Field(description="Who pays the top-up.")
    agreement_signed_on: date = Field(description="The day the written top-up agreement was signed.")
    first_party_ground: Literal["twelve_week_disregard", "deferred_payment", "mental_health_aftercare"] | None = Field(
        None, description="Where the resident pays the top-up: the ground on which the law allows it.")
    affordability: TopUpAffordability | None = None
    collection: Literal["paid_to_provider", "paid_to_council", "via_resident_income"] = Field(
        "paid_to_provider",
        description="How the top-up reaches the provider. via_resident_income: the payer gives it to the resident, "
        "and the council recovers it through the financial assessment.")
    provider_weekly_fee: NonNegativeMoney | None = Field(
        None, description="The provider's weekly fee, if given: it must equal the personal budget plus the top-up.")


# --------------------------------------------------------------------------- couples and household


class MigOverride(OfficerAmount):
    """The minimum income guarantee the council assessed for this adult (never below the rules in force)."""


class DreDecision(OfficerAmount):
    """An officer's decision to allow disability-related expenditure where no disability benefit is counted."""

    review_on: date | None = None


# --------------------------------------------------------------------------- housing costs


HousingCostType = Literal[
    "rent", "housing_benefit", "mortgage_repayment", "smi_or_is_housing_costs", "council_tax",
    "council_tax_reduction", "service_charge", "ground_rent", "water", "buildings_insurance", "contents_insurance",
]
HOUSING_REDUCTIONS: dict[str, str] = {
    "housing_benefit": "rent",
    "smi_or_is_housing_costs": "mortgage_repayment",
    "council_tax_reduction": "council_tax",
}


class HousingCostItem(BaseModel):
    """One housing cost (or a benefit that reduces one), with how often it is paid."""

    model_config = _STRICT
    type: HousingCostType
    amount: NonNegativeMoney
    frequency: Frequency = Frequency.WEEKLY
    hb_eligible: bool | None = Field(
        None, description="For a service charge: whether Housing Benefit would meet it (SI 2006/213 Sch 1).")


# --------------------------------------------------------------------------- checks


def _days(a: date, b: date) -> int:
    return (b - a).days


def consistency_problems(case: ChargingCase) -> list[str]:
    """Every inconsistency between the new inputs of ``case``, as ``"field: problem"`` lines."""
    out: list[str] = []
    care = case.care
    out += _property_problems(case)
    out += _stay_problems(case)
    out += _residence_problems(case)
    nhs = case.nhs_funding
    if nhs is not None:
        if nhs.ends_on is not None and nhs.ends_on < nhs.starts_on:
            out.append("nhs_funding.ends_on: is before nhs_funding.starts_on")
        if nhs.type == "fnc" and care.setting not in ("permanent_residential", "temporary_residential", "respite"):
            out.append("nhs_funding.type: NHS-funded nursing care is paid only to a care home providing nursing care")
        if nhs.type == "fnc" and care.home_type == "residential":
            out.append("nhs_funding.type: NHS-funded nursing care is paid only where the care home provides nursing "
                       "(care.home_type is 'residential')")
        if nhs.band == "higher" and not nhs.higher_band_since_2007:
            out.append("nhs_funding.band: the higher FNC band is only for people on it since before October 2007 "
                       "(set higher_band_since_2007)")
    lt = case.light_touch
    if lt is not None:
        consent = lt.basis.startswith("consent") or lt.basis == "nominal_charge_agreed"
        if consent and lt.consented_on is None:
            out.append("light_touch.consented_on: a light-touch assessment with the adult's consent needs the day "
                       "they consented")
        if consent and not lt.evidence:
            out.append("light_touch.evidence: a light-touch assessment rests on evidence; list what it rests on "
                       "(SI 2014/2672 reg 10(2)-(3): 'satisfied from the evidence available')")
        if lt.basis == "nominal_charge_agreed" and lt.nominal_weekly_charge is None:
            out.append("light_touch.nominal_weekly_charge: give the weekly charge the adult agreed to")
        if lt.basis != "nominal_charge_agreed" and lt.nominal_weekly_charge is not None:
            out.append("light_touch.nominal_weekly_charge: only for the basis nominal_charge_agreed")
    known = {item.type for item in case.income}
    for i, n in enumerate(case.notional_income):
        if n.ends_on is not None and n.ends_on < n.starts_on:
            out.append(f"notional_income[{i}].ends_on: is before its starts_on")
        if n.type == "pension_drawdown_max_annuity" and not n.actual_income_types_replaced:
            out.append(f"notional_income[{i}].actual_income_types_replaced: notional income from a pension pot "
                       "replaces the income actually drawn: name its income type (e.g. private_pension)")
        for j, t in enumerate(n.actual_income_types_replaced):
            if t not in known:
                out.append(f"notional_income[{i}].actual_income_types_replaced[{j}]: the case has no income of type {t!r}")
    for i, nc in enumerate(case.notional_capital):
        if nc.applies_from is not None:
            if nc.decided_by is None:
                out.append(f"notional_capital[{i}].decided_by: deprivation of capital is an officer's decision: "
                           "name who took it")
            if nc.decided_on is None:
                out.append(f"notional_capital[{i}].decided_on: give the day the decision was taken")
        if nc.deprivation_date is not None and nc.applies_from is not None and nc.applies_from < nc.deprivation_date:
            out.append(f"notional_capital[{i}].applies_from: is before the deprivation_date")
    out += _top_up_problems(case)
    out += _housing_problems(case)
    if case.partner_at_home_allowance is not None:
        if case.partner is None:
            out.append("partner_at_home_allowance: the case has no partner")
        elif care.setting == "non_residential":
            out.append("partner_at_home_allowance: for a care-home resident whose partner is at home (for care at home, "
                       "see mig_override)")
    if case.dre_officer_decision is not None and care.setting != "non_residential":
        out.append("dre_officer_decision: disability-related expenditure is allowed for care other than in a care home")
    if case.mig_override is not None and care.setting == "permanent_residential":
        out.append("mig_override: the minimum income guarantee is for care other than in a care home")
    for i, item in enumerate(case.income):
        if item.paid_to_spouse_weekly is not None and item.half_paid_to_partner:
            out.append(f"income[{i}].paid_to_spouse_weekly: give either paid_to_spouse_weekly or half_paid_to_partner, "
                       "not both")
        if item.paid_to_spouse_weekly is not None and item.paid_to_spouse_weekly > item.amount:
            out.append(f"income[{i}].paid_to_spouse_weekly: is more than the pension itself")
        if item.entitlement_began_on is not None and item.type not in CARE_BENEFIT_TYPES:
            out.append(f"income[{i}].entitlement_began_on: only for Attendance Allowance, the DLA care component "
                       "or the PIP daily living component")
    return out


def _property_problems(case: ChargingCase) -> list[str]:
    out: list[str] = []
    care = case.care
    if case.home is not None:
        for i, occ in enumerate(case.home.occupants):
            where = f"home.occupants[{i}]"
            if (occ.occupation_ended_on is None) != (occ.occupation_ended_because is None):
                out.append(f"{where}.occupation_ended_because: give both the day the relative's occupation ended and why "
                           "(died, moved_to_care_home, other_unexpected or other)")
            admitted = care.first_admitted_on or care.start_date
            if (occ.occupation_ended_on is not None and admitted is not None and occ.lived_there_since_before_admission
                    and care.setting == "permanent_residential" and occ.occupation_ended_on < admitted):
                out.append(f"{where}.occupation_ended_on: a relative who lived in the home since before the adult went "
                           f"into the care home cannot have left it before admission ({admitted.isoformat()})")
    if care.previous_permanent_periods and care.property_disregard_weeks_used:
        out.append("care.property_disregard_weeks_used: give the earlier periods (care.previous_permanent_periods) "
                   "or the weeks used, not both")
    periods = sorted(care.previous_permanent_periods, key=lambda p: p.start)
    for i, p in enumerate(care.previous_permanent_periods):
        where = f"care.previous_permanent_periods[{i}]"
        if p.end < p.start:
            out.append(f"{where}.end: is before its start")
        elif p.home_disregarded_days > _days(p.start, p.end) + 1:
            out.append(f"{where}.home_disregarded_days: is more than the days in the period")
        if care.start_date is not None and p.end >= care.start_date:
            out.append(f"{where}.end: an earlier period must end before the current stay starts (care.start_date)")
    for a, b in pairwise(periods):
        if b.start <= a.end:
            out.append("care.previous_permanent_periods: periods overlap")
            break
    if care.first_admitted_on is not None and care.start_date is not None and care.first_admitted_on > care.start_date:
        out.append("care.first_admitted_on: is after care.start_date (the first day as a permanent resident)")
    for i, d in enumerate(case.discretionary_disregards):
        where = f"discretionary_disregards[{i}]"
        if d.kind is not None or d.starts_on is not None:
            if d.decided_by is None:
                out.append(f"{where}.decided_by: a dated discretionary disregard is an officer's decision: name who took it")
            if d.decided_on is None:
                out.append(f"{where}.decided_on: give the day the decision was taken")
            if d.starts_on is None:
                out.append(f"{where}.starts_on: give the first day the disregard applies")
        if d.kind is not None and d.applies_to != "home":
            out.append(f"{where}.kind: only a home disregard has a kind")
        if d.ends_on is not None and d.starts_on is not None and d.ends_on < d.starts_on:
            out.append(f"{where}.ends_on: is before starts_on")
        if d.kind == "unexpected_change_12_weeks":
            if d.ends_on is None:
                out.append(f"{where}.ends_on: a disregard after an unexpected change lasts at most 12 weeks: give its last day")
            elif d.starts_on is not None and _days(d.starts_on, d.ends_on) + 1 > TWELVE_WEEKS_DAYS:
                out.append(f"{where}.ends_on: a disregard after an unexpected change lasts at most 12 weeks (84 days)")
    for i, cap in enumerate(case.capital):
        if cap.disregard_extended_to is not None and cap.received_on is None:
            out.append(f"capital[{i}].disregard_extended_to: a disregard for a set time runs from received_on: give it")
        elif cap.disregard_extended_to is not None and cap.received_on is not None and cap.disregard_extended_to < cap.received_on:
            out.append(f"capital[{i}].disregard_extended_to: is before received_on")
    return out


def _stay_problems(case: ChargingCase) -> list[str]:
    out: list[str] = []
    care = case.care
    residential = care.setting in ("temporary_residential", "respite", "permanent_residential")
    if care.planned_end_date is not None:
        if not residential:
            out.append("care.planned_end_date: only for a stay in a care home")
        elif care.start_date is not None and care.planned_end_date <= care.start_date:
            out.append("care.planned_end_date: is not after care.start_date")
    if care.temporary_exceptional is not None and care.setting not in ("temporary_residential", "respite"):
        out.append("care.temporary_exceptional: only for a temporary stay")
    spans = [(s.start, s.end) for s in care.short_stays_in_year]
    for i, s in enumerate(care.short_stays_in_year):
        if s.end <= s.start:
            out.append(f"care.short_stays_in_year[{i}].end: is not after its start")
        if care.start_date is not None and s.end > care.start_date:
            out.append(f"care.short_stays_in_year[{i}].end: an earlier stay must end by the start of this one (care.start_date)")
    spans.sort()
    for (_a0, a1), (b0, _b1) in pairwise(spans):
        if b0 < a1:
            out.append("care.short_stays_in_year: stays overlap")
            break
    if care.short_stays_in_year and care.setting not in ("temporary_residential", "respite"):
        out.append("care.short_stays_in_year: only for a short stay in a care home")
    return out


def _residence_problems(case: ChargingCase) -> list[str]:
    out: list[str] = []
    stays = case.residence_history
    for i, s in enumerate(stays):
        where = f"residence_history[{i}]"
        if s.left_on is not None and s.left_on < s.entered_on:
            out.append(f"{where}.left_on: is before entered_on")
        if s.kind == "care_home" and not s.funding:
            out.append(f"{where}.funding: say who meets the costs of the care-home stay (council, self, ...)")
        days = [f.starts_on for f in s.funding]
        if days != sorted(days):
            out.append(f"{where}.funding: must be in date order")
        if s.funding and s.funding[0].starts_on != s.entered_on:
            out.append(f"{where}.funding[0].starts_on: the first funding entry starts on the day of entering ({s.entered_on.isoformat()})")
        for j, f in enumerate(s.funding):
            if s.left_on is not None and f.starts_on > s.left_on:
                out.append(f"{where}.funding[{j}].starts_on: is after the day of leaving")
    ordered = sorted(stays, key=lambda s: s.entered_on)
    for a, b in pairwise(ordered):
        if a.left_on is None or b.entered_on < a.left_on:
            out.append("residence_history: stays overlap (a stay may begin on the day the previous one ends)")
            break
    return out


def _top_up_problems(case: ChargingCase) -> list[str]:
    out: list[str] = []
    t = case.top_up
    care = case.care
    if t is None:
        return out
    if care.third_party_top_up:
        out.append("care.third_party_top_up: give the top-up once, in top_up")
    if care.setting == "non_residential":
        out.append("top_up: top-ups apply to care-home placements only")
    if t.weekly <= 0:
        out.append("top_up.weekly: a top-up is more than nil")
    if t.payer.kind == "resident" and t.first_party_ground is None:
        out.append("top_up.first_party_ground: the resident may pay their own top-up only during the 12-week property "
                   "disregard, under a deferred payment agreement, or for mental health after-care (SI 2014/2670); "
                   "give the ground")
    if t.payer.kind == "third_party" and t.first_party_ground is not None:
        out.append("top_up.first_party_ground: only where the resident pays the top-up")
    if t.first_party_ground == "twelve_week_disregard" and care.setting != "permanent_residential":
        out.append("top_up.first_party_ground: the 12-week property disregard applies to a permanent resident")
    if t.provider_weekly_fee is not None and t.provider_weekly_fee != care.weekly_cost + t.weekly:
        out.append(f"top_up.provider_weekly_fee: {t.provider_weekly_fee} is not the personal budget {care.weekly_cost} "
                   f"plus the top-up {t.weekly}")
    return out


def _housing_problems(case: ChargingCase) -> list[str]:
    out: list[str] = []
    h = case.housing_costs
    if h is None or not h.items:
        return out
    flat = (h.rent, h.mortgage, h.council_tax, h.service_charges, h.ground_rent, h.housing_benefit, h.council_tax_reduction)
    if any(v != 0 for v in flat):
        out.append("housing_costs.items: give the costs as items or as the flat fields (rent, mortgage, ...), not both")
    weekly: dict[str, Decimal] = {}
    for i, item in enumerate(h.items):
        if item.type == "service_charge" and item.hb_eligible is None:
            out.append(f"housing_costs.items[{i}].hb_eligible: say whether Housing Benefit would meet the service "
                       "charge (only eligible service charges are housing costs, SI 2014/2672 Sch 1 para 2(3))")
        if item.type != "service_charge" and item.hb_eligible is not None:
            out.append(f"housing_costs.items[{i}].hb_eligible: only for a service charge")
        weekly[item.type] = weekly.get(item.type, Decimal(0)) + to_weekly(item.amount, item.frequency).weekly
    for reduction, cost in HOUSING_REDUCTIONS.items():
        if weekly.get(reduction, Decimal(0)) > weekly.get(cost, Decimal(0)):
            out.append(f"housing_costs.items: {reduction.replace('_', ' ')} of £{weekly[reduction]} a week is more than "
                       f"the {cost.replace('_', ' ')} it reduces (£{weekly.get(cost, Decimal(0))} a week)")
    return out
