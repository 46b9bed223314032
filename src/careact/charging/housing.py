"""Housing costs the adult keeps income for (SI 2014/2672 Sch 1 paras 2-3, read).

For care other than in a care home, and for a temporary resident, "any housing-related costs which the
adult is liable to meet in respect of the adult's main or only home" are disregarded, except so far as
they are met by Housing Benefit, by income support towards housing costs (or what it would be), or by
a reduction in council tax (para 3). "Housing-related costs" are "any mortgage repayments, payments by
way of rent or ground rent, council tax or service charges (other than service charges which are
ineligible under Schedule 1 to the Housing Benefit Regulations 2006)" (para 2(3)).

Water charges and buildings or contents insurance are not in that list: a council may allow them under
its own policy (``options.housing_costs_extra_items``; Care Act 2014 s 14). Each item is one line of
the explanation, saying whether the law or the council's policy allows it. A share of a joint liability
(``liable_share``) is applied to every item.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any

from ..arrays import pounds
from ..explain import N_, RuleStep, gbp
from ..periods import FACTORS, Frequency
from ..rules.params.charging import options
from .context import Ctx
from .inputs import HOUSING_REDUCTIONS, HousingCostItem
from .models import ChargingCase

__all__ = ["R_HOUSING_ITEM", "STATUTORY", "household_housing_costs", "housing_item_rule", "typed_housing_costs"]

_L = "https://www.legislation.gov.uk/uksi/2014/2672"
R_HOUSING_ITEM = RuleStep("charging.allowances.housing_costs.item", "A housing cost", "SI 2014/2672 Sch 1 paras 2-3", f"{_L}/schedule/1/paragraph/2", "Annex C")
R_HOUSING_POLICY = RuleStep("charging.allowances.housing_costs.council_policy", "A housing cost the council allows", "Care Act 2014 s 14 (discretion to charge less); council charging policy", "https://www.legislation.gov.uk/ukpga/2014/23/section/14")

STATUTORY = frozenset({"rent", "mortgage_repayment", "council_tax", "service_charge", "ground_rent"})
_LABELS = {
    "rent": "Rent", "housing_benefit": "Housing Benefit", "mortgage_repayment": "Mortgage repayments",
    "smi_or_is_housing_costs": "Support for mortgage interest or income support towards housing costs",
    "council_tax": "Council tax", "council_tax_reduction": "Council Tax Reduction", "service_charge": "Service charges",
    "ground_rent": "Ground rent", "water": "Water and sewerage charges", "buildings_insurance": "Buildings insurance",
    "contents_insurance": "Contents insurance",
}
# how each item counts: +1 a cost allowed by law, -1 a reduction of one, 2 a cost allowed only by council policy,
# 0 not allowed (an ineligible service charge)
LAW, REDUCTION, POLICY, NOT_ALLOWED = 1, -1, 2, 0


def housing_item_rule(c: Ctx, weekly: Any, kind: Any, allowed_by_policy: Any) -> Any:
    """The signed weekly amount one item adds to the housing costs allowed: a cost the law lists; less a
    benefit that meets one; a cost only the council's policy allows, where it does."""
    xp = c.xp
    return xp.where(kind == LAW, weekly, xp.where(kind == REDUCTION, -weekly, xp.where(xp.all(kind == POLICY, allowed_by_policy), weekly, 0)))


def _kind(item: HousingCostItem) -> int:
    if item.type in HOUSING_REDUCTIONS:
        return REDUCTION
    if item.type == "service_charge":
        return LAW if item.hb_eligible else NOT_ALLOWED
    return LAW if item.type in STATUTORY else POLICY


def _weekly(c: Ctx, item: HousingCostItem) -> Any:
    mul, div = FACTORS[Frequency(item.frequency)]
    return c.xp.round_div(int(item.amount * 100) * mul, div)


def _share(case: ChargingCase) -> Fraction:
    h = case.housing_costs
    if h is None or h.liable_share is None:
        return Fraction(1)
    return Fraction(h.liable_share).limit_denominator(10**6)


def typed_housing_costs(c: Ctx, case: ChargingCase) -> int:
    """The weekly housing costs allowed from typed items (one case), each item explained: pence."""
    h = case.housing_costs
    assert h is not None
    extra: tuple[str, ...] = c.r(options.housing_costs_extra_items) if any(_kind(i) == POLICY for i in h.items) else ()
    share = _share(case)
    total: int = 0
    for i, item in enumerate(h.items):
        weekly = _weekly(c, item)
        kind = _kind(item)
        allowed = item.type in extra
        amount = int(housing_item_rule(c, weekly, kind, allowed))
        total += amount
        if not c.explain:
            continue
        args = {"label": _LABELS[item.type], "weekly": gbp(pounds(weekly))}
        if kind == LAW:
            c.t.add(R_HOUSING_ITEM, N_("{label}: {weekly} a week, a housing cost the regulations allow."), args=args, inputs={"index": i, "type": item.type}, output=pounds(weekly))
        elif kind == REDUCTION:
            c.t.add(R_HOUSING_ITEM, N_("{label}: {weekly} a week meets part of the housing costs, so it is taken off them."), args=args, inputs={"index": i, "type": item.type}, output=pounds(-weekly))
        elif kind == NOT_ALLOWED:
            c.t.add(R_HOUSING_ITEM, N_("{label}: {weekly} a week are not allowed: Housing Benefit would not meet them (SI 2014/2672 Sch 1 para 2(3))."), args=args, inputs={"index": i, "type": item.type}, output=pounds(0))
        elif allowed:
            c.t.add(R_HOUSING_POLICY, N_("{label}: {weekly} a week, allowed under the council's policy (the regulations do not list it)."), args=args, inputs={"index": i, "type": item.type}, output=pounds(weekly))
        else:
            c.t.add(R_HOUSING_POLICY, N_("{label}: {weekly} a week is not a housing cost the regulations list, and the council's policy does not allow it."), args=args, inputs={"index": i, "type": item.type}, output=pounds(0))
    total = max(total, 0)
    if share != 1:
        shared = c.xp.round_div(total * share.numerator, share.denominator)
        if c.explain:
            c.t.add(R_HOUSING_ITEM, N_("The adult is liable for {share} of these costs: {shared} a week."), args={"share": f"{share.numerator}/{share.denominator}", "shared": gbp(pounds(shared))}, output=pounds(shared))
        total = shared
    return int(total)


def household_housing_costs(case: ChargingCase) -> int:
    """The household's weekly housing costs net of the benefits that meet them (pence), whatever the policy
    on the other items: for the couples affordability check."""
    h = case.housing_costs
    if h is None:
        return 0
    if h.items:
        total = 0
        for item in h.items:
            mul, div = FACTORS[Frequency(item.frequency)]
            weekly = (int(item.amount * 100) * mul * 2 + div) // (2 * div)
            kind = _kind(item)
            total += weekly if kind == LAW else -weekly if kind == REDUCTION else 0
        return max(total, 0)
    gross = h.rent + h.mortgage + h.council_tax + h.service_charges + h.ground_rent
    net = max(gross - h.housing_benefit - h.council_tax_reduction, Decimal(0))
    mul, div = FACTORS[Frequency(h.frequency)]
    return int((int(net * 100) * mul * 2 + div) // (2 * div))
