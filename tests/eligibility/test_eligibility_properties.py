"""Properties of the determination over generated cases (Hypothesis)."""

from __future__ import annotations

import copy
from typing import Any

from elig_support import ADULT_OUTCOMES, ADULT_SENSES, CARER_OUTCOMES, CARER_SENSES, ON
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from careact.eligibility import EligibilityResult, determine
from careact.explain import ExplanationDoc

RANK = {"not_eligible": 0, "cannot_determine": 1, "eligible": 2}
AREAS = ("personal_dignity", "health", "protection_from_abuse", "control_over_daily_life", "participation",
         "social_and_economic", "relationships", "living_accommodation", "contribution_to_society")

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def outcome_record(senses: tuple[str, ...]) -> st.SearchStrategy[dict[str, Any] | None]:
    return st.one_of(
        st.none(),  # not assessed
        st.just({"unable_to_achieve": False}),
        st.just({}),  # record with no finding
        st.lists(st.sampled_from(senses), min_size=1, max_size=len(senses), unique=True).map(
            lambda s: {"unable_to_achieve": True, "senses": s, "reason": "recorded"}
        ),
        st.just({"unable_to_achieve": True, "reason": "sense not recorded"}),
    )


def wellbeing() -> st.SearchStrategy[dict[str, Any] | None]:
    return st.one_of(
        st.none(),
        st.just({"significant": False}),
        st.just({"significant": True, "areas": []}),
        st.lists(st.sampled_from(AREAS), min_size=1, max_size=3, unique=True).map(lambda a: {"significant": True, "areas": a}),
    )


@st.composite
def adult_cases(draw) -> dict[str, Any]:
    outcomes = {}
    for oid in ADULT_OUTCOMES:
        rec = draw(outcome_record(ADULT_SENSES))
        if rec is not None:
            outcomes[oid] = rec
    case: dict[str, Any] = {"assessment": "adult", "outcomes": outcomes}
    impairment = draw(st.sampled_from([True, False, None]))
    if impairment is not None:
        case["needs_arise_from_impairment_or_illness"] = impairment
    wb = draw(wellbeing())
    if wb is not None:
        case["wellbeing_impact"] = wb
    return case


@st.composite
def carer_cases(draw) -> dict[str, Any]:
    outcomes = {}
    for oid in CARER_OUTCOMES:
        rec = draw(outcome_record(CARER_SENSES))
        if rec is not None:
            outcomes[oid] = rec
    case: dict[str, Any] = {"assessment": "carer", "outcomes": outcomes}
    for field in ("needs_arise_from_providing_necessary_care", "health_deteriorating_or_at_risk"):
        value = draw(st.sampled_from([True, False, None]))
        if value is not None:
            case[field] = value
    if case.get("health_deteriorating_or_at_risk"):
        case["health_reason"] = "recorded"
    wb = draw(wellbeing())
    if wb is not None:
        case["wellbeing_impact"] = wb
    return case


def result(case) -> EligibilityResult:
    return determine(case, on=ON, explain=False).result


def _make_unable(case, oid, sense):
    out = copy.deepcopy(case)
    out["outcomes"][oid] = {"unable_to_achieve": True, "senses": [sense], "reason": "newly found"}
    return out


@SETTINGS
@given(adult_cases(), st.sampled_from(ADULT_OUTCOMES), st.sampled_from(ADULT_SENSES))
def test_adding_an_outcome_the_adult_cannot_achieve_never_makes_eligible_ineligible(case, oid, sense):
    before = result(case).determination
    after = result(_make_unable(case, oid, sense)).determination
    if before == "eligible":
        assert after == "eligible"
    assert RANK[after] >= RANK[before]


@SETTINGS
@given(carer_cases(), st.sampled_from(CARER_OUTCOMES), st.sampled_from(CARER_SENSES))
def test_adding_an_outcome_the_carer_cannot_achieve_never_makes_eligible_ineligible(case, oid, sense):
    before = result(case).determination
    after = result(_make_unable(case, oid, sense)).determination
    assert RANK[after] >= RANK[before]


@SETTINGS
@given(st.one_of(adult_cases(), carer_cases()))
def test_removing_the_wellbeing_impact_always_gives_not_eligible(case):
    changed = copy.deepcopy(case)
    changed["wellbeing_impact"] = {"significant": False}
    r = result(changed)
    assert r.determination == "not_eligible"
    assert r.conditions[2].met is False


@SETTINGS
@given(st.one_of(adult_cases(), carer_cases()))
def test_cannot_determine_exactly_when_inputs_are_missing(case):
    r = result(case)
    assert (r.determination == "cannot_determine") == bool(r.missing_inputs)
    assert r.public_checker == {"eligible": "likely", "not_eligible": "unlikely", "cannot_determine": "needs_full_assessment"}[r.determination]
    # every missing input really is missing from the case
    for path in r.missing_inputs:
        parts = path.split(".")
        node: Any = case
        for part in parts:
            node = node.get(part) if isinstance(node, dict) else None
        assert node in (None, [], ()), path


@SETTINGS
@given(st.one_of(adult_cases(), carer_cases()))
def test_supplying_the_missing_findings_settles_the_case(case):
    """Recording every missing finding (whatever it is) always reaches a determination."""
    r = result(case)
    if r.determination != "cannot_determine":
        return
    filled = copy.deepcopy(case)
    senses = ADULT_SENSES if case["assessment"] == "adult" else CARER_SENSES
    for path in r.missing_inputs:
        parts = path.split(".")
        if parts[0] == "outcomes":
            filled["outcomes"][parts[1]] = {"unable_to_achieve": True, "senses": [senses[0]], "reason": "found"}
        elif parts[0] == "wellbeing_impact":
            filled["wellbeing_impact"] = {"significant": True, "areas": ["health"]}
        elif parts[0] == "health_deteriorating_or_at_risk":
            filled[parts[0]] = False
        else:
            filled[parts[0]] = True
    assert result(filled).determination != "cannot_determine"


@SETTINGS
@given(st.one_of(adult_cases(), carer_cases()))
def test_deterministic_and_explained(case):
    a = determine(case, on=ON)
    b = determine(copy.deepcopy(case), on=ON)
    assert a.to_dict() == b.to_dict()
    doc = a.explanation.to_dict()
    ExplanationDoc.model_validate(doc)
    for step in a.explanation.walk():
        assert step.rule.citation, step.rule.id
    assert EligibilityResult.model_validate(a.result.to_dict()) == a.result
