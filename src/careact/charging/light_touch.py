"""Light-touch financial assessments (SI 2014/2672 reg 10; Care and Support Statutory Guidance chapter 8).

A local authority is *treated as having carried out* a financial assessment where:

- the adult refused one, or would not co-operate with it and the council still meets needs: treated
  as having resources **above** the financial limit (reg 10(1), read);
- with the adult's consent it did not carry one out and is satisfied from the evidence available that
  their resources are **at or below** the limit (reg 10(2), read) -- for example someone whose only
  income is benefits that leave nothing to charge;
- with the adult's consent it did not carry one out and is satisfied from the evidence that their
  resources are **above** the limit (reg 10(3), read) -- someone with savings well above it who does
  not want a full assessment.

Chapter 8 of the guidance (paragraph numbers not verified) adds a small or nominal charge the adult
agrees to and can clearly afford: careact treats it as within the limit and checks that the charge
leaves the adult at least their allowances (Care Act 2014 s 14(7)). The adult may ask for a full
assessment at any time. The decision, its basis and its evidence are inputs (``light_touch``).
"""

from __future__ import annotations

from typing import Any

from ..arrays import pounds
from ..errors import InputError
from ..explain import N_, RuleStep, gbp
from .context import Ctx
from .models import ChargingCase

__all__ = ["ABOVE", "BASIS_CODES", "NOMINAL", "R_LIGHT_TOUCH", "WITHIN", "apply_light_touch", "light_touch_rule"]

R_LIGHT_TOUCH = RuleStep("charging.light_touch", "A light-touch financial assessment", "SI 2014/2672 reg 10", "https://www.legislation.gov.uk/uksi/2014/2672/regulation/10", "Care and Support Statutory Guidance chapter 8 (light-touch assessments)")

NONE, ABOVE, WITHIN, NOMINAL = 0, 1, 2, 3
BASIS_CODES = {
    "refused": ABOVE, "refused_to_cooperate": ABOVE, "consent_resources_above_limit": ABOVE,
    "consent_resources_at_or_below_limit": WITHIN, "nominal_charge_agreed": NOMINAL,
}
_PARA = {"refused": "10(1)(a)", "refused_to_cooperate": "10(1)(b)", "consent_resources_above_limit": "10(3)",
         "consent_resources_at_or_below_limit": "10(2)", "nominal_charge_agreed": "10(2)"}


def light_touch_rule(c: Ctx, basis: Any, computed: Any, cost: Any, nominal: Any) -> Any:
    """The weekly charge after a light-touch assessment: the full cost where the adult is treated as above
    the limit, the agreed nominal charge, or the charge the evidence gives."""
    xp = c.xp
    return xp.where(basis == ABOVE, cost, xp.where(basis == NOMINAL, xp.minimum(nominal, cost), computed))


def apply_light_touch(c: Ctx, case: ChargingCase, charge: int, cost: int, available: int, above_upper: bool) -> tuple[int, bool]:
    """(weekly charge, treated as above the limit) for one case with a light-touch assessment."""
    lt = case.light_touch
    if lt is None:
        return charge, above_upper
    code = BASIS_CODES[lt.basis]
    nominal = int(lt.nominal_weekly_charge * 100) if lt.nominal_weekly_charge is not None else 0
    if code in (WITHIN, NOMINAL) and above_upper:
        raise InputError.single("light_touch.basis", f"the case's own figures put the adult's capital above the upper limit: a light-touch assessment that resources are at or below the limit (reg {_PARA[lt.basis]}) cannot rest on them", "inconsistent")
    if code == NOMINAL and nominal > max(available, 0):
        raise InputError.single("light_touch.nominal_weekly_charge", f"a light-touch charge of £{lt.nominal_weekly_charge} a week would leave the adult less than their allowances (the minimum income guarantee or personal expenses allowance): the most the evidence allows is £{pounds(max(available, 0))} (Care Act 2014 s 14(7))", "out_of_range")
    out = light_touch_rule(c, code, charge, cost, nominal)
    if c.explain:
        args = {"para": _PARA[lt.basis], "by": lt.decided_by, "on": lt.decided_on, "reason": lt.reason,
                "evidence": "; ".join(e.description for e in lt.evidence) or "none listed", "charge": gbp(pounds(out)),
                "cost": gbp(pounds(cost)), "consented": lt.consented_on}
        if lt.basis in ("refused", "refused_to_cooperate"):
            text = N_("The adult refused a financial assessment (or would not co-operate with it): the council is treated as having assessed them as having resources above the financial limit (SI 2014/2672 reg {para}), so they pay the full cost of {cost} a week. Decided by {by} on {on}: {reason}.")
        elif code == ABOVE:
            text = N_("With the adult's agreement (given on {consented}) the council did not carry out a full financial assessment: it is satisfied from the evidence ({evidence}) that their resources are above the financial limit (SI 2014/2672 reg {para}), so they pay the full cost of {cost} a week. Decided by {by} on {on}: {reason}. The adult can ask for a full assessment at any time.")
        elif code == WITHIN:
            text = N_("With the adult's agreement (given on {consented}) the council did not carry out a full financial assessment: it is satisfied from the evidence ({evidence}) that their resources are at or below the financial limit (SI 2014/2672 reg {para}); the charge the evidence gives is {charge} a week. Decided by {by} on {on}: {reason}. The adult can ask for a full assessment at any time.")
        else:
            text = N_("With the adult's agreement (given on {consented}) the council did not carry out a full financial assessment: the adult agreed to a small charge of {charge} a week, which the evidence ({evidence}) shows they can afford (SI 2014/2672 reg {para}; Care and Support Statutory Guidance chapter 8). Decided by {by} on {on}: {reason}. The adult can ask for a full assessment at any time.")
        c.t.add(R_LIGHT_TOUCH, text, args=args, inputs={"basis": lt.basis}, output=pounds(out))
    c.flag("light_touch_assessment", f"A light-touch assessment ({lt.basis.replace('_', ' ')}, SI 2014/2672 reg {_PARA[lt.basis]}): the adult may ask for a full financial assessment at any time.", R_LIGHT_TOUCH.citation)
    return int(out), code == ABOVE
