"""SI 2015/313 reg 2 (adults): every condition branch and every sense of "unable to achieve"."""

from __future__ import annotations

import pytest
from elig_support import ADULT_OUTCOMES, ADULT_SENSES, ON, achieved, adult, unable

from careact.eligibility import determine


def run(case):
    return determine(case, on=ON).result


# ----------------------------------------------------------------------------- reg 2(1): all three conditions


def test_all_three_conditions_met_is_eligible():
    r = run(adult())
    assert r.determination == "eligible"
    assert [c.met for c in r.conditions] == [True, True, True]
    assert [c.paragraph for c in r.conditions] == ["reg 2(1)(a)", "reg 2(1)(b)", "reg 2(1)(c)"]
    assert r.missing_inputs == ()
    assert r.public_checker == "likely"


@pytest.mark.parametrize("impairment, expected", [(True, "eligible"), (False, "not_eligible"), (None, "cannot_determine")])
def test_condition_a_impairment_or_illness(impairment, expected):
    """reg 2(1)(a): needs arise from or are related to a physical or mental impairment or illness."""
    r = run(adult(impairment=impairment))
    assert r.determination == expected
    assert r.conditions[0].met is impairment
    if impairment is None:
        assert r.missing_inputs == ("needs_arise_from_impairment_or_illness",)


def test_condition_a_not_met_outweighs_missing_findings():
    """A condition found unmet decides the case even when other findings are missing (three-valued AND)."""
    r = run(adult({}, impairment=False, wellbeing=None, all_assessed=False))
    assert r.determination == "not_eligible"
    assert r.missing_inputs == ()
    assert r.conditions[1].met is None and r.conditions[2].met is None


def test_condition_b_two_outcomes_is_the_threshold():
    """reg 2(1)(b) "two or more": one outcome is not enough, two are."""
    one = run(adult({"nutrition": unable()}))
    two = run(adult({"nutrition": unable(), "toilet_needs": unable()}))
    assert (one.unable_count, one.conditions[1].met, one.determination) == (1, False, "not_eligible")
    assert (two.unable_count, two.conditions[1].met, two.determination) == (2, True, "eligible")
    assert two.minimum_unable == 2


def test_condition_b_all_ten_outcomes_count_equally():
    r = run(adult({oid: unable() for oid in ADULT_OUTCOMES}))
    assert r.unable_count == 10
    assert [o.paragraph for o in r.outcomes] == [f"reg 2(2)({c})" for c in "abcdefghij"]


@pytest.mark.parametrize("pair", [("nutrition", "caring_for_child"), ("home_safely", "community_facilities"), ("relationships", "work_training_education_volunteering")])
def test_any_pair_of_outcomes_meets_condition_b(pair):
    """There is no hierarchy among the outcomes: any two suffice."""
    assert run(adult({pair[0]: unable(), pair[1]: unable()})).determination == "eligible"


def test_condition_b_unknown_while_open_outcomes_could_still_reach_two():
    r = run(adult({"nutrition": unable()}, all_assessed=False))
    assert r.determination == "cannot_determine"
    assert r.conditions[1].met is None
    assert set(r.missing_inputs) == {f"outcomes.{o}" for o in ADULT_OUTCOMES if o != "nutrition"}


def test_condition_b_not_met_once_open_outcomes_cannot_reach_two():
    outcomes = {o: achieved() for o in ADULT_OUTCOMES[:9]}  # caring_for_child left open, no outcome unable
    case = adult({}, all_assessed=False)
    case["outcomes"] = outcomes
    r = run(case)
    assert r.conditions[1].met is False
    assert r.determination == "not_eligible"


def test_condition_b_met_without_assessing_every_outcome():
    r = run(adult({"nutrition": unable(), "personal_hygiene": unable()}, all_assessed=False))
    assert r.determination == "eligible"
    assert r.conditions[1].missing == ()


@pytest.mark.parametrize(
    "wellbeing, met, expected",
    [
        ("yes", True, "eligible"),
        ("no", False, "not_eligible"),
        (None, None, "cannot_determine"),
        ({"significant": None}, None, "cannot_determine"),
        ({"significant": True, "areas": []}, None, "cannot_determine"),
        ({"significant": True, "likelihood": "is_likely", "areas": ["relationships"]}, True, "eligible"),
    ],
)
def test_condition_c_significant_impact_on_wellbeing(wellbeing, met, expected):
    """reg 2(1)(c): there is, or is likely to be, a significant impact on well-being (s.1(2) areas named)."""
    r = run(adult(wellbeing=wellbeing))
    assert r.conditions[2].met is met
    assert r.determination == expected


