"""The bundled reform overlays: valid, cited, dormant unless chosen; and a policy team's own file runs with no code."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from careact.errors import RuleSetError, UnknownRuleSet
from careact.reform.overlays import ReformTerms, available_reforms, load_reform, reform_ruleset
from careact.rules import LayerKind, Status, load_ruleset

BUNDLED = ("care_act_2016", "reform_2021", "cap_75k_floor_100k", "free_personal_care", "home_in_domiciliary_means_test")


def test_all_five_are_bundled():
    assert set(BUNDLED) <= set(available_reforms())


@pytest.mark.parametrize("name", BUNDLED)
def test_every_value_is_cited_and_status_marked(name):
    layer = load_reform(name)
    assert layer.kind is LayerKind.REFORM and layer.base == "england" and layer.source is not None
    for p in layer.parameters.values():
        for v in p.values:
            assert v.citation.text
            assert v.citation.status in (Status.VERIFIED, Status.SECONDARY, Status.UNVERIFIED)
            if v.citation.status is not Status.VERIFIED:
                assert v.citation.note


def test_dormant_unless_chosen():
    """The national rule set alone has no reform parameter; each reform adds its own."""
    plain = load_ruleset("england").at(date(2024, 6, 1))
    assert ReformTerms.from_resolved(plain).has_cap is False
    assert plain["capital.upper_limit"].value == D("23250.00")


@pytest.mark.parametrize(
    "name,on,cap,upper,lower,dlc",
    [
        ("care_act_2016", date(2016, 4, 1), "72000.00", "118000.00", "17000.00", "230.00"),
        ("reform_2021", date(2023, 10, 1), "86000.00", "100000.00", "20000.00", "200.00"),
        ("cap_75k_floor_100k", date(2024, 6, 1), "75000.00", "100000.00", "100000.00", "230.00"),
    ],
)
def test_headline_figures(name, on, cap, upper, lower, dlc):
    res = reform_ruleset(name).at(on)
    t = ReformTerms.from_resolved(res)
    assert t.cap_amount == D(cap)
    assert res["capital.upper_limit"].value == D(upper)
    assert res["capital.lower_limit"].value == D(lower)
    assert t.dlc_weekly == D(dlc)


def test_2021_reform_not_in_force_before_october_2023():
    res = reform_ruleset("reform_2021").at(date(2023, 9, 30))
    assert not ReformTerms.from_resolved(res).has_cap
    assert res["capital.upper_limit"].value == D("23250.00")  # the national value shows through the gap


def test_2021_metering_is_the_s166_rule_and_2016_is_the_enacted_rule():
    assert ReformTerms.from_resolved(reform_ruleset("reform_2021").at(date(2024, 1, 1))).metering_basis == "own_contribution"
    assert ReformTerms.from_resolved(reform_ruleset("care_act_2016").at(date(2017, 1, 1))).metering_basis == "personal_budget"


def test_policy_team_file_by_path(write_overlay, param):
    path = write_overlay("my_policy", param("reform.cap.amount", "GBP", "50000.00") + param("capital.upper_limit", "GBP", "60000.00"))
    rules = reform_ruleset(path)
    res = rules.at(date(2024, 6, 1))
    assert ReformTerms.from_resolved(res).cap_amount == D("50000.00")
    assert res["capital.upper_limit"].value == D("60000.00")


def test_bad_metering_choice_rejected(write_overlay, param):
    path = write_overlay("bad", param("reform.cap.metering", "text", "everything"))
    with pytest.raises(RuleSetError) as e:
        load_reform(path)
    assert "not one of personal_budget, own_contribution" in str(e.value)


def test_unknown_reform_parameter_rejected(write_overlay, param):
    path = write_overlay("typo", param("reform.cap.amonut", "GBP", "1.00"))
    with pytest.raises(RuleSetError) as e:
        load_reform(path)
    assert "careact declares no parameter 'reform.cap.amonut' (did you mean 'reform.cap.amount'" in str(e.value)


def test_unknown_name():
    with pytest.raises(UnknownRuleSet) as e:
        load_reform("reform_2099")
    assert "reform_2021" in e.value.available


def test_policy_team_can_change_the_taper(write_overlay, param):
    """A policy file changing the taper (£2 for every £500) is read by the charging engine with no code."""
    from careact.charging import assess

    path = write_overlay(
        "taper",
        param("capital.tariff_band", "GBP", "500.00") + param("capital.tariff_per_band", "GBP/week", "2.00"),
    )
    case = {
        "person": {"date_of_birth": "1940-01-01"},
        "care": {"setting": "permanent_residential", "weekly_cost": "900", "start_date": "2024-01-01"},
        "capital": [{"type": "savings_account", "value": "20000"}],
    }
    result = assess(case, on=date(2024, 6, 1), rules=reform_ruleset(path), explain=False)
    assert result.tariff_income == D("24.00")  # (20,000 - 14,250) / 500 = 11.5 -> 12 bands x £2
