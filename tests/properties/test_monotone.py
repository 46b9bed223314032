"""More capital, or more income that counts, never lowers the charge."""

from __future__ import annotations

import copy
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st
from prop_support import run

from careact.charging.catalogue import capital_types, income_types
from strategies import charging_cases, money

# counted in every setting, and neither a disability benefit nor Carer's Allowance (whose presence
# changes the allowances, not just the income)
PLAIN_COUNTED_INCOME = ("state_pension", "occupational_pension", "other_income", "maintenance_payments",
                        "esa_contributory")
COUNTED_CAPITAL = tuple(t for t, c in sorted(capital_types().items()) if c.treatment == "counted")


def _more(amount, extra: Decimal) -> str:
    return f"{Decimal(str(amount)) + extra:.2f}"


@settings(max_examples=300, deadline=None)
@given(charging_cases(), st.data())
def test_more_capital_never_lowers_the_charge(drawn, data):
    extra = data.draw(money(Decimal("0.01"), 50_000), label="extra capital")
    case = copy.deepcopy(drawn.case)
    if case.get("capital") and data.draw(st.booleans(), label="grow an existing asset"):
        i = data.draw(st.integers(0, len(case["capital"]) - 1), label="asset")
        case["capital"][i]["value"] = _more(case["capital"][i]["value"], extra)
    else:
        kind = data.draw(st.sampled_from(COUNTED_CAPITAL), label="new asset")
        case.setdefault("capital", []).append({"type": kind, "value": f"{extra:.2f}"})
    before = run(drawn.case, drawn.on, explain=False)
    after = run(case, drawn.on, explain=False)
    assert after.assessed_capital >= before.assessed_capital
    assert after.weekly_charge >= before.weekly_charge, (before.weekly_charge, after.weekly_charge)


@settings(max_examples=300, deadline=None)
@given(charging_cases(), st.data())
def test_more_counted_income_never_lowers_the_charge(drawn, data):
    extra = data.draw(money(Decimal("0.01"), 500), label="extra income")
    case = copy.deepcopy(drawn.case)
    grown = None
    before = run(drawn.case, drawn.on, explain=False)
    if case.get("income") and data.draw(st.booleans(), label="grow an existing line"):
        i = data.draw(st.integers(0, len(case["income"]) - 1), label="line")
        grown = case["income"][i]
        grown["amount"] = _more(grown["amount"], extra)
    else:
        kind = data.draw(st.sampled_from(PLAIN_COUNTED_INCOME), label="new income")
        case.setdefault("income", []).append({"type": kind, "amount": f"{extra:.2f}"})
    after = run(case, drawn.on, explain=False)
    assert after.assessed_income >= before.assessed_income
    assert after.weekly_charge >= before.weekly_charge, (grown, before.weekly_charge, after.weekly_charge)


def test_the_catalogue_types_used_here_are_counted():
    types = income_types()
    for t in PLAIN_COUNTED_INCOME:
        assert types[t].residential == "counted" and types[t].non_residential == "counted", t
    assert COUNTED_CAPITAL


def test_a_disability_benefit_from_nil_to_a_pound_does_not_lower_the_charge():
    """Annex C para 39: the DRE allowance is limited to the disability benefit taken into account, so
    £1 more of that benefit cannot switch on an allowance larger than itself."""
    from datetime import date

    base = {
        "person": {"date_of_birth": "1980-01-01"},
        "care": {"setting": "non_residential", "weekly_cost": "300.00"},
        "income": [{"type": "esa_contributory", "amount": "400.00"},
                   {"type": "pip_daily_living_standard", "amount": "0.00"}],
        "disability_related_expenditure": [{"description": "laundry", "amount": "50.00"}],
    }
    more = copy.deepcopy(base)
    more["income"][1]["amount"] = "1.00"
    on = date(2025, 6, 1)
    assert run(more, on, explain=False).weekly_charge >= run(base, on, explain=False).weekly_charge
