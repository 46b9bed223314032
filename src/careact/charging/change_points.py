"""Change points: the dates on which a case's weekly charge may change, and why.

Two kinds:

* **input changes** - the caller's dated changes to the case (``{"from": date, "set": {path: value}}``).
  A path is dotted with list indexes (``care.weekly_cost``, ``income[0].amount``) or a JSON pointer
  (``/income/0/amount``). Setting ``null`` removes the field (its default applies again); an index
  one past the end of a list appends to it.
* **rule-caused changes**, found from the case and the rule set:
  - a parameter the assessment reads changes value (April upratings, a council or reform overlay);
  - the 12-week property disregard ends (SI 2014/2672 Sch 2 para 2);
  - the adult turns 25, or the adult or partner reaches pension credit age (the MIG bands of
    reg 7), where the minimum income guarantee applies (care other than in a care home);
  - a relative living in a care-home resident's home reaches 60, or the resident's child living there
    reaches 18 (the qualifying-relative disregard of Sch 2 para 4);
  - a temporary stay becomes permanent (given as ``becomes_permanent_on``);
  - capital drawn down to pay the full cost falls to the upper capital limit (the assumption is
    stated in :mod:`careact.charging.timeline`).

The rule-caused change points are found from *one state* of a case (the case on a day and its
assessment), so the same functions serve the timeline, which walks a whole case period by period,
and :mod:`careact.events`, which schedules the reassessments an event makes due:

* :data:`CASE_POINT_SOURCES` - every change point that follows from the case itself (birthdays,
  the end of the property disregard...), each a function of a :class:`PointContext`; collected by
  :func:`case_points`. A new kind of change point is added to this tuple and both users pick it up.
* :func:`first_parameter_change` - the next day a parameter the assessment read changes value.
* :func:`projected_depletion` - the day capital drawn down to pay the full cost is projected to fall
  to the upper capital limit.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_CEILING, Decimal
from typing import Any

from ..dates import birthday_of_age
from ..errors import InputError
from ..money import ZERO
from ..rules import RuleSet
from .pension_age import pension_credit_age_date

__all__ = [
    "CASE_POINT_SOURCES",
    "MIG_YOUNG_ADULT_AGE",
    "ChangeReason",
    "Depletion",
    "PointContext",
    "PointSource",
    "apply_set",
    "case_points",
    "disregard_end",
    "first_parameter_change",
    "household_points",
    "param_changes",
    "parse_path",
    "personal_points",
    "projected_depletion",
]

MIG_YOUNG_ADULT_AGE = 25
"""SI 2014/2672 reg 7(2): the single-person MIG bands change at 25 (18-24, 25 to pension credit age)."""

_TOKEN = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


@dataclass(frozen=True, slots=True)
class ChangeReason:
    """Why a period starts: what changed, the value before and after, and the law or source."""

    kind: str  # start | input | rules | property_disregard_ends | birthday | pension_credit_age | qualifying_relative | becomes_permanent | capital_depletion | capital_drawn | detected
    description: str
    path: str | None = None
    before: Any = None
    after: Any = None
    citation: str | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)


def _bad(path: str, where: str) -> InputError:
    return InputError.single(where, f"{path!r} is not a path such as care.weekly_cost or income[0].amount", "invalid_path")


def parse_path(path: str, *, where: str = "changes") -> list[str | int]:
    """``care.weekly_cost`` / ``income[0].amount`` / ``/income/0/amount`` as a list of keys and indexes."""
    text = path.strip()
    if not text or text == "/":
        raise _bad(path, where)
    if text.startswith("/"):
        parts: list[str | int] = []
        for raw in text[1:].split("/"):
            raw = raw.replace("~1", "/").replace("~0", "~")
            if not raw:
                raise _bad(path, where)
            parts.append(int(raw) if raw.isdigit() else raw)
        return parts
    parts = []
    pos = 0
    for m in _TOKEN.finditer(text):
        gap = text[pos : m.start()]
        if gap not in ("", ".") or (gap == "" and pos and m.group(1) is not None):
            raise _bad(path, where)
        parts.append(m.group(1) if m.group(1) is not None else int(m.group(2)))
        pos = m.end()
    if pos != len(text) or not parts or isinstance(parts[0], int):
        raise _bad(path, where)
    return parts


def apply_set(case: dict[str, Any], path: str, value: Any, *, where: str) -> tuple[dict[str, Any], Any]:
    """A copy of ``case`` with ``value`` at ``path`` (``None`` removes it); returns (new case, old value)."""
    parts = parse_path(path, where=where)
    out = copy.deepcopy(case)
    node: Any = out
    for i, key in enumerate(parts[:-1]):
        nxt = parts[i + 1]
        if isinstance(key, int):
            if not isinstance(node, list) or key >= len(node):
                raise InputError.single(where, f"{path!r}: there is no item {key} to change", "invalid_path")
            node = node[key]
        else:
            if not isinstance(node, dict):
                raise InputError.single(where, f"{path!r}: {key!r} is not inside an object", "invalid_path")
            if node.get(key) is None:
                node[key] = [] if isinstance(nxt, int) else {}
            node = node[key]
    last = parts[-1]
    if isinstance(last, int):
        if not isinstance(node, list) or last > len(node):
            raise InputError.single(where, f"{path!r}: there is no item {last} to change", "invalid_path")
        old = node[last] if last < len(node) else None
        if value is None:
            if last < len(node):
                node.pop(last)
        elif last == len(node):
            node.append(value)
        else:
            node[last] = value
        return out, old
    if not isinstance(node, dict):
        raise InputError.single(where, f"{path!r}: {last!r} is not inside an object", "invalid_path")
    old = node.get(last)
    if value is None:
        node.pop(last, None)
    else:
        node[last] = value
    return out, old


def personal_points(case: Any, start: date, end: date, ruleset: str = "england") -> dict[date, list[ChangeReason]]:
    """Birthdays that move the adult (or partner) between MIG bands, in (start, end].

    Only where the minimum income guarantee can apply: care other than in a care home (and respite,
    which a council may assess as such).
    """
    out: dict[date, list[ChangeReason]] = {}

    def add(d: date, reason: ChangeReason) -> None:
        if start < d <= end:
            out.setdefault(d, []).append(reason)

    if case.care.setting not in ("non_residential", "respite"):
        return out
    dob = case.person.date_of_birth
    add(
        birthday_of_age(dob, MIG_YOUNG_ADULT_AGE),
        ChangeReason("birthday", "the adult turns 25: the minimum income guarantee band may change",
                     citation="SI 2014/2672 reg 7(2)", extra={"age": MIG_YOUNG_ADULT_AGE}),
    )
    try:
        add(pension_credit_age_date(dob, ruleset),
            ChangeReason("pension_credit_age", "the adult reaches pension credit age: the minimum income guarantee band changes",
                         citation="SI 2014/2672 reg 7(2)-(4); State Pension Credit Act 2002 s 1(6)"))
        if case.partner is not None:
            add(pension_credit_age_date(case.partner.date_of_birth, ruleset),
                ChangeReason("pension_credit_age", "the partner reaches pension credit age: the couple's minimum income guarantee may change",
                             citation="SI 2014/2672 reg 7(4)"))
    except InputError:
        pass  # outside the pension-age table: the assessment itself reports it
    return out


def household_points(case: Any, start: date, end: date, min_age: int, child_age: int) -> dict[date, list[ChangeReason]]:
    """Birthdays in the home of a permanent care-home resident that start or end a qualifying relative's
    occupation (SI 2014/2672 Sch 2 para 4): a relative reaching ``min_age`` (60) starts the disregard;
    the adult's child reaching ``child_age`` (18) ends it, unless someone else still qualifies."""
    out: dict[date, list[ChangeReason]] = {}
    if case.care.setting != "permanent_residential" or case.home is None:
        return out
    for i, occ in enumerate(case.home.occupants):
        if occ.date_of_birth is None:
            continue
        if occ.relationship in ("family_member", "relative") and not occ.incapacitated:
            day = birthday_of_age(occ.date_of_birth, min_age)
            reason = ChangeReason("qualifying_relative", f"a relative living in the home (home.occupants[{i}]) reaches {min_age}: "
                                  "the home may be disregarded", citation="SI 2014/2672 Sch 2 para 4", extra={"age": min_age})
        elif occ.relationship == "child_of_adult":
            day = birthday_of_age(occ.date_of_birth, child_age)
            reason = ChangeReason("qualifying_relative", f"the adult's child living in the home (home.occupants[{i}]) reaches "
                                  f"{child_age}: the home may stop being disregarded", citation="SI 2014/2672 Sch 2 para 4",
                                  extra={"age": child_age})
        else:
            continue
        if start < day <= end:
            out.setdefault(day, []).append(reason)
    return out


