"""Every parameter that changes a deferred-payment result appears in its explanation.

For the deferred-payment examples published by councils (reproduced in ``tests/charging`` and
``tests/dpa``) and the examples in the case-management guide, each parameter in force is perturbed in
turn through an in-memory reform overlay (a reform may change the national figures a council may
not); whenever the result changes, the parameter must be named by a step of the unperturbed result's
explanation. A read that bypasses the recording makes the property fail (the last test shows it).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from perturb import outcome, violations

from careact.charging import example_case
from careact.dpa import (
    dpa_eligibility,
    dpa_statement,
    equity_limit,
    income_for_deferral,
    max_interest_rate,
    weekly_deferral,
)
from careact.rules import load_ruleset

_TH = date(2024, 6, 3)  # Tower Hamlets' Mr Smith, from a Monday


def _run(call: Callable[..., Any]) -> Callable[[Any], Any]:
    def run(rules: Any) -> Any:
        r = call(rules=rules)
        return outcome(r), r.explanation.parameters_read()

    return run


# (id, the date whose parameters are perturbed, the call)
EXAMPLES: list[tuple[str, date, Callable[..., Any]]] = [
    # Bath & North East Somerset Council, Charging and Financial Assessment Framework 10.2 (2024): £165,750
    ("bathnes_equity_200k", date(2024, 6, 3),
     lambda **kw: equity_limit({"market_value": "200000.00"}, on=date(2024, 6, 3), **kw)),
    # North Northamptonshire Council, 'Deferred payment schemes - Borrowing and fees' (2022): £134,250
    ("north_northants_equity_165k", date(2022, 11, 15),
     lambda **kw: equity_limit({"market_value": "165000.00"}, on=date(2022, 11, 15), **kw)),
    # a joint owner's half share, with a prior charge (the formula's other terms)
    ("joint_owner_with_prior_charge", date(2024, 6, 1),
     lambda **kw: equity_limit({"market_value": "200000", "share": "0.5", "prior_charges": "10000"},
                               on=date(2024, 6, 1), **kw)),
    # Liverpool City Council, 'Deferred payment agreements (DPA)' (2024): £300 a week deferred
    ("liverpool_300_a_week", date(2024, 6, 3),
     lambda **kw: weekly_deferral({"weekly_care_cost": "500.00", "weekly_income": "344.00"}, on=date(2024, 6, 3), **kw)),
    # an allowance asked for below the personal expenses allowance is raised to it
    ("allowance_below_the_pea", date(2024, 6, 1),
     lambda **kw: weekly_deferral({"weekly_care_cost": "500", "weekly_income": "344",
                                   "disposable_income_allowance": "0.00"}, on=date(2024, 6, 1), **kw)),
    # SI 2014/2671 regs 2-4: every condition met; a self-funder after SI 2017/1318; supported living
    ("eligibility_must_offer", date(2024, 6, 1),
     lambda **kw: dpa_eligibility({"property": {"market_value": "200000"}, "capital_excluding_home": "10000.00"},
                                  on=date(2024, 6, 1), **kw)),
    ("eligibility_self_funder_2018", date(2018, 2, 5),
     lambda **kw: dpa_eligibility({"property": {"market_value": "200000"}, "capital_excluding_home": "10000.00",
                                   "la_meeting_needs": False}, on=date(2018, 2, 5), **kw)),
    ("eligibility_capital_above_the_limit", date(2024, 6, 1),
     lambda **kw: dpa_eligibility({"property": {"market_value": "200000"}, "capital_excluding_home": "23250.01"},
                                  on=date(2024, 6, 1), **kw)),
    # West Sussex County Council, 'Charges for deferred payment agreements' (2024): 4.65% to 30 June 2024
    ("west_sussex_rate_2024", date(2024, 3, 15), lambda **kw: max_interest_rate(on=date(2024, 3, 15), **kw)),
    ("carried_forward_rate_2026", date(2026, 2, 1), lambda **kw: max_interest_rate(on=date(2026, 2, 1), **kw)),
    # London Borough of Tower Hamlets, 'Deferred payments': £300 a week lent (here its first 26 weeks)
    ("tower_hamlets_statement", _TH,
     lambda **kw: dpa_statement({"start": _TH.isoformat(), "property": {"market_value": "250000"},
                                 "weekly_care_cost": "500", "other_weekly_contribution": "200",
                                 "setup_fee": "500.00"},
                                on=_TH + timedelta(weeks=26) - timedelta(days=1), **kw)),
    # a statement that reaches the equity limit, with the allowance kept from income
    ("statement_to_the_equity_limit", date(2024, 1, 1),
     lambda **kw: dpa_statement({"start": "2024-01-01", "property": {"market_value": "40000"},
                                 "weekly_care_cost": "1000.00", "weekly_income": "300.00"},
                                on=date(2024, 6, 30), **kw)),
    # the case-management guide's examples
    ("guide_eligibility", date(2025, 6, 1),
     lambda **kw: dpa_eligibility({"capital_excluding_home": "12000.00", "property": {"market_value": "240000.00"}},
                                  on=date(2025, 6, 1), **kw)),
    ("guide_deferral", date(2025, 6, 1),
     lambda **kw: weekly_deferral({"weekly_care_cost": "950.00", "weekly_income": "240.00"}, on=date(2025, 6, 1), **kw)),
    ("guide_income_for_deferral", date(2025, 6, 1),
     lambda **kw: income_for_deferral(example_case("residential_single"), on=date(2025, 6, 1), **kw)),
]

BY_ID = {name: (on, call) for name, on, call in EXAMPLES}


@pytest.mark.parametrize("on, call", [(on, call) for _, on, call in EXAMPLES], ids=[e[0] for e in EXAMPLES])
def test_every_figure_that_moves_a_deferred_payment_result_is_explained(on, call):
    found = violations(_run(call), load_ruleset("england"), on)
    assert not found, "\n".join(map(str, found))


def test_the_statement_names_what_changes_it_on_later_dates():
    """Parameters read on a statement's later boundary days (an April uprating) are named too."""
    call = BY_ID["statement_to_the_equity_limit"][1]
    on = date(2024, 4, 1)  # mid-statement: a new year's figures
    found = violations(_run(call), load_ruleset("england"), on)
    assert not found, "\n".join(map(str, found))


def test_a_read_that_bypasses_the_recording_is_caught(monkeypatch):
    """A DPA rule reading a figure without recording it (here, the equity-limit share) breaks the property."""
    from careact.rules.reader import Reader

    on, call = BY_ID["bathnes_equity_200k"]
    rules = load_ruleset("england")
    only = lambda n: n == "dpa.equity_limit_share"
    assert violations(_run(call), rules, on, only=only) == []
    original = Reader.param

    def sneaky(self: Reader, decl: Any) -> Any:
        if decl.name == "dpa.equity_limit_share":
            return self.res[decl.name]  # read, but not recorded
        return original(self, decl)

    monkeypatch.setattr(Reader, "param", sneaky)
    found = violations(_run(call), rules, on, only=only)
    assert [v.parameter for v in found] == ["dpa.equity_limit_share"]
