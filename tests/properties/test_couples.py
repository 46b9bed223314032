"""Couples: a jointly held asset of value V counts V/2 for each member; joint income is shared equally."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from hypothesis import given, settings
from hypothesis import strategies as st
from prop_support import run

from careact.charging.catalogue import capital_types
from strategies import SETTINGS, assessment_dates, date_of_birth, money

_SALEABLE = {"second_property", "land", "business_assets"}  # valued less 10% for the expenses of sale
PLAIN_COUNTED = tuple(
    t for t, c in sorted(capital_types().items()) if c.treatment == "counted" and t not in _SALEABLE
)
PENNY = Decimal("0.01")


def _half(v: Decimal) -> Decimal:
    return (v / 2).quantize(PENNY, rounding=ROUND_HALF_UP)


@st.composite
def couples(draw):
    on = draw(assessment_dates())
    setting = draw(st.sampled_from(SETTINGS))
    care = {"setting": setting, "weekly_cost": "900.00"}
    if setting == "permanent_residential":
        care["start_date"] = on.isoformat()
    return {
        "on": on,
        "care": care,
        "a": draw(date_of_birth(on)),
        "b": draw(date_of_birth(on)),
        "asset": draw(st.sampled_from(PLAIN_COUNTED)),
        "value": draw(money(0, 80_000)),
    }


def _case(c, person_dob, partner_dob, capital):
    return {"person": {"date_of_birth": person_dob}, "partner": {"date_of_birth": partner_dob},
            "care": dict(c["care"]), "capital": capital}


def _line(result, kind):
    [line] = [ln for ln in result.capital if ln.type == kind]
    return line


@settings(max_examples=200, deadline=None)
@given(couples())
def test_a_joint_asset_counts_half_for_each_member(c):
    v = c["value"]
    joint = [{"type": c["asset"], "value": f"{v:.2f}", "owner": "joint_with_partner"}]
    as_a = run(_case(c, c["a"], c["b"], joint), c["on"], explain=False)
    as_b = run(_case(c, c["b"], c["a"], joint), c["on"], explain=False)  # the partner assessed instead
    la, lb = _line(as_a, c["asset"]), _line(as_b, c["asset"])
    assert la.share == lb.share == Decimal("0.5")
    assert la.counted == lb.counted == _half(v)
    # together the two halves make up the asset (a half penny rounds up once for each member)
    assert la.counted + lb.counted - v in (Decimal("0.00"), PENNY)
    assert as_a.assessed_capital == as_b.assessed_capital == _half(v)


@settings(max_examples=150, deadline=None)
@given(couples())
def test_a_joint_asset_is_assessed_as_half_of_it_held_alone(c):
    v = (c["value"] / 2).quantize(PENNY) * 2  # a whole number of pence in each half
    joint = [{"type": c["asset"], "value": f"{v:.2f}", "owner": "joint_with_partner"}]
    alone = [{"type": c["asset"], "value": f"{v / 2:.2f}", "owner": "person"}]
    r_joint = run(_case(c, c["a"], c["b"], joint), c["on"], explain=False)
    r_alone = run(_case(c, c["a"], c["b"], alone), c["on"], explain=False)
    assert r_joint.assessed_capital == r_alone.assessed_capital
    assert r_joint.tariff_income == r_alone.tariff_income
    assert r_joint.weekly_charge == r_alone.weekly_charge
    assert r_joint.self_funder == r_alone.self_funder


@settings(max_examples=150, deadline=None)
@given(couples(), money(0, 2_000))
def test_joint_income_is_shared_equally(c, amount):
    case = _case(c, c["a"], c["b"], [])
    case["income"] = [{"type": "other_income", "amount": f"{amount:.2f}", "owner": "joint"}]
    mirror = _case(c, c["b"], c["a"], [])
    mirror["income"] = case["income"]
    la = run(case, c["on"], explain=False).income[0]
    lb = run(mirror, c["on"], explain=False).income[0]
    assert la.counted == lb.counted == _half(amount)
