"""Typed housing costs (SI 2014/2672 Sch 1 paras 2-3, read) and an officer's decision to allow
disability-related expenditure where no disability benefit is counted (Care Act 2014 s 14).

Published example reproduced: Devon County Council, "Financial assessment and paying for community care
services - Examples of common financial assessments" (2023/24 rates), Example 1 (Peter, 37):
https://www.devon.gov.uk/adult-social-care/factsheet/financial-assessment-for-community-services/examples-of-common-financial-assessments/
"Top up rent: £10.00; Council Tax: £6.00; Contents insurance: £1.27; Total = £17.27" ... "Assessed weekly
contribution = £110.10". Contents insurance is not a housing cost the regulations list (para 2(3)): Devon
allows it under its own policy, so the national rules give £111.37 and a Devon policy option gives £110.10.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from careact.charging import assess
from careact.errors import InputError

D = Decimal
ON = date(2025, 6, 2)


def _devon(items: list[dict]) -> dict:
    return {
        "person": {"date_of_birth": "1986-05-01"},
        "care": {"setting": "non_residential", "weekly_cost": "454.00"},
        "income": [
            {"type": "esa_income_related", "amount": "225.45"},
            {"type": "pip_daily_living_enhanced", "amount": "101.75"},
            {"type": "pip_mobility_standard", "amount": "26.90"},
        ],
        "housing_costs": {"items": items},
        "disability_related_expenditure": [
            {"description": "cleaner", "amount": "20.00"},
            {"description": "mobile phone, pay as you go", "amount": "10.00", "frequency": "monthly"},
            {"description": "broadband, basic", "amount": "25.00", "frequency": "monthly"},
        ],
    }


DEVON_ITEMS = [{"type": "rent", "amount": "10.00"}, {"type": "council_tax", "amount": "6.00"},
               {"type": "contents_insurance", "amount": "1.27"}]


def _housing(r) -> Decimal:
    return next((a.weekly for a in r.allowances if a.name == "housing_costs"), D("0.00"))


def test_devon_example_1_with_typed_housing_costs(council_overlay):
    national = assess(_devon(DEVON_ITEMS), on=date(2023, 10, 2))
    assert _housing(national) == D("16.00") and national.weekly_charge == D("111.37")
    assert "the council's policy does not allow it" in national.explanation.render_text()
    devon = council_overlay({"options.housing_costs_extra_items": ("list", ["contents_insurance"])}, name="devon_test")
    r = assess(_devon(DEVON_ITEMS), on=date(2023, 10, 2), overlays=[devon])
    assert _housing(r) == D("17.27")
    assert r.weekly_charge == D("110.10")
    assert "allowed under the council's policy" in r.explanation.render_text()


def _home(items: list[dict], share: str | None = None) -> dict:
    h: dict = {"items": items}
    if share:
        h["liable_share"] = share
    return {"person": {"date_of_birth": "1955-01-01"}, "care": {"setting": "non_residential", "weekly_cost": "300.00"},
            "income": [{"type": "state_pension", "amount": "400.00"}], "housing_costs": h}


def test_every_statutory_item_net_of_the_benefits_that_meet_it():
    items = [
        {"type": "rent", "amount": "95.00"}, {"type": "housing_benefit", "amount": "80.00"},
        {"type": "mortgage_repayment", "amount": "433.33", "frequency": "monthly"},
        {"type": "smi_or_is_housing_costs", "amount": "20.00"},
        {"type": "council_tax", "amount": "1820.00", "frequency": "annually"},
        {"type": "council_tax_reduction", "amount": "455.00", "frequency": "annually"},
        {"type": "service_charge", "amount": "12.00", "hb_eligible": True},
        {"type": "service_charge", "amount": "8.00", "hb_eligible": False},
        {"type": "ground_rent", "amount": "260.00", "frequency": "annually"},
        {"type": "water", "amount": "40.00", "frequency": "monthly"},
    ]
    # rent 15.00 + mortgage 80.00 (100.00 - 20.00) + council tax 26.25 (35.00 - 8.75) + service 12.00 + ground rent 5.00
    assert _housing(assess(_home(items), on=ON, explain=False)) == D("138.25")
    assert _housing(assess(_home(items, share="1/2"), on=ON, explain=False)) == D("69.13")


def test_housing_costs_are_not_allowed_for_a_permanent_resident():
    case = {"person": {"date_of_birth": "1955-01-01"},
            "care": {"setting": "permanent_residential", "weekly_cost": "900.00", "start_date": "2025-01-06"},
            "income": [{"type": "state_pension", "amount": "230.25"}], "housing_costs": {"rent": "50.00"}}
    r = assess(case, on=ON, explain=False)
    assert _housing(r) == D("0.00") and "housing_costs_not_allowed_permanent" in {f.code for f in r.flags}


@pytest.mark.parametrize(("housing", "field"), [
    ({"items": [{"type": "service_charge", "amount": "5.00"}]}, "housing_costs.items[0].hb_eligible"),
    ({"items": [{"type": "rent", "amount": "5.00", "hb_eligible": True}]}, "housing_costs.items[0].hb_eligible"),
    ({"items": [{"type": "rent", "amount": "50.00"}, {"type": "housing_benefit", "amount": "60.00"}]}, "housing_costs.items"),
    ({"items": [{"type": "rent", "amount": "50.00"}], "rent": "50.00"}, "housing_costs.items"),
    ({"items": [{"type": "heating", "amount": "5.00"}]}, "housing_costs.items[0].type"),
])
def test_housing_items_are_checked(housing, field):
    case = _home([])
    case["housing_costs"] = housing
    with pytest.raises(InputError) as err:
        assess(case, on=ON, explain=False)
    assert field in err.value.fields, err.value.fields


# --------------------------------------------------------------------------- DRE: an officer's decision


def _no_disability_benefit(**extra) -> dict:
    return {"person": {"date_of_birth": "1980-01-01"}, "care": {"setting": "non_residential", "weekly_cost": "200.00"},
            "income": [{"type": "esa_contributory", "amount": "200.00"}], **extra}


DECISION = {"weekly": "15.00", "decided_by": "A Jones (Senior Assessor)", "decided_on": "2025-05-20",
            "reason": "extra heating because of MS; no disability benefit in payment (award pending)", "review_on": "2026-04-06"}


def test_an_officers_decision_allows_dre_without_a_disability_benefit():
    without = assess(_no_disability_benefit(), on=ON, explain=False)
    r = assess(_no_disability_benefit(dre_officer_decision=DECISION), on=ON)
    allowance = next(a for a in r.allowances if a.name == "disability_related_expenditure_discretionary")
    assert allowance.weekly == D("15.00")
    assert without.weekly_charge - r.weekly_charge == D("15.00")
    text = r.explanation.render_text()
    assert "A Jones (Senior Assessor)" in text and "extra heating because of MS" in text


def test_where_a_disability_benefit_is_counted_schedule_1_applies_instead():
    case = _no_disability_benefit(dre_officer_decision=DECISION)
    case["income"].append({"type": "pip_daily_living_standard", "amount": "73.90"})
    r = assess(case, on=ON, explain=False)
    assert not any(a.name == "disability_related_expenditure_discretionary" for a in r.allowances)
    assert "dre_officer_decision_not_applied" in {f.code for f in r.flags}


@pytest.mark.parametrize("missing", ["reason", "decided_by", "decided_on"])
def test_a_dre_decision_with_no_reason_is_rejected(missing):
    decision = {k: v for k, v in DECISION.items() if k != missing}
    with pytest.raises(InputError) as err:
        assess(_no_disability_benefit(dre_officer_decision=decision), on=ON, explain=False)
    assert f"dre_officer_decision.{missing}" in err.value.fields


def test_a_dre_decision_for_a_care_home_resident_is_rejected():
    case = {"person": {"date_of_birth": "1955-01-01"}, "care": {"setting": "permanent_residential", "weekly_cost": "900.00", "start_date": "2025-01-06"},
            "dre_officer_decision": DECISION}
    with pytest.raises(InputError) as err:
        assess(case, on=ON, explain=False)
    assert "dre_officer_decision" in err.value.fields
