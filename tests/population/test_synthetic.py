"""The seeded synthetic population: the same people from the same seed, exact money, the cited distributions."""

from __future__ import annotations

import hashlib
import math
import statistics
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from careact.errors import InputError
from careact.population import detmath as dm
from careact.population.columns import Population
from careact.population.convert import case_at, cases, from_spells, spell_at
from careact.population.io import read_population, write_population
from careact.population.synthetic import BLOCK, synthetic_columns
from careact.reform.care_account import WeekInputs
from careact.reform.engine import charging_case
from careact.reform.population import synthetic_distributions, synthetic_population


def _digest(p: Population) -> str:
    h = hashlib.sha256()
    people, spells = p.people, p.spells
    assert spells is not None
    for a in (people.person_date_of_birth.astype(np.int64), people.care_setting.astype(np.int64), people.care_weekly_cost,
              people.home_value, people.has_home.astype(np.int64), p.income.person, p.income.amount, p.capital.person,
              p.capital.value, p.occupants.person, spells.care_start.astype(np.int64), spells.weeks.values.astype(np.int64),
              spells.weekly_fee.values, spells.tenure.astype(np.int64)):
        h.update(np.ascontiguousarray(a, dtype="<i8").tobytes())
    return h.hexdigest()


def test_the_same_seed_gives_the_same_people_on_every_machine() -> None:
    """Pinned: these bytes are what any platform and NumPy version must draw for seed 1."""
    p = synthetic_columns(2000, seed=1)
    assert _digest(p) == "fb15034817306fd0d5b47d5ad3fd4296a44a005bb0707e29d530ea53f2fdfa92"
    assert p.people.id[:2].tolist() == ["S1-0000000", "S1-0000001"]
    assert p.people.person_date_of_birth[:3].astype(str).tolist() == ["1953-06-21", "1942-09-06", "1929-01-28"]
    assert p.people.care_weekly_cost[:3].tolist() == [8555, 79400, 7604]
    assert _digest(synthetic_columns(2000, seed=1)) == _digest(p)
    assert _digest(synthetic_columns(2000, seed=2)) != _digest(p)


def test_a_person_is_fixed_by_seed_and_index_across_blocks() -> None:
    whole = synthetic_columns(BLOCK + 300, seed=7)
    start = BLOCK - 120
    part = synthetic_columns(250, seed=7, offset=start)
    same = whole.take(np.arange(start, start + 250))
    assert cases(part) == cases(same)
    assert part.people.id.tolist() == same.people.id.tolist()
    assert part.spells is not None and same.spells is not None
    assert part.spells.weeks.values.tolist() == same.spells.weeks.values.tolist()


