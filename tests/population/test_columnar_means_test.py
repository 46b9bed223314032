"""The columnar means test: its array namespace, dates over columns, rows it refuses, extreme values, and results."""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

import numpy as np
import pyarrow as pa
import pytest

from careact.arrays import SCALAR
from careact.charging import assess
from careact.charging.catalogue import pension_age_bands
from careact.charging.models import ChargingCase
from careact.charging.pension_age import has_reached_pension_credit_age
from careact.dates import age_on as scalar_age_on
from careact.population import to_columns
from careact.population.assess import MONEY_FIGURES, assess_columns
from careact.population.view import age_on, pension_age_threshold
from careact.population.xp import NUMPY, RateColumn
from careact.rules import make_overlay
from careact.rules.declare import Rate

BIG = 10**14  # £1 trillion in pence: the largest amount a case may hold


# --------------------------------------------------------------------------- the array namespace


@pytest.mark.parametrize("seed", range(5))
def test_numpy_ops_agree_with_one_case_ops(seed: int) -> None:
    rng = random.Random(seed)
    n = 2_000
    a = [rng.choice((rng.randint(-BIG, BIG), rng.randint(-1000, 1000), 0)) for _ in range(n)]
    b = [rng.randint(1, 10**6) for _ in range(n)]
    den = [rng.choice((rng.randint(1, 10), rng.randint(1, 10**18))) for _ in range(n)]
    num = [rng.randint(0, d) for d in den]  # a share or a rate: at most 1
    cond = [rng.random() < 0.5 for _ in range(n)]
    A, B, NUM, DEN, C = (np.array(x) for x in (a, b, num, den, cond))
    assert NUMPY.round_div(A, B).tolist() == [SCALAR.round_div(x, y) for x, y in zip(a, b, strict=True)]
    assert NUMPY.ceil_div(A, B).tolist() == [SCALAR.ceil_div(x, y) for x, y in zip(a, b, strict=True)]
    small = np.array([x % 10**9 for x in a])
    expected = [SCALAR.muldiv(x % 10**9, y, z) for x, y, z in zip(a, num, den, strict=True)]
    assert NUMPY.muldiv(small, NUM, DEN).tolist() == expected  # some rows need Python integers
    assert NUMPY.where(C, A, B).tolist() == [x if c else y for c, x, y in zip(cond, a, b, strict=True)]
    assert NUMPY.where(C, A, 0).tolist() == [x if c else 0 for c, x in zip(cond, a, strict=True)]
    assert NUMPY.where(C, C, ~C).tolist() == [True] * n
    rates = RateColumn(np.array([r % 7 for r in num]), np.array([7] * n))
    assert NUMPY.mul_rate(small, rates).tolist() == [SCALAR.mul_rate(x % 10**9, Rate(y % 7, 7)) for x, y in zip(a, num, strict=True)]


def test_a_product_beyond_int64_is_computed_exactly() -> None:
    value = np.array([BIG, BIG, 5], dtype=np.int64)
    share_num = np.array([333_333_333_333_333_333, 1, 1], dtype=np.int64)
    share_den = np.array([10**18, 3, 2], dtype=np.int64)
    got = NUMPY.muldiv(value, share_num, share_den)
    assert got.tolist() == [SCALAR.muldiv(BIG, 333_333_333_333_333_333, 10**18), SCALAR.muldiv(BIG, 1, 3), 3]
    assert got.dtype == np.int64
    assert NUMPY.mul(np.array([BIG]), 10**9).tolist() == [BIG * 10**9]  # Python integers where int64 would wrap


def test_mixed_scalars_and_columns() -> None:
    col = np.array([True, False])
    assert NUMPY.all(True, col).tolist() == [True, False]
    assert NUMPY.all(False, col) is False
    assert NUMPY.any(True, col) is True
    assert NUMPY.not_(True) is False and NUMPY.not_(col).tolist() == [False, True]
    assert NUMPY.isin(np.array([0, 1, 2]), frozenset({1, 2})).tolist() == [False, True, True]
    assert NUMPY.limit_fraction(np.array([1, 3333333]), np.array([2, 10**7]), 10**6)[1].tolist() == [2, 3]


# --------------------------------------------------------------------------- dates over columns


def test_ages_over_columns_agree_with_one_case() -> None:
    rng = random.Random(3)
    births = [date(1920, 1, 1) + timedelta(days=rng.randint(0, 36_500)) for _ in range(3_000)]
    births += [date(1940, 2, 29), date(1952, 2, 29), date(2000, 2, 29)]
    days = [date(2015, 4, 6) + timedelta(days=rng.randint(0, 4_400)) for _ in range(40)] + [date(2023, 2, 28), date(2024, 2, 29), date(2023, 3, 1)]
    dob = np.array(births, dtype="datetime64[D]")
    for on in days:
        assert age_on(dob, on).tolist() == [scalar_age_on(b, on) for b in births]


def test_pension_credit_age_never_comes_earlier_for_a_later_birth() -> None:
    """The threshold the columns use relies on it: checked for every date of birth the table covers."""
    from careact.charging.pension_age import pension_credit_age_date

    bands = pension_age_bands()
    day, last, previous = bands[0].born_from, bands[-1].born_to, None
    while day <= last:
        reached = pension_credit_age_date(day)
        assert previous is None or reached >= previous, day
        previous = reached
        day += timedelta(days=1)


