"""Short-term and temporary residents of a care home.

- **A short-term resident** is in a care home for a stay planned to last no more than 8 weeks
  (``short_term.max_weeks``). A council *may* charge them as if their care were provided at home --
  the minimum income guarantee, housing costs and disability-related expenditure instead of the
  personal expenses allowance (SI 2014/2672 reg 8; the national default is not to). It may use the
  power in part: only for the first so many nights of each stay, or of every short stay in the
  financial year (``options.short_term_nights_limit``); the nights beyond are charged under the
  rules for temporary residents. A stay that runs on past 8 weeks is charged as a temporary
  resident's from its 57th night. The reg 2(1) definition and the words of reg 8 were not read; the
  8 weeks is from a secondary source (see ``short_term.max_weeks``).
- **A temporary resident** is in a care home for a stay unlikely to exceed 52 weeks, or in exceptional
  circumstances unlikely to exceed it substantially, with a plan to return home (Care and Support
  Statutory Guidance Annex F paras 4-5; reg 2(1) not read). They keep the personal expenses allowance
  (reg 6), their housing costs (Sch 1 para 2) and their home (Sch 2 para 1); Attendance Allowance, the
  DLA care component and the PIP daily living component are disregarded
  (:mod:`careact.charging.care_home_benefits`). A council should leave a partner at home the basic
  level of income support or pension credit they would get in their own right (Annex F para 3).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from ..arrays import pounds
from ..dates import age_on, financial_year_start
from ..errors import InputError
from ..explain import N_, RuleStep, gbp
from ..rules.params.charging import benefits, options, short_term, temporary_resident
from .change_points import ChangeReason
from .context import Ctx
from .models import ChargingCase
from .pension_age import has_reached_pension_credit_age
from .settings import NON_RESIDENTIAL, RESPITE, TEMPORARY, TEMPORARY_SETTINGS

__all__ = [
    "R_PARTNER_AT_HOME",
    "R_SHORT_TERM",
    "R_TEMPORARY",
    "assessed_as",
    "nights_before_in_year",
    "partner_protection_rule",
    "short_stay_points",
    "short_term_rule",
    "temporary_partner_allowance",
]

_L = "https://www.legislation.gov.uk/uksi/2014/2672"
_ANNEX_F = "https://www.gov.uk/guidance/care-and-support-statutory-guidance/annex-f-temporary-and-short-term-residents-in-care-homes"
R_SHORT_TERM = RuleStep("charging.short_term", "A short-term resident", "SI 2014/2672 reg 8 (and reg 2(1), 'short-term resident', not read)", f"{_L}/regulation/8", "Care and Support Statutory Guidance Annex F")
R_TEMPORARY = RuleStep("charging.temporary_resident", "A temporary resident", "SI 2014/2672 reg 2(1) ('temporary resident', not read); Care and Support Statutory Guidance Annex F paras 4-7", _ANNEX_F, "Annex F")
R_PARTNER_AT_HOME = RuleStep("charging.allowances.temporary_partner_at_home", "A temporary resident's partner at home", "Care and Support Statutory Guidance Annex F para 3", _ANNEX_F, "Annex F para 3")
_UNKNOWN = -1


def short_term_rule(c: Ctx, setting: Any, night: Any, planned_nights: Any, nights_in_year: Any) -> Any:
    """SI 2014/2672 reg 8: the rules a stay in a care home is charged under tonight.

    ``night`` is tonight's number in the stay (1 on the day of arrival); ``planned_nights`` the nights the
    stay is planned to last (-1 if not known: a respite stay is then taken as short-term, a temporary
    stay not); ``nights_in_year`` the nights in care homes on short stays in the financial year, tonight
    included. A short-term resident is charged as if at home where the council uses its power, for the
    nights within its limit (of each stay, or of the year).
    """
    xp = c.xp
    temporary = xp.isin(setting, TEMPORARY_SETTINGS)
    use = c.read_when(temporary, options.respite_assessed_as_non_residential)
    if c.case and not (temporary and use):
        return setting
    max_nights = c.read_when(temporary, short_term.max_weeks) * 7
    short = xp.all(temporary, xp.any(xp.all(planned_nights >= 0, planned_nights <= max_nights),
                                     xp.all(planned_nights < 0, setting == RESPITE)), night <= max_nights)
    limit = c.read_when(xp.all(use, short), options.short_term_nights_limit)
    per_year = c.read_when(xp.all(use, short, limit > 0), options.short_term_limit_scope) == "per_year"
    counted = xp.where(per_year, nights_in_year, night)
    within = xp.any(limit == 0, counted <= limit)
    return xp.where(xp.all(use, short, within), NON_RESIDENTIAL, setting)


def nights_before_in_year(case: ChargingCase, on: date) -> int:
    """The nights of the earlier short stays in the financial year containing ``on`` (1 April to 31 March)."""
    fy = financial_year_start(on)
    fy_end = date(fy.year + 1, 4, 1)
    total = 0
    for s in case.care.short_stays_in_year:
        a, b = max(s.start, fy), min(s.end, fy_end)
        total += max(0, (b - a).days)
    return total


def _stay(case: ChargingCase, on: date) -> tuple[int, int, int]:
    """Tonight's number in the stay, the planned nights (-1 unknown), and the short-stay nights in the
    financial year with tonight."""
    care = case.care
    night = (on - care.start_date).days + 1 if care.start_date is not None else 1
    planned = (care.planned_end_date - care.start_date).days if care.planned_end_date and care.start_date else _UNKNOWN
    fy = financial_year_start(on)
    this_year = (on - max(care.start_date, fy)).days + 1 if care.start_date is not None else 1
    return max(night, 1), planned, nights_before_in_year(case, on) + max(this_year, 1)


def assessed_as(c: Ctx, case: ChargingCase, setting: int) -> int:
    """The rules a case's care is charged under on ``c.on``, with the explanation and flags (one case)."""
    if setting not in TEMPORARY_SETTINGS:
        return setting
    night, planned, in_year = _stay(case, c.on)
    before = nights_before_in_year(case, c.on)
    out = int(short_term_rule(c, setting, night, planned, in_year))
    _temporary_checks(c, case, night, planned)
    if not c.r.res[options.respite_assessed_as_non_residential.name].kernel:
        if c.explain and 0 <= planned <= c.r(short_term.max_weeks) * 7:
            c.t.add(R_SHORT_TERM, N_("The stay is planned to last {planned} nights, a short-term stay, but the council does not use its power to charge short stays as if the care were at home: it is charged under the rules for temporary residents."), args={"planned": planned}, output=False)
        return out
    max_weeks = c.r(short_term.max_weeks)
    limit = c.r.res[options.short_term_nights_limit.name].kernel
    if c.explain:
        args = {"planned": planned, "weeks": max_weeks, "night": night, "limit": limit, "before": before}
        if out == NON_RESIDENTIAL:
            text = (N_("The stay is planned to last {planned} nights, no more than {weeks} weeks, and the council charges short stays as if the care were at home: tonight is night {night} of the stay.") if planned >= 0
                    else N_("The respite stay's planned end is not given: it is taken to be a short stay of no more than {weeks} weeks, which the council charges as if the care were at home (tonight is night {night})."))
            c.t.add(R_SHORT_TERM, text, args=args, output=True)
        elif planned > max_weeks * 7:
            c.t.add(R_SHORT_TERM, N_("The stay is planned to last {planned} nights, more than {weeks} weeks: the adult is not a short-term resident and is charged under the rules for temporary residents."), args=args, output=False)
        elif night > max_weeks * 7:
            c.t.add(R_SHORT_TERM, N_("The stay has run on past {weeks} weeks (tonight is night {night}): from night {first} it is charged under the rules for temporary residents."), args={**args, "first": max_weeks * 7 + 1}, output=False)
        elif planned < 0:
            c.t.add(R_SHORT_TERM, N_("The temporary stay's planned end is not given, so it cannot be taken to be a short-term stay: it is charged under the rules for temporary residents."), args=args, output=False)
        else:
            c.t.add(R_SHORT_TERM, N_("The council charges no more than {limit} nights of short stays as if the care were at home; with {before} nights of earlier stays this year, tonight (night {night} of this stay) is beyond it and is charged under the rules for temporary residents."), args=args, output=False)
    if planned < 0 and setting == RESPITE:
        c.flag("stay_length_not_given", "The respite stay's planned end (care.planned_end_date) is not given: careact took it to be a short-term stay.", R_SHORT_TERM.citation)
    return out


