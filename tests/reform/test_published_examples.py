"""Published worked examples of the cap, reproduced with the charging engine and the care account.

Each test names its source document and year. Where a source printed figures that depend on
assumptions it did not publish (income, length of stay), only the part that follows from the printed
inputs is tested, and the docstring says so.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal as D

from dateutil.relativedelta import relativedelta

from careact.charging import assess
from careact.reform.care_account import run_account
from careact.reform.compare import compare
from careact.reform.engine import charging_assessor
from careact.reform.models import CareSpell
from careact.reform.overlays import reform_ruleset


def _overlay(write_overlay, param, name, start, **values):
    units = {
        "reform.cap.amount": "GBP",
        "reform.cap.metering": "text",
        "reform.daily_living_costs.weekly": "GBP/week",
        "capital.upper_limit": "GBP",
        "capital.lower_limit": "GBP",
    }
    body = "".join(param(k.replace("__", "."), units[k.replace("__", ".")], v, start) for k, v in values.items())
    return reform_ruleset(write_overlay(name, body))


def test_yusuf_reaches_the_cap_after_two_years_four_months(write_overlay, param):
    """HM Government, 'Build Back Better: Our Plan for Health and Social Care' (Sept 2021), case study 'Yusuf'.

    As reproduced in the Daily Mail, 8 Sept 2021 ('The Government yesterday gave two fictional examples').
    Late 70s, home £180,000, savings £70,000, residential dementia care at £700 a week:
    'under the new system, he hits the £86,000 cap after two years and four months'.
    The September 2021 paper predates both the £200 daily living costs (17 Nov 2021) and the s.166
    amendment (counting only the adult's own contribution), so it metered the whole £700: the policy
    file below is the reform as it stood in September 2021. (The 'left with £173,000' figure needs his
    income, which was not published, so it is not tested.)
    """
    rules = _overlay(
        write_overlay, param, "bbb_sept_2021", "2023-10-01",
        reform__cap__amount="86000.00", reform__cap__metering="personal_budget",
        capital__upper_limit="100000.00", capital__lower_limit="20000.00",
    )
    yusuf = CareSpell(
        id="yusuf", date_of_birth=date(1945, 6, 1), care_start=date(2023, 10, 2), setting="care_home",
        la_weekly_rate=D("700.00"), weekly_income=D("200.00"), capital=D("70000.00"), home_value=D("180000.00"),
        weeks=8 * 52,
    )
    r = run_account(yusuf, rules, assessor=charging_assessor)
    gap = relativedelta(r.cap_reached_on, yusuf.care_start)
    assert (gap.years, gap.months) == (2, 4)
    assert r.weeks_to_cap == 123  # 86,000 / 700 = 122.9 weeks
    # after the cap he pays nothing for his care (no daily living costs in this version): the council pays it
    after = [s for s in r.segments if s.figures.post_cap]
    assert after and all(s.figures.council == D("700.00") for s in after)


def test_escalla_400_a_week_takes_215_weeks(make_spell):
    """Escalla (Jan Hinks), 'Social Care Reform: How your Local Authority can Prepare' (2021-22).

    'around £400 per week (£600 average cost less Daily Living Costs). It would take 4 years to reach
    the Cap'. Under reform_2021: LA rate £600, DLC £200, a self-funder, so £400 a week accrues:
    86,000 / 400 = 215 weeks (4.1 years).
    """
    s = make_spell(la_weekly_rate=D("600.00"), weekly_fee=D("1400.00"), capital=D("1500000.00"),
                   care_start=date(2024, 1, 1), weeks=300)
    r = run_account(s, reform_ruleset("reform_2021"), assessor=charging_assessor)
    assert r.segments[0].figures.accrual == D("400.00")
    assert r.weeks_to_cap == 215
    assert r.cap_reached_on == s.care_start + timedelta(weeks=215) - timedelta(days=1)


def test_bbc_24000_a_year_takes_more_than_three_and_a_half_years(make_spell):
    """BBC News, Nick Triggle, 'Why the cap on care costs is not all it seems' (8 Sept 2021).

    'if only £24,000 a year of an individual's costs count towards the cap, it would take more than
    three and a half years to hit it'. £24,000 a year is £461.54 a week: LA rate £661.54 less £200 DLC.
    """
    s = make_spell(la_weekly_rate=D("661.54"), capital=D("1500000.00"), care_start=date(2024, 1, 1), weeks=300)
    r = run_account(s, reform_ruleset("reform_2021"), assessor=charging_assessor)
    assert r.segments[0].figures.accrual * 52 == D("24000.08")
    assert relativedelta(r.cap_reached_on, s.care_start).years == 3
    assert r.weeks_to_cap == 187  # 3.6 years


def test_2015_design_300_a_week_takes_240_weeks(make_spell):
    """'Why the Cap on Long Term Care won't help you' (moneyatthespeedoflife blog, Dec 2014), on the 2016 design.

    LA rate £530 a week less £230 'hotel costs' leaves £300 counting towards the £72,000 cap:
    'It would take more than four and a half years to reach the cap'. 72,000 / 300 = 240 weeks.
    """
    s = make_spell(la_weekly_rate=D("530.00"), weekly_fee=D("732.00"), capital=D("1500000.00"),
                   care_start=date(2017, 4, 3), weeks=300)
    r = run_account(s, reform_ruleset("care_act_2016"), assessor=charging_assessor)
    assert r.segments[0].figures.accrual == D("300.00")
    assert r.weeks_to_cap == 240
    # after the cap a self-funder pays the £230 daily living costs and the £202 top-up above the LA rate
    assert next(s for s in r.segments if s.figures.post_cap).figures.person == D("432.00")


def test_hotel_costs_come_off_the_la_rate_not_the_fee(write_overlay, param, make_spell):
    """Moger Drewett (solicitors), 'Mind the Cap' (2022).

    'someone in care paying £800 per week, where the hotel costs amount to £250 and ... the local
    authority has deemed the appropriate weekly fee to be £600, the amount that counts towards the care
    cap is £350.' The firm used £250 for hotel costs (DHSC's notional figure was £200): a policy file
    sets daily living costs at £250.
    """
    rules = _overlay(
        write_overlay, param, "dlc_250", "2023-10-01",
        reform__cap__amount="86000.00", reform__cap__metering="own_contribution",
        reform__daily_living_costs__weekly="250.00",
        capital__upper_limit="100000.00", capital__lower_limit="20000.00",
    )
    s = make_spell(la_weekly_rate=D("600.00"), weekly_fee=D("800.00"), care_start=date(2024, 1, 1), weeks=10)
    r = run_account(s, rules, assessor=charging_assessor)
    assert r.segments[0].figures.accrual == D("350.00")
    assert r.segments[0].figures.person == D("800.00")


def test_only_the_la_rate_counts_at_home(make_spell):
    """Taylor Fordyce (solicitors), 'Cap on care costs: is £86,000 the true figure?' (2021).

    'If the local authority determines that you only need 1 care visit a day costing £30, but you
    believe you need and pay for a minimum of 2 care visits a day costing £60, only £30 will count
    towards the cap.' Daily: £30 x 7 = £210 a week counts, not £420; no daily living costs at home.
    """
    s = make_spell(setting="community", la_weekly_rate=D("210.00"), weekly_fee=D("420.00"),
                   care_start=date(2024, 1, 1), weeks=10)
    r = run_account(s, reform_ruleset("reform_2021"), assessor=charging_assessor)
    assert r.segments[0].figures.accrual == D("210.00")
    assert r.segments[0].figures.person == D("420.00")


def test_tariff_on_90000_is_280_a_week():
    """HC Written Ministerial Statement 'Social Care Update' (17 Nov 2021) and iwbeacon.com (2022).

    WMS: people between the limits 'contribute up to one in every £250 from their chargeable assets'.
    Isle of Wight Beacon: 'if you have £90,000 in cash assets, you would contribute £280 a week'.
    (90,000 - 20,000) / 250 = 280.
    """
    case = {
        "person": {"date_of_birth": "1940-01-01"},
        "care": {"setting": "permanent_residential", "weekly_cost": "2000", "start_date": "2024-01-01"},
        "capital": [{"type": "savings_account", "value": "90000"}],
    }
    result = assess(case, on=date(2024, 6, 1), overlay="reform/reform_2021", explain=False)
    assert result.tariff_income == D("280.00")
    assert not result.self_funder


def test_2013_table_wealthy_pay_the_cap_and_modest_pay_nothing(write_overlay, param, make_spell):
    """Department of Health, 'How the care and support funding reforms will work' (Caring for our future, Feb 2013).

    With a £75,000 cap, residential care in 2017 at a local authority rate of about £34,000 a year, and
    no income to pay from: assets of £250,000 -> pays £75,000 towards eligible care; £17,500 or less -> £0.
    'The full cost of your care package counts towards the cap, not your contribution to it.'
    The 2013 design: UCL £123,000, LCL £17,500 (implied by the table), general living costs £12,000 a
    year (£230.77 a week). The table's middle rows depend on unpublished durations and are not tested.
    """
    rules = _overlay(
        write_overlay, param, "dh_2013", "2017-04-01",
        reform__cap__amount="75000.00", reform__cap__metering="personal_budget",
        reform__daily_living_costs__weekly="230.77",
        capital__upper_limit="123000.00", capital__lower_limit="17500.00",
    )
    la = D("653.85")  # £34,000 a year
    rich = make_spell(la_weekly_rate=la, capital=D("250000.00"), care_start=date(2017, 4, 3), weeks=10 * 52)
    r = run_account(rich, rules, assessor=charging_assessor)
    assert r.accrued == D("75000.00") and r.cap_reached_on is not None
    before = [s for s in r.segments if not s.figures.post_cap and not s.cap_week]
    after = [s for s in r.segments if s.figures.post_cap]
    # before the cap she pays the whole LA rate herself, so what she pays towards care (the rate less
    # living costs) is what accrues: the cap, £75,000, and no more
    assert all(s.figures.self_funder and s.figures.person == la for s in before)
    # after it she pays at most the living costs (means-tested once her capital falls), nothing for care
    assert after and all(s.figures.person <= D("230.77") for s in after)
    poor = make_spell(la_weekly_rate=la, capital=D("17500.00"), care_start=date(2017, 4, 3), weeks=10 * 52)
    p = run_account(poor, rules, assessor=charging_assessor)
    assert p.person_paid == D("0.00")


def test_fred_current_system_pays_full_cost():
    """Department of Health case study 'Fred' (Caring for our future, Feb 2013): the current-system row.

    Fred's flat is worth £80,000 and his care home costs £30,000 a year for one year: 'In the current
    system, Fred pays £30,000 for all of his fees since he has assets of more than the capital limit.'
    (His flat counts once the 12-week property disregard ends; in the first 12 weeks his income pays.
    The reformed-system row depends on the 2013 design's details and is not tested.)
    """
    fred = CareSpell(
        id="fred", date_of_birth=date(1935, 1, 1), care_start=date(2024, 4, 1), setting="care_home",
        la_weekly_rate=D("576.92"), weekly_income=D("172.00"), home_value=D("80000.00"), weeks=52,
    )
    r = compare(fred, on=fred.care_start, reform="reform_2021", explain=False).baseline
    full_cost_weeks = sum(s.weeks for s in r.segments if s.figures.self_funder)
    assert full_cost_weeks == 52 - 12
    assert all(s.figures.person == D("576.92") for s in r.segments if s.figures.self_funder)
