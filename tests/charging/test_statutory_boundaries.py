"""Cases built from the regulations themselves, at the statutory boundaries.

Each test cites the provision it pins. Figures are the 2025-26 national values unless said otherwise
(capital limits £14,250 / £23,250; PEA £30.65; MIG single 18-24 £89.15, 25 to pension credit age
£112.50, pension credit age £232.60; savings credit disregard £7.05 single / £10.60 couple).
"""

from __future__ import annotations

import textwrap
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from careact.charging import assess
from careact.charging.allowances import mig_category
from careact.charging.models import ChargingCase
from careact.charging.pension_age import pension_credit_age_date
from careact.dates import birthday_of_age

D = Decimal
ON = date(2025, 10, 6)  # 2025-26


def _assess(case: dict, on: date = ON, overlay=None):
    return assess(case, on=on, overlay=overlay, explain=False)


def _allowance(result, name: str) -> Decimal:
    return next(a.weekly for a in result.allowances if a.name == name)


@pytest.fixture(scope="module")
def overlay_file(tmp_path_factory):
    """Write a one-parameter council overlay (an ``options.*`` override) and return its path."""
    root = tmp_path_factory.mktemp("options")
    made: dict[tuple, Path] = {}

    def make(name: str, unit: str, value: str) -> Path:
        key = (name, unit, value)
        if key not in made:
            path = root / f"{name.replace('.', '_')}_{len(made)}.toml"
            path.write_text(textwrap.dedent(f'''
                [overlay]
                name = "council.test_{len(made)}"
                version = "1.0.0"
                layer = "council"
                base = "england"
                description = "test: {name} = {value}"
                source = "Test Council charging policy 2025, para 1"

                [[parameter]]
                name = "{name}"
                description = "test override"
                unit = "{unit}"
                [[parameter.values]]
                from = 2015-04-01
                value = {value}
                cite = "Test Council charging policy 2025, para 1"
                status = "secondary"
                note = "test"
            '''))
            made[key] = path
        return made[key]

    return make


# --------------------------------------------------------------------------- tariff income (reg 25, reg 12)


def _capital_case(value: str, setting: str = "permanent_residential") -> dict:
    care: dict = {"setting": setting, "weekly_cost": "1200.00"}
    if setting == "permanent_residential":
        care["start_date"] = "2024-01-01"
    return {
        "person": {"date_of_birth": "1940-05-05"},
        "care": care,
        "income": [{"type": "state_pension", "amount": "230.25"}],
        "capital": [{"type": "savings_account", "value": value}],
    }


@pytest.mark.parametrize(
    ("capital", "tariff"),
    [
        ("0.00", "0.00"),
        ("14249.99", "0.00"),
        ("14250.00", "0.00"),
        ("14250.01", "1.00"),
        ("14500.00", "1.00"),
        ("14500.01", "2.00"),
        ("14750.00", "2.00"),
        ("23000.00", "35.00"),
        ("23000.01", "36.00"),
        ("23250.00", "36.00"),
    ],
)
@pytest.mark.parametrize("setting", ["permanent_residential", "non_residential"])
def test_tariff_income_step_function(capital, tariff, setting):
    """SI 2014/2672 reg 25(1): £1 a week for every £250, or part of £250, above the lower capital limit
    (£14,250) and not above the upper limit (£23,250)."""
    r = _assess(_capital_case(capital, setting))
    assert r.tariff_income == D(tariff)
    assert r.self_funder is False


@pytest.mark.parametrize("setting", ["permanent_residential", "non_residential"])
def test_capital_above_the_upper_limit_means_full_cost(setting):
    """SI 2014/2672 reg 12; Care Act 2014 ss 17(8) and 18: capital of £23,250 is within the means test
    (tariff £36); one penny more and the adult pays the full cost."""
    at = _assess(_capital_case("23250.00", setting))
    above = _assess(_capital_case("23250.01", setting))
    assert at.self_funder is False and at.weekly_charge < D("1200.00")
    assert above.self_funder is True
    assert above.full_cost_reason == "capital above the upper capital limit"
    assert above.weekly_charge == D("1200.00")
    assert above.council_weekly_contribution == D("0.00")