def _temporary_checks(c: Ctx, case: ChargingCase, night: int, planned: int) -> None:
    """Annex F para 4: a temporary stay is unlikely to exceed 52 weeks (exceptionally, substantially)."""
    care = case.care
    max_nights = c.r(temporary_resident.max_weeks) * 7
    if planned > max_nights and care.temporary_exceptional is None:
        raise InputError.single("care.planned_end_date", f"the stay is planned to last {planned} nights, more than 52 weeks: a stay planned to last more than 52 weeks is not temporary unless an officer records that it is exceptionally unlikely to exceed 52 weeks substantially (care.temporary_exceptional; Care and Support Statutory Guidance Annex F para 4)", "inconsistent")
    if c.explain and care.temporary_exceptional is not None:
        d = care.temporary_exceptional
        c.t.add(R_TEMPORARY, N_("The council decided ({by}, {on}) that the stay, though planned to last more than 52 weeks, is exceptionally unlikely to exceed it substantially: {reason}."), args={"by": d.decided_by, "on": d.decided_on, "reason": d.reason}, output=True)
    if care.start_date is not None and night > max_nights:
        c.flag("temporary_stay_exceeds_52_weeks", f"The temporary stay has lasted more than 52 weeks (night {night}): the council should review whether it has become permanent. It is charged as temporary until the care plan says otherwise (Annex F para 7).", R_TEMPORARY.citation, officer=True)


