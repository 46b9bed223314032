"""The Savings Credit disregard (SI 2014/2672 Sch 1 para 40), worked out from qualifying income.

The words of para 40 were not read (the SI 2022/243 explanatory note, read, confirms that para 40 is the
disregard "for those receiving savings credit"). careact follows the structure of its English predecessor,
read in full (SI 2003/2343, inserting CRAG Sch 3 para 28H), with today's amounts
(``income.savings_credit_disregard``):

- an adult whose **qualifying income does not exceed the standard minimum guarantee** and who receives
  savings credit: the savings credit received, up to the maximum disregard (para 28H(1), (3));
- an adult whose **qualifying income exceeds the standard minimum guarantee**: the maximum disregard, as
  "a sum of" that amount, whether or not any savings credit is paid (para 28H(2), (4)-(5));
- only where the savings credit age condition is met: State Pension age reached before 6 April 2016 and
  aged 65 or over, or a partner who meets it (State Pension Credit Act 2002 s 3(1), read).

Savings credit itself (s 3(2)-(4), read): 60% of qualifying income above the savings credit threshold,
up to the maximum savings credit, less 40% of income above the standard minimum guarantee
(``benefits.pension_credit_savings_credit_*``). careact works it out where none is recorded, to tell the
council it may be payable. As councils do ("Savings Disregard is calculated on an individual basis",
Reading Appendix B), only the adult's own qualifying income is looked at (and half of any paid jointly),
never the partner's; the couple amounts apply where the adult has a partner and is not a permanent
care-home resident (a couple where one lives permanently in a care home are treated separately for
Pension Credit).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from ..arrays import pounds
from ..dates import age_on
from ..explain import N_, RuleStep, gbp
from ..rules.params.charging import benefits, income, options
from .context import Ctx
from .models import ChargingCase
from .pension_age import pension_credit_age_date
from .settings import NON_RESIDENTIAL, PERMANENT

__all__ = ["R_SAVINGS_CREDIT", "age_condition", "savings_credit_amount_rule", "savings_credit_columns",
           "savings_credit_disregard", "savings_credit_disregard_rule", "settled_before_cutoff"]

R_SAVINGS_CREDIT = RuleStep(
    "charging.allowances.savings_credit_disregard", "The Savings Credit disregard",
    "SI 2014/2672 Sch 1 para 40 (text not read; its predecessor SI 2003/2343, CRAG Sch 3 para 28H, read); State Pension Credit Act 2002 s 3",
    "https://www.legislation.gov.uk/uksi/2014/2672/schedule/1", "Care and Support Statutory Guidance Annex C")

_SPA_CUTOFF = date(2016, 4, 6)
_ALWAYS_BEFORE = date(1951, 4, 6)  # anyone born before this reached State Pension age before 6 April 2016
_AGE = 65


def savings_credit_amount_rule(c: Ctx, qualifying: Any, income_total: Any, threshold: Any, maximum: Any, smg: Any,
                               rate: Any, taper: Any) -> Any:
    """State Pension Credit Act 2002 s 3(3)-(4): amount A (the lesser of the maximum and a share of qualifying
    income above the threshold) less amount B (a share of income above the minimum guarantee), not below nil."""
    xp = c.xp
    a = xp.minimum(maximum, xp.mul_rate(xp.maximum(qualifying - threshold, 0), rate))
    b = xp.mul_rate(xp.maximum(income_total - smg, 0), taper)
    return xp.maximum(a - b, 0)


def savings_credit_disregard_rule(c: Ctx, eligible: Any, qualifying: Any, smg: Any, cap: Any, received: Any) -> Any:
    """Sch 1 para 40 as careact reads it: the savings credit received up to the cap where qualifying income
    does not exceed the standard minimum guarantee; the cap where it does; nil without the age condition."""
    xp = c.xp
    return xp.where(eligible, xp.where(qualifying <= smg, xp.minimum(received, cap), cap), 0)


def age_condition(date_of_birth: date, on: date, recorded: bool | None, field: str) -> bool | None:
    """SPCA 2002 s 3(1)(a): State Pension age reached before 6 April 2016 and aged 65 or over (None: not known)."""
    if age_on(date_of_birth, on) < _AGE:
        return False
    if date_of_birth < _ALWAYS_BEFORE:
        return True
    if pension_credit_age_date(date_of_birth, field=field) >= _SPA_CUTOFF:
        return False  # a woman's State Pension age, the earlier, was after the cut-off: so was a man's
    return recorded


def _sums(c: Ctx, v: Any) -> tuple[Any, Any, Any, Any]:
    """Per person: qualifying income, savings credit received, whether a savings credit line is recorded,
    and the income the savings credit test counts -- each the adult's own weekly amount (half of a joint
    payment), never the partner's."""
    from .income import OWNER_JOINT, OWNER_PARTNER

    xp = c.xp
    inc = v.income

    def own(x: Any) -> Any:
        w = xp.round_div(x.amount * x.mul, x.div)
        w = xp.where(x.owner == OWNER_JOINT, xp.round_div(w, 2), w)
        return xp.where(x.owner == OWNER_PARTNER, 0, w)

    lines = v.zip(inc, v.each(inc, own))  # (line, the adult's weekly amount of it)
    qualifying = v.sum(inc, lines, lambda p: xp.where(p[0].traits.savings_credit_qualifying, p[1], 0))
    received = v.sum(inc, lines, lambda p: xp.where(p[0].traits.savings_credit, p[1], 0))
    has_line = v.any(inc, inc, lambda x: xp.all(x.traits.savings_credit, x.owner != OWNER_PARTNER))
    total = v.sum(inc, lines, lambda p: xp.where(xp.all(xp.not_(p[0].traits.pension_credit), xp.any(
        p[0].traits.savings_credit_qualifying, p[0].traits.counted_in_care_home)), p[1], 0))
    return qualifying, received, has_line, total


