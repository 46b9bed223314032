"""The financial assessment: capital, income, allowances, and the weekly charge for one adult on one date.

This module only orchestrates; each rule lives in the module named for it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from .. import __version__
from ..dates import age_on
from ..errors import FieldProblem, InputError
from ..explain import N_, Explanation, NullTrace, RuleStep, Trace, gbp
from ..explain.lazy import ExplanationView
from ..money import ZERO, round_pence
from ..rules import Layer, Resolved, RuleSet, load_overlay, load_ruleset
from ..rules.catalogue import with_overlays
from ..validation import validate_model
from . import allowances as alw
from .capital import assess_capital
from .catalogue import capital_types, income_types
from .income import assess_income
from .models import ChargingCase, ChargingResult, Flag, PersonalBudgetSplit

__all__ = ["assess", "resolve_rules"]

_L = "https://www.legislation.gov.uk/uksi/2014/2672"
R_SETTING = RuleStep("charging.setting", "The setting of care", "Care Act 2014 s 14; SI 2014/2672 regs 3-5", "https://www.legislation.gov.uk/ukpga/2014/23/section/14", "Care and Support Statutory Guidance chapter 8")
R_FREE = RuleStep("charging.free_service", "A service that must be free", "SI 2014/2672 reg 3", f"{_L}/regulation/3", "Care and Support Statutory Guidance chapter 8")
R_CARER = RuleStep("charging.carers_services", "Support for a carer", "Care Act 2014 s 14(1)(b)", "https://www.legislation.gov.uk/ukpga/2014/23/section/14", "Care and Support Statutory Guidance chapter 8")
R_FULL_COST = RuleStep("charging.full_cost", "Full cost", "Care Act 2014 ss 14, 17 and 18; SI 2014/2672 reg 12", f"{_L}/regulation/12", "Care and Support Statutory Guidance chapter 8")
R_CHARGE = RuleStep("charging.charge", "The weekly charge", "Care Act 2014 s 14(7); SI 2014/2672 regs 6 and 7", "https://www.legislation.gov.uk/ukpga/2014/23/section/14", "Care and Support Statutory Guidance chapter 8")
R_TAKEN = RuleStep("charging.charge.share_taken", "Share of available income taken", "Council charging policy")
R_MIN = RuleStep("charging.charge.minimum", "Minimum charge collected", "Council charging policy")
R_MAX = RuleStep("charging.charge.maximum", "Maximum weekly charge", "Council charging policy")
R_BUDGET = RuleStep("charging.personal_budget", "The personal budget", "Care Act 2014 ss 26 and 31-33", "https://www.legislation.gov.uk/ukpga/2014/23/section/26", "Care and Support Statutory Guidance chapters 11-12")
R_TOPUP = RuleStep("charging.top_up", "A third-party top-up", "Care and Support and Aftercare (Choice of Accommodation) Regulations 2014 (SI 2014/2670) reg 5", "https://www.legislation.gov.uk/uksi/2014/2670/regulation/5", "Care and Support Statutory Guidance Annex A")


def resolve_rules(overlay: Iterable[str | Path | Layer] | str | Path | Layer | None = None, rules: RuleSet | None = None) -> RuleSet:
    """The rule set to assess with: ``rules`` if given, else the bundled national set with ``overlay``(s)."""
    overlays = [] if overlay is None else [overlay] if isinstance(overlay, (str, Path, Layer)) else list(overlay)
    if rules is not None:
        layers = [o if isinstance(o, Layer) else load_overlay(o) for o in overlays]
        return with_overlays(rules, layers)
    return load_ruleset("england", overlays)


def _check_catalogue(case: ChargingCase, incomes, capitals) -> None:
    problems = []
    for i, item in enumerate(case.income):
        if item.type not in incomes:
            problems.append(FieldProblem(f"income[{i}].type", f"unknown income type {item.type!r}; see the income-type catalogue for the ids careact knows", "unknown_value"))
    for i, item in enumerate(case.capital):
        if item.type not in capitals:
            problems.append(FieldProblem(f"capital[{i}].type", f"unknown capital type {item.type!r}; see the capital-type catalogue for the ids careact knows", "unknown_value"))
        elif item.type.startswith("main_home"):
            problems.append(FieldProblem(f"capital[{i}].type", "the main home is described in the 'home' field, not as an item of capital", "misplaced"))
    if problems:
        raise InputError(problems)


def _check_dates(case: ChargingCase, on: date) -> None:
    problems = []
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
    if problems:
        raise InputError(problems)


def _free_service(case: ChargingCase, on: date, res: Resolved, trace: Trace) -> bool:
    free = case.care.free_service
    if free is None:
        return False
    if free == "intermediate_care_or_reablement":
        weeks = res["free_services.intermediate_care_weeks"]
        start = case.care.service_started_on
        assert start is not None
        last = start + timedelta(weeks=weeks.value) - timedelta(days=1)
        if on > last:
            trace.add(R_FREE, N_("Intermediate care or reablement is free only for its first {weeks} weeks, which ended on {last}: it is charged from then on."), args={"weeks": weeks.value, "last": last}, params=[weeks], output=False)
            return False
        trace.add(R_FREE, N_("Intermediate care or reablement is free for its first {weeks} weeks (to {last})."), args={"weeks": weeks.value, "last": last}, params=[weeks], output=True)
        return True
    if free == "minor_adaptation":
        limit = res["free_services.minor_adaptation_limit"]
        trace.add(R_FREE, N_("Community equipment and minor adaptations costing {limit} or less must be provided free."), args={"limit": gbp(limit.value)}, params=[limit], output=True)
        return True
    trace.add(R_FREE, N_("This service must be provided free of charge ({service})."), args={"service": free.replace("_", " ")}, output=True)
    return True


def assess(
    case: ChargingCase | dict[str, Any],
    on: date,
    overlay: Iterable[str | Path | Layer] | str | Path | Layer | None = None,
    *,
    rules: RuleSet | None = None,
    explain: bool = True,
) -> ChargingResult:
    """Assess what ``case`` must pay each week on ``on`` under the national rules (with any overlays).

    The financial assessment of the Care and Support (Charging and Assessment of Resources)
    Regulations 2014 (SI 2014/2672) and the Care and Support Statutory Guidance (chapter 8, annexes
    B, C, E and F). Raises :class:`~careact.errors.InputError` naming every field at fault.
    """
    if not isinstance(on, date) or isinstance(on, datetime):
        raise InputError.single("on", f"must be a date (YYYY-MM-DD), not {type(on).__name__}", "type")
    case = validate_model(ChargingCase, case)
    ruleset = resolve_rules(overlay, rules)
    incomes, capitals = income_types(ruleset.base.name), capital_types(ruleset.base.name)
    _check_catalogue(case, incomes, capitals)
    _check_dates(case, on)
    res = ruleset.at(on)
    trace: Trace = Trace() if explain else NullTrace()
    flags: list[Flag] = []
    known_to = ruleset.base.figures_known_to
    if known_to is not None and on > known_to:
        flags.append(Flag.build(code="beyond_known_figures", message=f"The assessment date is after {known_to.isoformat()}, the last day for which this rule set's national figures are known: the latest figures have been carried forward.", citation=ruleset.base.id))
    setting = case.care.setting
    cost = case.care.weekly_cost
    assessed_as = setting
    if setting == "respite" and res["options.respite_assessed_as_non_residential"].value:
        assessed_as = "non_residential"
    trace.add(R_SETTING, N_("The care is {setting}, costing {cost} a week; it is assessed under the rules for {assessed_as}."), args={"setting": setting.replace("_", " "), "cost": gbp(cost), "assessed_as": assessed_as.replace("_", " ")}, inputs={"setting": setting, "weekly_cost": cost}, output=assessed_as)

    capital = assess_capital(case, on, res, trace, assessed_as, capitals)
    income = assess_income(case, on, res, trace, assessed_as, incomes)
    flags += capital.flags + income.flags
    allowances = alw.Allowances()
    if assessed_as == "non_residential":
        alw.minimum_income_guarantee(case, on, res, trace, allowances)
        alw.housing_costs(case, res, trace, allowances)
        alw.disability_related_expenditure(case, res, trace, allowances, income.disability_benefit_counted, income.disability_benefit_total)
    else:
        alw.personal_expenses_allowance(res, trace, allowances)
        if assessed_as in ("temporary_residential", "respite"):
            alw.housing_costs(case, res, trace, allowances)
    alw.discretionary_income_disregards(case, trace, allowances)
    flags += allowances.flags

    assessed_income = income.total + capital.tariff
    total_allowances = allowances.total
    available = assessed_income - total_allowances
    full_cost_reason = None
    self_funder = capital.above_upper_limit

    if _free_service(case, on, res, trace):
        charge = ZERO
        full_cost_reason = None
    elif case.care.for_carer and not res["options.charge_carers_services"].value:
        opt = res["options.charge_carers_services"]
        trace.add(R_CARER, N_("Support for a carer is not charged for under the council's policy."), params=[opt], output=ZERO)
        charge = ZERO
    elif capital.above_upper_limit:
        charge = cost
        full_cost_reason = "capital above the upper capital limit"
        trace.add(R_FULL_COST, N_("Capital is above the upper limit, so the adult pays the full cost of {cost} a week."), args={"cost": gbp(cost)}, output=cost)
        if assessed_as == "non_residential":
            flags.append(Flag.build(code="self_funder_may_ask_council_to_arrange", message="The adult can pay the full cost but may ask the council to arrange their care and support (Care Act 2014 s 18(3)); the council may charge an arrangement fee.", citation="Care Act 2014 s 18(3); Care and Support Statutory Guidance chapter 8"))
        else:
            flags.append(Flag.build(code="self_funder", message="The adult is a self-funder: capital is above the upper limit.", citation="Care Act 2014 s 18; SI 2014/2672 reg 12"))
        if setting == "permanent_residential" and capital.home_counted and capital.total - capital.home_counted <= capital.upper_limit:
            flags.append(Flag.build(code="deferred_payment_may_be_offered", message="Without the home the adult's capital is at or below the upper limit: the council must offer a deferred payment agreement if the other conditions are met (Care and Support (Deferred Payment) Regulations 2014 reg 2).", citation="SI 2014/2671 reg 2; Care and Support Statutory Guidance chapter 9"))
    else:
        params: list = []
        raw = max(ZERO, available)
        taken = res["options.disposable_income_taken_rate"]
        if taken.value != 1:
            raw = round_pence(raw * taken.value)
            trace.add(R_TAKEN, N_("The council takes {rate} of the income above the allowances: {raw} a week."), args={"rate": f"{(taken.value * 100).normalize()}%", "raw": gbp(raw)}, params=[taken], output=raw)
        charge = min(raw, cost)
        trace.add(R_CHARGE, N_("Assessed income {income} (including tariff income {tariff}) less allowances {allowances} leaves {available}; the charge is this, not below nil and not above the cost of care {cost}: {charge} a week."), args={"income": gbp(assessed_income), "tariff": gbp(capital.tariff), "allowances": gbp(total_allowances), "available": gbp(available), "cost": gbp(cost), "charge": gbp(charge)}, params=params, output=charge)
        if assessed_as == "non_residential":
            minimum = res["options.minimum_charge"]
            if charge and charge < minimum.value:
                trace.add(R_MIN, N_("Charges below {minimum} a week are not collected under the council's policy."), args={"minimum": gbp(minimum.value)}, params=[minimum], output=ZERO)
                charge = ZERO
            if res["options.apply_maximum_weekly_charge"].value:
                cap = res["options.maximum_weekly_charge"]
                if charge > cap.value:
                    trace.add(R_MAX, N_("The council's maximum weekly charge of {cap} applies."), args={"cap": gbp(cap.value)}, params=[res["options.apply_maximum_weekly_charge"], cap], output=cap.value)
                    charge = cap.value

    top_up = case.care.third_party_top_up
    if top_up:
        trace.add(R_TOPUP, N_("A third party pays a top-up of {top_up} a week for the adult's preferred accommodation; it is not part of the adult's charge."), args={"top_up": gbp(top_up)}, output=top_up)

    budget = None
    if setting == "non_residential":
        budget = _personal_budget(case, charge, res, trace)

    council = max(ZERO, cost - charge)
    identity = ruleset.identity()
    return ChargingResult.build(
        reference=case.reference,
        on=on,
        setting=setting,
        weekly_charge=charge,
        council_weekly_contribution=council,
        cost_of_care=cost,
        third_party_top_up=top_up,
        self_funder=self_funder,
        full_cost_reason=full_cost_reason,
        assessed_capital=capital.total,
        tariff_income=capital.tariff,
        capital=capital.lines,
        income=income.lines,
        assessed_income=assessed_income,
        allowances=allowances.items,
        total_allowances=total_allowances,
        available_income=available,
        personal_budget=budget,
        flags=flags,
        ruleset=identity,
        careact_version=__version__,
        inputs=case,
        explanation=ExplanationView(Explanation.from_trace("charging.assess", on, identity, trace)) if explain else None,
    )


def _personal_budget(case: ChargingCase, charge: Decimal, res: Resolved, trace: Trace) -> PersonalBudgetSplit:
    """The adult's contribution to the personal budget, the council's share, and the direct payment."""
    budget = case.care.weekly_cost
    contribution = min(charge, budget)
    council = budget - contribution
    if case.care.delivery == "direct_payment":
        gross = res["options.direct_payment_gross_and_collect"]
        if gross.value:
            trace.add(R_BUDGET, N_("Personal budget {budget}: the direct payment is paid gross, {budget} a week, and the adult is invoiced {contribution}."), args={"budget": gbp(budget), "contribution": gbp(contribution)}, params=[gross], output=budget)
            return PersonalBudgetSplit.build(personal_budget=budget, person_contribution=contribution, council_share=council, delivery="direct_payment", direct_payment_paid=budget, direct_payment_method="gross_and_collect", invoiced_to_person=contribution)
        trace.add(R_BUDGET, N_("Personal budget {budget}: the adult contributes {contribution}, so the council pays a net direct payment of {council} a week."), args={"budget": gbp(budget), "contribution": gbp(contribution), "council": gbp(council)}, params=[gross], output=council)
        return PersonalBudgetSplit.build(personal_budget=budget, person_contribution=contribution, council_share=council, delivery="direct_payment", direct_payment_paid=council, direct_payment_method="net")
    trace.add(R_BUDGET, N_("Personal budget {budget}: the adult contributes {contribution} and the council pays {council} a week for the services it arranges."), args={"budget": gbp(budget), "contribution": gbp(contribution), "council": gbp(council)}, output=council)
    return PersonalBudgetSplit.build(personal_budget=budget, person_contribution=contribution, council_share=council, delivery="council_arranged", invoiced_to_person=contribution)
