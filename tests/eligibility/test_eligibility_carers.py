"""SI 2015/313 reg 3 (carers): any one circumstance; health; three senses; no "significantly longer"."""

from __future__ import annotations

import pytest
from elig_support import CARER_OUTCOMES, CARER_SENSES, ON, achieved, carer, unable

from careact.eligibility import SenseNotAvailableForCarers, determine


def run(case):
    return determine(case, on=ON).result


def test_all_conditions_met_is_eligible():
    r = run(carer())
    assert r.determination == "eligible"
    assert [c.paragraph for c in r.conditions] == ["reg 3(1)(a)", "reg 3(1)(b)", "reg 3(1)(c)"]
    assert r.regulation == "SI 2015/313 reg 3"
    assert r.minimum_unable == 1


@pytest.mark.parametrize("necessary_care, expected", [(True, "eligible"), (False, "not_eligible"), (None, "cannot_determine")])
def test_condition_a_necessary_care(necessary_care, expected):
    """reg 3(1)(a): the needs arise as a consequence of providing necessary care for an adult."""
    r = run(carer(necessary_care=necessary_care))
    assert r.conditions[0].met is necessary_care
    assert r.determination == expected


def test_one_outcome_is_enough():
    """reg 3(2)(b) "any of": a single outcome the carer cannot achieve meets the circumstance."""
    r = run(carer({"recreational_activities": unable()}))
    assert r.unable_count == 1
    assert r.conditions[1].met is True
    assert r.determination == "eligible"


def test_health_alone_is_enough():
    """reg 3(2)(a): deteriorating health (or a risk of it) meets reg 3(1)(b) with no outcome unmet."""
    r = run(carer({}, health=True))
    assert r.unable_count == 0
    assert r.health.met is True and r.health.paragraph == "reg 3(2)(a)"
    assert r.conditions[1].met is True
    assert r.determination == "eligible"


def test_neither_circumstance_is_not_eligible():
    r = run(carer({}, health=False))
    assert r.conditions[1].met is False
    assert r.determination == "not_eligible"


def test_circumstance_unknown_lists_health_and_open_outcomes():
    r = run(carer({}, health=None, all_assessed=False))
    assert r.conditions[1].met is None
    assert r.determination == "cannot_determine"
    assert r.missing_inputs[0] == "health_deteriorating_or_at_risk"
    assert set(r.missing_inputs[1:]) == {f"outcomes.{o}" for o in CARER_OUTCOMES}


def test_health_unknown_but_an_outcome_unmet_is_enough():
    r = run(carer({"nutrition": unable()}, health=None))
    assert r.health.met is None
    assert r.conditions[1].met is True
    assert r.determination == "eligible"


def test_health_true_but_no_outcome_still_needs_wellbeing():
    r = run(carer({}, health=True, wellbeing="no"))
    assert r.conditions[1].met is True
    assert r.conditions[2].met is False
    assert r.determination == "not_eligible"


@pytest.mark.parametrize("sense, paragraph", list(zip(CARER_SENSES, ["reg 3(3)(a)", "reg 3(3)(b)", "reg 3(3)(c)"])))
def test_each_carer_sense_counts(sense, paragraph):
    r = run(carer({"caring_for_others": unable(sense)}))
    found = next(o for o in r.outcomes if o.id == "caring_for_others")
    assert found.status == "unable" and found.paragraph == "reg 3(2)(b)(ii)"
    assert [(s.id, s.paragraph) for s in found.senses] == [(sense, paragraph)]
    assert r.determination == "eligible"


def test_significantly_longer_is_rejected_for_carers():
    """reg 3(3) has no "takes significantly longer" limb (that is reg 2(3)(d), adults only)."""
    with pytest.raises(SenseNotAvailableForCarers) as err:
        determine(carer({"nutrition": unable("significantly_longer")}), on=ON)
    assert err.value.field == "outcomes.nutrition.senses[0]"
    assert "reg 2(3)(d)" in str(err.value)


def test_all_eight_carer_outcomes_in_regulation_order():
    r = run(carer({o: unable() for o in CARER_OUTCOMES}))
    assert r.unable_count == 8
    assert [o.paragraph for o in r.outcomes] == [f"reg 3(2)(b)({n})" for n in ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii")]


def test_cared_for_adults_eligibility_does_not_matter():
    """Carers can be eligible whether or not the adult they care for has eligible needs (SCIE; guidance ch.6)."""
    a = determine(carer(cared_for_adult_has_eligible_needs=False), on=ON)
    b = determine(carer(cared_for_adult_has_eligible_needs=True), on=ON)
    assert a.result.determination == b.result.determination == "eligible"
    assert "eligibility.carer.cared_for_adult_irrelevant" in a.explanation.step_ids()


def test_carer_next_steps_and_cld():
    r = run(carer())
    ids = [s.id for s in r.next_steps]
    assert ids == ["written_record", "consider_how_to_meet_carer_needs", "support_plan", "financial_assessment"]
    assert next(s for s in r.next_steps if s.id == "consider_how_to_meet_carer_needs").citation == "Care Act 2014 s.13(4)(a)-(b)"
    assert r.cld.release_2 == "Progress to support planning or services"


def test_achieved_outcomes_and_no_health_risk_not_eligible_gives_advice():
    r = run(carer({"nutrition": achieved()}, health=False))
    assert r.determination == "not_eligible"
    assert "advice_and_information" in [s.id for s in r.next_steps]
