"""The care account's own arithmetic: metering, the cap week, what is paid before and after, drawdown.

These use the simple stub means test (conftest.py) so the figures can be worked by hand; the
published examples and the population tests run the real charging engine.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal as D

import pytest

from careact.reform.care_account import run_account
from careact.reform.models import CareSpell
from careact.reform.overlays import reform_ruleset


def policy(write_overlay, param, *, cap="86000.00", metering="own_contribution", dlc="200.00", rate="la_rate",
           upper="100000.00", lower="20000.00", start="2015-04-01", extra=""):
    body = (
        param("reform.cap.amount", "GBP", cap, start)
        + param("reform.cap.metering", "text", metering, start)
        + param("reform.cap.metering_rate", "text", rate, start)
        + param("reform.daily_living_costs.weekly", "GBP/week", dlc, start)
        + param("capital.upper_limit", "GBP", upper, start)
        + param("capital.lower_limit", "GBP", lower, start)
        + extra
    )
    return reform_ruleset(write_overlay("policy", body))


def test_self_funder_meters_la_rate_less_dlc_and_reaches_cap_on_the_right_day(write_overlay, param, make_spell, stub):
    rules = policy(write_overlay, param)
    s = make_spell(la_weekly_rate=D("700.00"), weekly_fee=D("900.00"), capital=D("500000.00"))
    r = run_account(s, rules, assessor=stub, weeks=260)
    # £700 - £200 = £500 a week accrues; 86,000 / 500 = 172 weeks exactly
    assert r.weeks_to_cap == 172
    assert r.cap_reached_on == s.care_start + timedelta(weeks=172) - timedelta(days=1)
    assert r.accrued == D("86000.00")
    # before the cap: the full fee (£900); after: DLC £200 plus the top-up £200
    assert r.person_paid == 172 * D("900.00") + (260 - 172) * D("400.00")
    assert r.council_paid == (260 - 172) * D("500.00")
    assert r.years[0].accrued == 52 * D("500.00")
    assert r.years[3].cap_reached_on == r.cap_reached_on


def test_cap_week_is_split_pro_rata(write_overlay, param, make_spell, stub):
    rules = policy(write_overlay, param, cap="1000.00", dlc="0.00")
    s = make_spell(la_weekly_rate=D("300.00"))
    r = run_account(s, rules, assessor=stub, weeks=10)
    # 300 a week: 3 full weeks (900), then 100 of the 4th week's 300: a third of the week at the pre-cap terms
    assert r.weeks_to_cap == 4
    cap_seg = next(seg for seg in r.segments if seg.cap_week)
    assert cap_seg.accrued == D("100.00")
    assert cap_seg.person_paid == D("100.00")  # a third of £300, the rest of the week free
    assert cap_seg.council_paid == D("200.00")
    assert r.cap_reached_on == s.care_start + timedelta(weeks=3, days=2)  # day 3 of week 4 (7/3 -> ceil 3)
    assert r.accrued == D("1000.00")
    assert r.person_paid == D("1000.00")  # never more than the cap: no DLC, no top-up


def test_own_contribution_counts_only_the_charge(write_overlay, param, make_spell, stub):
    rules = policy(write_overlay, param, dlc="200.00")
    # capital £30,000 (<£100k): means-tested. Income £330: 330 - 30 = 300 + tariff ceil(10000/250) = 40 -> 340
    s = make_spell(la_weekly_rate=D("700.00"), weekly_income=D("330.00"), capital=D("30000.00"))
    r = run_account(s, rules, assessor=stub, weeks=1)
    f = r.segments[0].figures
    assert f.person == D("340.00")
    assert f.council == D("360.00")
    assert f.accrual == D("140.00")  # her own £340 less £200 daily living costs


def test_personal_budget_counts_the_councils_share_too(write_overlay, param, make_spell, stub):
    rules = policy(write_overlay, param, metering="personal_budget", dlc="230.00")
    s = make_spell(la_weekly_rate=D("700.00"), weekly_income=D("330.00"), capital=D("30000.00"))
    r = run_account(s, rules, assessor=stub, weeks=1)
    assert r.segments[0].figures.accrual == D("470.00")  # £700 - £230, whoever pays


def test_top_ups_never_count_unless_metering_at_actual_cost(write_overlay, param, make_spell, stub):
    s = make_spell(setting="community", la_weekly_rate=D("210.00"), weekly_fee=D("420.00"))
    la = run_account(s, policy(write_overlay, param), assessor=stub, weeks=1)
    assert la.segments[0].figures.accrual == D("210.00")  # no DLC at home; the £210 top-up does not count
    actual = run_account(s, policy(write_overlay, param, rate="actual_cost"), assessor=stub, weeks=1)
    assert actual.segments[0].figures.accrual == D("420.00")


def test_metering_starts_when_the_cap_comes_into_force(write_overlay, param, make_spell, stub):
    rules = policy(write_overlay, param, start="2025-04-01", cap="86000.00", dlc="0.00")
    s = make_spell(la_weekly_rate=D("500.00"), care_start=date(2024, 4, 1))
    r = run_account(s, rules, assessor=stub, weeks=104)
    accruing = [seg for seg in r.segments if seg.accrued > 0]
    assert accruing[0].start == date(2025, 4, 7)  # the first weekly statement on or after 1 April 2025
    assert r.accrued == D("500.00") * 51  # weeks 54 to 104


def test_draws_savings_then_the_home_with_a_deferred_payment(make_spell, stub):
    rules = reform_ruleset(None)
    s = make_spell(la_weekly_rate=D("500.00"), weekly_income=D("30.00"), capital=D("1000.00"),
                   home_value=D("100000.00"))
    r = run_account(s, rules, assessor=stub, weeks=20)
    # weeks 1-12: home disregarded, capital £1,000 < lower limit: charge = 30 - 30 = 0
    assert r.segments[0].figures.person == D("0.00")
    # from week 13 the home counts: capital above £23,250, full cost £500 paid from savings then the home
    assert r.capital_end == D("0.00")
    assert r.deferred == 8 * D("500.00") - D("1000.00")
    assert r.wealth_end == D("101000.00") - 8 * D("500.00")


def test_segments_equal_weekly_reassessment(write_overlay, param, stub):
    """Running in segments gives exactly what re-assessing every week gives (random spells, four rule sets)."""
    rng = random.Random(7)
    rule_sets = [
        reform_ruleset(None),
        policy(write_overlay, param),
        policy(write_overlay, param, metering="personal_budget", dlc="230.00", cap="72000.00"),
        policy(write_overlay, param, upper="100000.00", lower="100000.00", cap="75000.00"),
    ]
    for i in range(25):
        s = CareSpell(
            id=f"r{i}",
            date_of_birth=date(1940, 1, 1) + timedelta(days=rng.randint(0, 9000)),
            care_start=date(2023, 1, 2) + timedelta(days=rng.randint(0, 700)),
            setting=rng.choice(["care_home", "community"]),
            la_weekly_rate=D(rng.randint(150, 1100)),
            weekly_fee=D(rng.randint(1100, 1500)),
            weekly_income=D(rng.randint(0, 500)),
            capital=D(rng.choice([0, 5000, 18000, 22000, 40000, 99000, 150000])),
            home_value=D(rng.choice([0, 0, 80000, 250000])),
            home_disregarded=rng.random() < 0.2,
        )
        for rules in rule_sets:
            a = run_account(s, rules, assessor=stub, weeks=300)
            b = run_account(s, rules, assessor=stub, weeks=300, weekly=True)
            assert a.as_dict(segments=False) == b.as_dict(segments=False), (s, rules.id)


def test_years_add_up_to_the_totals(write_overlay, param, make_spell, stub):
    r = run_account(make_spell(weekly_fee=D("950.00")), policy(write_overlay, param), assessor=stub, weeks=300)
    assert sum(y.person_paid for y in r.years) == r.person_paid
    assert sum(y.council_paid for y in r.years) == r.council_paid
    assert sum(y.weeks for y in r.years) == 300
    assert r.years[-1].weeks == 300 - 5 * 52


def test_no_cap_in_the_baseline(make_spell, stub):
    r = run_account(make_spell(), reform_ruleset(None), assessor=stub, weeks=100)
    assert r.cap_amount is None and r.accrued == 0 and r.cap_reached_on is None


def test_weeks_needed(make_spell, stub):
    from careact.errors import InputError

    with pytest.raises(InputError) as e:
        run_account(make_spell(), reform_ruleset(None), assessor=stub)
    assert e.value.field == "weeks"
