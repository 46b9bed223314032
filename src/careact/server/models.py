"""Request bodies of the HTTP API: envelopes around the library's own models, as strict as the validation.

Every field's JSON Schema says exactly what the server accepts: dates carry patterns that admit only
real calendar dates in careact's range (assessment dates from 1 April 2015, dates of birth from 1900),
overlay and reform names are enumerated, the eligibility checker's answers are the questionnaire's own
questions and options, and every object refuses unknown fields. Bodies are validated as JSON in
strict mode (:func:`careact.validation.strict_json`): a number is never read as a date, ``"yes"``
never as ``true``, ``"2"`` never as ``2``. What a schema cannot say -- one field compared with
another, such as a date of birth before the assessment date -- is refused with 422 and the code
``inconsistent`` (or ``no_rules_in_force``, ``overlay_conflict``), naming the fields.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Annotated, Any, Literal, TypeAlias, cast

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Strict, Tag, create_model, model_validator

from ..care_spell import CareSpellInput
from ..charging.backdating import ChargedSegment
from ..charging.models import ChargingCase
from ..charging.timeline import Change
from ..dates import AssessmentDate
from ..eligibility.models import Assessment
from ..rules import bundled_overlays
from ..validation import strict_json

__all__ = [
    "MAX_SPELL_WEEKS",
    "MAX_TIMELINE_DAYS",
    "AssessRequest",
    "CheckerRequest",
    "EligibilityRequest",
    "HttpCareSpell",
    "OverlayNames",
    "ReformCompareRequest",
    "StrictBool",
    "TimelineCaseInput",
    "TimelineRequest",
    "checker_request",
]

MAX_SPELL_WEEKS = 52 * 40  # a reform comparison over HTTP: at most 40 years of weekly metering
MAX_TIMELINE_DAYS = 366 * 25

_STRICT = ConfigDict(extra="forbid", strict=True)

if TYPE_CHECKING:
    OverlayName: TypeAlias = str
    ReformName: TypeAlias = str
else:
    OverlayName = Literal[tuple(bundled_overlays())]
OverlayNames = Annotated[
    list[OverlayName],
    Field(max_length=16, description="Bundled overlays to apply on top of the server's own, by name (e.g. "
          "reform/reform_2021); GET /v1/rulesets lists them. File paths are never accepted over HTTP."),
]


StrictBool = Annotated[bool, Strict()]
"""A JSON boolean, never a string or a number standing for one."""


def _reform_names() -> tuple[str, ...]:
    from ..reform.overlays import available_reforms

    names = tuple(available_reforms())
    return names + tuple(f"reform/{n}" for n in names)


if not TYPE_CHECKING:
    ReformName = Literal[_reform_names()]


class AssessRequest(BaseModel):
    """POST /v1/charging/assess: one financial assessment."""

    model_config = ConfigDict(**_STRICT, title="careact assess request")
    case: strict_json(ChargingCase)  # type: ignore[valid-type]
    on: AssessmentDate = Field(description="The date of the assessment: the rules in force on this day apply.")
    overlays: OverlayNames = []
    explain: bool = Field(True, description="Include the careact.explain/1 document in the result.")


class EligibilityRequest(BaseModel):
    """POST /v1/eligibility/determine: a needs or carer's assessment's findings (SI 2015/313 reg 2 or 3)."""

    model_config = ConfigDict(**_STRICT, title="careact eligibility request")
    case: strict_json(Assessment)  # type: ignore[valid-type]
    on: AssessmentDate | None = Field(None, description="Date of the determination (default: case.assessed_on, else today).")
    explain: bool = True


@cache
def checker_request() -> Any:
    """POST /v1/eligibility/check: the public checker's answers, question by question, for each kind.

    Built from the questionnaire data (GET /v1/eligibility/questionnaire/{kind}): each answer is one of
    that question's options; a question left out, or answered ``not_sure``, stays unanswered.
    """
    from ..eligibility.catalogue import load_catalogue, read_data
    from ..eligibility.questionnaire import _CONDITIONS, YES_NO, _options

    literal = cast(Any, Literal)
    areas = literal[load_catalogue().wellbeing_area_ids]
    yes_no = literal[YES_NO]
    bodies: list[Any] = []
    for kind in ("adult", "carer"):
        options = literal[tuple(o["id"] for o in _options(kind))]
        fields: dict[str, Any] = dict.fromkeys(_CONDITIONS[kind], (yes_no | None, None))
        fields.update({o["id"]: (options | None, None) for o in read_data("questionnaire")[kind]["outcome"]})
        fields["wellbeing"] = (yes_no | None, None)
        fields["wellbeing_areas"] = (cast(Any, list)[areas] | None, Field(None, max_length=20))
        answers = create_model(f"{kind.title()}CheckerAnswers", __config__=_STRICT, **fields)
        body = create_model(
            f"{kind.title()}CheckerRequest", __config__=ConfigDict(**_STRICT, title=f"careact {kind} checker request"),
            kind=(literal[kind], ...), answers=(answers, Field(default_factory=answers)),
            on=(AssessmentDate | None, None),
        )
        bodies.append(body)
    return Annotated[bodies[0] | bodies[1], Field(discriminator="kind")]


CheckerRequest = checker_request()


class HttpCareSpell(CareSpellInput):
    """A care spell over HTTP: at most 40 years of weekly metering."""

    model_config = ConfigDict(extra="forbid", frozen=True, title="careact care spell (HTTP)",
                              json_schema_extra={"anyOf": [{"required": ["date_of_birth"]}, {"required": ["age"]}]})
    weeks: int | None = Field(None, ge=1, le=MAX_SPELL_WEEKS, description="How long the spell lasts, in weeks.")


class ReformCompareRequest(BaseModel):
    """POST /v1/reform/compare: one spell of care under today's rules and under a bundled reform."""

    model_config = ConfigDict(**_STRICT, title="careact reform compare request")
    spell: strict_json(HttpCareSpell)  # type: ignore[valid-type]
    reform: ReformName = Field(description="A bundled reform (GET /v1/rulesets lists them).")
    years: int | None = Field(None, ge=1, le=40)
    overlays: OverlayNames = []
    explain: bool = False


