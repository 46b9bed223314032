"""Helpers for the event tests: a case-management system that posts events and acts on scheduled reassessments."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from careact.events import CaseState, EventOutcome, apply_event

HOME_CARE: dict[str, Any] = {
    "schema": "careact.case.charging/1",
    "reference": "EV-HOME",
    "person": {"date_of_birth": "1950-03-10"},
    "care": {"setting": "non_residential", "weekly_cost": "320.00"},
    "income": [
        {"type": "state_pension", "amount": "176.45"},
        {"type": "occupational_pension", "amount": "900.00", "frequency": "monthly"},
    ],
    "capital": [{"type": "bank_account", "value": "4200.00"}],
}

RESIDENTIAL: dict[str, Any] = {
    "schema": "careact.case.charging/1",
    "reference": "EV-RES",
    "person": {"date_of_birth": "1938-05-14"},
    "care": {"setting": "permanent_residential", "weekly_cost": "950.00", "start_date": "2025-01-06"},
    "income": [{"type": "state_pension", "amount": "176.45"}],
    "capital": [{"type": "savings_account", "value": "15800.00"}],
    "home": {"value": "210000.00"},
}


def opened(case: dict[str, Any], on: str, **extra: Any) -> dict[str, Any]:
    return {"type": "financial_assessment", "id": "open", "effective": on, "case": case, **extra}


def run(events: Iterable[dict[str, Any]], end: date, *, review_scheduled: bool = True, state: CaseState | None = None,
        **kwargs: Any) -> tuple[CaseState, list[tuple[dict[str, Any], EventOutcome]]]:
    """Post ``events`` in the order given, as a case-management system would; with ``review_scheduled``,
    a ``review`` is posted on each scheduled reassessment's day up to ``end``, before any later event."""
    st = state or CaseState()
    log: list[tuple[dict[str, Any], EventOutcome]] = []
    pending = list(events)
    while True:
        nxt = pending[0]["reported"] if pending and "reported" in pending[0] else (pending[0]["effective"] if pending else None)
        nxt_day = date.fromisoformat(nxt) if nxt else None
        due = [s.on for s in st.scheduled if s.on <= end and (nxt_day is None or s.on < nxt_day)] if review_scheduled else []
        if due:
            ev = {"type": "review", "id": f"review-{due[0].isoformat()}", "effective": due[0].isoformat()}
        elif pending:
            ev = pending.pop(0)
        else:
            return st, log
        st, out = apply_event(st, ev, **kwargs)
        log.append((ev, out))


def period_rows(periods: Iterable[Any], start: date, end: date) -> list[tuple[Any, ...]]:
    """The figures of each period in [start, end], the last one cut at ``end``."""
    rows = []
    for p in periods:
        if p.start > end or (p.end is not None and p.end < start):
            continue
        rows.append((max(p.start, start), min(p.end or end, end), p.weekly_charge, p.council_weekly_contribution, p.cost_of_care,
                     p.assessed_capital, p.assessed_income, p.tariff_income, p.total_allowances, p.self_funder))
    return rows


def day(text: str) -> date:
    return date.fromisoformat(text)


ONE_DAY = timedelta(days=1)
