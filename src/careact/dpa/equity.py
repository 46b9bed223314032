"""The equity limit: the most that can be deferred against the adult's interest in a property.

Care and Support Statutory Guidance, chapter 9 (as restated by councils; the guidance text itself is
not in careact's sources)::

    equity limit = value of the adult's interest × 90%
                   − the lower capital limit
                   − any charge on the interest ranking before the authority's

The 10% margin covers the costs of sale and a fall in value; the lower capital limit is kept back
because it is the capital the adult would keep anyway. The limit is recomputed whenever the property
is revalued or the lower capital limit changes, and is never negative.

**Joint ownership.** careact applies the formula to the value of *the adult's interest*
(``market value × share``, or a separately agreed ``interest_value``), as the Care Act 2014
s.34(5)(a) security is a charge over "the adult's legal or beneficial interest". One council
(Bath & North East Somerset) words the joint-owner rule as reducing the property value by 10% ×
share; that reading gives a different (larger) figure, and careact records the choice it made in
the explanation.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from ..explain import N_, RuleStep, Trace, gbp
from ..money import ZERO, round_pence
from ..results import legacy_call
from ..rules import RuleSet
from ..rules.params.charging import capital
from ..rules.params.dpa import dpa
from ..rules.reader import FigureLedger, Reader
from ._common import Evaluation, OverlayArg, coerce, overlay_keyword, require_on, resolve_rules
from .models import EquityLimit, PropertyInterest

__all__ = ["EQUITY_LIMIT", "INTEREST_VALUE", "EquityFigures", "equity_limit", "equity_on", "interest_value_on"]

INTEREST_VALUE = RuleStep(
    id="dpa.equity.interest_value",
    title="Value of the adult's interest in the property",
    citation="Care Act 2014 s.34(5)(a)",
    href="https://www.legislation.gov.uk/ukpga/2014/23/section/34",
    guidance="Care and Support Statutory Guidance ch. 9 (security; joint ownership)",
)
EQUITY_LIMIT = RuleStep(
    id="dpa.equity.limit",
    title="Equity limit",
    citation="Care and Support Statutory Guidance ch. 9 (how much can be deferred)",
    href="https://www.gloucestershire.gov.uk/health-and-social-care/adult-social-care/social-care-policies-and-procedures/deferred-payments-agreement-policy/equity-limit",
    guidance="statutory guidance restated by Gloucestershire CC DPA policy 12.1 (source status: secondary)",
)


@dataclass(frozen=True, slots=True)
class EquityFigures:
    """The equity limit's working on one date."""

    interest_value: Decimal
    usable: Decimal
    lower_capital_limit: Decimal
    prior_charges: Decimal
    limit: Decimal


def interest_value_on(prop: PropertyInterest, on: date) -> tuple[Decimal, Decimal, date | None]:
    """(value of the adult's interest, market value used, date of the valuation used) on ``on``.

    The latest revaluation on or before ``on`` replaces the original market value; an explicit
    ``interest_value`` applies only until the first revaluation.
    """
    market = prop.market_value
    valued_on: date | None = None
    for r in prop.revaluations:
        if r.on <= on:
            market, valued_on = r.market_value, r.on
    if prop.interest_value is not None and valued_on is None:
        return prop.interest_value, market, None
    return round_pence(market * prop.share), market, valued_on


def equity_on(prop: PropertyInterest, on: date, rules: RuleSet, trace: Trace, figures: FigureLedger) -> EquityFigures:
    """The equity limit on ``on`` (Care and Support Statutory Guidance ch. 9), recorded in ``trace``."""
    r = Reader(rules.at(on), trace, figures)
    value, market, valued_on = interest_value_on(prop, on)
    if trace.enabled:
        if prop.interest_value is not None and valued_on is None:
            trace.add(
                INTEREST_VALUE,
                N_("The adult's interest in the property was valued separately at {value}."),
                args={"value": gbp(value)},
                inputs={"interest_value": value},
                output=value,
            )
        elif prop.share == 1:
            trace.add(
                INTEREST_VALUE,
                N_("The adult owns the whole property, valued at {market}."),
                args={"market": gbp(market)},
                inputs={"market_value": market, "valued_on": valued_on},
                output=value,
            )
        else:
            trace.add(
                INTEREST_VALUE,
                N_(
                    "The adult owns {share} of the property, valued at {market}, so their interest is "
                    "{value} (the limit is worked out on the adult's own interest, not the whole property)."
                ),
                args={"share": prop.share, "market": gbp(market), "value": gbp(value)},
                inputs={"market_value": market, "share": prop.share, "valued_on": valued_on},
                output=value,
            )

    share = r.param(dpa.equity_limit_share).value
    lcl = r.param(capital.lower_limit).value
    usable = round_pence(value * share)
    limit = max(ZERO, usable - lcl - prop.prior_charges)
    trace.add(
        EQUITY_LIMIT,
        N_(
            "Equity limit: {share_pct}% of {value} is {usable}; less the lower capital limit {lcl} and "
            "{prior} of charges ranking before the authority's leaves {limit}."
        ),
        args={
            "share_pct": share * 100,
            "value": gbp(value),
            "usable": gbp(usable),
            "lcl": gbp(lcl),
            "prior": gbp(prop.prior_charges),
            "limit": gbp(limit),
        },
        inputs={"interest_value": value, "prior_charges": prop.prior_charges},
        output=limit,
    )
    return EquityFigures(value, usable, lcl, prop.prior_charges, limit)


def equity_limit(
    prop: PropertyInterest | dict[str, Any],
    _on: date | None = None,
    /,
    *,
    on: date | None = None,
    rules: RuleSet | None = None,
    overlays: OverlayArg = (),
    explain: bool = True,
    overlay: OverlayArg = None,
    trace: Trace | None = None,
) -> EquityLimit:
    """The equity limit on ``on`` for the adult's interest ``prop``, with its explanation.

    ``rules`` defaults to the bundled national rule set and ``overlays`` go on top of it.

    .. versionchanged:: 0.2.0
       ``on`` is keyword-only and ``overlays`` replaces ``overlay``; passing ``trace`` is deprecated.
       The old forms still work, with a :class:`DeprecationWarning`, until 0.3.
    """
    kw: dict[str, Any] = {"on": on}
    legacy_call("careact.dpa.equity_limit", [a for a in (_on,) if a is not None], ("on",), kw)
    overlays = overlay_keyword("careact.dpa.equity_limit", overlay, overlays)
    day = require_on(kw["on"], "equity_limit(property, on=date(2025, 6, 1))")
    prop = coerce(PropertyInterest, prop, "property")
    rs = resolve_rules(rules, overlays, on=day)
    ev = Evaluation.with_trace(rs, explain, trace, "careact.dpa.equity_limit")
    eq = equity_on(prop, day, rs, ev.trace, ev.figures)
    return EquityLimit(
        on=day,
        interest_value=eq.interest_value,
        usable=eq.usable,
        lower_capital_limit=eq.lower_capital_limit,
        prior_charges=eq.prior_charges,
        limit=eq.limit,
        inputs=prop,
        **ev.common("dpa.equity_limit", day),
    )
