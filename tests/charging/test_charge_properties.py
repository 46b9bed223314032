"""Properties of the charge that must hold for every valid case (hypothesis).

- the weekly charge is never negative and never above the cost of care;
- more capital, or more counted income, never lowers the charge;
- the partner's own income and capital never change the adult's charge;
- tariff income is the statutory step function (SI 2014/2672 reg 25) and capital above the upper limit
  means the full cost (reg 12).

Cases are generated as the JSON documents careact receives, for any date in 2015-16 to 2026-27, every
setting, single or couple, every income and capital type in the catalogues, and each bundled council
overlay.
"""

from __future__ import annotations

import copy
from datetime import date, timedelta
from decimal import ROUND_CEILING, Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from careact.charging import assess
from careact.charging.catalogue import capital_types, income_types

D = Decimal
FIRST, LAST = date(2015, 4, 6), date(2027, 3, 31)
SETTINGS = ("permanent_residential", "temporary_residential", "respite", "non_residential")
OVERLAYS = (None, "council/reading", "council/wolverhampton", "council/gloucestershire")
INCOME_TYPES = tuple(sorted(income_types()))
CAPITAL_TYPES = tuple(sorted(t for t in capital_types() if not t.startswith("main_home")))
NIGHT_RATES = ("attendance_allowance_higher", "dla_care_highest", "pip_daily_living_enhanced")
PENSIONS = ("occupational_pension", "private_pension", "annuity")
# counted in every setting and triggering no premium, allowance or disregard
PLAIN_INCOME = ("state_pension", "occupational_pension", "private_pension", "other_income", "esa_contributory", "universal_credit")
PLAIN_CAPITAL = ("savings_account", "bank_account", "cash", "isa", "stocks_shares")

PROFILE = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def pennies(lo: int, hi: int) -> st.SearchStrategy[str]:
    return st.integers(lo * 100, hi * 100).map(lambda p: f"{D(p) / 100:.2f}")


@st.composite
def cases(draw, setting: str | None = None, couple: bool | None = None, extras: bool = True):
    on = draw(st.dates(FIRST, LAST))
    setting = setting or draw(st.sampled_from(SETTINGS))
    couple = draw(st.booleans()) if couple is None else couple
    born = lambda: draw(st.dates(max(date(1910, 1, 1), on - timedelta(days=365 * 100)), on - timedelta(days=365 * 18 + 5)))
    case: dict = {"person": {"date_of_birth": born().isoformat()},
                  "care": {"setting": setting, "weekly_cost": draw(pennies(0, 2000))}}
    if setting == "permanent_residential":
        case["care"]["start_date"] = draw(st.dates(on - timedelta(days=800), on)).isoformat()
    if couple:
        case["partner"] = {"date_of_birth": born().isoformat(), "lives_in_the_home": draw(st.booleans())}
    if extras and draw(st.integers(0, 9)) == 0:
        case["care"]["delivery"] = "direct_payment"
    if extras and draw(st.integers(0, 9)) == 0:
        case["care"]["for_carer"] = True
    income = []
    for _ in range(draw(st.integers(0, 5))):
        kind = draw(st.sampled_from(INCOME_TYPES))
        item = {"type": kind, "amount": draw(pennies(0, 800)),
                "frequency": draw(st.sampled_from(("weekly", "fortnightly", "four_weekly", "monthly", "annually")))}
        if couple:
            item["owner"] = draw(st.sampled_from(("person", "partner", "joint")))
        if kind in NIGHT_RATES and setting == "non_residential" and draw(st.booleans()):
            item["night_care_provided"] = draw(st.booleans())
        if kind in PENSIONS and couple and setting == "permanent_residential" and draw(st.booleans()):
            item["half_paid_to_partner"] = True
        income.append(item)
    case["income"] = income
    capital = []
    for _ in range(draw(st.integers(0, 3))):
        kind = draw(st.sampled_from(CAPITAL_TYPES))
        item = {"type": kind, "value": draw(pennies(0, 30000))}
        owner = draw(st.sampled_from(("person", "joint_with_others") + (("partner", "joint_with_partner") if couple else ())))
        item["owner"] = owner
        if owner == "joint_with_others":
            item["joint_owners"] = draw(st.integers(2, 4))
        if capital_types()[kind].treatment == "disregarded_for_weeks":
            item["received_on"] = draw(st.dates(on - timedelta(days=700), on)).isoformat()
        capital.append(item)
    case["capital"] = capital
    if extras and draw(st.booleans()):
        case["home"] = {"value": draw(pennies(0, 400000))}
        if draw(st.booleans()):
            case["home"]["occupants"] = [{"relationship": draw(st.sampled_from(("relative", "child_of_adult", "other"))),
                                          "date_of_birth": draw(st.dates(on - timedelta(days=365 * 90), on)).isoformat()}]
    if extras and setting != "permanent_residential" and draw(st.booleans()):
        case["housing_costs"] = {"rent": draw(pennies(0, 200)), "council_tax": draw(pennies(0, 40)),
                                 "housing_benefit": draw(pennies(0, 100))}
    if extras and draw(st.booleans()):
        case["disability_related_expenditure"] = [{"description": "laundry", "amount": draw(pennies(0, 40))}]
    return case, on, draw(st.sampled_from(OVERLAYS))


