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

import warnings
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from ..errors import InputError
from ..explain import N_, RuleStep, Trace, gbp
from ..money import ZERO
from ..rules import RuleSet
from ..rules.params.charging import allowances
from ..rules.params.dpa import dpa
from ..rules.reader import FigureLedger, Reader
from ._common import Evaluation, OverlayArg, coerce, overlay_keyword, require_on, resolve_rules
from .models import WeeklyDeferral, WeeklyDeferralCase

__all__ = ["DEFERRED", "DIA", "DeferralFigures", "deferral_on", "weekly_deferral"]

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

_CASE_FIELDS = ("weekly_care_cost", "weekly_income", "disposable_income_allowance", "other_weekly_contribution")


@dataclass(frozen=True, slots=True)
class DeferralFigures:
    """The working of one week's deferral."""

    kept: Decimal
    from_income: Decimal
    deferred: Decimal


def deferral_on(case: WeeklyDeferralCase, on: date, rules: RuleSet, trace: Trace, figures: FigureLedger) -> DeferralFigures:
    """The disposable income allowance kept and the weekly amount deferred on ``on``, recorded in ``trace``.

    Care and Support Statutory Guidance paras 9.48-9.50 (the allowance, at most the maximum and at
    least the personal expenses allowance of SI 2014/2672 reg 6); Care Act 2014 s 34(2) (the amount
    deferred).
    """
    r = Reader(rules.at(on), trace, figures)
    maximum = r.param(dpa.disposable_income_allowance).value
    pea = r.param(allowances.personal_expenses).value
    asked = case.disposable_income_allowance
    chosen = maximum if asked is None else asked
    kept = min(max(chosen, pea), maximum)
    if kept != chosen:
        template = N_(
            "The adult asked to keep {chosen} a week; the allowance must lie between the personal expenses "
            "allowance {pea} and the maximum {max}, so {kept} is kept."
        )
    elif asked is None:
        template = N_("The adult keeps the maximum disposable income allowance, {kept} a week.")
    else:
        template = N_("The adult chose to keep {kept} a week (the maximum is {max}).")
    trace.add(
        DIA,
        template,
        args={"chosen": gbp(chosen), "pea": gbp(pea), "max": gbp(maximum), "kept": gbp(kept)},
        inputs={"requested": asked},
        output=kept,
    )
    from_income = max(ZERO, case.weekly_income - kept)
    deferred = max(ZERO, case.weekly_care_cost - from_income - case.other_weekly_contribution)
    trace.add(
        DEFERRED,
        N_(
            "Care costs {cost} a week, less {from_income} paid from income ({income} less {kept}) and {other} "
            "from other sources: {deferred} a week is deferred."
        ),
        args={
            "cost": gbp(case.weekly_care_cost),
            "from_income": gbp(from_income),
            "income": gbp(case.weekly_income),
            "kept": gbp(kept),
            "other": gbp(case.other_weekly_contribution),
            "deferred": gbp(deferred),
        },
        inputs={
            "weekly_care_cost": case.weekly_care_cost,
            "weekly_income": case.weekly_income,
            "other_weekly_contribution": case.other_weekly_contribution,
        },
        output=deferred,
    )
    return DeferralFigures(kept, from_income, deferred)


def weekly_deferral(
    case: WeeklyDeferralCase | dict[str, Any] | date | None = None,
    /,
    *,
    on: date | None = None,
    rules: RuleSet | None = None,
    overlays: OverlayArg = (),
    explain: bool = True,
    overlay: OverlayArg = None,
    trace: Trace | None = None,
    **amounts: Any,
) -> WeeklyDeferral:
    """The disposable income allowance kept and the weekly amount deferred on ``on``.

    ``case`` is a :class:`~careact.dpa.models.WeeklyDeferralCase` (or its mapping): the weekly care
    cost, the adult's assessed weekly income, the allowance they ask to keep (none: the maximum) and
    any other weekly contribution. ``rules`` defaults to the bundled national rule set and
    ``overlays`` go on top of it.

    .. versionchanged:: 0.2.0
       The amounts are one ``case`` and ``on`` is keyword-only. The old form
       ``weekly_deferral(on, weekly_care_cost=..., weekly_income=...)`` (and ``overlay=``, ``trace=``)
       still works, with a :class:`DeprecationWarning`, until 0.3.
    """
    fn = "careact.dpa.weekly_deferral"
    if "case" in amounts:
        if case is not None:
            raise TypeError(f"{fn}() got 'case' both by position and by keyword")
        case = amounts.pop("case")
    if isinstance(case, date) or (case is None and amounts):
        warnings.warn(f"{fn}: pass the amounts as one case and the date by keyword, "
                      f"{fn}({{'weekly_care_cost': ..., 'weekly_income': ...}}, on=...); the old form will be "
                      "removed in careact 0.3", DeprecationWarning, stacklevel=2)
        if isinstance(case, date):
            if on is not None:
                raise TypeError(f"{fn}() got 'on' both by position and by keyword")
            on = case
        unknown = sorted(set(amounts) - set(_CASE_FIELDS))
        if unknown:
            raise TypeError(f"{fn}() got an unexpected keyword argument {unknown[0]!r}")
        case = {k: v for k, v in amounts.items() if v is not None}
    elif amounts:
        raise TypeError(f"{fn}() got an unexpected keyword argument {sorted(amounts)[0]!r}")
    if case is None:
        raise InputError.single("case", "is required: the weekly care cost and the adult's weekly income", "missing")
    overlays = overlay_keyword(fn, overlay, overlays)
    day = require_on(on, "weekly_deferral(case, on=date(2025, 6, 1))")
    model = coerce(WeeklyDeferralCase, case)
    rs = resolve_rules(rules, overlays, on=day)
    ev = Evaluation.with_trace(rs, explain, trace, fn)
    wd = deferral_on(model, day, rs, ev.trace, ev.figures)
    return WeeklyDeferral(
        on=day,
        weekly_care_cost=model.weekly_care_cost,
        weekly_income=model.weekly_income,
        disposable_income_allowance=wd.kept,
        contribution_from_income=wd.from_income,
        other_weekly_contribution=model.other_weekly_contribution,
        deferred=wd.deferred,
        inputs=model,
        **ev.common("dpa.weekly_deferral", day),
    )
