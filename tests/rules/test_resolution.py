"""Resolving parameters on a date, overlays and provenance, and the diff view."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from careact.errors import NoRulesInForce, RuleSetError, UnknownParameter
from careact.rules import diff, load_layer
from careact.rules.model import Citation, DatedValue, LayerKind, Parameter, Unit
from careact.rules.ruleset import RuleSet

BASE = """
[[parameter]]
name = "capital.upper_limit"
description = "Upper capital limit"
unit = "GBP"
[[parameter.values]]
from = 2015-04-01
value = "23250.00"
cite = "SI 2014/2672 reg 12"
status = "verified"
[[parameter.values]]
from = 2025-04-07
value = "24000.00"
cite = "Test amendment"
status = "verified"

[[parameter]]
name = "options.minimum_charge"
description = "Council minimum weekly charge"
unit = "GBP/week"
[[parameter.values]]
from = 2015-04-01
value = "0.00"
cite = "Care and Support Statutory Guidance para 8.2"
status = "verified"

[[parameter]]
name = "income.savings_credit_disregard"
description = "scale"
unit = "GBP/week"
kind = "scale"
keys = ["single", "couple"]
[[parameter.values]]
from = 2015-04-01
value = { single = "189.00", couple = "144.30" }
cite = "SI 2014/2672 reg 7"
status = "verified"
key_cite = { couple = "SI 2014/2672 reg 7(4)" }
"""

OVERLAY = """
[[parameter]]
name = "options.minimum_charge"
description = "Council minimum weekly charge"
unit = "GBP/week"
[[parameter.values]]
from = 2024-04-01
value = "5.00"
cite = "Test Council charging policy 2024 para 6.1"
status = "verified"
"""


@pytest.fixture
def base(make_ruleset):
    return RuleSet(base=load_layer(make_ruleset({"p.toml": BASE})))


@pytest.mark.parametrize(
    "on, expected",
    [
        (date(2025, 4, 6), Decimal("23250.00")),  # the day before the change
        (date(2025, 4, 7), Decimal("24000.00")),  # the day of the change
        (date(2025, 4, 8), Decimal("24000.00")),  # the day after
    ],
)
def test_boundaries(base, on, expected):
    pv = base.at(on)["capital.upper_limit"]
    assert pv.value == expected
    assert pv.layer == "testland@1.0.0"
    assert pv.layer_kind is LayerKind.NATIONAL


def test_before_coverage_fails_loudly(base):
    with pytest.raises(NoRulesInForce) as info:
        base.at(date(2015, 3, 31))["capital.upper_limit"]
    assert info.value.covered_from == date(2015, 4, 1)
    assert "2015-04-01" in str(info.value)


def test_unknown_parameter(base):
    with pytest.raises(UnknownParameter):
        base.at(date(2020, 1, 1))["capital.nope"]


def test_scale_cells_carry_their_own_citation(base):
    mig = base.at(date(2020, 1, 1))["income.savings_credit_disregard"]
    assert mig["single"].value == Decimal("189.00")
    assert mig["single"].citation.text == "SI 2014/2672 reg 7"
    assert mig["couple"].citation.text == "SI 2014/2672 reg 7(4)"
    assert mig["couple"].label == "income.savings_credit_disregard[couple]"


def test_overlay_records_its_layer_and_never_mutates_the_base(base, make_overlay):
    council = load_layer(make_overlay(OVERLAY))
    with_council = base.with_overlay(council)
    on = date(2024, 6, 1)
    assert with_council.at(on)["options.minimum_charge"].value == Decimal("5.00")
    assert with_council.at(on)["options.minimum_charge"].layer == "council.test@1.0.0"
    assert with_council.at(on)["options.minimum_charge"].layer_kind is LayerKind.COUNCIL
    # before the overlay's first date the base value shows through
    assert with_council.at(date(2024, 3, 31))["options.minimum_charge"].layer == "testland@1.0.0"
    # the base is untouched
    assert base.at(on)["options.minimum_charge"].value == Decimal("0.00")
    assert base.overlays == ()
    assert with_council.id == "testland@1.0.0+council.test@1.0.0"
    assert with_council.digest != base.digest


def test_two_overlays_of_one_base_side_by_side(base, make_overlay):
    a = load_layer(make_overlay(OVERLAY, name="council.a"))
    b = load_layer(make_overlay(OVERLAY.replace('"5.00"', '"7.50"'), name="council.b"))
    ra, rb = base.with_overlay(a), base.with_overlay(b)
    on = date(2025, 1, 1)
    assert ra.at(on)["options.minimum_charge"].value == Decimal("5.00")
    assert rb.at(on)["options.minimum_charge"].value == Decimal("7.50")
    assert base.at(on)["options.minimum_charge"].value == Decimal("0.00")


def test_overlay_must_match_unit_and_base(base, make_overlay):
    with pytest.raises(RuleSetError, match=r"options\.minimum_charge is declared in GBP/week, not 'GBP'"):
        load_layer(make_overlay(OVERLAY.replace('unit = "GBP/week"', 'unit = "GBP"')))
    wrong_base = load_layer(make_overlay(OVERLAY, base="scotland"))
    with pytest.raises(RuleSetError, match="overlay is for rule set 'scotland'"):
        base.with_overlay(wrong_base)


def test_overlay_needs_a_source(make_overlay):
    path = make_overlay(OVERLAY)
    path.write_text(path.read_text().replace('source = "Test Council charging policy 2025, para 1"\n', ""))
    with pytest.raises(RuleSetError, match="non-empty 'source'"):
        load_layer(path)


def test_overlay_with_an_end_date_falls_back_to_base(base, make_overlay):
    body = OVERLAY.replace("from = 2024-04-01", "from = 2024-04-01\nto = 2024-09-30")
    r = base.with_overlay(load_layer(make_overlay(body)))
    assert r.at(date(2024, 9, 30))["options.minimum_charge"].value == Decimal("5.00")
    assert r.at(date(2024, 10, 1))["options.minimum_charge"].value == Decimal("0.00")


def test_diff_between_dates_and_overlays(base, make_overlay):
    changes = diff(base, date(2025, 4, 6), on_b=date(2025, 4, 7))
    assert [c.name for c in changes] == ["capital.upper_limit"]
    assert changes[0].before.value == Decimal("23250.00") and changes[0].after.value == Decimal("24000.00")
    council = base.with_overlay(load_layer(make_overlay(OVERLAY)))
    changes = diff(base, date(2025, 1, 1), council)
    assert [c.name for c in changes] == ["options.minimum_charge"]
    assert changes[0].as_dict()["after"]["layer_kind"] == "council"


def test_change_dates(base):
    assert base.change_dates(date(2015, 4, 1), date(2026, 1, 1)) == (date(2025, 4, 7),)


def test_resolution_is_cached_per_ruleset(base):
    assert base.at(date(2020, 1, 1)) is base.at(date(2020, 1, 1))


# --------------------------------------------------------------------------- property: timeline resolution

starts = st.lists(
    st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 1, 1)), min_size=1, max_size=8, unique=True
).map(sorted)


@given(starts=starts, probe=st.dates(min_value=date(1989, 1, 1), max_value=date(2100, 1, 1)))
def test_value_at_is_the_latest_start_not_after_the_date(starts, probe):
    cite = Citation("c")
    values = tuple(DatedValue(start=s, value=Decimal(i), citation=cite) for i, s in enumerate(starts))
    p = Parameter(name="a.b", description="d", unit=Unit.GBP, values=values)
    got = p.value_at(probe)
    eligible = [i for i, s in enumerate(starts) if s <= probe]
    if not eligible:
        assert got is None
    else:
        assert got is not None and got.value == Decimal(eligible[-1])
        # the day before a start resolves to the previous value
        idx = eligible[-1]
        if idx > 0 and starts[idx] - timedelta(days=1) >= starts[idx - 1]:
            assert p.value_at(starts[idx] - timedelta(days=1)).value == Decimal(idx - 1)
