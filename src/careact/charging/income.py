"""Income: each line converted to a weekly amount, then counted or disregarded.

- Only the adult's own income is assessed; income paid jointly to the adult and a partner is
  treated as half each (Care and Support Statutory Guidance Annex C).
- Earnings are disregarded in full (SI 2014/2672 reg 14).
- Schedule 1 disregards other sums, in full or in part: the mobility components of DLA and PIP, the
  £10 war pension disregard, the savings credit disregard for care-home residents (para 40), half of
  an occupational or personal pension paid to a partner at home, and the rest of the schedule --
  each income type's treatment is data in the catalogue, with its paragraph.
- For care at home, a council may disregard the difference between the night and day rates of a
  disability benefit when it meets no needs at night (an option in council policy).

:func:`income_item` is the rule for one line, written once for one case or a population (see
:mod:`careact.charging.context`); :func:`income_rule` applies it to each line of one case, or to a
population's long table of lines at once, and adds the lines up per person.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from ..arrays import pounds
from ..explain import N_, Pence, RuleStep
from ..periods import RULE_TEXT, Frequency
from ..rules.declare import Rate, ScaleDecl
from ..rules.params.charging import benefits, care_home_benefits, income, options
from . import care_home_benefits as chb
from .catalogue import IncomeType
from .context import Ctx
from .couples import PENSIONS, half_pension_applies
from .inputs import CARE_BENEFIT_TYPES
from .models import IncomeLine
from .notional import R_NOTIONAL_INCOME, NotionalIncomePlan, notional_income_plan
from .settings import NON_RESIDENTIAL, TEMPORARY_SETTINGS

__all__ = [
    "DISABILITY_BENEFITS",
    "NIGHT_RATES",
    "IncomeResult",
    "IncomeTraits",
    "ItemIn",
    "ItemOut",
    "income_item",
    "income_item_in",
    "income_lines",
    "income_rule",
    "income_traits",
    "weekly_amount",
]

_L = "https://www.legislation.gov.uk/uksi/2014/2672"
R_INCOME = RuleStep("charging.income", "Income", "SI 2014/2672 Part 4 (regs 13-17) and Sch 1", f"{_L}/part/4", "Care and Support Statutory Guidance Annex C")
R_WEEKLY = RuleStep("charging.income.weekly_amount", "Weekly amount", "Care and Support Statutory Guidance Annex C (income assessed weekly)")
R_PARTNER = RuleStep("charging.income.partner_excluded", "A partner's income", "Care and Support Statutory Guidance Annex C (only the adult's income is assessed)", None, "Annex C")
R_JOINT = RuleStep("charging.income.joint", "Joint income", "Care and Support Statutory Guidance Annex C (joint income treated as shared equally)", None, "Annex C")
R_COUNTED = RuleStep("charging.income.counted", "Income counted", "SI 2014/2672 reg 13", f"{_L}/regulation/13")
R_DISREGARDED = RuleStep("charging.income.disregarded", "Income disregarded", "SI 2014/2672 reg 15 and Sch 1", f"{_L}/schedule/1")
R_EARNINGS = RuleStep("charging.income.earnings", "Earnings", "SI 2014/2672 reg 14", f"{_L}/regulation/14")
R_PARTIAL = RuleStep("charging.income.partial_disregard", "Part of the income disregarded", "SI 2014/2672 Sch 1", f"{_L}/schedule/1")
R_PENSION_PARTNER = RuleStep("charging.income.pension_to_partner", "Half of a pension paid to a spouse or civil partner at home", "SI 2014/2672 Sch 1 para 16 (opening words read; the 50% rule from Annex C as restated)", f"{_L}/schedule/1", "Annex C")
R_NIGHT = RuleStep("charging.income.night_care_difference", "The night-care difference", "Care and Support Statutory Guidance Annex C (disability benefits); council policy")
R_OPTION = RuleStep("charging.income.council_option", "A council's choice on this income", "Council charging policy")
R_TOTAL = RuleStep("charging.income.total", "Assessed income", "SI 2014/2672 reg 13", f"{_L}/regulation/13")

DISABILITY_BENEFITS = frozenset({
    "attendance_allowance_higher", "attendance_allowance_lower", "dla_care_highest", "dla_care_middle",
    "dla_care_lowest", "pip_daily_living_enhanced", "pip_daily_living_standard", "constant_attendance_allowance",
    "severe_disablement_allowance",
})
# night rate -> (benefit scale, night key, day key)
NIGHT_RATES: dict[str, tuple[ScaleDecl[int], str, str]] = {
    "attendance_allowance_higher": (benefits.attendance_allowance, "higher", "lower"),
    "dla_care_highest": (benefits.dla_care, "highest", "middle"),
    "pip_daily_living_enhanced": (benefits.pip_daily_living, "enhanced", "standard"),
}

# treatments of an income line (codes, as in a population's columns)
COUNTED, DISREGARDED, PARTIAL, EARNINGS, COUNCIL_OPTION = 0, 1, 2, 3, 4
TREATMENT_CODES = {"counted": COUNTED, "disregarded": DISREGARDED, "partial_fixed": PARTIAL, "earnings": EARNINGS,
                   "counted_unless_council_option": COUNCIL_OPTION}
OWNER_PERSON, OWNER_PARTNER, OWNER_JOINT = 0, 1, 2
# why a line counts what it counts
WHY_COUNTED, WHY_PARTNER, WHY_EARNINGS, WHY_DISREGARDED, WHY_OPTION, WHY_PARTIAL, WHY_HALF, WHY_NIGHT = range(8)
OWNER_CODES = {"person": OWNER_PERSON, "partner": OWNER_PARTNER, "joint": OWNER_JOINT}
_NO_RATE = Rate(0, 1)


@dataclass(frozen=True, slots=True)
class IncomeTraits:
    """What the catalogue says of an income type on a date, as the rules read it (one value each for one
    case's line; a column of them, by type, for a population's lines)."""

    residential: Any  # the treatment code in a care home
    non_residential: Any  # the treatment code elsewhere
    pension: Any  # an occupational or personal pension or annuity (half may go to a partner at home)
    night: Any  # a disability benefit with a night rate and a day rate
    has_fixed: Any  # a fixed partial disregard (Sch 1)
    disability_benefit: Any  # counted towards the ceiling for disability-related expenditure
    care_benefit: Any  # Attendance Allowance, DLA care or PIP daily living: stops in a publicly funded care home
    savings_credit_qualifying: Any  # qualifying income for savings credit (SPCA 2002 s 3)
    savings_credit: Any  # the savings credit of pension credit itself
    pension_credit: Any  # pension credit, either part (left out of the income the savings credit test counts)
    counted_in_care_home: Any  # counted in full in a care home (the total income of the savings credit test)


@lru_cache(maxsize=8192)
def income_traits(entry: IncomeType, on: date) -> IncomeTraits:
    """The catalogue entry ``entry`` on ``on``, as :class:`IncomeTraits`."""
    return IncomeTraits(
        residential=TREATMENT_CODES[entry.treatment(True, on)],
        non_residential=TREATMENT_CODES[entry.treatment(False, on)],
        pension=entry.id in PENSIONS,
        night=entry.id in NIGHT_RATES,
        has_fixed=entry.disregard_decl_on(on) is not None,
        disability_benefit=entry.id in DISABILITY_BENEFITS,
        care_benefit=entry.id in CARE_BENEFIT_TYPES,
        savings_credit_qualifying=bool(entry.savings_credit_qualifying),
        savings_credit=entry.id == "pension_credit_savings",
        pension_credit=entry.id in ("pension_credit_guarantee", "pension_credit_savings"),
        counted_in_care_home=entry.residential == "counted",
    )


def weekly_amount(c: Ctx, amount: Any, mul: Any, div: Any) -> Any:
    """Annex C: income is assessed as a weekly amount (monthly × 12 ÷ 52, and so on; see
    :mod:`careact.periods`), rounded once to the penny."""
    return c.xp.round_div(amount * mul, div)


@dataclass(slots=True)
class ItemIn:
    """One income line as the rule reads it (each field an ``int``/``bool``, or a column of them)."""

    amount: Any  # pence, at ``frequency``
    mul: Any  # weekly = amount × mul ÷ div
    div: Any
    owner: Any  # OWNER_* code
    treatment: Any  # the treatment code in force for the setting and date
    option: Callable[[], Any]  # reads the council option that changes the treatment (False if none)
    has_fixed: Any  # the type has a fixed partial disregard
    fixed: Callable[[], Any]  # reads it (pence)
    excess_rate: Callable[[], Rate]  # reads the share of the excess also disregarded (Rate(0, 1) if none)
    half_to_partner: Any  # Sch 1: half of a pension paid to a spouse or civil partner applies
    night: Callable[[], tuple[Any, Any]]  # reads the night and day rates where the night-care difference applies
    night_applies: Any
    disability_benefit: Any
    about: Any = None  # one case: the line as given (label, index, frequency), for the explanation


@dataclass(slots=True)
class ItemOut:
    weekly: Any  # the adult's weekly amount (half of a joint payment)
    counted: Any
    disregard: Any  # a fixed (partial) disregard
    half: Any  # half a pension paid to a partner at home
    night_difference: Any
    reason: Any  # WHY_* code
    owner: Any = OWNER_PERSON
    disability_benefit: Any = False


def income_item(c: Ctx, x: ItemIn) -> ItemOut:
    """The weekly amount of one income line that counts (SI 2014/2672 regs 13-15 and Sch 1)."""
    xp, explain = c.xp, c.explain
    label, cite, index, frequency = "", "", 0, "weekly"
    if explain:
        about = x.about
        label, cite, index, frequency = about.entry.label, about.entry.cite, about.index, about.frequency
    weekly = weekly_amount(c, x.amount, x.mul, x.div)
    if explain and frequency != "weekly":
        c.t.add(R_WEEKLY, N_("{label}: {amount} {frequency} is {weekly} a week ({rule})."), args={"label": label, "amount": Pence(x.amount), "frequency": frequency.replace("_", "-"), "weekly": Pence(weekly), "rule": RULE_TEXT[Frequency(frequency)]}, inputs={"index": index, "amount": Pence(x.amount), "frequency": frequency}, output=Pence(weekly))
    partner = x.owner == OWNER_PARTNER
    if explain and partner:
        c.t.add(R_PARTNER, N_("{label} is the partner's income and is not assessed."), args={"label": label}, inputs={"index": index}, output=Pence(0))
    whole = weekly
    # Annex C: income paid jointly is the adult's half
    weekly = xp.where(x.owner == OWNER_JOINT, xp.round_div(weekly, 2), weekly)
    if explain and x.owner == OWNER_JOINT:
        c.t.add(R_JOINT, N_("{label} is paid jointly: half of {whole}, {weekly} a week, is the adult's."), args={"label": label, "whole": Pence(whole), "weekly": Pence(weekly)}, inputs={"index": index}, output=Pence(weekly))
    live = xp.not_(partner)
    treatment = x.treatment
    opted = x.option() if (not c.case or (live and treatment in (COUNCIL_OPTION, PARTIAL))) else False
    # a council option either extends a statutory partial disregard to this setting, or disregards in full
    partial = xp.any(treatment == PARTIAL, xp.all(treatment == COUNCIL_OPTION, opted, x.has_fixed))
    by_option = xp.all(opted, xp.any(treatment == PARTIAL, xp.all(treatment == COUNCIL_OPTION, xp.not_(x.has_fixed))))
    earnings = treatment == EARNINGS
    disregarded = treatment == DISREGARDED
    if explain and live:
        if earnings:
            c.t.add(R_EARNINGS, N_("{label} of {weekly} a week are earnings and are disregarded in full."), args={"label": label, "weekly": Pence(weekly)}, inputs={"index": index}, output=Pence(0))
        elif disregarded:
            c.t.add(R_DISREGARDED, N_("{label} of {weekly} a week is disregarded ({cite})."), args={"label": label, "weekly": Pence(weekly), "cite": cite}, inputs={"index": index}, output=Pence(0))
        elif by_option and treatment == PARTIAL:
            c.t.add(R_OPTION, N_("{label} of {weekly} a week is disregarded in full under the council's policy."), args={"label": label, "weekly": Pence(weekly)}, inputs={"index": index}, output=Pence(0))
        elif by_option:
            c.t.add(R_OPTION, N_("{label} of {weekly} a week is disregarded under the council's policy."), args={"label": label, "weekly": Pence(weekly)}, inputs={"index": index}, output=Pence(0))
    gone = xp.any(partner, earnings, disregarded, by_option)
    # Sch 1: a fixed weekly amount disregarded (and, for lodgers, a share of the rest)
    applies = xp.all(partial, xp.not_(gone))
    fixed = x.fixed() if (not c.case or applies) else 0
    first = xp.minimum(weekly, fixed)
    rate = x.excess_rate() if (not c.case or applies) else _NO_RATE
    disregard = first + xp.mul_rate(weekly - first, rate)
    counted = xp.where(gone, 0, xp.where(applies, weekly - disregard, weekly))
    if explain and applies:
        c.t.add(R_PARTIAL, N_("{label}: {disregard} of {weekly} a week is disregarded ({cite}); {counted} counts."), args={"label": label, "disregard": Pence(disregard), "weekly": Pence(weekly), "cite": cite, "counted": Pence(counted)}, inputs={"index": index}, output=Pence(counted))
    # Sch 1: half of an occupational or personal pension or annuity paid to a spouse or civil partner at home
    half_applies = xp.all(x.half_to_partner, xp.not_(gone))
    share = c.read_when(half_applies, income.occupational_pension_partner_share)
    half = xp.where(half_applies, xp.mul_rate(counted, share), 0)
    counted = counted - half
    if explain and half_applies:
        c.t.add(R_PENSION_PARTNER, N_("{label}: the adult pays half to their partner at home, so {half} a week is disregarded."), args={"label": label, "half": Pence(half)}, inputs={"index": index}, output=Pence(counted))
    # council option: the difference between night and day rates where no needs are met at night
    night_applies = xp.all(x.night_applies, xp.not_(gone))
    opt = c.read_when(night_applies, options.disregard_night_care_difference)
    diff = 0
    if not c.case or (night_applies and opt):
        night, day = x.night()
        diff = xp.where(xp.all(night_applies, opt), xp.minimum(xp.maximum(night - day, 0), counted), 0)
        counted = counted - diff
        if explain:
            c.t.add(R_NIGHT, N_("{label}: no night care is arranged, so the difference between the night and day rates, {diff} a week, is disregarded."), args={"label": label, "diff": Pence(diff)}, inputs={"index": index}, output=Pence(counted))
    if explain and not gone and not applies:
        c.t.add(R_COUNTED, N_("{label}: {counted} a week counts as income."), args={"label": label, "counted": Pence(counted)}, inputs={"index": index, "weekly": Pence(weekly)}, output=Pence(counted))
    # why the line counts what it counts (for one case's lines of the result)
    reason = None if not c.case else xp.where(partner, WHY_PARTNER, xp.where(earnings, WHY_EARNINGS, xp.where(disregarded, WHY_DISREGARDED,
             xp.where(by_option, WHY_OPTION, xp.where(diff > 0, WHY_NIGHT, xp.where(half > 0, WHY_HALF,
             xp.where(applies, WHY_PARTIAL, WHY_COUNTED)))))))
    return ItemOut(weekly=weekly, counted=counted, disregard=disregard, half=half, night_difference=diff, reason=reason,
                   owner=x.owner, disability_benefit=x.disability_benefit)


@dataclass(slots=True)
class IncomeResult:
    """The income rules' results (pence): each line, the total counted, the disability benefits counted
    (the ceiling for disability-related expenditure) and the adult's own income before disregards."""

    items: Any  # one ItemOut per line (one case), or one of columns (a population)
    total: Any
    disability_benefit_counted: Any
    disability_benefit_total: Any
    gross: Any
    notional: NotionalIncomePlan | None = None  # one case: notional income in force
    overrides: dict[int, tuple[str, str]] | None = None  # one case: a line's reason where a rule above the line's own set it


