"""The charge is never negative and never above the cost of care, in every setting, single or couple."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from prop_support import run

from careact.charging.models import ChargingResult
from strategies import charging_cases


@settings(max_examples=300, deadline=None)
@given(charging_cases())
def test_charge_is_between_nil_and_the_cost_of_care(drawn):
    r = run(drawn.case, drawn.on, explain=False)
    assert r.weekly_charge >= 0
    assert r.weekly_charge <= r.cost_of_care
    assert r.council_weekly_contribution >= 0
    assert r.weekly_charge + r.council_weekly_contribution == r.cost_of_care
    for amount in (r.weekly_charge, r.council_weekly_contribution, r.assessed_capital, r.tariff_income,
                   r.assessed_income, r.total_allowances, r.available_income):
        assert isinstance(amount, Decimal) and amount == amount.quantize(Decimal("0.01"))
    if r.personal_budget is not None:
        pb = r.personal_budget
        assert 0 <= pb.person_contribution <= pb.personal_budget
        assert pb.person_contribution + pb.council_share == pb.personal_budget


@settings(max_examples=150, deadline=None)
@given(charging_cases())
def test_every_result_is_a_valid_result(drawn):
    """Results are built without re-validation for speed; this checks nothing invalid slips through."""
    r = run(drawn.case, drawn.on)
    doc = r.model_dump(mode="json", by_alias=True)
    again = ChargingResult.model_validate(doc)
    assert again.model_dump(mode="json", by_alias=True) == doc
    assert doc["explanation"]["schema"] == "careact.explain/1"
