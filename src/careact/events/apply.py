"""Applying events to a case: a pure function from a case's state and one event to the new state and
the outcome (reassessments due now and scheduled, and notices).

How one event is applied:

1. **Duplicates and order.** An event whose id is already in the log is a redelivery if it is the same
   event (the outcome says ``duplicate`` and nothing changes) and an error if it is a different one.
   An event reported before the latest day already processed is refused (:class:`OutOfOrderEvent`):
   a change learned of late is reported now with an earlier ``effective`` date.
2. **History.** The log with the new event is replayed in effective-date order
   (:mod:`careact.events.history`); an event that contradicts the case on its date is refused.
3. **Schedule.** The charge schedule is worked out again from the start of the period containing the
   earlier of the event's effective date and the start of the schedule's last period (so any
   reassessment scheduled since then is caught up, and no period is split where nothing changed) to
   the latest of the day reported and every effective date in the log, by the timeline
   (:mod:`careact.events.schedule`). The last period continues.
4. **Reassessments.** Every recomputed period that is new or whose figures changed, and the period
   the event falls in, is a reassessment: due ``now`` if it takes effect by the day reported, else
   ``scheduled``; each with the rule that makes it due, its citation, and the assessment with its
   explanation. The days after the schedule on which the charge may change are the scheduled
   reassessments, from the change-point functions the timeline uses.
5. **Notices** (:mod:`careact.events.notices`): a new weekly charge from each period whose charge
   differs from what the adult is charged, the end of the charge, and arrears or a refund for the days
   already past.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from ..charging.backdating import ChargedSegment
from ..errors import FieldProblem, InputError
from ..results import OverlaySpec, resolve_rules
from ..rules import RuleSet
from ..validation import validate_model
from .administration import ChargeRecorded
from .base import EventBase
from .care import CareEnded, FinancialAssessment
from .errors import ConflictingDuplicate, ContradictoryEvent, EventError, OutOfOrderEvent
from .history import History, replay
from .notices import notices_for, record_charge, settle
from .outcome import EventOutcome, Reassessment
from .schedule import ComputedPeriod, periods_between, scheduled_after
from .state import CaseState, Reason, StatePeriod
from .vocabulary import Event, parse_event

__all__ = ["DEFAULT_LOOKAHEAD_DAYS", "apply_event", "apply_events"]

DEFAULT_LOOKAHEAD_DAYS = 3 * 366
"""How far after the schedule scheduled reassessments are looked for."""

ONE_DAY = timedelta(days=1)


def apply_event(
    state: CaseState | dict[str, Any],
    event: Event | dict[str, Any],
    *,
    rules: RuleSet | None = None,
    overlays: Iterable[OverlaySpec] | OverlaySpec | None = (),
    explain: bool = True,
    lookahead_days: int = DEFAULT_LOOKAHEAD_DAYS,
) -> tuple[CaseState, EventOutcome]:
    """Apply one event to a case: ``(new state, outcome)``. Pure: ``state`` is not changed.

    ``rules`` and ``overlays`` are the rules to assess with, as for :func:`careact.charging.assess`
    (the national rules if omitted); the case's own ``overlay_changed`` events add overlays on top
    from their dates. Raises :class:`~careact.events.errors.EventError` (an ``InputError``) naming the
    event and its field when the event cannot be applied.
    """
    st = validate_model(CaseState, state)
    ev: EventBase = parse_event(event)
    base = resolve_rules(rules, overlays)
    received = ev.received
    for old in st.events:
        if old.id == ev.id:
            if old == ev:
                return st, EventOutcome(event_id=ev.id, event_type=_type(ev), status="duplicate", reference=st.reference,
                                        reported=received, ruleset=base.identity())
            raise ConflictingDuplicate(ev.id, "the case already has a different event with this id", field="id")
    if st.as_of is not None and received < st.as_of:
        raise OutOfOrderEvent(ev.id, f"reported {received.isoformat()}, but the case has been processed to "
                              f"{st.as_of.isoformat()}: report a late change on the day it is learned of, with its "
                              "earlier effective date", field="reported" if ev.reported is not None else "effective")
    reference = _reference(st, ev)
    events: list[EventBase] = [*st.events, ev]
    try:
        history = replay(events, base.base.name)
    except EventError as exc:
        if exc.event_id == ev.id:
            raise
        # the new event, placed by its effective date, makes an event recorded earlier impossible
        raise ContradictoryEvent(ev.id, f"effective {ev.effective.isoformat()}, it contradicts an event recorded "
                                 f"earlier: {exc.problems[0].problem}", field="effective") from None

    start = _recompute_from(st, ev.effective)
    until = max([d for d in (st.horizon, received, *(e.effective for e in events)) if d is not None])
    try:
        computed = periods_between(history, start, until, base)
    except EventError:
        raise
    except InputError as exc:  # the case on some day cannot be assessed: name the event
        raise _assessment_error(ev, exc) from None
    old_first = next((p for p in st.periods if p.start == start), None)
    new_periods = [_state_period(cp, history, ev, old_first if cp.start == start else None) for cp in computed]
    if new_periods and history.closed is None:
        new_periods[-1] = new_periods[-1].model_copy(update={"end": None})
    schedule = [*_kept(st.periods, start), *new_periods]

    reassessments = _reassessments(st, computed, new_periods, ev, received, explain)
    scheduled = scheduled_after(computed[-1], until, until + timedelta(days=lookahead_days)) \
        if computed and history.closed is None else []

    charged: list[ChargedSegment] = list(st.charged)
    told = charged
    if isinstance(ev, ChargeRecorded):
        charged = record_charge(charged, ev.effective, ev.to, ev.weekly)
        if ev.to is None or ev.to >= received:  # charged from now on: the new-charge notices compare with it
            told = record_charge(told, max(ev.effective, received), ev.to, ev.weekly)
    closure = next((e.reason for e in events if isinstance(e, CareEnded) and e.effective == history.closed), None)
    notices = notices_for(told, charged, schedule, start, received, history.closed, closure)
    new_state = CaseState(
        reference=reference, as_of=max(received, st.as_of) if st.as_of else received, horizon=until,
        events=[*st.events, ev],
        periods=schedule, charged=settle(charged, start, schedule), scheduled=scheduled)
    outcome = EventOutcome(event_id=ev.id, event_type=_type(ev), status="applied", reference=reference, reported=received,
                           recomputed_from=start, reassessments=reassessments, scheduled=scheduled, notices=notices,
                           ruleset=base.identity())
    return new_state, outcome


def apply_events(
    state: CaseState | dict[str, Any],
    events: Iterable[Event | dict[str, Any]],
    *,
    rules: RuleSet | None = None,
    overlays: Iterable[OverlaySpec] | OverlaySpec | None = (),
    explain: bool = True,
    lookahead_days: int = DEFAULT_LOOKAHEAD_DAYS,
) -> tuple[CaseState, list[EventOutcome]]:
    """Apply ``events`` in turn: the final state and one outcome per event. All or nothing: an event that
    cannot be applied raises its error, with each field named from ``events[i]``."""
    st = validate_model(CaseState, state)
    base = resolve_rules(rules, overlays)
    outcomes = []
    for i, event in enumerate(events):
        try:
            st, outcome = apply_event(st, parse_event(event), rules=base, explain=explain, lookahead_days=lookahead_days)
        except InputError as exc:
            raise prefixed(exc, f"events[{i}]") from None
        outcomes.append(outcome)
    return st, outcomes


def prefixed(exc: InputError, prefix: str) -> InputError:
    """The same error with each field named from ``prefix`` (an :class:`EventError` keeps its class)."""
    if isinstance(exc, EventError):
        out = type(exc).__new__(type(exc))
        out.event_id = exc.event_id
        InputError.__init__(out, [FieldProblem(f"{prefix}.{p.field}", p.problem, p.code) for p in exc.problems])
        return out
    if all(p.field.startswith(prefix) for p in exc.problems):
        return exc
    return InputError([FieldProblem(f"{prefix}.{p.field}", p.problem, p.code) for p in exc.problems])


# --------------------------------------------------------------------------- helpers


def _type(ev: EventBase) -> str:
    kind: str = type(ev).model_fields["type"].default
    return kind


def _reference(st: CaseState, ev: EventBase) -> str | None:
    if isinstance(ev, FinancialAssessment) and ev.case.reference is not None:
        if st.reference is not None and ev.case.reference != st.reference:
            raise ContradictoryEvent(ev.id, f"the case reference is {ev.case.reference!r}, but this case is "
                                     f"{st.reference!r}", field="case.reference")
        return ev.case.reference
    return st.reference


def _recompute_from(st: CaseState, effective: date) -> date:
    """The start of the state's period containing the earlier of ``effective`` and the last period's start."""
    if not st.periods:
        return effective
    anchor = min(effective, st.periods[-1].start)
    containing = st.period_on(anchor)
    return containing.start if containing is not None else anchor


def _kept(periods: list[StatePeriod], start: date) -> list[StatePeriod]:
    kept = [p for p in periods if p.start < start]
    if kept and (kept[-1].end is None or kept[-1].end >= start):
        kept[-1] = kept[-1].model_copy(update={"end": start - ONE_DAY})
    return kept


def _state_period(cp: ComputedPeriod, history: History, ev: EventBase, old: StatePeriod | None) -> StatePeriod:
    """A recomputed period of the schedule. The first one starts where the schedule is recomputed from: the
    change points that started it before (which a timeline started there cannot see) are kept."""
    p = cp.period
    reasons = [Reason.of(r) for r in p.changes if r.kind != "start"]
    if old is not None:
        reasons = [r for r in old.changes if r.kind not in ("event", "input")] + reasons
    if cp.overlay_reason is not None:
        reasons.insert(0, Reason.of(cp.overlay_reason))
    events = history.changed_on.get(p.start, ())
    if not any(r.kind != "input" for r in reasons) and not events and p.start == ev.effective:
        events = (ev,)
    labels = {e.label() for e in events}
    reasons = [r.model_copy(update={"description": f"{r.path} changes"}) if r.kind == "input" and r.description in labels
               else r for r in reasons]
    reasons = [Reason(kind="event", description=e.label(), citation=e.RULE.citation,
                      extra={"event_id": e.id, "event_type": _type(e)}) for e in events] + reasons
    unique: dict[tuple[str, str, str | None], Reason] = {}
    for r in reasons:
        unique.setdefault((r.kind, r.description, r.path), r)  # each once, where it first appears
    reasons = list(unique.values())
    return StatePeriod(start=p.start, end=p.end, weekly_charge=p.weekly_charge,
                       council_weekly_contribution=p.council_weekly_contribution, cost_of_care=p.cost_of_care,
                       assessed_capital=p.assessed_capital, assessed_income=p.assessed_income,
                       tariff_income=p.tariff_income, total_allowances=p.total_allowances, self_funder=p.self_funder,
                       changes=reasons, ruleset=cp.rules.id)


def _figures(p: StatePeriod) -> tuple[Any, ...]:
    return (p.weekly_charge, p.council_weekly_contribution, p.cost_of_care, p.assessed_capital, p.assessed_income,
            p.tariff_income, p.total_allowances, p.self_funder, p.ruleset)


def _reassessments(st: CaseState, computed: list[ComputedPeriod], periods: list[StatePeriod], ev: EventBase,
                   received: date, explain: bool) -> list[Reassessment]:
    out = []
    old_by_start = {p.start: p for p in st.periods}
    for cp, sp in zip(computed, periods, strict=True):
        contains = cp.start <= ev.effective <= cp.end
        old = old_by_start.get(sp.start)
        if not contains and old is not None and _figures(old) == _figures(sp):
            continue
        on = ev.effective if contains else sp.start
        before = st.period_on(on)
        own = [r for r in sp.changes if r.kind not in ("input", "event")] if sp.start == ev.effective else []
        citation: str | None
        if contains and (ev.CHANGES_CASE or not own):
            rule, description, citation = _type(ev), ev.RULE.description, ev.RULE.citation
        else:  # a change point of the schedule (also when a review falls on it)
            first = next((r for r in sp.changes if r.kind not in ("input",)), sp.changes[0] if sp.changes else None)
            rule = first.kind if first else "detected"
            description = first.description if first else "the assessment changes on this day"
            citation = first.citation if first else None
        result = cp.result if explain else cp.result.model_copy(update={"explanation": None})
        out.append(Reassessment(on=on, due="now" if on <= received else "scheduled", rule=rule, description=description,
                                citation=citation, reasons=sp.changes, period_start=sp.start, weekly_charge=sp.weekly_charge,
                                previous_weekly_charge=before.weekly_charge if before is not None else None, result=result))
    return out


def _assessment_error(ev: EventBase, exc: InputError) -> ContradictoryEvent:
    problem = exc.problems[0]
    return ContradictoryEvent(ev.id, f"the case cannot be assessed after it: {problem.field}: {problem.problem}")
