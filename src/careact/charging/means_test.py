"""The means test, composed once: one case, or a whole population in columns.

:func:`means_test` composes the charging rules -- the setting, capital, income, allowances, the
services that must be free and the weekly charge -- in one function. It reads its inputs through a
*view* and computes with the context's array namespace (see :mod:`careact.charging.context`), so the
same composition of the same rules is evaluated two ways:

* for one case, :class:`CaseView` holds the case's values as Python ``int``/``bool`` and each list
  of the case (income, capital, occupants of the home, ...) as a list of rows; the context records
  the explanation and the flags as the rules run (:func:`careact.charging.assess`);
* for a population, :class:`careact.population.view.ColumnView` holds NumPy columns and the long
  tables of items; the context computes in exact ``int64`` and records nothing
  (:func:`careact.population.assess.assess_columns`).

A view offers the same few operations either way: ``v.each(table, f)`` applies a rule to every item
(one by one for one case; to the whole long table at once for a population); ``v.sum(table, items,
f)`` and ``v.any`` reduce ``f`` of the items per person (a sum over the list, or ``segment_sum`` over
the long table), ``v.count`` counts them, ``v.spread`` gives each item its person's value, and ``v.per_type(item, f)`` looks a value up
in the income or capital catalogue by the item's type. A rule that applies only to some people is
written with ``c.when``; one case evaluates it only where it applies, so its explanation names only
what the case used.

The per-case view needs nothing beyond the standard library; NumPy belongs to the columnar view.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..arrays import pounds
from ..dates import age_on
from ..explain import N_, RuleStep, gbp
from ..periods import FACTORS
from ..rules.params.charging import options
from . import allowances as alw
from . import short_term
from .capital import (
    DISCRETIONARY_CODES,
    HOME_READMISSION,
    HOME_TWELVE_WEEKS,
    OWNER_CODES,
    RELATIONSHIP_CODES,
    CapitalResult,
    capital_rule,
    capital_traits,
)
from .catalogue import CapitalType, IncomeType
from .charge import (
    FREE_SERVICE_CODES,
    NO_FREE_SERVICE,
    R_FULL_COST,
    carers_rule,
    charge_rule,
    free_service_rule,
)
from .context import Ctx
from .income import OWNER_CODES as INCOME_OWNER_CODES
from .income import IncomeResult, income_rule, income_traits
from .light_touch import ABOVE, BASIS_CODES, apply_light_touch
from .models import ChargingCase
from .nhs_funding import NhsOutcome, apply_nhs_funding
from .pension_age import has_reached_pension_credit_age
from .settings import NON_RESIDENTIAL, PERMANENT, RESPITE, SETTING_CODES, SETTING_NAMES
from .top_ups import TopUpTerms, top_up_rule, top_up_terms

__all__ = ["R_SETTING", "CaseView", "MeansTest", "assessed_as", "means_test"]

R_SETTING = RuleStep("charging.setting", "The setting of care", "Care Act 2014 s 14; SI 2014/2672 reg 2(1) (definitions), regs 6, 7 and 8", "https://www.legislation.gov.uk/ukpga/2014/23/section/14", "Care and Support Statutory Guidance chapter 8")


@dataclass(slots=True)
class MeansTest:
    """The figures of the means test (pence; ``int``/``bool`` for one case, columns for a population)."""

    setting: Any  # the setting of care (a code of careact.charging.settings)
    assessed_as: Any  # the rules it is assessed under
    cost: Any  # the weekly cost of care
    capital: CapitalResult
    income: IncomeResult
    allowances: alw.AllowancesResult
    free: Any  # a service that must be free (SI 2014/2672 reg 3)
    carer_free: Any  # support for a carer the council does not charge for
    assessed_income: Any  # income counted plus tariff income
    charge: Any  # the weekly charge
    council: Any  # what the council pays towards the cost of care
    cost_charged: Any = None  # the cost the charge is worked out on (after NHS nursing care and a top-up paid as income)
    income_total: Any = None  # income counted, with a top-up paid as income
    self_funder: Any = False  # above the upper capital limit, or treated so (light-touch)
    full_cost_reason: str | None = None  # one case
    chc: Any = False  # one case: NHS continuing healthcare meets the cost
    nhs: NhsOutcome | None = None  # one case
    top_up: TopUpTerms | None = None  # one case

    @property
    def nil(self) -> Any:
        return self.free | self.carer_free | self.chc

    @property
    def total_allowances(self) -> Any:
        return self.allowances.total


def assessed_as(c: Ctx, setting: Any) -> Any:
    """The rules a setting is assessed under: a council may charge respite care as care at home."""
    xp = c.xp
    respite = setting == RESPITE
    as_home = c.read_when(respite, options.respite_assessed_as_non_residential)
    return xp.where(xp.all(respite, as_home), NON_RESIDENTIAL, setting)


def means_test(c: Ctx, v: Any) -> MeansTest:
    """The financial assessment of SI 2014/2672 for the people of view ``v`` on ``c.on``: the setting
    (regs 2 and 8), capital and tariff income (Part 5, Sch 2), income (Part 4, Sch 1), what the adult keeps
    (regs 6 and 7, Sch 1 paras 2, 4 and 40), free services (reg 3) and the weekly charge (Care Act 2014
    ss 14, 17 and 18).

    For one case it also applies what is recorded of that case alone -- a short-term stay (reg 8), NHS
    funding, a top-up, a light-touch assessment; a population's rows with them are assessed one by one
    (:func:`careact.population.assess.assess_columns`)."""
    xp = c.xp
    setting, cost = v.setting, v.cost
    chc: Any = False
    nhs: NhsOutcome | None = None
    if c.case:
        case = v.model
        assessed = short_term.assessed_as(c, case, setting)
        if c.explain:
            care = case.care
            c.t.add(R_SETTING, N_("The care is {setting}, costing {cost} a week; it is assessed under the rules for {assessed_as}."), args={"setting": care.setting.replace("_", " "), "cost": gbp(care.weekly_cost), "assessed_as": SETTING_NAMES[assessed].replace("_", " ")}, inputs={"setting": care.setting, "weekly_cost": care.weekly_cost}, output=SETTING_NAMES[assessed])
        nhs = apply_nhs_funding(c, case, cost)
        cost, chc = nhs.cost, nhs.chc
    else:
        assessed = assessed_as(c, setting)

    capital = capital_rule(c, v, assessed)
    above = capital.above_upper_limit
    light = v.model.light_touch if c.case else None
    treated_above = light is not None and BASIS_CODES[light.basis] == ABOVE
    income = income_rule(c, v, assessed, xp.any(above, treated_above))
    allowances = alw.allowances_rule(c, v, assessed, income.disability_benefit_counted, income.disability_benefit_total, income)
    cost_charged, income_total = cost, income.total
    top_up: TopUpTerms | None = None
    if c.case:
        top_up = top_up_terms(c, v.model, capital.home.reason in (HOME_TWELVE_WEEKS, HOME_READMISSION))
        cost_charged, income_total = top_up_rule(c, cost, income.total, top_up.weekly, top_up.via_income)
    assessed_income = income_total + capital.tariff
    total_allowances = allowances.total
    free = free_service_rule(c, v.free_service, v.service_started_day)
    carer_free = carers_rule(c, v.for_carer, free)
    nil = xp.any(free, carer_free, chc)
    full_cost_reason = None
    if c.case and not nil and above:
        full_cost_reason = "capital above the upper capital limit"
        _full_cost(c, v, setting, assessed, capital, cost_charged)
    charge = charge_rule(c, assessed, cost_charged, assessed_income, capital.tariff, total_allowances, above, nil)
    self_funder = above
    if light is not None and not nil:
        charge, treated = apply_light_touch(c, v.model, charge, cost_charged, assessed_income - total_allowances, above)
        if treated:
            self_funder = True
            full_cost_reason = "treated as above the financial limit (light-touch assessment, SI 2014/2672 reg 10)"
    council = 0 if chc else xp.maximum(0, cost_charged - charge)
    return MeansTest(setting=setting, assessed_as=assessed, cost=cost, capital=capital, income=income,
                     allowances=allowances, free=free, carer_free=carer_free, assessed_income=assessed_income,
                     charge=charge, council=council, cost_charged=cost_charged, income_total=income_total,
                     self_funder=self_funder, full_cost_reason=full_cost_reason, chc=chc, nhs=nhs, top_up=top_up)


def _full_cost(c: Ctx, v: Any, setting: int, assessed: int, capital: CapitalResult, cost: int) -> None:
    """One case above the upper capital limit: the explanation and the flags an officer needs."""
    if c.explain:
        c.t.add(R_FULL_COST, N_("Capital is above the upper limit, so the adult pays the full cost of {cost} a week."), args={"cost": gbp(pounds(cost))}, output=pounds(cost))
    if assessed == NON_RESIDENTIAL:
        c.flag("self_funder_may_ask_council_to_arrange", "The adult can pay the full cost but may ask the council to arrange their care and support (Care Act 2014 s 18(3)); the council may charge an arrangement fee.", "Care Act 2014 s 18(3); Care and Support Statutory Guidance chapter 8")
    else:
        c.flag("self_funder", "The adult is a self-funder: capital is above the upper limit.", "Care Act 2014 s 18; SI 2014/2672 reg 12")
    if setting == PERMANENT and capital.home_counted and capital.total - capital.home_counted <= capital.upper_limit:
        c.flag("deferred_payment_may_be_offered", "Without the home the adult's capital is at or below the upper limit: the council must offer a deferred payment agreement if the other conditions are met (Care and Support (Deferred Payment) Regulations 2014 reg 2).", "SI 2014/2671 reg 2; Care and Support Statutory Guidance chapter 9")


# --------------------------------------------------------------------------- the view of one case


def _pence(amount: Any) -> int:
    return int(amount * 100)


def _fraction(share: Any) -> tuple[int, int]:
    """A share (a Decimal) as its exact reduced fraction; 0/1 when not given."""
    if share is None:
        return 0, 1
    return share.as_integer_ratio()  # type: ignore[no-any-return]


def _group(loader: Callable[[CaseView], None], *names: str) -> dict[str, Callable[[CaseView], None]]:
    return dict.fromkeys(names, loader)


class IncomeRow:
    """One income line of a case, as the rules read it (pence, codes), with the line as given."""

    __slots__ = ("amount", "div", "entry", "frequency", "half_paid_to_partner", "index", "model", "mul",
                 "night_care_given", "night_care_provided", "owner", "traits")

    def __init__(self, index: int, item: Any, entry: IncomeType, on: date) -> None:
        self.index, self.model, self.entry = index, item, entry
        self.traits = income_traits(entry, on)
        self.amount = _pence(item.amount)
        frequency = item.frequency
        self.frequency = frequency.value
        self.mul, self.div = FACTORS[frequency]
        self.owner = INCOME_OWNER_CODES[item.owner]
        self.half_paid_to_partner = item.half_paid_to_partner
        self.night_care_given = item.night_care_provided is not None
        self.night_care_provided = bool(item.night_care_provided)


class CapitalRow:
    """One item of capital of a case, as the rules read it."""

    __slots__ = ("debt_secured", "entry", "extended_day", "index", "joint_owners", "model", "owner", "received_day",
                 "share_den", "share_given", "share_num", "traits", "value")

    def __init__(self, index: int, item: Any, entry: CapitalType) -> None:
        self.index, self.model, self.entry = index, item, entry
        self.traits = capital_traits(entry)
        self.value = _pence(item.value)
        self.owner = OWNER_CODES[item.owner]
        share = item.share
        self.share_given = share is not None
        self.share_num, self.share_den = _fraction(share)
        self.joint_owners = item.joint_owners or 0
        self.debt_secured = _pence(item.debt_secured)
        self.received_day = item.received_on.toordinal() if item.received_on is not None else 0
        extended = item.disregard_extended_to
        self.extended_day = extended.toordinal() if extended is not None else 0


class OccupantRow:
    """Someone living in the adult's home (Sch 2 para 4): age on the date (-1 when not known)."""

    __slots__ = ("age", "before_admission", "incapacitated", "relationship")

    def __init__(self, occ: Any, on: date) -> None:
        self.relationship = RELATIONSHIP_CODES[occ.relationship]
        self.age = age_on(occ.date_of_birth, on) if occ.date_of_birth else -1
        self.incapacitated = occ.incapacitated
        self.before_admission = occ.lived_there_since_before_admission


