"""DPA statements: deferral in arrears, interest per relevant period, admin charges, the equity limit."""

from __future__ import annotations

import itertools
from datetime import date
from decimal import Decimal

import pytest

from careact.dpa import dpa_statement
from careact.errors import InputError
from careact.explain import ExplanationDoc

BIG = {"market_value": "1000000"}


def agreement(**kw):
    base = {"start": "2024-01-01", "property": BIG, "weekly_care_cost": "0.00"}
    base.update(kw)
    return base


def test_daily_compounding_over_one_relevant_period():
    """£10,000 owed for 1 January-30 June 2024 (182 days) at 4.65%: 10,000 × ((1 + 0.0465/365)^182 − 1)."""
    st = dpa_statement(agreement(opening_balance="10000.00"), on=date(2024, 6, 30))
    (row,) = st.rows
    assert row.days == 182
    assert row.rate == Decimal("0.0465")
    assert row.interest == Decimal("234.56")
    assert st.closing_balance == Decimal("10234.56")


def test_compounding_modes_are_ordered():
    def interest(mode):
        return dpa_statement(agreement(opening_balance="10000.00", compounding=mode), on=date(2024, 12, 31)).total_interest

    simple, monthly, daily = interest("simple"), interest("monthly"), interest("daily")
    assert simple < monthly < daily
    # simple: 10,000 × (0.0465 × 182 + 0.0405 × 184) / 365
    assert simple == Decimal("231.86") + Decimal("204.16")


def test_interest_paid_separately_is_not_added():
    st = dpa_statement(agreement(opening_balance="10000.00", interest_added_to_debt=False), on=date(2024, 6, 30))
    assert st.total_interest == Decimal("0.00")
    assert st.interest_payable_separately == Decimal("231.86")
    assert st.closing_balance == Decimal("10000.00")


def test_weekly_in_arrears_with_a_part_week_pro_rata():
    # 2 whole weeks and 3 days at £700 a week, no interest: 700 + 700 + 300
    st = dpa_statement(agreement(weekly_care_cost="700.00", interest_rate="0"), on=date(2024, 1, 17))
    assert st.total_care_costs_deferred == Decimal("1700.00")


def test_change_mid_week_counts_each_day_at_its_own_rate():
    st = dpa_statement(
        agreement(weekly_care_cost="700.00", interest_rate="0", changes=[{"on": "2024-01-05", "weekly_care_cost": "1400.00"}]),
        on=date(2024, 1, 7),
    )
    # 4 days at £100 + 3 days at £200
    assert st.total_care_costs_deferred == Decimal("1000.00")


def test_admin_charges_set_up_and_each_anniversary():
    """Fees as in Central Bedfordshire Council's DPA page (set-up £775.20; £127.70 a year)."""
    st = dpa_statement(agreement(setup_fee="775.20", annual_fee="127.70", interest_rate="0"), on=date(2026, 1, 1))
    assert st.total_admin_charges == Decimal("775.20") + 2 * Decimal("127.70")


def test_agreed_rate_above_the_maximum_is_capped():
    st = dpa_statement(agreement(opening_balance="1000.00", interest_rate="0.10"), on=date(2024, 6, 30))
    assert st.rows[0].rate == Decimal("0.0465")
    assert "dpa.interest.agreed_rate" in st.explanation.step_ids()


def test_stops_deferring_at_the_equity_limit_but_interest_continues():
    ag = agreement(property={"market_value": "50000"}, weekly_care_cost="1000.00")  # limit £30,750
    st = dpa_statement(ag, on=date(2025, 6, 30))
    assert st.equity_limit_reached_on is not None
    assert st.total_care_costs_deferred <= Decimal("30750.00")
    assert st.total_care_costs_not_deferred > 0
    assert st.closing_balance > Decimal("30750.00")  # interest keeps accruing after the limit
    assert "dpa.statement.equity_limit_reached" in st.explanation.step_ids()


def test_until_limit_ends_on_the_day_the_limit_is_reached():
    ag = agreement(property={"market_value": "50000"}, weekly_care_cost="1000.00")
    st = dpa_statement(ag, on=date(2063, 12, 31), until_limit=True)
    assert st.end == st.equity_limit_reached_on
    assert st.closing_balance == Decimal("30750.00")
    rows = st.rows
    assert all(a.end < b.start for a, b in itertools.pairwise(rows))
    assert all(r.closing_balance == n.opening_balance for r, n in itertools.pairwise(rows))


def test_rows_follow_relevant_periods_and_reconcile():
    st = dpa_statement(agreement(weekly_care_cost="800.00", setup_fee="500.00"), on=date(2025, 3, 31))
    assert [(r.start, r.end) for r in st.rows] == [
        (date(2024, 1, 1), date(2024, 6, 30)),
        (date(2024, 7, 1), date(2024, 12, 31)),
        (date(2025, 1, 1), date(2025, 3, 31)),
    ]
    for r in st.rows:
        assert r.closing_balance == r.opening_balance + r.care_costs_deferred + r.admin_charges + r.interest
    ExplanationDoc.model_validate(st.explanation.to_dict())


def test_carried_forward_rate_is_warned():
    st = dpa_statement(agreement(opening_balance="100.00"), on=date(2026, 3, 1))
    assert st.rows[-1].rate_status == "carried_forward"
    assert any("carried forward" in w for w in st.warnings)


def test_statement_date_required():
    with pytest.raises(InputError) as err:
        dpa_statement(agreement())
    assert err.value.field == "on"


def test_statement_date_before_the_start_is_rejected():
    with pytest.raises(InputError) as err:
        dpa_statement(agreement(), on=date(2023, 12, 31))
    assert err.value.field == "on" and "before the agreement starts" in str(err.value)


def test_unknown_field_rejected():
    with pytest.raises(InputError) as err:
        dpa_statement(agreement(weekly_cost="1.00"), on=date(2024, 2, 1))
    assert err.value.field == "agreement.weekly_cost"