def test_tariff_worked_through_to_the_charge_in_a_care_home():
    """SI 2014/2672 regs 6 and 25: £23,250 -> tariff £36; £230.25 + £36 - PEA £30.65 = £235.60, less the
    Savings Credit disregard of Sch 1 para 40 (qualifying income £230.25 is above the standard minimum
    guarantee of £227.10, so a flat £7.05): £228.55."""
    r = _assess(_capital_case("23250.00"))
    assert r.assessed_income == D("266.25")
    assert _allowance(r, "personal_expenses_allowance") == D("30.65")
    assert _allowance(r, "savings_credit_disregard") == D("7.05")
    assert r.weekly_charge == D("235.60") - D("7.05")


# --------------------------------------------------------------------------- the home (Sch 2)


def _home_case(start: date, **extra) -> dict:
    case = {
        "person": {"date_of_birth": "1938-02-02"},
        "care": {"setting": "permanent_residential", "weekly_cost": "950.00", "start_date": start.isoformat()},
        "income": [{"type": "state_pension", "amount": "230.25"}],
        "home": {"value": "200000.00"},
    }
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(case.get(key), dict):
            case[key] = {**case[key], **value}
        else:
            case[key] = value
    return case


START = date(2025, 6, 2)


def test_twelve_week_disregard_day_84_disregarded_day_85_counted():
    """SI 2014/2672 Sch 2 para 2(1): the home is disregarded for 12 weeks "beginning with the day on
    which the adult first moves into" the care home: days 1 to 84."""
    day_84 = START + timedelta(days=83)
    day_85 = START + timedelta(days=84)
    inside = _assess(_home_case(START), on=day_84)
    outside = _assess(_home_case(START), on=day_85)
    assert inside.assessed_capital == D("0.00") and inside.self_funder is False
    assert inside.weekly_charge == D("230.25") - D("30.65") - D("7.05")  # PEA; Sch 1 para 40 flat disregard
    # day 85: £200,000 less 10% for the expenses of sale (reg 20) = £180,000
    assert outside.assessed_capital == D("180000.00")
    assert outside.self_funder is True
    assert outside.weekly_charge == D("950.00")
    assert "deferred_payment_may_be_offered" in {f.code for f in outside.flags}


def test_twelve_week_disregard_already_partly_used():
    """SI 2014/2672 Sch 2 para 2(2): on re-admission within 52 weeks the disregard runs only for what is
    left of the 12 weeks: with 10 weeks used, days 1 to 14."""
    case = _home_case(START, care={"property_disregard_weeks_used": 10})
    assert _assess(case, on=START + timedelta(days=13)).assessed_capital == D("0.00")
    assert _assess(case, on=START + timedelta(days=14)).assessed_capital == D("180000.00")


def test_qualifying_relative_aged_60_keeps_the_home_disregarded():
    """SI 2014/2672 Sch 2 para 4: the home of a permanent resident is disregarded while it is occupied by
    a relative aged 60 or over (a "qualifying relative"); at 59 it is not (the 12 weeks are over)."""
    on = START + timedelta(days=200)  # 2025-12-19
    aged_60 = _home_case(START, home={"occupants": [{"relationship": "relative", "date_of_birth": "1965-11-30"}]})
    assert _assess(aged_60, on=on).assessed_capital == D("0.00")
    aged_59 = _home_case(START, home={"occupants": [{"relationship": "relative", "date_of_birth": "1966-12-30"}]})
    assert _assess(aged_59, on=on).assessed_capital == D("180000.00")


