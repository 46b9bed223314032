"""What the adult pays from income under a DPA, and what is deferred each week.

While a DPA is in force the adult keeps a **disposable income allowance** (DIA) of up to £144 a week
in place of the personal expenses allowance, to maintain and insure the home and for personal needs
(Care and Support Statutory Guidance paras 9.48–9.50). They may choose to keep less, but never less
than the personal expenses allowance the charging rules guarantee (SI 2014/2672 reg 6), which the DIA
includes. The rest of their assessed weekly income is paid towards the care; what remains of the
weekly care cost, after any other contribution, is deferred::

    contribution from income = max(0, assessed weekly income − DIA kept)
    deferred each week       = max(0, weekly care cost − contribution from income − other contribution)
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from ..explain import N_, Explanation, RuleStep, Trace, gbp
from ..money import ZERO
from ..rules import RuleSet
from ..rules.params.charging import allowances
from ..rules.params.dpa import dpa
from ..rules.reader import Reader
from ._common import OverlayArg, resolve_rules
from .models import WeeklyDeferral

__all__ = ["DEFERRED", "DIA", "weekly_deferral"]

DIA = RuleStep(
    id="dpa.income.disposable_income_allowance",
    title="Disposable income allowance",
    citation="SI 2014/2671 (the adult's contribution; regulation not identified); Care and Support Statutory Guidance paras 9.48-9.50; never below the personal expenses allowance, SI 2014/2672 reg 6",
    href="https://westsussexconnecttosupport.org/alt-home/adult-social-care-publications/deferred-payments/disposable-income-allowance",
)
DEFERRED = RuleStep(
    id="dpa.income.weekly_deferred",
    title="Weekly amount deferred",
    citation="Care Act 2014 s.34(2); SI 2014/2671 reg 2",
    href="https://www.legislation.gov.uk/ukpga/2014/23/section/34",
)


def weekly_deferral(
    on: date,
    *,
    weekly_care_cost: Decimal,
    weekly_income: Decimal,
    disposable_income_allowance: Decimal | None = None,
    other_weekly_contribution: Decimal = ZERO,
    rules: RuleSet | None = None,
    overlay: OverlayArg = None,
    trace: Trace | None = None,
) -> WeeklyDeferral:
    """The weekly deferred amount on ``on``; ``disposable_income_allowance=None`` keeps the maximum."""
    rs = resolve_rules(rules, overlay)
    res = rs.at(on)
    own = trace is None
    trace = trace if trace is not None else Trace()
    r = Reader(res, trace)
    max_pv = r.param(dpa.disposable_income_allowance)
    pea_pv = r.param(allowances.personal_expenses)
    chosen = max_pv.value if disposable_income_allowance is None else disposable_income_allowance
    kept = min(max(chosen, pea_pv.value), max_pv.value)
    if kept != chosen:
        template = N_(
            "The adult asked to keep {chosen} a week; the allowance must lie between the personal expenses "
            "allowance {pea} and the maximum {max}, so {kept} is kept."
        )
    elif disposable_income_allowance is None:
        template = N_("The adult keeps the maximum disposable income allowance, {kept} a week.")
    else:
        template = N_("The adult chose to keep {kept} a week (the maximum is {max}).")
    trace.add(
        DIA,
        template,
        args={"chosen": gbp(chosen), "pea": gbp(pea_pv.value), "max": gbp(max_pv.value), "kept": gbp(kept)},
        inputs={"requested": disposable_income_allowance},
        output=kept,
    )
    from_income = max(ZERO, weekly_income - kept)
    deferred = max(ZERO, weekly_care_cost - from_income - other_weekly_contribution)
    trace.add(
        DEFERRED,
        N_(
            "Care costs {cost} a week, less {from_income} paid from income ({income} less {kept}) and {other} "
            "from other sources: {deferred} a week is deferred."
        ),
        args={
            "cost": gbp(weekly_care_cost),
            "from_income": gbp(from_income),
            "income": gbp(weekly_income),
            "kept": gbp(kept),
            "other": gbp(other_weekly_contribution),
            "deferred": gbp(deferred),
        },
        inputs={
            "weekly_care_cost": weekly_care_cost,
            "weekly_income": weekly_income,
            "other_weekly_contribution": other_weekly_contribution,
        },
        output=deferred,
    )
    return WeeklyDeferral(
        explanation=Explanation.from_trace("dpa.weekly_deferral", on, rs.identity(), trace if own else Trace()),
        on=on,
        weekly_care_cost=weekly_care_cost,
        weekly_income=weekly_income,
        disposable_income_allowance=kept,
        contribution_from_income=from_income,
        other_weekly_contribution=other_weekly_contribution,
        deferred=deferred,
    )
