"""The benchmark peer's inputs: the figures come from careact's rule set, the arrays from a population."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from careact.charging.models import ChargingCase
from careact.population.convert import to_columns

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

from openfisca_peer.inputs import figures_on, inputs_from_population


def test_the_figures_are_the_national_rule_sets() -> None:
    f = figures_on(date(2025, 6, 1))
    assert (f.lower_limit, f.upper_limit, f.tariff_band, f.tariff_per_band) == (1425000, 2325000, 25000, 100)
    assert f.personal_expenses_allowance == 3065
    assert f.mig == (8915, 11250, 23260)
    assert f.pounds()["mig_single_pca"] == 232.6


def _case(dob: str, setting: str, **extra: object) -> ChargingCase:
    care = {"setting": setting, "weekly_cost": "500"}
    if setting == "permanent_residential":
        care["start_date"] = "2025-01-06"
    return ChargingCase.model_validate({"person": {"date_of_birth": dob}, "care": care, **extra})


def test_inputs_from_a_population() -> None:
    on = date(2025, 6, 1)
    cases = [
        _case("2001-06-02", "non_residential"),  # 23 the day before their 24th birthday
        _case("2000-06-01", "non_residential", income=[{"type": "state_pension", "amount": "10.50"},
                                                       {"type": "occupational_pension", "amount": "2.25"}]),  # 25 today
        _case("1959-06-01", "permanent_residential", capital=[{"type": "cash", "value": "100"},
                                                              {"type": "isa", "value": "0.01"}]),  # 66 today
        _case("1959-06-02", "non_residential"),  # 65
    ]
    inputs = inputs_from_population(to_columns(cases), on)
    assert inputs.mig_band.tolist() == [0, 1, 2, 1]
    assert inputs.care_home.tolist() == [False, False, True, False]
    assert inputs.weekly_income.tolist() == [0, 1275, 0, 0]
    assert inputs.capital.tolist() == [0, 0, 10001, 0]
    assert inputs.weekly_cost.tolist() == [50000] * 4
    assert len(inputs) == 4
