"""A case's history from its events: the events replayed in effective-date order into a timeline case.

The first financial assessment (by effective date) is the case's starting point; each later event is
turned into a dated change to the case (:class:`careact.charging.timeline.Change`), worked out
against the case *on its effective date*. Because the history is rebuilt from the whole log each
time, an event that arrives late with an earlier effective date takes its place among the others:
every later event is worked out again on top of it, and an event it makes impossible (a benefit
changed after a backdated report that it stopped) is refused with :class:`ContradictoryEvent`.

Events with the same effective date apply in the order they were received.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from pydantic import ValidationError

from ..charging.change_points import apply_set
from ..charging.models import ChargingCase
from ..charging.timeline import Change, TimelineCase
from ..errors import InputError
from ..validation import from_pydantic
from .base import EventBase, Replay
from .care import FinancialAssessment
from .errors import CaseClosed, ContradictoryEvent, NoCaseYet

__all__ = ["History", "replay"]


@dataclass(frozen=True, slots=True)
class History:
    """What a case's events add up to."""

    timeline_case: TimelineCase  # the starting case and every dated change: a timeline's input
    start: date  # the effective date of the first financial assessment
    closed: date | None  # the day care ended (nothing is charged from it)
    overlays: tuple[tuple[date, tuple[str, ...]], ...]  # the overlays in force from each date
    changed_on: dict[date, tuple[EventBase, ...]]  # the events that changed the case on each date
    case: dict[str, Any]  # the case as the latest event leaves it

    def overlays_on(self, day: date) -> tuple[str, ...]:
        """The overlay names in force on ``day`` (from the latest overlay change on or before it)."""
        names: tuple[str, ...] = ()
        for since, these in self.overlays:
            if since <= day:
                names = these
        return names


def _order(events: Sequence[EventBase]) -> list[EventBase]:
    return [events[i] for i in sorted(range(len(events)), key=lambda i: (events[i].effective, i))]


def replay(events: Sequence[EventBase], ruleset: str = "england") -> History:
    """Replay ``events`` (in the order received) into a :class:`History`, or raise the :class:`EventError`
    of the first event that cannot apply (the state is never partly changed)."""
    ordered = _order(events)
    first = next((e for e in ordered if isinstance(e, FinancialAssessment)), None)
    if first is None:
        culprit = events[-1] if events else None
        raise NoCaseYet(culprit.id if culprit else "(none)", "the case has no financial assessment yet: the first "
                        "event of a case is a financial_assessment giving its circumstances", field="type")
    walk = Replay(ruleset=ruleset, case=first.case_json())
    changes: list[Change] = []
    changed_on: dict[date, list[EventBase]] = {first.effective: [first]}
    for event in ordered:
        if event is first:
            continue
        if event.effective < first.effective:
            raise NoCaseYet(event.id, f"effective {event.effective.isoformat()}, before the case's first financial "
                            f"assessment (effective {first.effective.isoformat()}, event {first.id!r})", field="effective")
        if walk.closed is not None and event.effective >= walk.closed and event.CHANGES_CASE:
            raise CaseClosed(event.id, f"care ended on {walk.closed.isoformat()}; this event is effective "
                             f"{event.effective.isoformat()}", field="effective")
        sets = event.changes(walk)
        if not sets:
            continue
        case = walk.case
        for i, (path, value) in enumerate(sets.items()):
            case, _ = apply_set(case, path, value, where=f"{event.id}.changes[{i}]")
        _check(event, case)
        walk.case = case
        changes.append(Change.model_validate({"from": event.effective, "set": sets, "note": event.label()}))
        changed_on.setdefault(event.effective, []).append(event)
    tc = TimelineCase.model_validate({"case": first.case_json(), "changes": [c.model_dump(by_alias=True) for c in changes]})
    return History(timeline_case=tc, start=first.effective, closed=walk.closed, overlays=tuple(walk.overlays),
                   changed_on={d: tuple(es) for d, es in changed_on.items()}, case=walk.case)


def _check(event: EventBase, case: dict[str, Any]) -> None:
    """The case as the event leaves it must still be a valid charging case."""
    try:
        ChargingCase.model_validate(case)
    except ValidationError as exc:
        problem = from_pydantic(exc).problems[0]
        raise ContradictoryEvent(event.id, f"it would leave the case invalid on {event.effective.isoformat()}: "
                                 f"{problem.field}: {problem.problem}", field=_field(event, problem.field)) from None
    except InputError as exc:  # pragma: no cover - the models raise ValidationError
        raise ContradictoryEvent(event.id, str(exc)) from None


def _field(event: EventBase, case_field: str) -> str:
    """The event's own field for a problem found in the case, where the event names it."""
    top = case_field.split(".", 1)[0].split("[", 1)[0]
    return top if top in type(event).model_fields else "type"
