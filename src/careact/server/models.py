"""Request bodies of the HTTP API: thin envelopes around the library's own pydantic models."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    JsonValue,
    Strict,
    WithJsonSchema,
    model_validator,
)

from ..charging.models import ChargingCase
from ..eligibility.models import Assessment

__all__ = [
    "AssessRequest",
    "CheckerRequest",
    "EligibilityRequest",
    "OverlayNames",
    "ReformCompareRequest",
    "StrictBool",
    "StrictDate",
    "TimelineRequest",
]



def _iso_date(value: object) -> object:
    # only an ISO date string (or a date, from Python); never a number read as a timestamp
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise ValueError("must be a date written YYYY-MM-DD")  # noqa: TRY004 - pydantic needs ValueError
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{value!r} is not a date written YYYY-MM-DD") from None


StrictDate = Annotated[
    date,
    BeforeValidator(_iso_date),
    WithJsonSchema({"type": "string", "format": "date", "description": "An ISO date, YYYY-MM-DD."}),
]
StrictBool = Annotated[bool, Strict()]
OverlayNames = Annotated[
    list[Annotated[str, Field(min_length=1, max_length=200)]],
    Field(
        max_length=16,
        description="Bundled overlays to apply on top of the server's own, by name (e.g. reform/reform_2021); "
        "GET /v1/rulesets lists them. File paths are never accepted over HTTP.",
    ),
]


class AssessRequest(BaseModel):
    """POST /v1/charging/assess: one financial assessment."""

    model_config = ConfigDict(extra="forbid", title="careact assess request")
    case: ChargingCase
    on: StrictDate = Field(description="The date of the assessment: the rules in force on this day apply.")
    overlays: OverlayNames = []
    explain: StrictBool = Field(True, description="Include the careact.explain/1 document in the result.")


class EligibilityRequest(BaseModel):
    """POST /v1/eligibility/determine: a needs or carer's assessment's findings (SI 2015/313 reg 2 or 3)."""

    model_config = ConfigDict(extra="forbid", title="careact eligibility request")
    case: Assessment
    on: StrictDate | None = Field(None, description="Date of the determination (default: case.assessed_on, else today).")
    explain: StrictBool = True


class CheckerRequest(BaseModel):
    """POST /v1/eligibility/check: a public checker's answers (GET /v1/eligibility/questionnaire/{kind})."""

    model_config = ConfigDict(extra="forbid", title="careact eligibility checker request")
    kind: Literal["adult", "carer"]
    answers: dict[Annotated[str, Field(max_length=80)], str | list[Annotated[str, Field(max_length=80)]]] = Field(
        max_length=64)
    on: StrictDate | None = None


class ReformCompareRequest(BaseModel):
    """POST /v1/reform/compare: one spell of care under today's rules and under a bundled reform."""

    model_config = ConfigDict(extra="forbid", title="careact reform compare request")
    spell: dict[str, JsonValue] = Field(
        description="The care spell: id, date_of_birth (or age), care_start, weeks, setting (care_home|community), "
        "la_weekly_rate, weekly_fee, weekly_income, capital, home_value, home_disregarded, tenure.")
    reform: str = Field(min_length=1, max_length=100, description="A bundled reform name (GET /v1/rulesets lists them).")
    years: Annotated[int, Strict()] | None = Field(None, ge=1, le=40)
    overlays: OverlayNames = []
    explain: StrictBool = False


MAX_TIMELINE_DAYS = 366 * 25


class TimelineRequest(BaseModel):
    """POST /v1/charging/timeline: the weekly charge for every period between change points in [start, end]."""

    model_config = ConfigDict(extra="forbid", title="careact timeline request")
    case: dict[str, JsonValue] = Field(
        description="A charging case (careact.case.charging/1), or a timeline case (careact.case.timeline/1: "
        "{case, changes, becomes_permanent_on, charged}).")
    start: StrictDate
    end: StrictDate
    overlays: OverlayNames = []
    explain: StrictBool = False
    project_capital_depletion: StrictBool = True

    @model_validator(mode="after")
    def _span(self) -> TimelineRequest:
        if (self.end - self.start).days > MAX_TIMELINE_DAYS:
            raise ValueError(f"end: a timeline over HTTP covers at most {MAX_TIMELINE_DAYS} days")
        return self
