"""Properties of DPA statements over generated agreements."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from careact.dpa import dpa_statement, equity_limit


@st.composite
def agreements(draw):
    start = draw(st.dates(date(2015, 4, 1), date(2025, 6, 30)))
    ag = {
        "start": start.isoformat(),
        "property": {"market_value": f"{draw(st.integers(20000, 400000))}.00"},
        "weekly_care_cost": f"{draw(st.integers(0, 2000))}.{draw(st.integers(0, 99)):02d}",
        "weekly_income": f"{draw(st.integers(0, 500))}.00",
        "compounding": draw(st.sampled_from(["daily", "monthly", "simple"])),
        "setup_fee": f"{draw(st.integers(0, 1000))}.00",
        "annual_fee": f"{draw(st.integers(0, 300))}.00",
    }
    end = start + timedelta(days=draw(st.integers(0, 1500)))
    return ag, end


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(agreements())
def test_rows_reconcile_and_care_costs_stay_within_the_equity_limit(drawn):
    ag, end = drawn
    st_ = dpa_statement(ag, on=end)
    rows = st_.rows
    assert rows[0].start == date.fromisoformat(ag["start"]) and rows[-1].end == end
    for a, b in itertools.pairwise(rows):
        assert a.end + timedelta(days=1) == b.start
        assert a.closing_balance == b.opening_balance
    for r in rows:
        assert r.closing_balance == r.opening_balance + r.care_costs_deferred + r.admin_charges + r.interest
        assert r.interest >= 0 and r.care_costs_deferred >= 0
    limit = equity_limit(ag["property"], on=date.fromisoformat(ag["start"])).limit
    assert st_.total_care_costs_deferred <= limit  # the debt stops taking care costs at the limit
    if st_.equity_limit_reached_on is None:
        assert st_.total_care_costs_not_deferred == 0
