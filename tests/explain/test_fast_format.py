"""The en-GB fast path for statement arguments formats exactly as babel does (it exists only for speed)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from babel.dates import format_date
from babel.numbers import format_currency, format_decimal
from hypothesis import given, settings
from hypothesis import strategies as st

from careact.explain.document import _format_en_gb, format_arg, format_statement

EDGES = ["0", "0.00", "-0", "-0.00", "0.005", "0.015", "0.0005", "0.0015", "-0.0005", "1E+2", "1E+3", "1.5E+6",
         "999.995", "999999.999", "1000", "-1000.5", "12", "0.3335", "0.3345", "123456789012.345", "-12.50"]


def _babel(kind: str, raw: str) -> str:
    if kind == "money":
        return format_currency(Decimal(raw), "GBP", locale="en_GB")
    if kind == "number":
        return format_decimal(Decimal(raw), locale="en_GB")
    return format_date(date.fromisoformat(raw), format="long", locale="en_GB")


def test_edge_values_match_babel():
    for raw in EDGES:
        for kind in ("money", "number"):
            assert _format_en_gb(kind, raw) == _babel(kind, raw), (kind, raw)


@settings(max_examples=1500, deadline=None)
@given(st.decimals(allow_nan=False, allow_infinity=False, min_value=Decimal("-1e14"), max_value=Decimal("1e14"),
                   places=None))
def test_numbers_and_money_match_babel(value):
    raw = str(value)
    for kind in ("money", "number"):
        fast = _format_en_gb(kind, raw)
        if fast is not None:
            assert fast == _babel(kind, raw)


@settings(max_examples=500, deadline=None)
@given(st.dates(date(1, 1, 1), date(9999, 12, 31)))
def test_dates_match_babel(d):
    assert _format_en_gb("date", d.isoformat()) == _babel("date", d.isoformat())


def test_other_locales_and_odd_values_fall_back_to_babel():
    assert _format_en_gb("money", "1e20") is None
    assert _format_en_gb("number", "NaN") is None
    assert format_arg({"type": "money", "value": "1234.50"}, "en_GB") == "£1,234.50"
    assert format_arg({"type": "money", "value": "1e20"}, "en_GB") == _babel("money", "1e20")
    assert format_arg({"type": "money", "value": "1234.50"}, "cy_GB") == format_currency(
        Decimal("1234.50"), "GBP", locale="cy_GB"
    )
    assert format_statement("{a} on {d}", {"a": {"type": "money", "value": "5"}, "d": {"type": "date",
                                                                                          "value": "2025-06-01"}}) \
        == "£5.00 on 1 June 2025"


_leaf = st.one_of(
    st.none(), st.booleans(), st.integers(), st.text(max_size=5),
    st.decimals(allow_nan=False, allow_infinity=False, places=2), st.dates(),
)
_tree = st.recursive(
    _leaf,
    lambda children: st.one_of(
        st.lists(children, max_size=3),
        st.lists(children, max_size=3).map(tuple),
        st.dictionaries(st.text(max_size=4), children, max_size=3),
        st.dictionaries(st.integers(-20, 20), children, max_size=3),
    ),
    max_leaves=12,
)


@settings(max_examples=300, deadline=None)
@given(_tree)
def test_jsonable_fast_path_is_the_general_path(value):
    from careact.explain.jsonable import _jsonable, jsonable

    assert jsonable(value) == _jsonable(value)


@settings(max_examples=800, deadline=None)
@given(st.decimals(allow_nan=False, allow_infinity=False, min_value=Decimal("-1e16"), max_value=Decimal("1e16")))
def test_money_arguments_display_as_babel_formats_them(amount):
    from careact.explain.document import _arg_and_display
    from careact.explain.steps import gbp

    arg, shown = _arg_and_display(gbp(amount))
    assert arg == {"type": "money", "value": f"{amount:.2f}"}
    assert shown == format_currency(Decimal(arg["value"]), "GBP", locale="en_GB")
