"""Money parsing, the rounding policy, and period conversion."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from careact.errors import InputError
from careact.money import format_money, parse_money, round_pence, steps_or_part
from careact.periods import Frequency, to_weekly, weekly_to


@pytest.mark.parametrize("value, expected", [("12.50", "12.50"), (12, "12.00"), (Decimal("0.1"), "0.10"), ("0", "0.00")])
def test_parse_money_accepts_exact_forms(value, expected):
    assert parse_money(value) == Decimal(expected)


@pytest.mark.parametrize(
    "value, code, words",
    [
        (12.5, "float_money", "must not be a floating-point number"),
        (True, "type", "not true/false"),
        ("abc", "type", "is not an amount of money"),
        ("NaN", "type", "is not an amount of money"),
        (Decimal("NaN"), "type", "not a finite amount"),
        ("1e27", "type", "is not an amount of money"),
        ("99999999999999999999999999999", "range", "too large"),
        (10**30, "range", "too large"),
        ("1_000", "type", "is not an amount of money"),
        ("٣", "type", "is not an amount of money"),
        ("1.234", "precision", "more than two decimal places"),
        ("-1.00", "negative", "must not be negative"),
        ([1], "type", "not list"),
    ],
)
def test_parse_money_rejects_with_the_field_named(value, code, words):
    with pytest.raises(InputError) as info:
        parse_money(value, field="income[0].amount")
    assert info.value.field == "income[0].amount"
    assert info.value.problems[0].code == code
    assert words in str(info.value)


def test_negative_zero_is_zero():
    assert str(parse_money("-0")) == "0.00"


def test_negative_allowed_when_asked():
    assert parse_money("-3.10", allow_negative=True) == Decimal("-3.10")


def test_round_pence_half_up():
    assert round_pence(Decimal("1.005")) == Decimal("1.01")
    assert round_pence(Decimal("1.0049")) == Decimal("1.00")
    assert round_pence(Decimal("2.675")) == Decimal("2.68")


@pytest.mark.parametrize(
    "amount, steps", [("0", 0), ("0.01", 1), ("250", 1), ("250.01", 2), ("500", 2), ("-5", 0)]
)
def test_steps_or_part(amount, steps):
    assert steps_or_part(Decimal(amount), Decimal(250)) == steps


def test_format_money_en_gb():
    assert format_money(Decimal("1234.5")) == "£1,234.50"


@pytest.mark.parametrize(
    "amount, freq, weekly",
    [
        ("100.00", "weekly", "100.00"),
        ("100.00", "fortnightly", "50.00"),
        ("100.00", "four_weekly", "25.00"),
        ("100.00", "monthly", "23.08"),  # 100 × 12 ÷ 52 = 23.0769…
        ("1000.00", "annually", "19.23"),
        ("300.00", "quarterly", "23.08"),
    ],
)
def test_to_weekly(amount, freq, weekly):
    conv = to_weekly(Decimal(amount), freq)
    assert conv.weekly == Decimal(weekly)
    assert conv.rule


pence = st.integers(min_value=0, max_value=10_000_000).map(lambda p: Decimal(p) / 100)


@given(amount=pence, freq=st.sampled_from(list(Frequency)))
def test_weekly_conversion_is_within_half_a_penny_and_round_trips(amount, freq):
    weekly = to_weekly(amount, freq).weekly
    assert weekly == weekly.quantize(Decimal("0.01"))
    back = weekly_to(weekly, freq)
    # converting back loses at most the rounding of one penny per week, scaled by the period
    from careact.periods import _FACTORS

    mul, div = _FACTORS[freq]
    assert abs(back - amount) <= Decimal("0.005") * div / mul + Decimal("0.005")


@given(a=pence, b=pence, freq=st.sampled_from(list(Frequency)))
def test_weekly_conversion_is_monotone(a, b, freq):
    lo, hi = sorted((a, b))
    assert to_weekly(lo, freq).weekly <= to_weekly(hi, freq).weekly


@given(weekly=pence)
def test_weekly_is_identity(weekly):
    assert to_weekly(weekly, Frequency.WEEKLY).weekly == weekly