def _fixed_disregard(c: Ctx, t: IncomeType, key: str) -> Any:
    decl = t.disregard_decl_on(c.on)
    if decl is None:
        return 0
    if isinstance(decl, ScaleDecl):
        return c.r.cell(decl, key)
    return c.r(decl)


def _night_rate(c: Ctx, t: IncomeType, night: bool) -> Any:
    rates = NIGHT_RATES.get(t.id)
    if rates is None:
        return 0
    scale, night_key, day_key = rates
    return c.r.cell(scale, night_key if night else day_key)


def care_benefit_stopped(c: Ctx, care_home: Any, start_day: Any, self_funder: Any) -> Any:
    """Attendance Allowance, DLA care and PIP daily living are not paid after the first 28 days of a stay
    in a care home whose costs the council meets (SI 1991/2740 regs 7-8; SI 1991/2890 regs 9-10; SI 2013/377
    regs 28-32), counted from the day after the adult went in; a self-funder keeps them. The stay as the
    plain fields give it (``care.start_date``); a case with a residence history, a later council funding
    date or an award that began in the home is worked out day by day (:mod:`.care_home_benefits`)."""
    xp = c.xp
    counts = xp.all(care_home, start_day > 0, xp.not_(self_funder))
    days = c.read_when(counts, care_home_benefits.payable_days)
    return xp.all(counts, c.on_day >= start_day + 1 + days)


