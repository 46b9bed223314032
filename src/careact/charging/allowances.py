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

Each ``*_rule`` function is written once, in whole pence, against the array namespace (see
:mod:`careact.charging.context`); the other functions apply them to one case.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..arrays import pounds
from ..dates import age_on
from ..explain import N_, Pence, RuleStep, gbp
from ..periods import FACTORS, Frequency
from ..rules.params.charging import MIG_CATEGORIES, allowances, mig, options
from .context import Ctx
from .couples import couples_mig_uplift, mig_override
from .disability_expenditure import R_DRE_DECISION, officer_dre
from .housing import typed_housing_costs
from .models import Allowance, ChargingCase
from .pension_age import PENSION_AGE_CITATION, has_reached_pension_credit_age, pension_credit_age_date

__all__ = [
    "Allowances",
    "assess_disability_related_expenditure",
    "assess_housing_costs",
    "assess_mig",
    "assess_personal_expenses",
    "discretionary_income_disregards",
    "dre_rule",
    "housing_costs_rule",
    "mig_category",
    "mig_category_rule",
    "mig_uplift_rule",
    "mig_working_age_uplift_rule",
]

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

# reg 7 personal-amount categories (codes, as in a population's columns; the order of the scale's keys)
SINGLE_18_24, SINGLE_25_TO_PCA, SINGLE_PCA, LONE_PARENT, COUPLE_18_PLUS, COUPLE_PCA = range(6)
CATEGORY_KEYS = MIG_CATEGORIES
_YOUNG_UNDER = 25  # reg 7: the single person's personal amount for those aged 18 to 24


@dataclass
class Allowances:
    """The allowances of one case (pence), with the lines of the result."""

    items: list[Allowance] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(int(a.weekly * 100) for a in self.items)

    def add(self, name: str, label: str, weekly: int, citation: str) -> None:
        self.items.append(Allowance.build(name=name, label=label, weekly=pounds(weekly), citation=citation))


# --------------------------------------------------------------------------- rules (one definition)


def mig_category_rule(c: Ctx, age: Any, pca: Any, couple: Any, partner_pca: Any, lone_parent: Any) -> Any:
    """SI 2014/2672 reg 7(2)-(4): the personal-amount category. A member of a couple is in the pension
    credit age category where either member has reached it (reg 7(4)(b))."""
    xp = c.xp
    return xp.where(
        couple, xp.where(xp.any(pca, partner_pca), COUPLE_PCA, COUPLE_18_PLUS),
        xp.where(pca, SINGLE_PCA, xp.where(lone_parent, LONE_PARENT, xp.where(age < _YOUNG_UNDER, SINGLE_18_24, SINGLE_25_TO_PCA))))


def mig_uplift_rule(c: Ctx, total: Any) -> Any:
    """A council may leave more than the MIG (reg 7 sets a floor): a share of it and a flat weekly amount."""
    rate, flat = c.r(options.mig_uplift_rate), c.r(options.mig_uplift_weekly)
    return c.xp.mul_rate(total, rate) + flat


def mig_working_age_uplift_rule(c: Ctx, pca: Any) -> Any:
    """A council may leave adults below pension credit age more than the MIG: a flat weekly addition
    (reg 7 sets a floor)."""
    return c.xp.where(pca, 0, c.read_when(c.xp.not_(pca), options.mig_uplift_working_age_weekly))


def housing_costs_rule(c: Ctx, gross: Any, benefits: Any, mul: Any, div: Any) -> Any:
    """Sch 1 para 2: housing costs the adult meets, net of Housing Benefit and Council Tax Reduction, as a
    weekly amount (never below nil)."""
    xp = c.xp
    return xp.round_div(xp.maximum(gross - benefits, 0) * mul, div)


def dre_rule(c: Ctx, claimed_itemised: Any, itemised: Any, standard_claimed: Any, benefit_counted: Any,
             benefit_total: Any) -> tuple[Any, Any, Any]:
    """Sch 1 para 4 and Annex C paras 39-40: (applies, claimed, allowed).

    Where disability benefits are taken into account the council allows the adult "to keep enough
    benefit to pay for necessary disability-related expenditure": itemised, or the council's standard
    allowance (claimed, or given to everyone if its policy says so), limited to the disability benefit
    counted unless the council lifts that limit.
    """
    xp = c.xp
    automatic = c.read_when(benefit_counted, options.dre_standard_allowance_automatic)
    use_standard = xp.all(xp.not_(itemised), xp.any(standard_claimed, xp.all(automatic, benefit_counted)))
    standard = c.read_when(xp.all(use_standard, benefit_counted), options.dre_standard_allowance)
    claimed = xp.where(itemised, claimed_itemised, xp.where(use_standard, standard, 0))
    applies = xp.all(benefit_counted, xp.any(itemised, use_standard))
    limited = c.read_when(xp.all(applies, claimed > benefit_total), options.dre_limited_to_disability_benefits)
    allowed = xp.where(applies, xp.where(xp.all(limited, claimed > benefit_total), benefit_total, claimed), 0)
    return applies, claimed, allowed


