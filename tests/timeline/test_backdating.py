"""Backdating/arrears arithmetic: whole weeks in full, part weeks pro rata by days, rounded once per row."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from careact.charging import timeline
from careact.charging.backdating import amount_for_days, backdate
from careact.errors import InputError

D = Decimal


def test_amount_for_days():
    assert amount_for_days(D("100.00"), 14) == D("200.00")  # two whole weeks
    assert amount_for_days(D("100.00"), 10) == D("142.86")  # 1 week + 3/7 of a week = 142.857…
    assert amount_for_days(D("70.00"), 1) == D("10.00")
    assert amount_for_days(D("0.00"), 30) == D("0.00")


def test_rows_split_where_either_side_changes():
    periods = [(date(2025, 4, 1), date(2025, 4, 14), D("100.00")), (date(2025, 4, 15), date(2025, 4, 30), D("120.00"))]
    charged = [{"from": "2025-04-01", "to": "2025-04-07", "weekly": "100.00"}, {"from": "2025-04-08", "weekly": "90.00"}]
    b = backdate(periods, charged)
    assert [(r.start.day, r.end.day, r.weekly_due, r.weekly_charged) for r in b.rows] == [
        (1, 7, D("100.00"), D("100.00")),
        (8, 14, D("100.00"), D("90.00")),
        (15, 30, D("120.00"), D("90.00")),
    ]
    # 16 days: due 120 × 16/7 = 274.29, charged 90 × 16/7 = 205.71 (each rounded once) -> 68.58
    assert [r.difference for r in b.rows] == [D("0.00"), D("10.00"), D("68.58")]
    assert b.total_difference == D("78.58")
    assert b.total_due - b.total_charged == b.total_difference


def test_refund_is_negative_and_uncharged_days_count_as_nothing():
    periods = [(date(2025, 1, 1), date(2025, 1, 14), D("50.00"))]
    b = backdate(periods, [{"from": "2025-01-08", "to": "2025-01-14", "weekly": "80.00"}])
    assert [(r.charged, r.difference) for r in b.rows] == [(D("0.00"), D("50.00")), (D("80.00"), D("-30.00"))]


def test_overlapping_charged_segments_rejected():
    with pytest.raises(InputError) as err:
        backdate([], [{"from": "2025-01-01", "to": "2025-01-31", "weekly": "1"}, {"from": "2025-01-15", "weekly": "2"}])
    assert err.value.field == "charged[1].from"


def test_float_charged_amount_rejected():
    with pytest.raises(InputError) as err:
        backdate([], [{"from": "2025-01-01", "weekly": 12.5}])
    assert err.value.field == "charged[0].weekly"


def test_timeline_backdating_reconciles_with_periods(home_care):
    tc = {"case": home_care, "changes": [{"from": "2025-09-01", "set": {"care.weekly_cost": "60.00"}}],
          "charged": [{"from": "2025-06-01", "weekly": "75.00"}]}
    tl = timeline(tc, date(2025, 6, 1), date(2025, 12, 31))
    b = tl.backdating
    assert b is not None
    assert b.rows[0].start == tl.start and b.rows[-1].end == tl.end
    for p in tl.periods:
        rows = [r for r in b.rows if p.start <= r.start <= p.end]
        assert sum(r.days for r in rows) == p.days
        assert all(r.weekly_due == p.weekly_charge for r in rows)
