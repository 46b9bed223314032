"""Eligibility inputs and results: frozen pydantic models, each with a JSON Schema.

Inputs record the practitioner's findings. careact never supplies a finding of its own: a finding
left out (``None``) is reported as a missing input and, where the decision turns on it, the result
is ``cannot_determine``.

The outcome, sense and well-being ids are the ids in ``rules/data/eligibility/outcomes.toml``
(a test checks that the ``Literal`` types below list exactly those).
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from ..dates import AssessmentDate, PlausibleDate
from ..results import FiguresStatus

__all__ = [
    "RESULT_SCHEMA",
    "AdultAssessment",
    "AdultFluctuation",
    "AdultObservation",
    "AdultOutcomeId",
    "AdultOutcomeRecord",
    "AdultSenseId",
    "AreaFinding",
    "Assessment",
    "CarerAssessment",
    "CarerFluctuation",
    "CarerObservation",
    "CarerOutcomeId",
    "CarerOutcomeRecord",
    "CarerSenseId",
    "CldEventOutcome",
    "ConditionFinding",
    "EligibilityResult",
    "Flag",
    "FluctuationFinding",
    "FluctuationSummary",
    "NextStep",
    "OutcomeFinding",
    "Period",
    "SenseFinding",
    "WellbeingAreaId",
    "WellbeingFinding",
    "WellbeingImpact",
    "input_json_schema",
    "result_json_schema",
    "write_schemas",
]

RESULT_SCHEMA = "careact.eligibility/1"

AdultOutcomeId = Literal[
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
]
CarerOutcomeId = Literal[
    "caring_for_child",
    "caring_for_others",
    "habitable_home",
    "nutrition",
    "relationships",
    "work_training_education_volunteering",
    "community_facilities",
    "recreational_activities",
]
AdultSenseId = Literal["without_assistance", "pain_distress_anxiety", "endangers_health_safety", "significantly_longer"]
CarerSenseId = Literal["without_assistance", "pain_distress_anxiety", "endangers_health_safety"]
WellbeingAreaId = Literal[
    "personal_dignity",
    "health",
    "protection_from_abuse",
    "control_over_daily_life",
    "participation",
    "social_and_economic",
    "relationships",
    "living_accommodation",
    "contribution_to_society",
]

Text = Annotated[str, Field(max_length=4000)]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


# ================================================================================================ inputs


class Period(_Frozen):
    """A period of observation, both days included."""

    start: PlausibleDate
    end: PlausibleDate

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


class _Observation(_Frozen):
    start: PlausibleDate = Field(description="first day of the observation (inclusive)")
    end: PlausibleDate = Field(description="last day of the observation (inclusive)")
    unable_to_achieve: bool = Field(description="whether the outcome could be achieved during this observation")
    note: Text | None = None


class AdultObservation(_Observation):
    """What was seen of one outcome over part of the observation period."""

    senses: tuple[AdultSenseId, ...] = ()


class CarerObservation(_Observation):
    """What was seen of one carer outcome over part of the observation period."""

    senses: tuple[CarerSenseId, ...] = ()


class AdultFluctuation(_Frozen):
    """How an outcome varied over the observation period (reg 2(4))."""

    pattern: Text | None = Field(None, description="the practitioner's description of the pattern of need")
    observations: tuple[AdultObservation, ...] = ()


class CarerFluctuation(_Frozen):
    """How a carer's outcome varied over the observation period (reg 3(4))."""

    pattern: Text | None = None
    observations: tuple[CarerObservation, ...] = ()


class _OutcomeRecord(_Frozen):
    unable_to_achieve: bool | None = Field(
        None, description="the practitioner's finding, over the observation period if needs fluctuate"
    )
    achieved: bool | None = Field(None, description="optional; if given must be the opposite of unable_to_achieve")
    reason: Text | None = Field(None, description="the practitioner's recorded reason (required when unable)")


class AdultOutcomeRecord(_OutcomeRecord):
    """The finding on one reg 2(2) outcome: able or unable, and in which sense(s) of reg 2(3)."""

    senses: tuple[AdultSenseId, ...] = Field((), description="the reg 2(3) limb(s) that apply")
    fluctuation: AdultFluctuation | None = None


