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
:mod:`careact.charging.context`); :func:`assess_income` applies it to each line of one case.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..arrays import pounds
from ..explain import N_, Pence, RuleStep
from ..periods import FACTORS, RULE_TEXT, Frequency
from ..rules.declare import Rate, ScaleDecl
from ..rules.params.charging import benefits, income, options
from . import care_home_benefits as chb
from .catalogue import IncomeType
from .context import Ctx
from .couples import half_pension_applies
from .inputs import CARE_BENEFIT_TYPES
from .models import ChargingCase, IncomeItem, IncomeLine
from .notional import R_NOTIONAL_INCOME, notional_income_plan
from .settings import NON_RESIDENTIAL, TEMPORARY_SETTINGS

__all__ = ["DISABILITY_BENEFITS", "DISREGARDED", "NIGHT_RATES", "IncomeAssessment", "ItemIn", "assess_income",
           "income_item", "weekly_amount"]

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


@dataclass(slots=True)
class ItemOut:
    weekly: Any  # the adult's weekly amount (half of a joint payment)
    counted: Any
    disregard: Any  # a fixed (partial) disregard
    half: Any  # half a pension paid to a partner at home
    night_difference: Any
    reason: Any  # WHY_* code


def income_item(c: Ctx, x: ItemIn, *, label: str = "", cite: str = "", index: int = 0, frequency: str = "weekly",
                fixed_scale_key: str | None = None) -> ItemOut:
    """The weekly amount of one income line that counts (SI 2014/2672 regs 13-15 and Sch 1)."""
    xp, explain = c.xp, c.explain
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
    reason = xp.where(partner, WHY_PARTNER, xp.where(earnings, WHY_EARNINGS, xp.where(disregarded, WHY_DISREGARDED,
             xp.where(by_option, WHY_OPTION, xp.where(diff > 0, WHY_NIGHT, xp.where(half > 0, WHY_HALF,
             xp.where(applies, WHY_PARTIAL, WHY_COUNTED)))))))
    return ItemOut(weekly=weekly, counted=counted, disregard=disregard, half=half, night_difference=diff, reason=reason)


@dataclass
class IncomeAssessment:
    """The income rules' results for one case, in pence, with the lines of the result."""

    lines: list[IncomeLine] = field(default_factory=list)
    total: int = 0
    disability_benefit_counted: bool = False
    disability_benefit_total: int = 0  # weekly disability benefits counted (the ceiling for DRE)


def _item_in(c: Ctx, item: IncomeItem, itype: IncomeType, case: ChargingCase, setting: int, on: date, index: int = 0) -> ItemIn:
    residential = setting != NON_RESIDENTIAL
    treatment = TREATMENT_CODES[itype.treatment(residential, on)]
    option_decl = itype.council_option_decl
    fixed_decl = itype.disregard_decl_on(on)
    rate_decl = itype.disregard_rate_decl
    couple = case.partner is not None

    def fixed() -> Any:
        if fixed_decl is None:
            return 0
        if isinstance(fixed_decl, ScaleDecl):
            return c.r.cell(fixed_decl, "couple" if couple else "single")
        return c.r(fixed_decl)

    half = half_pension_applies(c, case, index, item, setting != NON_RESIDENTIAL)
    night = NIGHT_RATES.get(itype.id)
    night_applies = bool(setting == NON_RESIDENTIAL and night is not None and item.night_care_provided is False)

    def night_rates() -> tuple[Any, Any]:
        assert night is not None
        return c.r.cell(night[0], night[1]), c.r.cell(night[0], night[2])

    mul, div = FACTORS[Frequency(item.frequency)]
    return ItemIn(
        amount=int(item.amount * 100), mul=mul, div=div, owner=OWNER_CODES[item.owner], treatment=treatment,
        option=(lambda: c.r(option_decl)) if option_decl is not None else (lambda: False),
        has_fixed=fixed_decl is not None, fixed=fixed,
        excess_rate=(lambda: c.r(rate_decl)) if rate_decl is not None else (lambda: _NO_RATE),
        half_to_partner=half, night=night_rates, night_applies=night_applies,
        disability_benefit=itype.id in DISABILITY_BENEFITS,
    )


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