def test_qualifying_relative_boundary_is_the_60th_birthday():
    """Sch 2 para 4: the relative qualifies from the day they are 60."""
    dob = date(1965, 12, 19)
    birthday = birthday_of_age(dob, 60)  # 2025-12-19, after the 12 weeks from START
    assert birthday > START + timedelta(days=84)
    case = _home_case(START, home={"occupants": [{"relationship": "relative", "date_of_birth": dob.isoformat()}]})
    assert _assess(case, on=birthday - timedelta(days=1)).assessed_capital == D("180000.00")
    assert _assess(case, on=birthday).assessed_capital == D("0.00")


def test_incapacitated_relative_of_any_age_keeps_the_home_disregarded():
    """Sch 2 para 4: a relative who is incapacitated qualifies at any age."""
    case = _home_case(START, home={"occupants": [{"relationship": "relative", "date_of_birth": "1990-01-01", "incapacitated": True}]})
    assert _assess(case, on=START + timedelta(days=200)).assessed_capital == D("0.00")


def test_partner_at_home_keeps_the_home_disregarded():
    """Sch 2 para 4: the home is disregarded while the adult's partner lives in it."""
    case = _home_case(START, partner={"date_of_birth": "1940-01-01"})
    r = _assess(case, on=START + timedelta(days=400))
    assert r.assessed_capital == D("0.00")
    assert r.self_funder is False
    gone = _home_case(START, partner={"date_of_birth": "1940-01-01", "lives_in_the_home": False})
    assert _assess(gone, on=START + timedelta(days=400)).assessed_capital == D("180000.00")


def test_home_always_disregarded_for_care_at_home():
    """SI 2014/2672 Sch 2 (para 1 read with reg 27): the main home is disregarded for care other than in a
    care home."""
    case = {
        "person": {"date_of_birth": "1950-01-01"},
        "care": {"setting": "non_residential", "weekly_cost": "200.00"},
        "home": {"value": "500000.00"},
    }
    assert _assess(case).assessed_capital == D("0.00")


# --------------------------------------------------------------------------- whose capital (reg 24; Annex B)


def test_joint_capital_split_equally():
    """SI 2014/2672 reg 24 (jointly held capital is treated as held in equal shares): £40,000 held jointly
    with a partner counts £20,000; held with two others, a third."""
    case = _capital_case("40000.00")
    case["partner"] = {"date_of_birth": "1942-01-01", "lives_in_the_home": False}
    case["capital"][0]["owner"] = "joint_with_partner"
    assert _assess(case).assessed_capital == D("20000.00")
    three = _capital_case("30000.00")
    three["capital"][0].update(owner="joint_with_others", joint_owners=3)
    r = _assess(three)
    assert r.assessed_capital == D("10000.00")
    assert r.tariff_income == D("0.00")


def test_partners_capital_is_ignored():
    """Annex B: only the adult's own capital is assessed; the partner's is not."""
    case = _capital_case("5000.00")
    case["partner"] = {"date_of_birth": "1942-01-01", "lives_in_the_home": False}
    case["capital"].append({"type": "savings_account", "value": "90000.00", "owner": "partner"})
    r = _assess(case)
    assert r.assessed_capital == D("5000.00")
    assert r.self_funder is False


# --------------------------------------------------------------------------- income (regs 14-15, Sch 1)


def _home_care(income: list[dict], dob: str = "1980-01-01", **extra) -> dict:
    return {
        "person": {"date_of_birth": dob, "disability_premium": False, "enhanced_disability_premium": False},
        "care": {"setting": "non_residential", "weekly_cost": "500.00"},
        "income": income,
        **extra,
    }


@pytest.mark.parametrize("mobility", ["dla_mobility_higher", "dla_mobility_lower", "pip_mobility_enhanced", "pip_mobility_standard"])
def test_mobility_components_disregarded(mobility):
    """SI 2014/2672 Sch 1 (mobility component of DLA, mobility component of PIP): disregarded in full."""
    r = _assess(_home_care([{"type": "esa_contributory", "amount": "150.00"}, {"type": mobility, "amount": "77.05"}]))
    assert r.assessed_income == D("150.00")
    assert r.weekly_charge == D("150.00") - D("112.50")


