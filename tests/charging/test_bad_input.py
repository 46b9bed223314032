"""Bad input: every malformed or impossible case is an InputError that names the field at fault.

Through the public API (``careact.charging.assess``) and through the CLI (``careact assess CASE.json``),
where money arrives as JSON text.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from careact.charging import assess
from careact.cli import build_parser, main
from careact.errors import InputError

ON = date(2025, 6, 2)
BASE: dict[str, Any] = {
    "person": {"date_of_birth": "1950-01-01"},
    "care": {"setting": "non_residential", "weekly_cost": "100.00"},
    "income": [{"type": "state_pension", "amount": "200.00"}],
    "capital": [{"type": "savings_account", "value": "1000.00"}],
}
PARTNER = {"date_of_birth": "1951-01-01"}


def mutated(change: Callable[[dict], Any]) -> dict:
    case = copy.deepcopy(BASE)
    change(case)
    return case


def rejected(case: Any, on: Any = ON) -> InputError:
    with pytest.raises(InputError) as err:
        assess(case, on=on, explain=False)
    return err.value


def test_the_base_case_is_valid():
    assert assess(BASE, on=ON, explain=False).weekly_charge >= 0


# --------------------------------------------------------------------------- money


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda c: c["income"][0].update(amount="-5.00"), "income[0].amount"),
        (lambda c: c["income"][0].update(amount=-5), "income[0].amount"),
        (lambda c: c["care"].update(weekly_cost="-0.01"), "care.weekly_cost"),
        (lambda c: c["capital"][0].update(value="-1000"), "capital[0].value"),
        (lambda c: c["capital"][0].update(debt_secured="-1"), "capital[0].debt_secured"),
        (lambda c: c.update(home={"value": "-1"}), "home.value"),
        (lambda c: c.update(home={"value": "1000", "mortgage_outstanding": "-1"}), "home.mortgage_outstanding"),
        (lambda c: c.update(housing_costs={"rent": "-12.00"}), "housing_costs.rent"),
        (lambda c: c.update(housing_costs={"housing_benefit": "-1"}), "housing_costs.housing_benefit"),
        (lambda c: c.update(disability_related_expenditure=[{"description": "x", "amount": "-3"}]), "disability_related_expenditure[0].amount"),
        (lambda c: c.update(notional_capital=[{"amount": "-1", "reason": "gift"}]), "notional_capital[0].amount"),
    ],
    ids=["income", "income-int", "weekly_cost", "capital", "debt", "home", "mortgage", "rent", "housing_benefit", "dre", "notional"],
)
def test_negative_money(change, field):
    err = rejected(mutated(change))
    assert err.fields == (field,)
    assert "negative" in err.problems[0].problem


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda c: c["income"][0].update(amount=12.5), "income[0].amount"),
        (lambda c: c["income"][0].update(amount=12.0), "income[0].amount"),
        (lambda c: c["care"].update(weekly_cost=100.0), "care.weekly_cost"),
        (lambda c: c["capital"][0].update(value=1000.01), "capital[0].value"),
        (lambda c: c.update(home={"value": 250000.0}), "home.value"),
        (lambda c: c.update(housing_costs={"council_tax": 25.5}), "housing_costs.council_tax"),
        (lambda c: c.update(disability_related_expenditure=[{"description": "x", "amount": 1.5}]), "disability_related_expenditure[0].amount"),
    ],
    ids=["income", "whole-float", "weekly_cost", "capital", "home", "council_tax", "dre"],
)
def test_floats_for_money_in_a_dict(change, field):
    err = rejected(mutated(change))
    assert err.fields == (field,)
    assert "float" in err.problems[0].problem


@pytest.mark.parametrize(("amount", "why"), [("1.234", "decimal places"), ("NaN", "NaN"), ("Infinity", "Infinity"), ("1e27", ""), ("£12", ""), ("12,50", ""), ("", "")])
def test_malformed_money_strings(amount, why):
    err = rejected(mutated(lambda c: c["income"][0].update(amount=amount)))
    assert err.fields == ("income[0].amount",)
    assert why in err.problems[0].problem


def test_every_bad_field_is_named_at_once():
    def change(c):
        c["income"][0]["amount"] = 1.5
        c["capital"][0]["value"] = "-1"
        c["care"]["weekly_cost"] = 2.25

    assert set(rejected(mutated(change)).fields) == {"income[0].amount", "capital[0].value", "care.weekly_cost"}


# --------------------------------------------------------------------------- floats in JSON text, via the CLI


def _write(tmp_path, text: str):
    path = tmp_path / "case.json"
    path.write_text(text, encoding="utf-8")
    return str(path)


@pytest.mark.parametrize(
    ("text", "field"),
    [
        (('{"person": {"date_of_birth": "1950-01-01"}, "care": {"setting": "non_residential", "weekly_cost": "100.00"},'
         ' "income": [{"type": "state_pension", "amount": 230.25}]}'), "income[0].amount"),
        ('{"person": {"date_of_birth": "1950-01-01"}, "care": {"setting": "non_residential", "weekly_cost": 1e2}}',
         "care.weekly_cost"),
        (('{"person": {"date_of_birth": "1950-01-01"}, "care": {"setting": "non_residential", "weekly_cost": "100"},'
         ' "capital": [{"type": "isa", "value": 20000.00}]}'), "capital[0].value"),
    ],
    ids=["income-amount", "exponent", "capital-value"],
)
def test_floats_for_money_in_json_text_via_the_cli(tmp_path, capsys, text, field):
    path = _write(tmp_path, text)
    args = build_parser().parse_args(["assess", path, "--date", "2025-06-02", "--format", "json"])
    with pytest.raises(InputError) as err:
        args.run(args)
    assert err.value.fields == (field,)
    # and the command itself exits 2, naming the field
    assert main(["assess", path, "--date", "2025-06-02"]) == 2
    assert f"{field}:" in capsys.readouterr().err


def test_the_same_json_with_decimal_strings_is_accepted_via_the_cli(tmp_path, capsys):
    text = ('{"person": {"date_of_birth": "1950-01-01"}, "care": {"setting": "non_residential", "weekly_cost": "100.00"},'
            ' "income": [{"type": "state_pension", "amount": "230.25"}], "capital": [{"type": "isa", "value": 20000}]}')
    assert main(["assess", _write(tmp_path, text), "--date", "2025-06-02", "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["tariff_income"] == "23.00"  # £5,750 above £14,250 = 23 bands
    assert out["weekly_charge"] == "20.65"  # £230.25 + £23 - MIG £232.60 (2025-26)


def test_invalid_json_text_names_the_argument_and_the_file(tmp_path):
    path = _write(tmp_path, "{not json")
    args = build_parser().parse_args(["assess", path, "--date", "2025-06-02"])
    with pytest.raises(InputError) as err:
        args.run(args)
    assert err.value.fields == ("case",)
    assert path in err.value.problems[0].problem and "line 1 column 2" in err.value.problems[0].problem


# --------------------------------------------------------------------------- unknown types and fields


@pytest.mark.parametrize(
    ("change", "field", "code"),
    [
        (lambda c: c["income"][0].update(type="lottery_win"), "income[0].type", "unknown_value"),
        (lambda c: c["capital"][0].update(type="gold_bars"), "capital[0].type", "unknown_value"),
        (lambda c: c["capital"][0].update(type="main_home"), "capital[0].type", "misplaced"),
        (lambda c: c["income"][0].update(frequency="daily"), "income[0].frequency", "unknown_value"),
        (lambda c: c["care"].update(setting="hospital"), "care.setting", "unknown_value"),
        (lambda c: c.update(schema="careact.case.charging/2"), "schema", "unknown_value"),
    ],
    ids=["income-type", "capital-type", "home-as-capital", "frequency", "setting", "schema"],
)
def test_unknown_types(change, field, code):
    err = rejected(mutated(change))
    assert err.fields == (field,)
    assert err.problems[0].code == code


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda c: c.update(incomes=[]), "incomes"),
        (lambda c: c["person"].update(dob="1950-01-01"), "person.dob"),
        (lambda c: c["income"][0].update(amout="1"), "income[0].amout"),
        (lambda c: c["capital"][0].update(owner_share="0.5"), "capital[0].owner_share"),
        (lambda c: c["care"].update(cost="100"), "care.cost"),
        (lambda c: c.update(partner={**PARTNER, "income": "1"}), "partner.income"),
    ],
    ids=["top", "person", "income", "capital", "care", "partner"],
)
def test_unknown_fields(change, field):
    err = rejected(mutated(change))
    assert err.fields == (field,)
    assert err.problems[0].code == "unknown_field"


# --------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda c: c["person"].update(date_of_birth="1950-02-30"), "person.date_of_birth"),
        (lambda c: c["person"].update(date_of_birth="1950-13-01"), "person.date_of_birth"),
        (lambda c: c["person"].update(date_of_birth="01/02/1950"), "person.date_of_birth"),
        (lambda c: c["person"].update(date_of_birth="2026-01-01"), "person.date_of_birth"),
        (lambda c: c["person"].update(date_of_birth="2025-06-02"), "person.date_of_birth"),
        (lambda c: c["person"].update(date_of_birth="2010-01-01"), "person.date_of_birth"),
        (lambda c: c.update(partner={"date_of_birth": "2025-07-01"}), "partner.date_of_birth"),
        (lambda c: c["capital"][0].update(received_on="2025-07-01"), "capital[0].received_on"),
        (lambda c: c.update(home={"value": "1", "occupants": [{"relationship": "relative", "date_of_birth": "2025-07-01"}]}), "home.occupants[0].date_of_birth"),
    ],
    ids=["feb-30", "month-13", "not-iso", "dob-after", "dob-same-day", "under-18", "partner-after", "received-after", "occupant-after"],
)
def test_impossible_dates(change, field):
    assert rejected(mutated(change)).fields == (field,)


def test_assessment_date_must_be_a_date():
    assert rejected(BASE, on="2025-06-02").fields == ("on",)


@pytest.mark.parametrize("setting", ["permanent_residential", "temporary_residential", "non_residential"])
def test_care_starting_after_the_assessment_date(setting):
    err = rejected(mutated(lambda c: c["care"].update(setting=setting, start_date="2025-06-03")))
    assert err.fields == ("care.start_date",)
    assert err.problems[0].code == "after_assessment_date"


def test_permanent_residential_care_needs_its_start_date():
    assert rejected(mutated(lambda c: c["care"].update(setting="permanent_residential"))).fields == ("care.start_date",)


def test_reablement_starting_after_the_assessment_date():
    """Regression (B5): it used to be accepted, and free."""
    err = rejected(mutated(lambda c: c["care"].update(free_service="intermediate_care_or_reablement", service_started_on="2025-07-01")))
    assert err.fields == ("care.service_started_on",)


# --------------------------------------------------------------------------- a partner's data without a partner


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda c: c["income"][0].update(owner="partner"), "income[0].owner"),
        (lambda c: c["income"][0].update(owner="joint"), "income[0].owner"),
        (lambda c: c["capital"][0].update(owner="partner"), "capital[0].owner"),
        (lambda c: c["capital"][0].update(owner="joint_with_partner"), "capital[0].owner"),
        (lambda c: c.update(home={"value": "100000", "owner": "joint_with_partner"}), "home.owner"),
    ],
    ids=["income-partner", "income-joint", "capital-partner", "capital-joint", "home-joint"],
)
def test_partner_data_without_a_partner(change, field):
    err = rejected(mutated(change))
    assert err.fields == (field,)
    assert "no partner" in err.problems[0].problem


def test_lone_parent_rules():
    assert rejected(mutated(lambda c: c.update(lone_parent=True))).fields == ("lone_parent",)
    assert rejected(mutated(lambda c: c.update(lone_parent=True, dependent_children=1, partner=PARTNER))).fields == ("lone_parent",)


# --------------------------------------------------------------------------- shares


@pytest.mark.parametrize("share", ["0", "0/1", "1.5", "3/2", "-0.5", "1/0", "abc", "", 0.5, True, 0, 2])
def test_capital_share_outside_zero_to_one(share):
    err = rejected(mutated(lambda c: c["capital"][0].update(owner="joint_with_others", share=share)))
    assert err.fields == ("capital[0].share",)


@pytest.mark.parametrize("share", ["0", "1.01", 0.5])
def test_home_share_outside_zero_to_one(share):
    err = rejected(mutated(lambda c: c.update(home={"value": "100000", "owner": "joint_with_others", "share": share})))
    assert err.fields == ("home.share",)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda c: c["capital"][0].update(share="0.5"), "capital[0].share"),
        (lambda c: c["capital"][0].update(joint_owners=2), "capital[0].share"),
        (lambda c: c["capital"][0].update(owner="joint_with_others"), "capital[0].joint_owners"),
        (lambda c: c["capital"][0].update(owner="joint_with_others", joint_owners=1), "capital[0].joint_owners"),
        (lambda c: c.update(home={"value": "1000", "share": "0.5"}), "home.share"),
        (lambda c: c.update(home={"value": "1000", "owner": "joint_with_others"}), "home.joint_owners"),
        (lambda c: c.update(home={"value": "1000", "owner": "joint_with_others", "joint_owners": 1}), "home.joint_owners"),
    ],
    ids=["share-sole", "owners-sole", "joint-no-owners", "joint-one-owner", "home-share-sole", "home-no-owners", "home-one-owner"],
)
def test_joint_ownership_that_does_not_make_sense(change, field):
    assert rejected(mutated(change)).fields == (field,)


def test_whole_share_of_a_joint_asset():
    """Regression (B6): a joint owner cannot own all of the asset."""
    err = rejected(mutated(lambda c: c["capital"][0].update(owner="joint_with_others", share="1", joint_owners=2)))
    assert err.fields == ("capital[0].share",)



def test_three_owners_of_an_asset_held_with_the_partner():
    err = rejected(mutated(lambda c: (c.update(partner=PARTNER), c["capital"][0].update(owner="joint_with_partner", joint_owners=3))))
    assert err.fields == ("capital[0].joint_owners",)


# --------------------------------------------------------------------------- other impossible values


def test_night_care_only_for_care_at_home():
    def change(c):
        c["care"].update(setting="permanent_residential", start_date="2025-01-06")
        c["income"].append({"type": "attendance_allowance_higher", "amount": "110.40", "night_care_provided": False})

    assert rejected(mutated(change)).fields == ("income[1].night_care_provided",)


def test_top_up_only_for_care_homes():
    assert rejected(mutated(lambda c: c["care"].update(third_party_top_up="50"))).fields == ("care.third_party_top_up",)


def test_reablement_needs_its_start_date():
    err = rejected(mutated(lambda c: c["care"].update(free_service="intermediate_care_or_reablement")))
    assert err.fields == ("care.service_started_on",)


@pytest.mark.parametrize(("change", "field"), [
    (lambda c: c.update(dependent_children=-1), "dependent_children"),
    (lambda c: c.update(dependent_children=21), "dependent_children"),
    (lambda c: c["care"].update(property_disregard_weeks_used=-1), "care.property_disregard_weeks_used"),
    (lambda c: c.update(notional_capital=[{"amount": "100", "reason": ""}]), "notional_capital[0].reason"),
    (lambda c: c.update(disability_related_expenditure=[{"description": "", "amount": "1"}]), "disability_related_expenditure[0].description"),
])
def test_out_of_range_counts_and_empty_reasons(change, field):
    assert rejected(mutated(change)).fields == (field,)


def test_more_than_twelve_weeks_of_property_disregard_used():
    """Regression (B7): the disregard is 12 weeks in all (SI 2014/2672 Sch 2 para 2(2))."""
    err = rejected(mutated(lambda c: c["care"].update(setting="permanent_residential", start_date="2025-01-06", property_disregard_weeks_used=13)))
    assert err.fields == ("care.property_disregard_weeks_used",)


def test_partner_born_outside_the_pension_age_table_names_the_partner():
    """Regression (B2): the error names the partner's field, not the person's."""
    err = rejected(mutated(lambda c: c.update(partner={"date_of_birth": "1899-12-31"})))
    assert err.fields == ("partner.date_of_birth",)


def test_not_a_mapping_at_all():
    for bad in (None, [], "case", 1):
        err = rejected(bad)
        assert err.fields  # names the root
