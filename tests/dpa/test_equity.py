"""Equity limit: published council examples and the formula's edges."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from careact.dpa import PropertyInterest, equity_limit
from careact.errors import InputError
from careact.explain import ExplanationDoc

ON = date(2024, 6, 1)  # lower capital limit £14,250


def test_bathnes_framework_sole_owner_200k():
    """Bath & North East Somerset Council, Care and Support Charging and Financial Assessment Framework
    §10.2 (2024): property £200,000, less 10%, less £14,250 -> equity limit £165,750."""
    result = equity_limit({"market_value": "200000.00"}, on=ON)
    assert result.usable == Decimal("180000.00")
    assert result.limit == Decimal("165750.00")


def test_north_northants_borrowing_and_fees_165k():
    """North Northamptonshire Council, 'Deferred payment schemes for adult social care - Borrowing and
    fees' (updated 15 November 2022): £165,000 - £16,500 - £14,250 = £134,250."""
    assert equity_limit({"market_value": "165000"}, on=date(2022, 11, 15)).limit == Decimal("134250.00")


def test_council_how_much_can_be_deferred_100k():
    """Council page 'Paying for care: Deferred Payment Agreements - How much payment can be deferred'
    (GOSS-hosted, undated; LCL £14,250): a £100,000 house -> up to £75,750."""
    assert equity_limit({"market_value": "100000"}, on=ON).limit == Decimal("75750.00")


def test_joint_owner_uses_the_adults_interest():
    # half of £200,000: 90% of £100,000 = £90,000 less £14,250
    result = equity_limit({"market_value": "200000", "share": "0.5"}, on=ON)
    assert result.interest_value == Decimal("100000.00")
    assert result.limit == Decimal("75750.00")
    statement = result.explanation.to_dict()["steps"][0]["statement"]
    assert "own interest" in statement


def test_separately_valued_interest_and_prior_charges():
    prop = PropertyInterest(market_value=Decimal(200000), share=Decimal("0.5"),
                            interest_value=Decimal(80000), prior_charges=Decimal(10000))
    result = equity_limit(prop, on=ON)
    assert result.interest_value == Decimal("80000.00")
    assert result.limit == Decimal("72000.00") - Decimal("14250.00") - Decimal("10000.00")


def test_never_negative():
    assert equity_limit({"market_value": "15000"}, on=ON).limit == Decimal("0.00")


def test_revaluation_applies_from_its_date():
    prop = {"market_value": "200000", "revaluations": [{"on": "2024-09-01", "market_value": "180000"}]}
    assert equity_limit(prop, on=date(2024, 8, 31)).limit == Decimal("165750.00")
    assert equity_limit(prop, on=date(2024, 9, 1)).limit == Decimal("147750.00")


def test_explanation_is_a_valid_document_and_cites_parameters():
    doc = equity_limit({"market_value": "200000"}, on=ON).explanation.to_dict()
    ExplanationDoc.model_validate(doc)
    names = [p["name"] for s in doc["steps"] for p in s["parameters"]]
    assert names == ["dpa.equity_limit_share", "capital.lower_limit"]


def test_float_money_is_rejected_by_name():
    with pytest.raises(InputError) as err:
        equity_limit({"market_value": 200000.5}, on=ON)
    assert err.value.field == "property.market_value"


def test_share_out_of_range():
    with pytest.raises(InputError) as err:
        equity_limit({"market_value": "1000", "share": "1.5"}, on=ON)
    assert err.value.field == "property.share"