def income_item_in(c: Ctx, v: Any, x: Any, setting: Any, couple: Any, stay: Any = None) -> ItemIn:
    """What the rule for one line reads: its type's treatment in the setting on the date (the
    catalogue), and which conditional disregards apply -- half of a pension paid to a spouse or civil
    partner at home (a care-home resident), the night-care difference (care at home, no night care), a
    disability benefit that has stopped in a care home, and a temporary resident's disability benefit.
    ``stay`` is, per line, ``(care_home, start_day, self_funder)`` for the columns."""
    xp = c.xp
    traits = x.traits
    treatment = xp.where(setting != NON_RESIDENTIAL, traits.residential, traits.non_residential)
    amount = x.amount
    if c.case:
        half: Any = half_pension_applies(c, v.model, x.index, x.model, setting != NON_RESIDENTIAL)
    else:
        half = xp.all(x.half_paid_to_partner, traits.pension, setting != NON_RESIDENTIAL, couple)
        care_home, start_day, self_funder = stay
        benefit = traits.care_benefit
        stopped = xp.all(benefit, care_benefit_stopped(c, care_home, start_day, self_funder))
        amount, treatment = chb.care_benefit_rule(c, amount, xp.not_(stopped), xp.all(benefit, xp.isin(setting, TEMPORARY_SETTINGS)),
                                                  treatment, DISREGARDED)
    night_applies = xp.all(setting == NON_RESIDENTIAL, traits.night, x.night_care_given, xp.not_(x.night_care_provided))
    return ItemIn(
        amount=amount, mul=x.mul, div=x.div, owner=x.owner, treatment=treatment,
        option=lambda: v.per_type(x, lambda t: c.r(t.council_option_decl) if t.council_option_decl is not None else False),
        has_fixed=traits.has_fixed,
        fixed=lambda: c.branch(couple, lambda: v.per_type(x, lambda t: _fixed_disregard(c, t, "couple")),
                               lambda: v.per_type(x, lambda t: _fixed_disregard(c, t, "single"))),
        excess_rate=lambda: v.per_type(x, lambda t: c.r(t.disregard_rate_decl) if t.disregard_rate_decl is not None else _NO_RATE),
        half_to_partner=half,
        night=lambda: (v.per_type(x, lambda t: _night_rate(c, t, True)), v.per_type(x, lambda t: _night_rate(c, t, False))),
        night_applies=night_applies,
        disability_benefit=traits.disability_benefit,
        about=x,
    )


