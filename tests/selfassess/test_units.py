"""The journey's parts on their own: reading answers, the case they make, the evidence list, the figures' status."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from careact.selfassess import adapter
from careact.selfassess.evidence import evidence_checklist
from careact.selfassess.i18n import translator
from careact.selfassess.journey import (
    CAPITAL_KINDS,
    INCOME_KINDS,
    PAGES,
    apply_answers,
    assessment_date,
    build_case,
    first_incomplete,
    next_page,
    page,
    parse_money,
    prune,
    read_page,
)

from .cases import care_home_single, home_couple
from .conftest import TODAY


def answers_for(steps: Any) -> dict[str, Any]:
    a: dict[str, Any] = {}
    items: dict[str, int] = {}
    for step in steps:
        p = page(step.slug)
        assert p is not None
        values, errors, _ = read_page(p, step.fields, a, TODAY)
        assert not errors, (step.slug, errors)
        index = None
        if p.list_key and not p.is_list:
            index = items.get(p.list_key, 0)
            items[p.list_key] = index + 1
        a = apply_answers(a, p, values, index)
    return a


@pytest.mark.parametrize("journey", [care_home_single, home_couple])
def test_answers_make_the_expected_case(journey: Any) -> None:
    steps, expected = journey(TODAY)
    a = answers_for(steps)
    assert first_incomplete(a) is None
    assert adapter.validate_case(build_case(a)) == adapter.validate_case(expected)


def test_every_kind_offered_is_in_the_catalogue() -> None:
    assert {o.value for o in INCOME_KINDS} <= adapter.known_income_types()
    assert {o.value for o in CAPITAL_KINDS} <= adapter.known_capital_types()


@pytest.mark.parametrize(("raw", "value"), [("1,250", "1250.00"), ("£1,250.50", "1250.50"), (" 12.5 ", "12.50"),
                                            ("0", "0.00"), ("1 000", "1000.00")])
def test_money_is_read_exactly(raw: str, value: str) -> None:
    assert parse_money(raw) == Decimal(value)


@pytest.mark.parametrize("raw", ["-5", "12.345", "1e3", "abc", "", "1.2.3", "£", "١٢"])
def test_money_that_is_not_money(raw: str) -> None:
    assert parse_money(raw) is None


@given(st.decimals(min_value=0, max_value=10**8, places=2, allow_nan=False, allow_infinity=False))
def test_money_round_trips(amount: Decimal) -> None:
    assert parse_money(f"{amount:,.2f}") == amount


@pytest.mark.parametrize(("fields", "target", "message"), [
    ({}, "dob-day", "Enter {name}"),
    ({"dob-day": "1", "dob-year": "1950"}, "dob-month", "{name} must include {part}"),
    ({"dob-day": "x", "dob-month": "1", "dob-year": "1950"}, "dob-day", "{name} must be a real date"),
    ({"dob-day": "29", "dob-month": "2", "dob-year": "1951"}, "dob-day", "{name} must be a real date"),
    ({"dob-day": "1", "dob-month": "1", "dob-year": "50"}, "dob-year", "{name} must be a real date"),
    ({"dob-day": "1", "dob-month": "1", "dob-year": "1850"}, "dob-year", "{name} must be after {year}"),
    ({"dob-day": "١", "dob-month": "1", "dob-year": "1950"}, "dob-day", "{name} must be a real date"),
    ({"dob-day": "2", "dob-month": "6", "dob-year": "2025"}, "dob-day", "{name} must be in the past"),
    ({"dob-day": "2", "dob-month": "6", "dob-year": "2007"}, "dob-day", "You must be 18 or over to use this service"),
])
def test_date_errors_point_at_the_field_to_fix(fields: dict[str, str], target: str, message: str) -> None:
    p = page("date-of-birth")
    assert p is not None
    _, errors, _ = read_page(p, fields, {}, TODAY)
    assert [(e.target, e.message) for e in errors] == [(target, message)]


def test_eighteen_today_is_old_enough() -> None:
    p = page("date-of-birth")
    assert p is not None
    values, errors, _ = read_page(p, {"dob-day": "1", "dob-month": "6", "dob-year": "2007"}, {}, TODAY)
    assert not errors and values == {"dob": "2007-06-01"}


def test_cross_field_checks() -> None:
    cap = page("capital-item")
    assert cap is not None
    _, errors, _ = read_page(cap, {"kind": "land", "value": "10", "owner": "joint_with_others"}, {}, TODAY)
    assert [e.field for e in errors] == ["owners"]
    values, errors, _ = read_page(cap, {"kind": "land", "value": "10", "owner": "person", "owners": "3"}, {}, TODAY)
    assert not errors and "owners" not in values
    _, errors, _ = read_page(cap, {"kind": "land", "value": "10", "owner": "partner"}, {}, TODAY)
    assert [e.field for e in errors] == ["owner"]  # no partner: that choice is not offered
    contact = page("contact")
    assert contact is not None
    _, errors, _ = read_page(contact, {"name": "A", "address": "x", "postcode": "SW1A 1AA"}, {}, TODAY)
    assert [e.message for e in errors] == ["Enter an email address or a phone number"]
    values, errors, _ = read_page(contact, {"name": "A", "address": "x", "postcode": "sw1a1aa", "phone": "01632 960001"},
                                  {}, TODAY)
    assert not errors and values["postcode"] == "SW1A 1AA"
    home = page("home-value")
    assert home is not None
    _, errors, _ = read_page(home, {"home_value": "100", "home_mortgage": "200"}, {"home_own": "sole"}, TODAY)
    assert [e.field for e in errors] == ["home_mortgage"]


def test_long_text_is_refused() -> None:
    dre = page("dre-item")
    assert dre is not None
    _, errors, _ = read_page(dre, {"description": "x" * 501, "amount": "1", "frequency": "weekly"}, {}, TODAY)
    assert [e.field for e in errors] == ["description"]


def test_flow_visits_only_pages_that_apply() -> None:
    a = answers_for(home_couple(TODAY)[0])
    slugs = [p.slug for p in PAGES if p.applies(a)]
    assert "care-start-date" not in slugs and "home-own" not in slugs and "partner-lives" not in slugs
    assert "dre-any" in slugs and "housing-costs" in slugs
    cur = page("care-cost")
    assert cur is not None and next_page(a, cur) == "income-any"
    item = page("income-item")
    assert item is not None and next_page(a, item) == "income-list"
    anyp = page("income-any")
    assert anyp is not None and next_page(a, anyp) == "income-list"  # entries exist: the list, not a new item


def test_prune_drops_what_no_longer_fits() -> None:
    a = answers_for(home_couple(TODAY)[0])
    a = prune({**a, "has_partner": "no"})
    assert all(i.get("owner", "person") == "person" for i in a["income"])
    assert "capital" not in a and "capital_done" not in a
    assert first_incomplete(a) is not None and first_incomplete(a).slug == "capital-item"  # type: ignore[union-attr]


def test_assessment_date_waits_for_the_move() -> None:
    a = {"care_type": "care_home", "care_start": "2025-07-01"}
    assert assessment_date(a, TODAY) == date(2025, 7, 1)
    assert assessment_date({**a, "care_start": "2025-01-01"}, TODAY) == TODAY
    assert assessment_date({"care_type": "home"}, TODAY) == TODAY


def test_evidence_follows_the_answers() -> None:
    t = translator("en")
    single = [e.text(t) for e in evidence_checklist(answers_for(care_home_single(TODAY)[0]))]
    assert any("State Pension" in x for x in single)
    assert any("Attendance Allowance: higher rate" in x and "Department for Work and Pensions" in x for x in single)
    assert any("Workplace pension" in x for x in single)
    assert any(x.startswith("Statements for the last 3 months: Savings or building society account") for x in single)
    assert any("home's value" in x for x in single)
    assert not any("partner" in x for x in single)
    couple = [e.text(t) for e in evidence_checklist(answers_for(home_couple(TODAY)[0]))]
    assert any("your partner's" in x for x in couple)
    assert any("held jointly with your partner" in x for x in couple)
    assert "Your tenancy agreement or latest rent statement" in couple
    assert "This year's council tax bill" in couple
    assert "Receipts or bills: Extra heating" in couple
    assert not any("home's value" in x for x in couple)
    assert len(couple) == len(set(couple))


def _explanation(*statuses: str) -> dict[str, Any]:
    return {"steps": [{"parameters": [{"name": f"p{i}", "citation": {"status": s}} for i, s in enumerate(statuses)],
                       "steps": [{"parameters": [{"name": "nested", "key": "k", "citation": {"status": "verified"}}],
                                  "steps": []}]}]}


def test_figures_status_from_the_explanation() -> None:
    assert adapter.figures_status_from_explanation(_explanation("verified")).level == "verified"
    s = adapter.figures_status_from_explanation(_explanation("verified", "secondary"))
    assert s.level == "secondary" and s.secondary == ("p1",) and s.unverified == ()
    s = adapter.figures_status_from_explanation(_explanation("secondary", "unverified"))
    assert s.level == "unverified" and s.unverified == ("p1",)
    assert "not yet been checked" in s.sentence


def test_figures_status_of_a_real_estimate() -> None:
    rules = adapter.load_council_rules([])
    est = adapter.run_estimate(care_home_single(TODAY)[1], TODAY, rules)
    statuses = {p["citation"]["status"] for step in _walk(est.explanation["steps"]) for p in step["parameters"]}
    assert est.figures.level == ("unverified" if "unverified" in statuses else
                                 "secondary" if "secondary" in statuses else "verified")
    assert est.summary()["figures"]["level"] == est.figures.level


def _walk(steps: list[dict[str, Any]]) -> Any:
    for s in steps:
        yield s
        yield from _walk(s["steps"])


def test_explained_steps_render_in_welsh_formatting() -> None:
    rules = adapter.load_council_rules([])
    est = adapter.run_estimate(care_home_single(TODAY)[1], TODAY, rules)
    en = adapter.explained_steps(est.explanation, "en_GB")
    cy = adapter.explained_steps(est.explanation, "cy_GB")
    assert len(en) == len(cy) > 5
    assert en[0].citation and en[0].statement
