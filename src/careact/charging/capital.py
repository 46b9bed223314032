"""Capital: what counts, what is disregarded, and the tariff income it yields.

- The adult's capital is assessed; a partner's is not (Care and Support Statutory Guidance Annex B).
- Jointly held capital is divided equally between the owners unless shares are shown (SI 2014/2672
  reg 24; Annex B).
- An asset is valued at its market or surrender value, less 10% where there would be expenses of
  sale, less any debt secured on it (reg 20).
- Schedule 2 disregards capital, including the main home: always for care other than in a care home;
  for a temporary resident intending to return (para 1); for the first 12 weeks of permanent
  residence (para 2); while a qualifying relative lives there (para 4); and at the council's
  discretion.
- Tariff income: £1 a week for every £250, or part of £250, above the lower limit (reg 25); above
  the upper limit the adult pays the full cost (reg 12; Care Act 2014 s 18).

Each rule is written once, in whole pence, against the array namespace of :mod:`careact.arrays`
(see :mod:`careact.charging.context`); the ``assess_*`` functions apply them to one case.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction
from typing import Any

from ..arrays import pounds
from ..explain import N_, Pence, RuleStep, gbp
from ..rules.declare import Rate
from ..rules.params.charging import capital, options, property_
from .catalogue import CapitalType
from .context import Ctx
from .models import CapitalItem, CapitalLine, ChargingCase
from .property_disregards import (
    HOME_COUNTED,
    HOME_DISCRETIONARY,
    HOME_NON_RESIDENTIAL,
    HOME_QUALIFYING_RELATIVE,
    HOME_READMISSION,
    HOME_RELATIVE_CEASED,
    HOME_TEMPORARY,
    HOME_TWELVE_WEEKS,
    R_HOME_READMISSION,
    R_HOME_RELATIVE_CEASED,
    RELATIONSHIP_CODES,
    home_disregard_on,
    home_facts,
    occupant_qualifies,
)
from .settings import NON_RESIDENTIAL, TEMPORARY_SETTINGS

__all__ = [
    "HOME_COUNTED",
    "HOME_DISCRETIONARY",
    "HOME_NON_RESIDENTIAL",
    "HOME_QUALIFYING_RELATIVE",
    "HOME_READMISSION",
    "HOME_RELATIVE_CEASED",
    "HOME_TEMPORARY",
    "HOME_TWELVE_WEEKS",
    "RELATIONSHIP_CODES",
    "CapitalAssessment",
    "assess_capital",
    "capital_limits",
    "home_disregard",
    "occupant_qualifies",
    "share_fraction",
    "tariff_income",
    "value_of_share",
]

_SALEABLE = frozenset({"second_property", "land", "business_assets", "main_home"})
_L = "https://www.legislation.gov.uk/uksi/2014/2672"

R_CAPITAL = RuleStep("charging.capital", "Capital", "SI 2014/2672 Part 5 (regs 18-25) and Sch 2", f"{_L}/part/5", "Care and Support Statutory Guidance Annex B")
R_ITEM = RuleStep("charging.capital.item", "An item of capital", "SI 2014/2672 regs 18 and 20", f"{_L}/regulation/20", "Annex B")
R_PARTNER = RuleStep("charging.capital.partner_excluded", "A partner's capital", "Care and Support Statutory Guidance Annex B (the adult's own capital is assessed)", None, "Annex B")
R_JOINT = RuleStep("charging.capital.joint_share", "Jointly held capital", "SI 2014/2672 reg 24 (capital jointly held: equal shares)", f"{_L}/regulation/24", "Annex B")
R_SCH2 = RuleStep("charging.capital.schedule_2", "Capital disregarded under Schedule 2", "SI 2014/2672 Sch 2", f"{_L}/schedule/2")
R_TIMED = RuleStep("charging.capital.disregard_for_weeks", "A disregard for a set time", "SI 2014/2672 Sch 2", f"{_L}/schedule/2")
R_TIMED_EXTENDED = RuleStep("charging.capital.disregard_extended", "A disregard for a set time, extended by an officer", "SI 2014/2672 Sch 2 (such longer period as is reasonable)", f"{_L}/schedule/2")
R_HOME_NONRES = RuleStep("charging.capital.home.non_residential", "The home, for care at home", "SI 2014/2672 Sch 2", f"{_L}/schedule/2", "Care and Support Statutory Guidance Annex B")
R_HOME_TEMP = RuleStep("charging.capital.home.temporary", "The home, for a temporary resident", "SI 2014/2672 Sch 2 para 1", f"{_L}/schedule/2/paragraph/1", "Annex F")
R_HOME_12 = RuleStep("charging.capital.home.twelve_weeks", "The 12-week property disregard", "SI 2014/2672 Sch 2 para 2", f"{_L}/schedule/2/paragraph/2", "Annex B")
R_HOME_QR = RuleStep("charging.capital.home.qualifying_relative", "The home, occupied by a qualifying relative", "SI 2014/2672 Sch 2 para 4", f"{_L}/schedule/2/paragraph/4", "Annex B")
R_HOME_DISC = RuleStep("charging.capital.home.discretionary", "The home, disregarded at the council's discretion", "SI 2014/2672 Sch 2 para 4 (discretionary limb; English text not read, Welsh twin WSI 2015/1844 Sch 2 para 4(2) and (4)); Care Act 2014 s 14", None, "Annex B")
R_HOME_COUNTED = RuleStep("charging.capital.home.counted", "The home, counted", "SI 2014/2672 regs 18 and 20", f"{_L}/regulation/20", "Annex B")
R_NOTIONAL = RuleStep("charging.capital.notional", "Notional capital", "SI 2014/2672 reg 22 (notional capital)", f"{_L}/regulation/22", "Care and Support Statutory Guidance Annex E")
R_DISCRETIONARY = RuleStep("charging.capital.discretionary_disregard", "A discretionary capital disregard", "Care and Support Statutory Guidance Annex B (council discretion)")
R_TOTAL = RuleStep("charging.capital.total", "Assessed capital", "SI 2014/2672 reg 18", f"{_L}/regulation/18")
R_LIMITS = RuleStep("charging.capital.limits", "Capital limits", "SI 2014/2672 reg 12; Care Act 2014 s 17(8) and s 18", f"{_L}/regulation/12", "Care and Support Statutory Guidance chapter 8")
R_TARIFF = RuleStep("charging.capital.tariff_income", "Tariff income", "SI 2014/2672 reg 25", f"{_L}/regulation/25", "Annex B")

# capital item treatments (codes, as in a population's columns)
COUNTED, DISREGARDED, FOR_WEEKS, CONDITIONAL = 0, 1, 2, 3
TREATMENT_CODES = {"counted": COUNTED, "disregarded": DISREGARDED, "disregarded_for_weeks": FOR_WEEKS, "conditional": CONDITIONAL}

# why the home is disregarded (or not), the relationship codes and the home rules themselves live in
# :mod:`careact.charging.property_disregards`; they are re-exported here for existing callers.


@dataclass
class CapitalAssessment:
    """The capital rules' results for one case, in pence, with the lines of the result."""

    lines: list[CapitalLine] = field(default_factory=list)
    total: int = 0
    tariff: int = 0
    upper_limit: int = 0
    lower_limit: int = 0
    above_upper_limit: bool = False
    home_counted: int = 0
    home_reason: int = HOME_COUNTED  # the Schedule 2 disregard that applied to the home (property_disregards codes)


