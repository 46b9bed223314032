"""Charging cases to columns and back: every field of every generated case survives exactly."""

from __future__ import annotations

from decimal import Decimal

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from careact.charging.models import CapitalItem, ChargingCase
from careact.errors import InputError
from careact.population.columns import Population, segment_any, segment_count, segment_max, segment_sum
from careact.population.convert import (
    case_at,
    cases,
    decimal_of_pence,
    pence_of,
    share_of_parts,
    share_parts,
    to_columns,
)
from strategies import charging_cases

case_lists = st.lists(charging_cases().map(lambda d: ChargingCase.model_validate(d.case)), min_size=0, max_size=6)


def _same(a: ChargingCase, b: ChargingCase) -> None:
    assert a == b
    # == compares values; the JSON form also compares how each Decimal is written ("0.50" vs "0.5")
    assert a.model_dump(mode="json", by_alias=True) == b.model_dump(mode="json", by_alias=True)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(case_lists)
def test_every_case_round_trips(batch: list[ChargingCase]) -> None:
    pop = to_columns(batch)
    assert len(pop) == len(batch)
    back = cases(pop)
    for a, b in zip(batch, back, strict=True):
        _same(a, b)


@settings(max_examples=100, suppress_health_check=[HealthCheck.too_slow])
@given(case_lists, st.data())
def test_take_and_concat_keep_each_persons_items(batch: list[ChargingCase], data: st.DataObject) -> None:
    pop = to_columns(batch)
    order = data.draw(st.permutations(range(len(batch))))
    keep = order[: data.draw(st.integers(0, len(batch)))]
    sub = pop.take(keep)
    for new, old in enumerate(keep):
        _same(case_at(sub, new), batch[old])
    rest = [i for i in range(len(batch)) if i not in keep]
    joined = Population.concat([sub, pop.take(rest)])
    for new, old in enumerate(list(keep) + rest):
        _same(case_at(joined, new), batch[old])


@settings(max_examples=100, suppress_health_check=[HealthCheck.too_slow])
@given(case_lists)
def test_long_tables_are_grouped_by_person_in_list_order(batch: list[ChargingCase]) -> None:
    pop = to_columns(batch)
    counts = segment_count(pop.income.offsets)
    assert counts.tolist() == [len(c.income) for c in batch]
    total = segment_sum(pop.capital.value, pop.capital.offsets)
    assert [decimal_of_pence(int(t)) for t in total] == [sum((i.value for i in c.capital), Decimal("0.00")) for c in batch]
    occupants = segment_count(pop.occupants.offsets)
    assert occupants.tolist() == [len(c.home.occupants) if c.home else 0 for c in batch]


def test_segment_reductions_handle_empty_lists() -> None:
    offsets = np.array([0, 0, 2, 2, 5, 5], dtype=np.int64)
    values = np.array([3, 4, 10, -1, 7], dtype=np.int64)
    assert segment_sum(values, offsets).tolist() == [0, 7, 0, 16, 0]
    assert segment_max(values, offsets, empty=-99).tolist() == [-99, 4, -99, 10, -99]
    assert segment_any(values > 5, offsets).tolist() == [False, False, False, True, False]
    assert segment_count(offsets).tolist() == [0, 2, 0, 3, 0]
    assert segment_sum(np.zeros(0, np.int64), np.zeros(4, np.int64)).tolist() == [0, 0, 0]


def test_segment_sum_is_exact_beyond_float_precision() -> None:
    big = 2**53 + 1  # not representable as a float64
    values = np.array([big, 1, big], dtype=np.int64)
    offsets = np.array([0, 2, 3], dtype=np.int64)
    assert segment_sum(values, offsets).tolist() == [big + 1, big]


def test_money_converts_without_rounding() -> None:
    assert pence_of(Decimal("12.50")) == 1250
    assert pence_of(Decimal("0.00")) == 0
    assert pence_of(Decimal("1000000000000.00")) == 100_000_000_000_000
    assert str(decimal_of_pence(1250)) == "12.50"
    assert str(decimal_of_pence(0)) == "0.00"
    with pytest.raises(ValueError, match="two decimal places"):
        pence_of(Decimal("0.005"))


@pytest.mark.parametrize("text", ["0.5", "0.50", "1", "1.0", "0.25", "0.999999999999999999", "1/3", "2/3", "1/6", "5/7", "3/8"])
def test_shares_convert_back_to_the_same_decimal(text: str) -> None:
    item = CapitalItem(type="savings_account", value="100", owner="joint_with_others", share=text, joint_owners=3)
    assert item.share is not None
    num, den, places = share_parts(item.share)
    back = share_of_parts(num, den, places)
    assert back == item.share and str(back) == str(item.share)
    from fractions import Fraction

    if "/" in text:
        a, b = text.split("/")
        assert Fraction(num, den) == Fraction(int(a), int(b))
    else:
        assert Fraction(num, den) == Fraction(text)


def test_a_share_with_no_exact_column_form_is_refused() -> None:
    with pytest.raises(ValueError, match="decimal places"):
        share_parts(Decimal("0.1234567890123456789012"))


def test_unknown_and_misplaced_item_types_are_named() -> None:
    good = ChargingCase.model_validate(
        {"person": {"date_of_birth": "1940-01-01"}, "care": {"setting": "non_residential", "weekly_cost": "100"}}
    )
    bad = good.model_copy(
        update={"capital": [CapitalItem(type="main_home", value="1"), CapitalItem(type="savings_acount", value="1")]}
    )
    with pytest.raises(InputError) as err:
        to_columns([good, bad])
    fields = err.value.fields
    assert fields == ("cases[1].capital[0].type", "cases[1].capital[1].type")
    assert "did you mean 'savings_account'" in str(err.value)


def test_ids_default_to_row_numbers_and_must_be_unique() -> None:
    c = ChargingCase.model_validate(
        {"person": {"date_of_birth": "1940-01-01"}, "care": {"setting": "non_residential", "weekly_cost": "100"}}
    )
    assert to_columns([c, c]).people.id.tolist() == ["1", "2"]
    with pytest.raises(InputError, match="more than once"):
        to_columns([c, c], ids=["a", "a"])


def test_an_empty_population() -> None:
    pop = to_columns([])
    assert len(pop) == 0 and cases(pop) == []
    assert pop.income.offsets.tolist() == [0]