def assess_income(c: Ctx, case: ChargingCase, setting: int, types: Any, *, self_funder: bool = False) -> IncomeAssessment:
    """The adult's assessed weekly income, line by line (SI 2014/2672 Part 4 and Sch 1), with the benefits
    that stop in a care home (:mod:`.care_home_benefits`) and notional income (:mod:`.notional`)."""
    out = IncomeAssessment()
    with c.t.group(R_INCOME, N_("Income counted in the assessment: {total} a week.")) as group:
        plan = notional_income_plan(c, case)
        temporary = setting in TEMPORARY_SETTINGS
        for i, item in enumerate(case.income):
            itype: IncomeType = types[item.type]
            x = _item_in(c, item, itype, case, setting, c.on, i)
            status = chb.benefit_status(c, case, item, setting, self_funder)
            override: tuple[str, str] | None = None
            if status is not None:
                x.amount, x.treatment = chb.care_benefit_rule(c, x.amount, status.payable, temporary, x.treatment, DISREGARDED)
                chb.explain_status(c, i, item, status, setting, pounds(x.amount))
                if not status.payable:
                    override = ("Not paid: stopped after 28 days in a publicly funded care home or hospital", chb.R_BENEFIT_STOPS.citation)
                elif temporary:
                    override = ("Disregarded: a temporary resident's disability benefit", chb.R_TEMPORARY_DISREGARD.citation)
            elif item.type in CARE_BENEFIT_TYPES and setting != NON_RESIDENTIAL:
                x.amount, x.treatment = chb.care_benefit_rule(c, x.amount, True, temporary, x.treatment, DISREGARDED)
                if temporary:
                    override = ("Disregarded: a temporary resident's disability benefit", chb.R_TEMPORARY_DISREGARD.citation)
                    if c.explain:
                        c.t.add(chb.R_TEMPORARY_DISREGARD, N_("{label} of a temporary resident is disregarded."), args={"label": itype.label}, inputs={"index": i}, output=Pence(0))
                c.flag("benefit_stop_not_computed", f"income[{i}]: whether {itype.label} stops after 28 days in the care home could not be worked out: give care.start_date or residence_history.", chb.R_BENEFIT_STOPS.citation)
            if i in plan.replaced:
                x.amount = 0
                override = ("Replaced by notional income (counted once)", R_NOTIONAL_INCOME.citation)
            res = income_item(c, x, label=itype.label, cite=itype.cite, index=i, frequency=item.frequency.value)
            counted = res.counted
            if x.disability_benefit and counted > 0:
                out.disability_benefit_counted = True
                out.disability_benefit_total += counted
            out.total += counted
            reason, cite = override or _reason(res, itype)
            out.lines.append(IncomeLine.build(
                type=item.type, label=itype.label, owner=item.owner, amount=item.amount, frequency=item.frequency,
                weekly=pounds(res.weekly), counted=pounds(counted), disregarded=pounds(res.weekly - counted),
                reason=reason, citation=cite))
        for j, label, weekly in plan.lines:
            out.total += weekly
            n = case.notional_income[j]
            out.lines.append(IncomeLine.build(
                type="notional_income", label=label, owner="person", amount=n.weekly, frequency=Frequency.WEEKLY,
                weekly=pounds(weekly), counted=pounds(weekly), disregarded=pounds(0), reason=n.reason,
                citation=R_NOTIONAL_INCOME.citation))
        if c.explain:
            c.t.add(R_TOTAL, N_("Income counted in all, before tariff income: {total} a week."), args={"total": Pence(out.total)}, output=Pence(out.total))
            c.t.close(group, output=Pence(out.total), args={"total": Pence(out.total)})
    return out
