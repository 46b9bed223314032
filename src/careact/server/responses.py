"""Response bodies of the HTTP API: the 200 schema of every endpoint.

Where the library has a model of its result it is used as it is (``ChargingResult``,
``EligibilityResult``, ``ExplanationDoc``); the results the library gives as plain mappings (a timeline,
a reform comparison, the rule-set listings, the checker's answer, the questionnaire) are described
here. Money is a decimal string (``"12.50"``), dates are ``YYYY-MM-DD``.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, JsonValue

from ..eligibility.models import EligibilityResult
from ..explain.models import ExplanationDoc
from ..results import FiguresStatus

__all__ = [
    "CheckerResponse",
    "DeterminationResponse",
    "HealthResponse",
    "ParametersResponse",
    "QuestionnaireResponse",
    "ReformCompareResponse",
    "RulesetsResponse",
    "SchemaIndexResponse",
    "TimelineResponse",
]

_CLOSED = ConfigDict(extra="forbid")
Money = str
IsoDate = str


class HealthResponse(BaseModel):
    model_config = ConfigDict(extra="forbid", title="careact health")
    status: Literal["ok"]
    careact_version: str


class BaseRef(BaseModel):
    model_config = _CLOSED
    name: str
    version: str
    digest: str


class OverlayRef(BaseModel):
    model_config = _CLOSED
    name: str
    version: str
    layer: str
    digest: str


class RulesetIdentity(BaseModel):
    """Which rules produced a result: the rule set's id and digest, its base and its overlays in order."""

    model_config = _CLOSED
    id: str
    digest: str
    base: BaseRef
    overlays: list[OverlayRef]


class Source(BaseModel):
    model_config = _CLOSED
    text: str
    status: str
    href: str | None = None
    note: str | None = None


# --------------------------------------------------------------------------- timeline


class ChangeReasonBody(BaseModel):
    model_config = _CLOSED
    kind: str
    description: str
    path: str | None
    before: JsonValue
    after: JsonValue
    citation: str | None
    extra: dict[str, JsonValue]


class PeriodBody(BaseModel):
    model_config = _CLOSED
    start: IsoDate
    end: IsoDate
    days: int
    weekly_charge: Money
    council_weekly_contribution: Money
    cost_of_care: Money
    assessed_capital: Money
    assessed_income: Money
    tariff_income: Money
    total_allowances: Money
    self_funder: bool
    previous_weekly_charge: Money | None
    changes: list[ChangeReasonBody]
    flags: list[str]
    explanation: ExplanationDoc | None = None


class BackdatingRowBody(BaseModel):
    model_config = _CLOSED
    start: IsoDate
    end: IsoDate
    days: int
    weekly_due: Money
    weekly_charged: Money
    due: Money
    charged: Money
    difference: Money


class BackdatingBody(BaseModel):
    model_config = _CLOSED
    rows: list[BackdatingRowBody]
    total_due: Money
    total_charged: Money
    total_difference: Money
    rule: str


class TimelineResponse(BaseModel):
    """``careact.result.timeline/1``: the weekly charge for every period, why it changed, and any arrears."""

    model_config = ConfigDict(extra="forbid", title="careact timeline result")
    schema_: Literal["careact.result.timeline/1"] = Field(alias="schema")
    start: IsoDate
    end: IsoDate
    assumptions: list[str]
    ruleset: RulesetIdentity
    periods: list[PeriodBody]
    backdating: BackdatingBody | None
    careact_version: str
    inputs: dict[str, JsonValue] = Field(description="The timeline case as normalised by careact, for replay.")


# --------------------------------------------------------------------------- eligibility


class DeterminationResponse(BaseModel):
    """The determination (``careact.eligibility/1``) and, when asked for, its explanation."""

    model_config = ConfigDict(extra="forbid", title="careact eligibility determination")
    result: EligibilityResult
    explanation: ExplanationDoc | None = None


class CheckerResponse(BaseModel):
    """The public checker's answer -- likely, unlikely or needs a full assessment -- with the result behind it."""

    model_config = ConfigDict(extra="forbid", title="careact eligibility checker answer")
    kind: Literal["adult", "carer"]
    answer: Literal["likely", "unlikely", "needs_full_assessment"]
    text: str
    result: EligibilityResult