@pytest.mark.parametrize("earnings", ["earnings", "self_employed_earnings"])
def test_earnings_disregarded(earnings):
    """SI 2014/2672 reg 14: earnings are disregarded in full."""
    r = _assess(_home_care([{"type": earnings, "amount": "400.00"}, {"type": "universal_credit", "amount": "120.00"}]))
    assert r.assessed_income == D("120.00")
    assert r.weekly_charge == D("7.50")


@pytest.mark.parametrize(("received", "disregarded"), [("5.00", "5.00"), ("7.05", "7.05"), ("7.06", "7.05"), ("15.00", "7.05")])
def test_savings_credit_disregard_capped_single(received, disregarded):
    """SI 2014/2672 Sch 1 para 40: a care-home resident receiving savings credit has up to £7.05 (single,
    2025-26) of it disregarded."""
    case = _capital_case("0.00")
    case["income"].append({"type": "pension_credit_savings", "amount": received})
    line = next(x for x in _assess(case).income if x.type == "pension_credit_savings")
    assert line.disregarded == D(disregarded)
    assert line.counted == D(received) - D(disregarded)


def test_savings_credit_disregard_couple_cap():
    """Sch 1 para 40: the couple figure (£10.60 in 2025-26) applies to a member of a couple."""
    case = _capital_case("0.00")
    case["partner"] = {"date_of_birth": "1941-01-01"}
    case["income"].append({"type": "pension_credit_savings", "amount": "15.00"})
    line = next(x for x in _assess(case).income if x.type == "pension_credit_savings")
    assert line.disregarded == D("10.60")


def test_savings_credit_counted_for_care_at_home_by_default():
    """Sch 1 para 40 applies to care-home residents; for care at home it is a council option."""
    r = _assess(_home_care([{"type": "pension_credit_savings", "amount": "10.00"}], dob="1950-01-01"))
    assert r.assessed_income == D("10.00")


def test_half_an_occupational_pension_paid_to_a_partner_is_disregarded():
    """SI 2014/2672 Sch 1 para 16: a permanent resident who pays at least half of an occupational pension
    to a spouse or civil partner not living in the care home has 50% of it disregarded."""
    case = _capital_case("0.00")
    case["partner"] = {"date_of_birth": "1941-01-01"}
    case["income"].append({"type": "occupational_pension", "amount": "200.00", "half_paid_to_partner": True})
    r = _assess(case)
    line = next(x for x in r.income if x.type == "occupational_pension")
    assert (line.counted, line.disregarded) == (D("100.00"), D("100.00"))
    # the PEA, and the Sch 1 para 40 flat disregard (qualifying income above the standard minimum guarantee)
    assert r.weekly_charge == D("230.25") + D("100.00") - D("30.65") - D("7.05")


def test_joint_income_is_split_equally_and_partner_income_ignored():
    """Annex C: only the adult's income is assessed; income paid jointly is treated as half each."""
    case = _capital_case("0.00")
    case["partner"] = {"date_of_birth": "1941-01-01", "lives_in_the_home": False}
    case["income"] = [
        {"type": "state_pension", "amount": "230.25"},
        {"type": "pension_credit_guarantee", "amount": "50.01", "owner": "joint"},
        {"type": "state_pension", "amount": "230.25", "owner": "partner"},
    ]
    r = _assess(case)
    assert r.assessed_income == D("230.25") + D("25.01")


# --------------------------------------------------------------------------- MIG (reg 7)


def _mig(dob: date, on: date, **person) -> Decimal:
    case = _home_care([], dob=dob.isoformat())
    case["person"].update(person)
    return _allowance(_assess(case, on=on), "minimum_income_guarantee")


