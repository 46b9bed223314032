"""Capital: what counts, what is disregarded, and the tariff income it yields.

- The adult's capital is assessed; a partner's is not (Care and Support Statutory Guidance Annex B).
- Jointly held capital is divided equally between the owners unless shares are shown (SI 2014/2672
  reg 24; Annex B).
- An asset is valued at its market or surrender value, less 10% where there would be expenses of
  sale, less any debt secured on it (reg 23).
- Schedule 2 disregards capital, including the main home: always for care other than in a care home;
  for a temporary resident intending to return (para 1); for the first 12 weeks of permanent
  residence (para 2); while a qualifying relative lives there (para 4); and at the council's
  discretion (para 4(2)).
- Tariff income: £1 a week for every £250, or part of £250, above the lower limit (reg 25); above
  the upper limit the adult pays the full cost (reg 12; Care Act 2014 s 18).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from ..dates import age_on
from ..explain import N_, RuleStep, Trace, gbp
from ..money import ZERO, round_pence, steps_or_part
from ..rules import Resolved
from .catalogue import CapitalType
from .models import CapitalItem, CapitalLine, ChargingCase, Flag, Home

__all__ = ["RESIDENTIAL_SETTINGS", "CapitalAssessment", "assess_capital", "tariff_income"]

RESIDENTIAL_SETTINGS = frozenset({"permanent_residential", "temporary_residential", "respite"})
_SALEABLE = frozenset({"second_property", "land", "business_assets", "main_home"})
_L = "https://www.legislation.gov.uk/uksi/2014/2672"

R_CAPITAL = RuleStep("charging.capital", "Capital", "SI 2014/2672 regs 18-25 and Sch 2", f"{_L}/part/4", "Care and Support Statutory Guidance Annex B")
R_ITEM = RuleStep("charging.capital.item", "An item of capital", "SI 2014/2672 regs 18 and 23", f"{_L}/regulation/23", "Annex B")
R_PARTNER = RuleStep("charging.capital.partner_excluded", "A partner's capital", "Care and Support Statutory Guidance Annex B (the adult's own capital is assessed)", None, "Annex B")
R_JOINT = RuleStep("charging.capital.joint_share", "Jointly held capital", "SI 2014/2672 reg 24 (capital jointly held: equal shares)", f"{_L}/regulation/24", "Annex B")
R_SCH2 = RuleStep("charging.capital.schedule_2", "Capital disregarded under Schedule 2", "SI 2014/2672 Sch 2", f"{_L}/schedule/2")
R_TIMED = RuleStep("charging.capital.disregard_for_weeks", "A disregard for a set time", "SI 2014/2672 Sch 2", f"{_L}/schedule/2")
R_HOME_NONRES = RuleStep("charging.capital.home.non_residential", "The home, for care at home", "SI 2014/2672 Sch 2", f"{_L}/schedule/2", "Care and Support Statutory Guidance Annex B")
R_HOME_TEMP = RuleStep("charging.capital.home.temporary", "The home, for a temporary resident", "SI 2014/2672 Sch 2 para 1", f"{_L}/schedule/2/paragraph/1", "Annex F")
R_HOME_12 = RuleStep("charging.capital.home.twelve_weeks", "The 12-week property disregard", "SI 2014/2672 Sch 2 para 2", f"{_L}/schedule/2/paragraph/2", "Annex B")
R_HOME_QR = RuleStep("charging.capital.home.qualifying_relative", "The home, occupied by a qualifying relative", "SI 2014/2672 Sch 2 para 4", f"{_L}/schedule/2/paragraph/4", "Annex B")
R_HOME_DISC = RuleStep("charging.capital.home.discretionary", "The home, disregarded at the council's discretion", "SI 2014/2672 Sch 2 para 4(2)", f"{_L}/schedule/2/paragraph/4", "Annex B")
R_HOME_COUNTED = RuleStep("charging.capital.home.counted", "The home, counted", "SI 2014/2672 regs 18 and 23", f"{_L}/regulation/23", "Annex B")
R_NOTIONAL = RuleStep("charging.capital.notional", "Notional capital", "SI 2014/2672 reg 22 (notional capital)", f"{_L}/regulation/22", "Care and Support Statutory Guidance Annex E")
R_DISCRETIONARY = RuleStep("charging.capital.discretionary_disregard", "A discretionary capital disregard", "Care and Support Statutory Guidance Annex B (council discretion)")
R_TOTAL = RuleStep("charging.capital.total", "Assessed capital", "SI 2014/2672 reg 18", f"{_L}/regulation/18")
R_LIMITS = RuleStep("charging.capital.limits", "Capital limits", "SI 2014/2672 reg 12; Care Act 2014 s 17(8) and s 18", f"{_L}/regulation/12", "Care and Support Statutory Guidance chapter 8")
R_TARIFF = RuleStep("charging.capital.tariff_income", "Tariff income", "SI 2014/2672 reg 25", f"{_L}/regulation/25", "Annex B")


@dataclass
class CapitalAssessment:
    lines: list[CapitalLine] = field(default_factory=list)
    total: Decimal = ZERO
    tariff: Decimal = ZERO
    upper_limit: Decimal = ZERO
    lower_limit: Decimal = ZERO
    above_upper_limit: bool = False
    home_counted: Decimal = ZERO
    flags: list[Flag] = field(default_factory=list)


def _share(owner: str, share: Decimal | None, joint_owners: int | None) -> Decimal:
    if owner in ("person",):
        return Decimal(1)
    if share is not None:
        return share
    if owner == "joint_with_partner":
        return Decimal(1) / 2
    return Decimal(1) / Decimal(joint_owners or 2)


def _value_of_share(value: Decimal, share: Decimal, debt: Decimal, saleable: bool, res: Resolved, params: list) -> Decimal:
    """Reg 23: market value of the adult's share, less 10% for sale expenses, less the share of secured debt."""
    gross = value * share
    if saleable:
        rate = res["capital.sale_expenses_rate"]
        params.append(rate)
        gross -= gross * rate.value
    gross -= debt * share
    return max(ZERO, round_pence(gross))


