"""Disposable income allowance and the weekly amount deferred."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from careact.dpa import weekly_deferral

ON = date(2024, 6, 1)


def test_liverpool_2024_300_a_week_deferred():
    """Liverpool City Council, 'Deferred payment agreements (DPA)' (2024): full cost £500 a week, assessed
    charge from income £200 a week, so £300 a week is deferred. The £200 is income less the £144 DIA."""
    r = weekly_deferral({"weekly_care_cost": Decimal("500.00"), "weekly_income": Decimal("344.00")}, on=ON)
    assert r.disposable_income_allowance == Decimal("144.00")
    assert r.contribution_from_income == Decimal("200.00")
    assert r.deferred == Decimal("300.00")


def test_lower_dia_chosen_means_less_deferred():
    r = weekly_deferral({"weekly_care_cost": Decimal(500), "weekly_income": Decimal(344), "disposable_income_allowance": Decimal("100.00")}, on=ON)
    assert r.deferred == Decimal("256.00")


def test_dia_is_kept_between_the_pea_and_the_maximum():
    low = weekly_deferral({"weekly_care_cost": Decimal(500), "weekly_income": Decimal(344), "disposable_income_allowance": Decimal("0.00")}, on=ON)
    high = weekly_deferral({"weekly_care_cost": Decimal(500), "weekly_income": Decimal(344), "disposable_income_allowance": Decimal("200.00")}, on=ON)
    pea = low.explanation.find("dpa.income.disposable_income_allowance").params[1].value
    assert low.disposable_income_allowance == pea
    assert high.disposable_income_allowance == Decimal("144.00")


def test_nothing_deferred_when_income_and_contributions_cover_the_cost():
    r = weekly_deferral({"weekly_care_cost": Decimal(500), "weekly_income": Decimal(600), "other_weekly_contribution": Decimal(100)}, on=ON)
    assert r.deferred == Decimal("0.00")


def test_assessed_income_from_a_charging_case_leaves_the_home_out():
    from careact.charging import example_case
    from careact.dpa import income_for_deferral

    case = example_case("residential_single")
    result = income_for_deferral(case, on=date(2025, 6, 2))
    income = result.assessed_income
    assert result.inputs.home is None
    assert not result.self_funder
    assert income > 0
    r = weekly_deferral({"weekly_care_cost": result.cost_of_care, "weekly_income": income}, on=date(2025, 6, 2))
    assert r.deferred == result.cost_of_care - max(Decimal(0), income - Decimal("144.00"))
