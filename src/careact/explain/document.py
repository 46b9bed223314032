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
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_EVEN, Decimal
from functools import lru_cache
from typing import Any, Final

from .jsonable import jsonable
from .steps import GBP, Pence, RuleStep, Step, Trace

__all__ = [
    "SCHEMA_ID",
    "Explanation",
    "encode_arg",
    "format_statement",
]

SCHEMA_ID: Final = "careact.explain/1"


# --------------------------------------------------------------------------- typed statement arguments


def encode_arg(value: Any) -> dict[str, str]:
    """A statement argument as ``{"type": ..., "value": ...}`` so any renderer can format it."""
    t = type(value)
    if t is Pence:
        return {"type": "money", "value": value.pounds_text()}
    if t is GBP:
        return {"type": "money", "value": f"{value.amount:.2f}"}
    if t is str:
        return {"type": "text", "value": value}
    if isinstance(value, GBP):
        return {"type": "money", "value": f"{value.amount:.2f}"}
    if isinstance(value, bool):
        return {"type": "text", "value": "yes" if value else "no"}
    if isinstance(value, date):
        return {"type": "date", "value": value.isoformat()}
    if isinstance(value, (int, Decimal)):
        return {"type": "number", "value": str(value)}
    return {"type": "text", "value": str(value)}


_MONTHS_EN = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)
_CENT = Decimal("0.01")
_MILLI = Decimal("0.001")
_FAST_LIMIT = Decimal("1e15")
_PENNIES = re.compile(r"-?[0-9]{1,15}\.[0-9]{2}")


def _format_en_gb(kind: str, raw: str) -> str | None:
    """en-GB formatting without babel, exactly as babel formats it, for the common cases (else None).

    Money: ``£1,234.50`` (``-£1.00``), the currency's two places, half-even. Numbers: grouped, at
    most three places, trailing zeros dropped (babel's ``#,##0.###``), half-even. Dates: long form,
    ``1 June 2025``. tests/explain/test_fast_format.py checks these against babel.
    """
    if kind == "text":
        return raw
    if kind == "money" and _PENNIES.fullmatch(raw):  # "1234.50" / "-1.00": already to the penny
        neg = raw[0] == "-"
        whole, _, frac = raw[1:].partition(".") if neg else raw.partition(".")
        return f"{'-' if neg else ''}£{int(whole):,}.{frac}"
    if kind == "date":
        try:
            d = date.fromisoformat(raw)
        except ValueError:
            return None
        return f"{d.day} {_MONTHS_EN[d.month - 1]} {d.year}"
    try:
        value = Decimal(raw)
    except ArithmeticError:
        return None
    if not value.is_finite() or abs(value) >= _FAST_LIMIT:
        return None
    if kind == "money":
        q = value.quantize(_CENT, rounding=ROUND_HALF_EVEN)
        return f"{'-' if q.is_signed() else ''}£{abs(q):,.2f}"
    if kind == "number":
        q = value.quantize(_MILLI, rounding=ROUND_HALF_EVEN)
        text = f"{abs(q):,f}"
        if "." in text:
            text = text.rstrip("0").rstrip(".")
        return f"{'-' if q.is_signed() else ''}{text}"
    return None


@lru_cache(maxsize=32)
def babel_locale(locale: str) -> Any:
    """The babel ``Locale`` for a locale name, parsed once (babel parses a string on every call)."""
    from babel import Locale

    return Locale.parse(locale)


def format_arg(arg: Mapping[str, str], locale: str) -> str:
    kind, raw = arg["type"], arg["value"]
    if locale == "en_GB":
        fast = _format_en_gb(kind, raw)
        if fast is not None:
            return fast
    from babel.dates import format_date
    from babel.numbers import format_currency, format_decimal

    loc = babel_locale(locale)
    if kind == "money":
        return str(format_currency(Decimal(raw), "GBP", locale=loc))
    if kind == "date":
        return str(format_date(date.fromisoformat(raw), format="long", locale=loc))
    if kind == "number":
        return str(format_decimal(Decimal(raw), locale=loc))
    return raw


def format_money(value: Any, locale: str = "en_GB") -> str:
    """An amount of money as the locale writes it (en-GB without babel)."""
    return format_arg({"type": "money", "value": str(value)}, locale)


