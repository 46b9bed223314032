"""Backdating and arrears: what should have been charged, what was charged, and the difference.

Given the timeline's weekly charges and the weekly amounts actually charged (dated segments), the
two are laid over each other so that each row has one weekly amount due and one weekly amount
charged. Each row's amounts are::

    amount = weekly amount × whole weeks + weekly amount × (remaining days ÷ 7)
           = weekly amount × days ÷ 7, rounded once to the penny (half up, SI 2014/2672 reg 11)

so whole weeks count in full and a part week pro rata by days. A day that no charged segment covers
counts as charged nothing. ``difference = due − charged``: positive is owed by the adult (arrears),
negative is owed to the adult (a refund).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ..errors import FieldProblem, InputError
from ..explain import jsonable
from ..money import ZERO, NonNegativeMoney, round_pence
from ..validation import validate_model

__all__ = ["BACKDATING_RULE", "Backdating", "BackdatingRow", "ChargedSegment", "amount_for_days", "backdate"]

DAYS_IN_WEEK = 7

BACKDATING_RULE = (
    "Each row: weekly amount × days ÷ 7 (whole weeks in full, a part week pro rata by days), rounded once to "
    "the penny; days not covered by a charged segment count as charged nothing; difference = due − charged."
)


class ChargedSegment(BaseModel):
    """A weekly amount actually charged from ``from`` to ``to`` inclusive (``to`` absent: open-ended)."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)
    from_: date = Field(alias="from")
    to: date | None = None
    weekly: NonNegativeMoney

    @model_validator(mode="after")
    def _order(self) -> ChargedSegment:
        if self.to is not None and self.to < self.from_:
            raise ValueError("'to' is before 'from'")
        return self


@dataclass(frozen=True, slots=True)
class BackdatingRow:
    start: date
    end: date
    days: int
    weekly_due: Decimal
    weekly_charged: Decimal
    due: Decimal
    charged: Decimal
    difference: Decimal


@dataclass(frozen=True, slots=True)
class Backdating:
    rows: tuple[BackdatingRow, ...]
    total_due: Decimal
    total_charged: Decimal
    total_difference: Decimal
    rule: str = BACKDATING_RULE

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = jsonable(self)
        return out


def amount_for_days(weekly: Decimal, days: int) -> Decimal:
    """``weekly`` for ``days`` days: whole weeks in full, a part week pro rata by days, rounded once."""
    return round_pence(weekly * days / DAYS_IN_WEEK)


def _segments(charged: Iterable[Any]) -> list[ChargedSegment]:
    segs = [c if isinstance(c, ChargedSegment) else validate_model(ChargedSegment, c, prefix=f"charged[{i}]")
            for i, c in enumerate(charged)]
    segs.sort(key=lambda s: s.from_)
    problems = []
    for i in range(1, len(segs)):
        prev = segs[i - 1]
        if prev.to is None or prev.to >= segs[i].from_:
            problems.append(FieldProblem(f"charged[{i}].from", f"overlaps the segment starting {prev.from_.isoformat()}", "overlap"))
    if problems:
        raise InputError(problems)
    return segs


def _charged_on(segs: Sequence[ChargedSegment], day: date) -> tuple[Decimal, date | None]:
    """The weekly amount charged on ``day`` and the first later day it may change."""
    nxt: date | None = None
    for s in segs:
        if s.from_ > day:
            nxt = s.from_ if nxt is None else min(nxt, s.from_)
            continue
        if s.to is None or s.to >= day:
            return s.weekly, (s.to + timedelta(days=1)) if s.to is not None else nxt
    return ZERO, nxt


def backdate(periods: Iterable[tuple[date, date, Decimal]], charged: Iterable[Any]) -> Backdating:
    """Compare the weekly charge due in each period with what was charged, row by row."""
    segs = _segments(charged)
    rows: list[BackdatingRow] = []
    for start, end, weekly_due in periods:
        day = start
        while day <= end:
            weekly_charged, change = _charged_on(segs, day)
            row_end = end if change is None or change > end else change - timedelta(days=1)
            days = (row_end - day).days + 1
            due = amount_for_days(weekly_due, days)
            paid = amount_for_days(weekly_charged, days)
            rows.append(BackdatingRow(day, row_end, days, weekly_due, weekly_charged, due, paid, due - paid))
            day = row_end + timedelta(days=1)
    total_due = sum((r.due for r in rows), ZERO)
    total_charged = sum((r.charged for r in rows), ZERO)
    return Backdating(tuple(rows), total_due, total_charged, total_due - total_charged)