@dataclass(frozen=True, slots=True)
class _HomeDisregard:
    rule: RuleStep
    template: str
    args: dict
    params: tuple = ()


def _home_disregard(case: ChargingCase, home: Home, on: date, res: Resolved, setting: str, flags: list[Flag]) -> _HomeDisregard | None:
    """Which Schedule 2 disregard, if any, applies to the main home on ``on``."""
    if setting == "non_residential":
        return _HomeDisregard(R_HOME_NONRES, N_("The home is disregarded: the adult receives care other than in a care home."), {})
    if setting in ("temporary_residential", "respite"):
        if home.intends_to_return or home.being_sold_to_buy_another:
            return _HomeDisregard(R_HOME_TEMP, N_("The home is disregarded: the adult is a temporary resident who intends to return to it or is selling it to buy another."), {})
        return None
    # a permanent resident: a qualifying relative first (it can last indefinitely), then the 12 weeks
    min_age, child_age = res["qualifying_relative.min_age"], res["qualifying_relative.child_under_age"]
    qr_template = N_("The home is disregarded: it is occupied by a qualifying relative ({why}).")
    if case.partner is not None and case.partner.lives_in_the_home and not case.partner.in_care_home:
        return _HomeDisregard(R_HOME_QR, qr_template, {"why": "partner"}, (min_age, child_age))
    for occ in home.occupants:
        age = age_on(occ.date_of_birth, on) if occ.date_of_birth else None
        why = None
        if occ.relationship in ("partner", "former_partner_lone_parent"):
            why = "partner"
        elif occ.relationship in ("family_member", "relative") and (occ.incapacitated or (age is not None and age >= min_age.value)):
            why = "relative aged 60 or over or incapacitated"
        elif occ.relationship == "child_of_adult" and age is not None and age < child_age.value:
            why = "child under 18"
        if why:
            if not occ.lived_there_since_before_admission:
                flags.append(Flag.build(code="qualifying_relative_moved_in_later", message="A qualifying relative moved into the home after the adult went into care: the para 4 disregard may not apply; the council may still disregard it at its discretion.", citation=R_HOME_QR.citation, needs_officer_decision=True))
                continue
            return _HomeDisregard(R_HOME_QR, qr_template, {"why": why}, (min_age, child_age))
        if occ.relationship in ("family_member", "relative") and age is None and not occ.incapacitated:
            flags.append(Flag.build(code="qualifying_relative_age_unknown", message="A relative lives in the home but their date of birth is not given: they may be a qualifying relative (aged 60 or over).", citation=R_HOME_QR.citation, needs_officer_decision=True))
    weeks = res["property.disregard_weeks"]
    start = case.care.start_date
    assert start is not None  # validated on the case
    remaining = weeks.value - case.care.property_disregard_weeks_used
    if remaining > 0:
        last_day = start + timedelta(weeks=remaining) - timedelta(days=1)
        if start <= on <= last_day:
            return _HomeDisregard(R_HOME_12, N_("The home is disregarded for the first 12 weeks of permanent residence: from {start} to {last_day}."), {"start": start, "last_day": last_day}, (weeks,))
    for d in case.discretionary_disregards:
        if d.applies_to == "home":
            flags.append(Flag.build(code="discretionary_home_disregard", message=f"The council has disregarded the home at its discretion: {d.reason}", citation=R_HOME_DISC.citation, needs_officer_decision=True))
            return _HomeDisregard(R_HOME_DISC, N_("The home is disregarded at the council's discretion: {reason}."), {"reason": d.reason})
    return None