class WeeklyRow:
    """An amount paid at a frequency (an item of disability-related expenditure)."""

    __slots__ = ("amount", "div", "mul")

    def __init__(self, item: Any) -> None:
        self.amount = _pence(item.amount)
        self.mul, self.div = FACTORS[item.frequency]


class AmountRow:
    """An amount of notional capital (nil before the day it is taken into account from)."""

    __slots__ = ("amount",)

    def __init__(self, amount: Any, counts: bool = True) -> None:
        self.amount = _pence(amount) if counts else 0


class DisregardRow:
    """A discretionary disregard: what it applies to and its amount (0 when not given)."""

    __slots__ = ("amount", "applies_to")

    def __init__(self, d: Any) -> None:
        self.applies_to = DISCRETIONARY_CODES[d.applies_to]
        self.amount = _pence(d.amount) if d.amount is not None else 0


_EMPTY: list[Any] = []


class CaseView:
    """One charging case as the means test reads it: Python values, and a list of rows per list of the case.

    ``model`` is the case itself, for the explanation and the lines of the result. What only some
    rules read (the home, housing costs, the premiums recorded, the lists other than income and
    capital) is converted on first use.
    """

    __slots__ = (
        "_incomes",
        "age",
        "capital",
        "carer_premium",
        "carer_premium_given",
        "cost",
        "couple",
        "dependent_children",
        "disability_premium",
        "disability_premium_given",
        "discretionary",
        "dre",
        "enhanced_disability_premium",
        "enhanced_disability_premium_given",
        "for_carer",
        "free_service",
        "has_home",
        "has_housing_costs",
        "home_being_sold_to_buy_another",
        "home_intends_to_return",
        "home_joint_owners",
        "home_mortgage",
        "home_owner",
        "home_share_den",
        "home_share_given",
        "home_share_num",
        "home_still_available",
        "home_value",
        "housing_benefit",
        "housing_council_tax",
        "housing_council_tax_reduction",
        "housing_div",
        "housing_ground_rent",
        "housing_mortgage",
        "housing_mul",
        "housing_rent",
        "housing_service_charges",
        "income",
        "lone_parent",
        "model",
        "notional",
        "occupants",
        "on",
        "partner_in_care_home",
        "partner_lives_in_the_home",
        "registered_blind",
        "service_started_day",
        "setting",
        "start_day",
        "use_standard_dre_allowance",
        "weeks_used",
    )

    def __init__(self, case: ChargingCase, on: date, incomes: Any, capitals: Any) -> None:
        self.model = case
        self.on = on
        care = case.care
        self.setting = SETTING_CODES[care.setting]
        self.cost = _pence(care.weekly_cost)
        self.for_carer = care.for_carer
        free = care.free_service
        self.free_service = FREE_SERVICE_CODES[free] if free is not None else NO_FREE_SERVICE
        started = care.service_started_on
        self.service_started_day = started.toordinal() if started is not None else 0
        partner = case.partner
        self.couple = partner is not None
        self.has_home = case.home is not None
        self.has_housing_costs = case.housing_costs is not None
        self.income = [IncomeRow(i, item, incomes[item.type], on) for i, item in enumerate(case.income)]
        self.capital = [CapitalRow(i, item, capitals[item.type]) for i, item in enumerate(case.capital)]
        d = case.discretionary_disregards
        self.discretionary = [DisregardRow(x) for x in d] if d else _EMPTY

    def __getattr__(self, name: str) -> Any:
        """A value only some rules read, converted on first use (its whole group at once)."""
        loader = _GROUPS.get(name)
        if loader is None:
            raise AttributeError(name)
        loader(self)
        return object.__getattribute__(self, name)

    def _person(self) -> None:
        case, on = self.model, self.on
        person = case.person
        self.age = age_on(person.date_of_birth, on)
        self.registered_blind = person.registered_blind
        self.disability_premium_given = person.disability_premium is not None
        self.disability_premium = bool(person.disability_premium)
        self.enhanced_disability_premium_given = person.enhanced_disability_premium is not None
        self.enhanced_disability_premium = bool(person.enhanced_disability_premium)
        self.carer_premium_given = person.carer_premium is not None
        self.carer_premium = bool(person.carer_premium)
        self.lone_parent = case.lone_parent
        self.dependent_children = case.dependent_children
        self.use_standard_dre_allowance = case.use_standard_dre_allowance
        self.dre = [WeeklyRow(x) for x in case.disability_related_expenditure]

    def _home(self) -> None:
        case = self.model
        partner = case.partner
        self.partner_lives_in_the_home = partner is not None and partner.lives_in_the_home
        self.partner_in_care_home = partner is not None and partner.in_care_home
        care = case.care
        self.start_day = care.start_date.toordinal() if care.start_date is not None else 0
        self.weeks_used = care.property_disregard_weeks_used
        home = case.home
        if home is None:
            self.occupants = _EMPTY
            return
        self.home_value = _pence(home.value)
        self.home_owner = OWNER_CODES[home.owner]
        self.home_share_given = home.share is not None
        self.home_share_num, self.home_share_den = _fraction(home.share)
        self.home_joint_owners = home.joint_owners or 0
        self.home_mortgage = _pence(home.mortgage_outstanding)
        self.home_intends_to_return = home.intends_to_return
        self.home_still_available = home.still_available
        self.home_being_sold_to_buy_another = home.being_sold_to_buy_another
        self.occupants = [OccupantRow(o, self.on) for o in home.occupants]

    def _housing(self) -> None:
        h = self.model.housing_costs
        assert h is not None
        self.housing_rent, self.housing_mortgage = _pence(h.rent), _pence(h.mortgage)
        self.housing_council_tax, self.housing_service_charges = _pence(h.council_tax), _pence(h.service_charges)
        self.housing_ground_rent = _pence(h.ground_rent)
        self.housing_benefit, self.housing_council_tax_reduction = _pence(h.housing_benefit), _pence(h.council_tax_reduction)
        self.housing_mul, self.housing_div = FACTORS[h.frequency]

    def _notional(self) -> None:
        n = self.model.notional_capital
        on = self.on
        self.notional = [AmountRow(x.amount, x.applies_from is None or x.applies_from <= on) for x in n] if n else _EMPTY

    # pension credit age is looked up only where the minimum income guarantee needs it (the table may
    # not cover a resident's date of birth)
    @property
    def pca(self) -> bool:
        return has_reached_pension_credit_age(self.model.person.date_of_birth, self.on)

    @property
    def partner_pca(self) -> bool:
        partner = self.model.partner
        return partner is not None and has_reached_pension_credit_age(partner.date_of_birth, self.on, field="partner.date_of_birth")

    # the operations on items
    @staticmethod
    def each(items: Iterable[Any], f: Callable[[Any], Any]) -> list[Any]:
        return [f(x) for x in items]

    @staticmethod
    def sum(table: list[Any], items: list[Any], f: Callable[[Any], Any] | None = None) -> Any:
        return sum(items) if f is None else sum([f(x) for x in items])

    @staticmethod
    def any(table: list[Any], items: list[Any], f: Callable[[Any], Any] | None = None) -> bool:
        return any(items) if f is None else any(f(x) for x in items)

    @staticmethod
    def count(table: list[Any]) -> int:
        return len(table)

    @staticmethod
    def spread(table: list[Any], value: Any) -> Any:
        return value

    @staticmethod
    def zip(a: list[Any], b: list[Any]) -> list[tuple[Any, Any]]:
        return list(zip(a, b, strict=True))

    @staticmethod
    def per_type(x: Any, f: Callable[[Any], Any]) -> Any:
        return f(x.entry)


_GROUPS: dict[str, Callable[[CaseView], None]] = {
    **_group(CaseView._person, "age", "registered_blind", "disability_premium_given", "disability_premium",
             "enhanced_disability_premium_given", "enhanced_disability_premium", "carer_premium_given", "carer_premium",
             "lone_parent", "dependent_children", "use_standard_dre_allowance", "dre"),
    **_group(CaseView._home, "partner_lives_in_the_home", "partner_in_care_home", "start_day", "weeks_used",
             "home_value", "home_owner", "home_share_given", "home_share_num", "home_share_den", "home_joint_owners",
             "home_mortgage", "home_intends_to_return", "home_still_available", "home_being_sold_to_buy_another", "occupants"),
    **_group(CaseView._housing, "housing_rent", "housing_mortgage", "housing_council_tax", "housing_service_charges",
             "housing_ground_rent", "housing_benefit", "housing_council_tax_reduction", "housing_mul", "housing_div"),
    **_group(CaseView._notional, "notional"),
}
