"""The events' JSON Schemas, committed in ``careact/schemas``: ``python -m careact.events.schema`` rewrites them.

* ``events-event-1.json`` - any event (the tagged union on ``type``);
* ``events-state-1.json`` - a case's state (``careact.events.state/1``);
* ``events-outcome-1.json`` - the outcome of applying an event (``careact.events.outcome/1``);
* ``events-applied-1.json`` - events applied in turn: the final state and every outcome
  (``careact.events.applied/1``, what ``careact events apply --format json`` and ``POST /v1/events`` return).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .outcome import AppliedEvents, EventOutcome
from .state import CaseState
from .vocabulary import EVENT_ADAPTER

__all__ = ["SCHEMAS", "SCHEMA_DIR", "applied_json_schema", "event_json_schema", "outcome_json_schema", "state_json_schema",
           "write_schemas"]

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schemas"


def _finish(schema: dict[str, Any], name: str, title: str) -> dict[str, Any]:
    schema["$id"] = f"https://careact.dev/schemas/{name}"
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema.setdefault("title", title)
    out: dict[str, Any] = json.loads(json.dumps(schema, sort_keys=True))
    return out


def event_json_schema() -> dict[str, Any]:
    """JSON Schema of one event: ``schemas/events-event-1.json``."""
    schema = EVENT_ADAPTER.json_schema(by_alias=True)
    schema["description"] = "A change-of-circumstance event for a careact case (the type field says which)."
    return _finish(schema, "events-event-1.json", "careact event")


def state_json_schema() -> dict[str, Any]:
    """JSON Schema of :class:`~careact.events.CaseState`: ``schemas/events-state-1.json``."""
    return _finish(CaseState.model_json_schema(by_alias=True), "events-state-1.json", "careact events case state")


def outcome_json_schema() -> dict[str, Any]:
    """JSON Schema of :class:`~careact.events.EventOutcome`: ``schemas/events-outcome-1.json``."""
    return _finish(EventOutcome.model_json_schema(by_alias=True, mode="serialization"), "events-outcome-1.json",
                   "careact event outcome")


def applied_json_schema() -> dict[str, Any]:
    """JSON Schema of :class:`~careact.events.AppliedEvents`: ``schemas/events-applied-1.json``."""
    return _finish(AppliedEvents.model_json_schema(by_alias=True, mode="serialization"), "events-applied-1.json",
                   "careact events applied")


SCHEMAS: dict[str, Callable[[], dict[str, Any]]] = {
    "events-event-1.json": event_json_schema,
    "events-state-1.json": state_json_schema,
    "events-outcome-1.json": outcome_json_schema,
    "events-applied-1.json": applied_json_schema,
}


def write_schemas() -> list[Path]:
    """Rewrite the committed schemas from the models."""
    out = []
    for name, producer in SCHEMAS.items():
        path = SCHEMA_DIR / name
        path.write_text(json.dumps(producer(), indent=2, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
        out.append(path)
    return out


if __name__ == "__main__":  # pragma: no cover
    for p in write_schemas():
        print(f"wrote {p}", file=sys.stderr)
