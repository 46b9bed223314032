"""Dates and ages, computed with python-dateutil.

A person's age on a date is the number of whole years since their date of birth. A person attains
an age at the start of the anniversary of their birth (Family Law Reform Act 1969 s 9); someone born
on 29 February attains each new age on 1 March in a common year.
"""

from __future__ import annotations

from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

__all__ = ["add_weeks", "age_on", "birthday_of_age", "financial_year_start", "weeks_between"]


def birthday_of_age(date_of_birth: date, age: int) -> date:
    """The date on which a person born on ``date_of_birth`` reaches ``age`` (29 February → 1 March)."""
    target: date = date_of_birth + relativedelta(years=age)
    if (date_of_birth.month, date_of_birth.day) == (2, 29) and target.day == 28:
        return target + timedelta(days=1)
    return target


def age_on(date_of_birth: date, on: date) -> int:
    """Age in whole years on ``on`` (a 29 February birthday falls on 1 March in a common year)."""
    years = on.year - date_of_birth.year
    if (on.month, on.day) < (date_of_birth.month, date_of_birth.day):
        years -= 1
    return years


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
