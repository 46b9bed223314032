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
from datetime import timedelta
from decimal import Decimal
from fractions import Fraction
from typing import Any

from ..arrays import pounds
from ..dates import age_on
from ..explain import N_, Pence, RuleStep, gbp
from ..rules.declare import Rate
from ..rules.params.charging import capital, options, property_, qualifying_relative
from .catalogue import CapitalType
from .context import Ctx
from .models import CapitalItem, CapitalLine, ChargingCase, Home
from .settings import NON_RESIDENTIAL, PERMANENT, TEMPORARY_SETTINGS

__all__ = [
    "HOME_COUNTED",
    "HOME_DISCRETIONARY",
    "HOME_NON_RESIDENTIAL",
    "HOME_QUALIFYING_RELATIVE",
    "HOME_TEMPORARY",
    "HOME_TWELVE_WEEKS",
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

R_CAPITAL = RuleStep("charging.capital", "Capital", "SI 2014/2672 Part 4 (regs 18-25) and Sch 2", f"{_L}/part/4", "Care and Support Statutory Guidance Annex B")
R_ITEM = RuleStep("charging.capital.item", "An item of capital", "SI 2014/2672 regs 18 and 20", f"{_L}/regulation/20", "Annex B")
R_PARTNER = RuleStep("charging.capital.partner_excluded", "A partner's capital", "Care and Support Statutory Guidance Annex B (the adult's own capital is assessed)", None, "Annex B")
R_JOINT = RuleStep("charging.capital.joint_share", "Jointly held capital", "SI 2014/2672 reg 24 (capital jointly held: equal shares)", f"{_L}/regulation/24", "Annex B")
R_SCH2 = RuleStep("charging.capital.schedule_2", "Capital disregarded under Schedule 2", "SI 2014/2672 Sch 2", f"{_L}/schedule/2")
R_TIMED = RuleStep("charging.capital.disregard_for_weeks", "A disregard for a set time", "SI 2014/2672 Sch 2", f"{_L}/schedule/2")
R_HOME_NONRES = RuleStep("charging.capital.home.non_residential", "The home, for care at home", "SI 2014/2672 Sch 2", f"{_L}/schedule/2", "Care and Support Statutory Guidance Annex B")
R_HOME_TEMP = RuleStep("charging.capital.home.temporary", "The home, for a temporary resident", "SI 2014/2672 Sch 2 para 1", f"{_L}/schedule/2/paragraph/1", "Annex F")
R_HOME_12 = RuleStep("charging.capital.home.twelve_weeks", "The 12-week property disregard", "SI 2014/2672 Sch 2 para 2", f"{_L}/schedule/2/paragraph/2", "Annex B")
R_HOME_QR = RuleStep("charging.capital.home.qualifying_relative", "The home, occupied by a qualifying relative", "SI 2014/2672 Sch 2 para 4", f"{_L}/schedule/2/paragraph/4", "Annex B")
R_HOME_DISC = RuleStep("charging.capital.home.discretionary", "The home, disregarded at the council's discretion", "Care and Support Statutory Guidance Annex B (council discretion)", None, "Annex B")
R_HOME_COUNTED = RuleStep("charging.capital.home.counted", "The home, counted", "SI 2014/2672 regs 18 and 20", f"{_L}/regulation/20", "Annex B")
R_NOTIONAL = RuleStep("charging.capital.notional", "Notional capital", "SI 2014/2672 reg 22 (notional capital)", f"{_L}/regulation/22", "Care and Support Statutory Guidance Annex E")
R_DISCRETIONARY = RuleStep("charging.capital.discretionary_disregard", "A discretionary capital disregard", "Care and Support Statutory Guidance Annex B (council discretion)")
R_TOTAL = RuleStep("charging.capital.total", "Assessed capital", "SI 2014/2672 reg 18", f"{_L}/regulation/18")
R_LIMITS = RuleStep("charging.capital.limits", "Capital limits", "SI 2014/2672 reg 12; Care Act 2014 s 17(8) and s 18", f"{_L}/regulation/12", "Care and Support Statutory Guidance chapter 8")
R_TARIFF = RuleStep("charging.capital.tariff_income", "Tariff income", "SI 2014/2672 reg 25", f"{_L}/regulation/25", "Annex B")

# capital item treatments (codes, as in a population's columns)
COUNTED, DISREGARDED, FOR_WEEKS, CONDITIONAL = 0, 1, 2, 3
TREATMENT_CODES = {"counted": COUNTED, "disregarded": DISREGARDED, "disregarded_for_weeks": FOR_WEEKS, "conditional": CONDITIONAL}

# why the home is disregarded (or not)
HOME_COUNTED, HOME_NON_RESIDENTIAL, HOME_TEMPORARY, HOME_QUALIFYING_RELATIVE, HOME_TWELVE_WEEKS, HOME_DISCRETIONARY = range(6)

# the relationship of an occupant of the home (Sch 2 para 4)
REL_PARTNER, REL_FAMILY, REL_CHILD, REL_OTHER = 0, 1, 2, 3
RELATIONSHIP_CODES = {
    "partner": REL_PARTNER, "former_partner_lone_parent": REL_PARTNER, "family_member": REL_FAMILY,
    "relative": REL_FAMILY, "child_of_adult": REL_CHILD, "other": REL_OTHER,
}


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


def capital_item_counted(c: Ctx, treatment: Any, value: Any, partner_owned: Any, received_day: Any, weeks: Any) -> tuple[Any, Any]:
    """Sch 2 by type: (counted, disregarded_until_day). A partner's capital is not the adult's; a
    disregard for a set time runs from receipt for ``weeks`` weeks (the last day inclusive); a
    conditional disregard applies on the condition an officer confirms."""
    xp = c.xp
    until = received_day + weeks * 7 - 1
    timed = xp.all(treatment == FOR_WEEKS, received_day > 0, c.on_day <= until)
    disregarded = xp.any(partner_owned, treatment == DISREGARDED, treatment == CONDITIONAL, timed)
    return xp.where(disregarded, 0, value), until


def occupant_qualifies(c: Ctx, relationship: Any, age: Any, incapacitated: Any, before_admission: Any) -> Any:
    """SI 2014/2672 Sch 2 para 4: a partner (or former partner who is a lone parent), a relative aged 60
    or over or incapacitated, or the adult's child under 18, occupying the home as their home since
    before the adult went into care. ``age`` is -1 when not known."""
    xp = c.xp
    min_age, child_under = c.r(qualifying_relative.min_age), c.r(qualifying_relative.child_under_age)
    relative = xp.all(relationship == REL_FAMILY, xp.any(incapacitated, age >= min_age))
    child = xp.all(relationship == REL_CHILD, age >= 0, age < child_under)
    return xp.all(before_admission, xp.any(relationship == REL_PARTNER, relative, child))


def home_disregard(c: Ctx, setting: Any, temporary_keeps_home: Any, relative_in_home: Any, start_day: Any,
                   weeks_used: Any, discretionary: Any) -> tuple[Any, Any]:
    """Which Schedule 2 disregard, if any, applies to the main home: (reason code, last day of the 12 weeks).

    Care at home: the home is disregarded. A temporary resident who intends to return to it, or is
    selling it to buy another: para 1. A permanent resident: while a qualifying relative occupies it
    (para 4, which can last indefinitely), else for the first 12 weeks of permanent residence
    (para 2, less any weeks used in an earlier stay), else at the council's discretion.
    """
    xp = c.xp
    permanent = setting == PERMANENT
    weeks = c.read_when(permanent, property_.disregard_weeks)
    remaining = weeks - weeks_used
    last_day = start_day + remaining * 7 - 1
    twelve = xp.all(permanent, remaining > 0, start_day <= c.on_day, c.on_day <= last_day)
    temporary = xp.isin(setting, TEMPORARY_SETTINGS)
    reason = xp.where(
        setting == NON_RESIDENTIAL, HOME_NON_RESIDENTIAL,
        xp.where(temporary, xp.where(temporary_keeps_home, HOME_TEMPORARY, HOME_COUNTED),
                 xp.where(relative_in_home, HOME_QUALIFYING_RELATIVE,
                          xp.where(twelve, HOME_TWELVE_WEEKS,
                                   xp.where(discretionary, HOME_DISCRETIONARY, HOME_COUNTED)))))
    return reason, last_day


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


def _relative_in_home(c: Ctx, case: ChargingCase, home: Home) -> tuple[bool, str]:
    """One case: whether a qualifying relative occupies the home, and why (for the explanation)."""
    partner = case.partner
    if partner is not None and partner.lives_in_the_home and not partner.in_care_home:
        return True, "partner"
    for occ in home.occupants:
        age = age_on(occ.date_of_birth, c.on) if occ.date_of_birth else -1
        rel = RELATIONSHIP_CODES[occ.relationship]
        qualifies_now = occupant_qualifies(c, rel, age, occ.incapacitated, True)
        if qualifies_now and not occ.lived_there_since_before_admission:
            c.flag("qualifying_relative_moved_in_later", "A qualifying relative moved into the home after the adult went into care: the para 4 disregard may not apply; the council may still disregard it at its discretion.", R_HOME_QR.citation, officer=True)
            continue
        if qualifies_now:
            why = "partner" if rel == REL_PARTNER else "child under 18" if rel == REL_CHILD else "relative aged 60 or over or incapacitated"
            return True, why
        if rel == REL_FAMILY and age < 0 and not occ.incapacitated:
            c.flag("qualifying_relative_age_unknown", "A relative lives in the home but their date of birth is not given: they may be a qualifying relative (aged 60 or over).", R_HOME_QR.citation, officer=True)
    return False, ""


def _assess_home(c: Ctx, case: ChargingCase, setting: int, out: CapitalAssessment) -> None:
    home = case.home
    if home is None:
        return
    share = share_fraction(home.owner, home.share, home.joint_owners)
    value = int(home.value * 100)
    keeps = home.intends_to_return or home.being_sold_to_buy_another
    relative, why = (False, "")
    if setting == PERMANENT:
        relative, why = _relative_in_home(c, case, home)
    start = case.care.start_date
    start_day = start.toordinal() if start is not None else 0
    discretionary = [d for d in case.discretionary_disregards if d.applies_to == "home"]
    reason, last_day = home_disregard(c, setting, keeps, relative, start_day, case.care.property_disregard_weeks_used, bool(discretionary))
    if reason != HOME_COUNTED:
        rule, template, args = _HOME_TEXT[reason]
        if reason == HOME_QUALIFYING_RELATIVE:
            args = {"why": why}
        elif reason == HOME_TWELVE_WEEKS:
            assert start is not None
            args = {"start": start, "last_day": start + timedelta(days=last_day - start_day)}
        elif reason == HOME_DISCRETIONARY:
            args = {"reason": discretionary[0].reason}
            c.flag("discretionary_home_disregard", f"The council has disregarded the home at its discretion: {discretionary[0].reason}", R_HOME_DISC.citation, officer=True)
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
}


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
    counted, until_day = capital_item_counted(c, treatment, value, False, received_day, weeks)
    if timed and counted == 0 and item.received_on is not None:
        until = item.received_on + timedelta(days=until_day - received_day)
        if c.explain:
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
    """Assessed capital and tariff income for one case (SI 2014/2672 Part 4 and Sch 2)."""
    out = CapitalAssessment()
    with c.t.group(R_CAPITAL, N_("Capital counted in the assessment: {total}.")) as group:
        _assess_home(c, case, setting, out)
        for i, item in enumerate(case.capital):
            _assess_item(c, i, item, types[item.type], out)
        for n in case.notional_capital:
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