# --------------------------------------------------------------------------- one case


def assess_personal_expenses(c: Ctx, out: Allowances) -> None:
    """SI 2014/2672 reg 6: the weekly amount a care-home resident keeps for personal expenses."""
    pea = c.r(allowances.personal_expenses)
    if c.explain:
        c.t.add(R_PEA, N_("The adult keeps the personal expenses allowance of {pea} a week."), args={"pea": Pence(pea)}, output=Pence(pea))
    out.add("personal_expenses_allowance", "Personal expenses allowance", pea, R_PEA.citation)


def mig_category(case: ChargingCase, on: Any, ruleset: str = "england") -> tuple[str, bool]:
    """The reg 7 personal-amount category of one case, and whether the adult has reached pension credit age."""
    from ..rules import load_ruleset

    c = Ctx.one_case(load_ruleset(ruleset).at(on), on, explain=False)
    person_pca = has_reached_pension_credit_age(case.person.date_of_birth, on, ruleset)
    partner_pca = case.partner is not None and has_reached_pension_credit_age(case.partner.date_of_birth, on, ruleset, "partner.date_of_birth")
    code = mig_category_rule(c, age_on(case.person.date_of_birth, on), person_pca, case.partner is not None, partner_pca, case.lone_parent)
    return CATEGORY_KEYS[code], person_pca


def _premium_flags(case: ChargingCase, person_pca: bool) -> dict[str, tuple[bool, str]]:
    """Which premiums apply (reg 7(5)-(7)): as the council recorded, or derived from the benefits in the case."""
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


def assess_mig(c: Ctx, case: ChargingCase, out: Allowances) -> None:
    """SI 2014/2672 reg 7: the minimum income guarantee for care other than in a care home."""
    with c.t.group(R_MIG, N_("The minimum income guarantee is {total} a week.")) as group:
        on = c.on
        person_pca = has_reached_pension_credit_age(case.person.date_of_birth, on)
        couple = case.partner is not None
        partner_pca = couple and has_reached_pension_credit_age(case.partner.date_of_birth, on, field="partner.date_of_birth")  # type: ignore[union-attr]
        if c.explain:
            pca_date = pension_credit_age_date(case.person.date_of_birth)
            c.t.add(R_MIG_PCA, N_("The adult reaches pension credit age on {pca_date}."), args={"pca_date": pca_date}, inputs={"date_of_birth": case.person.date_of_birth}, output=person_pca)
        code = mig_category_rule(c, age_on(case.person.date_of_birth, on), person_pca, couple, partner_pca, case.lone_parent)
        category = CATEGORY_KEYS[code]
        personal = c.r.cell(mig.personal_amount, category)
        total = personal
        if c.explain:
            c.t.add(R_MIG_CATEGORY, N_("Personal amount for the adult's circumstances ({category}): {amount} a week."), args={"category": category.replace("_", " "), "amount": Pence(personal)}, inputs={"category": category}, output=Pence(personal))
        if case.dependent_children:
            child = c.r(mig.child_amount)
            amount = child * case.dependent_children
            total += amount
            if c.explain:
                c.t.add(R_MIG_CHILD, N_("{children} dependent child(ren) at {each} each: {amount} a week."), args={"children": case.dependent_children, "each": Pence(child), "amount": Pence(amount)}, output=Pence(amount))
        for name, (applies, why) in _premium_flags(case, person_pca).items():
            if not applies:
                continue
            key = "carer" if name == "carer" else f"{name}_{'couple_member' if couple else 'single'}"
            cell = c.r.cell(mig.premiums, key)
            total += cell
            if c.explain:
                c.t.add(R_MIG_PREMIUM, N_("The {premium} premium applies ({why}): {amount} a week."), args={"premium": name.replace("_", " "), "why": why, "amount": Pence(cell)}, output=Pence(cell))
            if why.startswith("derived"):
                c.flag(f"{name}_premium_derived", f"The {name.replace('_', ' ')} premium was derived from the benefits recorded; the council decides whether the adult would qualify (reg 7).", R_MIG_PREMIUM.citation)
        extra = mig_uplift_rule(c, total)
        if extra:
            total += extra
            if c.explain:
                c.t.add(R_MIG_UPLIFT, N_("The council adds {extra} a week to the minimum income guarantee."), args={"extra": Pence(extra)}, output=Pence(extra))
        working_age = mig_working_age_uplift_rule(c, person_pca)
        if working_age:
            total += working_age
            if c.explain:
                c.t.add(R_MIG_UPLIFT, N_("The council adds {extra} a week to the minimum income guarantee of adults below pension credit age."), args={"extra": Pence(working_age)}, output=Pence(working_age))
        total += couples_mig_uplift(c, case, total, category)
        total = mig_override(c, case, total)
        out.add("minimum_income_guarantee", "Minimum income guarantee", total, R_MIG.citation)
        if c.explain:
            c.t.close(group, output=Pence(total), args={"total": Pence(total)})


