"""Each kind of change point, and that periods tile [start, end]."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from careact.charging import assess, timeline
from careact.charging.change_points import apply_set, parse_path
from careact.errors import InputError


def kinds(period):
    return [c.kind for c in period.changes]


def assert_tiles(tl):
    assert tl.periods[0].start == tl.start
    assert tl.periods[-1].end == tl.end
    for a, b in zip(tl.periods, tl.periods[1:]):
        assert a.end + timedelta(days=1) == b.start
    assert sum(p.days for p in tl.periods) == (tl.end - tl.start).days + 1


def test_input_change_starts_a_period(home_care):
    tc = {"case": home_care, "changes": [{"from": "2025-09-01", "set": {"care.weekly_cost": "400.00"}, "note": "review"}]}
    tl = timeline(tc, date(2025, 6, 1), date(2025, 12, 31))
    assert_tiles(tl)
    p = tl.period_on(date(2025, 9, 1))
    assert p.start == date(2025, 9, 1)
    (reason,) = [c for c in p.changes if c.kind == "input"]
    assert (reason.path, reason.before, reason.after, reason.description) == ("care.weekly_cost", "320.00", "400.00", "review")
    assert p.cost_of_care == Decimal("400.00")


def test_change_on_the_first_day_applies_from_the_start(home_care):
    tc = {"case": home_care, "changes": [{"from": "2025-06-01", "set": {"care.weekly_cost": "100.00"}}]}
    tl = timeline(tc, date(2025, 6, 1), date(2025, 6, 30))
    assert len(tl.periods) == 1
    assert tl.periods[0].cost_of_care == Decimal("100.00")
    assert kinds(tl.periods[0]) == ["start", "input"]


def test_change_on_the_last_day_is_a_one_day_period(home_care):
    tc = {"case": home_care, "changes": [{"from": "2025-06-30", "set": {"care.weekly_cost": "100.00"}}]}
    tl = timeline(tc, date(2025, 6, 1), date(2025, 6, 30))
    assert_tiles(tl)
    last = tl.periods[-1]
    assert (last.start, last.end, last.days) == (date(2025, 6, 30), date(2025, 6, 30), 1)
    assert last.cost_of_care == Decimal("100.00")


def test_change_after_the_end_is_ignored_and_before_the_start_applied(home_care):
    tc = {"case": home_care, "changes": [
        {"from": "2025-01-01", "set": {"care.weekly_cost": "200.00"}},
        {"from": "2026-01-01", "set": {"care.weekly_cost": "900.00"}},
    ]}
    tl = timeline(tc, date(2025, 6, 1), date(2025, 6, 30))
    assert [p.cost_of_care for p in tl.periods] == [Decimal("200.00")]


def test_april_parameter_change(home_care):
    tl = timeline(home_care, date(2025, 3, 1), date(2025, 5, 31))
    assert_tiles(tl)
    p = tl.period_on(date(2025, 4, 6))
    assert p.start == date(2025, 4, 6)
    changed = [c.path for c in p.changes if c.kind == "rules"]
    assert any(path.startswith("mig.") for path in changed)
    assert all(c.citation for c in p.changes if c.kind == "rules")


def test_parameter_changes_not_read_do_not_split(home_care):
    # dpa.max_interest_rate changes on 1 July; a home-care assessment never reads it
    tl = timeline(home_care, date(2025, 6, 1), date(2025, 7, 31))
    assert len(tl.periods) == 1


def test_end_of_twelve_week_property_disregard(residential):
    tl = timeline(residential, date(2025, 1, 6), date(2025, 6, 30))
    assert_tiles(tl)
    p = tl.period_on(date(2025, 3, 31))  # 6 January + 12 weeks
    assert p.start == date(2025, 3, 31)
    assert "property_disregard_ends" in kinds(p)
    assert tl.periods[0].weekly_charge < p.weekly_charge == Decimal("950.00")


def test_twenty_fifth_birthday(home_care):
    home_care["person"]["date_of_birth"] = "2000-08-15"
    tl = timeline(home_care, date(2025, 6, 1), date(2025, 10, 31))
    p = tl.period_on(date(2025, 8, 15))
    assert p.start == date(2025, 8, 15)
    assert "birthday" in kinds(p)
    before = tl.period_on(date(2025, 8, 14))
    assert p.total_allowances > before.total_allowances  # MIG 25+ band is higher


def test_pension_credit_age(home_care):
    tl = timeline(home_care, date(2025, 12, 1), date(2026, 3, 31))
    p = next(p for p in tl.periods if "pension_credit_age" in kinds(p))
    assert p.start == date(2026, 3, 10)  # born 10 March 1960: pension credit age 66
    assert p.total_allowances > tl.period_on(p.start - timedelta(days=1)).total_allowances


def test_temporary_stay_becomes_permanent(residential):
    residential["care"] = {"setting": "temporary_residential", "weekly_cost": "880.00"}
    tl = timeline({"case": residential, "becomes_permanent_on": "2025-07-01"}, date(2025, 5, 1), date(2025, 12, 31))
    assert_tiles(tl)
    p = tl.period_on(date(2025, 7, 1))
    assert p.start == date(2025, 7, 1) and "becomes_permanent" in kinds(p)
    assert tl.period_on(date(2025, 9, 23)).start == date(2025, 9, 23)  # 12 weeks from 1 July


def test_capital_depletion_to_the_upper_limit():
    case = {
        "person": {"date_of_birth": "1936-02-02"},
        "care": {"setting": "permanent_residential", "weekly_cost": "1100.00", "start_date": "2024-11-04"},
        "income": [{"type": "state_pension", "amount": "169.50"}],
        "capital": [{"type": "savings_account", "value": "40000.00"}],
    }
    tl = timeline(case, date(2025, 6, 2), date(2026, 3, 31))
    dep = [p for p in tl.periods if "capital_depletion" in kinds(p)]
    assert len(dep) == 1
    p = dep[0]
    assert p.assessed_capital <= Decimal("23250.00") and not p.self_funder
    assert tl.period_on(p.start - timedelta(days=1)).self_funder
    # 16,750 drawn at 1,100 - 169.50 = 930.50 a week: ceil(16,750 × 7 / 930.50) = ceil(126.007) = 127 days
    assert p.start == date(2025, 6, 2) + timedelta(days=127)
    assert tl.assumptions


def test_undeclared_change_is_detected_by_bisection(home_care):
    # capital disregarded for a time after receipt ends inside a period careact does not list as a change point
    home_care["capital"].append({"type": "home_sale_proceeds_to_buy_another", "value": "30000.00", "received_on": "2025-05-01"})
    tl = timeline(home_care, date(2025, 6, 1), date(2026, 2, 28))
    assert_tiles(tl)
    for d in (date(2025, 6, 1), date(2025, 10, 29), date(2025, 10, 30), date(2025, 11, 1), date(2026, 2, 28)):
        assert tl.period_on(d).weekly_charge == assess(home_care, d).weekly_charge


def test_bad_path_is_rejected(home_care):
    with pytest.raises(InputError) as err:
        timeline({"case": home_care, "changes": [{"from": "2025-07-01", "set": {"income[9].amount": "1.00"}}]},
                 date(2025, 6, 1), date(2025, 8, 1))
    assert err.value.field.startswith("changes[0].set")


def test_changed_case_is_validated_naming_the_change(home_care):
    with pytest.raises(InputError) as err:
        timeline({"case": home_care, "changes": [{"from": "2025-07-01", "set": {"care.weekly_cost": 1.5}}]},
                 date(2025, 6, 1), date(2025, 8, 1))
    assert "changes[0]" in err.value.field


def test_end_before_start():
    with pytest.raises(InputError):
        timeline({}, date(2025, 6, 2), date(2025, 6, 1))


def test_paths():
    assert parse_path("care.weekly_cost") == ["care", "weekly_cost"]
    assert parse_path("income[0].amount") == ["income", 0, "amount"]
    assert parse_path("/income/0/amount") == ["income", 0, "amount"]
    case = {"income": [{"amount": "1.00"}]}
    new, old = apply_set(case, "income[1]", {"amount": "2.00"}, where="x")
    assert old is None and len(new["income"]) == 2 and len(case["income"]) == 1
    new, old = apply_set(case, "income[0].amount", None, where="x")
    assert old == "1.00" and new["income"] == [{}]
    for bad in ("", "care..x", "[0]", "a[x]"):
        with pytest.raises(InputError):
            parse_path(bad)


def test_each_period_carries_a_valid_explanation(residential):
    import careact
    from careact.explain import ExplanationDoc

    tl = careact.charging.timeline(residential, date(2025, 1, 6), date(2025, 6, 30))  # the module is callable
    for p in tl.periods:
        doc = p.to_dict()["explanation"]
        ExplanationDoc.model_validate(doc)
        assert doc["on"] == p.start.isoformat()


def test_change_on_the_last_day_of_a_period_before_a_rule_change(home_care):
    # 5 April 2025 is the last day before the 6 April uprating: a one-day period between two change points
    tc = {"case": home_care, "changes": [{"from": "2025-04-05", "set": {"care.weekly_cost": "300.00"}}]}
    tl = timeline(tc, date(2025, 3, 1), date(2025, 5, 31))
    assert_tiles(tl)
    p = tl.period_on(date(2025, 4, 5))
    assert (p.start, p.end, p.days) == (date(2025, 4, 5), date(2025, 4, 5), 1)
    assert kinds(p) == ["input"]
    assert "rules" in kinds(tl.period_on(date(2025, 4, 6)))
    assert tl.period_on(date(2025, 4, 6)).cost_of_care == Decimal("300.00")


def test_a_draw_down_too_slow_to_reach_the_limit_within_the_calendar_has_no_depletion_day():
    # a penny a week of care against notional capital far above the upper limit
    case = {"person": {"date_of_birth": "1950-01-01"}, "care": {"setting": "non_residential", "weekly_cost": "0.01"},
            "notional_capital": [{"amount": "100000.00", "reason": "gift to a relative"}]}
    tl = timeline(case, date(2025, 6, 2), date(2025, 6, 30))
    assert [p.weekly_charge for p in tl.periods] == [Decimal("0.01")]
    assert not any(c.kind == "capital_depletion" for p in tl.periods for c in p.changes)