# --------------------------------------------------------------------------- the partner at home


def partner_protection_rule(c: Ctx, applies: Any, reference: Any, own_income: Any) -> Any:
    """Annex F para 3: the shortfall of the partner's own income below the basic level of income support or
    pension credit they would get in their own right, added to the resident's allowances."""
    xp = c.xp
    return xp.where(applies, xp.maximum(reference - own_income, 0), 0)


def temporary_partner_allowance(c: Ctx, case: ChargingCase, assessed: int) -> int:
    """Annex F para 3 for one case: the weekly amount added to a temporary resident's allowances (pence)."""
    partner = case.partner
    if assessed not in (TEMPORARY, RESPITE) or partner is None or not partner.lives_in_the_home or partner.in_care_home:
        return 0
    if not c.r(options.temporary_partner_protection):
        return 0
    if partner.own_income_weekly is None:
        c.flag("temporary_partner_income_not_given", "The temporary resident has a partner at home whose own income is not given (partner.own_income_weekly): the council should ensure the partner is left with the basic level of income support or pension credit (Annex F para 3).", R_PARTNER_AT_HOME.citation, officer=True)
        return 0
    if has_reached_pension_credit_age(partner.date_of_birth, c.on, field="partner.date_of_birth"):
        reference = c.r.cell(benefits.pension_credit_standard_minimum_guarantee, "single")
        what = "the pension credit standard minimum guarantee for a single person"
    else:
        key = "single_18_24" if age_on(partner.date_of_birth, c.on) < 25 else "single_25_plus"
        reference = c.r.cell(benefits.income_support_personal_allowance, key)
        what = "the income support personal allowance for a single person"
    own = int(partner.own_income_weekly * 100)
    shortfall = partner_protection_rule(c, True, reference, own)
    if c.explain:
        c.t.add(R_PARTNER_AT_HOME, N_("The partner at home has their own income of {own} a week; the basic level they would get in their own right ({what}) is {reference}, so {shortfall} a week is left to the resident for them."), args={"own": gbp(partner.own_income_weekly), "what": what, "reference": gbp(pounds(reference)), "shortfall": gbp(pounds(shortfall))}, output=pounds(shortfall))
    return int(shortfall)


# --------------------------------------------------------------------------- change points


def short_stay_points(case: ChargingCase, start: date, end: date, max_weeks: int, limit: int, per_year: bool,
                      use: bool) -> dict[date, list[ChangeReason]]:
    """Days in (start, end] on which a stay's charging rules may change: the first night past the
    short-term length, the first night past the council's limit, and 52 weeks."""
    out: dict[date, list[ChangeReason]] = {}
    care = case.care
    if care.setting not in ("temporary_residential", "respite") or care.start_date is None:
        return out

    def add(d: date, r: ChangeReason) -> None:
        if start < d <= end:
            out.setdefault(d, []).append(r)

    first = care.start_date
    if use:
        add(first + timedelta(days=max_weeks * 7), ChangeReason(
            "short_term_length_passed", f"the stay passes {max_weeks} weeks: it is charged under the rules for temporary residents",
            citation=R_SHORT_TERM.citation))
        if limit > 0:
            before = nights_before_in_year(case, first) if per_year else 0
            add(first + timedelta(days=max(0, limit - before)), ChangeReason(
                "short_term_limit_passed", f"the council's limit of {limit} nights charged as care at home is passed",
                citation=R_SHORT_TERM.citation, extra={"nights_before": before}))
            if per_year:
                fy_next = date(financial_year_start(first).year + 1, 4, 1)
                add(fy_next, ChangeReason("short_term_year_starts", "a new financial year: the nights counted towards the council's limit start again", citation=R_SHORT_TERM.citation))
    add(first + timedelta(days=52 * 7), ChangeReason("temporary_stay_52_weeks", "the temporary stay reaches 52 weeks", citation=R_TEMPORARY.citation))
    return out