class QuestionAnswer(BaseModel):
    model_config = _CLOSED
    id: str
    label: str


class Question(BaseModel):
    model_config = ConfigDict(extra="allow")
    id: str
    prompt: str
    help: str | None = None
    answers: list[QuestionAnswer] = []


class QuestionnaireResponse(BaseModel):
    model_config = ConfigDict(extra="forbid", title="careact eligibility questionnaire")
    kind: Literal["adult", "carer"]
    locale: str
    questions: list[Question]


# --------------------------------------------------------------------------- reform


class ReformSide(BaseModel):
    model_config = ConfigDict(extra="allow")
    person_paid: Money
    council_paid: Money


class ReformTotals(BaseModel):
    model_config = _CLOSED
    baseline: ReformSide
    reform: ReformSide
    change: ReformSide


class ReformYear(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)
    year: int
    from_: IsoDate = Field(alias="from")
    to: IsoDate
    weeks: int
    baseline: ReformSide
    reform: ReformSide
    change: ReformSide


class ReformLayer(BaseModel):
    model_config = _CLOSED
    name: str
    version: str
    digest: str
    description: str
    source: Source | None


class CareAccount(BaseModel):
    model_config = ConfigDict(extra="allow")
    ruleset: RulesetIdentity
    weeks: int
    person_paid: Money
    council_paid: Money
    years: list[dict[str, JsonValue]]


class ReformCompareResponse(BaseModel):
    """``careact.reform.compare/1``: one spell of care under the baseline and under a reform, year by year."""

    model_config = ConfigDict(extra="forbid", title="careact reform comparison")
    schema_: Literal["careact.reform.compare/1"] = Field(alias="schema")
    on: IsoDate = Field(description="The date the comparison starts.")
    figures: FiguresStatus
    ruleset: RulesetIdentity
    careact_version: str
    case: dict[str, JsonValue]
    reform: ReformLayer
    weeks: int
    totals: ReformTotals
    years: list[ReformYear]
    baseline_account: CareAccount
    reform_account: CareAccount
    notes: list[str]
    explanation: ExplanationDoc | None
    segments: list[dict[str, JsonValue]] | None = None


# --------------------------------------------------------------------------- rule sets and schemas


class RulesetListing(BaseModel):
    model_config = _CLOSED
    name: str
    id: str
    digest: str
    covers_from: IsoDate
    description: str


class OverlayListing(BaseModel):
    model_config = _CLOSED
    name: str
    id: str
    layer: str
    base: str | None
    digest: str
    description: str
    source: Source | None


class ServerRules(BaseModel):
    model_config = _CLOSED
    ruleset: RulesetIdentity
    overlays: list[OverlayListing]


class RulesetsResponse(BaseModel):
    """The bundled rule sets and overlays, and the overlays this server applies to every request."""

    model_config = ConfigDict(extra="forbid", title="careact rule sets")
    rulesets: list[RulesetListing]
    overlays: list[OverlayListing]
    server: ServerRules


class Citation(BaseModel):
    model_config = _CLOSED
    text: str
    status: str
    href: str | None = None
    note: str | None = None
    checked: IsoDate | None = Field(None, description="The day the cited source was read.")


class ParameterValue(BaseModel):
    model_config = _CLOSED
    name: str
    key: str | None = None
    value: JsonValue
    unit: str
    effective_from: IsoDate
    citation: Citation
    layer: str
    layer_kind: str


class ParametersResponse(BaseModel):
    """Every parameter of a rule set in force on a date, with its value, start date, citation and layer."""

    model_config = ConfigDict(extra="forbid", title="careact parameters in force")
    ruleset: RulesetIdentity
    on: IsoDate
    parameters: list[ParameterValue]


class SchemaIndexResponse(BaseModel):
    model_config = ConfigDict(extra="forbid", title="careact schema index")
    schemas: list[str]


JsonSchemaDocument = dict[str, Any]
