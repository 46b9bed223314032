"""What every event shares: its id, the day it takes effect, the day the council learned of it.

An event's translation into a change to the case is worked out against the case *on its effective
date*, while the case's events are replayed in effective-date order (:mod:`careact.events.history`);
:class:`Replay` is what a translation may read and record along the way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Annotated, Any, ClassVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema, model_validator

from ..dates import AssessmentDate
from .errors import ContradictoryEvent

__all__ = ["CHANGE_OF_CIRCUMSTANCES", "LAST_DAY", "EventBase", "EventRule", "IsoDate", "Replay"]

LAST_DAY = date(2199, 12, 31)
"""The last day an event may take effect or be reported on: later dates are data-entry errors (and a
schedule looked ahead from them would run off the calendar)."""


def _iso_date(value: object) -> object:
    # an ISO date string (or a date, from Python); never a number read as a timestamp
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise ValueError("must be a date written YYYY-MM-DD")  # noqa: TRY004 - pydantic needs ValueError
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{value!r} is not a date written YYYY-MM-DD") from None


IsoDate = Annotated[
    date,
    BeforeValidator(_iso_date),
    WithJsonSchema({"type": "string", "format": "date", "description": "An ISO date, YYYY-MM-DD."}),
]
"""A date of the case's record (e.g. a state's bookkeeping)."""

EventDate = AssessmentDate
"""The day an event takes effect or was reported: from 1 April 2015 (when careact's rules start) to 31 December 2099."""


@dataclass(frozen=True, slots=True)
class EventRule:
    """Why an event makes a reassessment due: the rule in words and the provision it rests on."""

    id: str
    description: str
    citation: str


CHANGE_OF_CIRCUMSTANCES = "Care Act 2014 s 17 (the financial assessment reflects the adult's resources as they change)"


@dataclass(slots=True)
class Replay:
    """The replay of one case's events in effective-date order: the case on the current event's
    effective date, and what earlier events left open (a hospital stay, the end of care, overlays).

    Local to one replay: a translation reads it and records into it, nothing else sees it.
    """

    ruleset: str
    case: dict[str, Any]
    hospital: tuple[str, date, Any] | None = None  # (event id, admitted on, weekly cost before, or None)
    closed: date | None = None
    overlays: list[tuple[date, tuple[str, ...]]] = field(default_factory=list)


def _type_required(schema: dict[str, Any]) -> None:
    """An event's ``type`` has a default in code, but a document must give it: it says which event it is."""
    required = schema.setdefault("required", [])
    if "type" in schema.get("properties", {}) and "type" not in required:
        required.insert(0, "type")


class EventBase(BaseModel):
    """Fields every event has."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True, json_schema_extra=_type_required)

    RULE: ClassVar[EventRule]
    CHANGES_CASE: ClassVar[bool] = True

    id: str = Field(min_length=1, max_length=200, description="The case-management system's own id for the event; "
                    "unique within the case. The same event delivered twice is recognised by it.")
    effective: EventDate = Field(description="The day the change takes effect (the charge changes from this day).")
    reported: EventDate | None = Field(None, description="The day the council learned of it (default: the effective "
                                     "date). Reported dates never go backwards; an effective date before the "
                                     "reported one backdates the change.")
    note: str | None = Field(None, max_length=500, description="Free text kept with the change (shown as its reason).")

    @model_validator(mode="after")
    def _in_range(self) -> EventBase:
        for name in ("effective", "reported"):
            day = getattr(self, name)
            if day is not None and day > LAST_DAY:
                raise ValueError(f"{name}: {day.isoformat()} is after {LAST_DAY.isoformat()}, the last day careact takes")
        return self

    @property
    def received(self) -> date:
        """The day the council learned of the event (``reported``, else ``effective``)."""
        return self.reported if self.reported is not None else self.effective

    def label(self) -> str:
        return self.note or f"{self.RULE.description} (event {self.id})"

    def changes(self, replay: Replay) -> dict[str, Any]:
        """The change to the case on the effective date, as ``{path: value}`` (``None`` removes a field)."""
        return {}

    def contradiction(self, problem: str, field: str = "type") -> ContradictoryEvent:
        return ContradictoryEvent(self.id, problem, field=field)