def _disregard(c: Ctx, couple: Any, eligible: Any, qualifying: Any, received: Any,
               line_disregard: Any) -> tuple[Any, Any, Any, Any]:
    """(disregard, beyond the savings credit line's own, the standard minimum guarantee, the cap) for the
    single or couple amounts."""
    xp = c.xp

    def amount(scale: Any) -> Any:
        if c.case:
            return c.r.cell(scale, "couple" if couple else "single")
        return xp.where(couple, c.r.cell(scale, "couple"), c.r.cell(scale, "single"))

    smg, cap = amount(benefits.pension_credit_standard_minimum_guarantee), amount(income.savings_credit_disregard)
    disregard = savings_credit_disregard_rule(c, eligible, qualifying, smg, cap, received)
    return disregard, xp.where(eligible, xp.maximum(disregard - line_disregard, 0), 0), smg, cap


def _applies(c: Ctx, setting: Any) -> Any:
    """Sch 1 para 40 applies in a care home, and to care at home where the council extends it."""
    home_care = setting == NON_RESIDENTIAL
    return c.xp.any(c.xp.not_(home_care), c.read_when(home_care, options.savings_credit_disregard_non_residential))


def savings_credit_disregard(c: Ctx, v: Any, setting: int, line_disregard: int) -> int:
    """The Savings Credit disregard beyond what the savings credit line already had disregarded (pence),
    as an amount the adult keeps, with its explanation (one case, read through its view)."""
    if not _applies(c, setting):
        return 0
    case: ChargingCase = v.model
    couple = case.partner is not None and setting != PERMANENT
    unit = "couple" if couple else "single"
    person = case.person
    eligible = age_condition(person.date_of_birth, c.on, person.reached_pensionable_age_before_2016, "person.date_of_birth")
    if couple and eligible is not True and case.partner is not None:
        p = case.partner
        eligible = age_condition(p.date_of_birth, c.on, p.reached_pensionable_age_before_2016, "partner.date_of_birth") or eligible
    if eligible is False:  # the disregard is nil whatever the income
        return 0
    qualifying, received, has_line, total = _sums(c, v)
    if qualifying == 0 and not has_line:
        return 0
    if eligible is None:
        c.flag("savings_credit_age_condition_unknown", "Whether the adult reached State Pension age before 6 April 2016 cannot be told from the date of birth (it depends on sex): set person.reached_pensionable_age_before_2016 for the Savings Credit disregard.", R_SAVINGS_CREDIT.citation, officer=True)
        eligible = False
    disregard, extra, smg, cap = _disregard(c, couple, eligible, qualifying, received, line_disregard)
    if eligible and not has_line and qualifying <= smg:
        threshold = c.r.cell(benefits.pension_credit_savings_credit_threshold, unit)
        maximum = c.r.cell(benefits.pension_credit_savings_credit_maximum, unit)
        sc = savings_credit_amount_rule(c, qualifying, total, threshold, maximum, smg,
                                        c.r(benefits.pension_credit_savings_credit_rate),
                                        c.r(benefits.pension_credit_savings_credit_taper))
        if sc > 0:
            c.flag("savings_credit_may_be_payable", f"The adult's qualifying income (£{pounds(qualifying)} a week) is above the savings credit threshold (£{pounds(threshold)}): savings credit of about £{pounds(sc)} a week may be payable. None is recorded, so none is disregarded.", R_SAVINGS_CREDIT.citation)
    if c.explain and eligible:
        args = {"qualifying": gbp(pounds(qualifying)), "smg": gbp(pounds(smg)), "cap": gbp(pounds(cap)),
                "disregard": gbp(pounds(disregard)), "extra": gbp(pounds(extra)), "unit": unit}
        if qualifying > smg:
            c.t.add(R_SAVINGS_CREDIT, N_("Qualifying income of {qualifying} a week is above the standard minimum guarantee ({smg}, {unit}): {cap} a week is disregarded whether or not savings credit is paid ({extra} of it beyond any savings credit already disregarded)."), args=args, output=pounds(extra))
        else:
            c.t.add(R_SAVINGS_CREDIT, N_("Qualifying income of {qualifying} a week does not exceed the standard minimum guarantee ({smg}, {unit}): the savings credit received is disregarded up to {cap}, {disregard} a week."), args=args, output=pounds(extra))
    return int(extra)


def settled_before_cutoff(on: date, date_of_birth_day: Any) -> Any:
    """Day numbers of dates of birth for which the age condition is known from the date alone to be met
    (born before 6 April 1951); a later date of birth before the table says State Pension age came after
    the cut-off depends on what is recorded (:func:`age_condition`)."""
    return date_of_birth_day < _ALWAYS_BEFORE.toordinal()


def savings_credit_columns(c: Ctx, v: Any, setting: Any, line_disregard: Any) -> Any:
    """:func:`savings_credit_disregard` over a population's columns (no explanation or flags): the same
    sums and rule. Rows whose age condition rests on what is recorded
    (``person.reached_pensionable_age_before_2016``) are assessed one by one; without a record the condition
    is taken as not met, as for one case."""
    xp = c.xp
    qualifying, received, has_line, _ = _sums(c, v)
    couple = xp.all(v.couple, setting != PERMANENT)
    person = xp.all(v.age >= _AGE, settled_before_cutoff(c.on, v.dob_day))
    partner = xp.all(couple, v.partner_age >= _AGE, settled_before_cutoff(c.on, v.partner_dob_day))
    eligible = xp.all(_applies(c, setting), xp.any(qualifying > 0, has_line), xp.any(person, partner))
    return _disregard(c, couple, eligible, qualifying, received, line_disregard)[1]
