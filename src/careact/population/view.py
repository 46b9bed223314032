"""A population as the means test reads it: the columnar view of :func:`careact.charging.means_test.means_test`.

:class:`ColumnView` offers the attributes and operations :class:`careact.charging.means_test.CaseView`
offers for one case, over a :class:`~careact.population.columns.Population` on one date: each value
a column with one entry per person (money as ``int64`` pence, codes as the rules' own codes, dates as
day numbers), each list of the case a long table of items (:class:`Items`), and the operations on
items done at once over the long table and reduced per person with the ``segment_*`` functions.

Values are converted from the population's columns on first use, so a rule that no one in the
population reaches costs nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from functools import lru_cache
from typing import Any

import numpy as np
from numpy.typing import NDArray

from ..charging.capital import (
    DISCRETIONARY_CODES,
    OWNER_CODES,
    RELATIONSHIP_CODES,
    CapitalTraits,
    capital_traits,
)
from ..charging.catalogue import capital_types, income_types, pension_age_bands
from ..charging.charge import FREE_SERVICE_CODES, NO_FREE_SERVICE
from ..charging.income import OWNER_CODES as INCOME_OWNER_CODES
from ..charging.income import IncomeTraits, income_traits
from ..charging.pension_age import pension_credit_age_date
from ..charging.settings import SETTING_CODES
from ..periods import FACTORS, Frequency
from .codes import CodeTable
from .columns import Masked, Population, segment_any, segment_count, segment_sum
from .xp import NUMPY

__all__ = ["EPOCH_ORDINAL", "ColumnView", "Items", "age_on", "day_numbers", "pension_age_threshold"]

EPOCH_ORDINAL = date(1970, 1, 1).toordinal()
"""``date.toordinal()`` of 1970-01-01: ``datetime64[D]`` days plus this are the rules' day numbers."""

Array = NDArray[Any]


def day_numbers(days: NDArray[np.datetime64], present: NDArray[np.bool_] | None = None) -> NDArray[np.int64]:
    """Dates as ``date.toordinal()`` day numbers (0 where absent), as one case's rules count days."""
    out: NDArray[np.int64] = days.astype("datetime64[D]").astype(np.int64) + EPOCH_ORDINAL
    mask = ~np.isnat(days) if present is None else present
    if mask.all():
        return out
    return np.where(mask, out, 0)


def civil(days: NDArray[np.int64]) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """Year and ``month * 32 + day`` of each day (days since 1970-01-01), in integer arithmetic (H. Hinnant,
    "chrono-Compatible Low-Level Date Algorithms", civil_from_days) -- far faster than NumPy's month units."""
    z = days + 719468
    era = z // 146097
    doe = z - era * 146097
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    day = doy - (153 * mp + 2) // 5 + 1
    month = np.where(mp < 10, mp + 3, mp - 9)
    year = yoe + era * 400 + (month <= 2)
    out: tuple[NDArray[np.int64], NDArray[np.int64]] = (year, month * 32 + day)
    return out


def age_on(date_of_birth: NDArray[np.datetime64], on: date) -> NDArray[np.int64]:
    """Age in whole years on ``on`` (:func:`careact.dates.age_on` over a column: a birthday on 29 February
    falls on 1 March in a common year, since (2, 29) comes after (2, 28))."""
    year, month_day = civil(date_of_birth.astype("datetime64[D]").astype(np.int64))
    out: NDArray[np.int64] = (on.year - year) - ((on.month * 32 + on.day) < month_day)
    return out


