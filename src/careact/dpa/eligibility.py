"""Who must, or may, be offered a deferred payment agreement (SI 2014/2671 regs 2–4).

A local authority **must** enter into a DPA (reg 2) where, on the date:

1. *needs*: the adult's needs are (to be) met by accommodation in a care home — or, from
   5 February 2018, would be so met but for the adult's resources being above the financial limit
   (reg 2(2)(a)(iii), inserted by SI 2017/1318);
2. *property*: the adult has a legal or beneficial interest in a property they occupy, or used to
   occupy, as their only or main home, and its value is not disregarded;
3. *capital*: the adult's capital other than that interest does not exceed the upper capital limit
   ("does not exceed": at or below the limit qualifies);
4. *security*: the authority can obtain adequate security — a first legal charge (reg 4);
5. the adult agrees to the terms of the agreement.

Otherwise the authority **may** enter into one (reg 3): where the needs are met in supported living
accommodation, or a care home case fails the capital or security condition but another form of
security is offered. careact reports which conditions failed so the discretion can be exercised.

While the 12-week property disregard runs (SI 2014/2672 Sch 2 para 2) the home's value is
disregarded; authorities offer the DPA so that it is in place when the disregard ends. careact
reports the agreement as available from the day after the disregard ends (common council practice,
not a rule read in the Regulations).
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

from ..errors import InputError
from ..explain import N_, RuleStep, gbp
from ..rules import RuleSet
from ..rules.params.charging import capital
from ..rules.params.dpa import dpa
from ..rules.reader import Reader
from ..validation import validate_model
from ._common import Evaluation, OverlayArg, overlay_keyword, require_on, resolve_rules
from .equity import equity_on
from .models import DpaApplication, DpaEligibility, Offer, Security, Setting

__all__ = ["CAPITAL", "NEEDS", "OUTCOME", "PROPERTY", "SECURITY", "dpa_eligibility"]

_REG2 = "https://www.legislation.gov.uk/uksi/2014/2671/regulation/2"
NEEDS = RuleStep(
    id="dpa.eligibility.needs",
    title="Needs met in a care home",
    citation="SI 2014/2671 reg 2(2)(a) (as amended by SI 2017/1318)",
    href="https://www.legislation.gov.uk/uksi/2017/1318/made",
    guidance="Care and Support Statutory Guidance para 9.7",
)
PROPERTY = RuleStep(
    id="dpa.eligibility.property",
    title="An interest in the home that is not disregarded",
    citation="SI 2014/2671 reg 2(2); SI 2014/2672 Sch 2",
    href=_REG2,
    guidance="Care and Support Statutory Guidance para 9.7",
)
CAPITAL = RuleStep(
    id="dpa.eligibility.capital",
    title="Capital other than the home within the upper capital limit",
    citation="SI 2014/2671 reg 2(2); SI 2014/2672 reg 12(1)",
    href=_REG2,
    guidance="Care and Support Statutory Guidance para 9.7",
)
SECURITY = RuleStep(
    id="dpa.eligibility.security",
    title="Adequate security",
    citation="SI 2014/2671 reg 4; Care Act 2014 s.34(4)-(5)",
    href="https://www.legislation.gov.uk/uksi/2014/2671/regulation/4",
)
OUTCOME = RuleStep(
    id="dpa.eligibility.outcome",
    title="Duty or discretion to offer a deferred payment agreement",
    citation="SI 2014/2671 regs 2 and 3",
    href=_REG2,
    guidance="Care and Support Statutory Guidance paras 9.7-9.11",
)


def _application(application: DpaApplication | Mapping[str, Any], on: date | None) -> tuple[DpaApplication, date | None]:
    """The application without its deprecated ``on`` field, and the date it gave (if any)."""
    app = validate_model(DpaApplication, application)
    app_on = app.on
    if app_on is None:
        return app, None
    if on is not None and on != app_on:
        raise InputError.single("on", f"the application says {app_on.isoformat()} but on= says {on.isoformat()}: "
                                "give the date once, as on=", "inconsistent")
    warnings.warn("careact.dpa.dpa_eligibility: the application's 'on' field is deprecated; pass the date as "
                  "dpa_eligibility(application, on=...) (removed in careact 0.3)", DeprecationWarning, stacklevel=3)
    return app.model_copy(update={"on": None}), app_on


def dpa_eligibility(
    application: DpaApplication | Mapping[str, Any],
    *,
    on: date | None = None,
    rules: RuleSet | None = None,
    overlays: OverlayArg = (),
    explain: bool = True,
    overlay: OverlayArg = None,
) -> DpaEligibility:
    """Whether the authority must, may, or need not offer a DPA on ``on``, and why (SI 2014/2671 regs 2-4).

    ``rules`` defaults to the bundled national rule set and ``overlays`` go on top of it.

    .. versionchanged:: 0.2.0
       The date is the keyword ``on``, not a field of the application, and ``overlays`` replaces
       ``overlay``; the old forms still work, with a :class:`DeprecationWarning`, until 0.3.
    """
    fn = "careact.dpa.dpa_eligibility"
    overlays = overlay_keyword(fn, overlay, overlays)
    app, app_on = _application(application, on)
    day = require_on(on if on is not None else app_on, "dpa_eligibility(application, on=date(2025, 6, 1))")
    rs = resolve_rules(rules, overlays, on=day)
    ev = Evaluation(rs, explain)
    trace = ev.trace
    r = Reader(rs.at(day), trace, ev.figures)
    reasons: list[str] = []

    # 1. needs -----------------------------------------------------------------------------
    self_funders = r.param(dpa.self_funders_must_be_offered)
    care_home = app.setting is Setting.CARE_HOME
    needs_ok = care_home and (app.la_meeting_needs or bool(self_funders.value))
    if care_home and app.la_meeting_needs:
        trace.add(NEEDS, N_("The adult's needs are met, or are to be met, in a care home."), output=True)
    elif care_home:
        trace.add(
            NEEDS,
            N_(
                "The authority is not meeting the adult's care-home needs only because their resources are "
                "above the financial limit; on this date that {counts} for the duty to offer a DPA."
            ),
            args={"counts": N_("counts") if self_funders.value else N_("does not count")},
            output=needs_ok,
        )
        if not needs_ok:
            reasons.append("self-funder: before 5 February 2018 the duty covered only adults whose needs the authority met")
    else:
        trace.add(
            NEEDS,
            N_("The adult's needs are met in {setting}, not a care home: the duty to offer does not apply."),
            args={"setting": app.setting.value.replace("_", " ")},
            output=False,
        )
        reasons.append(f"needs met in {app.setting.value.replace('_', ' ')}, not a care home")

    # 2. property --------------------------------------------------------------------------
    prop = app.property
    available_from: date | None = day
    if prop is None or not prop.is_main_or_only_home:
        property_ok = False
        trace.add(
            PROPERTY,
            N_("The adult has no interest in a property they live in, or used to live in, as their home."),
            output=False,
        )
        reasons.append("no interest in the adult's (former) home")
    elif app.home_disregarded:
        property_ok = False
        trace.add(PROPERTY, N_("The value of the adult's home is disregarded in the financial assessment."), output=False)
        reasons.append("the home's value is disregarded")
    else:
        property_ok = True
        if app.twelve_week_disregard_ends is not None and app.twelve_week_disregard_ends >= day:
            available_from = app.twelve_week_disregard_ends + timedelta(days=1)
            trace.add(
                PROPERTY,
                N_(
                    "The 12-week property disregard runs until {ends}; the home counts from {from_}, and the "
                    "agreement is offered so that it is in place from then."
                ),
                args={"ends": app.twelve_week_disregard_ends, "from_": available_from},
                output=True,
            )
        else:
            trace.add(PROPERTY, N_("The adult has an interest in their home and its value is not disregarded."), output=True)

    # 3. capital ---------------------------------------------------------------------------
    upper = r.param(capital.upper_limit)
    capital_ok = app.capital_excluding_home <= upper.value  # "does not exceed"
    trace.add(
        CAPITAL,
        N_("Capital other than the home, {capital}, {verdict} the upper capital limit of {limit}."),
        args={
            "capital": gbp(app.capital_excluding_home),
            "limit": gbp(upper.value),
            "verdict": N_("does not exceed") if capital_ok else N_("exceeds"),
        },
        inputs={"capital_excluding_home": app.capital_excluding_home},
        output=capital_ok,
    )
    if not capital_ok:
        reasons.append("capital other than the home exceeds the upper capital limit")

    # 4. security and equity ---------------------------------------------------------------
    security_ok = app.security is Security.FIRST_LEGAL_CHARGE
    trace.add(
        SECURITY,
        N_("Security offered: {security}."),
        args={"security": app.security.value.replace("_", " ")},
        output=security_ok,
    )
    if not security_ok:
        reasons.append("the authority cannot obtain a first legal charge")
    limit_value = None
    if prop is not None:
        limit_value = equity_on(prop, day, rs, trace, ev.figures).limit
        if limit_value <= 0:
            reasons.append("no equity is available under the equity limit (the authority may refuse)")
    if not app.agrees_to_terms:
        reasons.append("the adult does not agree to the terms of the agreement")

    conditions = {
        "needs": needs_ok,
        "property": property_ok,
        "capital": capital_ok,
        "security": security_ok,
        "agrees_to_terms": app.agrees_to_terms,
    }
    if all(conditions.values()):
        offer = Offer.MUST_OFFER
        template = N_("All the conditions of regulation 2 are met: the authority must offer a DPA (from {from_}).")
    elif (
        app.setting in (Setting.CARE_HOME, Setting.SUPPORTED_LIVING)
        and app.security is not Security.NONE
        and (property_ok or app.security is Security.OTHER)
        and app.agrees_to_terms
    ):
        offer = Offer.MAY_OFFER
        template = N_("Not every condition of regulation 2 is met; the authority may still offer a DPA under regulation 3.")
    else:
        offer = Offer.NOT_ELIGIBLE
        available_from = None
        template = N_("The conditions for a deferred payment agreement are not met.")
    trace.add(OUTCOME, template, args={"from_": available_from} if available_from else {}, output=offer.value)

    return DpaEligibility(
        on=day,
        offer=offer,
        available_from=available_from if offer is not Offer.NOT_ELIGIBLE else None,
        conditions=conditions,
        reasons=tuple(reasons),
        equity_limit=limit_value,
        inputs=app,
        **ev.common("dpa.eligibility", day),
    )
