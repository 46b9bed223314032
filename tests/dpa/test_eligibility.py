"""Who must or may be offered a DPA (SI 2014/2671 regs 2-4)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from careact.dpa import Offer, dpa_eligibility
from careact.explain import ExplanationDoc

ON = date(2024, 6, 1)


def app(**kw):
    base = {"property": {"market_value": "200000"}, "capital_excluding_home": "10000.00"}
    base.update(kw)
    return base


def test_must_offer_when_every_condition_is_met():
    r = dpa_eligibility(app(), on=ON)
    assert r.offer is Offer.MUST_OFFER
    assert r.available_from == date(2024, 6, 1)
    assert r.equity_limit == Decimal("165750.00")
    ExplanationDoc.model_validate(r.explanation.to_dict())
    assert r.explanation.step_ids()[-1] == "dpa.eligibility.outcome"


@pytest.mark.parametrize(
    "capital, offer",
    [("23249.99", Offer.MUST_OFFER), ("23250.00", Offer.MUST_OFFER), ("23250.01", Offer.MAY_OFFER)],
)
def test_capital_condition_does_not_exceed_the_upper_limit(capital, offer):
    # "does not exceed": £23,250 exactly qualifies
    assert dpa_eligibility(app(capital_excluding_home=capital), on=ON).offer is offer


def test_twelve_week_disregard_defers_availability():
    r = dpa_eligibility(app(twelve_week_disregard_ends="2024-08-01"), on=ON)
    assert r.offer is Offer.MUST_OFFER
    assert r.available_from == date(2024, 8, 2)


def test_home_disregarded_is_not_eligible():
    r = dpa_eligibility(app(home_disregarded=True), on=ON)
    assert r.offer is Offer.NOT_ELIGIBLE
    assert r.conditions["property"] is False


def test_supported_living_is_discretionary():
    r = dpa_eligibility(app(setting="supported_living"), on=ON)
    assert r.offer is Offer.MAY_OFFER
    assert r.conditions["needs"] is False


def test_other_security_is_discretionary_and_no_security_is_not_eligible():
    assert dpa_eligibility(app(security="other"), on=ON).offer is Offer.MAY_OFFER
    assert dpa_eligibility(app(security="none"), on=ON).offer is Offer.NOT_ELIGIBLE


def test_self_funders_covered_from_5_february_2018():
    """SI 2017/1318 (in force 5 February 2018) inserted reg 2(2)(a)(iii)."""
    before = dpa_eligibility(app(la_meeting_needs=False), on=date(2018, 2, 4))
    after = dpa_eligibility(app(la_meeting_needs=False), on=date(2018, 2, 5))
    assert before.offer is Offer.MAY_OFFER
    assert after.offer is Offer.MUST_OFFER


def test_no_equity_is_a_ground_to_refuse():
    r = dpa_eligibility(app(property={"market_value": "15000"}), on=ON)
    assert r.equity_limit == Decimal("0.00")
    assert any("no equity" in reason for reason in r.reasons)
