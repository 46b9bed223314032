"""Care accounts over columns give every spell the account the per-case path gives it, to the penny; scenarios,
sweeps, tables, charts and population files around them."""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow.parquet as pq
import pytest

from careact.errors import CareactError, InputError
from careact.population.io import write_population
from careact.population.reform import AccountColumns, run_accounts, spell_columns, spells_to_columns
from careact.population.scenarios import Scenario, compare_reforms, run_scenarios, sweep
from careact.population.spell_files import read_spells
from careact.population.synthetic import synthetic_columns
from careact.reform.care_account import _run
from careact.reform.engine import charging_assessor
from careact.reform.models import CareSpell
from careact.reform.overlays import available_reforms, load_reform, reform_ruleset
from careact.reform.population import write_population as write_spell_file
from careact.rules import RuleSet, make_overlay

ON = date(2025, 4, 7)
D = Decimal


def _spells(n: int, seed: int) -> list[CareSpell]:
    """Varied spells: settings, ages either side of 25 and of pension credit age, capital at and around the limits,
    homes counted, disregarded and drawn on to nothing, fees above the local authority's rate, open and short spells."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        start = date(2016, 1, 4) + timedelta(days=rng.randint(0, 3600))
        age = rng.choice([18, 19, 24, 25, 40, 64, 65, 66, 67, 80, 95])
        dob = start - timedelta(days=int(age * 365.25) + rng.randint(-200, 200))
        la = D(rng.randint(5_000, 150_000)) / 100
        out.append(CareSpell(
            id=f"v{i}", date_of_birth=dob, care_start=start, setting=rng.choice(["care_home", "community"]),
            la_weekly_rate=la, weekly_fee=(la + D(rng.randint(0, 40_000)) / 100) if rng.random() < 0.5 else None,
            weekly_income=D(rng.randint(0, 60_000)) / 100,
            capital=D(rng.choice([0, 1_425_000, 1_425_001, 2_325_000, 2_325_001, 2_000_000, 10_000_000,
                                  rng.randint(0, 30_000_000)])) / 100,
            home_value=D(rng.choice([0, 0, 5_000, 8_000_000, 40_000_000])) / 100,
            home_disregarded=rng.random() < 0.2,
            weeks=rng.choice([None, None, 1, 30, 300]),
        ))
    return out


def _outcome(r: Any) -> tuple[object, ...]:
    def p(d: Decimal) -> int:
        return int(d * 100)

    return (p(r.person_paid), p(r.council_paid), p(r.accrued), r.cap_reached_on.toordinal() if r.cap_reached_on else -1,
            r.weeks_to_cap if r.weeks_to_cap is not None else -1, p(r.capital_end), p(r.home_drawn), p(r.deferred),
            r.self_funder_at_start, r.self_funder_weeks)


def _columns(a: AccountColumns, i: int) -> tuple[object, ...]:
    return (int(a.person_paid[i]), int(a.council_paid[i]), int(a.accrued[i]), int(a.cap_reached_day[i]),
            int(a.weeks_to_cap[i]), int(a.capital_end[i]), int(a.home_drawn[i]), int(a.deferred[i]),
            bool(a.self_funder_at_start[i]), int(a.self_funder_weeks[i]))


def _rule_sets() -> list[tuple[str, RuleSet]]:
    odd = make_overlay({"reform.cap.amount": "30000.00", "reform.cap.metering": "personal_budget",
                        "reform.cap.metering_rate": "actual_cost", "reform.deferred_payments_domiciliary": True,
                        "reform.home_counted_domiciliary": True, "reform.daily_living_costs.weekly": "230.00"},
                       name="reform.odd", layer="reform", start=date(2016, 4, 1))
    out = [(name or "baseline", reform_ruleset(name)) for name in (None, *available_reforms())]
    out.append(("odd", reform_ruleset(None).with_overlay(odd)))
    out.append(("reading+reform_2021", reform_ruleset("reform_2021", overlays=["council/reading"])))
    return out


@pytest.mark.parametrize(("name", "rules"), _rule_sets(), ids=lambda v: v if isinstance(v, str) else "")
def test_every_account_in_columns_equals_the_one_spell_account(name: str, rules: RuleSet) -> None:
    spells = _spells(90, 1)
    synthetic = spell_columns(synthetic_columns(60, seed=3))
    cols = spells_to_columns(spells)
    both = type(cols).concat([cols, synthetic.take(np.arange(len(synthetic)))])
    every = spells + [synthetic.spell(i) for i in range(len(synthetic))]
    acc = run_accounts(both, rules, on=ON, weeks=10 * 52)
    wrong = []
    for i, spell in enumerate(every):
        try:
            r = _run(spell, rules, assessor=charging_assessor, weeks=10 * 52, on=ON)
        except CareactError:
            if acc.ok[i]:
                wrong.append(f"{spell.id}: refused one by one, run in columns")
            continue
        if not acc.ok[i]:
            wrong.append(f"{spell.id}: run one by one, refused in columns ({acc.problems.get(i)})")
        elif _outcome(r) != _columns(acc, i):
            wrong.append(f"{spell.id}: {_outcome(r)} != {_columns(acc, i)}")
    assert not wrong, f"{name}: {len(wrong)} of {len(every)} differ:\n" + "\n".join(wrong[:10])
    assert acc.ok.sum() > len(every) // 2


def test_weekly_equals_segments_in_columns() -> None:
    rules = reform_ruleset("reform_2021")
    spells = spells_to_columns(_spells(40, 2))
    a = run_accounts(spells, rules, on=ON, weeks=3 * 52)
    b = run_accounts(spells, rules, on=ON, weeks=3 * 52, weekly=True)
    for name in ("person_paid", "council_paid", "accrued", "cap_reached_day", "capital_end", "deferred", "self_funder_weeks"):
        assert np.array_equal(getattr(a, name), getattr(b, name)), name
    assert a.years == b.years
    assert b.passes == 3 * 52 > a.passes


def test_an_account_in_columns_is_explained_by_the_per_case_path() -> None:
    spells = spells_to_columns(_spells(10, 4))
    acc = run_accounts(spells, reform_ruleset("reform_2021"), on=ON, weeks=104)
    row = int(np.flatnonzero(acc.ok)[0])
    explained = acc.explain(row)
    assert int(explained.person_paid * 100) == int(acc.person_paid[row])
    assert explained.explanation is not None and "Care account" in explained.explanation.render_text()


# --------------------------------------------------------------------------- scenarios and sweeps


def test_chunks_give_the_same_people_and_totals() -> None:
    whole = compare_reforms(300, on=ON, reforms=["reform_2021"], years=4, seed=2, executor="serial")
    parts = compare_reforms(300, on=ON, reforms=["reform_2021"], years=4, seed=2, executor="serial", chunksize=37)
    assert parts.stats.chunks == 9
    assert whole.summary().equals(parts.summary())
    assert whole.people().equals(parts.people())
    assert whole.years().equals(parts.years())


def test_summary_adds_up_and_groups_everyone() -> None:
    run = compare_reforms(400, on=ON, reforms=["reform_2021", "cap_75k_floor_100k"], years=5, seed=4, executor="serial")
    rows = run.summary().to_pylist()
    people = run.people()
    for scenario in ("baseline", "reform_2021", "cap_75k_floor_100k"):
        everyone = next(r for r in rows if r["scenario"] == scenario and r["group_by"] == "all")
        mine = people.filter(pq_mask(people, scenario)).to_pylist()
        paid = sum((r["person_paid"] for r in mine if r["ok"]), Decimal(0))
        assert everyone["person_paid"] == paid
        deciles = [r for r in rows if r["scenario"] == scenario and r["group_by"] == "wealth_decile"]
        assert [r["group"] for r in deciles] == [str(k) for k in range(1, 11)]
        assert sum(r["cases"] for r in deciles) == everyone["cases"]
        assert sum((r["person_paid"] for r in deciles), Decimal(0)) == everyone["person_paid"]
        years = [r for r in run.years().to_pylist() if r["scenario"] == scenario]
        assert sum((y["person_paid"] for y in years), Decimal(0)) == everyone["person_paid"]
    reform = next(r for r in rows if r["scenario"] == "reform_2021" and r["group_by"] == "all")
    assert reform["person_paid_change"] == reform["person_paid"] - next(
        r for r in rows if r["scenario"] == "baseline" and r["group_by"] == "all")["person_paid"]


def pq_mask(table: Any, scenario: str) -> Any:
    import pyarrow.compute as pc

    return pc.equal(table.column("scenario"), scenario)


def test_a_sweep_point_is_the_reform_with_those_values(tmp_path: Path) -> None:
    run = sweep(200, on=ON, reform="reform_2021", grid={"reform.cap.amount": ["60000", D("100000")]}, years=6,
                seed=6, executor="serial")
    assert [s.name for s in run.scenarios] == ["baseline", "reform_2021: amount=60000", "reform_2021: amount=100000"]
    policy = tmp_path / "cap60k.toml"
    policy.write_text(
        '[overlay]\nname = "reform.cap60k"\nversion = "1.0.0"\nlayer = "reform"\nbase = "england"\n'
        'description = "reform_2021 with a £60,000 cap"\nsource = "a test"\n\n'
        '[[parameter]]\nname = "reform.cap.amount"\nunit = "GBP"\n'
        f'[[parameter.values]]\nfrom = {run.scenarios[1].start}\nvalue = "60000.00"\ncite = "a test"\nstatus = "unverified"\n'
        'note = "a value for a test"\n', encoding="utf-8")
    by_file = run_scenarios(200, [Scenario("baseline"), Scenario("file", reform="reform_2021")], on=ON, years=6, seed=6,
                            executor="serial")
    with_file = run_accounts(by_file.spells, reform_ruleset("reform_2021").with_overlay(load_reform(policy)), on=ON,
                             weeks=6 * 52)
    point = run.account("reform_2021: amount=60000")
    assert np.array_equal(point.person_paid, with_file.person_paid)
    assert np.array_equal(point.weeks_to_cap, with_file.weeks_to_cap)
    cheaper = run.totals()
    assert cheaper["reform_2021: amount=60000"]["council_paid"] > cheaper["reform_2021: amount=100000"]["council_paid"]
    written = run.write(tmp_path / "out", plots=True)
    names = {p.name for p in written}
    assert {"summary.parquet", "people.parquet", "years.parquet", "cost.png", "cost.svg", "sweep.png", "sweep.svg"} <= names
    assert all(p.stat().st_size > 0 for p in written)
    table = pq.read_table(tmp_path / "out" / "summary.parquet")
    assert "reform.cap.amount" in table.column_names


def test_a_sweep_refuses_what_an_overlay_file_would() -> None:
    with pytest.raises(CareactError, match=r"reform\.cap\.amout"):
        sweep(5, on=ON, grid={"reform.cap.amout": ["60000"]}, executor="serial")
    with pytest.raises(InputError, match="exact"):
        sweep(5, on=ON, grid={"reform.cap.amount": [60000.0]}, executor="serial")


# --------------------------------------------------------------------------- population files


def test_bad_rows_are_named_and_left_out_with_a_side_file(tmp_path: Path) -> None:
    path = tmp_path / "people.csv"
    write_spell_file(_spells(6, 5), path)
    lines = path.read_text().splitlines()
    cells = lines[2].split(",")
    cells[5] = "12.345"  # la_weekly_rate: more than two places
    lines[2] = ",".join(cells)
    cells = lines[4].split(",")
    cells[4] = "castle"  # setting
    lines[4] = ",".join(cells)
    path.write_text("\n".join(lines) + "\n")
    read = read_spells(path)
    assert len(read.spells) == 4 and read.rows_read == 6
    assert {(r.row, r.column) for r in read.rejected} == {(2, "la_weekly_rate"), (4, "setting")}
    assert read.rejects_path == tmp_path / "people.rejected.csv"
    side = read.rejects_path.read_text()
    assert "la_weekly_rate" in side and "castle" in side
    with pytest.raises(InputError, match="row 2"):
        read_spells(path, strict=True)


def test_a_population_in_tables_with_spells_is_read_too(tmp_path: Path) -> None:
    population = synthetic_columns(30, seed=9)
    write_population(population, tmp_path / "pop", format="csv")
    read = read_spells(tmp_path / "pop")
    assert len(read.spells) == 30 and not read.rejected
    direct = spell_columns(population)
    assert np.array_equal(read.spells.capital, direct.capital)
    assert np.array_equal(read.spells.care_start_day, direct.care_start_day)


def test_an_account_run_alone_is_the_account_run_among_others() -> None:
    """Nothing of one person's account depends on who else is run with them (the rules in force on a date are read
    from the rule set's own periods, not from the window the people happen to span)."""
    spells = spells_to_columns(_spells(30, 8))
    rules = reform_ruleset("reform_2021")
    together = run_accounts(spells, rules, on=ON, weeks=4 * 52)
    for i in range(len(spells)):
        alone = run_accounts(spells.take(np.array([i])), rules, on=ON, weeks=4 * 52)
        assert _columns(alone, 0) == _columns(together, i), spells.ids[i]