def _assess_home(case: ChargingCase, on: date, res: Resolved, trace: Trace, setting: str, out: CapitalAssessment) -> None:
    home = case.home
    if home is None:
        return
    share = _share(home.owner, home.share, home.joint_owners)
    decision = _home_disregard(case, home, on, res, setting, out.flags)
    if decision is not None:
        rule = decision.rule
        trace.add(rule, decision.template, args=decision.args, inputs={"home_value": home.value, "share": share}, params=decision.params, output=ZERO)
        out.lines.append(CapitalLine.build(type="main_home", label="Main or only home", value=home.value, share=share, counted=ZERO, disregarded=round_pence(home.value * share), reason=rule.title, citation=rule.citation))
        return
    params: list = []
    counted = _value_of_share(home.value, share, home.mortgage_outstanding, True, res, params)
    if home.owner != "person":
        out.flags.append(Flag.build(code="joint_property_valuation", message="The home is jointly owned: the value of a beneficial share is what a willing buyer would pay for it, which may be much less than a proportion of the whole (Annex B). An officer should confirm the valuation.", citation="Care and Support Statutory Guidance Annex B", needs_officer_decision=True))
    trace.add(R_HOME_COUNTED, N_("The home counts as capital: the adult's share of {value}, less 10% for the expenses of sale and the share of the mortgage, is {counted}."), args={"value": gbp(home.value), "counted": gbp(counted)}, inputs={"value": home.value, "share": share, "mortgage": home.mortgage_outstanding}, params=params, output=counted)
    out.home_counted = counted
    out.lines.append(CapitalLine.build(type="main_home", label="Main or only home", value=home.value, share=share, counted=counted, disregarded=ZERO, reason="Counted (no disregard applies)", citation=R_HOME_COUNTED.citation))


def _assess_item(i: int, item: CapitalItem, ctype: CapitalType, on: date, res: Resolved, trace: Trace, out: CapitalAssessment) -> None:
    if item.owner == "partner":
        trace.add(R_PARTNER, N_("{label} belongs to the partner and is not the adult's capital."), args={"label": ctype.label}, inputs={"index": i, "value": item.value}, output=ZERO)
        out.lines.append(CapitalLine.build(type=item.type, label=ctype.label, value=item.value, share=Decimal(0), counted=ZERO, disregarded=ZERO, reason="Partner's capital: not assessed", citation=R_PARTNER.citation))
        return
    share = _share(item.owner, item.share, item.joint_owners)
    params: list = []
    value = _value_of_share(item.value, share, item.debt_secured, item.type in _SALEABLE, res, params)
    if item.owner != "person":
        trace.add(R_JOINT, N_("{label} is held jointly: the adult's share is {share} of {value}."), args={"label": ctype.label, "share": share.quantize(Decimal("0.0001")).normalize(), "value": gbp(item.value)}, inputs={"index": i, "share": share}, output=value)
    treatment = ctype.treatment
    if treatment == "disregarded_for_weeks":
        weeks_param = res[ctype.weeks_param] if ctype.weeks_param else None
        until = item.received_on + timedelta(weeks=weeks_param.value) - timedelta(days=1) if (weeks_param and item.received_on) else None
        if until is not None and on <= until:
            trace.add(R_TIMED, N_("{label} is disregarded for {weeks} weeks from {received}, until {until}."), args={"label": ctype.label, "weeks": weeks_param.value, "received": item.received_on, "until": until}, inputs={"index": i}, params=[weeks_param], output=ZERO)
            out.lines.append(CapitalLine.build(type=item.type, label=ctype.label, value=item.value, share=share, counted=ZERO, disregarded=value, reason=f"Disregarded until {until.isoformat()}", citation=ctype.cite))
            return
        treatment = "counted"
    if treatment == "conditional":
        out.flags.append(Flag.build(code=f"conditional_disregard_{item.type}", message=f"{ctype.label}: disregarded on the condition that {str(ctype.condition).replace('_', ' ')}; an officer should confirm it holds.", citation=ctype.cite, needs_officer_decision=True))
        treatment = "disregarded"
    if treatment == "disregarded":
        trace.add(R_SCH2, N_("{label} is disregarded ({cite})."), args={"label": ctype.label, "cite": ctype.cite}, inputs={"index": i, "value": value}, output=ZERO)
        out.lines.append(CapitalLine.build(type=item.type, label=ctype.label, value=item.value, share=share, counted=ZERO, disregarded=value, reason="Disregarded", citation=ctype.cite))
        return
    trace.add(R_ITEM, N_("{label} counts as capital: {counted}."), args={"label": ctype.label, "counted": gbp(value)}, inputs={"index": i, "value": item.value, "share": share, "debt_secured": item.debt_secured}, params=params, output=value)
    out.lines.append(CapitalLine.build(type=item.type, label=ctype.label, value=item.value, share=share, counted=value, disregarded=ZERO, reason="Counted", citation=ctype.cite))