# --------------------------------------------------------------------------- rules (one definition)


def share_fraction(owner: str, share: Decimal | None, joint_owners: int | None) -> tuple[int, int]:
    """The adult's share as an exact fraction: reg 24 divides jointly held capital equally unless shares are shown."""
    if owner == "person":
        return 1, 1
    if share is not None:
        f = Fraction(share)
        if f.denominator > 10**6:  # a share written as a fraction ("1/3"), held as a long decimal
            f = f.limit_denominator(10**6)
        return f.numerator, f.denominator
    if owner == "joint_with_partner":
        return 1, 2
    return 1, joint_owners or 2


def value_of_share(c: Ctx, value: Any, share_num: Any, share_den: Any, debt: Any, saleable: Any) -> Any:
    """SI 2014/2672 reg 20: the adult's share of the market or surrender value, less 10% where there
    would be expenses of sale, less the share of any debt secured on it; never below nil.

    Worked exactly as one fraction, rounded once to the penny.
    """
    xp = c.xp
    rate: Rate = c.read_when(saleable, capital.sale_expenses_rate)
    keep = rate.den - xp.where(saleable, rate.num, 0)
    num = share_num * (value * keep - debt * rate.den)
    return xp.maximum(0, xp.round_div(num, share_den * rate.den))


def capital_item_counted(c: Ctx, treatment: Any, value: Any, partner_owned: Any, received_day: Any, weeks: Any,
                         extended_day: Any = 0) -> tuple[Any, Any]:
    """Sch 2 by type: (counted, disregarded_until_day). A partner's capital is not the adult's; a
    disregard for a set time runs from receipt for ``weeks`` weeks (the last day inclusive), or to the
    day an officer extended it to ('such longer period as is reasonable'); a conditional disregard
    applies on the condition an officer confirms."""
    xp = c.xp
    until = xp.maximum(received_day + weeks * 7 - 1, extended_day)
    timed = xp.all(treatment == FOR_WEEKS, received_day > 0, c.on_day <= until)
    disregarded = xp.any(partner_owned, treatment == DISREGARDED, treatment == CONDITIONAL, timed)
    return xp.where(disregarded, 0, value), until


