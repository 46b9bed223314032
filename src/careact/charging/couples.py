"""Couples and the household: what a member of a couple keeps.

- **Half a pension paid to a spouse or civil partner** (SI 2014/2672 Sch 1 para 16 -- only its opening
  words were read; that it is the 50% rule is from Annex C as restated by Care Navigators and councils,
  and from its 1996-97 predecessor, HC Deb 18 Feb 1997 vol 290 c510W): where a care-home resident pays at
  least half of an occupational or personal pension or retirement annuity to a spouse or civil partner
  who does not live in the same care home, half of it is disregarded. A council may extend it to an
  unmarried partner (``options.half_pension_unmarried_partner``).
- **The couples affordability check** (a council option; Reading's "Affordability Checker for Couples"):
  for care at home, a member of a couple's minimum income guarantee is raised so that it, plus the
  partner's income less the partner's share of the housing costs, reaches the couple's benefit rate.
- **A minimum income guarantee the council assessed** for one adult (``mig_override``): a council may
  leave more than the MIG, never less (Care Act 2014 s 14(7); reg 7).
- **An allowance for a partner left at home** (``partner_at_home_allowance``): the council's discretion
  to charge less (s 14), having regard to the partner (Annex C para 5, read in a mirror).
"""

from __future__ import annotations

from typing import Any

from ..arrays import pounds
from ..errors import InputError
from ..explain import N_, RuleStep, gbp
from ..periods import FACTORS, Frequency
from ..rules.params.charging import benefits, options
from .context import Ctx
from .models import ChargingCase, IncomeItem

__all__ = [
    "PENSIONS",
    "R_COUPLES_CHECK",
    "R_MIG_OVERRIDE",
    "R_PARTNER_ALLOWANCE",
    "couples_check_rule",
    "couples_mig_uplift",
    "half_pension_applies",
    "mig_override",
    "partner_at_home_allowance",
]

PENSIONS = frozenset({"occupational_pension", "private_pension", "annuity"})
_ACT14 = "https://www.legislation.gov.uk/ukpga/2014/23/section/14"
R_COUPLES_CHECK = RuleStep("charging.allowances.mig.couples_check", "The couples affordability check", "Care Act 2014 s 14 (discretion to charge less); council charging policy", _ACT14, "Reading BC Charging Framework, Appendix D (Affordability Checker for Couples)")
R_MIG_OVERRIDE = RuleStep("charging.allowances.mig.assessed_by_council", "The minimum income guarantee the council assessed", "Care Act 2014 s 14(7); SI 2014/2672 reg 7 (a floor)", "https://www.legislation.gov.uk/uksi/2014/2672/regulation/7")
R_PARTNER_ALLOWANCE = RuleStep("charging.allowances.partner_at_home", "An allowance for a partner at home", "Care Act 2014 s 14 (discretion to charge less)", _ACT14, "Care and Support Statutory Guidance Annex C para 5")