def format_day(day: date, locale: str = "en_GB") -> str:
    """A date in the locale's long form (``1 June 2025`` in en-GB, without babel)."""
    return format_arg({"type": "date", "value": day.isoformat()}, locale)


def format_number(value: Any, locale: str = "en_GB") -> str:
    """A number as the locale writes it (at most three decimal places)."""
    return format_arg({"type": "number", "value": str(value)}, locale)


def format_statement(template: str, args: Mapping[str, Mapping[str, str]], locale: str = "en_GB",
                     gettext: Callable[[str], str] | None = None) -> str:
    """Render a statement template with its typed arguments (translating the template if asked)."""
    text = gettext(template) if gettext else template
    return text.format(**{k: format_arg(v, locale) for k, v in args.items()})


# --------------------------------------------------------------------------- pydantic schema models
#
# The pydantic models of the document (ExplanationDoc, StepDoc, ...) live in
# :mod:`careact.explain.models`: building them costs ~80 ms at import, which an assessment never
# needs. They are still importable from here.

_MODEL_NAMES = frozenset({
    "ArgDoc", "CitationDoc", "ParamCitationDoc", "ParameterReadDoc", "StepDoc", "LayerRefDoc",
    "RuleSetRefDoc", "ExplanationDoc",
})


def __getattr__(name: str) -> Any:
    if name in _MODEL_NAMES:
        from . import models

        return getattr(models, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# --------------------------------------------------------------------------- the explanation value


def _citation(rule: RuleStep) -> tuple[tuple[str, Any], ...]:
    return rule.citation_items


@lru_cache(maxsize=16384)
def _money(p: int) -> tuple[str, str]:
    """Whole pence as careact's JSON form and as en-GB text: ``(-12.34, -£12.34)``."""
    if p < 0:
        q, r = divmod(-p, 100)
        return f"-{q}.{r:02d}", f"-£{q:,}.{r:02d}"
    q, r = divmod(p, 100)
    return f"{q}.{r:02d}", f"£{q:,}.{r:02d}"


def _arg_and_display(value: Any) -> tuple[dict[str, str], str]:
    """The typed argument and its en-GB display text, in one pass (the common case of a statement)."""
    t = type(value)
    if t is Pence:
        raw, shown = _money(int(value))
        return {"type": "money", "value": raw}, shown
    if t is str:
        return {"type": "text", "value": value}, value
    if t is GBP:
        raw = f"{value.amount:.2f}"
        if raw[0] == "-":
            return {"type": "money", "value": raw}, f"-£{-value.amount:,.2f}"
        return {"type": "money", "value": raw}, f"£{value.amount:,.2f}"
    arg = encode_arg(value)
    return arg, format_arg(arg, "en_GB")


def _plain(value: Any) -> Any:
    """``jsonable`` for the values steps carry, with the common ones first."""
    t = type(value)
    if t is str or t is int or t is bool or value is None:
        return value
    if t is Pence:
        return _money(int(value))[0]
    if t is Decimal:
        return str(value)
    return jsonable(value)


def _step_dict(step: Step) -> dict[str, Any]:
    a = step.args
    args: dict[str, dict[str, str]] = {}
    shown: dict[str, str] = {}
    for k in sorted(a):
        args[k], shown[k] = _arg_and_display(a[k])
    rule = step.rule
    inputs = step.inputs
    return {
        "id": rule.id,
        "title": rule.title,
        "statement": step.template.format_map(shown),
        "template": step.template,
        "args": args,
        "citation": dict(_citation(rule)),
        "inputs": {k: _plain(inputs[k]) for k in sorted(inputs)} if inputs else {},
        "parameters": [p.as_dict() for p in step.params],
        "output": _plain(step.output),
        "steps": [_step_dict(c) for c in step.children] if step.children else [],
    }


@dataclass(frozen=True, slots=True)
class Explanation:
    """Every step of one calculation, with the rules that produced it."""

    subject: str
    on: date
    ruleset: Mapping[str, Any]
    steps: tuple[Step, ...]

    @classmethod
    def from_trace(cls, subject: str, on: date, ruleset: Mapping[str, Any], trace: Trace) -> Explanation:
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