def disregard_end(case: Any, weeks: int) -> date | None:
    """The first day after the 12-week property disregard, or None if it does not apply to the case."""
    if case.care.setting != "permanent_residential" or case.home is None or case.care.start_date is None:
        return None
    remaining = weeks - case.care.property_disregard_weeks_used
    if remaining <= 0:
        return None
    ends: date = case.care.start_date + timedelta(weeks=remaining)
    return ends


def param_changes(rules: RuleSet, names: Iterable[tuple[str, str | None]], before: date, on: date) -> list[ChangeReason]:
    """The parameters among ``names`` (name, scale key) whose value on ``on`` differs from ``before``."""
    out = []
    a, b = rules.at(before), rules.at(on)
    for name, key in sorted(set(names), key=lambda nk: (nk[0], nk[1] or "")):
        try:
            old = a[name] if key is None else a[name][key]
        except LookupError:
            old = None
        try:
            new = b[name] if key is None else b[name][key]
        except LookupError:
            continue
        if old is None or old.value != new.value:
            label = f"{name}[{key}]" if key else name
            out.append(
                ChangeReason(
                    "rules",
                    f"{label} changes",
                    path=label,
                    before=None if old is None else old.value,
                    after=new.value,
                    citation=new.citation.text,
                    extra={"layer": new.layer, "status": new.citation.status.value},
                )
            )
    return out


