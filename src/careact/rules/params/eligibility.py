"""Declarations of the eligibility parameters: the Care and Support (Eligibility Criteria) Regulations 2015.

The wording of each outcome, condition and sense of "unable to achieve" is text in the eligibility
catalogue (``rules/data/eligibility/outcomes.toml``). What decides an outcome -- which outcomes the
regulation specifies, how many must be unachievable, which senses of "unable" count -- is a dated
parameter here, so an amendment to the regulations is a new dated value, and a determination's
explanation names every figure it rests on.
"""

from __future__ import annotations

from ..declare import Group, Scope, count, days, text_list

__all__ = ["ADULT_OUTCOMES", "ADULT_SENSES", "CARER_OUTCOMES", "CARER_SENSES", "WELLBEING_AREAS",
           "eligibility_adult", "eligibility_carer", "eligibility_fluctuation", "eligibility_wellbeing"]

_R = "https://www.legislation.gov.uk/uksi/2015/313"

ADULT_OUTCOMES = (
    "nutrition", "personal_hygiene", "toilet_needs", "appropriately_clothed", "home_safely", "habitable_home",
    "relationships", "work_training_education_volunteering", "community_facilities", "caring_for_child",
)
ADULT_SENSES = ("without_assistance", "pain_distress_anxiety", "endangers_health_safety", "significantly_longer")
CARER_OUTCOMES = (
    "caring_for_child", "caring_for_others", "habitable_home", "nutrition", "relationships",
    "work_training_education_volunteering", "community_facilities", "recreational_activities",
)
CARER_SENSES = ("without_assistance", "pain_distress_anxiety", "endangers_health_safety")
WELLBEING_AREAS = (
    "personal_dignity", "health", "protection_from_abuse", "control_over_daily_life", "participation",
    "social_and_economic", "relationships", "living_accommodation", "contribution_to_society",
)


class eligibility_adult(Group, prefix="eligibility.adult"):
    minimum_unable = count("How many of the specified outcomes the adult must be unable to achieve",
                           provision="SI 2015/313 reg 2(1)(b)", href=f"{_R}/regulation/2", minimum=1)
    outcomes = text_list("The outcomes specified for adults", provision="SI 2015/313 reg 2(2)",
                         href=f"{_R}/regulation/2", choices=ADULT_OUTCOMES)
    senses = text_list("The senses in which an adult is to be regarded as unable to achieve an outcome",
                       provision="SI 2015/313 reg 2(3)", href=f"{_R}/regulation/2", choices=ADULT_SENSES)


class eligibility_carer(Group, prefix="eligibility.carer"):
    minimum_unable = count("How many of the specified outcomes the carer must be unable to achieve",
                           provision="SI 2015/313 reg 3(2)(b)", href=f"{_R}/regulation/3", minimum=1)
    outcomes = text_list("The outcomes specified for carers", provision="SI 2015/313 reg 3(2)(b)",
                         href=f"{_R}/regulation/3", choices=CARER_OUTCOMES)
    senses = text_list("The senses in which a carer is to be regarded as unable to achieve an outcome",
                       provision="SI 2015/313 reg 3(3)", href=f"{_R}/regulation/3", choices=CARER_SENSES)


class eligibility_wellbeing(Group, prefix="eligibility.wellbeing"):
    areas = text_list("The matters well-being relates to", provision="Care Act 2014 s 1(2)",
                      href="https://www.legislation.gov.uk/ukpga/2014/23/section/1", choices=WELLBEING_AREAS)


class eligibility_fluctuation(Group, prefix="eligibility.fluctuation"):
    minimum_observation_days = days(
        "careact's own convention, not law: a record of fluctuating needs shorter than this many days is flagged "
        "for the local authority, which must consider the circumstances over such period as it considers "
        "necessary", provision="careact convention under SI 2015/313 regs 2(4) and 3(4)",
        href=f"{_R}/regulation/2", scope=Scope.COUNCIL)