def income_rule(c: Ctx, v: Any, setting: Any, self_funder: Any = False) -> IncomeResult:
    """The adult's assessed weekly income, line by line (SI 2014/2672 Part 4 and Sch 1), with the benefits
    that stop in a care home (:mod:`.care_home_benefits`) and, for one case, notional income (:mod:`.notional`)."""
    xp = c.xp
    with c.t.group(R_INCOME, N_("Income counted in the assessment: {total} a week.")) as group:
        lines = v.income
        at, couple = v.spread(lines, setting), v.spread(lines, v.couple)
        if c.case:
            plan = notional_income_plan(c, v.model)
            overrides: dict[int, tuple[str, str]] = {}
            items = [_case_item(c, v, x, setting, couple, self_funder, plan, overrides) for x in lines]
        else:
            stay = (v.spread(lines, v.setting != NON_RESIDENTIAL), v.spread(lines, v.start_day), v.spread(lines, self_funder))
            items = v.each(lines, lambda x: income_item(c, income_item_in(c, v, x, at, couple, stay)))
        total = v.sum(lines, items, lambda o: o.counted)
        if c.case:
            total += sum(weekly for _, _, weekly in plan.lines)
        benefit = v.each(items, lambda o: xp.where(xp.all(o.disability_benefit, o.counted > 0), o.counted, 0))
        gross = v.sum(lines, items, lambda o: xp.where(o.owner != OWNER_PARTNER, o.weekly, 0))
        if c.case:
            gross += sum(weekly for _, _, weekly in plan.lines)
        out = IncomeResult(items=items, total=total, disability_benefit_counted=v.any(lines, benefit, lambda b: b > 0),
                           disability_benefit_total=v.sum(lines, benefit), gross=gross)
        if c.case:
            out.notional, out.overrides = plan, overrides
        if c.explain:
            c.t.add(R_TOTAL, N_("Income counted in all, before tariff income: {total} a week."), args={"total": Pence(total)}, output=Pence(total))
            c.t.close(group, output=Pence(total), args={"total": Pence(total)})
    return out


