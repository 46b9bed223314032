"""The main home over time: which Schedule 2 disregard applies on a given day, and when that changes.

- **Care at home**: the home is disregarded (SI 2014/2672 Sch 2; Annex B).
- **A temporary resident** who intends to return to a home still available to them, or who is taking
  reasonable steps to sell it to buy another: Sch 2 para 1.
- **A permanent resident**, in this order:

  1. while a qualifying relative (a partner or a former partner who is a lone parent, a relative aged
     60 or over or incapacitated, the adult's child under 18) who lived there before the adult went
     into the care home still lives there (Sch 2 para 4; the English words were not read, the Welsh
     twin WSI 2015/1844 Sch 2 para 4(1)(b) and (5) was);
  2. for 12 weeks after that relative dies or moves into a care home (Welsh twin para 4(3); the
     Department's policy statement of 2014 for England), beginning the day after the last day they
     occupied the home;
  3. for the first 12 weeks of permanent residence, beginning with the first day (Sch 2 para 2(1));
     on re-admission within 52 weeks of the end of an earlier period, only the days of the 12 weeks
     not used then (para 2(2)); after more than 52 weeks, a fresh 12 weeks (para 2(3), read only in
     part);
  4. on the days an officer's discretionary disregard covers (a relative who moved in after the
     adult went into care; 12 weeks after an unexpected change; any other) -- a decision recorded as
     an input, never made by careact.

The timeline asks :func:`property_points` for the days on which the answer changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from ..dates import age_on
from ..explain import RuleStep
from ..rules.params.charging import options, property_
from .context import Ctx
from .models import ChargingCase, DiscretionaryDisregard, Home, QualifyingRelative
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
    "RELATIONSHIP_CODES",
    "R_HOME_READMISSION",
    "R_HOME_RELATIVE_CEASED",
    "HomeFacts",
    "home_disregard_on",
    "home_facts",
    "occupant_qualifies",
    "property_points",
    "twelve_weeks",
]

_L = "https://www.legislation.gov.uk/uksi/2014/2672"

# why the home is disregarded (or not): codes shared by one case and a population
(HOME_COUNTED, HOME_NON_RESIDENTIAL, HOME_TEMPORARY, HOME_QUALIFYING_RELATIVE, HOME_TWELVE_WEEKS, HOME_DISCRETIONARY,
 HOME_RELATIVE_CEASED, HOME_READMISSION) = range(8)

# the relationship of an occupant of the home (Sch 2 para 4)
REL_PARTNER, REL_FAMILY, REL_CHILD, REL_OTHER = 0, 1, 2, 3
RELATIONSHIP_CODES = {
    "partner": REL_PARTNER, "former_partner_lone_parent": REL_PARTNER, "family_member": REL_FAMILY,
    "relative": REL_FAMILY, "child_of_adult": REL_CHILD, "other": REL_OTHER,
}
_RUN_OFF_CAUSES = ("died", "moved_to_care_home")

R_HOME_RELATIVE_CEASED = RuleStep(
    "charging.capital.home.relative_ceased", "The home, for 12 weeks after a qualifying relative's occupation ends",
    "SI 2014/2672 Sch 2 para 4 (English text not read; Welsh twin WSI 2015/1844 Sch 2 para 4(3))",
    "https://www.legislation.gov.uk/wsi/2015/1844/schedule/2/paragraph/4/made",
    "Department of Health, Care Act 2014 consultation on the regulations (2014): the 12-week disregard 'when a "
    "person's home unexpectedly loses an alternative disregard, for example due to the death or the moving into "
    "care of a qualifying relative'")
R_HOME_READMISSION = RuleStep(
    "charging.capital.home.readmission", "The home, on re-admission within 52 weeks",
    "SI 2014/2672 Sch 2 para 2(2)-(3)", f"{_L}/schedule/2/paragraph/2", "Annex B")


def occupant_qualifies(c: Ctx, relationship: Any, age: Any, incapacitated: Any, before_admission: Any) -> Any:
    """SI 2014/2672 Sch 2 para 4: a partner (or former partner who is a lone parent), a relative aged 60
    or over or incapacitated, or the adult's child under 18, occupying the home as their home since
    before the adult went into care. ``age`` is -1 when not known.

    The English para 4 was not read; the test is the Welsh twin's (WSI 2015/1844 Sch 2 para 4(1)(b), (5)).
    """
    from ..rules.params.charging import qualifying_relative

    xp = c.xp
    min_age, child_under = c.r(qualifying_relative.min_age), c.r(qualifying_relative.child_under_age)
    relative = xp.all(relationship == REL_FAMILY, xp.any(incapacitated, age >= min_age))
    child = xp.all(relationship == REL_CHILD, age >= 0, age < child_under)
    return xp.all(before_admission, xp.any(relationship == REL_PARTNER, relative, child))


def twelve_weeks(c: Ctx, start_day: Any, days_used: Any) -> tuple[Any, Any]:
    """SI 2014/2672 Sch 2 para 2: whether the 12-week disregard (less ``days_used`` in a linked earlier
    period) covers today, and its last day (a day number). The period begins with ``start_day``."""
    xp = c.xp
    period = c.r(property_.disregard_weeks) * 7
    remaining = period - days_used
    last_day = start_day + remaining - 1
    return xp.all(start_day > 0, remaining > 0, start_day <= c.on_day, c.on_day <= last_day), last_day


def home_disregard_on(c: Ctx, setting: Any, temporary_keeps_home: Any, relative_in_home: Any, ceased_day: Any,
                      start_day: Any, days_used: Any, discretionary: Any) -> tuple[Any, Any]:
    """Which Schedule 2 disregard applies to the main home today: (reason code, last day of the 12 weeks).

    ``ceased_day`` is the last day a qualifying relative occupied the home, where they died or moved
    into a care home (0: none); the home is then disregarded for the 12 weeks beginning the next day.
    ``start_day`` is the first day of permanent residence and ``days_used`` the days of the 12 weeks
    used in a linked earlier period (Sch 2 para 2(2)). All days are day numbers.
    """
    xp = c.xp
    permanent = setting == PERMANENT
    period = c.read_when(xp.any(permanent, ceased_day > 0), property_.disregard_weeks) * 7
    twelve, last_day = twelve_weeks(c, start_day, days_used) if (not c.case or permanent) else (False, start_day + period - days_used - 1)
    run_off = xp.all(permanent, ceased_day > 0, ceased_day < c.on_day, c.on_day <= ceased_day + period)
    temporary = xp.isin(setting, TEMPORARY_SETTINGS)
    reason = xp.where(
        setting == NON_RESIDENTIAL, HOME_NON_RESIDENTIAL,
        xp.where(temporary, xp.where(temporary_keeps_home, HOME_TEMPORARY, HOME_COUNTED),
                 xp.where(relative_in_home, HOME_QUALIFYING_RELATIVE,
                          xp.where(run_off, HOME_RELATIVE_CEASED,
                                   xp.where(xp.all(permanent, twelve), xp.where(days_used > 0, HOME_READMISSION, HOME_TWELVE_WEEKS),
                                            xp.where(discretionary, HOME_DISCRETIONARY, HOME_COUNTED))))))
    return reason, last_day


# --------------------------------------------------------------------------- one case: the facts on a day


@dataclass(slots=True)
class HomeFacts:
    """What the home rules need of one case on one day (day numbers; 0 where a day does not apply)."""

    relative_in_home: bool = False
    why: str = ""
    ceased_day: int = 0
    ceased: QualifyingRelative | None = None
    start_day: int = 0
    days_used: int = 0
    readmission_end: date | None = None
    discretionary: DiscretionaryDisregard | None = None


def _age(occ: QualifyingRelative, on: date) -> int:
    return age_on(occ.date_of_birth, on) if occ.date_of_birth else -1


def _covered(d: DiscretionaryDisregard, on: date) -> bool:
    return (d.starts_on is None or d.starts_on <= on) and (d.ends_on is None or on <= d.ends_on)


def _home_discretions(case: ChargingCase) -> list[DiscretionaryDisregard]:
    return [d for d in case.discretionary_disregards if d.applies_to == "home"]


def _first_day(c: Ctx, case: ChargingCase) -> date | None:
    """The first day of the 12 weeks: the first day as a permanent resident, or (a council option) the
    first day in the care home where the stay began as temporary."""
    care = case.care
    if (care.first_admitted_on is not None and care.start_date is not None and care.first_admitted_on < care.start_date
            and c.r(options.property_disregard_starts) == "first_care_home_admission"):
        return care.first_admitted_on
    return care.start_date


def _days_used(c: Ctx, case: ChargingCase, start: date) -> tuple[int, date | None]:
    """Days of the 12 weeks used in earlier permanent periods linked to this one by the 52-week rule
    (Sch 2 para 2(2)), and the end of the period it is linked to (None: a fresh 12 weeks)."""
    care = case.care
    if not care.previous_permanent_periods:
        return care.property_disregard_weeks_used * 7, None
    window = c.r(property_.readmission_window_weeks) * 7
    periods = sorted(care.previous_permanent_periods, key=lambda p: p.start)
    if (start - periods[-1].end).days > window:
        return 0, None
    used = 0
    nxt = start
    for p in reversed(periods):
        if (nxt - p.end).days > window:
            break
        used += p.home_disregarded_days
        nxt = p.start
    period = c.r(property_.disregard_weeks) * 7
    return min(used, period), periods[-1].end


def home_facts(c: Ctx, case: ChargingCase, home: Home, setting: int) -> HomeFacts:
    """The facts about the home on ``c.on`` for a permanent resident (one case), with flags for an officer."""
    out = HomeFacts()
    if setting != PERMANENT:
        return out
    on = c.on
    partner = case.partner
    if partner is not None and partner.lives_in_the_home and not partner.in_care_home:
        out.relative_in_home, out.why = True, "partner"
    discretions = _home_discretions(case)
    for i, occ in enumerate(home.occupants):
        rel = RELATIONSHIP_CODES[occ.relationship]
        ended = occ.occupation_ended_on
        if ended is not None and ended < on:
            # occupation ended: a 12-week run-off where the relative died or moved into a care home
            qualified = occupant_qualifies(c, rel, _age(occ, ended), occ.incapacitated, True)
            by_discretion = any(d.kind == "relative_moved_in_after_admission" and _covered(d, ended) for d in discretions)
            eligible = qualified and (occ.lived_there_since_before_admission or by_discretion)
            if eligible and occ.occupation_ended_because in _RUN_OFF_CAUSES:
                day = ended.toordinal()
                if day > out.ceased_day:
                    out.ceased_day, out.ceased = day, occ
            elif eligible and occ.occupation_ended_because == "other_unexpected":
                c.flag("relative_left_unexpectedly", f"home.occupants[{i}]: a qualifying relative stopped living in the home on {ended.isoformat()} because of an unexpected change: the council may disregard the home for 12 weeks (record it as a discretionary disregard of kind unexpected_change_12_weeks).", R_HOME_RELATIVE_CEASED.citation, officer=True)
            continue
        age = _age(occ, on)
        qualifies_now = occupant_qualifies(c, rel, age, occ.incapacitated, True)
        if qualifies_now and not occ.lived_there_since_before_admission:
            if not any(d.kind == "relative_moved_in_after_admission" for d in discretions):
                c.flag("qualifying_relative_moved_in_later", "A qualifying relative moved into the home after the adult went into care: the para 4 disregard may not apply; the council may still disregard it at its discretion.", "SI 2014/2672 Sch 2 para 4", officer=True)
            continue
        if qualifies_now and not out.relative_in_home:
            out.relative_in_home = True
            out.why = "partner" if rel == REL_PARTNER else "child under 18" if rel == REL_CHILD else "relative aged 60 or over or incapacitated"
        if rel == REL_FAMILY and age < 0 and not occ.incapacitated:
            c.flag("qualifying_relative_age_unknown", "A relative lives in the home but their date of birth is not given: they may be a qualifying relative (aged 60 or over).", "SI 2014/2672 Sch 2 para 4", officer=True)
    first = _first_day(c, case)
    if first is not None:
        out.start_day = first.toordinal()
        out.days_used, out.readmission_end = _days_used(c, case, first)
    out.discretionary = next((d for d in discretions if _covered(d, on)), None)
    return out


# --------------------------------------------------------------------------- change points


def property_points(case: ChargingCase, start: date, end: date, weeks: int, window_weeks: int,
                    starts: str = "permanent_start") -> dict[date, list[Any]]:
    """The days in (start, end] on which the home's disregard may change: a relative's occupation ends
    and its 12-week run-off ends; the 12 weeks (or their balance on re-admission) end; an officer's
    discretionary disregard starts or ends."""
    from .change_points import ChangeReason

    out: dict[date, list[Any]] = {}

    def add(d: date, reason: ChangeReason) -> None:
        if start < d <= end:
            out.setdefault(d, []).append(reason)

    home = case.home
    if home is None or case.care.setting != "permanent_residential":
        return out
    cite_ro = R_HOME_RELATIVE_CEASED.citation
    for i, occ in enumerate(home.occupants):
        if occ.occupation_ended_on is None:
            continue
        after = occ.occupation_ended_on + timedelta(days=1)
        add(after, ChangeReason("qualifying_relative_occupation_ended", f"home.occupants[{i}] no longer lives in the home "
                                f"({occ.occupation_ended_because})", citation=cite_ro,
                                extra={"last_day_occupied": occ.occupation_ended_on}))
        if occ.occupation_ended_because in _RUN_OFF_CAUSES:
            add(after + timedelta(weeks=weeks), ChangeReason(
                "relative_ceased_disregard_ends", "the 12 weeks after the relative's occupation ended are over: the home "
                "may count as capital", citation=cite_ro))
    care = case.care
    first = care.start_date
    if care.first_admitted_on is not None and first is not None and starts == "first_care_home_admission":
        first = min(first, care.first_admitted_on)
    if first is not None:
        used = care.property_disregard_weeks_used * 7
        if care.previous_permanent_periods:
            periods = sorted(care.previous_permanent_periods, key=lambda p: p.start)
            used = 0
            nxt = first
            for p in reversed(periods):
                if (nxt - p.end).days > window_weeks * 7:
                    break
                used += p.home_disregarded_days
                nxt = p.start
        remaining = weeks * 7 - min(used, weeks * 7)
        if remaining > 0:
            add(first + timedelta(days=remaining), ChangeReason(
                "property_disregard_ends", "the 12-week property disregard ends: the home counts as capital"
                + (f" (the {remaining} days left of it after an earlier period)" if used else ""),
                citation="SI 2014/2672 Sch 2 para 2", extra={"admitted": first, "weeks": weeks, "days_used": used}))
    for i, d in enumerate(case.discretionary_disregards):
        if d.applies_to != "home":
            continue
        if d.starts_on is not None:
            add(d.starts_on, ChangeReason("discretionary_home_disregard_starts", f"discretionary_disregards[{i}] starts",
                                          citation="Care Act 2014 s 14; Care and Support Statutory Guidance Annex B"))
        if d.ends_on is not None:
            add(d.ends_on + timedelta(days=1), ChangeReason("discretionary_home_disregard_ends", f"discretionary_disregards[{i}] ends",
                                                            citation="Care Act 2014 s 14; Care and Support Statutory Guidance Annex B"))
    return out
