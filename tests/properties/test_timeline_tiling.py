"""A timeline's periods tile its range exactly: no gaps, no overlaps, first day to last."""

from __future__ import annotations

from datetime import timedelta
from itertools import pairwise

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from strategies import LAST_DAY, charging_cases, money

timeline_mod = pytest.importorskip("careact.charging.timeline")


@st.composite
def timelines(draw):
    drawn = draw(charging_cases(max_income=3, max_capital=3))
    start = drawn.on
    span = draw(st.one_of(st.sampled_from((0, 1, 6, 7, 365, 366, 730)), st.integers(30, 800)))
    end = min(LAST_DAY, start + timedelta(days=span))
    changes = []
    if end > start and draw(st.booleans()):
        days = sorted(draw(st.sets(st.integers(1, (end - start).days), min_size=1, max_size=3)))
        for d in days:
            changes.append({"from": (start + timedelta(days=d)).isoformat(),
                            "set": {"care.weekly_cost": f"{draw(money(0, 2500)):.2f}"}})
    return {"case": drawn.case, "changes": changes}, start, end


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(timelines())
def test_periods_tile_the_range_without_gaps(drawn):
    case, start, end = drawn
    tl = timeline_mod.timeline(case, start, end, explain=False)
    periods = tl.periods
    assert periods, "a timeline has at least one period"
    assert periods[0].start == start
    assert periods[-1].end == end
    for p in periods:
        assert p.start <= p.end
        assert p.days == (p.end - p.start).days + 1
        assert p.result.on == p.start  # each period is assessed on its first day
        assert 0 <= p.weekly_charge <= p.cost_of_care
    for before, after in pairwise(periods):
        assert after.start == before.end + timedelta(days=1), (before.end, after.start)
    assert sum(p.days for p in periods) == (end - start).days + 1
    for c in case["changes"]:  # every dated change starts a period
        day = timeline_mod.date.fromisoformat(c["from"])
        assert any(p.start == day for p in periods), day