def _case_item(c: Ctx, v: Any, x: Any, setting: int, couple: bool, self_funder: bool, plan: NotionalIncomePlan,
               overrides: dict[int, tuple[str, str]]) -> ItemOut:
    """One line of one case: the benefit-stop rules worked out from the case's dated stays, notional income
    replacing it, then :func:`income_item`."""
    case, item, i = v.model, x.model, x.index
    xin = income_item_in(c, v, x, setting, couple)
    temporary = setting in TEMPORARY_SETTINGS
    status = chb.benefit_status(c, case, item, setting, self_funder)
    if status is not None:
        xin.amount, xin.treatment = chb.care_benefit_rule(c, xin.amount, status.payable, temporary, xin.treatment, DISREGARDED)
        chb.explain_status(c, i, item, status, setting, pounds(weekly_amount(c, xin.amount, xin.mul, xin.div)))
        if not status.payable:
            overrides[i] = ("Not paid: stopped after 28 days in a publicly funded care home or hospital", chb.R_BENEFIT_STOPS.citation)
        elif temporary:
            overrides[i] = ("Disregarded: a temporary resident's disability benefit", chb.R_TEMPORARY_DISREGARD.citation)
    elif item.type in CARE_BENEFIT_TYPES and setting != NON_RESIDENTIAL:
        xin.amount, xin.treatment = chb.care_benefit_rule(c, xin.amount, True, temporary, xin.treatment, DISREGARDED)
        if temporary:
            overrides[i] = ("Disregarded: a temporary resident's disability benefit", chb.R_TEMPORARY_DISREGARD.citation)
            if c.explain:
                c.t.add(chb.R_TEMPORARY_DISREGARD, N_("{label} of a temporary resident is disregarded."), args={"label": x.entry.label}, inputs={"index": i}, output=Pence(0))
        c.flag("benefit_stop_not_computed", f"income[{i}]: whether {x.entry.label} stops after 28 days in the care home could not be worked out: give care.start_date or residence_history.", chb.R_BENEFIT_STOPS.citation)
    if i in plan.replaced:
        xin.amount = 0
        overrides[i] = ("Replaced by notional income (counted once)", R_NOTIONAL_INCOME.citation)
    return income_item(c, xin)


