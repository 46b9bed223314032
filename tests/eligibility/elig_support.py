"""Builders for eligibility cases used across tests/eligibility (plain dicts, as a JSON client would send)."""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

ON = date(2025, 6, 1)

ADULT_OUTCOMES = (
    "nutrition",
    "personal_hygiene",
    "toilet_needs",
    "appropriately_clothed",
    "home_safely",
    "habitable_home",
    "relationships",
    "work_training_education_volunteering",
    "community_facilities",
    "caring_for_child",
)
CARER_OUTCOMES = (
    "caring_for_child",
    "caring_for_others",
    "habitable_home",
    "nutrition",
    "relationships",
    "work_training_education_volunteering",
    "community_facilities",
    "recreational_activities",
)
ADULT_SENSES = ("without_assistance", "pain_distress_anxiety", "endangers_health_safety", "significantly_longer")
CARER_SENSES = ("without_assistance", "pain_distress_anxiety", "endangers_health_safety")


def unable(*senses: str, reason: str = "recorded by the practitioner") -> dict[str, Any]:
    return {"unable_to_achieve": True, "senses": list(senses or ("without_assistance",)), "reason": reason}


def achieved() -> dict[str, Any]:
    return {"unable_to_achieve": False}


def significant(*areas: str) -> dict[str, Any]:
    return {"significant": True, "likelihood": "is", "areas": list(areas or ("health",)), "reason": "recorded"}


def adult(unable_outcomes: dict[str, dict] | None = None, *, impairment: bool | None = True, wellbeing: Any = "yes", all_assessed: bool = True, **extra: Any) -> dict[str, Any]:
    """An adult's case: the named outcomes as given, every other outcome achieved (if ``all_assessed``)."""
    outcomes: dict[str, Any] = {}
    unable_outcomes = unable_outcomes if unable_outcomes is not None else {"nutrition": unable(), "personal_hygiene": unable()}
    for oid in ADULT_OUTCOMES:
        if oid in unable_outcomes:
            outcomes[oid] = unable_outcomes[oid]
        elif all_assessed:
            outcomes[oid] = achieved()
    case: dict[str, Any] = {"assessment": "adult", "outcomes": outcomes}
    if impairment is not None:
        case["needs_arise_from_impairment_or_illness"] = impairment
    if wellbeing == "yes":
        case["wellbeing_impact"] = significant()
    elif wellbeing == "no":
        case["wellbeing_impact"] = {"significant": False}
    elif wellbeing is not None:
        case["wellbeing_impact"] = wellbeing
    case.update(extra)
    return case


def carer(unable_outcomes: dict[str, dict] | None = None, *, necessary_care: bool | None = True, health: bool | None = False, wellbeing: Any = "yes", all_assessed: bool = True, **extra: Any) -> dict[str, Any]:
    outcomes: dict[str, Any] = {}
    unable_outcomes = unable_outcomes if unable_outcomes is not None else {"relationships": unable()}
    for oid in CARER_OUTCOMES:
        if oid in unable_outcomes:
            outcomes[oid] = unable_outcomes[oid]
        elif all_assessed:
            outcomes[oid] = achieved()
    case: dict[str, Any] = {"assessment": "carer", "outcomes": outcomes}
    if necessary_care is not None:
        case["needs_arise_from_providing_necessary_care"] = necessary_care
    if health is not None:
        case["health_deteriorating_or_at_risk"] = health
        if health:
            case["health_reason"] = "exhausted; GP has recorded low mood"
    if wellbeing == "yes":
        case["wellbeing_impact"] = significant()
    elif wellbeing == "no":
        case["wellbeing_impact"] = {"significant": False}
    elif wellbeing is not None:
        case["wellbeing_impact"] = wellbeing
    case.update(extra)
    return case


def clone(case: dict[str, Any]) -> dict[str, Any]:
    return copy.deepcopy(case)
