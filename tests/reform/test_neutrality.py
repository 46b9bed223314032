"""Reform neutrality: an overlay equal to the baseline gives identical results, case for case."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from careact.reform.care_account import run_account
from careact.reform.engine import charging_assessor
from careact.reform.overlays import reform_ruleset
from careact.reform.population import synthetic_population
from careact.rules import load_ruleset

RESTATED = ("capital.upper_limit", "capital.lower_limit", "capital.tariff_band", "capital.tariff_per_band")


@pytest.fixture(scope="module")
def spells():
    return synthetic_population(30, seed=11)


def _restating_overlay(write_overlay):
    """An overlay that restates the national capital parameters value for value, date for date."""
    base = load_ruleset("england").base
    body = ""
    for name in RESTATED:
        p = base.parameters[name]
        body += f'\n[[parameter]]\nname = "{name}"\ndescription = "restated"\nunit = "{p.unit.value}"\n'
        for v in p.values:
            body += f'\n[[parameter.values]]\nfrom = {v.start.isoformat()}\nvalue = "{v.value}"\ncite = "restated from the national rule set"\nstatus = "verified"\n'
    return write_overlay("restated", body)


def test_overlay_equal_to_baseline_changes_nothing(write_overlay, spells):
    baseline = reform_ruleset(None)
    neutral = reform_ruleset(_restating_overlay(write_overlay))
    assert neutral.id != baseline.id  # a different rule set, applied
    for s in spells:
        a = run_account(s, baseline, assessor=charging_assessor, weeks=520)
        b = run_account(s, neutral, assessor=charging_assessor, weeks=520)
        # the same figures to the penny; only the rule set (and its figures' status: the restated values cite
        # a different source) differs
        ignore = {"ruleset": None, "figures": None}
        assert a.as_dict(segments=True) | ignore == b.as_dict(segments=True) | ignore, s.id


def test_a_cap_that_never_binds_changes_no_payment(write_overlay, param, spells):
    never = reform_ruleset(write_overlay("huge_cap", param("reform.cap.amount", "GBP", "100000000.00")))
    baseline = reform_ruleset(None)
    for s in spells:
        a = run_account(s, baseline, assessor=charging_assessor, weeks=520)
        b = run_account(s, never, assessor=charging_assessor, weeks=520)
        assert (a.person_paid, a.council_paid, a.wealth_end) == (b.person_paid, b.council_paid, b.wealth_end), s.id
        assert b.cap_reached_on is None


def test_compare_with_neutral_overlay_shows_no_change(write_overlay):
    from datetime import date

    from careact.reform.compare import compare
    from careact.reform.models import CareSpell

    s = CareSpell(id="n", date_of_birth=date(1940, 2, 2), care_start=date(2022, 5, 2), setting="care_home",
                  la_weekly_rate=D("820.00"), weekly_income=D("240.00"), capital=D("40000.00"),
                  home_value=D("150000.00"), weeks=400)
    c = compare(s, on=s.care_start, reform=_restating_overlay(write_overlay), explain=False)
    assert all(y.person_change == 0 and y.council_change == 0 for y in c.years)
