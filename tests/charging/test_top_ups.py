"""Top-ups (SI 2014/2670; Care and Support Statutory Guidance Annex A).

No published council example with figures was found (West Sussex's care guide 2025 has a "Mrs Y" top-up
example whose figures are cut off in the stored page). The synthetic case: a home charging £900.00 a week,
the council's personal budget £780.00, a top-up of £120.00; the adult's income leaves £200.00 above the
personal expenses allowance (2025-26, £30.65). Born in 1955: no Savings Credit disregard.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from careact.charging import assess
from careact.errors import InputError

D = Decimal
ON = date(2025, 6, 2)


def _case(**top_up) -> dict:
    t = {"weekly": "120.00", "payer": {"kind": "third_party", "name": "Sam", "relationship": "son"},
         "agreement_signed_on": "2025-04-01", **top_up}
    return {
        "person": {"date_of_birth": "1955-01-01"},
        "care": {"setting": "permanent_residential", "weekly_cost": "780.00", "start_date": "2025-01-06"},
        "income": [{"type": "state_pension", "amount": "230.65"}],
        "top_up": t,
    }


def test_a_third_party_top_up_paid_to_the_home_is_not_the_residents_income():
    r = assess(_case(), on=ON)
    assert r.weekly_charge == D("200.00")
    assert r.council_weekly_contribution == D("580.00")
    assert (r.third_party_top_up, r.top_up_payer) == (D("120.00"), "third_party")
    assert r.cost_of_care == D("780.00")
    assert "it is not the adult's income" in r.explanation.render_text()


def test_a_top_up_recovered_through_the_assessment_is_counted_and_charged():
    """Annex A's first option: the payer gives the top-up to the resident and the council recovers it through
    the financial assessment: income £350.65, charge £320.00 towards £900.00; the council still pays £580.00."""
    r = assess(_case(collection="via_resident_income"), on=ON)
    assert r.weekly_charge == D("320.00")
    assert r.council_weekly_contribution == D("580.00")
    assert r.cost_of_care == D("900.00")
    assert r.totals.gross_income == D("350.65")


def test_the_payers_affordability():
    assert "top_up_affordability_not_recorded" in {f.code for f in assess(_case(), on=ON, explain=False).flags}
    short = _case(affordability={"assessed_on": "2025-03-20", "payer_weekly_surplus": "100.00", "expected_duration_weeks": 104})
    assert "top_up_affordability_not_shown" in {f.code for f in assess(short, on=ON, explain=False).flags}
    ok = _case(affordability={"assessed_on": "2025-03-20", "payer_weekly_surplus": "120.00"})
    assert not {"top_up_affordability_not_shown", "top_up_affordability_not_recorded"} & {f.code for f in assess(ok, on=ON, explain=False).flags}


def test_a_resident_top_up_during_the_12_weeks_and_after():
    """The resident may pay their own top-up during the 12-week property disregard (admitted 6 January 2025:
    to 30 March 2025); after it, the council must act (end it, a third party, or a deferred payment)."""
    case = _case(payer={"kind": "resident"}, first_party_ground="twelve_week_disregard")
    case["home"] = {"value": "150000.00"}
    during = assess(case, on=date(2025, 3, 30), explain=False)
    assert during.top_up_payer == "resident" and during.third_party_top_up == D("0.00")
    assert "first_party_top_up_ground_ended" not in {f.code for f in during.flags}
    after = assess(case, on=date(2025, 3, 31), explain=False)
    assert "first_party_top_up_ground_ended" in {f.code for f in after.flags}


@pytest.mark.parametrize(("change", "field"), [
    (lambda c: c["top_up"].pop("payer"), "top_up.payer"),
    (lambda c: c["top_up"].pop("agreement_signed_on"), "top_up.agreement_signed_on"),
    (lambda c: c["top_up"].update(payer={"kind": "resident"}), "top_up.first_party_ground"),
    (lambda c: c["top_up"].update(first_party_ground="deferred_payment"), "top_up.first_party_ground"),
    (lambda c: c["top_up"].update(provider_weekly_fee="950.00"), "top_up.provider_weekly_fee"),
    (lambda c: c["top_up"].update(weekly="0.00"), "top_up.weekly"),
    (lambda c: c["care"].update(third_party_top_up="120.00"), "care.third_party_top_up"),
    (lambda c: c.update(care={"setting": "non_residential", "weekly_cost": "100.00"}), "top_up"),
])
def test_top_up_inputs_are_checked(change, field):
    case = _case()
    change(case)
    with pytest.raises(InputError) as err:
        assess(case, on=ON, explain=False)
    assert field in err.value.fields, err.value.fields


def test_a_matching_provider_fee_is_accepted():
    assert assess(_case(provider_weekly_fee="900.00"), on=ON, explain=False).weekly_charge == D("200.00")
