"""Charging cases generated quickly from a seed, for the differential tests of the columnar means test.

:func:`random_case` draws a case as :func:`tests.strategies.charging_cases` does -- every setting, single
and couple, every income and capital type of the catalogues at every frequency and owner, shares,
homes with occupants, housing costs, disability-related expenditure, notional capital, discretionary
disregards, free services and carers -- but with :class:`random.Random`, about a hundred times faster
than a Hypothesis draw, so tens of thousands of cases fit in a test run.

:func:`boundary_cases` puts cases on both sides of every threshold of the means test on a date, read
from the rule set in force (the capital limits and tariff bands, the minimum income guarantee's age 25
and pension credit age, the adult's 18th birthday, the 12 weeks of the property disregard, a timed
disregard of capital, the six weeks of free intermediate care, a qualifying relative's 60th and a
child's 18th birthday, the disability-related expenditure ceiling, available income of nil, the cost
of care, the minimum and maximum charge, and amounts that come to half a penny a week).
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from tests.strategies import (
    BORN_FROM,
    BORN_TO,
    CAPITAL_TYPES,
    DATED_CAPITAL_TYPES,
    FREQUENCIES,
    INCOME_TYPES,
    NIGHT_RATE_TYPES,
    PENSION_SHARE_TYPES,
    SETTINGS,
)

from careact.charging.pension_age import pension_credit_age_date
from careact.rules import RuleSet

__all__ = ["boundary_cases", "random_case"]

_RELATIONSHIPS = ("partner", "former_partner_lone_parent", "family_member", "relative", "child_of_adult", "other")
_FREE = ("intermediate_care_or_reablement", "community_equipment", "minor_adaptation", "mental_health_aftercare",
         "care_for_cjd")
_SHARES = ("1/2", "1/3", "0.25", "0.5", "2/3", "0.99", "0.3333333", "0.123456789012345678")


def _money(rng: random.Random, hi: int, lo: int = 0) -> str:
    return f"{Decimal(rng.randint(lo * 100, hi * 100)) / 100:.2f}"


def _pounds(pence: int) -> str:
    return f"{Decimal(pence) / 100:.2f}"


def _years_before(on: date, years: int) -> date:
    try:
        return on.replace(year=on.year - years)
    except ValueError:
        return on.replace(year=on.year - years, day=28)


def _dob(rng: random.Random, on: date, lo: int = 18, hi: int = 105) -> date:
    latest = min(_years_before(on, lo), BORN_TO)
    earliest = max(_years_before(on, hi), BORN_FROM)
    return earliest + timedelta(days=rng.randint(0, (latest - earliest).days))


def _day(rng: random.Random, on: date, back: int) -> date:
    return on - timedelta(days=rng.randint(0, back))


def random_case(rng: random.Random, on: date, *, setting: str | None = None, couple: bool | None = None) -> dict[str, Any]:
    """One valid case (as JSON) assessed on ``on``."""
    setting = setting or rng.choice(SETTINGS)
    couple = rng.random() < 0.35 if couple is None else couple
    person: dict[str, Any] = {"date_of_birth": _dob(rng, on).isoformat()}
    if rng.random() < 0.2:
        person["registered_blind"] = rng.random() < 0.5
    for flag in ("disability_premium", "enhanced_disability_premium", "carer_premium"):
        if rng.random() < 0.15:
            person[flag] = rng.random() < 0.5
    care: dict[str, Any] = {"setting": setting, "weekly_cost": _money(rng, 2_500)}
    if setting == "permanent_residential":
        care["start_date"] = _day(rng, on, 365 * 2).isoformat()
        if rng.random() < 0.25:
            care["property_disregard_weeks_used"] = rng.randint(0, 12)
    elif rng.random() < 0.15:
        care["start_date"] = _day(rng, on, 365).isoformat()
    if rng.random() < 0.3:
        care["delivery"] = rng.choice(("council_arranged", "direct_payment"))
    if setting != "non_residential" and rng.random() < 0.2:
        care["third_party_top_up"] = _money(rng, 300)
    if rng.random() < 0.08:
        care["for_carer"] = rng.random() < 0.7
    if rng.random() < 0.08:
        free = rng.choice(_FREE)
        care["free_service"] = free
        if free == "intermediate_care_or_reablement":
            care["service_started_on"] = _day(rng, on, 80).isoformat()
    case: dict[str, Any] = {"person": person, "care": care}
    if rng.random() < 0.2:
        case["reference"] = f"R{rng.randint(0, 10**6)}"
    if couple:
        partner: dict[str, Any] = {"date_of_birth": _dob(rng, on).isoformat()}
        for flag in ("lives_in_the_home", "in_care_home", "disability_premium", "enhanced_disability_premium"):
            if rng.random() < 0.3:
                partner[flag] = rng.random() < 0.5
        case["partner"] = partner
    if rng.random() < 0.2:
        case["dependent_children"] = rng.randint(1, 3)
        if not couple and rng.random() < 0.5:
            case["lone_parent"] = True
    case["income"] = [_income(rng, couple, setting) for _ in range(rng.choice((0, 1, 1, 2, 2, 3, 4, 5)))]
    case["capital"] = [_capital(rng, couple, on) for _ in range(rng.choice((0, 0, 1, 1, 2, 3, 4)))]
    if rng.random() < 0.4:
        case["home"] = _home(rng, couple, on)
    if setting != "permanent_residential" and rng.random() < 0.4:
        fields = ("rent", "mortgage", "council_tax", "service_charges", "ground_rent", "housing_benefit",
                  "council_tax_reduction")
        case["housing_costs"] = {f: _money(rng, 300) for f in fields if rng.random() < 0.5}
        if rng.random() < 0.5:
            case["housing_costs"]["frequency"] = rng.choice(FREQUENCIES)
    if rng.random() < 0.3:
        case["disability_related_expenditure"] = [
            {"description": rng.choice(("laundry", "heating", "telecare")), "amount": _money(rng, 80),
             "frequency": rng.choice(FREQUENCIES)} for _ in range(rng.randint(1, 3))]
    if rng.random() < 0.15:
        case["use_standard_dre_allowance"] = rng.random() < 0.7
    if rng.random() < 0.12:
        case["notional_capital"] = [{"amount": _money(rng, 40_000), "reason": "gift to a relative"}
                                    for _ in range(rng.randint(1, 2))]
    if rng.random() < 0.15:
        disregards = []
        for _ in range(rng.randint(1, 3)):
            applies = rng.choice(("home", "capital", "income"))
            d: dict[str, Any] = {"applies_to": applies, "reason": "council discretion"}
            if applies != "home":
                d["amount"] = _money(rng, 500)
            disregards.append(d)
        case["discretionary_disregards"] = disregards
    return case


def _income(rng: random.Random, couple: bool, setting: str) -> dict[str, Any]:
    kind = rng.choice(INCOME_TYPES)
    item: dict[str, Any] = {"type": kind, "amount": _money(rng, rng.choice((50, 400, 1_500)))}
    if rng.random() < 0.6:
        item["frequency"] = rng.choice(FREQUENCIES)
    if couple and rng.random() < 0.5:
        item["owner"] = rng.choice(("person", "partner", "joint"))
    if kind in PENSION_SHARE_TYPES and couple and setting == "permanent_residential" and rng.random() < 0.5:
        item["half_paid_to_partner"] = rng.random() < 0.8
    if kind in NIGHT_RATE_TYPES and setting == "non_residential" and rng.random() < 0.6:
        item["night_care_provided"] = rng.random() < 0.5
    return item


def _capital(rng: random.Random, couple: bool, on: date) -> dict[str, Any]:
    kind = rng.choice(CAPITAL_TYPES)
    item: dict[str, Any] = {"type": kind, "value": _money(rng, rng.choice((2_000, 30_000, 120_000)))}
    owners = ["person", "person", "joint_with_others"] + (["partner", "joint_with_partner"] if couple else [])
    owner = rng.choice(owners)
    if owner != "person" or rng.random() < 0.3:
        item["owner"] = owner
    if owner == "joint_with_others":
        choice = rng.randint(0, 2)
        if choice in (0, 2):
            item["joint_owners"] = rng.randint(2, 6)
        if choice in (1, 2):
            item["share"] = rng.choice(_SHARES)
    elif owner == "joint_with_partner" and rng.random() < 0.5:
        item["share"] = rng.choice(("1/2", "0.5", "0.6"))
    if rng.random() < 0.2:
        item["debt_secured"] = _money(rng, int(Decimal(item["value"])))
    if kind in DATED_CAPITAL_TYPES or rng.random() < 0.15:
        item["received_on"] = _day(rng, on, 365 * 2).isoformat()
    return item


def _home(rng: random.Random, couple: bool, on: date) -> dict[str, Any]:
    home: dict[str, Any] = {"value": _money(rng, 900_000)}
    owner = rng.choice(("person", "person", "joint_with_others") + (("joint_with_partner",) if couple else ()))
    if owner != "person" or rng.random() < 0.3:
        home["owner"] = owner
    if owner == "joint_with_others":
        choice = rng.randint(0, 2)
        if choice in (0, 2):
            home["joint_owners"] = rng.randint(2, 4)
        if choice in (1, 2):
            home["share"] = rng.choice(_SHARES)
    if rng.random() < 0.4:
        home["mortgage_outstanding"] = _money(rng, int(Decimal(home["value"])))
    if rng.random() < 0.35:
        occupants = []
        for _ in range(rng.randint(1, 2)):
            occ: dict[str, Any] = {"relationship": rng.choice(_RELATIONSHIPS)}
            if rng.random() < 0.7:
                occ["date_of_birth"] = (on - timedelta(days=rng.randint(0, 365 * 100))).isoformat()
            if rng.random() < 0.3:
                occ["incapacitated"] = rng.random() < 0.5
            if rng.random() < 0.3:
                occ["lived_there_since_before_admission"] = rng.random() < 0.5
            occupants.append(occ)
        home["occupants"] = occupants
    for flag in ("intends_to_return", "being_sold_to_buy_another"):
        if rng.random() < 0.25:
            home[flag] = rng.random() < 0.5
    return home


# --------------------------------------------------------------------------- both sides of every threshold


def _value(rules: RuleSet, on: date, name: str, key: str | None = None) -> Any:
    pv = rules.at(on).get(name)
    if pv is None:
        return None
    return pv.value[key] if key is not None else pv.value


def _pence(amount: Any) -> int:
    return int(Decimal(amount) * 100)


def _base(rng: random.Random, on: date, setting: str) -> dict[str, Any]:
    """A plain case: one adult, aged 70, no income or capital (each boundary case adds the one thing it tests)."""
    care: dict[str, Any] = {"setting": setting, "weekly_cost": "1200.00"}
    if setting == "permanent_residential":
        care["start_date"] = (on - timedelta(days=400)).isoformat()
    dob = _years_before(on, 70) - timedelta(days=rng.randint(0, 300))
    return {"person": {"date_of_birth": dob.isoformat()}, "care": care, "income": [], "capital": []}


def boundary_cases(rng: random.Random, on: date, rules: RuleSet) -> list[dict[str, Any]]:
    """Cases on both sides of each threshold of the means test on ``on`` under ``rules`` (one rule set: the
    national rules with any overlays)."""
    out: list[dict[str, Any]] = []
    steps = (-1, 0, 1)
    upper, lower = _pence(_value(rules, on, "capital.upper_limit")), _pence(_value(rules, on, "capital.lower_limit"))
    band = _pence(_value(rules, on, "capital.tariff_band"))
    limits = [upper, lower, lower + band, lower + 2 * band, upper - band]
    nonres = _value(rules, on, "options.non_residential_capital_limits")
    if nonres:
        limits += [_pence(_value(rules, on, "options.non_residential_upper_limit")),
                   _pence(_value(rules, on, "options.non_residential_lower_limit"))]
    for setting in SETTINGS:
        for limit in limits:
            for d in steps:
                case = _base(rng, on, setting)
                case["capital"] = [{"type": "savings_account", "value": _pounds(max(0, limit + d))}]
                case["income"] = [{"type": "state_pension", "amount": _money(rng, 300)}]
                out.append(case)
    # age 25 (the minimum income guarantee's young single person's amount), 18 (an adult), pension credit age
    for age in (25, 18):
        birthday = _years_before(on, age)
        for d in steps:
            case = _base(rng, on, "non_residential")
            case["person"]["date_of_birth"] = (birthday + timedelta(days=d)).isoformat()
            case["income"] = [{"type": "state_pension", "amount": _money(rng, 300)}]
            out.append(case)
    first = _years_before(on, 70)
    lo, hi = _years_before(on, 80), _years_before(on, 55)
    while (hi - lo).days > 1:  # the latest date of birth of someone of pension credit age on ``on``
        mid = lo + timedelta(days=(hi - lo).days // 2)
        if pension_credit_age_date(mid) <= on:
            lo = mid
        else:
            hi = mid
    for born in (lo - timedelta(days=1), lo, hi, hi + timedelta(days=1)):
        for couple in (False, True):
            case = _base(rng, on, "non_residential")
            case["person"]["date_of_birth"] = born.isoformat()
            if couple:
                case["partner"] = {"date_of_birth": first.isoformat()}
                case["person"]["date_of_birth"] = _years_before(on, 40).isoformat()
                case["partner"]["date_of_birth"] = born.isoformat()
            case["income"] = [{"type": "state_pension", "amount": _money(rng, 400)}]
            out.append(case)
    # the 12 weeks of the property disregard (with weeks used in an earlier stay)
    weeks = int(_value(rules, on, "property.disregard_weeks") or 12)
    for used in (0, 5):
        for d in steps:
            case = _base(rng, on, "permanent_residential")
            case["care"]["property_disregard_weeks_used"] = used
            case["care"]["start_date"] = (on - timedelta(days=(weeks - used) * 7 - 1 + d)).isoformat()
            case["home"] = {"value": _money(rng, 300_000, 50_000)}
            out.append(case)
    # a disregard of capital for a set time after receipt
    for kind in DATED_CAPITAL_TYPES:
        for d in steps:
            for span in (26, 52, 104):
                case = _base(rng, on, rng.choice(SETTINGS))
                case["capital"] = [{"type": kind, "value": _money(rng, 40_000, 1_000),
                                    "received_on": (on - timedelta(days=span * 7 - 1 + d)).isoformat()}]
                out.append(case)
    # six weeks of free intermediate care or reablement
    free_weeks = int(_value(rules, on, "free_services.intermediate_care_weeks") or 6)
    for d in steps:
        case = _base(rng, on, "non_residential")
        case["care"]["free_service"] = "intermediate_care_or_reablement"
        case["care"]["service_started_on"] = (on - timedelta(days=free_weeks * 7 - 1 + d)).isoformat()
        case["income"] = [{"type": "state_pension", "amount": "400.00"}]
        out.append(case)
    # a qualifying relative aged 60, a child under 18
    for relationship, age in (("relative", 60), ("child_of_adult", 18)):
        birthday = _years_before(on, age)
        for d in steps:
            case = _base(rng, on, "permanent_residential")
            case["home"] = {"value": "200000.00", "occupants": [
                {"relationship": relationship, "date_of_birth": (birthday + timedelta(days=d)).isoformat()}]}
            out.append(case)
    # available income of nil, the cost of care, and the council's minimum and maximum charge
    pea = _pence(_value(rules, on, "allowances.personal_expenses"))
    mig = _pence(_value(rules, on, "mig.personal_amount", "single_pca"))
    for setting, allowance in (("permanent_residential", pea), ("non_residential", mig)):
        for d in steps:
            case = _base(rng, on, setting)
            case["income"] = [{"type": "state_pension", "amount": _pounds(allowance + d)}]
            out.append(case)
            case = _base(rng, on, setting)
            case["income"] = [{"type": "state_pension", "amount": _pounds(allowance + 50_000)}]
            case["care"]["weekly_cost"] = _pounds(50_000 + d)
            out.append(case)
    for option in ("options.minimum_charge", "options.maximum_weekly_charge"):
        amount = _value(rules, on, option)
        if amount:
            for d in steps:
                case = _base(rng, on, "non_residential")
                case["income"] = [{"type": "state_pension", "amount": _pounds(mig + _pence(amount) + d)}]
                out.append(case)
    # the ceiling on disability-related expenditure: the disability benefit counted
    for d in steps:
        case = _base(rng, on, "non_residential")
        case["income"] = [{"type": "attendance_allowance_lower", "amount": "72.65"},
                          {"type": "state_pension", "amount": "300.00"}]
        case["disability_related_expenditure"] = [{"description": "laundry", "amount": _pounds(7265 + d)}]
        out.append(case)
    # amounts that come to half a penny a week (the rounding policy): 26p monthly is 6p exactly, 2p four-weekly half
    for amount, frequency in (("0.26", "monthly"), ("0.02", "four_weekly"), ("0.01", "fortnightly"),
                              ("0.13", "quarterly"), ("0.26", "annually"), ("1.30", "annually")):
        case = _base(rng, on, rng.choice(SETTINGS))
        case["income"] = [{"type": "state_pension", "amount": amount, "frequency": frequency}]
        case["capital"] = [{"type": "savings_account", "value": _pounds(lower + 1)}]
        out.append(case)
    return out