def test_money_is_whole_pence_made_by_the_documented_roundings() -> None:
    p = synthetic_columns(20_000, seed=3)
    d = synthetic_distributions()
    assert p.spells is not None
    assert p.capital.value.dtype == np.int64 and np.all(p.capital.value % 100 == 0)  # whole pounds
    assert np.all(p.capital.value > 0) and np.all(p.income.amount > 0)
    outright = p.spells.tenure == p.codes["spell.tenure"].code("owner_outright")
    mortgaged = p.spells.tenure == p.codes["spell.tenure"].code("owner_mortgage")
    assert np.all(p.people.home_value[outright] % 100_000 == 0)  # to the nearest £1,000
    assert np.all(p.people.home_value[mortgaged] % 100 == 0)  # the equity share, to the nearest pound
    assert not p.people.has_home[~(outright | mortgaged)].any()
    home = p.people.care_setting == p.codes["care.setting"].code("permanent_residential")
    la, fee = p.people.care_weekly_cost, p.spells.weekly_fee.values
    assert np.all(la[home] % 100 == 0)
    premium = 1 + Fraction(d["care_home_rate"]["self_funder_premium"])
    expected = [int((Fraction(int(x)) * premium + Fraction(1, 2)) // 1) for x in la[home][:500]]
    assert fee[home][:500].tolist() == expected
    hourly = Fraction(d["home_care"]["la_hourly"]) * 100
    halves = [Fraction(int(x)) / (hourly / 2) for x in la[~home][:500]]
    assert all(abs(h - round(h)) < Fraction(1, 100) and round(h) >= 1 for h in halves)
    assert np.all(p.spells.weeks.values >= 1)


def test_each_case_is_the_one_the_reform_engine_builds_for_the_spell() -> None:
    p = synthetic_columns(300, seed=5)
    spells = [spell_at(p, i) for i in range(len(p))]
    for i, s in enumerate(spells):
        week0 = WeekInputs(on=s.care_start, cost=s.la_weekly_rate, capital=s.capital, home_equity=s.home_value,
                           count_home_at_home=False)
        assert case_at(p, i) == charging_case(s, week0)
    again = from_spells(spells)
    assert cases(again) == cases(p)
    assert again.spells is not None and p.spells is not None
    assert again.spells.weight.tolist() == p.spells.weight.tolist()
    assert [spell_at(again, i) for i in range(len(p))] == spells


def test_the_old_per_person_function_gives_the_same_people() -> None:
    assert synthetic_population(40, seed=9) == [spell_at(synthetic_columns(40, seed=9), i) for i in range(40)]
    assert synthetic_population(10, seed=9, offset=30) == synthetic_population(40, seed=9)[30:]


def test_spells_survive_files(tmp_path: Path) -> None:
    p = synthetic_columns(500, seed=11)
    write_population(p, tmp_path, format="parquet")
    back = read_population(tmp_path).population
    assert cases(back) == cases(p)
    assert [spell_at(back, i) for i in range(500)] == [spell_at(p, i) for i in range(500)]


def _share(mask: Any) -> float:
    return float(np.mean(mask))


def test_the_draws_follow_the_cited_distributions() -> None:
    """With 200,000 people every share and median sits within a few standard errors of the TOML's."""
    d = synthetic_distributions()
    p = synthetic_columns(200_000, seed=1)
    assert p.spells is not None
    codes = p.codes
    age = (p.spells.care_start - p.people.person_date_of_birth).astype(np.int64) / 365.2425
    young = age < 65
    assert _share(young) == pytest.approx(float(d["age_group"]["share_18_64"]), abs=0.005)
    old = ~young
    assert _share(age[old] < 75) == pytest.approx(0.20, abs=0.006)
    assert _share(age[old] >= 85) == pytest.approx(0.45, abs=0.006)
    home = p.people.care_setting == codes["care.setting"].code("permanent_residential")
    assert _share(home[old]) == pytest.approx(float(d["setting"]["care_home_share_65_plus"]), abs=0.006)
    assert _share(home[young]) == pytest.approx(float(d["setting"]["care_home_share_18_64"]), abs=0.006)
    for group, mask in (("tenure_65_plus", old), ("tenure_18_64", young)):
        for tenure, share in d[group]["shares"].items():
            got = _share(p.spells.tenure[mask] == codes["spell.tenure"].code(tenure))
            assert got == pytest.approx(float(share), abs=0.006), (group, tenure)
    outright = p.spells.tenure == codes["spell.tenure"].code("owner_outright")
    assert np.median(p.people.home_value[outright]) / 100 == pytest.approx(float(d["home_value"]["median"]), rel=0.02)
    capital = np.zeros(len(p), np.int64)
    capital[p.capital.person] = p.capital.value
    assert np.median(capital[old]) / 100 == pytest.approx(float(d["capital_65_plus"]["median"]), rel=0.03)
    income = np.zeros(len(p), np.int64)
    income[p.income.person] = p.income.amount
    assert np.median(income[young]) / 100 == pytest.approx(float(d["income_18_64"]["median"]), rel=0.02)
    log_income = np.log(income[old] / 100)
    assert np.std(log_income) == pytest.approx(float(d["income_65_plus"]["sigma"]), rel=0.02)
    disregarded = np.zeros(len(p), bool)
    disregarded[p.occupants.person] = True
    owners_in_homes = home & p.people.has_home
    assert _share(disregarded[owners_in_homes]) == pytest.approx(float(d["home_disregarded"]["share_care_home"]), abs=0.006)
    weeks = p.spells.weeks.values[home]
    assert np.median(weeks) == pytest.approx(76, abs=4)  # the calibration note of duration_care_home
    assert _share(weeks > 156) == pytest.approx(0.265, abs=0.01)


def test_bad_arguments_are_named() -> None:
    with pytest.raises(InputError, match="at least 1"):
        synthetic_columns(0)
    with pytest.raises(InputError, match="seed"):
        synthetic_columns(5, seed=-1)
    with pytest.raises(InputError, match="offset"):
        synthetic_columns(5, offset=-3)


# --------------------------------------------------------------------------- the deterministic arithmetic


def test_known_bits() -> None:
    """Pinned bit patterns: any platform must give exactly these."""
    w = np.array([0, 2**64 - 1, 0x123456789ABCDEF0, 2**63], dtype=np.uint64)
    assert [float(x).hex() for x in dm.uniform(w)] == [
        "0x1.0000000000000p-53", "0x1.fffffffffffffp-1", "0x1.23456789abcd8p-4", "0x1.0000000000001p-1"]
    assert [float(x).hex() for x in dm.normal_quantile(dm.uniform(w))] == [
        "-0x1.06b48525582dap+3", "0x1.06b48525582dap+3", "-0x1.77b2634bd0b63p+0", "0x1.40d9320575479p-52"]
    assert [float(x).hex() for x in dm.exp(np.array([0.5, -3.25, 10.0]))] == [
        "0x1.a61298e1e069cp+0", "0x1.3da368521902dp-5", "0x1.5829dcf950560p+14"]
    assert [float(x).hex() for x in dm.log(np.array([2.0, 1e-5, 123456.789]))] == [
        "0x1.62e42fefa39efp-1", "-0x1.7069e2aa2aa5bp+3", "0x1.77281cad8a844p+3"]


def test_log_exp_and_the_normal_quantile_are_accurate() -> None:
    x = np.exp(np.linspace(-30, 30, 20_001))
    assert np.max(np.abs(dm.log(x) - np.log(x))) < 1e-13
    y = np.linspace(-700, 700, 20_001)
    assert np.max(np.abs(dm.exp(y) / np.exp(y) - 1)) < 1e-15
    nd = statistics.NormalDist()
    for u in (1e-15, 1e-9, 0.001, 0.02425, 0.1, 0.5, 0.77, 0.97575, 0.999, 1 - 1e-12):
        z = float(dm.normal_quantile(np.array([u]))[0])
        assert math.isclose(z, nd.inv_cdf(u), rel_tol=2e-9, abs_tol=1e-12), u


def test_integer_draws_and_roundings() -> None:
    w = np.arange(0, 2**64 - 2**54, 2**54, dtype=np.uint64)  # 1023 words spread over the range
    b = dm.bounded(w, 18, 64)
    assert b.min() == 18 and b.max() == 64
    assert dm.below(np.array([0, 2**63, 2**64 - 1], dtype=np.uint64), "0.5").tolist() == [True, False, False]
    assert dm.pick(np.array([0, 2**62, 2**63 + 1, 2**64 - 1], dtype=np.uint64), ["0.25", "0.25", "0.5"]).tolist() == [0, 1, 2, 2]
    assert dm.round_half_up(np.array([0.49999999999999994, 0.5, 1.5, 2.5, 1234.4999])).tolist() == [0, 1, 2, 3, 1234]
    assert dm.scale_half_up(np.array([75000, 75001, 1]), Fraction(141, 100)).tolist() == [105750, 105751, 1]
    assert Decimal(int(dm.scale_half_up(np.array([5]), Fraction(1, 2))[0])) == 3  # 2.5 rounds up
