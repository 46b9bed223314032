"""Every parameter that changes a result appears in its explanation (charging and eligibility).

For every bundled example under the national rules and under each bundled council overlay, and for a
generated sample of cases, each parameter in force is perturbed in turn through an in-memory overlay;
whenever the result changes, the parameter must be named by a step of the unperturbed result's
explanation. A read that bypasses the recording makes the property fail (the last test shows it).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from perturb import outcome, violations

import careact
from careact.charging import assess, example_case, example_names
from careact.eligibility import determine
from careact.rules import bundled_overlays, load_ruleset
from strategies import charging_cases

DATES = (date(2025, 6, 1), date(2026, 12, 6))  # the bundled examples are cases of 2024 onwards
COUNCILS = [n for n in bundled_overlays() if n.startswith("council/")]


def _charging(case, on):
    def run(rules):
        r = assess(case, on=on, rules=rules)
        return outcome(r), r.explanation.parameters_read()

    return run


@pytest.mark.parametrize("name", example_names())
@pytest.mark.parametrize("on", DATES, ids=str)
@pytest.mark.parametrize("overlay", [None, *COUNCILS])
def test_every_figure_that_moves_a_bundled_example_is_explained(name, on, overlay):
    rules = load_ruleset("england", [overlay] if overlay else [])
    case = example_case(name)
    found = violations(_charging(case, on), rules, on)
    assert not found, "\n".join(map(str, found))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(charging_cases())
def test_every_figure_that_moves_a_generated_case_is_explained(drawn):
    rules = load_ruleset("england")
    try:
        assess(drawn.case, on=drawn.on, rules=rules, explain=False)
    except careact.errors.CareactError:
        return  # a drawn case these rules reject is not this property's concern
    found = violations(_charging(drawn.case, drawn.on), rules, drawn.on)
    assert not found, "\n".join(map(str, found))


ELIGIBILITY = Path(careact.__file__).parent / "examples" / "eligibility"


@pytest.mark.parametrize("path", sorted(ELIGIBILITY.glob("*.json")), ids=lambda p: p.stem)
def test_every_figure_that_moves_an_eligibility_determination_is_explained(path):
    case = json.loads(path.read_text())
    on = date(2025, 6, 1)

    def run(rules):
        d = determine(case, on=on, rules=rules)
        return outcome(d.result), d.explanation.parameters_read()

    found = violations(run, load_ruleset("england"), on, only=lambda n: n.startswith("eligibility."))
    assert not found, "\n".join(map(str, found))


def test_a_read_that_bypasses_the_recording_is_caught(monkeypatch):
    """A rule that reads a figure without the reader (here, the minimum charge) breaks the property."""
    from careact.charging.context import Ctx
    from careact.rules.params.charging import options

    original = Ctx.read_when

    def sneaky(self, cond, decl):
        if decl is options.minimum_charge:
            return self.r.res[decl.name].kernel  # read, but not recorded
        return original(self, cond, decl)

    case = example_case("home_care_pensioner")
    on = date(2025, 6, 1)
    rules = load_ruleset("england").with_values({"options.minimum_charge": "40.00"}, name="council.test")
    assert violations(_charging(case, on), rules, on, only=lambda n: n == "options.minimum_charge") == []
    monkeypatch.setattr(Ctx, "read_when", sneaky)
    found = violations(_charging(case, on), rules, on, only=lambda n: n == "options.minimum_charge")
    assert [v.parameter for v in found] == ["options.minimum_charge"]


def _respite_case():
    case = example_case("temporary_stay").model_dump(mode="json", by_alias=True)
    case["care"]["setting"] = "respite"
    return case


@pytest.mark.parametrize(
    "case, overlay, parameter",
    [
        (lambda: example_case("residential_single"), None, "property.disregard_weeks"),  # past the 12 weeks
        (lambda: example_case("home_care_pensioner"), None, "options.mig_uplift_weekly"),
        (lambda: example_case("home_care_pensioner"), None, "options.apply_maximum_weekly_charge"),
        (_respite_case, "council/reading", "options.respite_assessed_as_non_residential"),
    ],
    ids=["disregard_weeks", "mig_uplift_weekly", "apply_maximum_weekly_charge", "respite_under_reading"],
)
def test_the_figures_found_missing_from_explanations_are_named(case, overlay, parameter):
    """The parameters a one-parameter-overlay audit found changing charges with no trace are now named."""
    on = date(2025, 6, 1) if overlay is None else date(2024, 6, 1)  # Reading's figures were read to 2024-25
    r = assess(case(), on=on, overlays=[overlay] if overlay else [])
    assert parameter in {name for name, _ in r.explanation.parameters_read()}
