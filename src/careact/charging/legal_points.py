"""Change points of the rules of :mod:`careact.charging` that depend on dates in the case.

The timeline asks :func:`legal_points` for every day in (start, end] on which one of these rules may
change the weekly charge, with the reason and the law:

- the home's disregard (:mod:`.property_disregards`): a relative's occupation ends, the 12 weeks after
  it end, the 12-week disregard (or its balance on re-admission) ends, an officer's dated disregard
  starts or ends;
- short and temporary stays (:mod:`.short_term`): the stay passes 8 weeks, or the council's limit of
  nights, or 52 weeks;
- benefits that stop in a care home (:mod:`.care_home_benefits`): the 29th day, and the day they are
  paid again;
- NHS funding starts or ends (:mod:`.nhs_funding`); notional income starts or ends, and notional
  capital diminishes (:mod:`.notional`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from .care_home_benefits import benefit_points
from .change_points import ChangeReason
from .models import ChargingCase, ChargingResult
from .notional import R_NOTIONAL_INCOME, diminish_notional_capital, diminishing_points
from .property_disregards import property_points
from .short_term import short_stay_points

__all__ = ["legal_points"]


def _merge(out: dict[date, list[ChangeReason]], more: dict[date, list[Any]]) -> None:
    for d, rs in more.items():
        out.setdefault(d, []).extend(rs)


def legal_points(case: ChargingCase, start: date, end: date, res: Any,
                 assess_one: Callable[[ChargingCase, date], ChargingResult] | None = None) -> dict[date, list[ChangeReason]]:
    """Every dated change point of the case's own facts in (start, end] (``res``: the parameters in force on
    ``start``). ``assess_one`` assesses a case on a day; with it, the weeks in which diminishing notional
    capital changes the charge are found too."""
    out: dict[date, list[ChangeReason]] = {}

    def add(d: date | None, reason: ChangeReason) -> None:
        if d is not None and start < d <= end:
            out.setdefault(d, []).append(reason)

    def v(*names: str) -> list[Any] | None:
        """The values of ``names`` in force, or None where the rule set lacks one (a rule set of its own,
        say): those change points are then left to the timeline's bisection safeguard."""
        pvs = [res.get(name) for name in names]
        return None if any(pv is None for pv in pvs) else [pv.value for pv in pvs]

    if (p := v("property.disregard_weeks", "property.readmission_window_weeks", "options.property_disregard_starts")) is not None:
        _merge(out, property_points(case, start, end, *p))
    if (q := v("short_term.max_weeks", "options.short_term_nights_limit", "options.short_term_limit_scope",
               "options.respite_assessed_as_non_residential")) is not None:
        _merge(out, short_stay_points(case, start, end, q[0], q[1], q[2] == "per_year", bool(q[3])))
    if (b := v("care_home_benefits.payable_days", "care_home_benefits.linking_gap_days")) is not None:
        _merge(out, benefit_points(case, start, end, b[0], b[1]))
    n = case.nhs_funding
    if n is not None:
        what = "NHS continuing healthcare" if n.type == "chc" else "NHS-funded nursing care"
        add(n.starts_on, ChangeReason("nhs_funding_starts", f"{what} starts", citation="Care Act 2014 s 22"))
        if n.ends_on is not None:
            add(n.ends_on + timedelta(days=1), ChangeReason("nhs_funding_ends", f"{what} ends", citation="Care Act 2014 s 22"))
    for i, ni in enumerate(case.notional_income):
        add(ni.starts_on, ChangeReason("notional_income_starts", f"notional_income[{i}] starts", citation=R_NOTIONAL_INCOME.citation))
        if ni.ends_on is not None:
            add(ni.ends_on + timedelta(days=1), ChangeReason("notional_income_ends", f"notional_income[{i}] ends", citation=R_NOTIONAL_INCOME.citation))
    for i, nc in enumerate(case.notional_capital):
        if nc.applies_from is not None:
            add(nc.applies_from, ChangeReason("notional_capital_applies", f"notional_capital[{i}] is taken into account",
                                              citation="SI 2014/2672 reg 22"))
    if assess_one is not None and any(nc.applies_from is not None and nc.applies_from < end for nc in case.notional_capital):
        _, schedule = diminish_notional_capital(case, end, assess_one)
        _merge(out, diminishing_points(schedule, start, end))
    for i, item in enumerate(case.capital):
        if item.disregard_extended_to is not None:
            add(item.disregard_extended_to + timedelta(days=1), ChangeReason(
                "extended_disregard_ends", f"capital[{i}]: the council's extension of its disregard ends", citation="SI 2014/2672 Sch 2"))
    return out
