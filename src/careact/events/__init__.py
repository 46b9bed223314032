"""Change-of-circumstance events: a case's state, one event, and what it makes due.

A case-management system learns of changes as a stream of events (admitted to a care home, a benefit
awarded, capital reported, a relative moving out of the home, an April uprating...).
:func:`apply_event` takes a case's :class:`CaseState` and one event and gives the new state and an
:class:`EventOutcome`: the reassessments due now and scheduled (each with the rule that makes it due,
its citation, and the assessment with its explanation) and the notices to send (a new weekly charge,
the end of the charge, arrears or a refund from the effective date)::

    from careact.events import CaseState, apply_event

    state = CaseState()
    state, outcome = apply_event(state, {"type": "financial_assessment", "id": "E1", "effective": "2025-04-07",
                                         "case": {...charging case...}})
    state, outcome = apply_event(state, {"type": "benefit_awarded", "id": "E2", "effective": "2025-05-05",
                                         "reported": "2025-06-02",
                                         "item": {"type": "attendance_allowance_lower", "amount": "73.90"}})
    for notice in outcome.notices:
        print(notice.kind, notice.text)

The rules are the charging rules and the timeline's change points, not a copy of them: the charge
schedule is :func:`careact.charging.timeline` over the case's history, each period
:func:`careact.charging.assess` on its first day, the scheduled reassessments the timeline's
change-point functions, and arrears and refunds :func:`careact.charging.backdating.backdate`.

The vocabulary is in :mod:`careact.events.vocabulary`; how an event is applied, and how events that
arrive late, twice or contradicting the case are treated, in :mod:`careact.events.apply`. An adapter
for the durable-rules engine is in :mod:`careact.events.durable` (the ``careact[events]`` extra).
"""

from .apply import DEFAULT_LOOKAHEAD_DAYS, apply_event, apply_events
from .errors import (
    CaseClosed,
    ConflictingDuplicate,
    ContradictoryEvent,
    EventError,
    NoCaseYet,
    OutOfOrderEvent,
)
from .outcome import (
    APPLIED_SCHEMA,
    OUTCOME_SCHEMA,
    AppliedEvents,
    EventOutcome,
    Notice,
    NoticeRow,
    Reassessment,
)
from .state import STATE_SCHEMA, CaseState, Reason, ScheduledReassessment, StatePeriod
from .vocabulary import EVENT_TYPES, Event, parse_event

__all__ = [
    "APPLIED_SCHEMA",
    "DEFAULT_LOOKAHEAD_DAYS",
    "EVENT_TYPES",
    "OUTCOME_SCHEMA",
    "STATE_SCHEMA",
    "AppliedEvents",
    "CaseClosed",
    "CaseState",
    "ConflictingDuplicate",
    "ContradictoryEvent",
    "Event",
    "EventError",
    "EventOutcome",
    "NoCaseYet",
    "Notice",
    "NoticeRow",
    "OutOfOrderEvent",
    "Reason",
    "Reassessment",
    "ScheduledReassessment",
    "StatePeriod",
    "apply_event",
    "apply_events",
    "parse_event",
]