def home_disregard(c: Ctx, setting: Any, temporary_keeps_home: Any, relative_in_home: Any, start_day: Any,
                   weeks_used: Any, discretionary: Any) -> tuple[Any, Any]:
    """Which Schedule 2 disregard, if any, applies to the main home: (reason code, last day of the 12 weeks).

    The rule with no relative's run-off and the weeks used counted in whole weeks; see
    :func:`careact.charging.property_disregards.home_disregard_on` for the full rule.
    """
    return home_disregard_on(c, setting, temporary_keeps_home, relative_in_home, 0, start_day, weeks_used * 7, discretionary)


def capital_limits(c: Ctx, setting: Any) -> tuple[Any, Any]:
    """The upper and lower capital limits: SI 2014/2672 regs 12 and 25, or the council's own (higher)
    limits for care other than in a care home where its policy sets them."""
    xp = c.xp
    if c.r(options.non_residential_capital_limits):
        nonres = setting == NON_RESIDENTIAL
        upper = xp.where(nonres, c.read_when(nonres, options.non_residential_upper_limit), c.read_when(xp.not_(nonres), capital.upper_limit))
        lower = xp.where(nonres, c.read_when(nonres, options.non_residential_lower_limit), c.read_when(xp.not_(nonres), capital.lower_limit))
        return upper, lower
    return c.r(capital.upper_limit), c.r(capital.lower_limit)


def tariff_income(c: Ctx, total: Any, setting: Any) -> Any:
    """SI 2014/2672 reg 25: £1 a week for every £250, or part of £250, of capital above the lower limit
    and up to the upper limit."""
    xp = c.xp
    upper, lower = capital_limits(c, setting)
    band, per = c.r(capital.tariff_band), c.r(capital.tariff_per_band)
    bands = xp.ceil_div(xp.maximum(xp.minimum(total, upper) - lower, 0), band)
    return xp.where(total > lower, bands * per, 0)


# --------------------------------------------------------------------------- one case


def _line(item_type: str, label: str, value: Decimal, share: tuple[int, int], counted: int, disregarded: int, reason: str, citation: str) -> CapitalLine:
    return CapitalLine.build(type=item_type, label=label, value=value, share=Decimal(share[0]) / Decimal(share[1]),
                             counted=pounds(counted), disregarded=pounds(disregarded), reason=reason, citation=citation)


