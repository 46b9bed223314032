"""Periods: the week is careact's native period; every other frequency is converted explicitly.

Conversion to a weekly amount (Care and Support Statutory Guidance, Annex C — income is assessed
as a weekly amount):

========================  =====================================
frequency                 weekly amount
========================  =====================================
weekly                    the amount
fortnightly               amount ÷ 2
four-weekly               amount ÷ 4
monthly (calendar)        amount × 12 ÷ 52
quarterly                 amount × 4 ÷ 52
annually                  amount ÷ 52
========================  =====================================

The result is rounded once to the penny (:func:`careact.money.round_pence`). Capital is a stock,
not a flow: it is never converted.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from .money import round_pence

__all__ = ["FACTORS", "RULE_TEXT", "WEEKS_IN_YEAR", "Frequency", "WeeklyConversion", "to_weekly", "weekly_to"]

WEEKS_IN_YEAR = 52
"""The number of weeks careact takes a year to have when converting amounts (Annex C convention)."""


class Frequency(StrEnum):
    """How often an amount is paid."""

    WEEKLY = "weekly"
    FORTNIGHTLY = "fortnightly"
    FOUR_WEEKLY = "four_weekly"
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    ANNUALLY = "annually"


# (multiplier, divisor): weekly = amount × multiplier ÷ divisor
_FACTORS: dict[Frequency, tuple[int, int]] = {
    Frequency.WEEKLY: (1, 1),
    Frequency.FORTNIGHTLY: (1, 2),
    Frequency.FOUR_WEEKLY: (1, 4),
    Frequency.MONTHLY: (12, WEEKS_IN_YEAR),
    Frequency.QUARTERLY: (4, WEEKS_IN_YEAR),
    Frequency.ANNUALLY: (1, WEEKS_IN_YEAR),
}

_RULE_TEXT: dict[Frequency, str] = {
    Frequency.WEEKLY: "weekly amount taken as it is",
    Frequency.FORTNIGHTLY: "fortnightly amount ÷ 2",
    Frequency.FOUR_WEEKLY: "four-weekly amount ÷ 4",
    Frequency.MONTHLY: "monthly amount × 12 ÷ 52",
    Frequency.QUARTERLY: "quarterly amount × 4 ÷ 52",
    Frequency.ANNUALLY: "annual amount ÷ 52",
}


FACTORS = _FACTORS
"""(multiplier, divisor) by frequency: weekly = amount × multiplier ÷ divisor."""
RULE_TEXT = _RULE_TEXT
"""The conversion by frequency, in words, for explanations."""


@dataclass(frozen=True, slots=True)
class WeeklyConversion:
    """A conversion to a weekly amount, with the rule used, for the explanation."""

    amount: Decimal
    frequency: Frequency
    weekly: Decimal
    rule: str


def to_weekly(amount: Decimal, frequency: Frequency | str) -> WeeklyConversion:
    """Convert ``amount`` paid at ``frequency`` to a weekly amount, rounded to the penny."""
    freq = Frequency(frequency)
    mul, div = _FACTORS[freq]
    weekly = amount if (mul, div) == (1, 1) else round_pence(amount * mul / div)
    return WeeklyConversion(amount=amount, frequency=freq, weekly=weekly, rule=_RULE_TEXT[freq])


def weekly_to(weekly: Decimal, frequency: Frequency | str) -> Decimal:
    """Convert a weekly amount to ``frequency`` (the inverse of :func:`to_weekly`), rounded to the penny."""
    freq = Frequency(frequency)
    mul, div = _FACTORS[freq]
    return round_pence(weekly * div / mul)