class CarerOutcomeRecord(_OutcomeRecord):
    """The finding on one reg 3(2)(b) outcome: able or unable, and in which sense(s) of reg 3(3)."""

    senses: tuple[CarerSenseId, ...] = Field((), description="the reg 3(3) limb(s) that apply")
    fluctuation: CarerFluctuation | None = None


class WellbeingImpact(_Frozen):
    """The finding on reg 2(1)(c) / 3(1)(c): is there, or is there likely to be, a significant impact?"""

    significant: bool | None = None
    likelihood: Literal["is", "is_likely"] | None = Field(
        None, description="'is' a significant impact, or 'is_likely' to be one"
    )
    areas: tuple[WellbeingAreaId, ...] = Field((), description="the Care Act 2014 s.1(2) areas affected")
    reason: Text | None = None


class AdultAssessment(_Frozen):
    """A needs assessment's findings, for a determination under SI 2015/313 reg 2."""

    model_config = ConfigDict(frozen=True, extra="forbid", title="careact adult eligibility input")

    assessment: Literal["adult"]
    reference: Text | None = None
    assessed_on: AssessmentDate | None = Field(None, description="date of the determination (default: the date passed in)")
    needs_arise_from_impairment_or_illness: bool | None = None
    impairment_or_illness: Text | None = None
    outcomes: dict[AdultOutcomeId, AdultOutcomeRecord] = {}
    wellbeing_impact: WellbeingImpact | None = None
    observation_period: Period | None = None
    carer_meeting_needs: bool | None = Field(
        None, description="recorded only: eligibility is determined without regard to care a carer provides"
    )


class CarerAssessment(_Frozen):
    """A carer's assessment's findings, for a determination under SI 2015/313 reg 3."""

    model_config = ConfigDict(frozen=True, extra="forbid", title="careact carer eligibility input")

    assessment: Literal["carer"]
    reference: Text | None = None
    assessed_on: AssessmentDate | None = None
    needs_arise_from_providing_necessary_care: bool | None = None
    necessary_care: Text | None = Field(None, description="the necessary care provided, and for whom")
    health_deteriorating_or_at_risk: bool | None = None
    health_reason: Text | None = None
    outcomes: dict[CarerOutcomeId, CarerOutcomeRecord] = {}
    wellbeing_impact: WellbeingImpact | None = None
    observation_period: Period | None = None
    cared_for_adult_has_eligible_needs: bool | None = Field(
        None, description="recorded only: a carer can be eligible whether or not the adult cared for is"
    )


Assessment = Annotated[AdultAssessment | CarerAssessment, Field(discriminator="assessment")]

ADULT_ONLY_FIELDS = frozenset({"needs_arise_from_impairment_or_illness", "impairment_or_illness", "carer_meeting_needs"})
CARER_ONLY_FIELDS = frozenset(
    {
        "needs_arise_from_providing_necessary_care",
        "necessary_care",
        "health_deteriorating_or_at_risk",
        "health_reason",
        "cared_for_adult_has_eligible_needs",
    }
)

# ================================================================================================ results

Determination = Literal["eligible", "not_eligible", "cannot_determine"]


class SenseFinding(_Frozen):
    id: str
    paragraph: str
    text: str


class FluctuationSummary(_Frozen):
    """What the observations of one outcome show over the observation period."""

    pattern: str | None
    observations: int
    days_in_period: int
    days_observed: int
    days_unable: int
    differs_from_finding: bool = Field(description="the observations show inability but the finding is 'achieved'")


class OutcomeFinding(_Frozen):
    id: str
    paragraph: str
    text: str
    status: Literal["unable", "achieved", "not_assessed", "undetermined"]
    counts: bool = Field(description="counts towards the number of outcomes the person is unable to achieve")
    senses: tuple[SenseFinding, ...] = ()
    reason: str | None = None
    missing: tuple[str, ...] = ()
    fluctuation: FluctuationSummary | None = None
    source_status: str = Field(description="how far the regulation's wording of this outcome was verified")


class ConditionFinding(_Frozen):
    id: str
    paragraph: str
    text: str
    met: bool | None = Field(description="true, false, or null where a finding it needs is missing")
    missing: tuple[str, ...] = ()
    detail: str