def test_condition_c_missing_areas_is_named():
    r = run(adult(wellbeing={"significant": True}))
    assert r.missing_inputs == ("wellbeing_impact.areas",)


def test_condition_c_missing_finding_is_named():
    assert run(adult(wellbeing=None)).missing_inputs == ("wellbeing_impact.significant",)


def test_wellbeing_areas_are_reported_with_s1_2_paragraphs():
    r = run(adult(wellbeing={"significant": True, "areas": ["personal_dignity", "contribution_to_society"]}))
    assert [(a.id, a.paragraph) for a in r.wellbeing.areas] == [("personal_dignity", "s.1(2)(a)"), ("contribution_to_society", "s.1(2)(i)")]


# ----------------------------------------------------------------------------- reg 2(3): the four senses


@pytest.mark.parametrize("sense, paragraph", list(zip(ADULT_SENSES, ["reg 2(3)(a)", "reg 2(3)(b)", "reg 2(3)(c)", "reg 2(3)(d)"])))
def test_each_sense_of_unable_to_achieve_counts(sense, paragraph):
    r = run(adult({"nutrition": unable(sense, reason="why"), "toilet_needs": unable()}))
    nutrition = r.outcomes[0]
    assert nutrition.status == "unable" and nutrition.counts
    assert [(s.id, s.paragraph) for s in nutrition.senses] == [(sense, paragraph)]
    assert nutrition.reason == "why"
    assert r.determination == "eligible"


def test_several_senses_are_all_recorded():
    r = run(adult({"nutrition": unable(*ADULT_SENSES), "toilet_needs": unable()}))
    assert [s.id for s in r.outcomes[0].senses] == list(ADULT_SENSES)
    assert r.unable_count == 2  # one outcome counts once, however many senses apply


def test_a_recorded_sense_means_unable_without_the_flag():
    """reg 2(3): an adult "is to be regarded as being unable to achieve" an outcome if a limb applies."""
    r = run(adult({"nutrition": {"senses": ["pain_distress_anxiety"], "reason": "pain"}, "toilet_needs": unable()}))
    assert r.outcomes[0].status == "unable"
    assert r.determination == "eligible"


def test_unable_without_a_sense_is_undetermined_and_named():
    r = run(adult({"nutrition": {"unable_to_achieve": True, "reason": "cannot cook"}, "toilet_needs": unable()}))
    assert r.outcomes[0].status == "undetermined"
    assert r.determination == "cannot_determine"
    assert r.missing_inputs == ("outcomes.nutrition.senses",)


def test_achieved_field_alone_is_a_finding():
    case = adult({"nutrition": unable(), "toilet_needs": unable()})
    case["outcomes"]["habitable_home"] = {"achieved": True}
    case["outcomes"]["relationships"] = {"achieved": False, "senses": ["without_assistance"], "reason": "isolated"}
    r = run(case)
    by_id = {o.id: o for o in r.outcomes}
    assert by_id["habitable_home"].status == "achieved"
    assert by_id["relationships"].status == "unable"
    assert r.unable_count == 3


def test_empty_outcome_record_is_undetermined():
    r = run(adult({"nutrition": {}, "toilet_needs": unable()}))
    assert r.outcomes[0].status == "undetermined"
    assert r.missing_inputs == ("outcomes.nutrition.unable_to_achieve",)


def test_care_from_a_carer_is_disregarded():
    """Eligibility is determined without regard to whether a carer is meeting the needs (statutory guidance ch.6)."""
    with_carer = determine(adult(carer_meeting_needs=True), on=ON)
    without = determine(adult(carer_meeting_needs=False), on=ON)
    assert with_carer.result.determination == without.result.determination == "eligible"
    assert "eligibility.adult.carer_support_disregarded" in with_carer.explanation.step_ids()


def test_reasons_for_the_written_record():
    r = run(adult({"nutrition": unable("pain_distress_anxiety", reason="severe pain after cooking"), "toilet_needs": unable()}))
    assert r.reasons[0] == "The adult's needs meet the eligibility criteria in SI 2015/313 reg 2."
    assert any("severe pain after cooking" in line and "reg 2(3)(b)" in line for line in r.reasons)
