"""Population runs on a small seeded population: aggregates, files in and out, determinism, executors."""

from __future__ import annotations

import csv
import json
from datetime import date
from decimal import Decimal as D

import pytest

from careact.errors import InputError
from careact.reform.population import (
    aggregate,
    read_population,
    run_population,
    synthetic_population,
    write_population,
)

N = 60
START = date(2024, 4, 1)  # the synthetic population's first care start: every account opens at its own


@pytest.fixture(scope="module")
def result():
    return run_population(N, on=START, reform="reform_2021", years=6, seed=42, executor="serial")


def test_synthetic_people_are_fixed_by_seed_and_index():
    a = synthetic_population(20, seed=3)
    b = synthetic_population(10, seed=3, offset=10)
    assert a[10:] == b
    assert synthetic_population(20, seed=3) == a
    assert synthetic_population(20, seed=4) != a


def test_synthetic_money_is_decimal_pence():
    for s in synthetic_population(50, seed=1):
        for v in (s.la_weekly_rate, s.weekly_income, s.capital, s.home_value, s.fee):
            assert isinstance(v, D) and v == v.quantize(D("0.01")) and v.as_tuple().exponent == -2


def test_every_case_is_accounted_for(result):
    assert len(result.outcomes) + len(result.errors) == N
    assert result.errors == ()


def test_totals_are_the_sum_of_the_cases(result):
    t = result.summary["totals"]
    outs = result.outcomes
    assert D(t["baseline"]["person_paid"]) == sum(o.baseline.person_paid for o in outs)
    assert D(t["reform"]["council_paid"]) == sum(o.reform.council_paid for o in outs)
    assert D(t["change"]["person_paid"]) == sum(o.reform.person_paid - o.baseline.person_paid for o in outs)
    assert int(t["reform"]["reached_cap"]) == sum(1 for o in outs if o.reform.cap_reached_on)
    assert int(t["baseline"]["self_funders_at_start"]) == sum(1 for o in outs if o.baseline.self_funder_at_start)


def test_breakdowns_add_back_to_the_totals(result):
    s = result.summary
    for key in ("by_income_decile", "by_wealth_decile", "by_tenure", "by_setting"):
        groups = s[key].values()
        assert sum(g["cases"] for g in groups) == s["totals"]["cases"]
        assert sum(D(g["reform"]["person_paid"]) for g in groups) == D(s["totals"]["reform"]["person_paid"])
    assert list(s["by_income_decile"]) == [str(i) for i in range(1, 11)]


def test_the_2021_reform_leaves_nobody_paying_more(result):
    """DHSC, 'Adult social care charging reform: analysis' (Nov 2021): 'No one will be worse off'."""
    assert result.summary["totals"]["change"]["worse_off"] == "0"


def test_weights_scale_the_totals(result):
    doubled = [o.model_copy(update={"weight": D(2)}) for o in result.outcomes]
    agg = aggregate(doubled)
    assert D(agg["totals"]["reform"]["person_paid"]) == 2 * D(result.summary["totals"]["reform"]["person_paid"])
    assert agg["totals"]["people"] == str(2 * len(result.outcomes))


def test_files_out(result, tmp_path):
    written = result.write(tmp_path)
    names = {p.name for p in written}
    assert {"cases.csv", "summary.json"} <= names
    rows = list(csv.DictReader((tmp_path / "cases.csv").open()))
    assert len(rows) == len(result.outcomes)
    assert {"baseline_person_paid", "reform_cap_reached_on", "person_paid_change"} <= set(rows[0])
    doc = json.loads((tmp_path / "summary.json").read_text())
    assert doc["schema"] == "careact.reform.population/1" and doc["run"]["cases"] == N


def test_csv_round_trip_gives_the_same_results(tmp_path):
    people = synthetic_population(12, seed=9)
    path = write_population(people, tmp_path / "people.csv")
    again = read_population(path)
    assert again == people
    a = run_population(people, on=START, reform="care_act_2016", years=3, executor="serial")
    b = run_population(again, on=START, reform="care_act_2016", years=3, executor="serial")
    assert a.outcomes == b.outcomes


def test_parquet_round_trip(tmp_path):
    pytest.importorskip("pyarrow", reason="Parquet needs the optional 'parquet' extra (pyarrow), not installed")
    people = synthetic_population(8, seed=2)
    path = write_population(people, tmp_path / "people.parquet")
    assert read_population(path) == people


def test_bad_rows_are_named(tmp_path):
    p = tmp_path / "bad.csv"
    p.write_text(
        "id,age,care_start,setting,la_weekly_rate,weekly_income,capital\n"
        "a,80,2024-04-01,care_home,700.00,200.00,1000\n"
        "b,80,2024-04-01,hospital,700.00,200.00,1000\n"
        "c,80,2024-04-01,community,700.001,200.00,-5\n"
    )
    with pytest.raises(InputError) as e:
        read_population(p)
    assert set(e.value.fields) == {"rows[1].setting", "rows[2].la_weekly_rate", "rows[2].capital"}


def test_local_processes_match_serial(result):
    local = run_population(N, on=START, reform="reform_2021", years=6, seed=42, executor="local", workers=2)
    assert local.outcomes == result.outcomes
    assert local.summary == result.summary
    assert local.stats.cases == N and local.stats.cases_per_second > 0


def test_plots(result, tmp_path):
    pytest.importorskip("matplotlib", reason="charts need the optional 'plots' extra (matplotlib), not installed")
    written = result.write(tmp_path, plots=True)
    assert (tmp_path / "by_income_decile.png").exists() and len(written) >= 5


def test_a_case_the_rules_do_not_cover_is_reported_not_fatal():
    people = synthetic_population(4, seed=1)
    early = people[0].with_changes(id="too-early", care_start=date(2010, 1, 4), date_of_birth=date(1930, 1, 1))
    with pytest.deprecated_call():  # the old form: each account opens at its own care start
        run = run_population([early, *people[1:]], reform="reform_2021", years=2, executor="serial")
    assert [e.id for e in run.errors] == ["too-early"] and "careact's rules start on 1 April 2015" in run.errors[0].error
    assert len(run.outcomes) == 3
    assert run.summary_document()["failed"]["cases"] == 1


def test_a_spell_that_ended_before_on_is_reported_not_fatal():
    people = synthetic_population(4, seed=1)
    over = people[0].with_changes(id="over", care_start=date(2020, 1, 6), weeks=10)
    run = run_population([over, *people[1:]], on=START, reform="reform_2021", years=2, executor="serial")
    assert [e.id for e in run.errors] == ["over"] and "ended" in run.errors[0].error
    assert len(run.outcomes) == 3


def test_on_before_the_rules_start_is_an_error():
    with pytest.raises(InputError) as e:
        run_population(2, on=date(2014, 6, 1), reform="reform_2021", years=1, executor="serial")
    assert e.value.field == "on" and "careact's rules start on 1 April 2015" in str(e.value)


def test_unknown_executor():
    with pytest.raises(InputError) as e:
        run_population(2, on=START, reform="reform_2021", years=1, executor="spark")
    assert e.value.field == "executor"