def _assess_home(c: Ctx, case: ChargingCase, setting: int, out: CapitalAssessment) -> None:
    home = case.home
    if home is None:
        return
    share = share_fraction(home.owner, home.share, home.joint_owners)
    value = int(home.value * 100)
    keeps = (home.intends_to_return and home.still_available) or home.being_sold_to_buy_another
    if setting in TEMPORARY_SETTINGS and home.intends_to_return and not home.still_available and not home.being_sold_to_buy_another:
        c.flag("home_no_longer_available", "The adult intends to return home but the home is no longer available to them: the temporary-resident disregard does not apply (SI 2014/2672 Sch 2 para 1(1)(b)).", R_HOME_TEMP.citation, officer=True)
    facts = home_facts(c, case, home, setting)
    discretionary = facts.discretionary
    reason, last_day = home_disregard_on(c, setting, keeps, facts.relative_in_home, facts.ceased_day, facts.start_day,
                                         facts.days_used, discretionary is not None)
    out.home_reason = reason
    if reason != HOME_COUNTED:
        rule, template, args = _HOME_TEXT[reason]
        if reason == HOME_QUALIFYING_RELATIVE:
            args = {"why": facts.why}
        elif reason in (HOME_TWELVE_WEEKS, HOME_READMISSION):
            first = date.fromordinal(facts.start_day)
            args = {"start": first, "last_day": date.fromordinal(last_day), "used": facts.days_used,
                    "left": last_day - facts.start_day + 1, "ended": facts.readmission_end}
        elif reason == HOME_RELATIVE_CEASED:
            occ = facts.ceased
            assert occ is not None and occ.occupation_ended_on is not None
            weeks = c.r(property_.disregard_weeks)
            after = occ.occupation_ended_on + timedelta(days=1)
            args = {"relative": _RELATIVE_WORDS[occ.relationship], "ended": occ.occupation_ended_on,
                    "why": "died" if occ.occupation_ended_because == "died" else "moved into a care home",
                    "first": after, "last": after + timedelta(weeks=weeks, days=-1)}
        elif reason == HOME_DISCRETIONARY:
            assert discretionary is not None
            args = {"reason": discretionary.reason}
            c.flag("discretionary_home_disregard", f"The council has disregarded the home at its discretion: {discretionary.reason}", R_HOME_DISC.citation, officer=True)
        if c.explain:
            c.t.add(rule, template, args=args, inputs={"home_value": home.value, "share": _share_decimal(share)}, output=Pence(0))
        disregarded = c.xp.round_div(value * share[0], share[1])
        out.lines.append(_line("main_home", "Main or only home", home.value, share, 0, disregarded, rule.title, rule.citation))
        return
    counted = value_of_share(c, value, share[0], share[1], int(home.mortgage_outstanding * 100), True)
    if home.owner != "person":
        c.flag("joint_property_valuation", "The home is jointly owned: the value of a beneficial share is what a willing buyer would pay for it, which may be much less than a proportion of the whole (Annex B). An officer should confirm the valuation.", "Care and Support Statutory Guidance Annex B", officer=True)
    if c.explain:
        c.t.add(R_HOME_COUNTED, N_("The home counts as capital: the adult's share of {value}, less 10% for the expenses of sale and the share of the mortgage, is {counted}."), args={"value": gbp(home.value), "counted": Pence(counted)}, inputs={"value": home.value, "share": _share_decimal(share), "mortgage": home.mortgage_outstanding}, output=Pence(counted))
    out.home_counted = counted
    out.lines.append(_line("main_home", "Main or only home", home.value, share, counted, 0, "Counted (no disregard applies)", R_HOME_COUNTED.citation))


_HOME_TEXT: dict[int, tuple[RuleStep, str, dict[str, Any]]] = {
    HOME_NON_RESIDENTIAL: (R_HOME_NONRES, N_("The home is disregarded: the adult receives care other than in a care home."), {}),
    HOME_TEMPORARY: (R_HOME_TEMP, N_("The home is disregarded: the adult is a temporary resident who intends to return to it or is selling it to buy another."), {}),
    HOME_QUALIFYING_RELATIVE: (R_HOME_QR, N_("The home is disregarded: it is occupied by a qualifying relative ({why})."), {}),
    HOME_TWELVE_WEEKS: (R_HOME_12, N_("The home is disregarded for the first 12 weeks of permanent residence: from {start} to {last_day}."), {}),
    HOME_DISCRETIONARY: (R_HOME_DISC, N_("The home is disregarded at the council's discretion: {reason}."), {}),
    HOME_RELATIVE_CEASED: (R_HOME_RELATIVE_CEASED, N_("The adult's {relative}, who lived in the home, {why} on {ended}. The home is disregarded for a further 12 weeks, from {first} to {last}."), {}),
    HOME_READMISSION: (R_HOME_READMISSION, N_("The adult became a permanent resident again on {start}, within 52 weeks of the end of an earlier period ({ended}) in which {used} days of the 12-week disregard were used: the home is disregarded for the {left} days left, to {last_day}."), {}),
}


