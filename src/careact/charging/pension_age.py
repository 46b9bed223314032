"""Pension credit age: the date a person reaches the qualifying age for state pension credit.

State Pension Credit Act 2002 s 1(6): the qualifying age is pensionable age for a woman, and for a
man the pensionable age of a woman born on the same day. Pensionable age comes from the Pensions Act
1995 Sch 4 Part 1 as amended by the Pensions Acts 2007, 2011 and 2014; the table is data
(``catalogue/pension_credit_age.toml``). The minimum income guarantee (SI 2014/2672 reg 7) turns on it.
"""

from __future__ import annotations

from bisect import bisect_right
from datetime import date
from functools import lru_cache

from dateutil.relativedelta import relativedelta

from ..dates import birthday_of_age
from ..errors import InputError
from .catalogue import pension_age_bands

__all__ = ["PENSION_AGE_CITATION", "has_reached_pension_credit_age", "pension_credit_age_date"]

PENSION_AGE_CITATION = "State Pension Credit Act 2002 s 1(6); Pensions Act 1995 Sch 4 Part 1 (as amended)"


@lru_cache(maxsize=8192)
def pension_credit_age_date(date_of_birth: date, ruleset: str = "england", field: str = "person.date_of_birth") -> date:
    """The day a person born on ``date_of_birth`` reaches pension credit age (a pure function, cached).

    ``field`` names the input in any error (``person.date_of_birth`` or ``partner.date_of_birth``).
    """
    bands = pension_age_bands(ruleset)
    starts = [b.born_from for b in bands]
    i = bisect_right(starts, date_of_birth) - 1
    if i < 0 or date_of_birth > bands[i].born_to:
        raise InputError.single(
            field,
            f"{date_of_birth.isoformat()} is outside the pension-age table "
            f"({bands[0].born_from.isoformat()} to {bands[-1].born_to.isoformat()})",
            "out_of_range",
        )
    band = bands[i]
    if band.reached_on is not None:
        return band.reached_on
    years, months = band.age_years or 0, band.age_months or 0
    if months == 0:
        return birthday_of_age(date_of_birth, years)
    # "attains the age of 66 years and N months": N months after the 66th birthday, same day of month
    return birthday_of_age(date_of_birth, years) + relativedelta(months=months)


def has_reached_pension_credit_age(
    date_of_birth: date, on: date, ruleset: str = "england", field: str = "person.date_of_birth"
) -> bool:
    return on >= pension_credit_age_date(date_of_birth, ruleset, field)
