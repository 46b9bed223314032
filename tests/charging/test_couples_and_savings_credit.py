"""Couples and the household: half a pension paid to a spouse (SI 2014/2672 Sch 1 para 16), a minimum income
guarantee the council assessed, an allowance for a partner at home, and the Savings Credit disregard worked
out from qualifying income (Sch 1 para 40).

The Savings Credit cases follow the structure of para 40's English predecessor, read in full (SI 2003/2343,
CRAG Sch 3 para 28H), with the 2024-25 amounts: standard minimum guarantee £218.15, savings credit threshold
£189.80, maximum savings credit £17.01, maximum disregard £6.95, personal expenses allowance £30.15. Savings
credit itself is State Pension Credit Act 2002 s 3 (read): 60% of qualifying income above the threshold, up
to the maximum, less 40% of income above the standard minimum guarantee. The other cases are synthetic.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from careact.charging import assess
from careact.errors import InputError

D = Decimal
ON_2024 = date(2024, 10, 7)
ON_2025 = date(2025, 10, 6)
OFFICER = {"decided_by": "E Team Manager", "decided_on": "2025-09-01", "reason": "agreed after a review"}


def _resident(income: list[dict], dob: str = "1940-01-01", setting: str = "permanent_residential", **extra) -> dict:
    care = {"setting": setting, "weekly_cost": "900.00"}
    if setting == "permanent_residential":
        care["start_date"] = "2024-01-08"
    return {"person": {"date_of_birth": dob}, "care": care, "income": income, **extra}


# --------------------------------------------------------------------------- Savings Credit disregard (para 40)


SC_CASES = [
    # qualifying income, savings credit recorded, disregard, charge
    ("189.80", None, "0.00", "159.65"),  # at the threshold: no savings credit
    ("200.00", "6.12", "6.12", "169.85"),  # 60% of £10.20
    ("215.00", "15.12", "6.95", "193.02"),  # capped at £6.95
    ("218.15", "17.01", "6.95", "198.06"),  # at the standard minimum guarantee ('not exceeding')
    ("218.16", None, "6.95", "181.06"),  # above it: a sum of £6.95 whether or not savings credit is paid
    ("250.00", None, "6.95", "212.90"),
]


@pytest.mark.parametrize(("qualifying", "credit", "disregard", "charge"), SC_CASES, ids=[c[0] for c in SC_CASES])
def test_savings_credit_disregard_either_side_of_the_standard_minimum_guarantee(qualifying, credit, disregard, charge):
    income = [{"type": "state_pension", "amount": qualifying}]
    if credit:
        income.append({"type": "pension_credit_savings", "amount": credit})
    r = assess(_resident(income), on=ON_2024)
    on_line = sum((x.disregarded for x in r.income if x.type == "pension_credit_savings"), D(0))
    extra = next((a.weekly for a in r.allowances if a.name == "savings_credit_disregard"), D(0))
    assert on_line + extra == D(disregard)
    assert r.weekly_charge == D(charge)


def test_savings_credit_that_may_be_payable_is_flagged():
    r = assess(_resident([{"type": "state_pension", "amount": "200.00"}]), on=ON_2024, explain=False)
    assert "savings_credit_may_be_payable" in {f.code for f in r.flags}
    assert "£6.12" in next(f.message for f in r.flags if f.code == "savings_credit_may_be_payable")


def test_no_savings_credit_disregard_after_the_2016_state_pension():
    """State Pension Credit Act 2002 s 3(1): pensionable age reached before 6 April 2016."""
    r = assess(_resident([{"type": "state_pension", "amount": "250.00"}], dob="1955-01-01"), on=ON_2024, explain=False)
    assert r.weekly_charge == D("219.85")


def test_an_open_age_condition_needs_to_be_recorded():
    """Born in June 1952: a woman reached State Pension age before April 2016, a man after."""
    case = _resident([{"type": "state_pension", "amount": "250.00"}], dob="1952-06-01")
    r = assess(case, on=ON_2024, explain=False)
    assert r.weekly_charge == D("219.85") and "savings_credit_age_condition_unknown" in {f.code for f in r.flags}
    case["person"]["reached_pensionable_age_before_2016"] = True
    assert assess(case, on=ON_2024, explain=False).weekly_charge == D("212.90")


def test_the_partners_income_never_enters_the_savings_credit_disregard():
    """Reading Appendix B: 'Savings Disregard is calculated on an individual basis'."""
    base = _resident([{"type": "state_pension", "amount": "200.00"}, {"type": "pension_credit_savings", "amount": "6.12"}],
                     partner={"date_of_birth": "1941-01-01", "lives_in_the_home": False})
    richer = {**base, "income": [*base["income"], {"type": "occupational_pension", "amount": "500.00", "owner": "partner"}]}
    assert assess(base, on=ON_2024, explain=False).weekly_charge == assess(richer, on=ON_2024, explain=False).weekly_charge


# --------------------------------------------------------------------------- half a pension (para 16)


def _half(paid: str | None, relationship: str | None = "spouse", setting: str = "permanent_residential", **pension) -> dict:
    item = {"type": "occupational_pension", "amount": "100.00", **pension}
    if paid is not None:
        item["paid_to_spouse_weekly"] = paid
    partner = {"date_of_birth": "1956-01-01"}
    if relationship:
        partner["relationship"] = relationship
    return _resident([{"type": "state_pension", "amount": "230.25"}, item], dob="1955-01-01", setting=setting, partner=partner)


@pytest.mark.parametrize(("paid", "disregarded", "charge"), [("49.99", "0.00", "299.60"), ("50.00", "50.00", "249.60"), ("60.00", "50.00", "249.60")])
def test_half_the_pension_when_at_least_half_is_paid_to_the_spouse(paid, disregarded, charge):
    """2025-26: State Pension £230.25 and a £100.00 occupational pension; paying £50.00 of it to his wife at
    home: £280.25 counted, charge £280.25 - £30.65 = £249.60 (without: £299.60)."""
    r = assess(_half(paid), on=ON_2025, explain=False)
    assert next(x for x in r.income if x.type == "occupational_pension").disregarded == D(disregarded)
    assert r.weekly_charge == D(charge)
    if paid == "49.99":
        assert "half_pension_paid_less_than_half" in {f.code for f in r.flags}


def test_half_a_monthly_pension():
    r = assess(_half("216.67", amount="433.33", frequency="monthly"), on=ON_2025, explain=False)
    assert next(x for x in r.income if x.type == "occupational_pension").disregarded == D("50.00")


def test_an_unmarried_partner_only_at_the_councils_discretion(council_overlay):
    r = assess(_half("50.00", relationship="cohabiting"), on=ON_2025, explain=False)
    assert r.weekly_charge == D("299.60") and "half_pension_unmarried_partner" in {f.code for f in r.flags}
    overlay = council_overlay({"options.half_pension_unmarried_partner": ("bool", True)}, name="unmarried")
    assert assess(_half("50.00", relationship="cohabiting"), on=ON_2025, overlays=[overlay], explain=False).weekly_charge == D("249.60")


def test_a_temporary_resident_too():
    assert assess(_half("50.00", setting="temporary_residential"), on=ON_2025, explain=False).weekly_charge == D("249.60")


def test_paid_to_spouse_more_than_the_pension_is_rejected():
    with pytest.raises(InputError) as err:
        assess(_half("150.00"), on=ON_2025, explain=False)
    assert "income[1].paid_to_spouse_weekly" in err.value.fields


# --------------------------------------------------------------------------- the council's own decisions


def _home_care(**extra) -> dict:
    return {"person": {"date_of_birth": "1955-01-01"}, "care": {"setting": "non_residential", "weekly_cost": "200.00"},
            "income": [{"type": "state_pension", "amount": "300.00"}], **extra}


def test_a_minimum_income_guarantee_the_council_assessed():
    r = assess(_home_care(mig_override={"weekly": "240.00", **OFFICER}), on=ON_2025)
    mig = next(a for a in r.allowances if a.name == "minimum_income_guarantee")
    assert mig.weekly == D("240.00") and r.weekly_charge == D("60.00")
    assert "agreed after a review" in r.explanation.render_text()


def test_never_below_the_minimum_income_guarantee():
    """2025-26: the MIG for a single person at pension credit age is £232.60; £232.59 is refused."""
    assert assess(_home_care(mig_override={"weekly": "232.60", **OFFICER}), on=ON_2025, explain=False).weekly_charge == D("67.40")
    with pytest.raises(InputError) as err:
        assess(_home_care(mig_override={"weekly": "232.59", **OFFICER}), on=ON_2025, explain=False)
    assert err.value.field == "mig_override.weekly" and "never less" in err.value.problems[0].problem


def test_an_allowance_for_a_partner_at_home():
    case = _resident([{"type": "state_pension", "amount": "230.25"}], dob="1955-01-01",
                     partner={"date_of_birth": "1956-01-01"}, partner_at_home_allowance={"weekly": "25.00", **OFFICER})
    r = assess(case, on=ON_2025, explain=False)
    assert r.weekly_charge == D("230.25") - D("30.65") - D("25.00")
    assert "partner_at_home_allowance" in {f.code for f in r.flags}


def test_officers_decisions_need_their_reason():
    with pytest.raises(InputError) as err:
        assess(_home_care(mig_override={"weekly": "240.00", "decided_by": "E", "decided_on": "2025-09-01"}), on=ON_2025, explain=False)
    assert "mig_override.reason" in err.value.fields
