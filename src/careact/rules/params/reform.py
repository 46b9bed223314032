"""Declarations of reform terms: parameters only a reform overlay sets (absent from the national rule set).

Every term is optional: a reform without ``reform.cap.amount`` has no cap; one without
``reform.daily_living_costs.weekly`` nets nothing off before metering; one without
``reform.self_funder_keeps_pea`` follows careact's convention that a self-funder running down capital
keeps the personal expenses allowance (or the minimum income guarantee) from income.
"""

from __future__ import annotations

from ..declare import Group, Scope, choice, flag, money, rate

__all__ = ["METERING_CHOICES", "METERING_RATE_CHOICES", "reform", "reform_cap", "reform_capital",
           "reform_daily_living_costs", "reform_free_personal_care"]

_S15 = "https://www.legislation.gov.uk/ukpga/2014/23/section/15"
_HCA = "https://www.legislation.gov.uk/ukpga/2022/31/section/166/enacted"
METERING_CHOICES = ("personal_budget", "own_contribution")
METERING_RATE_CHOICES = ("la_rate", "actual_cost")


class reform_cap(Group, prefix="reform.cap"):
    amount = money("Lifetime cap on the costs accrued in meeting eligible needs",
                   provision="Care Act 2014 s 15(1)", href=_S15, scope=Scope.REFORM)
    metering = choice(
        "What accrues towards the cap: personal_budget (s 15(2) as enacted: the whole cost at the local authority "
        "rate) or own_contribution (Health and Care Act 2022 s 166: for needs the authority meets, only what it "
        "charges the adult; a self-funder the cost to the authority)", METERING_CHOICES,
        provision="Care Act 2014 s 15(2); Health and Care Act 2022 s 166", href=_HCA, scope=Scope.REFORM)
    metering_rate = choice(
        "The rate at which care is metered: la_rate (the cost to the local authority) or actual_cost",
        METERING_RATE_CHOICES, provision="Care Act 2014 s 15(2)", href=_S15, scope=Scope.REFORM)


class reform_daily_living_costs(Group, prefix="reform.daily_living_costs"):
    weekly = money("Notional daily living costs for care-home residents (the 2021 reform: £200 a week in 2021-22 "
                   "prices, held flat): the part of a care-home charge that never counts towards the cap (s 15(6)) "
                   "and that a resident still pays, means-tested, after reaching it (s 15(7), s 17(2))",
                   provision="Care Act 2014 s 15(6)-(7); s 17(2)", href=_S15, scope=Scope.REFORM, weekly=True)


class reform_capital(Group, prefix="reform.capital"):
    upper_limit_home_disregarded = money(
        "A second upper capital limit where the home is not counted", provision="Care Act 2014 s 17 (as proposed)",
        scope=Scope.REFORM)


class reform(Group, prefix="reform"):
    self_funder_keeps_pea = flag(
        "Modelling convention: whether a self-funder, paying the full cost while running down capital, keeps the "
        "personal expenses allowance (or the minimum income guarantee) from income, drawing only the rest of the "
        "cost from capital (true), or pays from all of their income first (false). No statutory rule: a self-funder "
        "above the upper limit is not means-tested (Care Act 2014 s 18(2)-(3))",
        provision="Care Act 2014 s 18; SI 2014/2672 regs 6-7 (a modelling convention, not a rule)",
        href="https://www.legislation.gov.uk/ukpga/2014/23/section/18", scope=Scope.REFORM)
    home_counted_domiciliary = flag("The home counts in the means test for care at home",
                                    provision="SI 2014/2672 Sch 2 (as a reform would amend it)", scope=Scope.REFORM)
    deferred_payments_domiciliary = flag("Deferred payments are available for care at home",
                                         provision="Care Act 2014 s 34 (as a reform would extend it)",
                                         scope=Scope.REFORM)


class reform_free_personal_care(Group, prefix="reform.free_personal_care"):
    enabled = flag("Personal care is free (no means test for it)", provision="Care Act 2014 s 14 (as a reform "
                   "would amend it)", scope=Scope.REFORM)
    domiciliary_personal_share = rate("The share of a home-care package that is personal care",
                                      provision="Care Act 2014 s 14 (as a reform would amend it)",
                                      scope=Scope.REFORM)
