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
:mod:`careact.charging.context`); :func:`allowances_rule` composes them for one case or a population.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..arrays import pounds
from ..dates import age_on
from ..explain import N_, Pence, RuleStep, gbp
from ..rules.params.charging import MIG_CATEGORIES, allowances, mig, options
from .capital import DISCRETIONARY_INCOME
from .context import Ctx
from .couples import couples_mig_uplift, mig_override, partner_at_home_allowance
from .disability_expenditure import R_DRE_DECISION, officer_dre
from .housing import typed_housing_costs
from .income import OWNER_PARTNER
from .models import Allowance, ChargingCase
from .pension_age import PENSION_AGE_CITATION, has_reached_pension_credit_age, pension_credit_age_date
from .savings_credit import savings_credit_columns, savings_credit_disregard
from .settings import NON_RESIDENTIAL, TEMPORARY_SETTINGS
from .short_term import R_PARTNER_AT_HOME, temporary_partner_allowance

__all__ = [
    "AllowancesResult",
    "allowance_lines",
    "allowances_rule",
    "discretionary_income_rule",
    "dre_allowance_rule",
    "dre_rule",
    "housing_costs_rule",
    "housing_rule",
    "mig_category",
    "mig_category_rule",
    "mig_rule",
    "mig_uplift_rule",
    "mig_working_age_uplift_rule",
    "personal_expenses_rule",
    "premiums_rule",
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
_CARER_BENEFITS = frozenset({"carers_allowance"})

# reg 7 personal-amount categories (codes, as in a population's columns; the order of the scale's keys)
SINGLE_18_24, SINGLE_25_TO_PCA, SINGLE_PCA, LONE_PARENT, COUPLE_18_PLUS, COUPLE_PCA = range(6)
CATEGORY_KEYS = MIG_CATEGORIES
_YOUNG_UNDER = 25  # reg 7: the single person's personal amount for those aged 18 to 24


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


# --------------------------------------------------------------------------- composed: one case or a population


@dataclass(slots=True)
class AllowancesResult:
    """What the adult keeps (pence): the personal expenses allowance or the minimum income guarantee,
    housing costs, disability-related expenditure and discretionary income disregards."""

    personal_expenses: Any = 0
    mig: Any = 0
    housing: Any = 0
    dre_applies: Any = False
    dre_claimed: Any = 0
    dre_allowed: Any = 0
    discretionary: Any = 0
    dre_decided: Any = 0  # one case: disability-related expenditure an officer decided
    temporary_partner: Any = 0  # one case: a temporary resident's partner at home (Annex F para 3)
    partner_at_home: Any = 0  # one case: a council's allowance for a permanent resident's partner at home
    savings_credit: Any = 0  # the Savings Credit disregard beyond the savings credit line's own (Sch 1 para 40)

    @property
    def total(self) -> Any:
        return (self.personal_expenses + self.mig + self.housing + self.dre_allowed + self.discretionary + self.dre_decided
                + self.temporary_partner + self.partner_at_home + self.savings_credit)


def personal_expenses_rule(c: Ctx) -> Any:
    """SI 2014/2672 reg 6: the weekly amount a care-home resident keeps for personal expenses."""
    pea = c.r(allowances.personal_expenses)
    if c.explain:
        c.t.add(R_PEA, N_("The adult keeps the personal expenses allowance of {pea} a week."), args={"pea": Pence(pea)}, output=Pence(pea))
    return pea


_PREMIUMS = (
    ("disability", "derived: under pension credit age and receiving a disability benefit or registered blind"),
    ("enhanced_disability", "derived: DLA care highest rate or PIP daily living enhanced rate"),
    ("carer", "derived: receiving Carer's Allowance"),
)


def premiums_rule(c: Ctx, v: Any, pca: Any) -> tuple[tuple[Any, Any], tuple[Any, Any], tuple[Any, Any]]:
    """Which premiums apply (reg 7(5)-(7)), each as (applies, recorded): as the council recorded, or
    derived from the benefits of the adult's own or joint income -- the disability premium under pension
    credit age for a disability benefit or registration as blind, the enhanced disability premium for
    the highest rates of DLA care or PIP daily living, the carer premium for Carer's Allowance."""
    xp = c.xp
    inc = v.income

    def receives(types: frozenset[str]) -> Any:
        return v.any(inc, inc, lambda x: xp.all(x.owner != OWNER_PARTNER, v.per_type(x, lambda t: t.id in types)))

    disability = xp.where(v.disability_premium_given, v.disability_premium,
                          xp.all(xp.not_(pca), xp.any(receives(_DISABILITY_PREMIUM_BENEFITS), v.registered_blind)))
    enhanced = xp.where(v.enhanced_disability_premium_given, v.enhanced_disability_premium,
                        xp.all(xp.not_(pca), receives(_ENHANCED_BENEFITS)))
    carer = xp.where(v.carer_premium_given, v.carer_premium, receives(_CARER_BENEFITS))
    return ((disability, v.disability_premium_given), (enhanced, v.enhanced_disability_premium_given),
            (carer, v.carer_premium_given))


def _premium(c: Ctx, v: Any, name: str, applies: Any) -> Any:
    """The weekly amount of a premium where it applies: the single or couple-member rate (reg 7(5)-(7))."""
    single = "carer" if name == "carer" else f"{name}_single"
    couple = "carer" if name == "carer" else f"{name}_couple_member"
    return c.when(applies, lambda: c.branch(v.couple, lambda: c.r.cell(mig.premiums, couple),
                                            lambda: c.r.cell(mig.premiums, single)), 0)


def mig_rule(c: Ctx, v: Any) -> Any:
    """SI 2014/2672 reg 7: the minimum income guarantee for care other than in a care home -- the personal
    amount for the adult's category, an amount for each dependent child, the premiums that apply, and
    any uplift in the council's policy."""
    with c.t.group(R_MIG, N_("The minimum income guarantee is {total} a week.")) as group:
        pca = v.pca
        partner_pca = v.partner_pca
        if c.explain:
            dob = v.model.person.date_of_birth
            c.t.add(R_MIG_PCA, N_("The adult reaches pension credit age on {pca_date}."), args={"pca_date": pension_credit_age_date(dob)}, inputs={"date_of_birth": dob}, output=pca)
        code = mig_category_rule(c, v.age, pca, v.couple, partner_pca, v.lone_parent)
        personal = c.pick(code, len(CATEGORY_KEYS), lambda k: c.r.cell(mig.personal_amount, CATEGORY_KEYS[k]))
        if c.explain:
            category = CATEGORY_KEYS[code]
            c.t.add(R_MIG_CATEGORY, N_("Personal amount for the adult's circumstances ({category}): {amount} a week."), args={"category": category.replace("_", " "), "amount": Pence(personal)}, inputs={"category": category}, output=Pence(personal))
        children = v.dependent_children
        child = c.when(children > 0, lambda: c.r(mig.child_amount), 0)
        amount = child * children
        if c.explain and children:
            c.t.add(R_MIG_CHILD, N_("{children} dependent child(ren) at {each} each: {amount} a week."), args={"children": children, "each": Pence(child), "amount": Pence(amount)}, output=Pence(amount))
        total = personal + amount
        for (name, derived), (applies, recorded) in zip(_PREMIUMS, premiums_rule(c, v, pca), strict=True):
            cell = _premium(c, v, name, applies)
            total = total + cell
            if c.case and applies:
                why = "as recorded by the council" if recorded else derived
                if c.explain:
                    c.t.add(R_MIG_PREMIUM, N_("The {premium} premium applies ({why}): {amount} a week."), args={"premium": name.replace("_", " "), "why": why, "amount": Pence(cell)}, output=Pence(cell))
                if not recorded:
                    c.flag(f"{name}_premium_derived", f"The {name.replace('_', ' ')} premium was derived from the benefits recorded; the council decides whether the adult would qualify (reg 7).", R_MIG_PREMIUM.citation)
        extra = mig_uplift_rule(c, total)
        total = total + extra
        if c.explain and extra:
            c.t.add(R_MIG_UPLIFT, N_("The council adds {extra} a week to the minimum income guarantee."), args={"extra": Pence(extra)}, output=Pence(extra))
        working_age = mig_working_age_uplift_rule(c, pca)
        total = total + working_age
        if c.explain and working_age:
            c.t.add(R_MIG_UPLIFT, N_("The council adds {extra} a week to the minimum income guarantee of adults below pension credit age."), args={"extra": Pence(working_age)}, output=Pence(working_age))
        if c.case:  # a population: couples under the council's affordability check are assessed one by one
            total += couples_mig_uplift(c, v.model, total, CATEGORY_KEYS[code])
            total = mig_override(c, v.model, total)
        if c.explain:
            c.t.close(group, output=Pence(total), args={"total": Pence(total)})
    return total


def housing_rule(c: Ctx, v: Any) -> Any:
    """Sch 1 para 2: housing costs the adult meets (rent, mortgage, council tax, service charges and
    ground rent), net of Housing Benefit and Council Tax Reduction, as a weekly amount."""

    def weekly() -> Any:
        if c.case and v.model.housing_costs.items:
            with c.t.group(R_HOUSING, N_("Housing costs allowed: {weekly} a week.")) as group:
                typed = typed_housing_costs(c, v.model)
                if c.explain:
                    c.t.close(group, output=pounds(typed), args={"weekly": gbp(pounds(typed))})
            return typed
        gross = v.housing_rent + v.housing_mortgage + v.housing_council_tax + v.housing_service_charges + v.housing_ground_rent
        benefits = v.housing_benefit + v.housing_council_tax_reduction
        amount = housing_costs_rule(c, gross, benefits, v.housing_mul, v.housing_div)
        if c.explain:
            h = v.model.housing_costs
            paid = h.rent + h.mortgage + h.council_tax + h.service_charges + h.ground_rent
            c.t.add(R_HOUSING, N_("Housing costs of {gross}, less {benefits} of Housing Benefit and Council Tax Reduction, leave {weekly} a week, which is allowed."), args={"gross": gbp(paid), "benefits": gbp(h.housing_benefit + h.council_tax_reduction), "weekly": Pence(amount)}, inputs={"frequency": h.frequency}, output=Pence(amount))
        return amount

    return c.when(v.has_housing_costs, weekly, 0)


def dre_allowance_rule(c: Ctx, v: Any, benefit_counted: Any, benefit_total: Any) -> tuple[Any, Any, Any]:
    """Sch 1 para 4 and Annex C paras 39-40: disability-related expenditure, itemised (each item as a
    weekly amount) or the council's standard allowance, limited to the disability benefit counted (a
    council may lift the limit): (applies, claimed, allowed)."""
    items = v.dre
    claimed_itemised = v.sum(items, items, lambda x: c.xp.round_div(x.amount * x.mul, x.div))
    itemised = v.count(items) > 0
    applies, claimed, allowed = dre_rule(c, claimed_itemised, itemised, v.use_standard_dre_allowance, benefit_counted, benefit_total)
    if c.case:
        _explain_dre(c, v, applies, claimed, allowed, benefit_total)
    return applies, claimed, allowed


def _explain_dre(c: Ctx, v: Any, applies: bool, claimed: int, allowed: int, benefit_total: int) -> None:
    items = v.model.disability_related_expenditure
    if not applies:
        if items or v.use_standard_dre_allowance:
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


def discretionary_income_rule(c: Ctx, v: Any) -> Any:
    """A council's discretionary disregard of income, kept by the adult as an allowance (an officer's decision)."""
    xp = c.xp
    d = v.discretionary
    total = v.sum(d, d, lambda x: xp.where(x.applies_to == DISCRETIONARY_INCOME, x.amount, 0))
    if c.case:
        for x in v.model.discretionary_disregards:
            if x.applies_to == "income" and x.amount:
                if c.explain:
                    c.t.add(R_DISCRETIONARY, N_("The council disregards {amount} a week of income at its discretion: {reason}."), args={"amount": gbp(x.amount), "reason": x.reason}, inputs={"amount": x.amount}, output=x.amount)
                c.flag("discretionary_income_disregard", f"A discretionary income disregard of £{x.amount} a week was applied: {x.reason}", R_DISCRETIONARY.citation, officer=True)
    return total


def allowances_rule(c: Ctx, v: Any, setting: Any, benefit_counted: Any, benefit_total: Any, income: Any = None) -> AllowancesResult:
    """What the adult keeps in the setting they are assessed under: in a care home the personal expenses
    allowance (reg 6), and for a temporary resident housing costs and the basic income of a partner at
    home (Annex F para 3); otherwise the minimum income guarantee (reg 7), housing costs and
    disability-related expenditure; the Savings Credit disregard (Sch 1 para 40); and any discretionary
    disregard. ``income`` is the income rules' result (for the Savings Credit disregard)."""
    xp = c.xp
    home_care = setting == NON_RESIDENTIAL
    temporary = xp.isin(setting, TEMPORARY_SETTINGS)
    out = AllowancesResult()
    out.personal_expenses = c.when(xp.not_(home_care), lambda: personal_expenses_rule(c), 0)
    out.mig = c.when(home_care, lambda: mig_rule(c, v), 0)
    out.housing = c.when(xp.any(home_care, temporary), lambda: housing_rule(c, v), 0)
    if c.case and home_care and v.model.dre_officer_decision is not None:
        out.dre_decided = officer_dre(c, v.model, benefit_counted)
    if not out.dre_decided:  # an officer's decision replaces Sch 1 para 4 where no disability benefit is counted
        out.dre_applies, out.dre_claimed, out.dre_allowed = c.when(
            home_care, lambda: dre_allowance_rule(c, v, benefit_counted, benefit_total), (False, 0, 0))
    if c.case:  # the officers' decisions and the partner at home: a population's rows with them are assessed one by one
        case = v.model
        if setting != NON_RESIDENTIAL:
            if setting in TEMPORARY_SETTINGS:
                out.temporary_partner = temporary_partner_allowance(c, case, setting)
            elif case.housing_costs is not None:
                c.flag("housing_costs_not_allowed_permanent", "Housing costs are allowed for care at home and for temporary residents, not for a permanent care-home resident (SI 2014/2672 Sch 1 para 2): they were not taken into account.", "SI 2014/2672 Sch 1 para 2")
            out.partner_at_home = partner_at_home_allowance(c, case)
    if income is not None:
        line = v.sum(v.income, v.zip(v.income, income.items),
                     lambda p: c.xp.where(p[0].traits.savings_credit, p[1].weekly - p[1].counted, 0))
        out.savings_credit = (savings_credit_disregard(c, v, setting, line) if c.case
                              else savings_credit_columns(c, v, setting, line))
    out.discretionary = discretionary_income_rule(c, v)
    return out


def allowance_lines(v: Any, res: AllowancesResult, setting: int) -> list[Allowance]:
    """One case: the allowances of the result, in order."""
    out: list[Allowance] = []

    def add(name: str, label: str, weekly: int, citation: str) -> None:
        out.append(Allowance.build(name=name, label=label, weekly=pounds(weekly), citation=citation))

    if setting == NON_RESIDENTIAL:
        add("minimum_income_guarantee", "Minimum income guarantee", res.mig, R_MIG.citation)
        if res.housing:
            add("housing_costs", "Housing costs", res.housing, R_HOUSING.citation)
        if res.dre_decided:
            add("disability_related_expenditure_discretionary", "Disability-related expenditure (officer's decision)", res.dre_decided, R_DRE_DECISION.citation)
        elif res.dre_allowed:
            add("disability_related_expenditure", "Disability-related expenditure", res.dre_allowed, R_DRE.citation)
    else:
        add("personal_expenses_allowance", "Personal expenses allowance", res.personal_expenses, R_PEA.citation)
        if res.housing:
            add("housing_costs", "Housing costs", res.housing, R_HOUSING.citation)
        if res.temporary_partner:
            add("temporary_partner_at_home", "Basic income for a partner at home", res.temporary_partner, R_PARTNER_AT_HOME.citation)
        if res.partner_at_home:
            add("partner_at_home", "Allowance for a partner at home", res.partner_at_home, "Care Act 2014 s 14")
    if res.savings_credit:
        add("savings_credit_disregard", "Savings Credit disregard", res.savings_credit, "SI 2014/2672 Sch 1 para 40")
    for d in v.model.discretionary_disregards:
        if d.applies_to == "income" and d.amount:
            add("discretionary_income_disregard", "Income disregarded at the council's discretion", int(d.amount * 100), R_DISCRETIONARY.citation)
    return out


def mig_category(case: ChargingCase, on: Any, ruleset: str = "england") -> tuple[str, bool]:
    """The reg 7 personal-amount category of one case, and whether the adult has reached pension credit age."""
    from ..rules import load_ruleset

    c = Ctx.one_case(load_ruleset(ruleset).at(on), on, explain=False)
    person_pca = has_reached_pension_credit_age(case.person.date_of_birth, on, ruleset)
    partner_pca = case.partner is not None and has_reached_pension_credit_age(case.partner.date_of_birth, on, ruleset, "partner.date_of_birth")
    code = mig_category_rule(c, age_on(case.person.date_of_birth, on), person_pca, case.partner is not None, partner_pca, case.lone_parent)
    return CATEGORY_KEYS[code], person_pca