_RELATIVE_WORDS = {"partner": "partner", "former_partner_lone_parent": "former partner", "family_member": "family member",
                   "relative": "relative", "child_of_adult": "child", "other": "relative"}


def _share_decimal(share: tuple[int, int]) -> Decimal:
    return Decimal(share[0]) / Decimal(share[1])


def _assess_item(c: Ctx, i: int, item: CapitalItem, ctype: CapitalType, out: CapitalAssessment) -> None:
    value_in = item.value
    if item.owner == "partner":
        if c.explain:
            c.t.add(R_PARTNER, N_("{label} belongs to the partner and is not the adult's capital."), args={"label": ctype.label}, inputs={"index": i, "value": value_in}, output=Pence(0))
        out.lines.append(CapitalLine.build(type=item.type, label=ctype.label, value=value_in, share=Decimal(0), counted=Decimal("0.00"), disregarded=Decimal("0.00"), reason="Partner's capital: not assessed", citation=R_PARTNER.citation))
        return
    share = share_fraction(item.owner, item.share, item.joint_owners)
    value = value_of_share(c, int(value_in * 100), share[0], share[1], int(item.debt_secured * 100), item.type in _SALEABLE)
    if item.owner != "person" and c.explain:
        c.t.add(R_JOINT, N_("{label} is held jointly: the adult's share is {share} of {value}."), args={"label": ctype.label, "share": _share_decimal(share).quantize(Decimal("0.0001")).normalize(), "value": gbp(value_in)}, inputs={"index": i, "share": _share_decimal(share)}, output=Pence(value))
    treatment = TREATMENT_CODES[ctype.treatment]
    timed = treatment == FOR_WEEKS and item.received_on is not None and ctype.weeks_decl is not None
    weeks = c.r(ctype.weeks_decl) if timed and ctype.weeks_decl is not None else 0
    received_day = item.received_on.toordinal() if item.received_on is not None else 0
    extended_day = item.disregard_extended_to.toordinal() if timed and item.disregard_extended_to is not None else 0
    counted, until_day = capital_item_counted(c, treatment, value, False, received_day, weeks, extended_day)
    if item.disregard_extended_to is not None and not timed:
        c.flag("disregard_extension_ignored", f"capital[{i}].disregard_extended_to: {ctype.label} has no disregard for a set time to extend.", ctype.cite, officer=True)
    if timed and counted == 0 and item.received_on is not None:
        until = item.received_on + timedelta(days=until_day - received_day)
        if extended_day and until_day == extended_day and c.explain:
            c.t.add(R_TIMED_EXTENDED, N_("{label} is disregarded for {weeks} weeks from {received}, extended by the council to {until} (a longer period that is reasonable)."), args={"label": ctype.label, "weeks": weeks, "received": item.received_on, "until": until}, inputs={"index": i}, output=Pence(0))
        elif c.explain:
            c.t.add(R_TIMED, N_("{label} is disregarded for {weeks} weeks from {received}, until {until}."), args={"label": ctype.label, "weeks": weeks, "received": item.received_on, "until": until}, inputs={"index": i}, output=Pence(0))
        out.lines.append(_line(item.type, ctype.label, value_in, share, 0, value, f"Disregarded until {until.isoformat()}", ctype.cite))
        return
    if treatment == CONDITIONAL:
        c.flag(f"conditional_disregard_{item.type}", f"{ctype.label}: disregarded on the condition that {str(ctype.condition).replace('_', ' ')}; an officer should confirm it holds.", ctype.cite, officer=True)
    if treatment in (DISREGARDED, CONDITIONAL):
        if c.explain:
            c.t.add(R_SCH2, N_("{label} is disregarded ({cite})."), args={"label": ctype.label, "cite": ctype.cite}, inputs={"index": i, "value": Pence(value)}, output=Pence(0))
        out.lines.append(_line(item.type, ctype.label, value_in, share, 0, value, "Disregarded", ctype.cite))
        return
    if c.explain:
        c.t.add(R_ITEM, N_("{label} counts as capital: {counted}."), args={"label": ctype.label, "counted": Pence(value)}, inputs={"index": i, "value": value_in, "share": _share_decimal(share), "debt_secured": item.debt_secured}, output=Pence(value))
    out.lines.append(_line(item.type, ctype.label, value_in, share, value, 0, "Counted", ctype.cite))


