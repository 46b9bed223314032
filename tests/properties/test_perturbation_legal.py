"""The provenance property for the assessor's rules: every figure that moves a charge under the property
disregards over time, short stays, the 28-day rule, NHS funding, light-touch assessments, notional capital,
top-ups, couples, the Savings Credit disregard and typed housing costs is named in the explanation.
"""

from __future__ import annotations

from datetime import date

import pytest
from perturb import outcome, violations

from careact.charging import assess
from careact.rules import load_ruleset

PERSON = {"date_of_birth": "1955-01-01"}
PENSION = {"type": "state_pension", "amount": "230.25"}
AA = {"type": "attendance_allowance_higher", "amount": "110.40"}


def _resident(**extra) -> dict:
    return {"person": PERSON, "care": {"setting": "permanent_residential", "weekly_cost": "950.00", "start_date": "2025-04-07"},
            "income": [PENSION], **extra}


CASES = {
    "relative_run_off": (_resident(home={"value": "200000.00", "occupants": [
        {"relationship": "partner", "date_of_birth": "1950-01-01", "occupation_ended_on": "2025-09-10", "occupation_ended_because": "died"}]}),
        date(2025, 10, 1), {}),
    "readmission_balance": (_resident(care={"setting": "permanent_residential", "weekly_cost": "950.00", "start_date": "2025-06-29",
                                            "previous_permanent_periods": [{"start": "2024-03-04", "end": "2024-06-30", "home_disregarded_days": 28}]},
                                      home={"value": "200000.00"}), date(2025, 8, 1), {}),
    "short_stay_within_limit": ({"person": PERSON, "care": {"setting": "respite", "weekly_cost": "700.00", "start_date": "2025-05-05",
                                                            "planned_end_date": "2025-05-19",
                                                            "short_stays_in_year": [{"start": "2025-04-07", "end": "2025-04-21"}]},
                                 "income": [PENSION]}, date(2025, 5, 10),
                                {"options.respite_assessed_as_non_residential": True, "options.short_term_nights_limit": 20,
                                 "options.short_term_limit_scope": "per_year"}),
    "aa_stopped": (_resident(income=[PENSION, AA]), date(2025, 5, 6), {}),
    "aa_not_yet_stopped": (_resident(income=[PENSION, AA]), date(2025, 5, 5), {}),
    "fnc": ({**_resident(nhs_funding={"type": "fnc", "starts_on": "2025-04-07"}),
             "care": {"setting": "permanent_residential", "weekly_cost": "1100.00", "start_date": "2025-04-07", "home_type": "nursing"}},
            date(2025, 6, 2), {}),
    "savings_credit_flat": (_resident(person={"date_of_birth": "1940-01-01"}), date(2025, 6, 2), {}),
    "savings_credit_received": (_resident(person={"date_of_birth": "1940-01-01"},
                                          care={"setting": "permanent_residential", "weekly_cost": "950.00", "start_date": "2024-01-08"},
                                          income=[{"type": "state_pension", "amount": "200.00"}, {"type": "pension_credit_savings", "amount": "6.12"}]),
                                date(2024, 10, 7), {}),
    "temporary_partner": ({"person": PERSON, "care": {"setting": "temporary_residential", "weekly_cost": "700.00", "start_date": "2025-05-05"},
                           "income": [PENSION], "partner": {"date_of_birth": "1950-01-01", "own_income_weekly": "100.00"}},
                          date(2025, 6, 2), {}),
    "typed_housing": ({"person": PERSON, "care": {"setting": "non_residential", "weekly_cost": "300.00"},
                       "income": [{"type": "state_pension", "amount": "400.00"}],
                       "housing_costs": {"items": [{"type": "rent", "amount": "95.00"}, {"type": "housing_benefit", "amount": "80.00"},
                                                   {"type": "water", "amount": "9.00"}, {"type": "contents_insurance", "amount": "1.27"}]}},
                      date(2025, 6, 2), {"options.housing_costs_extra_items": ["water", "contents_insurance"]}),
    "couples_check": ({"person": {"date_of_birth": "1944-01-01"}, "care": {"setting": "non_residential", "weekly_cost": "600.00"},
                       "partner": {"date_of_birth": "1946-01-01"}, "housing_costs": {"rent": "64.00"},
                       "income": [{"type": "state_pension", "amount": "221.20"}, {"type": "state_pension", "amount": "159.50", "owner": "partner"}]},
                      date(2024, 10, 7), {"options.couples_affordability_check": True}),
    "working_age_uplift": ({"person": {"date_of_birth": "1980-01-01"}, "care": {"setting": "non_residential", "weekly_cost": "600.00"},
                            "income": [{"type": "universal_credit", "amount": "200.00"}]},
                           date(2025, 6, 2), {"options.mig_uplift_working_age_weekly": "4.77"}),
    "half_pension": (_resident(partner={"date_of_birth": "1956-01-01", "relationship": "spouse"},
                               income=[PENSION, {"type": "occupational_pension", "amount": "100.00", "paid_to_spouse_weekly": "50.00"}]),
                     date(2025, 6, 2), {}),
    "top_up_via_income": (_resident(top_up={"weekly": "120.00", "payer": {"kind": "third_party"}, "agreement_signed_on": "2025-04-01",
                                            "collection": "via_resident_income"}), date(2025, 6, 2), {}),
    "notional_capital_week_two": (_resident(capital=[{"type": "savings_account", "value": "10000.00"}], notional_capital=[
        {"amount": "20000.00", "reason": "a gift", "applies_from": "2025-06-02", "decided_by": "D", "decided_on": "2025-05-28"}]),
        date(2025, 6, 9), {}),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_every_figure_that_moves_the_charge_is_explained(name):
    case, on, options = CASES[name]
    rules = load_ruleset("england")
    if options:
        rules = rules.with_values(options, name="council.test")

    def run(r):
        result = assess(case, on=on, rules=r)
        return outcome(result), result.explanation.parameters_read()

    found = violations(run, rules, on)
    assert not found, "\n".join(map(str, found))