@lru_cache(maxsize=256)
def pension_age_threshold(on: date, ruleset: str = "england") -> tuple[int, int, int]:
    """``(first, last, latest)`` day numbers: the dates of birth the pension-age table covers, and the latest
    date of birth of someone who has reached pension credit age on ``on``.

    The day pension credit age is reached never comes earlier for a later date of birth (a test checks
    every date of the table), so someone born in the table's range has reached it on ``on`` exactly when
    born on or before ``latest``; :func:`careact.charging.pension_age.pension_credit_age_date` -- the one
    definition -- is asked only O(log n) times.
    """
    bands = pension_age_bands(ruleset)
    first, last = bands[0].born_from.toordinal(), bands[-1].born_to.toordinal()
    lo, hi = first - 1, last  # invariant: pca_date(lo) <= on (or lo before the table); pca_date(hi + 1) > on
    if pension_credit_age_date(date.fromordinal(last), ruleset) <= on:
        return first, last, last
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if pension_credit_age_date(date.fromordinal(mid), ruleset) <= on:
            lo = mid
        else:
            hi = mid
    return first, last, lo


def _remap(table: CodeTable, codes: Mapping[str, int], missing: int = -1) -> NDArray[np.int64]:
    return np.array([codes.get(v, missing) for v in table.values], dtype=np.int64)


_CODES = frozenset({"setting", "free_service", "home_owner", "owner", "relationship", "applies_to", "dependent_children",
                    "weeks_used", "mul", "div", "housing_mul", "housing_div"})
"""Integer columns worth folding: codes, and counts that are often the same for everyone."""


def _fold(value: Any, code: bool) -> Any:
    """A column that holds one value for everyone, as that value: the rules then compute with a Python
    scalar (and :meth:`careact.charging.context.Ctx.when` skips a rule no one reaches)."""
    if not isinstance(value, np.ndarray) or value.ndim != 1 or len(value) == 0:
        return value
    if value.dtype == np.bool_:
        if not value.any():
            return False
        if value.all():
            return True
        return value
    if code and value.dtype.kind in "iu":
        lo, hi = int(value.min()), int(value.max())
        if lo == hi:
            return lo
    return value


class Items:
    """A long table of items as the rules read it: columns of one entry per item, ``offsets`` and ``person``."""

    def __init__(self, offsets: NDArray[np.int64], person: NDArray[np.int64], loaders: dict[str, Callable[[], Any]]) -> None:
        self.offsets = offsets
        self.person = person
        self._loaders = loaders
        counts = segment_count(offsets)
        most = int(counts.max()) if len(counts) else 0
        self.at_most_one = most <= 1
        self.one_each = most == 1 and len(person) == len(counts)

    def __len__(self) -> int:
        return len(self.person)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        loader = self._loaders.get(name)
        if loader is None:
            raise AttributeError(name)
        value = _fold(loader(), name in _CODES)
        setattr(self, name, value)
        return value


