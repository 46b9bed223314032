"""A birthday in a care-home resident's home is a change point (SI 2014/2672 Sch 2 para 4)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from careact.charging import assess, timeline

BASE = {
    "person": {"date_of_birth": "1938-02-11"},
    "care": {"setting": "permanent_residential", "weekly_cost": "900.00", "start_date": "2024-06-03"},
    "income": [{"type": "state_pension", "amount": "221.20"}],
    "capital": [{"type": "savings_account", "value": "4000.00"}],
}


def _case(occupant: dict) -> dict:
    return {**BASE, "home": {"value": "200000.00", "occupants": [occupant]}}


def test_a_relative_reaching_60_starts_the_disregard_on_the_birthday():
    """The adult's sister lives in the home and turns 60 on 15 October 2025: from that day the home is
    disregarded (para 4: a relative aged 60 or over), so the full-cost period ends the day before."""
    case = _case({"relationship": "relative", "date_of_birth": "1965-10-15"})
    tl = timeline(case, date(2025, 6, 1), date(2026, 1, 31))
    starts = [p.start for p in tl.periods]
    assert date(2025, 10, 15) in starts
    birthday = tl.period_on(date(2025, 10, 15))
    assert any(c.kind == "qualifying_relative" for c in birthday.changes)
    before, after = tl.period_on(date(2025, 10, 14)), birthday
    assert before.self_funder and before.weekly_charge == Decimal("900.00")
    assert not after.self_funder and after.weekly_charge < Decimal("900.00")
    # each period equals the single assessment on its first and last day
    for p in (before, after):
        for day in (p.start, p.end):
            assert assess(case, on=day, explain=False).weekly_charge == p.weekly_charge


def test_a_child_reaching_18_ends_the_disregard():
    """The adult's son lives in the home and turns 18 on 2 March 2026: para 4 (a child under 18) stops
    applying, and with no 12 weeks left the home counts from that day."""
    case = _case({"relationship": "child_of_adult", "date_of_birth": "2008-03-02"})
    tl = timeline(case, date(2025, 6, 1), date(2026, 6, 30))
    p = tl.period_on(date(2026, 3, 2))
    assert p.start == date(2026, 3, 2)
    assert any(c.kind == "qualifying_relative" for c in p.changes)
    assert tl.period_on(date(2026, 3, 2) - timedelta(days=1)).weekly_charge < p.weekly_charge
