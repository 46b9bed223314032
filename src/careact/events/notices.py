"""Notices: a new weekly charge, the end of the charge, and arrears or a refund for days already past.

What the adult is charged is kept as dated weekly amounts (:class:`~careact.charging.backdating.ChargedSegment`):
the charges careact notified, with the arrears and refunds it worked out settled, or what the council
recorded it actually charged in all for some days (``charge_recorded``, net of any arrears or refunds
already collected or paid). When an event is applied, for the days from the start of the recomputed
schedule to the day before the event was reported, the charge due is compared with what was charged
by :func:`careact.charging.backdating.backdate` (whole weeks in full, part weeks pro rata by days,
each row rounded once to the penny): a positive difference is arrears, a negative one a refund. The
notice settles it: from the start of the recomputed schedule, what is charged is then the charge due.

An arrears or refund notice lists the rows whose amounts differ. A new-charge notice is sent for each recomputed period whose weekly charge differs from what the
adult was being charged on its first day (or, where the period follows one with the same charge
under the same earlier charge, from that period's).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from decimal import Decimal

from ..charging.backdating import BACKDATING_RULE, ChargedSegment, backdate
from ..money import ZERO, format_money
from .outcome import Notice, NoticeRow
from .state import StatePeriod

__all__ = ["charged_on", "notices_for", "record_charge", "settle"]

ONE_DAY = timedelta(days=1)


def charged_on(segments: Sequence[ChargedSegment], day: date) -> Decimal | None:
    """The weekly amount charged on ``day`` (None: nothing)."""
    return next((s.weekly for s in segments if s.from_ <= day and (s.to is None or day <= s.to)), None)


def _clip_before(segments: Sequence[ChargedSegment], day: date) -> list[ChargedSegment]:
    """The segments as they stand before ``day``."""
    out = []
    for s in segments:
        if s.from_ >= day:
            continue
        if s.to is None or s.to >= day:
            s = ChargedSegment.model_validate({"from": s.from_, "to": day - ONE_DAY, "weekly": s.weekly})
        out.append(s)
    return out


def _clip_after(segments: Sequence[ChargedSegment], day: date) -> list[ChargedSegment]:
    """The segments as they stand after ``day``."""
    out = []
    for s in segments:
        if s.to is not None and s.to <= day:
            continue
        if s.from_ <= day:
            s = ChargedSegment.model_validate({"from": day + ONE_DAY, "to": s.to, "weekly": s.weekly})
        out.append(s)
    return out


def record_charge(segments: Sequence[ChargedSegment], start: date, to: date | None, weekly: Decimal) -> list[ChargedSegment]:
    """``segments`` with ``weekly`` charged from ``start`` to ``to`` (open-ended if None) in place of what was there."""
    new = ChargedSegment.model_validate({"from": start, "to": to, "weekly": weekly})
    return [*_clip_before(segments, start), new, *(_clip_after(segments, to) if to is not None else [])]


def settle(segments: Sequence[ChargedSegment], start: date, schedule: Sequence[StatePeriod]) -> list[ChargedSegment]:
    """What is charged once the notices are sent: as before until ``start``, then the schedule's charges."""
    due = [ChargedSegment.model_validate({"from": p.start, "to": p.end, "weekly": p.weekly_charge})
           for p in schedule if p.start >= start]
    return [*_clip_before(segments, start), *due]


def _d(day: date) -> str:
    return day.isoformat()


def _segment_at(segments: Sequence[ChargedSegment], day: date) -> int | None:
    return next((i for i, s in enumerate(segments) if s.from_ <= day and (s.to is None or day <= s.to)), None)


def notices_for(told: Sequence[ChargedSegment], charged: Sequence[ChargedSegment], schedule: Sequence[StatePeriod],
                start: date, reported: date, closed: date | None, closure_reason: str | None) -> list[Notice]:
    """The notices for a schedule recomputed from ``start`` for an event reported on ``reported`` (days
    before it are past): new charges against what the adult was ``told`` they are charged, arrears or a
    refund against what was ``charged``."""
    out: list[Notice] = []
    recomputed = [p for p in schedule if p.start >= start]
    prev: StatePeriod | None = None
    for p in recomputed:
        days = [p.start] + ([reported] if p.start < reported and (p.end is None or reported <= p.end) else [])
        for day in days:
            seg = _segment_at(told, day)
            if day == p.start and prev is not None and seg is not None and seg == _segment_at(told, prev.start):
                before: Decimal | None = prev.weekly_charge  # the adult has just been told of the earlier period's charge
            elif day != p.start and seg == _segment_at(told, p.start):
                continue
            else:
                before = told[seg].weekly if seg is not None else None
            if before != p.weekly_charge:
                was = f" (was {format_money(before)})" if before is not None else ""
                out.append(Notice(kind="new_charge", from_=day, weekly_charge=p.weekly_charge, previous_weekly_charge=before,
                                  text=f"From {_d(day)} the weekly charge is {format_money(p.weekly_charge)}{was}."))
        prev = p
    if closed is not None and closed >= start:
        ended = charged_on(told, closed)
        if ended:
            out.append(Notice(kind="charge_ends", from_=closed, weekly_charge=ZERO, previous_weekly_charge=ended,
                              text=f"No charge from {_d(closed)}: care ended ({(closure_reason or 'other').replace('_', ' ')})."))
    last_past = reported - ONE_DAY
    if last_past >= start:
        rows: list[tuple[date, date, Decimal]] = []
        for p in recomputed:
            end = last_past if p.end is None else min(p.end, last_past)
            if p.start <= end:
                rows.append((p.start, end, p.weekly_charge))
        if closed is not None and closed <= last_past:
            rows.append((max(closed, start), last_past, ZERO))
        bd = backdate(rows, charged)
        if bd.total_difference != 0:
            kind = "arrears" if bd.total_difference > 0 else "refund"
            amount = abs(bd.total_difference)
            owed = "owed by the adult" if kind == "arrears" else "owed to the adult"
            differing = [r for r in bd.rows if r.difference]
            due, paid = sum((r.due for r in differing), ZERO), sum((r.charged for r in differing), ZERO)
            out.append(Notice(
                kind=kind, from_=differing[0].start, to=differing[-1].end, amount=amount,
                rows=[NoticeRow(start=r.start, end=r.end, days=r.days, weekly_due=r.weekly_due, weekly_charged=r.weekly_charged,
                                due=r.due, charged=r.charged, difference=r.difference) for r in differing],
                rule=BACKDATING_RULE,
                text=f"{'Arrears' if kind == 'arrears' else 'A refund'} of {format_money(amount)} {owed} for "
                     f"{_d(differing[0].start)} to {_d(differing[-1].end)}: {format_money(due)} was due and "
                     f"{format_money(paid)} charged."))
    return out