class TimelineCaseInput(BaseModel):
    """A charging case with dated changes, a permanent-admission date and what was charged (careact.case.timeline/1)."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, title="careact timeline case")
    schema_: Literal["careact.case.timeline/1"] = Field("careact.case.timeline/1", alias="schema")
    case: ChargingCase
    changes: list[Change] = Field(default_factory=list, max_length=500)
    becomes_permanent_on: AssessmentDate | None = None
    charged: list[ChargedSegment] = Field(default_factory=list, max_length=500)


def _case_kind(value: Any) -> str:
    if isinstance(value, TimelineCaseInput) or (isinstance(value, dict) and "case" in value):
        return "timeline"
    return "charging"


TimelineOrChargingCase = Annotated[
    Annotated[ChargingCase, Tag("charging")] | Annotated[TimelineCaseInput, Tag("timeline")],
    Discriminator(_case_kind),
]


class TimelineRequest(BaseModel):
    """POST /v1/charging/timeline: the weekly charge for every period between change points in [start, end]."""

    model_config = ConfigDict(**_STRICT, title="careact timeline request")
    case: strict_json(TimelineOrChargingCase) = Field(  # type: ignore[valid-type]
        description="A charging case (careact.case.charging/1), or a timeline case (careact.case.timeline/1: "
        "{case, changes, becomes_permanent_on, charged}).")
    start: AssessmentDate
    end: AssessmentDate
    overlays: OverlayNames = []
    explain: bool = False
    project_capital_depletion: bool = True

    @model_validator(mode="after")
    def _span(self) -> TimelineRequest:
        if self.end < self.start:
            raise ValueError("end: is before start")
        if (self.end - self.start).days > MAX_TIMELINE_DAYS:
            raise ValueError(f"end: a timeline over HTTP covers at most {MAX_TIMELINE_DAYS} days")
        return self

    def case_mapping(self) -> dict[str, Any]:
        """The case as the mapping :func:`careact.charging.timeline.timeline` reads."""
        data: dict[str, Any] = self.case.model_dump(mode="json", by_alias=True)
        return data