def assess_housing_costs(c: Ctx, case: ChargingCase, out: Allowances) -> None:
    """Sch 1 para 2: housing costs the adult meets, net of Housing Benefit and Council Tax Reduction."""
    h = case.housing_costs
    if h is None:
        return
    if h.items:
        with c.t.group(R_HOUSING, N_("Housing costs allowed: {weekly} a week.")) as group:
            weekly = typed_housing_costs(c, case)
            if c.explain:
                c.t.close(group, output=pounds(weekly), args={"weekly": gbp(pounds(weekly))})
        if weekly:
            out.add("housing_costs", "Housing costs", weekly, R_HOUSING.citation)
        return
    gross = h.rent + h.mortgage + h.council_tax + h.service_charges + h.ground_rent
    benefits = h.housing_benefit + h.council_tax_reduction
    mul, div = FACTORS[Frequency(h.frequency)]
    weekly = housing_costs_rule(c, int(gross * 100), int(benefits * 100), mul, div)
    if c.explain:
        c.t.add(R_HOUSING, N_("Housing costs of {gross}, less {benefits} of Housing Benefit and Council Tax Reduction, leave {weekly} a week, which is allowed."), args={"gross": gbp(gross), "benefits": gbp(benefits), "weekly": Pence(weekly)}, inputs={"frequency": h.frequency}, output=Pence(weekly))
    if weekly:
        out.add("housing_costs", "Housing costs", weekly, R_HOUSING.citation)


def assess_disability_related_expenditure(c: Ctx, case: ChargingCase, out: Allowances, benefit_counted: bool, benefit_total: int) -> None:
    """Sch 1 para 4 and Annex C paras 39-40: disability-related expenditure, itemised or the council's
    standard allowance, limited to the disability benefit counted (a council may lift the limit)."""
    items = case.disability_related_expenditure
    claimed_itemised = 0
    for x in items:
        mul, div = FACTORS[Frequency(x.frequency)]
        claimed_itemised += c.xp.round_div(int(x.amount * 100) * mul, div)
    applies, claimed, allowed = dre_rule(c, claimed_itemised, bool(items), case.use_standard_dre_allowance, benefit_counted, benefit_total)
    decided = officer_dre(c, case, benefit_counted)
    if decided:
        out.add("disability_related_expenditure_discretionary", "Disability-related expenditure (officer's decision)", decided, R_DRE_DECISION.citation)
        return
    if not applies:
        if items or case.use_standard_dre_allowance:
            c.flag("dre_without_disability_benefit", "Disability-related expenditure was claimed but no disability benefit is taken into account: it is allowed only where an officer decides so (record the decision in dre_officer_decision).", R_DRE.citation, officer=True)
            if c.explain:
                c.t.add(R_DRE, N_("Disability-related expenditure is not allowed: no disability benefit is taken into account."), output=Pence(0))
        return
    with c.t.group(R_DRE, N_("Disability-related expenditure allowed: {allowed} a week.")) as group:
        if items:
            if c.explain:
                c.t.add(R_DRE_CLAIMED, N_("Disability-related expenditure of {weekly} a week is claimed ({count} items)."), args={"weekly": Pence(claimed), "count": len(items)}, inputs={"items": [x.description for x in items]}, output=Pence(claimed))
            c.flag("dre_itemised", "Itemised disability-related expenditure should be checked by the council against Annex C (reasonable, necessary, related to disability).", R_DRE.citation, officer=True)
        elif c.explain:
            c.t.add(R_DRE_STANDARD, N_("The council's standard disability-related expenditure allowance is {weekly} a week."), args={"weekly": Pence(claimed)}, output=Pence(claimed))
        if allowed < claimed:
            if c.explain:
                c.t.add(R_DRE_LIMIT, N_("The allowance is limited to the disability benefit taken into account, {limit} a week."), args={"limit": Pence(benefit_total)}, output=Pence(allowed))
            c.flag("dre_limited_to_disability_benefit", f"Disability-related expenditure of £{pounds(claimed)} a week is more than the £{pounds(benefit_total)} of disability benefit taken into account; the allowance is limited to that amount (Annex C). The council may allow more.", R_DRE.citation, officer=True)
        if c.explain:
            c.t.close(group, output=Pence(allowed), args={"allowed": Pence(allowed)})
    if allowed:
        out.add("disability_related_expenditure", "Disability-related expenditure", allowed, R_DRE.citation)


def discretionary_income_disregards(c: Ctx, case: ChargingCase, out: Allowances) -> None:
    """A council's discretionary disregard of income, kept by the adult as an allowance (an officer's decision)."""
    for d in case.discretionary_disregards:
        if d.applies_to == "income" and d.amount:
            if c.explain:
                c.t.add(R_DISCRETIONARY, N_("The council disregards {amount} a week of income at its discretion: {reason}."), args={"amount": gbp(d.amount), "reason": d.reason}, inputs={"amount": d.amount}, output=d.amount)
            out.add("discretionary_income_disregard", "Income disregarded at the council's discretion", int(d.amount * 100), R_DISCRETIONARY.citation)
            c.flag("discretionary_income_disregard", f"A discretionary income disregard of £{d.amount} a week was applied: {d.reason}", R_DISCRETIONARY.citation, officer=True)