def test_pension_credit_age_over_columns_agrees_with_one_case() -> None:
    rng = random.Random(5)
    births = [date(1945, 1, 1) + timedelta(days=rng.randint(0, 9_000)) for _ in range(2_000)]
    for on in (date(2016, 3, 1), date(2019, 11, 6), date(2020, 10, 6), date(2026, 6, 1)):
        _, _, latest = pension_age_threshold(on)
        got = [b.toordinal() <= latest for b in births]
        assert got == [has_reached_pension_credit_age(b, on) for b in births]


# --------------------------------------------------------------------------- rows the columns refuse


def _case(**changes: object) -> ChargingCase:
    doc: dict[str, object] = {"person": {"date_of_birth": "1950-05-01"},
                              "care": {"setting": "non_residential", "weekly_cost": "300.00"},
                              "income": [{"type": "state_pension", "amount": "230.25"}]}
    doc.update(changes)
    return ChargingCase.model_validate(doc)


def test_rows_the_per_case_path_refuses_are_named_and_given_no_figures() -> None:
    on = date(2025, 6, 1)
    cases = [
        _case(),
        _case(person={"date_of_birth": "2010-01-01"}),  # a child on the date
        _case(person={"date_of_birth": "2025-07-01"}),  # born after the date
        _case(care={"setting": "non_residential", "weekly_cost": "10", "start_date": "2025-09-01"}),
        _case(capital=[{"type": "savings_account", "value": "10"}, {"type": "premium_bonds", "value": "5", "received_on": "2025-08-01"}]),
        _case(care={"setting": "permanent_residential", "weekly_cost": "900", "start_date": "2025-01-06"}),
    ]
    res = assess_columns(to_columns(cases), on=on)
    assert res.ok.tolist() == [True, False, False, False, False, True]
    named = {(p.row, p.field) for p in res.problems}
    assert named == {(1, "person.date_of_birth"), (2, "person.date_of_birth"), (3, "care.start_date"),
                     (4, "capital[1].received_on")}
    for p in res.problems:  # the same fields the per-case path names
        with pytest.raises(Exception) as err:
            assess(cases[p.row], on=on)
        assert p.field in str(err.value)
    assert all(int(res[name][1]) == 0 for name in MONEY_FIGURES)
    assert int(res["weekly_charge"][5]) == int(assess(cases[5], on=on).weekly_charge * 100)


# --------------------------------------------------------------------------- extreme values and long fractions


def test_extreme_amounts_shares_and_rates_agree_to_the_penny() -> None:
    on = date(2025, 6, 1)
    top = "1000000000000.00"
    cases = [
        _case(capital=[{"type": "second_property", "value": top, "owner": "joint_with_others",
                        "share": "0.333333333333333333", "debt_secured": "999999999999.99"}]),
        _case(capital=[{"type": "savings_account", "value": top, "owner": "joint_with_others", "share": "1/3"}]),
        _case(home={"value": top, "owner": "joint_with_others", "share": "0.123456789012345678"},
              care={"setting": "permanent_residential", "weekly_cost": top, "start_date": "2020-01-06"}),
        _case(income=[{"type": "occupational_pension", "amount": top, "frequency": "quarterly"},
                      {"type": "war_widows_pension", "amount": top, "frequency": "annually"}]),
        _case(care={"setting": "non_residential", "weekly_cost": top},
              income=[{"type": "state_pension", "amount": top}]),
    ]
    odd = make_overlay({"options.disposable_income_taken_rate": "0.123456789123",
                        "options.mig_uplift_rate": "0.000000000007"}, name="council.odd")
    for overlays in ((), (odd,)):
        res = assess_columns(to_columns(cases), on=on, overlays=list(overlays))
        assert res.ok.all()
        for i, case in enumerate(cases):
            r = assess(case, on=on, overlays=list(overlays), explain=False)
            assert int(res["weekly_charge"][i]) == int(r.weekly_charge * 100), i
            assert int(res["assessed_capital"][i]) == int(r.assessed_capital * 100), i
            assert int(res["total_allowances"][i]) == int(r.total_allowances * 100), i


# --------------------------------------------------------------------------- results


def test_results_table_and_explanation_of_a_row(tmp_path: object) -> None:
    on = date(2025, 6, 1)
    cases = [_case(), _case(person={"date_of_birth": "2010-01-01"}),
             _case(capital=[{"type": "savings_account", "value": "20000.01"}])]
    res = assess_columns(to_columns(cases, ids=["a", "b", "c"]), on=on)
    table = res.table()
    assert table.column("id").to_pylist() == ["a", "b", "c"]
    charge = table.column("weekly_charge")
    assert pa.types.is_decimal(charge.type)
    assert charge.to_pylist()[1] is None  # not assessed: no value rather than a made-up nil
    assert charge.to_pylist()[2] == assess(cases[2], on=on).weekly_charge
    explained = res.explain(2)
    assert explained.weekly_charge == Decimal(charge.to_pylist()[2])
    assert explained.explanation is not None
    assert table.column("assessed_as").to_pylist()[0] == "non_residential"
