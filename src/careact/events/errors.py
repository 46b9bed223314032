"""Why an event was refused. Each error names the event and its field; the state is left unchanged.

::

    InputError
    └── EventError                 an event that cannot be applied to the case as it stands
        ├── OutOfOrderEvent         reported before a day the case has already been processed to
        ├── ConflictingDuplicate    an event id already used for a different event
        ├── NoCaseYet               effective before the case's first financial assessment
        ├── CaseClosed              changes the case on or after the day its care ended
        └── ContradictoryEvent      contradicts the case on its effective date

Each is an :class:`~careact.errors.InputError` (so a ``ValueError``): ``problems`` holds one
:class:`~careact.errors.FieldProblem` whose ``field`` is the event's field at fault and whose ``code``
is the error's stable :attr:`EventError.code`.
"""

from __future__ import annotations

from typing import ClassVar

from ..errors import FieldProblem, InputError

__all__ = ["CaseClosed", "ConflictingDuplicate", "ContradictoryEvent", "EventError", "NoCaseYet", "OutOfOrderEvent"]


class EventError(InputError):
    """An event that cannot be applied. ``event_id`` names it; ``problems[0].field`` is its field at fault."""

    code: ClassVar[str] = "event"

    def __init__(self, event_id: str, problem: str, *, field: str = "type") -> None:
        self.event_id = event_id
        super().__init__(FieldProblem(field, f"event {event_id!r}: {problem}", self.code))


class OutOfOrderEvent(EventError):
    """Reported before the day the case has already been processed to.

    Notices already sent depend on the order the council learned of things, so ``reported`` dates
    must not go backwards. A change the council learns of late is not out of order: it is reported
    now with an earlier ``effective`` date, and careact works out the arrears or refund.
    """

    code = "out_of_order"


class ConflictingDuplicate(EventError):
    """An event id already in the case's log, for a different event. (The same event again is a redelivery
    and is ignored: see :func:`careact.events.apply_event`.)"""

    code = "duplicate_id"


class NoCaseYet(EventError):
    """Effective before the case's first financial assessment, or with no financial assessment yet."""

    code = "no_case"


class CaseClosed(EventError):
    """A change to the case effective on or after the day its care ended."""

    code = "case_closed"


class ContradictoryEvent(EventError):
    """The event contradicts the case on its effective date (admitted while already in a care home, a
    benefit stopped that is not in payment, a relative moving out of a home they do not live in...)."""

    code = "contradictory"