def tariff_income(capital: Decimal, lower: Decimal, upper: Decimal, band: Decimal, per_band: Decimal) -> Decimal:
    """SI 2014/2672 reg 25: £1 a week for every £250, or part of £250, above the lower limit and up to the upper limit."""
    if capital <= lower:
        return ZERO
    return (per_band * steps_or_part(min(capital, upper) - lower, band)).quantize(Decimal("0.01"))


def assess_capital(case: ChargingCase, on: date, res: Resolved, trace: Trace, setting: str, types) -> CapitalAssessment:
    """Assessed capital and tariff income for ``case`` on ``on`` (SI 2014/2672 Part 4 and Sch 2)."""
    out = CapitalAssessment()
    with trace.group(R_CAPITAL, N_("Capital counted in the assessment: {total}.")) as group:
        _assess_home(case, on, res, trace, setting, out)
        for i, item in enumerate(case.capital):
            _assess_item(i, item, types[item.type], on, res, trace, out)
        for n in case.notional_capital:
            trace.add(R_NOTIONAL, N_("Notional capital of {amount} is treated as the adult's: {reason}."), args={"amount": gbp(n.amount), "reason": n.reason}, inputs={"amount": n.amount}, output=n.amount)
            out.lines.append(CapitalLine.build(type="notional_capital", label="Notional capital", value=n.amount, share=Decimal(1), counted=n.amount, disregarded=ZERO, reason=n.reason, citation=R_NOTIONAL.citation))
            out.flags.append(Flag.build(code="notional_capital", message=f"Notional capital of £{n.amount} has been included ({n.reason}). Deciding that an adult has deprived themselves of capital is an officer's decision (Annex E).", citation=R_NOTIONAL.citation, needs_officer_decision=True))
        total = sum((line.counted for line in out.lines), ZERO)
        for d in case.discretionary_disregards:
            if d.applies_to == "capital" and d.amount:
                cut = min(d.amount, total)
                total -= cut
                trace.add(R_DISCRETIONARY, N_("The council disregards {amount} of capital at its discretion: {reason}."), args={"amount": gbp(cut), "reason": d.reason}, inputs={"amount": d.amount}, output=cut)
                out.flags.append(Flag.build(code="discretionary_capital_disregard", message=f"A discretionary capital disregard of £{cut} was applied: {d.reason}", citation=R_DISCRETIONARY.citation, needs_officer_decision=True))
        out.total = total
        trace.add(R_TOTAL, N_("Capital counted in all: {total}."), args={"total": gbp(total)}, output=total)

        if setting == "non_residential" and res["options.non_residential_capital_limits"].value:
            up, lo = res["options.non_residential_upper_limit"], res["options.non_residential_lower_limit"]
            limit_params = [res["options.non_residential_capital_limits"], up, lo]
        else:
            up, lo = res["capital.upper_limit"], res["capital.lower_limit"]
            limit_params = [up, lo]
        out.upper_limit, out.lower_limit = up.value, lo.value
        # Care Act 2014 s 17(8)/18: the duty to meet needs applies where resources are "at or below" the limit
        out.above_upper_limit = total > up.value
        if out.above_upper_limit:
            trace.add(R_LIMITS, N_("Capital of {total} is above the upper capital limit of {upper}: the adult can be charged the full cost of care."), args={"total": gbp(total), "upper": gbp(up.value)}, params=limit_params, output=True)
        else:
            trace.add(R_LIMITS, N_("Capital of {total} is at or below the upper capital limit of {upper}."), args={"total": gbp(total), "upper": gbp(up.value)}, params=limit_params, output=False)
            band, per = res["capital.tariff_band"], res["capital.tariff_per_band"]
            out.tariff = tariff_income(total, lo.value, up.value, band.value, per.value)
            if total <= lo.value:
                trace.add(R_TARIFF, N_("Capital is at or below the lower capital limit of {lower}: no tariff income."), args={"lower": gbp(lo.value)}, params=[lo], output=ZERO)
            else:
                trace.add(R_TARIFF, N_("Tariff income: {per} a week for every {band} or part of {band} above {lower}, on {excess}: {tariff} a week."), args={"per": gbp(per.value), "band": gbp(band.value), "lower": gbp(lo.value), "excess": gbp(total - lo.value), "tariff": gbp(out.tariff)}, inputs={"capital": total}, params=[lo, band, per], output=out.tariff)
        Trace.close(group, output=total, args={"total": gbp(total)})
    return out
