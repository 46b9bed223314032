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

from datetime import date
from decimal import Decimal

from ..explain import N_, Explanation, RuleStep, Trace, gbp
from ..money import ZERO, round_pence
from ..rules import RuleSet
from ..rules.params.charging import capital
from ..rules.params.dpa import dpa
from ..rules.reader import Reader
from ._common import OverlayArg, coerce, resolve_rules
from .models import EquityLimit, PropertyInterest

__all__ = ["EQUITY_LIMIT", "INTEREST_VALUE", "equity_limit", "interest_value_on"]

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


def equity_limit(
    prop: PropertyInterest | dict,
    on: date,
    *,
    rules: RuleSet | None = None,
    overlay: OverlayArg = None,
    trace: Trace | None = None,
) -> EquityLimit:
    """The equity limit on ``on`` for the adult's interest ``prop``, with its explanation."""
    prop = coerce(PropertyInterest, prop, "property")
    rs = resolve_rules(rules, overlay)
    res = rs.at(on)
    own_trace = trace is None
    trace = trace if trace is not None else Trace()
    r = Reader(res, trace)

    value, market, valued_on = interest_value_on(prop, on)
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

    share_pv = r.param(dpa.equity_limit_share)
    lcl_pv = r.param(capital.lower_limit)
    usable = round_pence(value * share_pv.value)
    raw = usable - lcl_pv.value - prop.prior_charges
    limit = max(ZERO, raw)
    trace.add(
        EQUITY_LIMIT,
        N_(
            "Equity limit: {share_pct}% of {value} is {usable}; less the lower capital limit {lcl} and "
            "{prior} of charges ranking before the authority's leaves {limit}."
        ),
        args={
            "share_pct": share_pv.value * 100,
            "value": gbp(value),
            "usable": gbp(usable),
            "lcl": gbp(lcl_pv.value),
            "prior": gbp(prop.prior_charges),
            "limit": gbp(limit),
        },
        inputs={"interest_value": value, "prior_charges": prop.prior_charges},
        output=limit,
    )
    explanation = Explanation.from_trace("dpa.equity_limit", on, rs.identity(), trace if own_trace else Trace())
    return EquityLimit(
        explanation=explanation,
        on=on,
        interest_value=value,
        usable=usable,
        lower_capital_limit=lcl_pv.value,
        prior_charges=prop.prior_charges,
        limit=limit,
    )
