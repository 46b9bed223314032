"""Dates and ages, computed with python-dateutil.

A person's age on a date is the number of whole years since their date of birth; someone born on
29 February reaches each new age on 28 February in common years (dateutil's ``relativedelta``
clamps to the last day of the month).
"""

from __future__ import annotations

from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

__all__ = ["age_on", "birthday_of_age", "add_weeks", "weeks_between", "financial_year_start"]


def age_on(date_of_birth: date, on: date) -> int:
    """Age in whole years on ``on``."""
    return relativedelta(on, date_of_birth).years


def birthday_of_age(date_of_birth: date, age: int) -> date:
    """The date on which a person born on ``date_of_birth`` reaches ``age``."""
    return date_of_birth + relativedelta(years=age)


def add_weeks(start: date, weeks: int) -> date:
    """``start`` plus a whole number of weeks."""
    return start + timedelta(weeks=weeks)


def weeks_between(start: date, end: date) -> int:
    """Whole weeks from ``start`` to ``end`` (rounded down)."""
    return (end - start).days // 7


def financial_year_start(on: date) -> date:
    """1 April of the financial year containing ``on``."""
    year = on.year if (on.month, on.day) >= (4, 1) else on.year - 1
    return date(year, 4, 1)
