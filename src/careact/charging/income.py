"""Income: each line converted to a weekly amount, then counted or disregarded.

- Only the adult's own income is assessed; income paid jointly to the adult and a partner is
  treated as half each (Care and Support Statutory Guidance Annex C).
- Earnings are disregarded in full (SI 2014/2672 reg 14).
- Schedule 1 disregards other sums, in full or in part: the mobility components of DLA and PIP, the
  £10 war pension disregard, the savings credit disregard for care-home residents (para 40), half of
  an occupational or personal pension paid to a partner at home (para 16), and the rest of the
  schedule — each income type's treatment is data in the catalogue, with its paragraph.
- For care at home, a council may disregard the difference between the night and day rates of a
  disability benefit when it meets no needs at night (an option in council policy).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from ..explain import N_, RuleStep, Trace, gbp
from ..money import ZERO, round_pence
from ..periods import to_weekly
from ..rules import Resolved
from .catalogue import IncomeType
from .models import ChargingCase, Flag, IncomeItem, IncomeLine

__all__ = ["DISABILITY_BENEFITS", "NIGHT_RATES", "IncomeAssessment", "assess_income"]

_L = "https://www.legislation.gov.uk/uksi/2014/2672"
R_INCOME = RuleStep("charging.income", "Income", "SI 2014/2672 regs 13-17 and Sch 1", f"{_L}/part/3", "Care and Support Statutory Guidance Annex C")
R_WEEKLY = RuleStep("charging.income.weekly_amount", "Weekly amount", "Care and Support Statutory Guidance Annex C (income assessed weekly)")
R_PARTNER = RuleStep("charging.income.partner_excluded", "A partner's income", "Care and Support Statutory Guidance Annex C (only the adult's income is assessed)", None, "Annex C")
R_JOINT = RuleStep("charging.income.joint", "Joint income", "Care and Support Statutory Guidance Annex C (joint income treated as shared equally)", None, "Annex C")
R_COUNTED = RuleStep("charging.income.counted", "Income counted", "SI 2014/2672 reg 13", f"{_L}/regulation/13")
R_DISREGARDED = RuleStep("charging.income.disregarded", "Income disregarded", "SI 2014/2672 reg 15 and Sch 1", f"{_L}/schedule/1")
R_EARNINGS = RuleStep("charging.income.earnings", "Earnings", "SI 2014/2672 reg 14", f"{_L}/regulation/14")
R_PARTIAL = RuleStep("charging.income.partial_disregard", "Part of the income disregarded", "SI 2014/2672 Sch 1", f"{_L}/schedule/1")
R_PENSION_PARTNER = RuleStep("charging.income.pension_to_partner", "Half of a pension paid to a partner at home", "SI 2014/2672 Sch 1 para 16", f"{_L}/schedule/1/paragraph/16", "Annex C")
R_NIGHT = RuleStep("charging.income.night_care_difference", "The night-care difference", "Care and Support Statutory Guidance Annex C (disability benefits); council policy")
R_OPTION = RuleStep("charging.income.council_option", "A council's choice on this income", "Council charging policy")
R_TOTAL = RuleStep("charging.income.total", "Assessed income", "SI 2014/2672 reg 13", f"{_L}/regulation/13")

DISABILITY_BENEFITS = frozenset({
    "attendance_allowance_higher", "attendance_allowance_lower", "dla_care_highest", "dla_care_middle",
    "dla_care_lowest", "pip_daily_living_enhanced", "pip_daily_living_standard", "constant_attendance_allowance",
    "severe_disablement_allowance",
})
# night rate -> (benefit parameter, night key, day key)
NIGHT_RATES = {
    "attendance_allowance_higher": ("benefits.attendance_allowance", "higher", "lower"),
    "dla_care_highest": ("benefits.dla_care", "highest", "middle"),
    "pip_daily_living_enhanced": ("benefits.pip_daily_living", "enhanced", "standard"),
}
_PENSIONS = frozenset({"occupational_pension", "private_pension", "annuity"})


@dataclass
class IncomeAssessment:
    lines: list[IncomeLine] = field(default_factory=list)
    total: Decimal = ZERO
    disability_benefit_counted: bool = False
    disability_benefit_total: Decimal = ZERO  # weekly disability benefits counted (the ceiling for DRE)
    flags: list[Flag] = field(default_factory=list)


def _line(item: IncomeItem, itype: IncomeType, weekly: Decimal, counted: Decimal, reason: str, cite: str) -> IncomeLine:
    return IncomeLine.build(type=item.type, label=itype.label, owner=item.owner, amount=item.amount, frequency=item.frequency, weekly=weekly, counted=counted, disregarded=weekly - counted, reason=reason, citation=cite)


def _assess_one(i: int, item: IncomeItem, itype: IncomeType, case: ChargingCase, residential: bool, setting: str, on: date, res: Resolved, trace: Trace, out: IncomeAssessment) -> None:
    conv = to_weekly(item.amount, item.frequency)
    weekly = conv.weekly
    if item.frequency != "weekly":
        trace.add(R_WEEKLY, N_("{label}: {amount} {frequency} is {weekly} a week ({rule})."), args={"label": itype.label, "amount": gbp(item.amount), "frequency": item.frequency.value.replace("_", "-"), "weekly": gbp(weekly), "rule": conv.rule}, inputs={"index": i, "amount": item.amount, "frequency": item.frequency}, output=weekly)
    if item.owner == "partner":
        trace.add(R_PARTNER, N_("{label} is the partner's income and is not assessed."), args={"label": itype.label}, inputs={"index": i}, output=ZERO)
        out.lines.append(_line(item, itype, weekly, ZERO, "Partner's income: not assessed", R_PARTNER.citation))
        return
    if item.owner == "joint":
        whole = weekly
        weekly = round_pence(weekly / 2)
        trace.add(R_JOINT, N_("{label} is paid jointly: half of {whole}, {weekly} a week, is the adult's."), args={"label": itype.label, "whole": gbp(whole), "weekly": gbp(weekly)}, inputs={"index": i}, output=weekly)
    treatment = itype.treatment(residential, on)
    option = res[itype.council_option] if itype.council_option and itype.council_option in res else None

    if treatment == "earnings":
        trace.add(R_EARNINGS, N_("{label} of {weekly} a week are earnings and are disregarded in full."), args={"label": itype.label, "weekly": gbp(weekly)}, inputs={"index": i}, output=ZERO)
        out.lines.append(_line(item, itype, weekly, ZERO, "Earnings: disregarded", R_EARNINGS.citation))
        return
    if treatment == "disregarded":
        trace.add(R_DISREGARDED, N_("{label} of {weekly} a week is disregarded ({cite})."), args={"label": itype.label, "weekly": gbp(weekly), "cite": itype.cite}, inputs={"index": i}, output=ZERO)
        out.lines.append(_line(item, itype, weekly, ZERO, "Disregarded", itype.cite))
        return
    if treatment == "counted_unless_council_option":
        if option is not None and option.value:
            if itype.disregard_param:
                # the council extends the statutory partial disregard (e.g. Sch 1 para 40) to this setting
                treatment = "partial_fixed"
                option = None
            else:
                trace.add(R_OPTION, N_("{label} of {weekly} a week is disregarded under the council's policy."), args={"label": itype.label, "weekly": gbp(weekly)}, inputs={"index": i}, params=[option], output=ZERO)
                out.lines.append(_line(item, itype, weekly, ZERO, "Disregarded under council policy", option.citation.text))
                return
        else:
            treatment = "counted"
    counted = weekly
    reason, cite = "Counted", itype.cite
    params: list = []
    if treatment == "partial_fixed":
        if option is not None and option.value:
            trace.add(R_OPTION, N_("{label} of {weekly} a week is disregarded in full under the council's policy."), args={"label": itype.label, "weekly": gbp(weekly)}, inputs={"index": i}, params=[option], output=ZERO)
            out.lines.append(_line(item, itype, weekly, ZERO, "Disregarded under council policy", option.citation.text))
            return
        fixed = res[itype.disregard_param_on(on)]
        if fixed.value.__class__ is not Decimal:  # a scale: single or couple
            fixed = fixed["couple" if case.partner is not None else "single"]
        params.append(fixed)
        disregard = min(weekly, fixed.value)
        if itype.disregard_rate_param:
            rate = res[itype.disregard_rate_param]
            params.append(rate)
            disregard += round_pence((weekly - disregard) * rate.value)
        counted = weekly - disregard
        trace.add(R_PARTIAL, N_("{label}: {disregard} of {weekly} a week is disregarded ({cite}); {counted} counts."), args={"label": itype.label, "disregard": gbp(disregard), "weekly": gbp(weekly), "cite": itype.cite, "counted": gbp(counted)}, inputs={"index": i}, params=params, output=counted)
        reason = f"£{disregard} disregarded"
    if item.half_paid_to_partner:
        if itype.id not in _PENSIONS or setting != "permanent_residential" or case.partner is None:
            out.flags.append(Flag.build(code="half_paid_to_partner_ignored", message=f"income[{i}]: the half-pension disregard applies only to an occupational or personal pension or annuity of a permanent care-home resident with a partner.", citation=R_PENSION_PARTNER.citation))
        else:
            rate = res["income.occupational_pension_partner_share"]
            half = round_pence(counted * rate.value)
            counted -= half
            trace.add(R_PENSION_PARTNER, N_("{label}: the adult pays half to their partner at home, so {half} a week is disregarded."), args={"label": itype.label, "half": gbp(half)}, inputs={"index": i}, params=[rate], output=counted)
            reason, cite = f"£{half} disregarded (paid to partner)", R_PENSION_PARTNER.citation
    if setting == "non_residential" and itype.id in NIGHT_RATES and item.night_care_provided is False:
        opt = res["options.disregard_night_care_difference"]
        if opt.value:
            pname, night, day = NIGHT_RATES[itype.id]
            if pname in res:
                rates = res[pname]
                diff = max(ZERO, rates[night].value - rates[day].value)
                diff = min(diff, counted)
                counted -= diff
                trace.add(R_NIGHT, N_("{label}: no night care is arranged, so the difference between the night and day rates, {diff} a week, is disregarded."), args={"label": itype.label, "diff": gbp(diff)}, inputs={"index": i}, params=[opt, rates[night], rates[day]], output=counted)
                reason, cite = f"£{diff} night-care difference disregarded", R_NIGHT.citation
            else:
                out.flags.append(Flag.build(code="night_care_rates_missing", message="The night-care difference could not be worked out: the benefit rates are not in the rule set for this date.", citation=R_NIGHT.citation, needs_officer_decision=True))
    if itype.id in DISABILITY_BENEFITS and counted > 0:
        out.disability_benefit_counted = True
        out.disability_benefit_total += counted
    if treatment == "counted":
        trace.add(R_COUNTED, N_("{label}: {counted} a week counts as income."), args={"label": itype.label, "counted": gbp(counted)}, inputs={"index": i, "weekly": weekly}, output=counted)
    out.lines.append(_line(item, itype, weekly, counted, reason, cite))


def assess_income(case: ChargingCase, on: date, res: Resolved, trace: Trace, setting: str, types) -> IncomeAssessment:
    """The adult's assessed weekly income, line by line (SI 2014/2672 Part 3 and Sch 1)."""
    out = IncomeAssessment()
    residential = setting != "non_residential"
    with trace.group(R_INCOME, N_("Income counted in the assessment: {total} a week.")) as group:
        for i, item in enumerate(case.income):
            _assess_one(i, item, types[item.type], case, residential, setting, on, res, trace, out)
        out.total = sum((line.counted for line in out.lines), ZERO)
        trace.add(R_TOTAL, N_("Income counted in all, before tariff income: {total} a week."), args={"total": gbp(out.total)}, output=out.total)
        Trace.close(group, output=out.total, args={"total": gbp(out.total)})
    return out
