"""The financial assessment: capital, income, allowances, and the weekly charge for one adult on one date.

This module checks the case, runs the means test (:func:`careact.charging.means_test.means_test`, the
one composition of the rules a population is assessed with too) on the case's view with the
explanation recorded, and builds the result; each rule lives in the module named for it.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from .. import __version__
from ..arrays import pounds
from ..dates import age_on
from ..errors import FieldProblem, InputError
from ..explain import N_, Explanation, Pence, RuleStep, gbp
from ..explain.lazy import ExplanationView
from ..results import OverlaySpec, check_on, figures_status, legacy_call
from ..results import resolve_rules as _resolve
from ..rules import RuleSet
from ..rules.params.charging import options
from ..validation import validate_model
from .allowances import allowance_lines
from .capital import capital_lines
from .catalogue import capital_types, income_types
from .context import Ctx
from .income import income_lines
from .means_test import R_SETTING, CaseView, means_test
from .models import ChargingCase, ChargingResult, LetterTotals, PersonalBudgetSplit
from .notional import diminish_notional_capital, explain_diminishing
from .settings import NON_RESIDENTIAL, PERMANENT, RESPITE, TEMPORARY, TEMPORARY_SETTINGS
from .top_ups import R_TOPUP

__all__ = ["R_SETTING", "R_TOPUP", "assess", "resolve_rules"]

_L = "https://www.legislation.gov.uk/uksi/2014/2672"
R_BUDGET = RuleStep("charging.personal_budget", "The personal budget", "Care Act 2014 ss 26 and 31-33", "https://www.legislation.gov.uk/ukpga/2014/23/section/26", "Care and Support Statutory Guidance chapters 11-12")


def resolve_rules(overlay: Iterable[OverlaySpec] | OverlaySpec | None = None, rules: RuleSet | None = None) -> RuleSet:
    """The rule set to assess with: ``rules`` if given, else the bundled national set, with ``overlay``(s)."""
    return _resolve(rules, overlay)  # type: ignore[no-any-return]


def _check_catalogue(case: ChargingCase, incomes: Any, capitals: Any) -> None:
    problems: list[FieldProblem] = []
    for i, item in enumerate(case.income):
        if item.type not in incomes:
            problems.append(FieldProblem(f"income[{i}].type", f"unknown income type {item.type!r}; see the income-type catalogue for the ids careact knows", "unknown_value"))
    for i, cap in enumerate(case.capital):
        if cap.type not in capitals:
            problems.append(FieldProblem(f"capital[{i}].type", f"unknown capital type {cap.type!r}; see the capital-type catalogue for the ids careact knows", "unknown_value"))
        elif cap.type == "main_home_relative_ceased":
            problems.append(FieldProblem(f"capital[{i}].type", "the 12 weeks after a qualifying relative dies or moves into a care home are worked out from the home: describe the home in 'home' and give the relative's home.occupants[].occupation_ended_on and occupation_ended_because", "misplaced"))
        elif cap.type.startswith("main_home"):
            problems.append(FieldProblem(f"capital[{i}].type", "the main home is described in the 'home' field, not as an item of capital", "misplaced"))
    if problems:
        raise InputError(problems)


def _check_dates(case: ChargingCase, on: date) -> None:
    problems: list[FieldProblem] = []
    if case.person.date_of_birth >= on:
        problems.append(FieldProblem("person.date_of_birth", f"is not before the assessment date {on.isoformat()}", "impossible_date"))
    elif age_on(case.person.date_of_birth, on) < 18:
        problems.append(FieldProblem("person.date_of_birth", "the adult must be 18 or over on the assessment date (Care Act 2014 Part 1 charging applies to adults)", "out_of_range"))
    if case.partner is not None and case.partner.date_of_birth >= on:
        problems.append(FieldProblem("partner.date_of_birth", f"is not before the assessment date {on.isoformat()}", "impossible_date"))
    if case.care.start_date is not None and case.care.start_date > on:
        problems.append(FieldProblem("care.start_date", f"care starts on {case.care.start_date.isoformat()}, after the assessment date {on.isoformat()}", "after_assessment_date"))
    if case.care.service_started_on is not None and case.care.service_started_on > on:
        problems.append(FieldProblem("care.service_started_on", f"the service starts on {case.care.service_started_on.isoformat()}, after the assessment date {on.isoformat()}", "after_assessment_date"))
    for i, item in enumerate(case.capital):
        if item.received_on is not None and item.received_on > on:
            problems.append(FieldProblem(f"capital[{i}].received_on", "is after the assessment date", "after_assessment_date"))
    for i, occ in enumerate(case.home.occupants if case.home else []):
        if occ.date_of_birth is not None and occ.date_of_birth > on:
            problems.append(FieldProblem(f"home.occupants[{i}].date_of_birth", "is after the assessment date", "impossible_date"))
    for i, n in enumerate(case.notional_capital):
        if n.decided_on is not None and n.decided_on > on and (n.applies_from is None or n.applies_from <= on):
            problems.append(FieldProblem(f"notional_capital[{i}].decided_on", "is after the assessment date", "after_assessment_date"))
    for i, s in enumerate(case.care.short_stays_in_year):
        if s.end > on:
            problems.append(FieldProblem(f"care.short_stays_in_year[{i}].end", "is after the assessment date", "after_assessment_date"))
    if problems:
        raise InputError(problems)


def assess(
    case: ChargingCase | dict[str, Any],
    _on: date | None = None,
    _overlay: Iterable[OverlaySpec] | OverlaySpec | None = None,
    /,
    *,
    on: date | None = None,
    rules: RuleSet | None = None,
    overlays: Iterable[OverlaySpec] | OverlaySpec | None = (),
    overlay: Iterable[OverlaySpec] | OverlaySpec | None = None,
    explain: bool = True,
) -> ChargingResult:
    """Assess what ``case`` must pay each week on ``on`` under the national rules (with any overlays).

    The financial assessment of the Care and Support (Charging and Assessment of Resources)
    Regulations 2014 (SI 2014/2672) and the Care and Support Statutory Guidance (chapter 8, annexes
    B, C, E and F). ``on`` is required; ``rules`` defaults to the bundled national rule set and
    ``overlays`` go on top of it. Raises :class:`~careact.errors.InputError` naming every field at
    fault.

    .. versionchanged:: 0.2.0
       ``on`` is keyword-only and ``overlays`` replaces ``overlay``; the old forms still work, with a
       :class:`DeprecationWarning`, until 0.3.
    """
    kw: dict[str, Any] = {"on": on, "overlays": overlays}
    legacy_call("careact.charging.assess", [a for a in (_on, _overlay) if a is not None], ("on", "overlays"), kw)
    if overlay is not None:
        warnings.warn("careact.charging.assess: 'overlay=' is now 'overlays='; the old name will be removed in careact 0.3", DeprecationWarning, stacklevel=2)
        kw["overlays"] = overlay
    if kw["on"] is None:
        raise InputError.single("on", "is required: the date of the assessment, assess(case, on=date(2025, 6, 1))", "missing")
    day = check_on(kw["on"])
    case = validate_model(ChargingCase, case)
    ruleset = _resolve(rules, kw["overlays"], on=day)
    return _assess(case, day, ruleset, explain)


_SETTING_APPLIED = {PERMANENT: "permanent_resident", TEMPORARY: "temporary_resident", RESPITE: "temporary_resident"}


def _assess(case: ChargingCase, on: date, ruleset: RuleSet, explain: bool) -> ChargingResult:
    incomes, capitals = income_types(ruleset.base.name), capital_types(ruleset.base.name)
    _check_catalogue(case, incomes, capitals)
    _check_dates(case, on)
    given = case
    reads: set[tuple[str, str | None]] = set()

    def weekly(k: ChargingCase, d: date) -> ChargingResult:
        r = _assess(k, d, ruleset, explain)
        if r.explanation is not None:
            reads.update(r.explanation.parameters_read())
        return r

    case, schedule = diminish_notional_capital(case, on, weekly)
    c = Ctx.one_case(ruleset.at(on), on, explain=explain)
    known_to = ruleset.base.figures_known_to
    if known_to is not None and on > known_to:
        c.flag("beyond_known_figures", f"The assessment date is after {known_to.isoformat()}, the last day for which this rule set's national figures are known: the latest figures have been carried forward.", ruleset.base.id)
    view = CaseView(case, on, incomes, capitals)
    explain_diminishing(c, case, schedule, reads)
    m = means_test(c, view)
    charge, capital, income = m.charge, m.capital, m.income
    budget = None
    if m.setting == NON_RESIDENTIAL:
        budget = _personal_budget(c, case, charge)
    c.t.finish()

    identity = ruleset.identity()
    total_allowances = m.total_allowances
    top_up = m.top_up
    assert top_up is not None
    gross = income.gross + (top_up.weekly if top_up.via_income else 0)
    income_total = m.income_total
    charge_d = pounds(charge)
    nhs = m.nhs
    light = case.light_touch
    applied = _SETTING_APPLIED.get(m.assessed_as, "short_term_as_non_residential" if m.setting in TEMPORARY_SETTINGS else "non_residential")
    return ChargingResult.build(
        reference=case.reference,
        on=on,
        setting=case.care.setting,
        weekly_charge=charge_d,
        council_weekly_contribution=pounds(m.council),
        cost_of_care=pounds(m.cost_charged),
        third_party_top_up=pounds(top_up.weekly) if top_up.payer == "third_party" else Decimal("0.00"),
        self_funder=m.self_funder,
        full_cost_reason=m.full_cost_reason if not m.nil else None,
        assessed_capital=pounds(capital.total),
        tariff_income=pounds(capital.tariff),
        upper_capital_limit=pounds(capital.upper_limit),
        lower_capital_limit=pounds(capital.lower_limit),
        capital=capital_lines(view, capital),
        income=income_lines(view, income),
        assessed_income=pounds(m.assessed_income),
        allowances=allowance_lines(view, m.allowances, m.assessed_as),
        total_allowances=pounds(total_allowances),
        available_income=pounds(m.assessed_income - total_allowances),
        totals=LetterTotals.build(
            gross_income=pounds(gross), income_disregarded=pounds(gross - income_total),
            income_counted=pounds(income_total), tariff_income=pounds(capital.tariff),
            assessed_income=pounds(m.assessed_income), allowances=pounds(total_allowances),
            weekly_charge=charge_d, kept=pounds(gross - charge)),
        personal_budget=budget,
        setting_applied=applied,
        nhs_funded_nursing_care=pounds(nhs.fnc) if nhs is not None and nhs.fnc is not None else None,
        assessment_kind="light_touch" if light is not None else "full",
        light_touch_basis=light.basis if light is not None else None,
        top_up_payer=top_up.payer,
        notional_capital_schedule=schedule or None,
        flags=c.flags,
        figures=figures_status(c.r.figures, on),
        ruleset=identity,
        careact_version=__version__,
        inputs=given,
        explanation=ExplanationView(Explanation.from_trace("charging.assess", on, identity, c.t)) if explain else None,
    )


def _personal_budget(c: Ctx, case: ChargingCase, charge: int) -> PersonalBudgetSplit:
    """The adult's contribution to the personal budget, the council's share, and the direct payment."""
    budget_d = case.care.weekly_cost
    budget = int(budget_d * 100)
    contribution = min(charge, budget)
    council = budget - contribution
    args = {"budget": gbp(budget_d), "contribution": Pence(contribution), "council": Pence(council)}
    if case.care.delivery == "direct_payment":
        if c.r(options.direct_payment_gross_and_collect):
            if c.explain:
                c.t.add(R_BUDGET, N_("Personal budget {budget}: the direct payment is paid gross, {budget} a week, and the adult is invoiced {contribution}."), args=args, output=budget_d)
            return PersonalBudgetSplit.build(personal_budget=budget_d, person_contribution=pounds(contribution), council_share=pounds(council), delivery="direct_payment", direct_payment_paid=budget_d, direct_payment_method="gross_and_collect", invoiced_to_person=pounds(contribution))
        if c.explain:
            c.t.add(R_BUDGET, N_("Personal budget {budget}: the adult contributes {contribution}, so the council pays a net direct payment of {council} a week."), args=args, output=Pence(council))
        return PersonalBudgetSplit.build(personal_budget=budget_d, person_contribution=pounds(contribution), council_share=pounds(council), delivery="direct_payment", direct_payment_paid=pounds(council), direct_payment_method="net")
    if c.explain:
        c.t.add(R_BUDGET, N_("Personal budget {budget}: the adult contributes {contribution} and the council pays {council} a week for the services it arranges."), args=args, output=Pence(council))
    return PersonalBudgetSplit.build(personal_budget=budget_d, person_contribution=pounds(contribution), council_share=pounds(council), delivery="council_arranged", invoiced_to_person=pounds(contribution))
