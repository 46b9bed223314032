"""What the adult keeps: the personal expenses allowance, the minimum income guarantee, housing costs
and disability-related expenditure.

- Care-home residents keep the personal expenses allowance (SI 2014/2672 reg 6).
- Everyone else keeps at least the minimum income guarantee (reg 7): a personal amount by age and
  household (single 18-24, 25 to pension credit age, pension credit age and over; lone parent; couple
  member), an amount for each dependent child, and the disability, enhanced disability and carer
  premiums that apply.
- Housing costs the adult meets, net of Housing Benefit and Council Tax Reduction, are disregarded
  for care at home and for temporary residents (Sch 1 para 2).
- Disability-related expenditure is allowed where disability benefits are taken into account
  (Sch 1 para 4; Annex C).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from ..dates import age_on
from ..explain import N_, RuleStep, Trace, gbp
from ..money import ZERO, round_pence
from ..periods import to_weekly
from ..rules import Resolved
from .models import Allowance, ChargingCase, Flag
from .pension_age import PENSION_AGE_CITATION, has_reached_pension_credit_age, pension_credit_age_date

__all__ = ["Allowances", "disability_related_expenditure", "discretionary_income_disregards", "housing_costs", "mig_category", "minimum_income_guarantee", "personal_expenses_allowance"]

_L = "https://www.legislation.gov.uk/uksi/2014/2672"
R_PEA = RuleStep("charging.allowances.personal_expenses", "Personal expenses allowance", "SI 2014/2672 reg 6", f"{_L}/regulation/6", "Care and Support Statutory Guidance chapter 8")
R_MIG = RuleStep("charging.allowances.mig", "Minimum income guarantee", "SI 2014/2672 reg 7", f"{_L}/regulation/7", "Care and Support Statutory Guidance chapter 8; Annex C")
R_MIG_CATEGORY = RuleStep("charging.allowances.mig.personal_amount", "MIG personal amount", "SI 2014/2672 reg 7(2)-(4)", f"{_L}/regulation/7")
R_MIG_PCA = RuleStep("charging.allowances.mig.pension_credit_age", "Pension credit age", PENSION_AGE_CITATION, "https://www.legislation.gov.uk/ukpga/2002/16/section/1")
R_MIG_CHILD = RuleStep("charging.allowances.mig.child", "MIG for dependent children", "SI 2014/2672 reg 7(1)(b)", f"{_L}/regulation/7")
R_MIG_PREMIUM = RuleStep("charging.allowances.mig.premium", "MIG premium", "SI 2014/2672 reg 7(5)-(7)", f"{_L}/regulation/7")
R_MIG_UPLIFT = RuleStep("charging.allowances.mig.council_uplift", "Council uplift to the MIG", "Council charging policy (SI 2014/2672 reg 7 sets a floor)")
R_HOUSING = RuleStep("charging.allowances.housing_costs", "Housing costs", "SI 2014/2672 Sch 1 para 2", f"{_L}/schedule/1/paragraph/2", "Annex C")
R_DRE_CLAIMED = RuleStep("charging.allowances.disability_related_expenditure.itemised", "DRE claimed, itemised", "SI 2014/2672 Sch 1 para 4", f"{_L}/schedule/1/paragraph/4", "Care and Support Statutory Guidance Annex C paras 39-40")
R_DRE_STANDARD = RuleStep("charging.allowances.disability_related_expenditure.standard", "The council's standard DRE allowance", "Council charging policy; Care and Support Statutory Guidance Annex C")
R_DRE_LIMIT = RuleStep("charging.allowances.disability_related_expenditure.limit", "DRE limited to the disability benefit counted", "Care and Support Statutory Guidance Annex C paras 39-40", None, "Annex C para 39: 'allow the person to keep enough benefit to pay for necessary disability-related expenditure'")
R_DISCRETIONARY = RuleStep("charging.allowances.discretionary_income_disregard", "A discretionary income disregard", "Care Act 2014 s 14 (discretion to charge less); Care and Support Statutory Guidance Annex C")
R_DRE = RuleStep("charging.allowances.disability_related_expenditure", "Disability-related expenditure", "SI 2014/2672 Sch 1 para 4", f"{_L}/schedule/1/paragraph/4", "Care and Support Statutory Guidance Annex C paras 39-40")

_DISABILITY_PREMIUM_BENEFITS = frozenset({
    "attendance_allowance_higher", "attendance_allowance_lower", "dla_care_highest", "dla_care_middle",
    "dla_care_lowest", "dla_mobility_higher", "dla_mobility_lower", "pip_daily_living_enhanced",
    "pip_daily_living_standard", "pip_mobility_enhanced", "pip_mobility_standard", "severe_disablement_allowance",
    "constant_attendance_allowance",
})
_ENHANCED_BENEFITS = frozenset({"dla_care_highest", "pip_daily_living_enhanced"})


@dataclass
class Allowances:
    items: list[Allowance] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)

    @property
    def total(self) -> Decimal:
        return sum((a.weekly for a in self.items), ZERO)


def personal_expenses_allowance(res: Resolved, trace: Trace, out: Allowances) -> None:
    """SI 2014/2672 reg 6: the weekly amount a care-home resident keeps for personal expenses."""
    pea = res["allowances.personal_expenses"]
    trace.add(R_PEA, N_("The adult keeps the personal expenses allowance of {pea} a week."), args={"pea": gbp(pea.value)}, params=[pea], output=pea.value)
    out.items.append(Allowance.build(name="personal_expenses_allowance", label="Personal expenses allowance", weekly=pea.value, citation=R_PEA.citation))


def mig_category(case: ChargingCase, on: date, ruleset: str = "england") -> tuple[str, bool]:
    """The reg 7 personal-amount category and whether the adult has reached pension credit age."""
    person_pca = has_reached_pension_credit_age(case.person.date_of_birth, on, ruleset)
    if case.partner is not None:
        partner_pca = has_reached_pension_credit_age(case.partner.date_of_birth, on, ruleset, "partner.date_of_birth")
        # reg 7(4): (b) where one or both members have attained pension credit age
        return ("couple_member_pca" if (person_pca or partner_pca) else "couple_member_18_plus"), person_pca
    if person_pca:
        return "single_pca", True
    if case.lone_parent:
        return "lone_parent", False
    return ("single_18_24" if age_on(case.person.date_of_birth, on) < 25 else "single_25_to_pca"), False


def _premium_flags(case: ChargingCase, person_pca: bool) -> dict[str, tuple[bool, str]]:
    """Which premiums apply: as the council recorded, or derived from the benefits in the case."""
    types = {i.type for i in case.income if i.owner in ("person", "joint")}
    out: dict[str, tuple[bool, str]] = {}
    p = case.person
    if p.disability_premium is not None:
        out["disability"] = (p.disability_premium, "as recorded by the council")
    else:
        derived = not person_pca and (bool(types & _DISABILITY_PREMIUM_BENEFITS) or p.registered_blind)
        out["disability"] = (derived, "derived: under pension credit age and receiving a disability benefit or registered blind" if derived else "derived: no qualifying disability benefit under pension credit age")
    if p.enhanced_disability_premium is not None:
        out["enhanced_disability"] = (p.enhanced_disability_premium, "as recorded by the council")
    else:
        derived = not person_pca and bool(types & _ENHANCED_BENEFITS)
        out["enhanced_disability"] = (derived, "derived: DLA care highest rate or PIP daily living enhanced rate" if derived else "derived: no DLA care highest rate or PIP daily living enhanced rate")
    if p.carer_premium is not None:
        out["carer"] = (p.carer_premium, "as recorded by the council")
    else:
        derived = "carers_allowance" in types
        out["carer"] = (derived, "derived: receiving Carer's Allowance" if derived else "derived: no Carer's Allowance")
    return out


def minimum_income_guarantee(case: ChargingCase, on: date, res: Resolved, trace: Trace, out: Allowances) -> None:
    """SI 2014/2672 reg 7: the minimum income guarantee for care other than in a care home."""
    with trace.group(R_MIG, N_("The minimum income guarantee is {total} a week.")) as group:
        category, person_pca = mig_category(case, on)
        pca_date = pension_credit_age_date(case.person.date_of_birth)
        trace.add(R_MIG_PCA, N_("The adult reaches pension credit age on {pca_date}."), args={"pca_date": pca_date}, inputs={"date_of_birth": case.person.date_of_birth}, output=person_pca)
        personal = res["mig.personal_amount"][category]
        total = personal.value
        trace.add(R_MIG_CATEGORY, N_("Personal amount for the adult's circumstances ({category}): {amount} a week."), args={"category": category.replace("_", " "), "amount": gbp(personal.value)}, inputs={"category": category}, params=[personal], output=personal.value)
        if case.dependent_children:
            child = res["mig.child_amount"]
            amount = child.value * case.dependent_children
            total += amount
            trace.add(R_MIG_CHILD, N_("{children} dependent child(ren) at {each} each: {amount} a week."), args={"children": case.dependent_children, "each": gbp(child.value), "amount": gbp(amount)}, params=[child], output=amount)
        couple = case.partner is not None
        premiums = res["mig.premiums"]
        for name, (applies, why) in _premium_flags(case, person_pca).items():
            if not applies:
                continue
            key = "carer" if name == "carer" else f"{name}_{'couple_member' if couple else 'single'}"
            cell = premiums[key]
            total += cell.value
            trace.add(R_MIG_PREMIUM, N_("The {premium} premium applies ({why}): {amount} a week."), args={"premium": name.replace("_", " "), "why": why, "amount": gbp(cell.value)}, params=[cell], output=cell.value)
            if why.startswith("derived"):
                out.flags.append(Flag.build(code=f"{name}_premium_derived", message=f"The {name.replace('_', ' ')} premium was derived from the benefits recorded; the council decides whether the adult would qualify (reg 7).", citation=R_MIG_PREMIUM.citation))
        uplift_rate, uplift_flat = res["options.mig_uplift_rate"], res["options.mig_uplift_weekly"]
        if uplift_rate.value or uplift_flat.value:
            extra = round_pence(total * uplift_rate.value) + uplift_flat.value
            total += extra
            trace.add(R_MIG_UPLIFT, N_("The council adds {extra} a week to the minimum income guarantee."), args={"extra": gbp(extra)}, params=[uplift_rate, uplift_flat], output=extra)
        out.items.append(Allowance.build(name="minimum_income_guarantee", label="Minimum income guarantee", weekly=total, citation=R_MIG.citation))
        Trace.close(group, output=total, args={"total": gbp(total)})


def housing_costs(case: ChargingCase, res: Resolved, trace: Trace, out: Allowances) -> None:
    """Sch 1 para 2: housing costs the adult meets, net of Housing Benefit and Council Tax Reduction."""
    h = case.housing_costs
    if h is None:
        return
    gross = h.rent + h.mortgage + h.council_tax + h.service_charges + h.ground_rent
    net = max(ZERO, gross - h.housing_benefit - h.council_tax_reduction)
    weekly = to_weekly(net, h.frequency).weekly
    trace.add(R_HOUSING, N_("Housing costs of {gross}, less {benefits} of Housing Benefit and Council Tax Reduction, leave {weekly} a week, which is allowed."), args={"gross": gbp(gross), "benefits": gbp(h.housing_benefit + h.council_tax_reduction), "weekly": gbp(weekly)}, inputs={"frequency": h.frequency}, output=weekly)
    if weekly:
        out.items.append(Allowance.build(name="housing_costs", label="Housing costs", weekly=weekly, citation=R_HOUSING.citation))


def disability_related_expenditure(case: ChargingCase, res: Resolved, trace: Trace, out: Allowances, disability_benefit_counted: bool, disability_benefit_total: Decimal = ZERO) -> None:
    """Sch 1 para 4 and Annex C paras 39-40: disability-related expenditure, itemised or the council's standard allowance.

    Annex C: where disability benefits are taken into account, the council allows the adult "to keep
    enough benefit to pay for necessary disability-related expenditure" — so the allowance is at most
    the disability benefit counted (``options.dre_limited_to_disability_benefits``; a council may lift it).
    """
    standard = res["options.dre_standard_allowance"]
    automatic = res["options.dre_standard_allowance_automatic"]
    items = case.disability_related_expenditure
    if not items and not case.use_standard_dre_allowance and not (automatic.value and disability_benefit_counted):
        return
    if not disability_benefit_counted:
        out.flags.append(Flag.build(code="dre_without_disability_benefit", message="Disability-related expenditure was claimed but no disability benefit is taken into account: it is allowed only where the council decides so.", citation=R_DRE.citation, needs_officer_decision=True))
        trace.add(R_DRE, N_("Disability-related expenditure is not allowed: no disability benefit is taken into account."), output=ZERO)
        return
    limited = res["options.dre_limited_to_disability_benefits"]
    with trace.group(R_DRE, N_("Disability-related expenditure allowed: {allowed} a week.")) as group:
        if items:
            claimed = sum((to_weekly(x.amount, x.frequency).weekly for x in items), ZERO)
            trace.add(R_DRE_CLAIMED, N_("Disability-related expenditure of {weekly} a week is claimed ({count} items)."), args={"weekly": gbp(claimed), "count": len(items)}, inputs={"items": [x.description for x in items]}, output=claimed)
            out.flags.append(Flag.build(code="dre_itemised", message="Itemised disability-related expenditure should be checked by the council against Annex C (reasonable, necessary, related to disability).", citation=R_DRE.citation, needs_officer_decision=True))
        else:
            claimed = standard.value
            trace.add(R_DRE_STANDARD, N_("The council's standard disability-related expenditure allowance is {weekly} a week."), args={"weekly": gbp(claimed)}, params=[standard, automatic], output=claimed)
        allowed = claimed
        if limited.value and claimed > disability_benefit_total:
            allowed = disability_benefit_total
            trace.add(R_DRE_LIMIT, N_("The allowance is limited to the disability benefit taken into account, {limit} a week."), args={"limit": gbp(disability_benefit_total)}, params=[limited], output=allowed)
            out.flags.append(Flag.build(code="dre_limited_to_disability_benefit", message=f"Disability-related expenditure of £{claimed} a week is more than the £{disability_benefit_total} of disability benefit taken into account; the allowance is limited to that amount (Annex C). The council may allow more.", citation=R_DRE.citation, needs_officer_decision=True))
        Trace.close(group, output=allowed, args={"allowed": gbp(allowed)})
    if allowed:
        out.items.append(Allowance.build(name="disability_related_expenditure", label="Disability-related expenditure", weekly=allowed, citation=R_DRE.citation))


def discretionary_income_disregards(case: ChargingCase, trace: Trace, out: Allowances) -> None:
    """A council's discretionary disregard of income, kept by the adult as an allowance (an officer's decision)."""
    for d in case.discretionary_disregards:
        if d.applies_to == "income" and d.amount:
            trace.add(R_DISCRETIONARY, N_("The council disregards {amount} a week of income at its discretion: {reason}."), args={"amount": gbp(d.amount), "reason": d.reason}, inputs={"amount": d.amount}, output=d.amount)
            out.items.append(Allowance.build(name="discretionary_income_disregard", label="Income disregarded at the council's discretion", weekly=d.amount, citation=R_DISCRETIONARY.citation))
            out.flags.append(Flag.build(code="discretionary_income_disregard", message=f"A discretionary income disregard of £{d.amount} a week was applied: {d.reason}", citation=R_DISCRETIONARY.citation, needs_officer_decision=True))
