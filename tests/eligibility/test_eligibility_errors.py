"""Bad input: typed errors (subclasses of careact's InputError) that name the field at fault."""

from __future__ import annotations

from datetime import date

import pytest
from elig_support import ON, adult, carer, unable

from careact.eligibility import (
    AdultInputOnCarerAssessment,
    CarerInputOnAdultAssessment,
    ContradictoryAnswers,
    EligibilityInputError,
    MissingReason,
    SenseNotAvailableForCarers,
    UnknownAssessmentType,
    UnknownOutcome,
    UnknownSense,
    UnknownWellbeingArea,
    determine,
)
from careact.errors import CareactError, InputError


def rejected(case, error, **kw):
    with pytest.raises(error) as err:
        determine(case, on=ON, **kw)
    assert isinstance(err.value, EligibilityInputError)
    assert isinstance(err.value, InputError) and isinstance(err.value, CareactError) and isinstance(err.value, ValueError)
    return err.value


def test_unknown_outcome_name():
    case = adult()
    case["outcomes"]["gardening"] = unable()
    err = rejected(case, UnknownOutcome)
    assert err.field == "outcomes.gardening"
    assert err.problems[0].code == "unknown_outcome"


def test_unknown_outcome_names_are_all_listed():
    case = adult()
    case["outcomes"]["gardening"] = unable()
    case["outcomes"]["cooking"] = unable()
    assert rejected(case, UnknownOutcome).fields == ("outcomes.gardening", "outcomes.cooking")


def test_unknown_sense():
    err = rejected(adult({"nutrition": unable("too_tired"), "toilet_needs": unable()}), UnknownSense)
    assert err.field == "outcomes.nutrition.senses[0]"


def test_significantly_longer_on_a_carer():
    err = rejected(carer({"relationships": unable("without_assistance", "significantly_longer")}), SenseNotAvailableForCarers)
    assert err.field == "outcomes.relationships.senses[1]"
    assert err.problems[0].code == "sense_not_for_carers"


def test_significantly_longer_in_a_carer_observation():
    case = carer(observation_period={"start": "2025-01-01", "end": "2025-03-31"})
    case["outcomes"]["relationships"]["fluctuation"] = {
        "observations": [{"start": "2025-01-01", "end": "2025-01-10", "unable_to_achieve": True, "senses": ["significantly_longer"]}]
    }
    assert rejected(case, SenseNotAvailableForCarers).field == "outcomes.relationships.fluctuation.observations[0].senses[0]"


def test_unable_with_no_reason():
    err = rejected(adult({"nutrition": {"unable_to_achieve": True, "senses": ["without_assistance"]}, "toilet_needs": unable()}), MissingReason)
    assert err.field == "outcomes.nutrition.reason"


def test_blank_reason_is_no_reason():
    err = rejected(adult({"nutrition": unable(reason="   "), "toilet_needs": unable()}), MissingReason)
    assert err.field == "outcomes.nutrition.reason"


def test_sense_with_no_reason():
    err = rejected(adult({"nutrition": {"senses": ["without_assistance"]}, "toilet_needs": unable()}), MissingReason)
    assert err.field == "outcomes.nutrition.reason"


def test_carer_health_finding_with_no_reason():
    case = carer()
    case["health_deteriorating_or_at_risk"] = True
    case.pop("health_reason", None)
    assert rejected(case, MissingReason).field == "health_reason"


def test_marked_both_achieved_and_unable():
    case = adult()
    case["outcomes"]["nutrition"] = {"achieved": True, "unable_to_achieve": True, "senses": ["without_assistance"], "reason": "x"}
    err = rejected(case, ContradictoryAnswers)
    assert err.field == "outcomes.nutrition"
    assert "both achieved and unable" in str(err)


def test_marked_neither_achieved_nor_unable():
    case = adult()
    case["outcomes"]["nutrition"] = {"achieved": False, "unable_to_achieve": False}
    assert rejected(case, ContradictoryAnswers).field == "outcomes.nutrition"


