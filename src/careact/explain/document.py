"""The explanation document: a versioned, JSON-serialisable record of every step of a calculation.

Schema ``careact.explain/1`` (exported as JSON Schema in ``careact/schemas/explain-1.json``)::

    {
      "schema": "careact.explain/1",
      "subject": "charging.assess",
      "on": "2025-06-01",
      "ruleset": {"id": ..., "digest": ..., "base": {...}, "overlays": [...]},
      "steps": [
        {"id": "charging.capital.tariff_income", "title": ..., "statement": "<English>",
         "template": "<translatable template>", "args": {"name": {"type": "money", "value": "4.00"}},
         "citation": {"text": "SI 2014/2672 reg 25", "href": ..., "guidance": ...},
         "inputs": {...}, "parameters": [ParamValue...], "output": ..., "steps": [...]}
      ]
    }

The English ``statement`` is stored alongside the template and typed arguments so a stored
explanation can be re-rendered in another language, and read without careact at all.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, Iterable, Literal, Mapping

from pydantic import BaseModel, ConfigDict, Field, JsonValue

from .jsonable import jsonable
from .steps import GBP, Step, Trace

__all__ = [
    "SCHEMA_ID",
    "Explanation",
    "ExplanationDoc",
    "StepDoc",
    "ArgDoc",
    "encode_arg",
    "format_statement",
]

SCHEMA_ID = "careact.explain/1"


# --------------------------------------------------------------------------- typed statement arguments


def encode_arg(value: Any) -> dict[str, str]:
    """A statement argument as ``{"type": ..., "value": ...}`` so any renderer can format it."""
    if isinstance(value, GBP):
        return {"type": "money", "value": f"{value.amount:.2f}"}
    if isinstance(value, bool):
        return {"type": "text", "value": "yes" if value else "no"}
    if isinstance(value, date):
        return {"type": "date", "value": value.isoformat()}
    if isinstance(value, (int, Decimal)):
        return {"type": "number", "value": str(value)}
    return {"type": "text", "value": str(value)}


def format_arg(arg: Mapping[str, str], locale: str) -> str:
    from babel.dates import format_date
    from babel.numbers import format_currency, format_decimal

    kind, raw = arg["type"], arg["value"]
    if kind == "money":
        return format_currency(Decimal(raw), "GBP", locale=locale)
    if kind == "date":
        return format_date(date.fromisoformat(raw), format="long", locale=locale)
    if kind == "number":
        return format_decimal(Decimal(raw), locale=locale)
    return raw


def format_statement(template: str, args: Mapping[str, Mapping[str, str]], locale: str = "en_GB", gettext=None) -> str:
    """Render a statement template with its typed arguments (translating the template if asked)."""
    text = gettext(template) if gettext else template
    return text.format(**{k: format_arg(v, locale) for k, v in args.items()})


# --------------------------------------------------------------------------- pydantic schema models


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
    steps: list["StepDoc"] = []


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


# --------------------------------------------------------------------------- the explanation value


def _step_dict(step: Step) -> dict[str, Any]:
    args = {k: encode_arg(v) for k, v in sorted(step.args.items())}
    rule = step.rule
    citation: dict[str, Any] = {"text": rule.citation}
    if rule.href:
        citation["href"] = rule.href
    if rule.guidance:
        citation["guidance"] = rule.guidance
    return {
        "id": rule.id,
        "title": rule.title,
        "statement": format_statement(step.template, args),
        "template": step.template,
        "args": args,
        "citation": citation,
        "inputs": jsonable(dict(step.inputs)),
        "parameters": [p.as_dict() for p in step.params],
        "output": jsonable(step.output),
        "steps": [_step_dict(c) for c in step.children],
    }


@dataclass(frozen=True, slots=True)
class Explanation:
    """Every step of one calculation, with the rules that produced it."""

    subject: str
    on: date
    ruleset: Mapping[str, Any]
    steps: tuple[Step, ...]

    @classmethod
    def from_trace(cls, subject: str, on: date, ruleset: Mapping[str, Any], trace: Trace) -> "Explanation":
        return cls(subject=subject, on=on, ruleset=ruleset, steps=tuple(trace.steps))

    def walk(self) -> Iterable[Step]:
        for s in self.steps:
            yield from s.walk()

    def step_ids(self) -> list[str]:
        return [s.rule.id for s in self.walk()]

    def find(self, step_id: str) -> Step:
        for s in self.walk():
            if s.rule.id == step_id:
                return s
        raise KeyError(step_id)

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA_ID,
            "subject": self.subject,
            "on": self.on.isoformat(),
            "ruleset": jsonable(dict(self.ruleset)),
            "steps": [_step_dict(s) for s in self.steps],
        }

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False, sort_keys=True)

    def render_text(self, locale: str = "en_GB") -> str:
        from .render import render_text

        return render_text(self.to_dict(), locale=locale)
