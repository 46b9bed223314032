"""Top-ups: paying more for a preferred care home than the council's personal budget (the Care and Support
and Aftercare (Choice of Accommodation) Regulations 2014, SI 2014/2670; Care and Support Statutory
Guidance Annex A).

- The adult's charge is worked out on the **personal budget** (what the council would usually pay), never
  on the provider's higher fee; the top-up is paid on top (Annex A).
- **Who may pay.** A third party, where the council is satisfied they are able and willing to pay for the
  likely length of the placement and they sign a written agreement (SI 2014/2670 reg 5, the "additional
  cost condition"; the English words were not read -- the Welsh twin, WSI 2015/1840 reg 4(1)-(3), was;
  Annex A para 23 as quoted by Gloucestershire). The resident themselves only during the 12-week property
  disregard, under a deferred payment agreement, or for after-care under the Mental Health Act 1983 s 117
  (the Welsh twin reg 4(6), read in part; Gloucestershire's policy 4.2 for England). careact does not
  allow a first-party top-up for a temporary stay: no English rule for it was found.
- **Not the resident's income** where the top-up is paid to the provider or to the council. Where the
  payer gives it to the resident and the council recovers it through the financial assessment (the
  first of Annex A's options), it is counted as the resident's income and the fee charged for is the
  personal budget plus the top-up: the net effect on the resident is nil.
"""

from __future__ import annotations

from typing import Any

from ..explain import N_, RuleStep, gbp
from .context import Ctx
from .models import ChargingCase

__all__ = ["R_TOPUP", "R_TOPUP_INCOME", "TopUpTerms", "top_up_rule", "top_up_terms"]

_CHOICE = "https://www.legislation.gov.uk/uksi/2014/2670/regulation/5"
_ANNEX_A = "Care and Support Statutory Guidance Annex A"
R_TOPUP = RuleStep("charging.top_up", "A top-up", "SI 2014/2670 reg 5 (additional cost condition; English text not read, Welsh twin WSI 2015/1840 reg 4 read)", _CHOICE, _ANNEX_A)
R_TOPUP_INCOME = RuleStep("charging.top_up.via_income", "A top-up recovered through the financial assessment", "Care and Support Statutory Guidance Annex A (responsibility for costs and to whom payments are made)", None, _ANNEX_A)


def top_up_rule(c: Ctx, cost: Any, income: Any, top_up: Any, via_income: Any) -> tuple[Any, Any]:
    """(cost charged for, income counted): where the top-up reaches the resident as income, it is counted
    and the cost charged for is the personal budget plus the top-up; otherwise neither changes."""
    xp = c.xp
    return xp.where(via_income, cost + top_up, cost), xp.where(via_income, income + top_up, income)


class TopUpTerms:
    """The top-up of one case on one day (pence)."""

    __slots__ = ("payer", "via_income", "weekly")

    def __init__(self, weekly: int, payer: str | None, via_income: bool) -> None:
        self.weekly, self.payer, self.via_income = weekly, payer, via_income


def top_up_terms(c: Ctx, case: ChargingCase, home_in_twelve_weeks: bool) -> TopUpTerms:
    """The top-up in force (the old single field or the full record), with its explanation and flags."""
    legacy = case.care.third_party_top_up
    t = case.top_up
    if t is None:
        if legacy and c.explain:
            c.t.add(R_TOPUP, N_("A third party pays a top-up of {top_up} a week for the adult's preferred accommodation; it is not part of the adult's charge."), args={"top_up": gbp(legacy)}, output=legacy)
        return TopUpTerms(int(legacy * 100), "third_party" if legacy else None, False)
    weekly = int(t.weekly * 100)
    payer = t.payer.kind
    via = t.collection == "via_resident_income"
    who = t.payer.name or ("the resident" if payer == "resident" else "a third party")
    if t.payer.relationship and payer == "third_party":
        who = f"{who} ({t.payer.relationship})"
    if c.explain:
        args = {"who": who, "top_up": gbp(t.weekly), "budget": gbp(case.care.weekly_cost), "signed": t.agreement_signed_on,
                "fee": gbp(case.care.weekly_cost + t.weekly)}
        if via:
            c.t.add(R_TOPUP_INCOME, N_("The home's fee is {fee} a week; the council's personal budget is {budget}. {who} pays the difference, {top_up} a week, to the adult under a written agreement signed on {signed}, and the council recovers it through the financial assessment: it is counted as the adult's income and the adult is charged towards the whole fee."), args=args, output=t.weekly)
        elif payer == "resident":
            c.t.add(R_TOPUP, N_("The home's fee is {fee} a week; the council's personal budget is {budget}. The adult pays the difference, {top_up} a week, themselves under a written agreement signed on {signed} ({ground}); it is not part of the charge worked out here."), args={**args, "ground": (t.first_party_ground or "").replace("_", " ")}, output=t.weekly)
        else:
            c.t.add(R_TOPUP, N_("The home's fee is {fee} a week; the council's personal budget is {budget}. {who} has agreed in writing (on {signed}) to pay the difference, {top_up} a week, {paid}; it is not the adult's income, and the adult's charge is worked out on the personal budget."), args={**args, "paid": "directly to the home" if t.collection == "paid_to_provider" else "to the council"}, output=t.weekly)
    if payer == "third_party":
        a = t.affordability
        if a is None:
            c.flag("top_up_affordability_not_recorded", "The council must be satisfied that the payer is able and willing to pay the top-up for the likely length of the placement (SI 2014/2670; Annex A para 23): record its check in top_up.affordability.", R_TOPUP.citation, officer=True)
        elif a.payer_weekly_surplus < t.weekly:
            c.flag("top_up_affordability_not_shown", f"The payer's weekly surplus (£{a.payer_weekly_surplus}) is less than the top-up (£{t.weekly}): the council must be satisfied they can pay it for the likely length of the placement.", R_TOPUP.citation, officer=True)
    elif t.first_party_ground == "twelve_week_disregard" and not home_in_twelve_weeks:
        c.flag("first_party_top_up_ground_ended", "The resident's own top-up rests on the 12-week property disregard, which does not apply on this day: the top-up must end, be paid by a third party, or be added to a deferred payment agreement.", R_TOPUP.citation, officer=True)
    elif t.first_party_ground == "deferred_payment":
        c.flag("first_party_top_up_deferred", "The resident's own top-up is added to the amount deferred under the deferred payment agreement (Annex A; SI 2014/2671): the council should confirm it agreed to it.", R_TOPUP.citation, officer=True)
    return TopUpTerms(weekly, payer, via)
