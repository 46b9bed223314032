"""Property: the timeline of a case with no changes equals the single assessment on each date.

Capital depletion is a projected (assumed) change, so it is switched off here.
"""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from careact.charging import assess, timeline

START = date(2023, 1, 1)


@st.composite
def cases(draw):
    setting = draw(st.sampled_from(["non_residential", "permanent_residential", "temporary_residential"]))
    born = draw(st.dates(date(1935, 1, 1), date(2003, 12, 31)))
    case = {
        "person": {"date_of_birth": born.isoformat()},
        "care": {"setting": setting, "weekly_cost": f"{draw(st.integers(50, 1500))}.00"},
        "income": [{"type": "state_pension", "amount": f"{draw(st.integers(0, 400))}.{draw(st.integers(0, 99)):02d}"}],
        "capital": [{"type": "savings_account", "value": f"{draw(st.integers(0, 40000))}.00"}],
    }
    if setting == "permanent_residential":
        case["care"]["start_date"] = draw(st.dates(date(2022, 6, 1), date(2024, 6, 1))).isoformat()
        if draw(st.booleans()):
            case["home"] = {"value": f"{draw(st.integers(50000, 300000))}.00"}
    return case


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases(), st.integers(0, 700), st.integers(1, 900), st.lists(st.integers(0, 2000), min_size=1, max_size=4))
def test_timeline_without_changes_equals_single_assessments(case, offset, length, probes):
    start = START + timedelta(days=offset)
    end = start + timedelta(days=length)
    if case["care"].get("start_date") and date.fromisoformat(case["care"]["start_date"]) > start:
        start = date.fromisoformat(case["care"]["start_date"])
        end = max(end, start)
    tl = timeline(case, start, end, explain=False, project_capital_depletion=False)
    assert tl.periods[0].start == start and tl.periods[-1].end == end
    for a, b in zip(tl.periods, tl.periods[1:]):
        assert a.end + timedelta(days=1) == b.start
    for p in probes:
        day = start + timedelta(days=p % ((end - start).days + 1))
        single = assess(case, day, explain=False)
        period = tl.period_on(day)
        assert period.weekly_charge == single.weekly_charge, (day, period.start, period.end)
        assert period.assessed_capital == single.assessed_capital
