"""Light-touch financial assessments (SI 2014/2672 reg 10, read; Care and Support Statutory Guidance chapter 8).

Synthetic cases for each basis, with the nominal charge checked either side of what the evidence leaves
above the minimum income guarantee (Care Act 2014 s 14(7)). The adult was born in 1955.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from careact.charging import assess
from careact.errors import InputError

D = Decimal
ON = date(2025, 6, 2)
DECISION = {"decided_by": "C Assessor, Financial Assessment Team", "decided_on": "2025-05-30", "reason": "as the evidence shows"}
EVIDENCE = [{"kind": "bank_statement", "description": "ISA of £180,000", "dated": "2025-05-28"}]


def _case(basis: str, income: str = "250.00", setting: str = "non_residential", **light) -> dict:
    lt = {"basis": basis, **DECISION, **light}
    if basis.startswith("consent") or basis == "nominal_charge_agreed":
        lt.setdefault("consented_on", "2025-05-29")
        lt.setdefault("evidence", EVIDENCE)
    care = {"setting": setting, "weekly_cost": "300.00"}
    if setting == "permanent_residential":
        care |= {"weekly_cost": "900.00", "start_date": "2025-05-05"}
    return {"person": {"date_of_birth": "1955-01-01"}, "care": care,
            "income": [{"type": "state_pension", "amount": income}], "light_touch": lt}


@pytest.mark.parametrize("basis", ["refused", "refused_to_cooperate", "consent_resources_above_limit"])
def test_treated_as_above_the_limit_pays_the_full_cost(basis):
    r = assess(_case(basis), on=ON)
    assert (r.weekly_charge, r.self_funder, r.assessment_kind, r.light_touch_basis) == (D("300.00"), True, "light_touch", basis)
    assert r.full_cost_reason.startswith("treated as above the financial limit")
    assert "light_touch_assessment" in {f.code for f in r.flags}
    assert "regulation 10" in r.explanation.render_text() or "reg 10" in r.explanation.render_text()


def test_a_care_home_resident_who_refuses_pays_the_fee():
    r = assess(_case("refused", setting="permanent_residential"), on=ON, explain=False)
    assert r.weekly_charge == D("900.00") and r.council_weekly_contribution == D("0.00")


def test_within_the_limit_on_the_evidence():
    """Benefits-only income below the MIG: nothing to charge (reg 10(2))."""
    r = assess(_case("consent_resources_at_or_below_limit", income="200.00"), on=ON)
    assert (r.weekly_charge, r.self_funder, r.assessment_kind) == (D("0.00"), False, "light_touch")


def test_within_the_limit_cannot_rest_on_figures_above_it():
    case = _case("consent_resources_at_or_below_limit")
    case["capital"] = [{"type": "savings_account", "value": "30000.00"}]
    with pytest.raises(InputError) as err:
        assess(case, on=ON, explain=False)
    assert err.value.field == "light_touch.basis"


def test_a_nominal_charge_may_leave_exactly_the_minimum_income_guarantee():
    """£250.00 less the 2025-26 MIG (pension credit age, single) of £232.60 leaves £17.40: a nominal charge of
    £17.40 is allowed, £17.41 is not."""
    assert assess(_case("nominal_charge_agreed", nominal_weekly_charge="17.40"), on=ON, explain=False).weekly_charge == D("17.40")
    assert assess(_case("nominal_charge_agreed", nominal_weekly_charge="5.00"), on=ON, explain=False).weekly_charge == D("5.00")
    with pytest.raises(InputError) as err:
        assess(_case("nominal_charge_agreed", nominal_weekly_charge="17.41"), on=ON, explain=False)
    assert err.value.field == "light_touch.nominal_weekly_charge"


@pytest.mark.parametrize(("light", "field"), [
    ({"evidence": []}, "light_touch.evidence"),
    ({"consented_on": None}, "light_touch.consented_on"),
    ({"reason": None}, "light_touch.reason"),
])
def test_a_consent_based_assessment_needs_consent_evidence_and_reasons(light, field):
    case = _case("consent_resources_above_limit")
    for k, v in light.items():
        if v is None:
            case["light_touch"].pop(k)
        else:
            case["light_touch"][k] = v
    with pytest.raises(InputError) as err:
        assess(case, on=ON, explain=False)
    assert field in err.value.fields


def test_a_nominal_charge_needs_its_amount_and_only_that_basis_has_one():
    with pytest.raises(InputError) as err:
        assess(_case("nominal_charge_agreed"), on=ON, explain=False)
    assert "light_touch.nominal_weekly_charge" in err.value.fields
    with pytest.raises(InputError) as err:
        assess(_case("consent_resources_above_limit", nominal_weekly_charge="5.00"), on=ON, explain=False)
    assert "light_touch.nominal_weekly_charge" in err.value.fields