def test_mig_category_changes_on_the_25th_birthday():
    """SI 2014/2672 reg 7(2)(a)-(b): £89.15 for a single person aged 18-24; £112.50 from age 25 (2025-26)."""
    dob = date(2000, 11, 3)
    birthday = birthday_of_age(dob, 25)
    assert _mig(dob, birthday - timedelta(days=1)) == D("89.15")
    assert _mig(dob, birthday) == D("112.50")


def test_mig_category_changes_at_pension_credit_age():
    """SI 2014/2672 reg 7(2)(b)-(c): from the day the adult reaches pension credit age (State Pension
    Credit Act 2002 s 1(6)) the MIG is £232.60 (2025-26), and premiums are no longer derived."""
    dob = date(1959, 7, 20)
    pca = pension_credit_age_date(dob)
    assert date(2025, 4, 6) < pca < date(2026, 4, 6)  # inside 2025-26 (66 years 4 months, Pensions Act 2014)
    assert _mig(dob, pca - timedelta(days=1)) == D("112.50")
    assert _mig(dob, pca) == D("232.60")
    case = ChargingCase.model_validate(_home_care([], dob=dob.isoformat()))
    assert mig_category(case, pca - timedelta(days=1)) == ("single_25_to_pca", False)
    assert mig_category(case, pca) == ("single_pca", True)


def test_mig_premiums_derived_from_disability_benefits():
    """SI 2014/2672 reg 7(5)-(6): PIP daily living enhanced -> disability premium £49.65 + enhanced
    disability premium £24.25 (2025-26) on top of £112.50."""
    case = _home_care([{"type": "pip_daily_living_enhanced", "amount": "110.40"}])
    del case["person"]["disability_premium"], case["person"]["enhanced_disability_premium"]
    r = _assess(case)
    assert _allowance(r, "minimum_income_guarantee") == D("186.40")


def test_mig_couple_member_at_pension_credit_age_if_either_has_reached_it():
    """SI 2014/2672 reg 7(4): a member of a couple where one or both have reached pension credit age."""
    case = _home_care([], dob="1975-01-01", partner={"date_of_birth": "1950-01-01"})
    assert _allowance(_assess(case), "minimum_income_guarantee") == D("177.55")


# --------------------------------------------------------------------------- personal budgets, carers, free services


def _dp_case() -> dict:
    return _home_care([{"type": "universal_credit", "amount": "152.50"}], care={"setting": "non_residential", "weekly_cost": "300.00", "delivery": "direct_payment"})


def test_direct_payment_net_by_default():
    """Care Act 2014 ss 31-33; SI 2014/2871: by default the council pays the direct payment net of the
    adult's contribution (£300 budget, £40 contribution -> £260 paid)."""
    pb = _assess(_dp_case()).personal_budget
    assert pb.person_contribution == D("40.00")
    assert (pb.direct_payment_method, pb.direct_payment_paid, pb.invoiced_to_person) == ("net", D("260.00"), D("0.00"))


def test_direct_payment_gross_and_collect_under_a_council_option(overlay_file):
    """Council option (options.direct_payment_gross_and_collect): the full budget is paid and the
    contribution invoiced."""
    overlay = overlay_file("options.direct_payment_gross_and_collect", "bool", "true")
    pb = _assess(_dp_case(), overlay=overlay).personal_budget
    assert (pb.direct_payment_method, pb.direct_payment_paid, pb.invoiced_to_person) == ("gross_and_collect", D("300.00"), D("40.00"))
    assert pb.council_share == D("260.00")


def test_carers_services_free_nationally_and_charged_under_a_council_option(overlay_file):
    """Care Act 2014 s 14(1)(b) lets a council charge a carer for support to meet the carer's needs;
    careact's national default is not to (guidance paras 8.50-8.53)."""
    case = _dp_case()
    case["care"] = {"setting": "non_residential", "weekly_cost": "60.00", "for_carer": True}
    assert _assess(case).weekly_charge == D("0.00")
    overlay = overlay_file("options.charge_carers_services", "bool", "true")
    assert _assess(case, overlay=overlay).weekly_charge == D("40.00")


