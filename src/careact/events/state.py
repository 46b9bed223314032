"""A case's state between events: its event log, the charge schedule worked out so far, what the adult
is charged, and the reassessments scheduled (``careact.events.state/1``, JSON Schema
``careact/schemas/events-state-1.json``).

The log of events is the case's history (:func:`careact.events.history.replay` rebuilds the case on
any day from it). The schedule, the charges and the scheduled reassessments record what careact
worked out and notified as the events arrived, under the rules in force then; a ``rules_changed``
event works them out again under the rules installed now.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any, Final, Literal

from pydantic import BaseModel, ConfigDict, Field, JsonValue, model_validator

from ..charging.backdating import ChargedSegment
from ..charging.change_points import ChangeReason
from ..charging.timeline import TimelineCase
from ..explain import jsonable
from ..money import NonNegativeMoneyOut
from .base import IsoDate
from .vocabulary import Event

__all__ = ["STATE_SCHEMA", "CaseState", "Reason", "ScheduledReassessment", "StatePeriod"]

STATE_SCHEMA: Final = "careact.events.state/1"


class Reason(BaseModel):
    """Why a period starts or a reassessment is due: what changed, before and after, and the law."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    kind: str = Field(description="event, input, rules, overlay, property_disregard_ends, birthday, "
                      "pension_credit_age, qualifying_relative, capital_depletion, detected...")
    description: str
    path: str | None = None
    before: JsonValue = None
    after: JsonValue = None
    citation: str | None = None
    extra: dict[str, JsonValue] = Field(default_factory=dict)

    @classmethod
    def of(cls, reason: ChangeReason) -> Reason:
        return cls(kind=reason.kind, description=reason.description, path=reason.path,
                   before=jsonable(reason.before), after=jsonable(reason.after), citation=reason.citation,
                   extra=jsonable(dict(reason.extra)))


class StatePeriod(BaseModel):
    """A period of the charge schedule: the weekly charge from ``start`` to ``end`` (open: it continues)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    start: IsoDate
    end: IsoDate | None = Field(None, description="The last day; null: the period continues until the next reassessment.")
    weekly_charge: NonNegativeMoneyOut
    council_weekly_contribution: NonNegativeMoneyOut
    cost_of_care: NonNegativeMoneyOut
    assessed_capital: NonNegativeMoneyOut
    assessed_income: NonNegativeMoneyOut
    tariff_income: NonNegativeMoneyOut
    total_allowances: NonNegativeMoneyOut
    self_funder: bool
    changes: list[Reason] = Field(default_factory=list, description="Why the period starts.")
    ruleset: str = Field(description="The id of the rule set (with overlays) the period was assessed under.")

    def covers(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


class ScheduledReassessment(BaseModel):
    """A day the charge may change with nothing reported, under the case as it stands (each later
    reassessment schedules the next): a birthday, the end of the property disregard, an uprating..."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    on: IsoDate
    rule: str = Field(description="The kind of change point that makes it due.")
    description: str
    citation: str | None = None
    reasons: list[Reason]


class CaseState(BaseModel):
    """One case's state between events. A new case is ``CaseState()`` (or ``{"schema": ...}`` in JSON)."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, title="careact events case state")
    schema_: Literal["careact.events.state/1"] = Field(STATE_SCHEMA, alias="schema")
    reference: str | None = Field(None, description="The case reference (taken from the first financial assessment).")
    as_of: IsoDate | None = Field(None, description="The latest day on which an event was reported.")
    horizon: IsoDate | None = Field(None, description="The schedule is worked out to this day; its last period continues.")
    events: list[Event] = Field(default_factory=list, description="Every event applied, in the order received.")
    periods: list[StatePeriod] = Field(default_factory=list, description="The charge schedule, in date order.")
    charged: list[ChargedSegment] = Field(default_factory=list, description="What the adult is charged: the charges "
                                          "notified, arrears and refunds settled, and charges recorded.")
    scheduled: list[ScheduledReassessment] = Field(default_factory=list)

    @model_validator(mode="after")
    def _consistent(self) -> CaseState:
        problems = []
        ids = [e.id for e in self.events]
        if len(ids) != len(set(ids)):
            problems.append("events: event ids must be unique")
        for i in range(1, len(self.periods)):
            prev, cur = self.periods[i - 1], self.periods[i]
            if prev.end is None or prev.end + timedelta(days=1) != cur.start:
                problems.append(f"periods[{i}].start: periods must follow one another with no gap or overlap")
        for i in range(1, len(self.charged)):
            prev_seg, seg = self.charged[i - 1], self.charged[i]
            if prev_seg.to is None or prev_seg.to >= seg.from_:
                problems.append(f"charged[{i}].from: charged segments must be in date order without overlaps")
        if problems:
            raise ValueError("\n".join(problems))
        return self

    def period_on(self, day: date) -> StatePeriod | None:
        return next((p for p in self.periods if p.covers(day)), None)

    def charged_on(self, day: date) -> Decimal | None:
        """The weekly amount the adult is charged on ``day`` (None: nothing)."""
        return next((s.weekly for s in self.charged if s.from_ <= day and (s.to is None or day <= s.to)), None)

    def timeline_case(self, ruleset: str = "england") -> TimelineCase:
        """The case's events as one timeline case (``careact.case.timeline/1``), for
        :func:`careact.charging.timeline` or ``careact timeline``."""
        from .history import replay

        return replay(self.events, ruleset).timeline_case

    def case_on(self, day: date, ruleset: str = "england") -> dict[str, Any]:
        """The charging case (JSON) on ``day``, every change effective on or before it applied."""
        from ..charging.timeline import _case_on

        return _case_on(self.timeline_case(ruleset), day)[0]
