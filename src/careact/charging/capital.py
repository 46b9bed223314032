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
(see :mod:`careact.charging.context`) and applies to one case or, over columns, to a population:
:func:`capital_rule` composes them (one case's items one by one, a population's long table of items
at once). The explanation, flags and lines of one case are added under ``if c.case``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache
from typing import Any

from ..arrays import SCALAR, pounds
from ..explain import N_, Pence, RuleStep, gbp
from ..rules.declare import Rate
from ..rules.params.charging import capital, options, property_
from .catalogue import CapitalType
from .context import Ctx
from .models import CapitalLine
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
    REL_CHILD,
    REL_FAMILY,
    REL_PARTNER,
    RELATIONSHIP_CODES,
    HomeFacts,
    home_disregard_on,
    home_facts,
    occupant_qualifies,
)
from .settings import NON_RESIDENTIAL, PERMANENT, TEMPORARY_SETTINGS

__all__ = [
    "HOME_COUNTED",
    "HOME_DISCRETIONARY",
    "HOME_NON_RESIDENTIAL",
    "HOME_QUALIFYING_RELATIVE",
    "HOME_READMISSION",
    "HOME_RELATIVE_CEASED",
    "HOME_TEMPORARY",
    "HOME_TWELVE_WEEKS",
    "OWNER_CODES",
    "RELATIONSHIP_CODES",
    "REL_CHILD",
    "REL_FAMILY",
    "REL_PARTNER",
    "CapitalItemOut",
    "CapitalResult",
    "CapitalTraits",
    "HomeOut",
    "capital_item",
    "capital_item_counted",
    "capital_limits",
    "capital_lines",
    "capital_rule",
    "capital_traits",
    "home_disregard",
    "home_rule",
    "occupant_qualifies",
    "relative_in_home",
    "share_fraction",
    "share_rule",
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
# :mod:`careact.charging.property_disregards`; they are re-exported here.

# what a discretionary disregard applies to
DISCRETIONARY_HOME, DISCRETIONARY_CAPITAL, DISCRETIONARY_INCOME = 0, 1, 2
DISCRETIONARY_CODES = {"home": DISCRETIONARY_HOME, "capital": DISCRETIONARY_CAPITAL, "income": DISCRETIONARY_INCOME}


OWN_PERSON, OWN_PARTNER, OWN_JOINT_PARTNER, OWN_JOINT_OTHERS = 0, 1, 2, 3
"""Who owns an asset (the home or an item of capital), as codes shared by one case and a population."""
OWNER_CODES = {"person": OWN_PERSON, "partner": OWN_PARTNER, "joint_with_partner": OWN_JOINT_PARTNER,
               "joint_with_others": OWN_JOINT_OTHERS}
MAX_SHARE_DENOMINATOR = 10**6
"""A share with a longer denominator is a fraction written as a long decimal ("1/3"): its closest
fraction with a denominator up to this is taken."""


@dataclass(slots=True)
class HomeOut:
    """The main home: which disregard applies (``reason``, a ``HOME_*`` code), the last day of the
    12 weeks, the adult's share, what counts and what is disregarded (pence)."""

    reason: Any = HOME_COUNTED
    last_day: Any = 0
    num: Any = 1
    den: Any = 1
    counted: Any = 0
    disregarded: Any = 0
    relative: Any = False
    facts: HomeFacts | None = None  # one case: the facts the disregard rests on (for the explanation)


@dataclass(slots=True)
class CapitalItemOut:
    """One item of capital: the adult's share and its value, what counts, and a timed disregard's end."""

    partner: Any
    num: Any
    den: Any
    value: Any
    treatment: Any
    timed: Any
    weeks: Any
    counted: Any
    until_day: Any


@dataclass(slots=True)
class CapitalResult:
    """The capital rules' results (pence): the home, each item, the totals, the limits and the tariff."""

    home: HomeOut
    items: Any  # one CapitalItemOut per item (one case), or one of columns (a population)
    total: Any
    upper_limit: Any
    lower_limit: Any
    above_upper_limit: Any
    tariff: Any
    home_counted: Any


@dataclass(frozen=True, slots=True)
class CapitalTraits:
    """What the catalogue says of a capital type, as the rules read it (a column, by type, for a population)."""

    treatment: Any  # the treatment code (TREATMENT_CODES)
    saleable: Any  # selling it would cost the expenses of sale (reg 20)
    has_weeks: Any  # its disregard lasts a set number of weeks


@lru_cache(maxsize=256)
def capital_traits(entry: CapitalType) -> CapitalTraits:
    """The catalogue entry ``entry`` as :class:`CapitalTraits`."""
    return CapitalTraits(treatment=TREATMENT_CODES[entry.treatment], saleable=entry.id in _SALEABLE,
                         has_weeks=entry.weeks_decl is not None)


# --------------------------------------------------------------------------- rules (one definition)


def share_rule(c: Ctx, owner: Any, share_num: Any, share_den: Any, share_given: Any, joint_owners: Any) -> tuple[Any, Any]:
    """SI 2014/2672 reg 24: the adult's share of an asset as an exact fraction ``(num, den)``. Capital
    held jointly is divided equally between the owners unless the shares are shown; ``joint_owners``
    (at least 2 when given) is 0 when not given: two owners."""
    xp = c.xp
    person = owner == OWN_PERSON
    given_num, given_den = xp.limit_fraction(share_num, share_den, MAX_SHARE_DENOMINATOR)
    equal = xp.where(owner == OWN_JOINT_PARTNER, 2, xp.maximum(joint_owners, 2))
    num = xp.where(xp.all(share_given, xp.not_(person)), given_num, 1)
    den = xp.where(person, 1, xp.where(share_given, given_den, equal))
    return num, den


def share_fraction(owner: str, share: Decimal | None, joint_owners: int | None) -> tuple[int, int]:
    """One case's share as an exact fraction (:func:`share_rule` on one asset)."""
    f = Fraction(share) if share is not None else Fraction(0)
    num, den = share_rule(_SCALAR_CTX, OWNER_CODES[owner], f.numerator, f.denominator, share is not None, joint_owners or 0)
    return int(num), int(den)


class _ScalarOnly:
    __slots__ = ()
    xp = SCALAR


_SCALAR_CTX: Any = _ScalarOnly()


def value_of_share(c: Ctx, value: Any, share_num: Any, share_den: Any, debt: Any, saleable: Any) -> Any:
    """SI 2014/2672 reg 20: the adult's share of the market or surrender value, less 10% where there
    would be expenses of sale, less the share of any debt secured on it; never below nil.

    Worked exactly as one fraction, rounded once to the penny.
    """
    xp = c.xp
    rate: Rate = c.read_when(saleable, capital.sale_expenses_rate)
    keep = rate.den - xp.where(saleable, rate.num, 0)
    return xp.maximum(0, xp.muldiv(xp.mul(value, keep) - xp.mul(debt, rate.den), share_num, xp.mul(share_den, rate.den)))


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


def relative_in_home(c: Ctx, v: Any) -> Any:
    """Sch 2 para 4: whether a qualifying relative occupies the home -- the partner still living there,
    or an occupant who qualifies and has lived there since before the adult went into care."""
    xp = c.xp
    partner_home = xp.all(v.couple, v.partner_lives_in_the_home, xp.not_(v.partner_in_care_home))

    def occupants() -> Any:
        occ = v.occupants
        found = v.each(occ, lambda o: occupant_qualifies(c, o.relationship, o.age, o.incapacitated, True))
        if c.case:
            _occupant_flags(c, occ, found)
        return v.any(occ, v.zip(occ, found), lambda p: xp.all(p[1], p[0].before_admission))

    return xp.any(partner_home, c.when(xp.not_(partner_home), occupants, False))


def home_disregard(c: Ctx, setting: Any, temporary_keeps_home: Any, relative_in_home: Any, start_day: Any,
                   weeks_used: Any, discretionary: Any) -> tuple[Any, Any]:
    """Which Schedule 2 disregard, if any, applies to the main home: (reason code, last day of the 12 weeks).

    The rule with no relative's run-off and the weeks used counted in whole weeks; see
    :func:`careact.charging.property_disregards.home_disregard_on` for the full rule.
    """
    return home_disregard_on(c, setting, temporary_keeps_home, relative_in_home, 0, start_day, weeks_used * 7, discretionary)


def home_rule(c: Ctx, v: Any, setting: Any) -> HomeOut:
    """The adult's main home (Sch 2 paras 1, 2 and 4; reg 20): disregarded, or counted at the value of
    the adult's share less the expenses of sale and the mortgage."""
    return c.when(v.has_home, lambda: _home(c, v, setting), _NO_HOME)


_NO_HOME = HomeOut()


def _home(c: Ctx, v: Any, setting: Any) -> HomeOut:
    xp = c.xp
    num, den = share_rule(c, v.home_owner, v.home_share_num, v.home_share_den, v.home_share_given, v.home_joint_owners)
    value = v.home_value
    facts: HomeFacts | None = None
    if c.case:  # one case: the facts of the home on the day (a relative's occupation ended, earlier periods, dated decisions)
        home = v.model.home
        keeps = bool((home.intends_to_return and home.still_available) or home.being_sold_to_buy_another)
        if setting in TEMPORARY_SETTINGS and home.intends_to_return and not home.still_available and not home.being_sold_to_buy_another:
            c.flag("home_no_longer_available", "The adult intends to return home but the home is no longer available to them: the temporary-resident disregard does not apply (SI 2014/2672 Sch 2 para 1(1)(b)).", R_HOME_TEMP.citation, officer=True)
        facts = home_facts(c, v.model, home, setting)
        relative, ceased_day, start_day, days_used = facts.relative_in_home, facts.ceased_day, facts.start_day, facts.days_used
        discretionary: Any = facts.discretionary is not None
    else:  # a population: rows with a relative's occupation ended or dated decisions are assessed one by one
        keeps = xp.any(xp.all(v.home_intends_to_return, v.home_still_available), v.home_being_sold_to_buy_another)
        relative = c.when(setting == PERMANENT, lambda: relative_in_home(c, v), False)
        disc = v.discretionary
        discretionary = v.any(disc, disc, lambda d: d.applies_to == DISCRETIONARY_HOME)
        ceased_day, start_day, days_used = 0, v.start_day, v.weeks_used * 7
    reason, last_day = home_disregard_on(c, setting, keeps, relative, ceased_day, start_day, days_used, discretionary)
    counted_home = reason == HOME_COUNTED
    disregarded = c.when(xp.not_(counted_home), lambda: xp.muldiv(value, num, den), 0)
    counted = c.when(counted_home, lambda: value_of_share(c, value, num, den, v.home_mortgage, True), 0)
    out = HomeOut(reason=reason, last_day=last_day, num=num, den=den, counted=counted, disregarded=disregarded, relative=relative,
                  facts=facts)
    if c.case:
        _explain_home(c, v, out)
    return out


def capital_item(c: Ctx, v: Any, x: Any) -> CapitalItemOut:
    """One item of capital (regs 18, 20 and 24; Sch 2 by type): a partner's is not the adult's; the
    adult's share is valued, and counted unless its type is disregarded."""
    xp = c.xp
    partner = x.owner == OWN_PARTNER
    num, den = share_rule(c, x.owner, x.share_num, x.share_den, x.share_given, x.joint_owners)
    traits = x.traits
    value = c.when(xp.not_(partner), lambda: value_of_share(c, x.value, num, den, x.debt_secured, traits.saleable), 0)
    if c.explain and not partner and x.owner != OWN_PERSON:
        c.t.add(R_JOINT, N_("{label} is held jointly: the adult's share is {share} of {value}."), args={"label": x.entry.label, "share": _share_decimal((num, den)).quantize(Decimal("0.0001")).normalize(), "value": gbp(x.model.value)}, inputs={"index": x.index, "share": _share_decimal((num, den))}, output=Pence(value))
    treatment = traits.treatment
    timed = xp.all(xp.not_(partner), treatment == FOR_WEEKS, x.received_day > 0, traits.has_weeks)
    weeks = c.when(timed, lambda: v.per_type(x, lambda t: c.r(t.weeks_decl) if t.weeks_decl is not None else 0), 0)
    counted, until_day = capital_item_counted(c, treatment, value, partner, x.received_day, weeks, xp.where(timed, x.extended_day, 0))
    out = CapitalItemOut(partner=partner, num=num, den=den, value=value, treatment=treatment, timed=timed, weeks=weeks,
                         counted=counted, until_day=until_day)
    if c.case:
        _explain_item(c, x, out)
    return out


def capital_rule(c: Ctx, v: Any, setting: Any) -> CapitalResult:
    """Assessed capital and tariff income (SI 2014/2672 Part 4 and Sch 2)."""
    xp = c.xp
    with c.t.group(R_CAPITAL, N_("Capital counted in the assessment: {total}.")) as group:
        home = home_rule(c, v, setting)
        items = v.each(v.capital, lambda x: capital_item(c, v, x))
        if c.case:
            _explain_notional(c, v)
        total = home.counted + v.sum(v.capital, items, lambda o: o.counted) + v.sum(v.notional, v.notional, lambda n: n.amount)
        disc = v.discretionary
        cuts = v.sum(disc, disc, lambda d: xp.where(d.applies_to == DISCRETIONARY_CAPITAL, d.amount, 0))
        if c.case:
            _explain_capital_disregards(c, v, total)
        total = xp.maximum(total - cuts, 0)
        if c.explain:
            c.t.add(R_TOTAL, N_("Capital counted in all: {total}."), args={"total": Pence(total)}, output=Pence(total))

        upper, lower = capital_limits(c, setting)
        # Care Act 2014 s 17(8)/18: the duty to meet needs applies where resources are "at or below" the limit
        above = total > upper
        if c.explain:
            if above:
                c.t.add(R_LIMITS, N_("Capital of {total} is above the upper capital limit of {upper}: the adult can be charged the full cost of care."), args={"total": Pence(total), "upper": Pence(upper)}, output=True)
            else:
                c.t.add(R_LIMITS, N_("Capital of {total} is at or below the upper capital limit of {upper}."), args={"total": Pence(total), "upper": Pence(upper)}, output=False)
        tariff = c.when(xp.not_(above), lambda: tariff_income(c, total, setting), 0)
        if c.explain and not above:
            if total <= lower:
                c.t.add(R_TARIFF, N_("Capital is at or below the lower capital limit of {lower}: no tariff income."), args={"lower": Pence(lower)}, output=Pence(0))
            else:
                band, per = c.r.param(capital.tariff_band).value, c.r.param(capital.tariff_per_band).value
                c.t.add(R_TARIFF, N_("Tariff income: {per} a week for every {band} or part of {band} above {lower}, on {excess}: {tariff} a week."), args={"per": gbp(per), "band": gbp(band), "lower": Pence(lower), "excess": Pence(total - lower), "tariff": Pence(tariff)}, inputs={"capital": Pence(total)}, output=Pence(tariff))
        if c.explain:
            c.t.close(group, output=Pence(total), args={"total": Pence(total)})
    return CapitalResult(home=home, items=items, total=total, upper_limit=upper, lower_limit=lower,
                         above_upper_limit=above, tariff=tariff, home_counted=home.counted)


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


# --------------------------------------------------------------------------- one case: explanation, flags, lines


def _share_decimal(share: tuple[int, int]) -> Decimal:
    return Decimal(share[0]) / Decimal(share[1])


def _line(item_type: str, label: str, value: Decimal, share: tuple[int, int], counted: int, disregarded: int, reason: str, citation: str) -> CapitalLine:
    return CapitalLine.build(type=item_type, label=label, value=value, share=_share_decimal(share),
                             counted=pounds(counted), disregarded=pounds(disregarded), reason=reason, citation=citation)


def _occupant_flags(c: Ctx, occupants: list[Any], found: list[Any]) -> None:
    """One case: flags for occupants looked at before the first who qualifies (Sch 2 para 4)."""
    for occ, qualifies_now in zip(occupants, found, strict=True):
        if qualifies_now and not occ.before_admission:
            c.flag("qualifying_relative_moved_in_later", "A qualifying relative moved into the home after the adult went into care: the para 4 disregard may not apply; the council may still disregard it at its discretion.", R_HOME_QR.citation, officer=True)
            continue
        if qualifies_now:
            return
        if occ.relationship == REL_FAMILY and occ.age < 0 and not occ.incapacitated:
            c.flag("qualifying_relative_age_unknown", "A relative lives in the home but their date of birth is not given: they may be a qualifying relative (aged 60 or over).", R_HOME_QR.citation, officer=True)


def _why_relative(c: Ctx, v: Any) -> str:
    """One case: why the home is occupied by a qualifying relative (the first who qualifies)."""
    if v.couple and v.partner_lives_in_the_home and not v.partner_in_care_home:
        return "partner"
    for occ in v.occupants:
        if occ.before_admission and occupant_qualifies(c, occ.relationship, occ.age, occ.incapacitated, True):
            rel = occ.relationship
            return "partner" if rel == REL_PARTNER else "child under 18" if rel == REL_CHILD else "relative aged 60 or over or incapacitated"
    return ""


def _explain_home(c: Ctx, v: Any, out: HomeOut) -> None:
    home = v.model.home
    share = (out.num, out.den)
    reason = out.reason
    if reason != HOME_COUNTED:
        if c.explain or reason == HOME_DISCRETIONARY:
            rule, template, args = _HOME_TEXT[reason]
            facts = out.facts
            assert facts is not None
            if reason == HOME_QUALIFYING_RELATIVE:
                args = {"why": facts.why}
            elif reason in (HOME_TWELVE_WEEKS, HOME_READMISSION):
                args = {"start": date.fromordinal(facts.start_day), "last_day": date.fromordinal(out.last_day), "used": facts.days_used,
                        "left": out.last_day - facts.start_day + 1, "ended": facts.readmission_end}
            elif reason == HOME_RELATIVE_CEASED:
                occ = facts.ceased
                assert occ is not None and occ.occupation_ended_on is not None
                weeks = c.r(property_.disregard_weeks)
                after = occ.occupation_ended_on + timedelta(days=1)
                args = {"relative": _RELATIVE_WORDS[occ.relationship], "ended": occ.occupation_ended_on,
                        "why": "died" if occ.occupation_ended_because == "died" else "moved into a care home",
                        "first": after, "last": after + timedelta(weeks=weeks, days=-1)}
            elif reason == HOME_DISCRETIONARY:
                first = facts.discretionary
                assert first is not None
                args = {"reason": first.reason}
                c.flag("discretionary_home_disregard", f"The council has disregarded the home at its discretion: {first.reason}", R_HOME_DISC.citation, officer=True)
            if c.explain:
                c.t.add(rule, template, args=args, inputs={"home_value": home.value, "share": _share_decimal(share)}, output=Pence(0))
        return
    if home.owner != "person":
        c.flag("joint_property_valuation", "The home is jointly owned: the value of a beneficial share is what a willing buyer would pay for it, which may be much less than a proportion of the whole (Annex B). An officer should confirm the valuation.", "Care and Support Statutory Guidance Annex B", officer=True)
    if c.explain:
        c.t.add(R_HOME_COUNTED, N_("The home counts as capital: the adult's share of {value}, less 10% for the expenses of sale and the share of the mortgage, is {counted}."), args={"value": gbp(home.value), "counted": Pence(out.counted)}, inputs={"value": home.value, "share": _share_decimal(share), "mortgage": home.mortgage_outstanding}, output=Pence(out.counted))


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


def _explain_item(c: Ctx, x: Any, out: CapitalItemOut) -> None:
    item, ctype = x.model, x.entry
    if out.partner:
        if c.explain:
            c.t.add(R_PARTNER, N_("{label} belongs to the partner and is not the adult's capital."), args={"label": ctype.label}, inputs={"index": x.index, "value": item.value}, output=Pence(0))
        return
    if item.disregard_extended_to is not None and not out.timed:
        c.flag("disregard_extension_ignored", f"capital[{x.index}].disregard_extended_to: {ctype.label} has no disregard for a set time to extend.", ctype.cite, officer=True)
    if out.timed and out.counted == 0:
        if c.explain:
            until = date.fromordinal(out.until_day)
            if x.extended_day and out.until_day == x.extended_day:
                c.t.add(R_TIMED_EXTENDED, N_("{label} is disregarded for {weeks} weeks from {received}, extended by the council to {until} (a longer period that is reasonable)."), args={"label": ctype.label, "weeks": out.weeks, "received": item.received_on, "until": until}, inputs={"index": x.index}, output=Pence(0))
                return
            c.t.add(R_TIMED, N_("{label} is disregarded for {weeks} weeks from {received}, until {until}."), args={"label": ctype.label, "weeks": out.weeks, "received": item.received_on, "until": until}, inputs={"index": x.index}, output=Pence(0))
        return
    treatment = out.treatment
    if treatment == CONDITIONAL:
        c.flag(f"conditional_disregard_{item.type}", f"{ctype.label}: disregarded on the condition that {str(ctype.condition).replace('_', ' ')}; an officer should confirm it holds.", ctype.cite, officer=True)
    if not c.explain:
        return
    if treatment in (DISREGARDED, CONDITIONAL):
        c.t.add(R_SCH2, N_("{label} is disregarded ({cite})."), args={"label": ctype.label, "cite": ctype.cite}, inputs={"index": x.index, "value": Pence(out.value)}, output=Pence(0))
    else:
        c.t.add(R_ITEM, N_("{label} counts as capital: {counted}."), args={"label": ctype.label, "counted": Pence(out.value)}, inputs={"index": x.index, "value": item.value, "share": _share_decimal((out.num, out.den)), "debt_secured": item.debt_secured}, output=Pence(out.value))


def _explain_notional(c: Ctx, v: Any) -> None:
    for n in v.model.notional_capital:
        if n.applies_from is not None and n.applies_from > c.on:
            if c.explain:
                c.t.add(R_NOTIONAL, N_("Notional capital of {amount} is taken into account from {start}, not yet."), args={"amount": gbp(n.amount), "start": n.applies_from}, inputs={"amount": n.amount}, output=Decimal("0.00"))
            continue
        if c.explain:
            c.t.add(R_NOTIONAL, N_("Notional capital of {amount} is treated as the adult's: {reason}."), args={"amount": gbp(n.amount), "reason": n.reason}, inputs={"amount": n.amount}, output=n.amount)
        c.flag("notional_capital", f"Notional capital of £{n.amount} has been included ({n.reason}). Deciding that an adult has deprived themselves of capital is an officer's decision (Annex E).", R_NOTIONAL.citation, officer=True)


def _explain_capital_disregards(c: Ctx, v: Any, total: int) -> None:
    for d in v.model.discretionary_disregards:
        if d.applies_to == "capital" and d.amount:
            cut = min(int(d.amount * 100), total)
            total -= cut
            if c.explain:
                c.t.add(R_DISCRETIONARY, N_("The council disregards {amount} of capital at its discretion: {reason}."), args={"amount": Pence(cut), "reason": d.reason}, inputs={"amount": d.amount}, output=Pence(cut))
            c.flag("discretionary_capital_disregard", f"A discretionary capital disregard of £{pounds(cut)} was applied: {d.reason}", R_DISCRETIONARY.citation, officer=True)


def capital_lines(v: Any, res: CapitalResult) -> list[CapitalLine]:
    """One case: the capital lines of the result -- the home, each item, each amount of notional capital."""
    lines: list[CapitalLine] = []
    model = v.model
    home = model.home
    h = res.home
    if home is not None:
        share = (h.num, h.den)
        if h.reason != HOME_COUNTED:
            rule = _HOME_TEXT[h.reason][0]
            lines.append(_line("main_home", "Main or only home", home.value, share, 0, h.disregarded, rule.title, rule.citation))
        else:
            lines.append(_line("main_home", "Main or only home", home.value, share, h.counted, 0, "Counted (no disregard applies)", R_HOME_COUNTED.citation))
    for x, out in zip(v.capital, res.items, strict=True):
        item, ctype = x.model, x.entry
        if out.partner:
            lines.append(CapitalLine.build(type=item.type, label=ctype.label, value=item.value, share=Decimal(0), counted=Decimal("0.00"), disregarded=Decimal("0.00"), reason="Partner's capital: not assessed", citation=R_PARTNER.citation))
            continue
        share = (out.num, out.den)
        if out.timed and out.counted == 0:
            until = date.fromordinal(out.until_day)
            lines.append(_line(item.type, ctype.label, item.value, share, 0, out.value, f"Disregarded until {until.isoformat()}", ctype.cite))
        elif out.treatment in (DISREGARDED, CONDITIONAL):
            lines.append(_line(item.type, ctype.label, item.value, share, 0, out.value, "Disregarded", ctype.cite))
        else:
            lines.append(_line(item.type, ctype.label, item.value, share, out.value, 0, "Counted", ctype.cite))
    for n in model.notional_capital:
        if n.applies_from is not None and n.applies_from > v.on:
            continue
        lines.append(CapitalLine.build(type="notional_capital", label="Notional capital", value=n.amount, share=Decimal(1), counted=n.amount, disregarded=Decimal("0.00"), reason=n.reason, citation=R_NOTIONAL.citation))
    return lines