def charge(case, on, overlay=None):
    return assess(case, on=on, overlay=overlay, explain=False)


@PROFILE
@given(cases())
def test_charge_is_never_negative_nor_above_the_cost_of_care(drawn):
    case, on, overlay = drawn
    r = charge(case, on, overlay)
    assert D(0) <= r.weekly_charge <= r.cost_of_care
    assert r.council_weekly_contribution == r.cost_of_care - r.weekly_charge
    assert r.tariff_income >= 0 and r.assessed_capital >= 0
    if r.personal_budget is not None:
        pb = r.personal_budget
        assert pb.person_contribution + pb.council_share == pb.personal_budget


@PROFILE
@given(cases(), st.sampled_from(PLAIN_CAPITAL), pennies(0, 40000))
def test_more_capital_never_lowers_the_charge(drawn, kind, extra):
    case, on, overlay = drawn
    more = copy.deepcopy(case)
    more["capital"].append({"type": kind, "value": extra})
    assert charge(more, on, overlay).weekly_charge >= charge(case, on, overlay).weekly_charge


@PROFILE
@given(cases(), st.sampled_from(PLAIN_INCOME), pennies(0, 500))
def test_more_counted_income_never_lowers_the_charge(drawn, kind, extra):
    case, on, overlay = drawn
    more = copy.deepcopy(case)
    more["income"].append({"type": kind, "amount": extra})
    before, after = charge(case, on, overlay), charge(more, on, overlay)
    assert after.weekly_charge >= before.weekly_charge
    assert after.assessed_income >= before.assessed_income


@PROFILE
@given(cases(couple=True), st.sampled_from(PLAIN_INCOME), pennies(0, 500), st.sampled_from(PLAIN_CAPITAL), pennies(0, 100000))
def test_the_partners_own_income_and_capital_never_change_the_charge(drawn, ikind, iamount, ckind, cvalue):
    case, on, overlay = drawn
    more = copy.deepcopy(case)
    more["income"].append({"type": ikind, "amount": iamount, "owner": "partner"})
    more["capital"].append({"type": ckind, "value": cvalue, "owner": "partner"})
    a, b = charge(case, on, overlay), charge(more, on, overlay)
    assert (a.weekly_charge, a.assessed_capital, a.assessed_income) == (b.weekly_charge, b.assessed_capital, b.assessed_income)


def expected_tariff(capital: Decimal) -> Decimal:
    if capital <= D("14250"):
        return D("0.00")
    return ((capital - D("14250")) / D("250")).to_integral_value(rounding=ROUND_CEILING).quantize(D("0.01"))


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.integers(0, 3_000_000),
        st.integers(1_425_000 - 3, 1_425_000 + 3),
        st.integers(0, 36).map(lambda n: 1_425_000 + 25_000 * n),
        st.integers(0, 36).map(lambda n: 1_425_000 + 25_000 * n + 1),
        st.integers(2_325_000 - 2, 2_325_000 + 2),
    ),
    st.dates(FIRST, LAST),
    st.sampled_from(("permanent_residential", "non_residential")),
)
def test_tariff_is_the_statutory_step_function(pence, on, setting):
    """SI 2014/2672 reg 25: £1 a week for every £250 or part of £250 above £14,250, up to £23,250; above
    £23,250 the full cost (reg 12; Care Act 2014 s 18(2))."""
    capital = D(pence) / 100
    case = {"person": {"date_of_birth": "1940-01-01"},
            "care": {"setting": setting, "weekly_cost": "900.00"},
            "capital": [{"type": "savings_account", "value": f"{capital:.2f}"}]}
    if setting == "permanent_residential":
        case["care"]["start_date"] = FIRST.isoformat()
    r = charge(case, on)
    if capital > D("23250"):
        assert r.self_funder and r.weekly_charge == D("900.00")
    else:
        assert not r.self_funder
        assert r.tariff_income == expected_tariff(capital)
        assert D(0) <= r.tariff_income <= D("36.00")


@settings(max_examples=40, deadline=None)
@given(cases())
def test_the_explanation_does_not_change_the_figures(drawn):
    case, on, overlay = drawn
    with_explanation = assess(case, on=on, overlay=overlay)
    without = charge(case, on, overlay)
    assert with_explanation.explanation is not None and without.explanation is None
    assert with_explanation.model_dump(exclude={"explanation"}) == without.model_dump(exclude={"explanation"})
