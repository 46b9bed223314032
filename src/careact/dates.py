"""Dates and ages, computed with python-dateutil.

A person's age on a date is the number of whole years since their date of birth. A person attains
an age at the start of the anniversary of their birth (Family Law Reform Act 1969 s 9); someone born
on 29 February attains each new age on 1 March in a common year.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Annotated, Any

from dateutil.relativedelta import relativedelta
from pydantic import BeforeValidator, WithJsonSchema

from .errors import RULES_START

__all__ = [
    "EARLIEST_BIRTH",
    "LAST_DATE",
    "AssessmentDate",
    "BirthDate",
    "PlausibleDate",
    "add_weeks",
    "age_on",
    "birthday_of_age",
    "check_assessment_date",
    "financial_year_start",
    "weeks_between",
]

EARLIEST_BIRTH = date(1900, 1, 1)
"""The earliest date of birth careact accepts: an earlier one is almost certainly a typing error."""
LAST_DATE = date(2099, 12, 31)
"""The latest date careact assesses on or projects to (its figures end long before; see ``figures_known_to``)."""

# JSON Schema patterns that admit exactly the valid calendar dates in careact's ranges, so the published
# schema is as strict as the validation (a format alone cannot bound a date).
_MD = ("((0[13578]|1[02])-(0[1-9]|[12][0-9]|3[01])|(0[469]|11)-(0[1-9]|[12][0-9]|30)"
       "|02-(0[1-9]|1[0-9]|2[0-8]))")
_MD_FROM_APRIL = "((0[578]|1[02])-(0[1-9]|[12][0-9]|3[01])|(0[469]|11)-(0[1-9]|[12][0-9]|30))"
BIRTH_DATE_PATTERN = (f"^((19|20)[0-9][0-9]-{_MD}"
                      "|(19(0[48]|[2468][048]|[13579][26])|20(0[048]|[2468][048]|[13579][26]))-02-29)$")
ASSESSMENT_DATE_PATTERN = (f"^(2015-{_MD_FROM_APRIL}|(201[6-9]|20[2-9][0-9])-{_MD}"
                           "|20(16|[2468][048]|[3579][26])-02-29)$")
_ISO = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


def _as_date(value: Any) -> date:
    from pydantic_core import PydanticCustomError

    if isinstance(value, date):
        return value
    if isinstance(value, str) and _ISO.match(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    shown = repr(value) if isinstance(value, str) else type(value).__name__
    raise PydanticCustomError("careact_type", "{shown} is not a date written YYYY-MM-DD", {"shown": shown[:60]})


def _birth_date(value: Any) -> date:
    from pydantic_core import PydanticCustomError

    d = _as_date(value)
    if d < EARLIEST_BIRTH or d > LAST_DATE:
        raise PydanticCustomError(
            "careact_range", "{d} is not a plausible date of birth: careact takes dates of birth from 1 January "
            "1900 (an earlier one is almost certainly a typing error)", {"d": d.isoformat()})
    return d


def check_assessment_date(d: date, field: str = "on") -> None:
    """Raise :class:`~careact.errors.InputError` unless ``d`` lies in careact's range of dates."""
    from .errors import InputError

    if d < RULES_START:
        raise InputError.single(field, f"careact's rules start on 1 April 2015 ({RULES_START.isoformat()}); "
                                f"there are none for {d.isoformat()}", "no_rules_in_force")
    if d > LAST_DATE:
        raise InputError.single(field, f"careact takes dates up to 31 December 2099, not {d.isoformat()}", "range")


def _assessment_date(value: Any) -> date:
    from pydantic_core import PydanticCustomError

    from .errors import InputError

    d = _as_date(value)
    try:
        check_assessment_date(d)
    except InputError as exc:
        p = exc.problems[0]
        raise PydanticCustomError(f"careact_{p.code}", "{problem}", {"problem": p.problem}) from None
    return d


BirthDate = Annotated[
    date,
    BeforeValidator(_birth_date),
    WithJsonSchema({"type": "string", "pattern": BIRTH_DATE_PATTERN,
                    "description": "A date of birth, YYYY-MM-DD, from 1900-01-01."}),
]
"""A date of birth: an ISO date from 1 January 1900 (:data:`EARLIEST_BIRTH`) to 31 December 2099."""

def _plausible_date(value: Any) -> date:
    from pydantic_core import PydanticCustomError

    d = _as_date(value)
    if d < EARLIEST_BIRTH or d > LAST_DATE:
        raise PydanticCustomError(
            "careact_range", "{d} is outside the dates careact takes, 1 January 1900 to 31 December 2099 (a date "
            "outside them is almost certainly a typing error)", {"d": d.isoformat()})
    return d


PlausibleDate = Annotated[
    date,
    BeforeValidator(_plausible_date),
    WithJsonSchema({"type": "string", "pattern": BIRTH_DATE_PATTERN,
                    "description": "An ISO date, YYYY-MM-DD, from 1900-01-01 to 2099-12-31."}),
]
"""A date of the record (an observation, a period): an ISO date from 1 January 1900 to 31 December 2099."""

AssessmentDate = Annotated[
    date,
    BeforeValidator(_assessment_date),
    WithJsonSchema({"type": "string", "pattern": ASSESSMENT_DATE_PATTERN,
                    "description": "An ISO date, YYYY-MM-DD, from 2015-04-01 (when careact's rules start) "
                                   "to 2099-12-31."}),
]
"""A date to assess on: an ISO date from 1 April 2015 (:data:`~careact.errors.RULES_START`) to 31 December 2099."""


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
