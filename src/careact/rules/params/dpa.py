"""Declarations of the deferred payment parameters: Care Act 2014 ss 34-35 and SI 2014/2671."""

from __future__ import annotations

from ..declare import Group, Scope, days, flag, money, rate

__all__ = ["dpa"]

_R = "https://www.legislation.gov.uk/uksi/2014/2671"


class dpa(Group, prefix="dpa"):
    disposable_income_allowance = money(
        "Maximum weekly disposable income allowance an adult with a deferred payment agreement may keep from "
        "income (in place of, and inclusive of, the personal expenses allowance)",
        provision="SI 2014/2671; Care and Support Statutory Guidance chapter 9", href=f"{_R}/contents/made",
        scope=Scope.FLOOR, weekly=True)
    equity_limit_share = rate(
        "Share of the value of the adult's interest in the secured property usable before the lower capital limit "
        "and prior charges are deducted (the equity limit)", provision="Care and Support Statutory Guidance chapter 9",
        scope=Scope.CEILING)
    interest_day_count = days(
        "Days in the year used to turn the annual interest rate into a daily rate", provision="SI 2014/2671 reg 9",
        href=f"{_R}/regulation/9")
    interest_margin = rate(
        "Maximum interest margin added to the relevant rate (the weighted average gilt rate), reset each 1 January "
        "and 1 July", provision="SI 2014/2671 reg 9(3)", href=f"{_R}/regulation/9")
    max_interest_rate = rate(
        "National maximum interest rate on a deferred payment agreement for a six-month relevant period",
        provision="SI 2014/2671 reg 9(3)-(5)", href=f"{_R}/regulation/9", scope=Scope.CEILING)
    self_funders_must_be_offered = flag(
        "Whether the duty to offer a deferred payment covers adults whose care-home needs the authority is not "
        "meeting only because their resources are above the financial limit", provision="SI 2014/2671 reg 2(2)",
        href=f"{_R}/regulation/2", scope=Scope.NATIONAL)
