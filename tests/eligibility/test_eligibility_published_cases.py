"""Published illustrative cases that state an eligibility outcome or the sense of "unable to achieve".

The Care and Support Statutory Guidance (DHSC, ch.6) itself could not be read in full for this suite
: its examples are taken as restated, with the guidance's
wording, by SCIE's eligibility guide, which builds on ch.6. Findings a source does not state are
marked "assumed" in each test; the outcome asserted is the one the source states.
"""

from __future__ import annotations

import pytest
from elig_support import ON, achieved, unable

from careact.eligibility import determine


def test_scie_significant_impact_cumulative_effect():
    """SCIE, "What does significant impact mean?" (Care Act 2014 guide, 2015, reviewed 2020),
    https://www.scie.org.uk/care-act-2014/assessment-and-eligibility/eligibility/what-does-significant-mean

    An adult struggling to manage and maintain nutrition, personal hygiene and toilet needs, with reducing
    standards, low social interaction and decreasing mobility around the home: taken holistically the
    accumulation of low/medium needs "adds up to a 'significant impact'" on well-being (condition 3 met).
    Assumed: the needs arise from an impairment (decreasing mobility); the sense is reg 2(3)(a).
    """
    case = {
        "assessment": "adult",
        "needs_arise_from_impairment_or_illness": True,
        "impairment_or_illness": "decreasing mobility around the home (assumed to arise from an impairment)",
        "outcomes": {
            "nutrition": unable("without_assistance", reason="struggling to manage and maintain nutrition; standards reducing"),
            "personal_hygiene": unable("without_assistance", reason="struggling to maintain personal hygiene"),
            "toilet_needs": unable("without_assistance", reason="struggling to manage toilet needs"),
        },
        "wellbeing_impact": {
            "significant": True,
            "likelihood": "is",
            "areas": ["health", "personal_dignity", "social_and_economic"],
            "reason": "cumulative effect of several low/medium needs (SCIE)",
        },
    }
    r = determine(case, on=ON).result
    assert r.conditions[2].met is True
    assert r.unable_count == 3
    assert r.determination == "eligible"


def test_scie_eligible_fluctuating_need_carer():
    """SCIE, "Fluctuating needs: implications for practice" (2015, reviewed October 2022), "Eligible
    fluctuating need (carer)",
    https://www.scie.org.uk/care-act-2014/assessment-and-eligibility/fluctuating-needs/implications-for-practice.asp

    A divorced parent who struggles to provide care when his children are with him, feeling a failure as a
    parent, which is affecting his relationships: SCIE states the carer is eligible. Assumed: the period of
    observation (a school term and holiday) and the reg 3(3)(b) sense (distress); the outcomes are reg
    3(2)(b)(i) (caring for a child) and (v) (relationships).
    """
    case = {
        "assessment": "carer",
        "needs_arise_from_providing_necessary_care": True,
        "necessary_care": "cares for an adult; also has his children with him at weekends and in school holidays",
        "health_deteriorating_or_at_risk": False,
        "observation_period": {"start": "2025-06-02", "end": "2025-08-31"},
        "outcomes": {
            "caring_for_child": {
                "unable_to_achieve": True,
                "senses": ["pain_distress_anxiety"],
                "reason": "struggles to provide care when his children are with him and feels a failure as a parent",
                "fluctuation": {
                    "pattern": "when the children stay with him (weekends, school holidays)",
                    "observations": [
                        {"start": "2025-06-02", "end": "2025-07-20", "unable_to_achieve": False, "note": "term time"},
                        {"start": "2025-07-21", "end": "2025-08-31", "unable_to_achieve": True, "senses": ["pain_distress_anxiety"], "note": "school holidays"},
                    ],
                },
            },
            "relationships": unable("pain_distress_anxiety", reason="feeling a failure as a parent is affecting his relationships"),
        },
        "wellbeing_impact": {"significant": True, "areas": ["relationships", "health"], "reason": "affecting his relationships"},
    }
    r = determine(case, on=ON).result
    assert r.fluctuation.applied and r.fluctuation.paragraph == "reg 3(4)"
    assert r.determination == "eligible"


@pytest.mark.parametrize(
    "example, outcome, sense, paragraph",
    [
        # "some adults may be physically able to wash but need reminding of the importance of personal hygiene"
        ("prompting to wash", "personal_hygiene", "without_assistance", "reg 2(3)(a)"),
        # "an older person with severe arthritis may be able to prepare a meal, but doing so will leave them in
        # severe pain and unable to eat the meal"
        ("arthritis and a meal", "nutrition", "pain_distress_anxiety", "reg 2(3)(b)"),
        # "the health or safety of another member of the family, including any child, could be endangered when
        # an adult attempts to complete a task or an activity without relevant support"
        ("danger to a child", "caring_for_child", "endangers_health_safety", "reg 2(3)(c)"),
        # "a physically disabled adult is able to dress themselves ... but it takes them a long time" (SCIE's
        # excerpt is truncated after "a physically"; the rest of the example is from the guidance as recalled)
        ("dressing takes a long time", "appropriately_clothed", "significantly_longer", "reg 2(3)(d)"),
    ],
)
def test_guidance_examples_of_unable_to_achieve(example, outcome, sense, paragraph):
    """Statutory guidance ch.6 examples of each circumstance of "unable to achieve", as restated by SCIE,
    "Eligibility criteria under the Care Act 2014" (2015, updated 2020),
    https://www.scie.org.uk/care-act-2014/assessment-and-eligibility/eligibility/criteria

    Each example states which circumstance it illustrates; careact records it under that limb of reg 2(3).
    """
    other = "home_safely" if outcome != "home_safely" else "nutrition"
    case = {
        "assessment": "adult",
        "needs_arise_from_impairment_or_illness": True,
        "outcomes": {outcome: unable(sense, reason=example), other: unable()},
        "wellbeing_impact": {"significant": True, "areas": ["health"]},
    }
    r = determine(case, on=ON).result
    found = next(o for o in r.outcomes if o.id == outcome)
    assert found.status == "unable"
    assert [s.paragraph for s in found.senses] == [paragraph]


def test_one_outcome_with_significant_impact_is_still_not_eligible_for_an_adult():
    """SCIE, "Eligibility criteria for adults" (2015): all three conditions must be met, and condition 2 needs
    two or more outcomes; a significant impact from one outcome alone does not meet the threshold."""
    outcomes = {o: achieved() for o in ("personal_hygiene", "toilet_needs", "appropriately_clothed", "home_safely",
                                        "habitable_home", "relationships", "work_training_education_volunteering",
                                        "community_facilities", "caring_for_child")}
    outcomes["nutrition"] = unable()
    case = {
        "assessment": "adult",
        "needs_arise_from_impairment_or_illness": True,
        "outcomes": outcomes,
        "wellbeing_impact": {"significant": True, "areas": ["health"]},
    }
    assert determine(case, on=ON).result.determination == "not_eligible"
