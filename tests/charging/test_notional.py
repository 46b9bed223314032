"""Notional income (SI 2014/2672 reg 17) and the diminishing notional capital rule (reg 23).

Neither regulation's words were read; the rules follow the Care and Support Statutory Guidance (Annex C on
pension pots, as restated; Annex E) and the benefit rule reg 23 mirrors. No published numeric example was
found: the worked example is synthetic (2025-26, a permanent resident with income £250.00, actual capital
£10,000 and notional capital £20,000, in a home at £800.00 a week, personal expenses allowance £30.65). The
adult was born in 1955 (no Savings Credit disregard).
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from careact.charging import assess, timeline
from careact.errors import InputError

D = Decimal
APPLIES = date(2025, 6, 2)
DECISION = {"decided_by": "D Officer, Financial Assessment Team", "decided_on": "2025-05-28"}


def _case(notional: str = "20000.00", actual: str = "10000.00", **extra) -> dict:
    case = {
        "person": {"date_of_birth": "1955-01-01"},
        "care": {"setting": "permanent_residential", "weekly_cost": "800.00", "start_date": "2025-05-05"},
        "income": [{"type": "occupational_pension", "amount": "19.75"}, {"type": "state_pension", "amount": "230.25"}],
        "capital": [{"type": "savings_account", "value": actual}],
        "notional_capital": [{"amount": notional, "reason": "gift of £20,000 to a son six weeks before admission (Annex E)",
                              "deprivation_date": "2025-03-24", "applies_from": APPLIES.isoformat(), **DECISION}],
    }
    case.update(extra)
    return case


def _notional(r) -> Decimal:
    return next((x.counted for x in r.capital if x.type == "notional_capital"), D("0.00"))


def test_week_one_the_notional_capital_takes_the_adult_over_the_upper_limit():
    """£30,000 in all: the full cost of £800.00; without it £250.00 - £30.65 = £219.35: it falls by £580.65."""
    r = assess(_case(), on=APPLIES)
    assert r.weekly_charge == D("800.00") and _notional(r) == D("20000.00")


def test_it_falls_by_the_extra_charge_each_week():
    """After 12 weeks it is £20,000 - 12 x £580.65 = £13,032.20: £23,032.20 in all, tariff £36, charge
    £250 + £36 - £30.65 = £255.35 (week 13, from 25 August 2025); then it falls by £36 a week."""
    week_12 = assess(_case(), on=APPLIES + timedelta(weeks=11, days=6), explain=False)
    assert week_12.weekly_charge == D("800.00") and _notional(week_12) == D("20000.00") - 11 * D("580.65")
    week_13 = assess(_case(), on=APPLIES + timedelta(weeks=12))
    assert _notional(week_13) == D("13032.20")
    assert week_13.tariff_income == D("36.00") and week_13.weekly_charge == D("255.35")
    steps = week_13.notional_capital_schedule
    assert steps[0].weekly_reduction == D("580.65") and sum(s.weeks for s in steps) == 12
    assert "Notional capital goes down each week" in week_13.explanation.render_text()
    week_14 = assess(_case(), on=APPLIES + timedelta(weeks=13), explain=False)
    assert _notional(week_14) == D("12996.20") and week_14.weekly_charge == D("254.35")


def test_the_result_records_the_case_as_given():
    r = assess(_case(), on=APPLIES + timedelta(weeks=12), explain=False)
    assert r.inputs.notional_capital[0].amount == D("20000.00")
    assert r.inputs.notional_capital[0].applies_from == APPLIES


def test_notional_capital_reaching_nil():
    """£23,200 actual and £100 notional: week 1 costs £544.65 more, more than the £100, so it is gone by week 2."""
    case = _case(notional="100.00", actual="23200.00")
    assert assess(case, on=APPLIES, explain=False).weekly_charge == D("800.00")
    r = assess(case, on=APPLIES + timedelta(weeks=1), explain=False)
    assert _notional(r) == D("0.00") and r.weekly_charge == D("250.00") + D("36.00") - D("30.65")


def test_before_it_applies_it_is_not_counted():
    r = assess(_case(), on=APPLIES - timedelta(days=1), explain=False)
    assert _notional(r) == D("0.00")
    assert r.weekly_charge == D("219.35")


def test_the_timeline_finds_the_week_the_charge_falls():
    """With the actual savings held (no projected drawdown), the timeline's periods follow the week-by-week
    reduction, each change point found from the rule rather than by bisection."""
    tl = timeline(_case(), APPLIES, date(2025, 9, 30), project_capital_depletion=False)
    assert not any(c.kind == "detected" for p in tl.periods for c in p.changes)
    assert "notional_capital_diminished" in {c.kind for p in tl.periods for c in p.changes}
    assert tl.period_on(date(2025, 8, 24)).weekly_charge == D("800.00")
    assert tl.period_on(date(2025, 8, 25)).weekly_charge == D("255.35")
    assert tl.period_on(date(2025, 9, 1)).weekly_charge == D("254.35")


# --------------------------------------------------------------------------- notional income


def _pot(actual: str, notional: str) -> dict:
    return {
        "person": {"date_of_birth": "1955-01-01"},
        "care": {"setting": "permanent_residential", "weekly_cost": "800.00", "start_date": "2025-05-05"},
        "income": [{"type": "state_pension", "amount": "230.25"}, {"type": "private_pension", "amount": actual}],
        "notional_income": [{"type": "pension_drawdown_max_annuity", "weekly": notional, "starts_on": "2025-06-02",
                             "actual_income_types_replaced": ["private_pension"], "reason": "draws £10 a week from a £60,000 pot",
                             **DECISION}],
    }


def test_notional_income_from_a_pension_pot_replaces_what_is_drawn():
    """Annex C: the most an annuity would pay is counted, and the actual drawdown is disregarded (counted once)."""
    r = assess(_pot("10.00", "85.00"), on=date(2025, 6, 2))
    assert next(x for x in r.income if x.type == "private_pension").counted == D("0.00")
    assert next(x for x in r.income if x.type == "notional_income").counted == D("85.00")
    assert r.weekly_charge == D("230.25") + D("85.00") - D("30.65")
    assert assess(_pot("10.00", "85.00"), on=date(2025, 6, 1), explain=False).weekly_charge == D("230.25") + D("10.00") - D("30.65")


def test_actual_income_higher_than_the_notional_is_counted_instead():
    r = assess(_pot("100.00", "85.00"), on=date(2025, 6, 2), explain=False)
    assert next(x for x in r.income if x.type == "private_pension").counted == D("100.00")
    assert not any(x.type == "notional_income" for x in r.income)
    assert "notional_income_replaced_by_higher_actual" in {f.code for f in r.flags}


@pytest.mark.parametrize(("change", "field"), [
    (lambda c: c["notional_income"][0].pop("reason"), "notional_income[0].reason"),
    (lambda c: c["notional_income"][0].update(actual_income_types_replaced=[]), "notional_income[0].actual_income_types_replaced"),
    (lambda c: c["notional_income"][0].update(actual_income_types_replaced=["annuity"]), "notional_income[0].actual_income_types_replaced[0]"),
    (lambda c: c["notional_income"][0].update(ends_on="2025-01-01"), "notional_income[0].ends_on"),
])
def test_notional_income_decisions_are_checked(change, field):
    case = _pot("10.00", "85.00")
    change(case)
    with pytest.raises(InputError) as err:
        assess(case, on=date(2025, 6, 2), explain=False)
    assert field in err.value.fields, err.value.fields


def test_diminishing_notional_capital_needs_the_officers_decision():
    case = _case()
    del case["notional_capital"][0]["decided_by"]
    case["notional_capital"][0]["applies_from"] = "2025-03-01"
    with pytest.raises(InputError) as err:
        assess(case, on=APPLIES, explain=False)
    assert {"notional_capital[0].decided_by", "notional_capital[0].applies_from"} <= set(err.value.fields)
