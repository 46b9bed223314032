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

from datetime import date
from typing import Any

from ..explain import N_, Pence, RuleStep
from ..rules.declare import Rate
from ..rules.params.charging import free_services, options
from .context import Ctx
from .settings import NON_RESIDENTIAL

__all__ = ["FREE_SERVICE_CODES", "R_CARER", "R_CHARGE", "R_FREE", "R_FULL_COST", "R_MAX", "R_MIN", "R_TAKEN",
           "carers_rule", "charge_rule", "free_service_rule"]

_L = "https://www.legislation.gov.uk/uksi/2014/2672"
R_FREE = RuleStep("charging.free_service", "A service that must be free", "SI 2014/2672 reg 3", f"{_L}/regulation/3", "Care and Support Statutory Guidance chapter 8")
R_CARER = RuleStep("charging.carers_services", "Support for a carer", "Care Act 2014 s 14(1)(a) and (3)", "https://www.legislation.gov.uk/ukpga/2014/23/section/14", "Care and Support Statutory Guidance chapter 8")
R_FULL_COST = RuleStep("charging.full_cost", "Full cost", "Care Act 2014 ss 14, 17 and 18; SI 2014/2672 reg 12", f"{_L}/regulation/12", "Care and Support Statutory Guidance chapter 8")
R_CHARGE = RuleStep("charging.charge", "The weekly charge", "Care Act 2014 s 14(7); SI 2014/2672 regs 6 and 7", "https://www.legislation.gov.uk/ukpga/2014/23/section/14", "Care and Support Statutory Guidance chapter 8")
R_TAKEN = RuleStep("charging.charge.share_taken", "Share of available income taken", "Care Act 2014 s 14 (a power to charge); council charging policy", "https://www.legislation.gov.uk/ukpga/2014/23/section/14")
R_MIN = RuleStep("charging.charge.minimum", "Minimum charge collected", "Care Act 2014 s 14; council charging policy", "https://www.legislation.gov.uk/ukpga/2014/23/section/14")
R_MAX = RuleStep("charging.charge.maximum", "Maximum weekly charge", "Care Act 2014 s 14; council charging policy", "https://www.legislation.gov.uk/ukpga/2014/23/section/14")

_ALL = Rate(1, 1)

# services the law says must be free (codes, as in a population's columns; -1: none)
NO_FREE_SERVICE, INTERMEDIATE_CARE, COMMUNITY_EQUIPMENT, MINOR_ADAPTATION, MENTAL_HEALTH_AFTERCARE, CJD = -1, 0, 1, 2, 3, 4
FREE_SERVICE_CODES = {"intermediate_care_or_reablement": INTERMEDIATE_CARE, "community_equipment": COMMUNITY_EQUIPMENT,
                      "minor_adaptation": MINOR_ADAPTATION, "mental_health_aftercare": MENTAL_HEALTH_AFTERCARE,
                      "care_for_cjd": CJD}


def free_service_rule(c: Ctx, service: Any, started_day: Any) -> Any:
    """SI 2014/2672 reg 3: services that must be provided free of charge -- intermediate care and
    reablement for its first six weeks (from ``started_day``), community equipment and minor adaptations
    costing up to the limit, after-care under the Mental Health Act 1983 s 117, care for a person with
    Creutzfeldt-Jakob disease. ``service`` is a code of :data:`FREE_SERVICE_CODES` (-1: none)."""
    xp = c.xp
    intermediate = service == INTERMEDIATE_CARE
    weeks = c.read_when(intermediate, free_services.intermediate_care_weeks)
    last_day = started_day + weeks * 7 - 1
    minor = service == MINOR_ADAPTATION
    limit = c.read_when(minor, free_services.minor_adaptation_limit)
    free = xp.all(service != NO_FREE_SERVICE, xp.any(xp.not_(intermediate), c.on_day <= last_day))
    if c.explain and service != NO_FREE_SERVICE:
        if intermediate:
            last = date.fromordinal(last_day)
            if free:
                c.t.add(R_FREE, N_("Intermediate care or reablement is free for its first {weeks} weeks (to {last})."), args={"weeks": weeks, "last": last}, output=True)
            else:
                c.t.add(R_FREE, N_("Intermediate care or reablement is free only for its first {weeks} weeks, which ended on {last}: it is charged from then on."), args={"weeks": weeks, "last": last}, output=False)
        elif minor:
            c.t.add(R_FREE, N_("Community equipment and minor adaptations costing {limit} or less must be provided free."), args={"limit": Pence(limit)}, output=True)
        else:
            name = next(k for k, v in FREE_SERVICE_CODES.items() if v == service)
            c.t.add(R_FREE, N_("This service must be provided free of charge ({service})."), args={"service": name.replace("_", " ")}, output=True)
    return free


def carers_rule(c: Ctx, for_carer: Any, free: Any) -> Any:
    """Care Act 2014 s 14(1)(b): support for a carer is not charged for where the council chooses not to."""
    xp = c.xp
    asked = xp.all(xp.not_(free), for_carer)
    charged = c.read_when(asked, options.charge_carers_services)
    carer_free = xp.all(asked, xp.not_(charged))
    if c.explain and carer_free:
        c.t.add(R_CARER, N_("Support for a carer is not charged for under the council's policy."), output=Pence(0))
    return carer_free


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
