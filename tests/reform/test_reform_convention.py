"""careact.reform follows the call convention of every domain; its inputs reject floats and unknown fields by name."""

from __future__ import annotations

import json
from datetime import date, timedelta
from decimal import Decimal as D

import pytest

from careact import __version__
from careact.errors import InputError, RuleSetError
from careact.reform import CareSpell, compare, load_reform, run_population, spell_from_mapping
from careact.reform.care_account import AccountResult, account_start, run_account
from careact.reform.compare import Comparison
from careact.reform.engine import charging_assessor
from careact.reform.overlays import ReformTerms, reform_ruleset
from careact.reform.population import PopulationResult, synthetic_population
from careact.results import CareactResult
from careact.rules import load_ruleset, make_overlay

ON = date(2024, 4, 1)
CASE = {
    "id": "mrs-a",
    "date_of_birth": "1941-09-14",
    "care_start": "2024-04-01",
    "setting": "care_home",
    "la_weekly_rate": "800.00",
    "weekly_fee": "1000.00",
    "weekly_income": "250.00",
    "capital": "60000.00",
    "home_value": "200000.00",
}


# --------------------------------------------------------------------------- inputs


@pytest.mark.parametrize("name", ["la_weekly_rate", "weekly_income", "capital", "home_value", "weekly_fee"])
def test_care_spell_rejects_float_money_by_name(name):
    fields = {**CASE, name: 812.5}
    with pytest.raises(InputError) as err:
        CareSpell(**fields)
    assert err.value.field == name and err.value.problems[0].code == "float_money"
    with pytest.raises(InputError) as err:
        spell_from_mapping(fields)
    assert err.value.field == name and err.value.problems[0].code == "float_money"
    with pytest.raises(InputError) as err:
        compare(fields, on=ON, reform="reform_2021", years=1)
    assert err.value.field == name


def test_care_spell_rejects_a_float_weight_and_an_unknown_field():
    with pytest.raises(InputError) as err:
        CareSpell(**{**CASE, "weight": 1.5})
    assert err.value.field == "weight"
    with pytest.raises(InputError) as err:
        compare({**CASE, "capitl": "1000.00"}, on=ON, reform="reform_2021", years=1)
    assert err.value.field == "capitl" and err.value.problems[0].code == "unknown_field"
    with pytest.raises(InputError) as err:
        CareSpell(**{**CASE, "capitl": "1000.00"})
    assert err.value.field == "capitl"


def test_money_is_normalised_to_pence_and_a_bad_flag_is_named():
    s = spell_from_mapping({**CASE, "capital": "60000", "home_disregarded": "yes"})
    assert s.capital == D("60000.00") and s.capital.as_tuple().exponent == -2 and s.home_disregarded
    with pytest.raises(InputError) as err:
        spell_from_mapping({**CASE, "home_disregarded": "maybe"})
    assert err.value.field == "home_disregarded"


def test_a_population_file_with_an_unknown_column_is_rejected(tmp_path):
    from careact.reform.population import read_population

    p = tmp_path / "people.csv"
    p.write_text("id,age,care_start,setting,la_weekly_rate,weekly_income,capitl\na,80,2024-04-01,care_home,700.00,200.00,1000\n")
    with pytest.raises(InputError) as err:
        read_population(p)
    assert err.value.field == "columns.capitl"


# --------------------------------------------------------------------------- compare


@pytest.fixture(scope="module")
def comparison() -> Comparison:
    return compare(CASE, on=ON, reform="reform_2021", years=3)


def test_compare_result_shares_the_convention(comparison):
    c = comparison
    assert isinstance(c, CareactResult) and isinstance(c.baseline, AccountResult)
    assert c.careact_version == __version__ and c.on == ON
    assert c.ruleset["id"] == reform_ruleset("reform_2021").id
    assert c.baseline.ruleset["id"] == load_ruleset("england").id
    assert c.figures.status in ("verified", "secondary", "unverified")
    assert c.inputs == c.spell == spell_from_mapping(CASE)
    doc = json.loads(c.to_json())
    assert doc == c.to_dict() and doc["schema"] == "careact.reform.compare/1"
    assert doc["case"]["la_weekly_rate"] == "800.00" and doc["explanation"]["schema"] == "careact.explain/1"
    assert "segments" in doc["baseline_account"] and "segments" not in c.as_dict()["baseline_account"]
    assert doc["baseline_account"]["explanation"] is None  # the comparison's explanation holds both accounts
    quiet = compare(CASE, on=ON, reform="reform_2021", years=3, explain=False)
    assert quiet.explanation is None and quiet.figures == c.figures
    assert quiet.to_dict() | {"explanation": None} == doc | {"explanation": None}


def test_every_reform_term_in_force_is_cited(comparison):
    cited = {name for name, _ in comparison.explanation.parameters_read()}
    for name in ("reform.cap.amount", "reform.cap.metering", "reform.daily_living_costs.weekly",
                 "property.disregard_weeks"):
        assert name in cited, name
    reform_side = comparison.explanation.find("reform.compare.reform")
    account = next(s for s in reform_side.walk() if s.rule.id == "reform.care_account")
    assert any(p.name == "reform.cap.amount" and p.value == D("86000.00") for p in account.params)


def test_terms_read_through_a_reader_are_recorded():
    from careact.explain import Trace
    from careact.rules.reader import Reader

    trace = Trace()
    r = Reader(reform_ruleset("reform_2021").at(date(2024, 6, 1)), trace)
    terms = ReformTerms.read(r)
    assert terms.cap_amount == D("86000.00")
    assert {p.name for p in trace._pending} >= {"reform.cap.amount", "reform.cap.metering"}
    assert ReformTerms.from_resolved(load_ruleset("england").at(date(2024, 6, 1))).has_cap is False