def _reason(out: ItemOut, itype: IncomeType) -> tuple[str, str]:
    why = out.reason
    if why == WHY_PARTNER:
        return "Partner's income: not assessed", R_PARTNER.citation
    if why == WHY_EARNINGS:
        return "Earnings: disregarded", R_EARNINGS.citation
    if why == WHY_DISREGARDED:
        return "Disregarded", itype.cite
    if why == WHY_OPTION:
        decl = itype.council_option_decl
        return "Disregarded under council policy", decl.provision if decl is not None else R_OPTION.citation
    if why == WHY_NIGHT:
        return f"£{pounds(out.night_difference)} night-care difference disregarded", R_NIGHT.citation
    if why == WHY_HALF:
        return f"£{pounds(out.half)} disregarded (paid to partner)", R_PENSION_PARTNER.citation
    if why == WHY_PARTIAL:
        return f"£{pounds(out.disregard)} disregarded", itype.cite
    return "Counted", itype.cite


def income_lines(v: Any, res: IncomeResult) -> list[IncomeLine]:
    """One case: the income lines of the result."""
    lines = []
    overrides = res.overrides or {}
    for x, out in zip(v.income, res.items, strict=True):
        item = x.model
        reason, cite = overrides.get(x.index) or _reason(out, x.entry)
        lines.append(IncomeLine.build(
            type=item.type, label=x.entry.label, owner=item.owner, amount=item.amount, frequency=item.frequency,
            weekly=pounds(out.weekly), counted=pounds(out.counted), disregarded=pounds(out.weekly - out.counted),
            reason=reason, citation=cite))
    plan = res.notional
    if plan is not None:
        for j, label, weekly in plan.lines:
            n = v.model.notional_income[j]
            lines.append(IncomeLine.build(
                type="notional_income", label=label, owner="person", amount=n.weekly, frequency=Frequency.WEEKLY,
                weekly=pounds(weekly), counted=pounds(weekly), disregarded=pounds(0), reason=n.reason,
                citation=R_NOTIONAL_INCOME.citation))
    return lines
