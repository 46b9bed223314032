"""Deferred payment agreements (England): Care Act 2014 ss.34-35 and SI 2014/2671.

* :func:`dpa_eligibility` — must, may or need not the authority offer a DPA (regs 2-4);
* :func:`equity_limit` — the most that can be deferred against the adult's interest in the home;
* :func:`weekly_deferral` — the disposable income allowance and the weekly amount deferred
  (:func:`assessed_weekly_income` takes the income from a charging case, the home left out);
* :func:`max_interest_rate` — the national maximum interest rate for a six-month period (reg 9);
* :func:`dpa_statement` — a statement of the debt over time: care costs deferred, administration
  charges (reg 10) and compound interest, until the equity limit is reached.

Every function returns a result with an :class:`~careact.explain.Explanation` citing the law and
the parameters it read.
"""

from __future__ import annotations

from .charging_link import assessed_weekly_income
from .eligibility import dpa_eligibility
from .equity import equity_limit
from .income import weekly_deferral
from .interest import PeriodRate, max_interest_rate, relevant_periods
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
    PropertyInterest,
    Revaluation,
    Security,
    Setting,
    StatementRow,
    WeeklyDeferral,
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
    "assessed_weekly_income",
    "dpa_eligibility",
    "dpa_statement",
    "equity_limit",
    "max_interest_rate",
    "relevant_periods",
    "weekly_deferral",
]