def test_on_is_required_as_a_date():
    with pytest.raises(InputError) as err:
        compare(CASE, on="2024-04-01", reform="reform_2021", years=1)
    assert err.value.field == "on"
    with pytest.raises(InputError) as err:
        compare(CASE, on=ON, reform="reform_2021", years=0)
    assert err.value.field == "years"


def test_the_old_form_without_on_warns_and_starts_at_the_care_start(comparison):
    with pytest.deprecated_call():
        old = compare(CASE, reform="reform_2021", years=3)
    assert old.to_dict() == comparison.to_dict()


def test_a_later_on_opens_the_account_on_the_next_weekly_statement():
    later = compare(CASE, on=date(2025, 1, 1), reform="reform_2021", years=2, explain=False)
    start = account_start(spell_from_mapping(CASE), date(2025, 1, 1))
    assert start == date(2025, 1, 6) and (start - ON).days % 7 == 0  # a Monday, like the care start
    assert later.baseline.start == later.reformed.start == start == later.years[0].start
    assert later.weeks == 104
    # the same spell started on that day, with the same savings, is charged the same
    fresh = compare({**CASE, "care_start": start.isoformat()}, on=start, reform="reform_2021", years=2, explain=False)
    assert fresh.reformed.person_paid <= later.reformed.person_paid  # the 12-week disregard is already over


def test_care_start_may_be_left_to_on():
    case = {k: v for k, v in CASE.items() if k != "care_start"}
    c = compare(case, on=ON, reform="reform_2021", years=1, explain=False)
    assert c.inputs.care_start == ON


def test_a_spell_that_ended_before_on_is_an_input_error():
    with pytest.raises(InputError) as err:
        compare({**CASE, "weeks": 10}, on=date(2025, 1, 1), reform="reform_2021")
    assert err.value.field == "on" and "ended" in str(err.value)


def test_in_memory_reform_and_baseline_rules():
    cap = make_overlay({"reform.cap.amount": "20000.00", "reform.cap.metering": "personal_budget"},
                       name="reform.cap_20k", layer="reform", start=date(2024, 1, 1))
    c = compare(CASE, on=ON, reform=cap, years=3, explain=False)
    assert c.reform == "reform.cap_20k" and c.reformed.cap_amount == D("20000.00")
    assert c.reformed.cap_reached_on is not None and c.figures.status == "unverified"
    assert "reform.cap.amount" in c.figures.unverified
    # the baseline as a rule set in memory: a council overlay under both sides
    council = load_ruleset("england", overlays=["council/reading"])
    d = compare(CASE, on=ON, reform=cap, years=3, explain=False, rules=council)
    assert d.baseline.ruleset["id"] == council.id and d.ruleset["id"] == council.with_overlay(cap).id


def test_a_reform_must_be_a_reform_layer():
    council = make_overlay({"options.minimum_charge": "1.00"}, name="council.mine")
    with pytest.raises(RuleSetError) as err:
        load_reform(council)
    assert 'layer = "reform"' in str(err.value)


def test_run_account_opens_on_on():
    s = spell_from_mapping(CASE)
    r = run_account(s, reform_ruleset("reform_2021"), assessor=charging_assessor, weeks=10, on=ON + timedelta(days=3))
    assert r.start == ON + timedelta(days=7) and r.weeks == 10 and r.inputs == s


# --------------------------------------------------------------------------- population


def test_population_result_shares_the_convention():
    people = synthetic_population(6, seed=3)
    run = run_population(people, on=ON, reform="reform_2021", years=2, executor="serial")
    assert isinstance(run, PopulationResult) and run.careact_version == __version__
    assert run.figures.status in ("verified", "secondary", "unverified")
    assert run.ruleset["id"] == reform_ruleset("reform_2021").id
    assert run.explanation.step_ids()[:2] == ["reform.population", "reform.population.terms"]
    assert ("reform.cap.amount", None) in run.explanation.parameters_read()
    doc = json.loads(run.to_json())
    assert doc["schema"] == "careact.result.reform.population/1" and len(doc["outcomes"]) == 6
    summary = run.summary_document()
    assert summary["on"] == "2024-04-01" and summary["figures"]["status"] == run.figures.status
    quiet = run_population(people, on=ON, reform="reform_2021", years=2, executor="serial", explain=False)
    assert quiet.explanation is None and quiet.outcomes == run.outcomes


def test_population_with_rules_in_memory_runs_serially_only():
    cap = make_overlay({"reform.cap.amount": "20000.00"}, name="reform.cap_20k", layer="reform", start=date(2024, 1, 1))
    people = synthetic_population(4, seed=3)
    run = run_population(people, on=ON, reform=cap, years=2, executor="serial")
    assert run.job.reform == "reform.cap_20k" and len(run.outcomes) + len(run.errors) == 4
    with pytest.raises(InputError) as err:
        run_population(people, on=ON, reform=cap, years=2, executor="local")
    assert err.value.field == "executor"


def test_totals_beyond_the_largest_amount_careact_reads_are_results_not_errors():
    """A total over many years may exceed the largest single amount careact reads (a trillion pounds)."""
    from datetime import date

    from careact.reform import compare

    spell = {"id": "x", "date_of_birth": "1927-11-03", "care_start": "2016-02-29", "setting": "care_home",
             "weekly_fee": "1000000000000.00", "la_weekly_rate": "552", "weekly_income": "0", "capital": "28639",
             "weeks": 1336}
    result = compare(spell, on=date(2016, 2, 29), reform="reform_2021", years=14, explain=False)
    assert result.totals.baseline.person_paid >= 10**12
    assert '"person_paid":"' in result.to_json()
