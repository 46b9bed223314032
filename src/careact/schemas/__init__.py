"""careact's JSON contracts: the JSON Schema of every input and result model, committed in this folder.

Each file is generated from the pydantic model it describes (inputs as they are validated, results
as ``to_json()`` writes them), never written by hand. ``python -m careact.schemas`` rewrites every
file that has drifted from its model; ``python -m careact.schemas --check`` lists them and exits 1
(a test runs the same check, so a model cannot change without its committed schema changing too)::

    from careact.schemas import schema, schema_names
    schema("dpa-statement-result-1.json")["title"]      # 'careact DPA statement'
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

__all__ = ["SCHEMA_DIR", "drifted", "render", "schema", "schema_names", "write_schemas"]

SCHEMA_DIR = Path(__file__).resolve().parent
_BASE = "https://careact.dev/schemas/"


def _model(model: Any, mode: str) -> Callable[[], dict[str, Any]]:
    def produce() -> dict[str, Any]:
        return model.model_json_schema(by_alias=True, mode=mode)  # type: ignore[no-any-return]

    return produce


def _producers() -> dict[str, Callable[[], dict[str, Any]]]:
    """File name -> the function that produces its schema (imported only when asked for)."""
    from ..charging.models import ChargingCase, ChargingResult
    from ..dpa import models as dpa
    from ..eligibility.models import input_json_schema, result_json_schema
    from ..events.schema import SCHEMAS as EVENT_SCHEMAS
    from ..explain.schema import explanation_json_schema
    from ..reform.care_account import AccountResult
    from ..reform.compare import Comparison
    from ..reform.models import CareSpell
    from ..reform.population import PopulationResult

    def inp(model: Any) -> Callable[[], dict[str, Any]]:
        return _model(model, "validation")

    def out(model: Any) -> Callable[[], dict[str, Any]]:
        return _model(model, "serialization")

    return {
        "explain-1.json": explanation_json_schema,
        "charging-case-1.json": inp(ChargingCase),
        "charging-result-1.json": out(ChargingResult),
        "eligibility-input-1.json": input_json_schema,
        "eligibility-result-1.json": result_json_schema,
        "dpa-application-1.json": inp(dpa.DpaApplication),
        "dpa-property-1.json": inp(dpa.PropertyInterest),
        "dpa-weekly-deferral-case-1.json": inp(dpa.WeeklyDeferralCase),
        "dpa-agreement-1.json": inp(dpa.DpaAgreement),
        "dpa-eligibility-result-1.json": out(dpa.DpaEligibility),
        "dpa-equity-limit-result-1.json": out(dpa.EquityLimit),
        "dpa-weekly-deferral-result-1.json": out(dpa.WeeklyDeferral),
        "dpa-interest-rate-result-1.json": out(dpa.PeriodRate),
        "dpa-statement-result-1.json": out(dpa.DpaStatement),
        "reform-spell-1.json": inp(CareSpell),
        "reform-account-result-1.json": out(AccountResult),
        "reform-compare-result-1.json": out(Comparison),
        "reform-population-result-1.json": out(PopulationResult),
        **EVENT_SCHEMAS,
    }


def schema_names() -> tuple[str, ...]:
    """The file name of every schema careact publishes."""
    return tuple(_producers())


def schema(name: str) -> dict[str, Any]:
    """The schema ``name`` as generated from its model now (with its ``$id`` and ``$schema``)."""
    producers = _producers()
    if name not in producers:
        raise KeyError(f"careact publishes no schema {name!r} (known: {', '.join(producers)})")
    doc = dict(producers[name]())
    doc["$id"] = _BASE + name
    doc["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return json.loads(json.dumps(doc, sort_keys=True))  # type: ignore[no-any-return]


def render(name: str) -> str:
    """The committed text of schema ``name``: indented, keys sorted, UTF-8, a final newline."""
    return json.dumps(schema(name), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def drifted(names: Iterable[str] | None = None, directory: Path = SCHEMA_DIR) -> list[str]:
    """The schemas whose committed file is missing or differs from what its model generates now."""
    out = []
    for name in names if names is not None else schema_names():
        path = directory / name
        try:
            committed = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            out.append(name)
            continue
        if committed != schema(name):
            out.append(name)
    return out


def write_schemas(names: Iterable[str] | None = None, directory: Path = SCHEMA_DIR) -> list[Path]:
    """Rewrite every schema that has drifted from its model (all of ``names`` if given); return the paths."""
    written = []
    for name in drifted(names, directory):
        path = directory / name
        path.write_text(render(name), encoding="utf-8")
        written.append(path)
    return written
