"""What applying one event gives: the reassessments it makes due, those scheduled, and the notices to
send (``careact.events.outcome/1``, JSON Schema ``careact/schemas/events-outcome-1.json``)."""

from __future__ import annotations

from typing import Any, Final, Literal

from pydantic import BaseModel, ConfigDict, Field

from ..charging.models import ChargingResult
from ..money import MoneyOut, NonNegativeMoneyOut, format_money
from ..results import CareactResult
from .base import IsoDate
from .state import CaseState, Reason, ScheduledReassessment

__all__ = ["APPLIED_SCHEMA", "OUTCOME_SCHEMA", "AppliedEvents", "EventOutcome", "Notice", "NoticeRow", "Reassessment"]

OUTCOME_SCHEMA: Final = "careact.events.outcome/1"
APPLIED_SCHEMA: Final = "careact.events.applied/1"


class Reassessment(BaseModel):
    """A reassessment an event makes due: the charge worked out from ``on``, why, and the assessment itself."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    on: IsoDate = Field(description="The day the reassessment takes effect.")
    due: Literal["now", "scheduled"] = Field(description="now: on or before the day the event was reported; "
                                             "scheduled: a later day (a change recorded in advance).")
    rule: str = Field(description="What makes it due: the event's type, or the kind of change point.")
    description: str
    citation: str | None = None
    reasons: list[Reason] = Field(description="Every reason the period starts (or the event's, mid-period).")
    period_start: IsoDate = Field(description="The first day of the period of the schedule the reassessment falls in.")
    weekly_charge: NonNegativeMoneyOut
    previous_weekly_charge: NonNegativeMoneyOut | None = Field(None, description="The charge worked out for that day before "
                                                            "this event (null: none).")
    result: ChargingResult = Field(description="The financial assessment on the period's first day, with its "
                                   "explanation (unless explain=False); it holds for the whole period.")


class NoticeRow(BaseModel):
    """A row of an arrears or refund notice (see :mod:`careact.charging.backdating`)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    start: IsoDate
    end: IsoDate
    days: int
    weekly_due: NonNegativeMoneyOut
    weekly_charged: NonNegativeMoneyOut
    due: NonNegativeMoneyOut
    charged: NonNegativeMoneyOut
    difference: MoneyOut


class Notice(BaseModel):
    """A notice to send: a new weekly charge, the end of the charge, or arrears or a refund with its rows."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)
    kind: Literal["new_charge", "charge_ends", "arrears", "refund"]
    from_: IsoDate = Field(alias="from")
    to: IsoDate | None = None
    weekly_charge: NonNegativeMoneyOut | None = None
    previous_weekly_charge: NonNegativeMoneyOut | None = None
    amount: NonNegativeMoneyOut | None = Field(None, description="Arrears owed by the adult, or the refund owed to them.")
    rows: list[NoticeRow] = Field(default_factory=list)
    rule: str | None = Field(None, description="How the amount was worked out.")
    text: str = Field(description="The notice in a sentence.")


class EventOutcome(CareactResult):
    """The outcome of applying one event to a case."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, title="careact event outcome")
    schema_: Literal["careact.events.outcome/1"] = Field(OUTCOME_SCHEMA, alias="schema")
    event_id: str
    event_type: str
    status: Literal["applied", "duplicate"] = Field(description="duplicate: the same event was already applied "
                                                    "(a redelivery); nothing changed.")
    reference: str | None = None
    reported: IsoDate
    recomputed_from: IsoDate | None = Field(None, description="The schedule was worked out again from this day.")
    reassessments: list[Reassessment] = Field(default_factory=list)
    scheduled: list[ScheduledReassessment] = Field(default_factory=list,
                                                   description="Later days the charge may change, under the case as it "
                                                   "now stands.")
    notices: list[Notice] = Field(default_factory=list)
    ruleset: dict[str, Any] = Field(default_factory=dict, description="The rule set the event was applied under.")

    def render_text(self, explain: bool = False, locale: str = "en_GB") -> str:
        """The outcome in plain English (with each reassessment's full explanation if ``explain``)."""
        lines = [f"Event {self.event_id} ({self.event_type.replace('_', ' ')}), reported {self.reported.isoformat()}"]
        if self.status == "duplicate":
            lines.append("  already applied: nothing changed")
            return "\n".join(lines)
        for r in self.reassessments:
            was = f" (was {format_money(r.previous_weekly_charge, locale)})" if r.previous_weekly_charge is not None else ""
            lines.append(f"  Reassessment {r.due} from {r.on.isoformat()}: {format_money(r.weekly_charge, locale)} a week{was}")
            lines.append(f"    because {r.description}" + (f" [{r.citation}]" if r.citation else ""))
            for reason in r.reasons:
                detail = f" ({_short(reason.before)} -> {_short(reason.after)})" \
                    if reason.before is not None or reason.after is not None else ""
                law = f" [{reason.citation}]" if reason.citation else ""
                lines.append(f"    - {reason.description}{detail}{law}")
            if r.result.figures is not None and r.result.figures.notice:
                lines.append(f"    Note: {r.result.figures.notice}")
            if explain and r.result.explanation is not None:
                lines.append("")
                lines += ["    " + ln if ln else "" for ln in _render(r.result, locale).splitlines()]
                lines.append("")
        for s in self.scheduled:
            lines.append(f"  Scheduled: {s.on.isoformat()}: {s.description}" + (f" [{s.citation}]" if s.citation else ""))
        for n in self.notices:
            lines.append(f"  Notice ({n.kind.replace('_', ' ')}): {n.text}")
        return "\n".join(lines)


class AppliedEvents(CareactResult):
    """Events applied in turn to a case: the final state and each event's outcome."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, title="careact events applied")
    schema_: Literal["careact.events.applied/1"] = Field(APPLIED_SCHEMA, alias="schema")
    state: CaseState
    outcomes: list[EventOutcome]

    def render_text(self, explain: bool = False, locale: str = "en_GB") -> str:
        parts = [o.render_text(explain, locale) for o in self.outcomes]
        st = self.state
        summary = [f"Case {st.reference or '(no reference)'}: {len(st.events)} events, processed to "
                   f"{st.as_of.isoformat() if st.as_of else '-'}"]
        current = st.periods[-1] if st.periods else None
        if current is not None:
            until = f" to {current.end.isoformat()}" if current.end else ""
            summary.append(f"  Weekly charge from {current.start.isoformat()}{until}: {format_money(current.weekly_charge, locale)}")
        for s in st.scheduled:
            summary.append(f"  Next: {s.on.isoformat()}: {s.description}")
        return "\n\n".join([*parts, "\n".join(summary)])


def _short(value: Any) -> str:
    """A value for a line of text: an object or a list is summarised, not spelt out."""
    if isinstance(value, dict):
        return "{...}"
    if isinstance(value, list):
        return f"[{len(value)} items]" if len(value) != 1 else "[1 item]"
    return "none" if value is None else str(value)


def _render(result: ChargingResult, locale: str) -> str:
    from ..explain.render import render_text

    expl = result.explanation
    if hasattr(expl, "render_text"):
        text: str = expl.render_text(locale)
        return text
    return render_text(dict(expl), locale=locale)
