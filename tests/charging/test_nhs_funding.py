"""NHS-funded nursing care and NHS continuing healthcare (Care Act 2014 s 22).

The weekly FNC rates are those the Department announced for each year (nhs.toml); no published council
example with figures was found, so the cases are synthetic, with each year's rate checked on the day
before and the day it took effect. The adult was born in 1955 (no Savings Credit disregard).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from careact.charging import assess
from careact.errors import InputError

D = Decimal


def _nursing(fee: str = "1100.00", on_savings: str = "0.00", **nhs) -> dict:
    return {
        "person": {"date_of_birth": "1955-01-01"},
        "care": {"setting": "permanent_residential", "weekly_cost": fee, "start_date": "2015-01-05", "home_type": "nursing"},
        "income": [{"type": "state_pension", "amount": "230.25"}],
        "capital": [{"type": "savings_account", "value": on_savings}],
        "nhs_funding": {"type": "fnc", "starts_on": "2015-01-05", **nhs},
    }


RATES = [
    # (first day, standard, higher, previous standard)
    (date(2016, 4, 1), "156.25", "215.04", "112.00"),
    (date(2017, 4, 1), "155.05", "213.32", "156.25"),
    (date(2018, 4, 1), "158.16", "217.59", "155.05"),
    (date(2019, 4, 1), "180.31", "248.06", "158.16"),
    (date(2020, 4, 1), "183.92", "253.02", "180.31"),
    (date(2021, 4, 1), "187.60", "258.08", "183.92"),
    (date(2022, 4, 1), "209.19", "287.78", "187.60"),
    (date(2023, 4, 1), "219.71", "302.25", "209.19"),
    (date(2024, 4, 1), "235.88", "324.50", "219.71"),
    (date(2025, 4, 1), "254.06", "349.50", "235.88"),
    (date(2026, 4, 1), "267.68", "368.24", "254.06"),
]


@pytest.mark.parametrize(("first", "standard", "higher", "previous"), RATES, ids=[str(r[0].year) for r in RATES])
def test_each_years_rate_from_1_april(first, standard, higher, previous):
    on = assess(_nursing(), on=first, explain=False)
    before = assess(_nursing(), on=date.fromordinal(first.toordinal() - 1), explain=False)
    assert on.nhs_funded_nursing_care == D(standard)
    assert before.nhs_funded_nursing_care == D(previous)
    high = assess(_nursing(band="higher", higher_band_since_2007=True), on=first, explain=False)
    assert high.nhs_funded_nursing_care == D(higher)


def test_fnc_is_neither_charged_to_the_adult_nor_council_cost():
    """2025-26: the fee of £1,100.00 includes FNC of £254.06 paid by the NHS; the council's cost is £845.94.
    The adult's charge, £230.25 - £30.65 = £199.60, is within it; the council pays £646.34."""
    r = assess(_nursing(), on=date(2025, 6, 2))
    assert r.cost_of_care == D("845.94") and r.nhs_funded_nursing_care == D("254.06")
    assert r.weekly_charge == D("199.60")
    assert r.council_weekly_contribution == D("646.34")
    assert "not charged to the adult and the council does not pay it" in r.explanation.render_text()


def test_a_self_funder_pays_the_fee_less_fnc():
    r = assess(_nursing(on_savings="50000.00"), on=date(2025, 6, 2), explain=False)
    assert r.self_funder and r.weekly_charge == D("845.94") and r.council_weekly_contribution == D("0.00")


def test_a_fee_quoted_without_fnc_is_the_councils_cost():
    r = assess(_nursing(fee="845.94", fee_includes_fnc=False), on=date(2025, 6, 2), explain=False)
    assert r.cost_of_care == D("845.94") and r.nhs_funded_nursing_care == D("254.06")


def test_fnc_applies_only_from_its_start():
    case = _nursing()
    case["nhs_funding"]["starts_on"] = "2025-07-01"
    assert assess(case, on=date(2025, 6, 30), explain=False).nhs_funded_nursing_care is None
    assert assess(case, on=date(2025, 7, 1), explain=False).nhs_funded_nursing_care == D("254.06")


def test_nhs_continuing_healthcare_means_no_council_charge():
    case = _nursing()
    case["nhs_funding"] = {"type": "chc", "starts_on": "2025-05-01", "decided_by": "NHS Kent and Medway ICB"}
    r = assess(case, on=date(2025, 6, 2))
    assert (r.weekly_charge, r.council_weekly_contribution) == (D("0.00"), D("0.00"))
    assert "nhs_continuing_healthcare" in {f.code for f in r.flags}
    before = assess(case, on=date(2025, 4, 30), explain=False)
    assert before.weekly_charge == D("199.60")


@pytest.mark.parametrize(("change", "field"), [
    ({"care": {"setting": "non_residential", "weekly_cost": "100.00"}}, "nhs_funding.type"),
    ({"care": {"setting": "permanent_residential", "weekly_cost": "900.00", "start_date": "2015-01-05", "home_type": "residential"}}, "nhs_funding.type"),
    ({"nhs_funding": {"type": "fnc", "starts_on": "2015-01-05", "band": "higher"}}, "nhs_funding.band"),
    ({"nhs_funding": {"type": "fnc", "starts_on": "2025-01-05", "ends_on": "2024-01-05"}}, "nhs_funding.ends_on"),
    ({"nhs_funding": {"type": "fnc"}}, "nhs_funding.starts_on"),
])
def test_nhs_funding_inputs_are_checked(change, field):
    case = {**_nursing(), **change}
    with pytest.raises(InputError) as err:
        assess(case, on=date(2025, 6, 2), explain=False)
    assert field in err.value.fields, err.value.fields