def assess_capital(c: Ctx, case: ChargingCase, setting: int, types: Any) -> CapitalAssessment:
    """Assessed capital and tariff income for one case (SI 2014/2672 Part 5 and Sch 2)."""
    out = CapitalAssessment()
    with c.t.group(R_CAPITAL, N_("Capital counted in the assessment: {total}.")) as group:
        _assess_home(c, case, setting, out)
        for i, item in enumerate(case.capital):
            _assess_item(c, i, item, types[item.type], out)
        for n in case.notional_capital:
            if n.applies_from is not None and n.applies_from > c.on:
                if c.explain:
                    c.t.add(R_NOTIONAL, N_("Notional capital of {amount} is taken into account from {start}, not yet."), args={"amount": gbp(n.amount), "start": n.applies_from}, inputs={"amount": n.amount}, output=Decimal("0.00"))
                continue
            if c.explain:
                c.t.add(R_NOTIONAL, N_("Notional capital of {amount} is treated as the adult's: {reason}."), args={"amount": gbp(n.amount), "reason": n.reason}, inputs={"amount": n.amount}, output=n.amount)
            out.lines.append(CapitalLine.build(type="notional_capital", label="Notional capital", value=n.amount, share=Decimal(1), counted=n.amount, disregarded=Decimal("0.00"), reason=n.reason, citation=R_NOTIONAL.citation))
            c.flag("notional_capital", f"Notional capital of £{n.amount} has been included ({n.reason}). Deciding that an adult has deprived themselves of capital is an officer's decision (Annex E).", R_NOTIONAL.citation, officer=True)
        total = sum(int(line.counted * 100) for line in out.lines)
        for d in case.discretionary_disregards:
            if d.applies_to == "capital" and d.amount:
                cut = min(int(d.amount * 100), total)
                total -= cut
                if c.explain:
                    c.t.add(R_DISCRETIONARY, N_("The council disregards {amount} of capital at its discretion: {reason}."), args={"amount": Pence(cut), "reason": d.reason}, inputs={"amount": d.amount}, output=Pence(cut))
                c.flag("discretionary_capital_disregard", f"A discretionary capital disregard of £{pounds(cut)} was applied: {d.reason}", R_DISCRETIONARY.citation, officer=True)
        out.total = total
        if c.explain:
            c.t.add(R_TOTAL, N_("Capital counted in all: {total}."), args={"total": Pence(total)}, output=Pence(total))

        upper, lower = capital_limits(c, setting)
        out.upper_limit, out.lower_limit = upper, lower
        # Care Act 2014 s 17(8)/18: the duty to meet needs applies where resources are "at or below" the limit
        out.above_upper_limit = total > upper
        if c.explain:
            if out.above_upper_limit:
                c.t.add(R_LIMITS, N_("Capital of {total} is above the upper capital limit of {upper}: the adult can be charged the full cost of care."), args={"total": Pence(total), "upper": Pence(upper)}, output=True)
            else:
                c.t.add(R_LIMITS, N_("Capital of {total} is at or below the upper capital limit of {upper}."), args={"total": Pence(total), "upper": Pence(upper)}, output=False)
        if not out.above_upper_limit:
            out.tariff = tariff_income(c, total, setting)
            if c.explain:
                if total <= lower:
                    c.t.add(R_TARIFF, N_("Capital is at or below the lower capital limit of {lower}: no tariff income."), args={"lower": Pence(lower)}, output=Pence(0))
                else:
                    band, per = c.r.param(capital.tariff_band).value, c.r.param(capital.tariff_per_band).value
                    c.t.add(R_TARIFF, N_("Tariff income: {per} a week for every {band} or part of {band} above {lower}, on {excess}: {tariff} a week."), args={"per": gbp(per), "band": gbp(band), "lower": Pence(lower), "excess": Pence(total - lower), "tariff": Pence(out.tariff)}, inputs={"capital": Pence(total)}, output=Pence(out.tariff))
        if c.explain:
            c.t.close(group, output=Pence(total), args={"total": Pence(total)})
    return out
