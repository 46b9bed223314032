"""The weekly charge: what the means test leaves, within the cost of care and the council's choices.

- Some services must be free (SI 2014/2672 reg 3); a council may choose not to charge carers (Care
  Act 2014 s 14(1)(a), which covers needs met under s 20, and s 14(3)).
- Capital above the upper limit: the adult can be charged the full cost (Care Act 2014 ss 17-18;
  reg 12).
- Otherwise the charge is the assessed income (with tariff income) less the allowances, not below
  nil and not above the cost of care (s 14(7); regs 6 and 7); a council may take less than all of it,
  collect no charge below a minimum and cap the weekly charge for care at home.
"""

from __future__ import annotations

from typing import Any

from ..explain import N_, Pence, RuleStep
from ..rules.declare import Rate
from ..rules.params.charging import options
from .context import Ctx
from .settings import NON_RESIDENTIAL

__all__ = ["R_CARER", "R_CHARGE", "R_FREE", "R_FULL_COST", "R_MAX", "R_MIN", "R_TAKEN", "charge_rule"]

_L = "https://www.legislation.gov.uk/uksi/2014/2672"
R_FREE = RuleStep("charging.free_service", "A service that must be free", "SI 2014/2672 reg 3", f"{_L}/regulation/3", "Care and Support Statutory Guidance chapter 8")
R_CARER = RuleStep("charging.carers_services", "Support for a carer", "Care Act 2014 s 14(1)(a) and (3)", "https://www.legislation.gov.uk/ukpga/2014/23/section/14", "Care and Support Statutory Guidance chapter 8")
R_FULL_COST = RuleStep("charging.full_cost", "Full cost", "Care Act 2014 ss 14, 17 and 18; SI 2014/2672 reg 12", f"{_L}/regulation/12", "Care and Support Statutory Guidance chapter 8")
R_CHARGE = RuleStep("charging.charge", "The weekly charge", "Care Act 2014 s 14(7); SI 2014/2672 regs 6 and 7", "https://www.legislation.gov.uk/ukpga/2014/23/section/14", "Care and Support Statutory Guidance chapter 8")
R_TAKEN = RuleStep("charging.charge.share_taken", "Share of available income taken", "Care Act 2014 s 14 (a power to charge); council charging policy", "https://www.legislation.gov.uk/ukpga/2014/23/section/14")
R_MIN = RuleStep("charging.charge.minimum", "Minimum charge collected", "Care Act 2014 s 14; council charging policy", "https://www.legislation.gov.uk/ukpga/2014/23/section/14")
R_MAX = RuleStep("charging.charge.maximum", "Maximum weekly charge", "Care Act 2014 s 14; council charging policy", "https://www.legislation.gov.uk/ukpga/2014/23/section/14")

_ALL = Rate(1, 1)


def charge_rule(c: Ctx, setting: Any, cost: Any, assessed_income: Any, tariff: Any, allowances: Any,
                above_upper: Any, nil: Any) -> Any:
    """The weekly charge in pence.

    ``nil``: a service that must be free, or carers' support the council does not charge for. Capital
    above the upper limit: the full cost. Otherwise ``min(cost, max(0, income − allowances))``, of
    which the council may take only a share; for care at home it may collect nothing below a minimum
    and cap the weekly charge.
    """
    xp, explain = c.xp, c.explain
    means_tested = xp.all(xp.not_(nil), xp.not_(above_upper))
    available = assessed_income - allowances
    raw = xp.maximum(available, 0)
    taken: Rate = c.read_when(means_tested, options.disposable_income_taken_rate)
    if taken != _ALL:
        raw = xp.mul_rate(raw, taken)
        if explain and means_tested:
            c.t.add(R_TAKEN, N_("The council takes {rate} of the income above the allowances: {raw} a week."), args={"rate": f"{(taken.decimal * 100).normalize()}%", "raw": Pence(raw)}, output=Pence(raw))
    charge = xp.minimum(raw, cost)
    if explain and means_tested:
        c.t.add(R_CHARGE, N_("Assessed income {income} (including tariff income {tariff}) less allowances {allowances} leaves {available}; the charge is this, not below nil and not above the cost of care {cost}: {charge} a week."), args={"income": Pence(assessed_income), "tariff": Pence(tariff), "allowances": Pence(allowances), "available": Pence(available), "cost": Pence(cost), "charge": Pence(charge)}, output=Pence(charge))
    nonres = xp.all(means_tested, setting == NON_RESIDENTIAL)
    minimum = c.read_when(xp.all(nonres, charge > 0), options.minimum_charge)
    below_minimum = xp.all(nonres, charge > 0, charge < minimum)
    charge = xp.where(below_minimum, 0, charge)
    if explain and below_minimum:
        c.t.add(R_MIN, N_("Charges below {minimum} a week are not collected under the council's policy."), args={"minimum": Pence(minimum)}, output=Pence(0))
    apply_max = c.read_when(nonres, options.apply_maximum_weekly_charge)
    if not c.case or apply_max:
        cap = c.read_when(xp.all(nonres, apply_max), options.maximum_weekly_charge)
        capped = xp.all(nonres, apply_max, charge > cap)
        charge = xp.where(capped, cap, charge)
        if explain and capped:
            c.t.add(R_MAX, N_("The council's maximum weekly charge of {cap} applies."), args={"cap": Pence(cap)}, output=Pence(cap))
    return xp.where(nil, 0, xp.where(above_upper, cost, charge))
