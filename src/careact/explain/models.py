"""The pydantic models of the ``careact.explain/1`` document, for validating a stored explanation.

``ExplanationDoc.model_validate_json(text)`` checks a document against the schema; the exported JSON
Schema (``careact/schemas/explain-1.json``) is generated from these models. Kept apart from
:mod:`careact.explain.document` so that producing explanations never pays for building them.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, JsonValue

from .document import SCHEMA_ID

__all__ = [
    "ArgDoc",
    "CitationDoc",
    "ExplanationDoc",
    "LayerRefDoc",
    "ParamCitationDoc",
    "ParameterReadDoc",
    "RuleSetRefDoc",
    "StepDoc",
]


class ArgDoc(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    type: Literal["money", "date", "number", "text"]
    value: str


class CitationDoc(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    text: str
    href: str | None = None
    guidance: str | None = None


class ParamCitationDoc(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    text: str
    status: Literal["verified", "secondary", "unverified"]
    href: str | None = None
    note: str | None = None
    checked: date | None = None  # the day the cited source was last read


class ParameterReadDoc(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    name: str
    key: str | None = None
    value: JsonValue
    unit: str
    effective_from: date
    citation: ParamCitationDoc
    layer: str
    layer_kind: Literal["national", "council", "reform"]


class StepDoc(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$")
    title: str
    statement: str
    template: str
    args: dict[str, ArgDoc] = {}
    citation: CitationDoc
    inputs: dict[str, JsonValue] = {}
    parameters: list[ParameterReadDoc] = []
    output: JsonValue = None
    steps: list[StepDoc] = []


class LayerRefDoc(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    name: str
    version: str
    digest: str
    layer: Literal["council", "reform"] | None = None


class RuleSetRefDoc(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str
    digest: str
    base: LayerRefDoc
    overlays: list[LayerRefDoc] = []


class ExplanationDoc(BaseModel):
    """The ``careact.explain/1`` document."""

    model_config = ConfigDict(extra="forbid", frozen=True, title="careact explanation")
    schema_: Literal["careact.explain/1"] = Field(SCHEMA_ID, alias="schema")
    subject: str
    on: date
    ruleset: RuleSetRefDoc
    steps: list[StepDoc]
