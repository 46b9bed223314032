"""The columnar means test gives every generated case the figures the per-case path gives it, to the penny.

Over 20,000 cases -- generated from a seed (``casegen.random_case``: every setting, single people and
couples, every income and capital type of the catalogues, homes, shares, housing costs, disability-related
expenditure, notional capital, discretionary disregards, free services, carers), cases on both sides of
every threshold of the means test (``casegen.boundary_cases``), and cases drawn by the Hypothesis strategies
of ``tests/strategies.py`` -- under the national rules and each bundled council and reform overlay, on
dates across every year the rules cover, are assessed one by one by ``careact.charging.assess`` and all
at once by ``careact.population.assess_columns``. Every figure must be equal, and a case the per-case path
refuses must be a row the columns name as not assessed, with the same field.
"""

from __future__ import annotations

import copy
import random
from collections import Counter
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from tests.population.casegen import boundary_cases, random_case
from tests.strategies import CAPITAL_TYPES, FIRST_DAY, INCOME_TYPES, LAST_DAY, SETTINGS, charging_cases

from careact.charging import assess
from careact.charging.models import ChargingCase, ChargingResult
from careact.errors import InputError
from careact.population import to_columns
from careact.population.assess import ColumnResults, assess_columns
from careact.rules import load_ruleset

OVERLAYS: tuple[tuple[str, ...], ...] = (
    (), ("council/reading",), ("council/wolverhampton",), ("council/gloucestershire",), ("reform/reform_2021",),
    ("reform/care_act_2016",), ("reform/home_in_domiciliary_means_test",), ("reform/cap_75k_floor_100k",),
    ("council/reading", "reform/reform_2021"),
)
RANDOM_PER_OVERLAY = 1_900
HYPOTHESIS_CASES = 600


def _dates(rng: random.Random, k: int) -> list[date]:
    span = (LAST_DAY - FIRST_DAY).days
    out = [FIRST_DAY + timedelta(days=rng.randint(0, span)) for _ in range(k)]
    return out + [date(y, 4, 6) for y in range(2015, 2027)] + [date(y, 4, 5) for y in range(2016, 2027)]


def _hypothesis_cases() -> list[tuple[dict[str, Any], date]]:
    drawn: list[tuple[dict[str, Any], date]] = []

    @settings(max_examples=HYPOTHESIS_CASES, derandomize=True, database=None, deadline=None,
              suppress_health_check=list(HealthCheck), phases=[Phase.generate])
    @given(charging_cases())
    def collect(d: Any) -> None:
        drawn.append((d.case, d.on))

    collect()
    return drawn


def _cases_for(overlays: tuple[str, ...], seed: int, extra: list[tuple[dict[str, Any], date]]) -> list[tuple[ChargingCase, date]]:
    rng = random.Random(seed)
    rules = load_ruleset("england", list(overlays))
    days = _dates(rng, 60)
    raw = [(random_case(rng, day), day) for day in (rng.choice(days) for _ in range(RANDOM_PER_OVERLAY))]
    for day in (date(2016, 6, 1), date(2020, 9, 30), date(2025, 6, 1), date(2026, 4, 6)):
        raw.extend((case, day) for case in boundary_cases(rng, day, rules))
    raw.extend(extra)
    return [(ChargingCase.model_validate(copy.deepcopy(case)), day) for case, day in raw]


def _pence(amount: Decimal) -> int:
    return int(amount * 100)


def _allowance(result: ChargingResult, name: str) -> int:
    return sum(_pence(a.weekly) for a in result.allowances if a.name == name)


def _expected(r: ChargingResult) -> dict[str, int | bool]:
    assert r.totals is not None
    return {
        "weekly_charge": _pence(r.weekly_charge),
        "council_weekly_contribution": _pence(r.council_weekly_contribution),
        "assessed_capital": _pence(r.assessed_capital),
        "tariff_income": _pence(r.tariff_income),
        "upper_capital_limit": _pence(r.upper_capital_limit or Decimal(0)),
        "lower_capital_limit": _pence(r.lower_capital_limit or Decimal(0)),
        "income_counted": _pence(r.totals.income_counted),
        "gross_income": _pence(r.totals.gross_income),
        "assessed_income": _pence(r.assessed_income),
        "total_allowances": _pence(r.total_allowances),
        "available_income": _pence(r.available_income),
        "personal_expenses_allowance": _allowance(r, "personal_expenses_allowance"),
        "minimum_income_guarantee": _allowance(r, "minimum_income_guarantee"),
        "housing_costs": _allowance(r, "housing_costs"),
        "disability_related_expenditure": _allowance(r, "disability_related_expenditure"),
        "discretionary_income_disregard": _allowance(r, "discretionary_income_disregard"),
        "self_funder": r.self_funder,
    }


def _compare(cases: list[tuple[ChargingCase, date]], overlays: tuple[str, ...], res: ColumnResults) -> tuple[int, list[str]]:
    compared, wrong = 0, []
    problems: dict[int, set[str]] = {}
    for p in res.problems:
        problems.setdefault(p.row, set()).add(p.field)
    for i, (case, day) in enumerate(cases):
        try:
            r = assess(case, on=day, overlays=list(overlays), explain=False)
        except InputError as e:
            fields = {p.field for p in e.problems}
            if res.ok[i] or not (fields & problems.get(i, set())):
                wrong.append(f"row {i}: one case refuses it ({e}); the columns give {problems.get(i)}")
            continue
        if not res.ok[i]:
            wrong.append(f"row {i}: the columns refuse it ({problems.get(i)}); one case assesses it")
            continue
        want = _expected(r)
        got = {k: (bool(res[k][i]) if k == "self_funder" else int(res[k][i])) for k in want}
        if got != want:
            wrong.append(f"row {i} on {day} {overlays}: " + ", ".join(f"{k} {want[k]} != {got[k]}" for k in want if want[k] != got[k]))
        compared += 1
    return compared, wrong


@pytest.fixture(scope="module")
def drawn() -> list[tuple[dict[str, Any], date]]:
    return _hypothesis_cases()


def test_every_generated_case_gets_the_same_figures_in_columns(drawn: list[tuple[dict[str, Any], date]]) -> None:
    total = 0
    seen_settings: Counter[str] = Counter()
    seen_income: set[str] = set()
    seen_capital: set[str] = set()
    couples = 0
    per_overlay = len(drawn) // len(OVERLAYS) + 1
    for k, overlays in enumerate(OVERLAYS):
        cases = _cases_for(overlays, 1000 + k, drawn[k * per_overlay:(k + 1) * per_overlay])
        population = to_columns([c for c, _ in cases])
        days = np.array([d for _, d in cases], dtype="datetime64[D]")
        res = assess_columns(population, on=days, overlays=list(overlays))
        compared, wrong = _compare(cases, overlays, res)
        assert not wrong, f"{len(wrong)} of {len(cases)} differ under {overlays or 'the national rules'}:\n" + "\n".join(wrong[:20])
        total += compared
        for case, _ in cases:
            seen_settings[case.care.setting] += 1
            couples += case.partner is not None
            seen_income.update(i.type for i in case.income)
            seen_capital.update(c.type for c in case.capital)
    assert total >= 20_000, total
    assert set(seen_settings) == set(SETTINGS) and couples > 2_000
    assert seen_income == set(INCOME_TYPES) and seen_capital == set(CAPITAL_TYPES)