# --------------------------------------------------------------------------- change points of one state


@dataclass(frozen=True, slots=True)
class PointContext:
    """One state of a case: the case on ``on`` (a validated charging case), and the rules.

    A change-point source looks for the days in (``on``, ``end``] on which the case's charge may
    change with nothing reported about the case.
    """

    case: Any  # careact.charging.models.ChargingCase
    on: date
    end: date
    rules: RuleSet


PointSource = Callable[[PointContext], Mapping[date, list[ChangeReason]]]
"""A source of change points: the days in (on, end] and why, from one state of a case."""


def _mig_birthdays(ctx: PointContext) -> Mapping[date, list[ChangeReason]]:
    """SI 2014/2672 reg 7: birthdays that move the adult or partner between MIG bands."""
    return personal_points(ctx.case, ctx.on, ctx.end, ctx.rules.base.name)


def _qualifying_relatives(ctx: PointContext) -> Mapping[date, list[ChangeReason]]:
    """SI 2014/2672 Sch 2 para 4: birthdays that start or end a qualifying relative's occupation."""
    res = ctx.rules.at(ctx.on)
    return household_points(ctx.case, ctx.on, ctx.end, res["qualifying_relative.min_age"].value,
                            res["qualifying_relative.child_under_age"].value)


def _property_disregard_end(ctx: PointContext) -> Mapping[date, list[ChangeReason]]:
    """SI 2014/2672 Sch 2 para 2: the first day after the 12-week property disregard."""
    weeks = ctx.rules.at(ctx.on)["property.disregard_weeks"]
    day = disregard_end(ctx.case, weeks.value)
    if day is None or not ctx.on < day <= ctx.end:
        return {}
    return {day: [ChangeReason("property_disregard_ends", "the 12-week property disregard ends: the home counts as capital",
                               citation="SI 2014/2672 Sch 2 para 2",
                               extra={"admitted": ctx.case.care.start_date, "weeks": weeks.value})]}


CASE_POINT_SOURCES: tuple[PointSource, ...] = (_mig_birthdays, _qualifying_relatives, _property_disregard_end)
"""Every source of change points that follow from the case itself, in the order their reasons are listed."""


def case_points(ctx: PointContext, sources: Iterable[PointSource] = CASE_POINT_SOURCES) -> dict[date, list[ChangeReason]]:
    """The change points in (ctx.on, ctx.end] from every source, merged by day (reasons in source order)."""
    out: dict[date, list[ChangeReason]] = {}
    for source in sources:
        for day, reasons in source(ctx).items():
            if ctx.on < day <= ctx.end:
                out.setdefault(day, []).extend(reasons)
    return out


def first_parameter_change(rules: RuleSet, names: Iterable[tuple[str, str | None]], on: date,
                           dates: Iterable[date], before: date | None = None) -> tuple[date, list[ChangeReason]] | None:
    """The first of ``dates`` after ``on`` (and before ``before``) on which a parameter among ``names``
    (those the assessment on ``on`` read) changes value, with the changes; None if there is none."""
    read = set(names)
    for day in sorted(dates):
        if day <= on:
            continue
        if before is not None and day >= before:
            return None
        changed = param_changes(rules, read, on, day)
        if changed:
            return day, changed
    return None


DAYS_IN_WEEK = 7


@dataclass(frozen=True, slots=True)
class Depletion:
    """Capital drawn down to pay the full cost (an assumption, see :mod:`careact.charging.timeline`)."""

    weekly_draw: Decimal  # the weekly charge less income other than tariff income
    day: date | None  # the day counted capital is projected to reach the upper capital limit
    reason: ChangeReason | None
    assumed: bool  # whether the projection rests on the depletion assumption


def projected_depletion(result: Any, on: date) -> Depletion | None:
    """SI 2014/2672 reg 12: while capital above the upper limit makes the adult pay the full cost, the day
    capital drawn down to pay it is projected to fall to the upper limit (None if the adult does not pay
    the full cost because of capital). ``result`` is the assessment on ``on``."""
    if not (result.self_funder and result.full_cost_reason):
        return None
    income_only = result.assessed_income - result.tariff_income
    draw = max(ZERO, result.weekly_charge - income_only)
    upper = result.upper_capital_limit
    home = sum((ln.counted for ln in result.capital if ln.type == "main_home"), ZERO)
    liquid = result.assessed_capital - home
    if draw <= 0 or upper is None:
        return Depletion(draw, None, None, False)
    excess = result.assessed_capital - upper
    if 0 < excess <= liquid:
        days = int((excess * DAYS_IN_WEEK / draw).to_integral_value(rounding=ROUND_CEILING))
        if days > (date.max - on).days:  # so slow a draw-down that no calendar day reaches the limit
            return Depletion(draw, None, None, True)
        reason = ChangeReason("capital_depletion", "capital drawn down to pay the full cost falls to "
                              "the upper capital limit (projected)", citation="SI 2014/2672 reg 12",
                              before=result.assessed_capital, after=upper, extra={"weekly_draw_down": draw})
        return Depletion(draw, on + timedelta(days=days), reason, True)
    return Depletion(draw, None, None, excess > liquid)