class AreaFinding(_Frozen):
    id: str
    paragraph: str
    text: str


class WellbeingFinding(_Frozen):
    significant: bool | None
    likelihood: Literal["is", "is_likely"] | None
    areas: tuple[AreaFinding, ...]
    reason: str | None


class FluctuationFinding(_Frozen):
    applied: bool
    paragraph: str
    period_start: date | None = None
    period_end: date | None = None
    days: int | None = None
    minimum_days: int
    minimum_note: str
    shorter_than_minimum: bool = False
    fluctuating_outcomes: tuple[str, ...] = ()


class Flag(_Frozen):
    code: str
    message: str


class NextStep(_Frozen):
    id: str
    text: str
    duty: str
    citation: str
    href: str | None = None
    guidance: str | None = None


class CldEventOutcome(_Frozen):
    field: str
    event_type: str
    release_1: str | None
    release_2: str | None
    alternatives_release_1: tuple[str, ...] = ()
    alternatives_release_2: tuple[str, ...] = ()
    basis: str
    source_status: str


class EligibilityResult(_Frozen):
    """The determination, every condition and outcome finding behind it, and what happens next."""

    model_config = ConfigDict(frozen=True, extra="forbid", title="careact eligibility result")

    schema_: Literal["careact.eligibility/1"] = Field("careact.eligibility/1", alias="schema")
    assessment: Literal["adult", "carer"]
    reference: str | None
    on: date
    regulation: str
    determination: Determination
    public_checker: Literal["likely", "unlikely", "needs_full_assessment"]
    public_checker_text: str
    conditions: tuple[ConditionFinding, ...]
    health: ConditionFinding | None = Field(None, description="carers: the reg 3(2)(a) circumstance")
    outcomes: tuple[OutcomeFinding, ...]
    unable_count: int
    minimum_unable: int
    wellbeing: WellbeingFinding | None
    fluctuation: FluctuationFinding
    missing_inputs: tuple[str, ...]
    reasons: tuple[str, ...] = Field(description="the reasons for the determination, for the s.13(2) written record")
    flags: tuple[Flag, ...] = ()
    next_steps: tuple[NextStep, ...]
    cld: CldEventOutcome | None
    catalogue: dict[str, str]
    figures: FiguresStatus | None = Field(None, description="whether any figure the determination rests on is unverified or only from a secondary source")
    ruleset: dict[str, Any] = Field(default_factory=dict, description="the rule set (and overlays) the determination used, for replay")
    careact_version: str = Field("", description="the careact version that made the determination, for replay")
    inputs: dict[str, Any] = Field(default_factory=dict, description="the assessment as normalised by careact, for replay")

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json", by_alias=True)


def _finish_schema(schema: dict[str, Any], name: str) -> dict[str, Any]:
    import json

    schema["$id"] = f"https://careact.dev/schemas/{name}"
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    out: dict[str, Any] = json.loads(json.dumps(schema, sort_keys=True))
    return out


def input_json_schema() -> dict[str, Any]:
    """JSON Schema of the eligibility input (an adult's or a carer's assessment): ``schemas/eligibility-input-1.json``."""
    from pydantic import TypeAdapter

    schema = TypeAdapter(Assessment).json_schema()
    schema["title"] = "careact eligibility input"
    return _finish_schema(schema, "eligibility-input-1.json")


def result_json_schema() -> dict[str, Any]:
    """JSON Schema of :class:`EligibilityResult`: ``schemas/eligibility-result-1.json``."""
    return _finish_schema(EligibilityResult.model_json_schema(by_alias=True), "eligibility-result-1.json")


def write_schemas() -> list[str]:
    """Rewrite the committed schemas: ``python -c "from careact.eligibility.models import write_schemas; write_schemas()"``."""
    import json
    from pathlib import Path

    out = []
    schema_dir = Path(__file__).resolve().parent.parent / "schemas"
    for name, fn in (("eligibility-input-1.json", input_json_schema), ("eligibility-result-1.json", result_json_schema)):
        path = schema_dir / name
        path.write_text(json.dumps(fn(), indent=2, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
        out.append(str(path))
    return out