def test_senses_on_an_achieved_outcome():
    case = adult()
    case["outcomes"]["habitable_home"] = {"unable_to_achieve": False, "senses": ["without_assistance"], "reason": "x"}
    assert rejected(case, ContradictoryAnswers).field == "outcomes.habitable_home.senses"


def test_senses_on_an_observation_marked_able():
    case = adult(observation_period={"start": "2025-01-01", "end": "2025-01-31"})
    case["outcomes"]["nutrition"]["fluctuation"] = {
        "observations": [{"start": "2025-01-01", "end": "2025-01-10", "unable_to_achieve": False, "senses": ["without_assistance"]}]
    }
    assert rejected(case, ContradictoryAnswers).field == "outcomes.nutrition.fluctuation.observations[0].senses"


@pytest.mark.parametrize(
    "name, value",
    [
        ("needs_arise_from_providing_necessary_care", True),
        ("health_deteriorating_or_at_risk", True),
        ("health_reason", "tired"),
        ("necessary_care", "cares for mother"),
        ("cared_for_adult_has_eligible_needs", False),
    ],
)
def test_carer_fields_on_an_adult_assessment(name, value):
    err = rejected(adult(**{name: value}), CarerInputOnAdultAssessment)
    assert err.field == name


@pytest.mark.parametrize("oid", ["caring_for_others", "recreational_activities"])
def test_carer_outcomes_on_an_adult_assessment(oid):
    case = adult()
    case["outcomes"][oid] = unable()
    err = rejected(case, CarerInputOnAdultAssessment)
    assert err.field == f"outcomes.{oid}"
    assert "reg 3(2)(b)" in str(err)


@pytest.mark.parametrize("name", ["needs_arise_from_impairment_or_illness", "impairment_or_illness", "carer_meeting_needs"])
def test_adult_fields_on_a_carer_assessment(name):
    assert rejected(carer(**{name: True if name != "impairment_or_illness" else "stroke"}), AdultInputOnCarerAssessment).field == name


@pytest.mark.parametrize("oid", ["personal_hygiene", "toilet_needs", "appropriately_clothed", "home_safely"])
def test_adult_outcomes_on_a_carer_assessment(oid):
    case = carer()
    case["outcomes"][oid] = unable()
    assert rejected(case, AdultInputOnCarerAssessment).field == f"outcomes.{oid}"


def test_unknown_wellbeing_area():
    err = rejected(adult(wellbeing={"significant": True, "areas": ["health", "happiness"]}), UnknownWellbeingArea)
    assert err.field == "wellbeing_impact.areas[1]"


@pytest.mark.parametrize("value", [None, "child", 3])
def test_unknown_assessment_type(value):
    case = adult()
    case["assessment"] = value
    assert rejected(case, UnknownAssessmentType).field == "assessment"


def test_not_an_object():
    assert rejected(["adult"], EligibilityInputError).field == "(root)"


def test_type_errors_name_the_field():
    case = adult()
    case["outcomes"]["nutrition"] = {"unable_to_achieve": "sometimes"}
    err = rejected(case, EligibilityInputError)
    assert err.field == "outcomes.nutrition.unable_to_achieve"


def test_unknown_field_is_named():
    err = rejected(adult(favourite_colour="blue"), EligibilityInputError)
    assert err.field == "favourite_colour"
    assert err.problems[0].code == "unknown_field"


def test_before_the_regulations_came_into_force():
    with pytest.raises(EligibilityInputError) as err:
        determine(adult(), on=date(2015, 3, 31))
    assert err.value.field == "on"
    assert "start on 1 April 2015" in str(err.value)
    assert determine(adult(), on=date(2015, 4, 1)).result.determination == "eligible"


def test_bad_minimum_observation_days():
    err = rejected(adult(), EligibilityInputError, minimum_observation_days=0)
    assert err.field == "minimum_observation_days"
