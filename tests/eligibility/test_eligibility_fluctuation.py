"""Fluctuating needs: SI 2015/313 reg 2(4) (adults) and reg 3(4) (carers)."""

from __future__ import annotations

from datetime import date

import pytest
from elig_support import ON, adult, carer, unable

from careact.eligibility import InvalidPeriod, determine, load_catalogue


def fluctuating(observations, finding=True, senses=("without_assistance",)):
    rec = {"fluctuation": {"pattern": "relapses", "observations": observations}}
    if finding is not None:
        rec["unable_to_achieve"] = finding
        if finding:
            rec["senses"] = list(senses)
            rec["reason"] = "unable during relapses, which recur"
    return rec


RELAPSE = [
    {"start": "2025-01-01", "end": "2025-01-14", "unable_to_achieve": False},
    {"start": "2025-01-15", "end": "2025-01-28", "unable_to_achieve": True, "senses": ["without_assistance"]},
    {"start": "2025-01-29", "end": "2025-03-31", "unable_to_achieve": False},
]
PERIOD = {"start": "2025-01-01", "end": "2025-03-31"}


def test_period_is_recorded_and_reg_2_4_applied():
    d = determine(adult({"nutrition": fluctuating(RELAPSE), "toilet_needs": unable()}, observation_period=PERIOD), on=ON)
    f = d.result.fluctuation
    assert f.applied and f.paragraph == "reg 2(4)"
    assert (f.period_start, f.period_end, f.days) == (date(2025, 1, 1), date(2025, 3, 31), 90)
    assert f.fluctuating_outcomes == ("nutrition",)
    assert not f.shorter_than_minimum
    step = d.explanation.find("eligibility.adult.fluctuation")
    assert step.rule.citation == "SI 2015/313 reg 2(4)"
    assert step.output is True
    assert d.result.determination == "eligible"


def test_observations_summarised_over_the_period():
    r = determine(adult({"nutrition": fluctuating(RELAPSE), "toilet_needs": unable()}, observation_period=PERIOD), on=ON).result
    s = r.outcomes[0].fluctuation
    assert (s.days_in_period, s.days_observed, s.days_unable, s.observations) == (90, 90, 14, 3)
    assert s.differs_from_finding is False


def test_overlapping_observations_are_counted_once():
    obs = [
        {"start": "2025-01-10", "end": "2025-01-20", "unable_to_achieve": True},
        {"start": "2025-01-15", "end": "2025-01-25", "unable_to_achieve": True},
    ]
    r = determine(adult({"nutrition": fluctuating(obs), "toilet_needs": unable()}, observation_period=PERIOD), on=ON).result
    assert r.outcomes[0].fluctuation.days_unable == 16


def test_the_finding_over_the_period_is_the_practitioners():
    """Observations of some days unable do not override a finding of 'achieved' over the period: flagged instead."""
    r = determine(adult({"nutrition": fluctuating(RELAPSE, finding=False), "toilet_needs": unable()}, observation_period=PERIOD), on=ON).result
    assert r.outcomes[0].status == "achieved"
    assert r.outcomes[0].fluctuation.differs_from_finding
    assert "finding_differs_from_observations" in [f.code for f in r.flags]
    assert r.determination == "not_eligible"


def test_observations_without_a_finding_leave_the_outcome_undetermined():
    r = determine(adult({"nutrition": fluctuating(RELAPSE, finding=None), "toilet_needs": unable()}, observation_period=PERIOD), on=ON).result
    assert r.outcomes[0].status == "undetermined"
    assert r.missing_inputs == ("outcomes.nutrition.unable_to_achieve",)


def test_fluctuation_without_a_period_cannot_be_determined():
    r = determine(adult({"nutrition": fluctuating(RELAPSE), "toilet_needs": unable()}), on=ON).result
    assert r.determination == "cannot_determine"
    assert r.missing_inputs == ("observation_period",)
    assert "fluctuation_without_period" in [f.code for f in r.flags]
    assert not r.fluctuation.applied


def test_fluctuation_without_a_period_does_not_block_a_decision_made_on_other_outcomes():
    r = determine(adult({"nutrition": fluctuating(RELAPSE), "toilet_needs": unable(), "habitable_home": unable()}), on=ON).result
    assert r.determination == "eligible"


def test_short_period_is_flagged_from_data_threshold():
    minimum = load_catalogue().minimum_observation_days
    short = {"start": "2025-01-01", "end": f"2025-01-{minimum - 1:02d}"}
    obs = [{"start": "2025-01-01", "end": "2025-01-05", "unable_to_achieve": True}]
    d = determine(adult({"nutrition": fluctuating(obs), "toilet_needs": unable()}, observation_period=short), on=ON)
    f = d.result.fluctuation
    assert f.shorter_than_minimum and f.days == minimum - 1 and f.minimum_days == minimum
    assert "short_observation_period" in [x.code for x in d.result.flags]
    assert "not law" in f.minimum_note
    assert "eligibility.adult.fluctuation.short_period" in d.explanation.step_ids()
    assert d.result.determination == "eligible"  # a flag, never a refusal


def test_period_exactly_at_the_threshold_is_not_flagged():
    minimum = load_catalogue().minimum_observation_days
    period = {"start": "2025-01-01", "end": f"2025-01-{minimum:02d}"}
    r = determine(adult(observation_period=period), on=ON).result
    assert r.fluctuation.days == minimum and not r.fluctuation.shorter_than_minimum


def test_minimum_is_configurable_per_call():
    r = determine(adult({"nutrition": fluctuating(RELAPSE), "toilet_needs": unable()}, observation_period=PERIOD), on=ON, minimum_observation_days=120).result
    assert r.fluctuation.minimum_days == 120 and r.fluctuation.shorter_than_minimum


def test_carer_fluctuation_applies_reg_3_4():
    obs = [{"start": "2025-01-01", "end": "2025-01-31", "unable_to_achieve": True, "senses": ["pain_distress_anxiety"]}]
    d = determine(carer({"relationships": fluctuating(obs, senses=("pain_distress_anxiety",))}, observation_period={"start": "2025-01-01", "end": "2025-02-28"}), on=ON)
    assert d.result.fluctuation.paragraph == "reg 3(4)" and d.result.fluctuation.applied
    assert d.explanation.find("eligibility.carer.fluctuation").rule.citation == "SI 2015/313 reg 3(4)"
    assert d.result.determination == "eligible"


def test_no_fluctuation_recorded():
    d = determine(adult(), on=ON)
    assert not d.result.fluctuation.applied
    assert d.explanation.find("eligibility.adult.fluctuation").output is False


@pytest.mark.parametrize(
    "period, observations, field",
    [
        ({"start": "2025-03-01", "end": "2025-01-01"}, [], "observation_period"),
        (PERIOD, [{"start": "2025-02-01", "end": "2025-01-01", "unable_to_achieve": True}], "outcomes.nutrition.fluctuation.observations[0]"),
        (PERIOD, [{"start": "2024-12-20", "end": "2025-01-05", "unable_to_achieve": True}], "outcomes.nutrition.fluctuation.observations[0]"),
        (PERIOD, [{"start": "2025-01-01", "end": "2025-01-05", "unable_to_achieve": False}, {"start": "2025-03-01", "end": "2025-04-05", "unable_to_achieve": True}], "outcomes.nutrition.fluctuation.observations[1]"),
    ],
)
def test_invalid_periods_name_the_field(period, observations, field):
    with pytest.raises(InvalidPeriod) as err:
        determine(adult({"nutrition": fluctuating(observations), "toilet_needs": unable()}, observation_period=period), on=ON)
    assert err.value.field == field
