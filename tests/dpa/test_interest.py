"""The maximum interest rate per six-month relevant period (SI 2014/2671 reg 9)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from careact.dpa import max_interest_rate, relevant_periods
from careact.rules import load_ruleset

# (a day in the period, the rate) as published by councils (see dpa_interest.toml for each source)
PUBLISHED = [
    (date(2015, 4, 1), "0.0265"),  # council DPA schedule of charges: "2.65% from 01st April 2015"
    (date(2015, 12, 31), "0.0225"),
    (date(2016, 1, 1), "0.0215"),
    (date(2016, 7, 1), "0.0185"),
    (date(2017, 6, 30), "0.0135"),
    (date(2017, 7, 1), "0.0165"),
    (date(2018, 1, 1), "0.0145"),  # B&NES Annex C
    (date(2018, 12, 31), "0.0185"),
    (date(2020, 7, 1), "0.0105"),
    (date(2021, 1, 1), "0.0045"),
    (date(2022, 7, 1), "0.0155"),  # B&NES; West Northants "(from 1 July 2022) is 1.55%"
    (date(2023, 1, 1), "0.0318"),
    (date(2023, 7, 1), "0.0343"),
    (date(2024, 1, 1), "0.0465"),  # West Sussex CC (updated 23 April 2024); Liverpool CC 2024
    (date(2024, 7, 1), "0.0405"),
    (date(2025, 6, 30), "0.0425"),
]


@pytest.mark.parametrize("on, rate", PUBLISHED)
def test_published_maximum_rates(on, rate):
    pr = max_interest_rate(on=on)
    assert pr.maximum == Decimal(rate)
    assert not pr.carried_forward
    assert pr.start <= on <= pr.end


def test_west_sussex_2024_first_half():
    """West Sussex County Council, 'Charges for deferred payment agreements' (updated 23 April 2024):
    'The interest rate charged from 1 January 2024 to 30 June 2024 is 4.65% per year.'"""
    pr = max_interest_rate(on=date(2024, 3, 15))
    assert (pr.start, pr.end, pr.maximum) == (date(2024, 1, 1), date(2024, 6, 30), Decimal("0.0465"))


def test_guidance_9_67_example_gilt_rate_plus_margin():
    """Care and Support Statutory Guidance para 9.67 (Oct 2016), as published by the LGA: 'gilt rate 1%
    plus 0.15% equals a maximum interest rate of 1.15%'."""
    margin = load_ruleset("england").at(date(2016, 10, 1))["dpa.interest_margin"].value
    assert Decimal("0.01") + margin == Decimal("0.0115")


def test_every_rate_is_set_for_a_relevant_period_and_covers_the_margin():
    p = load_ruleset("england").parameter("dpa.max_interest_rate")
    assert p.values[0].start == date(2015, 4, 1)
    for v in p.values[1:]:
        assert (v.start.month, v.start.day) in ((1, 1), (7, 1))
        assert v.value >= Decimal("0.0015")


def test_a_period_without_a_published_rate_is_flagged_carried_forward():
    pr = max_interest_rate(on=date(2026, 2, 1))
    assert pr.carried_forward
    assert pr.status == "carried_forward"
    assert pr.maximum == Decimal("0.0465")


def test_derived_rate_keeps_its_unverified_status():
    assert max_interest_rate(on=date(2025, 7, 1)).status == "unverified"


def test_relevant_periods_tile_the_range():
    periods = relevant_periods(date(2015, 4, 1), date(2016, 8, 10))
    assert periods == [
        (date(2015, 4, 1), date(2015, 6, 30)),
        (date(2015, 7, 1), date(2015, 12, 31)),
        (date(2016, 1, 1), date(2016, 6, 30)),
        (date(2016, 7, 1), date(2016, 8, 10)),
    ]
