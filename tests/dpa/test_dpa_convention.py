"""The DPA functions follow careact's call convention, and the old call forms still work with a warning."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest

from careact import __version__
from careact.dpa import (
    DpaEligibility,
    DpaStatement,
    EquityLimit,
    PeriodRate,
    WeeklyDeferral,
    assessed_weekly_income,
    dpa_eligibility,
    dpa_statement,
    equity_limit,
    income_for_deferral,
    max_interest_rate,
    weekly_deferral,
)
from careact.errors import InputError
from careact.explain import ExplanationDoc
from careact.results import CareactResult
from careact.rules import load_ruleset, make_overlay

ON = date(2024, 6, 1)
APPLICATION = {"property": {"market_value": "200000"}, "capital_excluding_home": "10000.00"}
PROPERTY = {"market_value": "200000"}
DEFERRAL = {"weekly_care_cost": "500.00", "weekly_income": "344.00"}
AGREEMENT = {"start": "2024-01-01", "property": {"market_value": "300000"}, "weekly_care_cost": "700.00"}

CALLS = [
    ("eligibility", lambda **kw: dpa_eligibility(APPLICATION, on=ON, **kw), DpaEligibility),
    ("equity", lambda **kw: equity_limit(PROPERTY, on=ON, **kw), EquityLimit),
    ("deferral", lambda **kw: weekly_deferral(DEFERRAL, on=ON, **kw), WeeklyDeferral),
    ("rate", lambda **kw: max_interest_rate(on=ON, **kw), PeriodRate),
    ("statement", lambda **kw: dpa_statement(AGREEMENT, on=date(2024, 9, 30), **kw), DpaStatement),
]


@pytest.mark.parametrize("name, call, model", CALLS, ids=[c[0] for c in CALLS])
def test_every_result_shares_the_convention(name, call, model):
    r = call()
    assert isinstance(r, model) and isinstance(r, CareactResult)
    assert r.careact_version == __version__
    assert r.ruleset["id"] == load_ruleset("england").id
    assert r.figures.status in ("verified", "secondary", "unverified")
    ExplanationDoc.model_validate(r.explanation.to_dict())
    doc = json.loads(r.to_json())
    assert doc["schema"].startswith("careact.result.dpa.")
    assert doc["explanation"]["schema"] == "careact.explain/1"
    assert doc == r.to_dict()
    # the same figures without an explanation; the figures' status is still there
    quiet = call(explain=False)
    assert quiet.explanation is None and quiet.figures == r.figures
    assert quiet.to_dict() | {"explanation": None} == doc | {"explanation": None}


def test_results_carry_their_normalised_inputs():
    assert dpa_eligibility(APPLICATION, on=ON).inputs.capital_excluding_home == Decimal("10000.00")
    assert equity_limit(PROPERTY, on=ON).inputs.market_value == Decimal("200000.00")
    assert weekly_deferral(DEFERRAL, on=ON).inputs.weekly_income == Decimal("344.00")
    assert dpa_statement(AGREEMENT, on=date(2024, 2, 1)).inputs.start == date(2024, 1, 1)


def test_unverified_figures_are_stated_in_words():
    """The maximum interest rate from July 2025 is derived (unverified): the result says so without an explanation."""
    r = max_interest_rate(on=date(2025, 7, 1), explain=False)
    assert r.figures.status == "unverified" and "dpa.max_interest_rate" in r.figures.unverified
    assert r.figures.notice.startswith("This result uses 2025-26 figures not yet confirmed")


@pytest.mark.parametrize("name, call, model", CALLS, ids=[c[0] for c in CALLS])
def test_in_memory_overlays_and_rule_sets(name, call, model):
    """A figure set in memory is used and cited (layer reform: the equity-limit share is fixed nationally)."""
    lower = make_overlay({"dpa.equity_limit_share": "0.8", "dpa.max_interest_rate": "0.01"}, name="reform.lower",
                         layer="reform")
    plain, changed = call(), call(overlays=[lower])
    assert changed.ruleset["id"] != plain.ruleset["id"]
    assert call(rules=load_ruleset("england").with_overlay(lower)).to_dict() == changed.to_dict()
    if name in ("eligibility", "equity", "rate", "statement"):
        assert changed.to_dict() | {"ruleset": None, "explanation": None, "figures": None} != \
            plain.to_dict() | {"ruleset": None, "explanation": None, "figures": None}
        assert changed.figures.status == "unverified"


@pytest.mark.parametrize("name, call, model", CALLS, ids=[c[0] for c in CALLS])
def test_on_is_required_and_must_be_a_covered_date(name, call, model):
    fns = {"eligibility": lambda **kw: dpa_eligibility(APPLICATION, **kw),
           "equity": lambda **kw: equity_limit(PROPERTY, **kw),
           "deferral": lambda **kw: weekly_deferral(DEFERRAL, **kw),
           "rate": lambda **kw: max_interest_rate(**kw),
           "statement": lambda **kw: dpa_statement({**AGREEMENT, "start": "2014-06-01"}, **kw)}
    with pytest.raises(InputError) as err:
        fns[name]()
    assert err.value.field == "on" and err.value.problems[0].code == "missing"
    with pytest.raises(InputError) as err:
        fns[name](on="2024-06-01")
    assert err.value.field == "on" and "must be a date" in str(err.value)
    if name != "statement":
        with pytest.raises(InputError) as err:
            fns[name](on=date(2014, 6, 1))
        assert err.value.field == "on" and "careact's rules start on 1 April 2015" in str(err.value)


def test_statement_before_the_rules_start_is_rejected():
    with pytest.raises(InputError) as err:
        dpa_statement({**AGREEMENT, "start": "2014-06-01"}, on=date(2016, 1, 1))
    assert "careact's rules start on 1 April 2015" in str(err.value)


@pytest.mark.parametrize("amount", [500.5, 500.0])
def test_float_money_is_rejected_by_name(amount):
    with pytest.raises(InputError) as err:
        weekly_deferral({**DEFERRAL, "weekly_care_cost": amount}, on=ON)
    assert err.value.field == "weekly_care_cost" and err.value.problems[0].code == "float_money"


def test_the_case_may_be_given_by_keyword():
    assert weekly_deferral(case=DEFERRAL, on=ON).to_dict() == weekly_deferral(DEFERRAL, on=ON).to_dict()


def test_unknown_field_is_rejected_by_name():
    with pytest.raises(InputError) as err:
        weekly_deferral({**DEFERRAL, "weekly_cost": "1.00"}, on=ON)
    assert err.value.field == "weekly_cost"


# --------------------------------------------------------------------------- the old call forms


def test_old_forms_warn_and_give_the_same_result():
    def same(old, new):
        assert old.to_dict() == new.to_dict()

    with pytest.deprecated_call():
        same(equity_limit(PROPERTY, ON), equity_limit(PROPERTY, on=ON))
    with pytest.deprecated_call():
        same(equity_limit(PROPERTY, on=ON, overlay="council/reading"),
             equity_limit(PROPERTY, on=ON, overlays=["council/reading"]))
    with pytest.deprecated_call():
        same(dpa_eligibility({**APPLICATION, "on": "2024-06-01"}), dpa_eligibility(APPLICATION, on=ON))
    with pytest.deprecated_call():
        old = weekly_deferral(ON, weekly_care_cost=Decimal("500.00"), weekly_income=Decimal("344.00"))
    same(old, weekly_deferral(DEFERRAL, on=ON))
    with pytest.deprecated_call():
        same(max_interest_rate(ON), max_interest_rate(on=ON))
    with pytest.deprecated_call():
        same(dpa_statement(AGREEMENT, date(2024, 9, 30)), dpa_statement(AGREEMENT, on=date(2024, 9, 30)))
    with pytest.deprecated_call():
        same(dpa_statement(AGREEMENT, end=date(2024, 9, 30)), dpa_statement(AGREEMENT, on=date(2024, 9, 30)))


def test_old_until_limit_without_a_date_projects_forty_years():
    ag = {**AGREEMENT, "property": {"market_value": "50000"}, "weekly_care_cost": "1000.00"}
    with pytest.deprecated_call():
        old = dpa_statement(ag, until_limit=True)
    assert old.equity_limit_reached_on is not None and old.end == old.equity_limit_reached_on
    assert old.on == date(2063, 12, 31)


def test_old_trace_argument_still_records_into_the_callers_trace():
    from careact.explain import Trace

    trace = Trace()
    with pytest.deprecated_call():
        r = equity_limit(PROPERTY, on=ON, trace=trace)
    assert r.explanation is None and [s.rule.id for s in trace.steps][-1] == "dpa.equity.limit"


def test_application_date_and_on_must_agree():
    with pytest.raises(InputError) as err:
        dpa_eligibility({**APPLICATION, "on": "2024-06-02"}, on=ON)
    assert err.value.field == "on" and err.value.problems[0].code == "inconsistent"


def test_assessed_weekly_income_is_deprecated_for_income_for_deferral():
    from careact.charging import example_case

    case = example_case("residential_single")
    with pytest.deprecated_call():
        income, result = assessed_weekly_income(case, date(2025, 6, 2))
    assert income == income_for_deferral(case, on=date(2025, 6, 2)).assessed_income == result.assessed_income