def _weekly(item: IncomeItem, amount: Any) -> int:
    mul, div = FACTORS[Frequency(item.frequency)]
    return int((int(amount * 100) * mul * 2 + div) // (2 * div))


def half_pension_applies(c: Ctx, case: ChargingCase, index: int, item: IncomeItem, residential: bool) -> bool:
    """Sch 1 para 16 for one income item of one case: whether half of it is disregarded (with flags)."""
    if not (item.half_paid_to_partner or item.paid_to_spouse_weekly is not None):
        return False
    partner = case.partner
    where = f"income[{index}]"
    if item.type not in PENSIONS or not residential or partner is None:
        c.flag("half_paid_to_partner_ignored", f"{where}: the half-pension disregard applies only to an occupational or personal pension or annuity of a care-home resident with a spouse or civil partner.", "SI 2014/2672 Sch 1 para 16")
        return False
    if partner.relationship == "cohabiting" and not c.r(options.half_pension_unmarried_partner):
        c.flag("half_pension_unmarried_partner", f"{where}: the half-pension disregard is for a spouse or civil partner; the council may extend it to an unmarried partner at its discretion.", "SI 2014/2672 Sch 1 para 16", officer=True)
        return False
    if partner.relationship is None:
        c.flag("partner_relationship_assumed", f"{where}: the partner is taken to be a spouse or civil partner for the half-pension disregard (partner.relationship is not given).", "SI 2014/2672 Sch 1 para 16")
    if partner.in_care_home:
        c.flag("half_pension_partner_in_care_home", f"{where}: the partner is in a care home; half the pension is disregarded only if they are not in the same care home as the adult.", "SI 2014/2672 Sch 1 para 16", officer=True)
    if item.paid_to_spouse_weekly is not None:
        paid, pension = _weekly(item, item.paid_to_spouse_weekly), _weekly(item, item.amount)
        if 2 * paid < pension:
            c.flag("half_pension_paid_less_than_half", f"{where}: the adult pays £{pounds(paid)} a week of a £{pounds(pension)} pension to their spouse or civil partner, less than half: nothing is disregarded.", "SI 2014/2672 Sch 1 para 16")
            return False
    return True


def couples_check_rule(c: Ctx, applies: Any, mig: Any, partner_income: Any, housing: Any, share: Any, reference: Any) -> Any:
    """The uplift to a member of a couple's MIG: the couple's benefit rate less (the MIG plus the partner's
    income less the partner's share of the household's housing costs), never below nil."""
    xp = c.xp
    a = mig + partner_income - xp.mul_rate(housing, share)
    return xp.where(applies, xp.maximum(reference - a, 0), 0)


def _partner_income(case: ChargingCase) -> int:
    total = 0
    for item in case.income:
        w = _weekly(item, item.amount)
        if item.owner == "partner":
            total += w
        elif item.owner == "joint":
            total += w - (w + 1) // 2  # the partner's half of joint income
    return total


def _household_housing(case: ChargingCase) -> int:
    from .housing import household_housing_costs

    return household_housing_costs(case)


def couples_mig_uplift(c: Ctx, case: ChargingCase, mig: int, category: str) -> int:
    """The couples affordability check for one case (care at home), with its explanation: the uplift in pence."""
    if case.partner is None or not c.r(options.couples_affordability_check):
        return 0
    pca = category == "couple_member_pca"
    if not pca and not c.r(options.couples_affordability_working_age):
        return 0
    if not any(item.owner in ("partner", "joint") for item in case.income):
        c.flag("couples_check_partner_income_not_given", "The council's couples affordability check needs the partner's income (income items with owner 'partner'): none is recorded, so the check was not made.", R_COUPLES_CHECK.citation, officer=True)
        return 0
    reference = (c.r.cell(benefits.pension_credit_standard_minimum_guarantee, "couple") if pca
                 else c.r.cell(benefits.income_support_personal_allowance, "couple"))
    share = c.r(options.couples_partner_housing_share)
    partner_income = _partner_income(case)
    housing = _household_housing(case)
    uplift = couples_check_rule(c, True, mig, partner_income, housing, share, reference)
    if c.explain:
        partner_share = c.xp.mul_rate(housing, share)
        a = mig + partner_income - partner_share
        c.t.add(R_COUPLES_CHECK, N_("Couples check: the adult's minimum income guarantee {mig} plus the partner's income {partner} less the partner's share of the housing costs {housing} is {a}; the couple's rate is {reference}, so {uplift} a week is added."), args={"mig": gbp(pounds(mig)), "partner": gbp(pounds(partner_income)), "housing": gbp(pounds(partner_share)), "a": gbp(pounds(a)), "reference": gbp(pounds(reference)), "uplift": gbp(pounds(uplift))}, output=pounds(uplift))
    return int(uplift)


def mig_override(c: Ctx, case: ChargingCase, mig: int) -> int:
    """The MIG the council assessed for this adult, if any (never below the MIG the rules give)."""
    o = case.mig_override
    if o is None:
        return mig
    weekly = int(o.weekly * 100)
    if weekly < mig:
        raise InputError.single("mig_override.weekly", f"£{o.weekly} is below the minimum income guarantee of £{pounds(mig)} the rules in force give this adult: a council may leave an adult more than the minimum income guarantee, never less (Care Act 2014 s 14(7); SI 2014/2672 reg 7)", "out_of_range")
    if c.explain:
        c.t.add(R_MIG_OVERRIDE, N_("The council assessed this adult's minimum income guarantee at {weekly} a week, {extra} more than the rules give ({by}, {on}): {reason}."), args={"weekly": gbp(o.weekly), "extra": gbp(pounds(weekly - mig)), "by": o.decided_by, "on": o.decided_on, "reason": o.reason}, output=pounds(weekly - mig))
    c.flag("mig_assessed_by_council", f"The minimum income guarantee is the £{o.weekly} a week the council assessed: {o.reason}", R_MIG_OVERRIDE.citation)
    return weekly


def partner_at_home_allowance(c: Ctx, case: ChargingCase) -> int:
    """The weekly amount the council leaves a care-home resident for a partner at home (pence)."""
    a = case.partner_at_home_allowance
    if a is None:
        return 0
    if c.explain:
        c.t.add(R_PARTNER_ALLOWANCE, N_("The council leaves the adult {weekly} a week more for their partner at home ({by}, {on}): {reason}."), args={"weekly": gbp(a.weekly), "by": a.decided_by, "on": a.decided_on, "reason": a.reason}, output=a.weekly)
    c.flag("partner_at_home_allowance", f"The council allows £{a.weekly} a week for the partner at home: {a.reason}", R_PARTNER_ALLOWANCE.citation, officer=True)
    return int(a.weekly * 100)
