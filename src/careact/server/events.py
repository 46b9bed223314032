"""``POST /v1/events``: apply change-of-circumstance events to a case's state (:mod:`careact.events`).

The request carries the case's state (none for a new case) and the events, in the order received;
the response is the new state and each event's outcome: the reassessments due now and scheduled,
each with the rule that makes it due, its citation and its explanation, and the notices to send. The
server keeps nothing: the caller stores the state and sends it with the next events.

Overlays named by the request, or by an ``overlay_changed`` event, must be bundled overlays or the
server's own (a request never names a file).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict, Field

from ..errors import FieldProblem, InputError, NoRulesInForce
from ..events import AppliedEvents, CaseState, Event, EventOutcome, apply_event
from ..events.apply import prefixed
from ..rules import RuleSet, bundled_overlays
from ..validation import strict_json, validate_model
from .errors import ErrorBody
from .models import OverlayNames, StrictBool

__all__ = ["MAX_EVENTS", "MAX_SPAN_DAYS", "EventsRequest", "EventsResponse", "events_router"]

MAX_EVENTS = 200
MAX_SPAN_DAYS = 366 * 25  # the days a case's events may span over HTTP (as a timeline over HTTP)


class EventsRequest(BaseModel):
    """POST /v1/events: a case's state and the events to apply to it, in the order received."""

    model_config = ConfigDict(extra="forbid", title="careact events request")
    state: strict_json(CaseState) | None = Field(  # type: ignore[valid-type]
        None, description="The case's state as the previous response gave it (careact.events.state/1); "
        "omit it for a new case.")
    events: list[strict_json(Event)] = Field(  # type: ignore[valid-type]
        min_length=1, max_length=MAX_EVENTS,
        description="The events, in the order the council received them (careact event: see the events-event-1 "
        "JSON Schema; each has a type, an id, the effective date and optionally the reported date).")
    overlays: OverlayNames = []
    explain: StrictBool = Field(True, description="Include each reassessment's explanation.")


class EventsResponse(AppliedEvents):
    """The new state of the case and each event's outcome (``careact.events.applied/1``)."""

    model_config = ConfigDict(title="careact events response")


def _check_overlays(events: Sequence[Event], allowed: set[str], field: Callable[[int], str]) -> None:
    problems = []
    for i, ev in enumerate(events):
        for j, name in enumerate(getattr(ev, "overlays", ())):
            if name not in allowed:
                problems.append(FieldProblem(f"{field(i)}.overlays[{j}]", f"no bundled overlay named {name!r} "
                                             "(GET /v1/rulesets lists them)", "unknown_value"))
    if problems:
        raise InputError(problems)


def _check_span(events: Sequence[Event]) -> None:
    days = [d for ev in events for d in (ev.effective, ev.reported) if d is not None]
    if days and (max(days) - min(days)).days > MAX_SPAN_DAYS:
        raise InputError.single("events", f"a case's events over HTTP span at most {MAX_SPAN_DAYS} days", "range")


def events_router(rules_for: Callable[[Sequence[str]], RuleSet], server_overlays: frozenset[str] = frozenset()) -> APIRouter:
    """The events endpoint, assessing with ``rules_for(overlay names)`` (the server's rules with the
    request's bundled overlays)."""
    router = APIRouter(tags=["events"])
    errors: dict[int | str, dict[str, Any]] = {
        422: {"model": ErrorBody, "description": "An event, the state or the envelope is wrong; every field at fault "
              "is named (an event that cannot be applied: by its position, events[i])."},
        400: {"model": ErrorBody, "description": "The body is not JSON, or is nested too deeply."},
        413: {"model": ErrorBody, "description": "The body is larger than the server accepts."},
        415: {"model": ErrorBody, "description": "The body is not sent as application/json."},
    }

    @router.post("/v1/events", response_model=EventsResponse, responses=errors, response_model_by_alias=True,
                 summary="Apply change-of-circumstance events to a case")
    def apply_events_endpoint(body: EventsRequest) -> EventsResponse:
        """Each event in turn (SI 2014/2672 via careact.events): reassessments due now and scheduled, with their
        rules, citations and explanations, and the notices to send (new charge, arrears or refund)."""
        state = body.state if body.state is not None else validate_model(CaseState, {})
        events: list[Event] = list(body.events)
        allowed = set(bundled_overlays()) | set(server_overlays)
        _check_overlays(events, allowed, lambda i: f"events[{i}]")
        _check_overlays(state.events, allowed, lambda i: f"state.events[{i}]")
        _check_span([*state.events, *events])
        rules = rules_for(body.overlays)
        outcomes: list[EventOutcome] = []
        for i, ev in enumerate(events):
            try:
                state, outcome = apply_event(state, ev, rules=rules, explain=body.explain)
            except NoRulesInForce as exc:
                raise InputError.single(f"events[{i}].effective", str(exc), "no_rules_in_force") from None
            except InputError as exc:
                raise prefixed(exc, f"events[{i}]") from None
            outcomes.append(outcome)
        return EventsResponse(state=state, outcomes=outcomes)

    return router