class ColumnView:
    """A population on one date, as :func:`careact.charging.means_test.means_test` reads it (see the module)."""

    def __init__(self, population: Population, on: date, ruleset: str = "england") -> None:
        self.population = population
        self.on = on
        self.ruleset = ruleset
        self.n = len(population)
        self._people = population.people
        self._codes = population.codes
        self._factors: dict[int, tuple[Array, Array]] = {}

    # --------------------------------------------------------------- values converted on first use

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        loader = getattr(type(self), f"_load_{name}", None)
        if loader is None:
            raise AttributeError(name)
        value = _fold(loader(self), name in _CODES)
        setattr(self, name, value)
        return value

    def _col(self, attr: str) -> Any:
        return getattr(self._people, attr)

    def _masked(self, attr: str) -> tuple[Array, Array]:
        m: Masked[Any] = self._col(attr)
        return m.values, m.present

    def _load_setting(self) -> Array:
        return _remap(self._codes["care.setting"], SETTING_CODES)[self._people.care_setting]

    def _load_cost(self) -> Array:
        return self._people.care_weekly_cost

    def _load_for_carer(self) -> Array:
        return self._people.care_for_carer

    def _load_free_service(self) -> Array:
        values, present = self._masked("care_free_service")
        codes = _remap(self._codes["care.free_service"], FREE_SERVICE_CODES)[values]
        return np.where(present, codes, NO_FREE_SERVICE)

    def _load_service_started_day(self) -> Array:
        values, present = self._masked("care_service_started_on")
        return day_numbers(values, present)

    def _load_start_day(self) -> Array:
        values, present = self._masked("care_start_date")
        return day_numbers(values, present)

    def _load_weeks_used(self) -> Array:
        return self._people.care_property_disregard_weeks_used.astype(np.int64)

    def _load_age(self) -> Array:
        return age_on(self._people.person_date_of_birth, self.on)

    def _load_dob_day(self) -> Array:
        return day_numbers(self._people.person_date_of_birth)

    def _load_partner_age(self) -> Array:
        people = self._people
        return np.where(people.has_partner, age_on(people.partner_date_of_birth, self.on), 0)

    def _load_partner_dob_day(self) -> Array:
        people = self._people
        return np.where(people.has_partner, day_numbers(people.partner_date_of_birth), 0)

    def _pca(self, dob: NDArray[np.datetime64]) -> tuple[Array, Array]:
        first, last, latest = pension_age_threshold(self.on, self.ruleset)
        day = day_numbers(dob)
        return day <= latest, (day >= first) & (day <= last)

    def _load_pca(self) -> Array:
        pca, self.pca_covered = self._pca(self._people.person_date_of_birth)
        return pca

    def _load_pca_covered(self) -> Array:
        self.pca  # noqa: B018 - sets both
        return self.pca_covered

    def _load_partner_pca(self) -> Array:
        people = self._people
        pca, covered = self._pca(people.partner_date_of_birth)
        self.partner_pca_covered = covered | ~people.has_partner
        return pca & people.has_partner

    def _load_partner_pca_covered(self) -> Array:
        self.partner_pca  # noqa: B018 - sets both
        return self.partner_pca_covered

    def _load_registered_blind(self) -> Array:
        return self._people.person_registered_blind

    def _premium(self, attr: str) -> tuple[Array, Array]:
        values, present = self._masked(attr)
        return present, values & present

    def _load_disability_premium_given(self) -> Array:
        self.disability_premium_given, self.disability_premium = self._premium("person_disability_premium")
        return self.disability_premium_given

    def _load_disability_premium(self) -> Array:
        return self._premium("person_disability_premium")[1]

    def _load_enhanced_disability_premium_given(self) -> Array:
        return self._premium("person_enhanced_disability_premium")[0]

    def _load_enhanced_disability_premium(self) -> Array:
        return self._premium("person_enhanced_disability_premium")[1]

    def _load_carer_premium_given(self) -> Array:
        return self._premium("person_carer_premium")[0]

    def _load_carer_premium(self) -> Array:
        return self._premium("person_carer_premium")[1]

    def _load_lone_parent(self) -> Array:
        return self._people.lone_parent

    def _load_dependent_children(self) -> Array:
        return self._people.dependent_children.astype(np.int64)

    def _load_couple(self) -> Array:
        return self._people.has_partner

    def _load_partner_lives_in_the_home(self) -> Array:
        return self._people.partner_lives_in_the_home & self._people.has_partner

    def _load_partner_in_care_home(self) -> Array:
        return self._people.partner_in_care_home & self._people.has_partner

    def _load_has_home(self) -> Array:
        return self._people.has_home

    def _load_home_value(self) -> Array:
        return self._people.home_value

    def _load_home_owner(self) -> Array:
        return _remap(self._codes["home.owner"], OWNER_CODES)[self._people.home_owner]

    def _load_home_share_given(self) -> Array:
        return self._people.home_share.present

    def _load_home_share_num(self) -> Array:
        return self._people.home_share.num

    def _load_home_share_den(self) -> Array:
        return self._people.home_share.den

    def _load_home_joint_owners(self) -> Array:
        values, present = self._masked("home_joint_owners")
        return np.where(present, values.astype(np.int64), 0)

    def _load_home_mortgage(self) -> Array:
        return self._people.home_mortgage_outstanding

    def _load_home_intends_to_return(self) -> Array:
        return self._people.home_intends_to_return

    def _load_home_still_available(self) -> Array:
        return self._people.home_still_available

    def _load_home_being_sold_to_buy_another(self) -> Array:
        return self._people.home_being_sold_to_buy_another

    def _load_has_housing_costs(self) -> Array:
        return self._people.has_housing_costs

    def _load_housing_rent(self) -> Array:
        return self._people.housing_costs_rent

    def _load_housing_mortgage(self) -> Array:
        return self._people.housing_costs_mortgage

    def _load_housing_council_tax(self) -> Array:
        return self._people.housing_costs_council_tax

    def _load_housing_service_charges(self) -> Array:
        return self._people.housing_costs_service_charges

    def _load_housing_ground_rent(self) -> Array:
        return self._people.housing_costs_ground_rent

    def _load_housing_benefit(self) -> Array:
        return self._people.housing_costs_housing_benefit

    def _load_housing_council_tax_reduction(self) -> Array:
        return self._people.housing_costs_council_tax_reduction

    def _frequency(self, codes: Array) -> tuple[Array, Array]:
        key = id(codes)
        cached = self._factors.get(key)
        if cached is None:
            table = self._codes["frequency"]
            mul = np.array([FACTORS[Frequency(v)][0] for v in table.values], dtype=np.int64)
            div = np.array([FACTORS[Frequency(v)][1] for v in table.values], dtype=np.int64)
            cached = self._factors[key] = (mul[codes], div[codes])
        return cached

    def _load_housing_mul(self) -> Array:
        return self._frequency(self._people.housing_costs_frequency)[0]

    def _load_housing_div(self) -> Array:
        return self._frequency(self._people.housing_costs_frequency)[1]

    def _load_use_standard_dre_allowance(self) -> Array:
        return self._people.use_standard_dre_allowance

    # --------------------------------------------------------------- the long tables

    def _load_income(self) -> Items:
        t = self.population.income
        codes = self._codes
        table = codes["income.type"]
        catalogue = income_types(self.ruleset)
        entries = [catalogue.get(v) for v in table.values]

        def traits() -> IncomeTraits:
            gathered: IncomeTraits = _gather_traits(IncomeTraits, [income_traits(e, self.on) if e is not None else None for e in entries], t.type)
            return gathered

        def night() -> tuple[Array, Array]:
            values, present = t.night_care_provided.values, t.night_care_provided.present
            return present, values & present

        return Items(t.offsets, t.person, {
            "amount": lambda: t.amount,
            "mul": lambda: self._frequency(t.frequency)[0],
            "div": lambda: self._frequency(t.frequency)[1],
            "owner": lambda: _remap(codes["income.owner"], INCOME_OWNER_CODES)[t.owner],
            "half_paid_to_partner": lambda: t.half_paid_to_partner,
            "night_care_given": lambda: night()[0],
            "night_care_provided": lambda: night()[1],
            "traits": traits,
            "entries": lambda: entries,
            "type": lambda: t.type,
        })

    def _load_capital(self) -> Items:
        t = self.population.capital
        codes = self._codes
        table = codes["capital.type"]
        catalogue = capital_types(self.ruleset)
        entries = [catalogue.get(v) for v in table.values]
        return Items(t.offsets, t.person, {
            "value": lambda: t.value,
            "owner": lambda: _remap(codes["capital.owner"], OWNER_CODES)[t.owner],
            "share_given": lambda: t.share.present,
            "share_num": lambda: t.share.num,
            "share_den": lambda: t.share.den,
            "joint_owners": lambda: np.where(t.joint_owners.present, t.joint_owners.values.astype(np.int64), 0),
            "debt_secured": lambda: t.debt_secured,
            "received_day": lambda: day_numbers(t.received_on.values, t.received_on.present),
            "extended_day": lambda: day_numbers(t.disregard_extended_to.values, t.disregard_extended_to.present),
            "traits": lambda: _gather_traits(CapitalTraits, [capital_traits(e) if e is not None else None for e in entries], t.type),
            "entries": lambda: entries,
            "type": lambda: t.type,
        })

    def _load_occupants(self) -> Items:
        t = self.population.occupants
        codes = self._codes

        def age() -> Array:
            dob = t.date_of_birth
            return np.where(dob.present, age_on(dob.values, self.on), -1)

        return Items(t.offsets, t.person, {
            "relationship": lambda: _remap(codes["occupants.relationship"], RELATIONSHIP_CODES)[t.relationship],
            "age": age,
            "incapacitated": lambda: t.incapacitated,
            "before_admission": lambda: t.lived_there_since_before_admission,
        })

    def _load_dre(self) -> Items:
        t = self.population.disability_related_expenditure
        return Items(t.offsets, t.person, {
            "amount": lambda: t.amount,
            "mul": lambda: self._frequency(t.frequency)[0],
            "div": lambda: self._frequency(t.frequency)[1],
        })

    def _load_notional(self) -> Items:
        t = self.population.notional_capital
        return Items(t.offsets, t.person, {"amount": lambda: t.amount})

    def _load_discretionary(self) -> Items:
        t = self.population.discretionary_disregards
        codes = self._codes
        return Items(t.offsets, t.person, {
            "applies_to": lambda: _remap(codes["discretionary_disregards.applies_to"], DISCRETIONARY_CODES)[t.applies_to],
            "amount": lambda: np.where(t.amount.present, t.amount.values, 0),
        })

    # --------------------------------------------------------------- the operations on items

    @staticmethod
    def each(items: Any, f: Callable[[Any], Any]) -> Any:
        return f(items)

    def sum(self, table: Items, items: Any, f: Callable[[Any], Any] | None = None) -> Any:
        if len(table) == 0:
            return 0
        values = items if f is None else f(items)
        if not isinstance(values, np.ndarray):  # the same value for every item
            return segment_count(table.offsets) * int(values)
        if table.one_each:  # one item per person, in order: the items are the sums
            return values.astype(np.int64, copy=False)
        if table.at_most_one:
            out = np.zeros(self.n, dtype=np.int64)
            out[table.person] = values
            return out
        return segment_sum(values, table.offsets)

    def any(self, table: Items, items: Any, f: Callable[[Any], Any] | None = None) -> Any:
        if len(table) == 0:
            return False
        values = items if f is None else f(items)
        if not isinstance(values, np.ndarray):
            return (segment_count(table.offsets) > 0) & bool(values)
        if table.one_each:
            return values
        if table.at_most_one:
            out = np.zeros(self.n, dtype=np.bool_)
            out[table.person] = values
            return out
        return segment_any(values, table.offsets)

    @staticmethod
    def count(table: Items) -> Array:
        return segment_count(table.offsets)

    @staticmethod
    def spread(table: Items, value: Any) -> Any:
        if isinstance(value, np.ndarray):
            return value[table.person]
        return value

    @staticmethod
    def zip(a: Any, b: Any) -> tuple[Any, Any]:
        return a, b

    @staticmethod
    def per_type(x: Items, f: Callable[[Any], Any]) -> Any:
        entries = x.entries
        return NUMPY.take([f(e) if e is not None else 0 for e in entries], x.type)


def _gather_traits(cls: Any, per_code: list[Any], codes: Array) -> Any:
    """The traits of each item, gathered from the traits of each type (a column per trait)."""
    fields = cls.__dataclass_fields__
    out = {}
    for name in fields:
        values = [getattr(t, name) if t is not None else 0 for t in per_code]
        out[name] = np.asarray(values)[codes]
    return cls(**out)

