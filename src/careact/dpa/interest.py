"""Interest on a deferred amount: the maximum rate for each six-month relevant period.

SI 2014/2671 reg 9 (read verbatim):

    (3) The interest rate is a rate that does not exceed the relevant rate for the relevant period
        plus 0.15%.
    (4) The relevant rate is the weighted average interest rate on conventional gilts specified for
        the financial year in which the relevant period starts in the most recent report published
        before the start of the relevant period by the Office of Budget Responsibility …
    (5) The relevant period is the period starting on— (a) 1st January and ending on 30th June in any
        year; or (b) 1st July and ending on 31st December in any year.

The maxima are dated parameters (``dpa.max_interest_rate``), one per relevant period. A period with
no value of its own in the national rule set is flagged as *carried forward*: the figure is the last
one careact knows, not the one in force.

The annual rate becomes a daily rate by dividing by ``dpa.interest_day_count`` (365: actual/365
fixed). How interest is added is a local term of the agreement (:class:`~careact.dpa.models.Compounding`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from ..explain import N_, RuleStep, Trace
from ..results import legacy_call
from ..rules import LayerKind, ParamValue, RuleSet
from ..rules.params.dpa import dpa
from ..rules.reader import FigureLedger, Reader
from ._common import (
    Evaluation,
    OverlayArg,
    half_year_end,
    half_year_start,
    overlay_keyword,
    require_on,
    resolve_rules,
)
from .models import PeriodRate

__all__ = ["AGREED_RATE", "MAX_RATE", "PeriodRate", "RateForPeriod", "explain_rate", "max_interest_rate",
           "period_rate", "relevant_periods"]

_REG9 = "https://www.legislation.gov.uk/uksi/2014/2671/regulation/9/made"
MAX_RATE = RuleStep(
    id="dpa.interest.max_rate",
    title="Maximum interest rate for the relevant period",
    citation="SI 2014/2671 reg 9(3)-(5)",
    href=_REG9,
    guidance="Care and Support Statutory Guidance para 9.67",
)
AGREED_RATE = RuleStep(
    id="dpa.interest.agreed_rate",
    title="Interest rate charged",
    citation="SI 2014/2671 reg 9(1), (3)",
    href=_REG9,
)


@dataclass(frozen=True, slots=True)
class RateForPeriod:
    """The interest rate for one relevant period, with the parameter it came from."""

    start: date
    end: date
    maximum: Decimal
    rate: Decimal  # the rate charged: the maximum, or a lower agreed rate
    status: str  # the maximum's source status, "carried_forward", or "agreed"
    carried_forward: bool
    capped: bool  # an agreed rate above the maximum was cut to it
    param: ParamValue


def relevant_periods(start: date, end: date) -> list[tuple[date, date]]:
    """The relevant periods overlapping [start, end], each clipped to it, in order (SI 2014/2671 reg 9(5))."""
    out: list[tuple[date, date]] = []
    cur = start
    while cur <= end:
        period_end = half_year_end(cur)
        out.append((cur, min(period_end, end)))
        cur = period_end + timedelta(days=1)
    return out


def period_rate(on: date, rules: RuleSet, agreed: Decimal | None, trace: Trace, figures: FigureLedger) -> RateForPeriod:
    """The rate for the relevant period containing ``on`` (SI 2014/2671 reg 9(3)-(5)); the read is
    recorded in ``trace``, and :func:`explain_rate` adds the step that explains it."""
    pv = Reader(rules.at(on), trace, figures).param(dpa.max_interest_rate)
    carried = pv.layer_kind is LayerKind.NATIONAL and half_year_start(pv.effective_from) < half_year_start(on)
    maximum: Decimal = pv.value
    if agreed is None:
        rate, status, capped = maximum, ("carried_forward" if carried else pv.citation.status.value), False
    else:
        rate, status, capped = min(agreed, maximum), "agreed", agreed > maximum
    return RateForPeriod(
        start=half_year_start(on),
        end=half_year_end(on),
        maximum=maximum,
        rate=rate,
        status=status,
        carried_forward=carried,
        capped=capped,
        param=pv,
    )


def explain_rate(pr: RateForPeriod, agreed: Decimal | None, trace: Trace) -> None:
    """Record how the rate for a period was found."""
    if pr.carried_forward:
        template = N_(
            "No maximum rate for the period {start} to {end} is in the rule set; the last known maximum, "
            "{max_pct}% (from {since}), is carried forward. Check the rate in force."
        )
    else:
        template = N_("For the period {start} to {end} the maximum interest rate is {max_pct}% a year.")
    trace.add(
        MAX_RATE,
        template,
        args={"start": pr.start, "end": pr.end, "max_pct": pr.maximum * 100, "since": pr.param.effective_from},
        output=pr.maximum,
    )
    if agreed is not None:
        trace.add(
            AGREED_RATE,
            N_("The agreement's rate of {agreed_pct}% is {verdict}; {rate_pct}% is charged.")
            if pr.capped
            else N_("The agreement's rate of {agreed_pct}% does not exceed the maximum and is charged."),
            args={
                "agreed_pct": agreed * 100,
                "rate_pct": pr.rate * 100,
                "verdict": N_("above the maximum, which the Regulations forbid"),
            },
            output=pr.rate,
        )


def max_interest_rate(
    _on: date | None = None,
    /,
    *,
    on: date | None = None,
    rules: RuleSet | None = None,
    overlays: OverlayArg = (),
    explain: bool = True,
    overlay: OverlayArg = None,
    trace: Trace | None = None,
) -> PeriodRate:
    """The national maximum DPA interest rate for the relevant period containing ``on`` (SI 2014/2671 reg 9).

    ``rules`` defaults to the bundled national rule set and ``overlays`` go on top of it.

    .. versionchanged:: 0.2.0
       ``on`` is keyword-only and ``overlays`` replaces ``overlay``; passing ``trace`` is deprecated.
       The old forms still work, with a :class:`DeprecationWarning`, until 0.3.
    """
    fn = "careact.dpa.max_interest_rate"
    kw: dict[str, Any] = {"on": on}
    legacy_call(fn, [a for a in (_on,) if a is not None], ("on",), kw)
    overlays = overlay_keyword(fn, overlay, overlays)
    day = require_on(kw["on"], "max_interest_rate(on=date(2025, 6, 1))")
    rs = resolve_rules(rules, overlays, on=day)
    ev = Evaluation.with_trace(rs, explain, trace, fn)
    pr = period_rate(day, rs, None, ev.trace, ev.figures)
    explain_rate(pr, None, ev.trace)
    return PeriodRate(
        on=day,
        start=pr.start,
        end=pr.end,
        maximum=pr.maximum,
        rate=pr.rate,
        status=pr.status,
        carried_forward=pr.carried_forward,
        capped=pr.capped,
        **ev.common("dpa.interest_rate", day),
    )
