"""Deferred payment agreements (England): Care Act 2014 ss.34-35 and SI 2014/2671.

Every function follows careact's call convention — its input first, the keyword ``on`` (required),
``rules`` and ``overlays``, ``explain`` — and returns a pydantic result with ``.explanation``,
``.figures``, the rule-set identity, the careact version and its normalised ``inputs``::

    from careact.dpa import dpa_eligibility
    offer = dpa_eligibility({"capital_excluding_home": "12000", "property": {"market_value": "240000"}},
                            on=date(2025, 6, 1))

* :func:`dpa_eligibility` — must, may or need not the authority offer a DPA (regs 2-4);
* :func:`equity_limit` — the most that can be deferred against the adult's interest in the home;
* :func:`weekly_deferral` — the disposable income allowance and the weekly amount deferred
  (:func:`income_for_deferral` assesses a charging case with the home left out);
* :func:`max_interest_rate` — the national maximum interest rate for a six-month period (reg 9);
* :func:`dpa_statement` — a statement of the debt to a date: care costs deferred, administration
  charges (reg 10) and compound interest, until the equity limit is reached.
"""

from __future__ import annotations

from .charging_link import assessed_weekly_income, income_for_deferral
from .eligibility import dpa_eligibility
from .equity import equity_limit
from .income import weekly_deferral
from .interest import max_interest_rate, relevant_periods
from .models import (
    AdminCharge,
    Compounding,
    DeferralChange,
    DpaAgreement,
    DpaApplication,
    DpaEligibility,
    DpaStatement,
    EquityLimit,
    Offer,
    PeriodRate,
    PropertyInterest,
    Revaluation,
    Security,
    Setting,
    StatementRow,
    WeeklyDeferral,
    WeeklyDeferralCase,
)
from .statement import dpa_statement

__all__ = [
    "AdminCharge",
    "Compounding",
    "DeferralChange",
    "DpaAgreement",
    "DpaApplication",
    "DpaEligibility",
    "DpaStatement",
    "EquityLimit",
    "Offer",
    "PeriodRate",
    "PropertyInterest",
    "Revaluation",
    "Security",
    "Setting",
    "StatementRow",
    "WeeklyDeferral",
    "WeeklyDeferralCase",
    "assessed_weekly_income",
    "dpa_eligibility",
    "dpa_statement",
    "equity_limit",
    "income_for_deferral",
    "max_interest_rate",
    "relevant_periods",
    "weekly_deferral",
]
