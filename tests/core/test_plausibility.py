"""Plausibility bounds and clear errors: dates of birth, dates before the rules, floats, echoed values."""

from __future__ import annotations

import json
import math
import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from careact.charging import assess, example_case
from careact.charging.models import ChargingCase
from careact.cli import main
from careact.dates import (
    ASSESSMENT_DATE_PATTERN,
    BIRTH_DATE_PATTERN,
    EARLIEST_BIRTH,
    LAST_DATE,
    check_assessment_date,
)
from careact.errors import MAX_ECHO, RULES_START, FieldProblem, InputError
from careact.money import MAX_MONEY, parse_money
from careact.validation import validate_model


def _case(**person: str) -> dict:
    data = json.loads(example_case("residential_single").model_dump_json(by_alias=True))
    data["person"].update(person)
    return data


def test_a_date_of_birth_in_1800_is_rejected_naming_the_field() -> None:
    with pytest.raises(InputError) as err:
        validate_model(ChargingCase, _case(date_of_birth="1800-01-01"))
    assert err.value.fields == ("person.date_of_birth",)
    assert "1 January 1900" in err.value.problems[0].problem


def test_the_earliest_date_of_birth_is_accepted() -> None:
    case = validate_model(ChargingCase, _case(date_of_birth=EARLIEST_BIRTH.isoformat()))
    assert assess(case, on=date(2025, 6, 1)).weekly_charge >= 0


def _early_case() -> dict:
    data = _case()
    data["care"]["start_date"] = "2012-01-02"
    return data


def test_a_date_before_the_rules_start_says_so_without_a_parameter_name() -> None:
    with pytest.raises(InputError) as err:
        assess(validate_model(ChargingCase, _early_case()), on=date(2014, 6, 1))
    assert err.value.fields == ("on",)
    text = err.value.problems[0].problem
    assert text.startswith("careact's rules start on 1 April 2015")
    assert "parameter" not in text and "." not in text.split(";")[0]


def test_the_cli_reports_the_rules_start(tmp_path, capsys) -> None:
    path = tmp_path / "case.json"
    path.write_text(json.dumps(_early_case()), encoding="utf-8")
    with pytest.raises(SystemExit) as exit_:  # a --date careact has no rules for is a wrong command line
        main(["assess", str(path), "--date", "2014-06-01"])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert "careact's rules start on 1 April 2015" in err and "Traceback" not in err
    # a date careact has no rules for that comes from the case itself names the field it came from
    assert main(["eligibility", "--example", "adult_eligible", "--date", "2015-04-01"]) == 0
    capsys.readouterr()


@pytest.mark.parametrize("d, ok", [(RULES_START, True), (RULES_START - timedelta(days=1), False),
                                   (LAST_DATE, True), (LAST_DATE + timedelta(days=1), False)])
def test_assessment_dates_are_bounded(d: date, ok: bool) -> None:
    if ok:
        check_assessment_date(d)
    else:
        with pytest.raises(InputError):
            check_assessment_date(d)


@given(st.dates(min_value=date(1800, 1, 1), max_value=date(2200, 12, 31)))
def test_the_schema_patterns_admit_exactly_the_accepted_dates(d: date) -> None:
    text = d.isoformat()
    assert bool(re.match(BIRTH_DATE_PATTERN, text)) == (EARLIEST_BIRTH <= d <= LAST_DATE)
    assert bool(re.match(ASSESSMENT_DATE_PATTERN, text)) == (RULES_START <= d <= LAST_DATE)


@pytest.mark.parametrize("text", ["2015-02-29", "2016-02-30", "2015-04-31", "2015-13-01", "1900-02-29"])
def test_the_schema_patterns_refuse_dates_that_do_not_exist(text: str) -> None:
    assert not re.match(BIRTH_DATE_PATTERN, text) and not re.match(ASSESSMENT_DATE_PATTERN, text)


@given(st.floats(allow_nan=True, allow_infinity=True), st.booleans())
def test_the_float_error_only_suggests_a_string_careact_accepts(value: float, allow_negative: bool) -> None:
    with pytest.raises(InputError) as err:
        parse_money(value, allow_negative=allow_negative)
    problem = err.value.problems[0].problem
    suggested = re.findall(r'decimal string "([^"]+)"', problem)
    for text in suggested:
        assert parse_money(text, allow_negative=allow_negative) == Decimal(text)
        assert Decimal(text) == Decimal(repr(value))  # the same amount, not a rounded one
    if math.isnan(value) or abs(value) > MAX_MONEY:
        assert not suggested


def test_a_huge_value_is_not_echoed_whole() -> None:
    with pytest.raises(InputError) as err:
        validate_model(ChargingCase, {**_case(), "care": {**_case()["care"], "weekly_cost": "x" * 100_000}})
    problem = err.value.problems[0]
    assert problem.field == "care.weekly_cost"
    assert len(problem.problem) < 400 and "100,000 characters" in problem.problem


def test_problems_are_bounded_whatever_raised_them() -> None:
    p = FieldProblem("f" * 10_000, "bad value " + repr("y" * 50_000) + " here")
    assert len(p.field) < 300 and len(p.problem) < 300
    assert p.problem.startswith("bad value 'yyy") and p.problem.endswith("here")
    assert "y" * (MAX_ECHO + 1) not in p.problem