def test_reablement_free_for_the_first_six_weeks_only():
    """SI 2014/2672 reg 3(2)(b): intermediate care and reablement are free for the first 6 weeks (days 1
    to 42); from day 43 they may be charged."""
    start = date(2025, 9, 1)
    case = _home_care([{"type": "universal_credit", "amount": "152.50"}],
                      care={"setting": "non_residential", "weekly_cost": "300.00",
                            "free_service": "intermediate_care_or_reablement", "service_started_on": start.isoformat()})
    assert _assess(case, on=start + timedelta(days=41)).weekly_charge == D("0.00")
    assert _assess(case, on=start + timedelta(days=42)).weekly_charge == D("40.00")


def test_temporary_resident_keeps_pea_and_housing_costs_and_the_home():
    """SI 2014/2672 reg 6 and Sch 1 para 2; Sch 2 para 1; Annex F: a temporary resident keeps the PEA and
    the housing costs of the home they mean to return to, and the home is disregarded."""
    case = {
        "person": {"date_of_birth": "1944-04-04"},
        "care": {"setting": "temporary_residential", "weekly_cost": "800.00"},
        "income": [{"type": "state_pension", "amount": "230.25"}, {"type": "occupational_pension", "amount": "70.00"}],
        "home": {"value": "250000.00"},
        "housing_costs": {"mortgage": "60.00", "council_tax": "25.00", "council_tax_reduction": "5.00"},
    }
    r = _assess(case)
    assert r.assessed_capital == D("0.00")
    assert _allowance(r, "personal_expenses_allowance") == D("30.65")
    assert _allowance(r, "housing_costs") == D("80.00")
    assert _allowance(r, "savings_credit_disregard") == D("7.05")  # Sch 1 para 40: qualifying income above £227.10
    assert r.weekly_charge == D("300.25") - D("30.65") - D("80.00") - D("7.05")


# --------------------------------------------------------------------------- regressions: engine problems these tests found, now fixed


def test_war_disablement_pension_before_10_april_2017_has_only_10_pounds_disregarded():
    """Regression (B4). SI 2014/2672 Sch 1 para 17 (applying IS Regs Sch 9 para 16(a)) as in force before SI 2017/555:
    only £10 of a war disablement pension was disregarded; the full disregard (new para 17A) runs from
    10 April 2017."""
    case = _capital_case("0.00")
    case["care"]["start_date"] = "2016-01-04"
    case["income"].append({"type": "war_disablement_pension", "amount": "50.00"})
    before = next(x for x in _assess(case, on=date(2016, 6, 6)).income if x.type == "war_disablement_pension")
    after = next(x for x in _assess(case, on=date(2017, 6, 5)).income if x.type == "war_disablement_pension")
    assert after.counted == D("0.00")
    assert before.counted == D("40.00")


def test_discretionary_income_disregard_is_applied():
    """ChargingCase.discretionary_disregards accepts applies_to = "income" with a weekly amount; it must
    reduce the assessed income, not be dropped (regression B3)."""
    case = _capital_case("0.00")
    plain = _assess(case)
    case["discretionary_disregards"] = [{"applies_to": "income", "amount": "20.00", "reason": "council discretion"}]
    assert _assess(case).weekly_charge == plain.weekly_charge - D("20.00")



def test_savings_credit_disregard_extended_to_care_at_home_keeps_the_para_40_cap(overlay_file):
    """options.savings_credit_disregard_non_residential: 'Apply the savings credit disregard to care at home
    too' -- the disregard is the Sch 1 para 40 one (up to £7.05 single in 2025-26), not the whole credit."""
    overlay = overlay_file("options.savings_credit_disregard_non_residential", "bool", "true")
    r = _assess(_home_care([{"type": "pension_credit_savings", "amount": "15.00"}], dob="1950-01-01"), overlay=overlay)
    line = next(x for x in r.income if x.type == "pension_credit_savings")
    assert (line.disregarded, line.counted) == (D("7.05"), D("7.95"))
