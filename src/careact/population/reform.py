"""The care account over a whole population in columns: every spell of care, week by week, at once.

:func:`run_accounts` runs the care account of :mod:`careact.reform.care_account` for every person of a
population of spells under one rule set -- the same rules (:mod:`careact.reform.metering`) and the same
means test (:func:`careact.charging.means_test.means_test`), computed over NumPy columns in exact
``int64`` pence. Like the account of one spell it moves in *segments*: runs of weeks charged alike, to
the next change of the rules, birthday, end of the property disregard, year end, tariff band or the
week the cap is reached. Each pass computes the next segment of everyone still in care, grouped by the
period of the rule set their week falls in (parameters are read once per period); a person's own date
enters the rules as a column of day numbers.

The result, :class:`AccountColumns`, holds each person's totals (what they and the council paid, what
accrued, when the cap was reached, capital and wealth left) and the totals of each account year;
``weekly=True`` re-assesses every week (the reference a segmented run must equal). Any person's account
can be run again, explained, through the per-case path (:meth:`AccountColumns.explain`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import numpy as np
from numpy.typing import NDArray

from ..charging.capital import OWN_PERSON, REL_FAMILY, capital_traits
from ..charging.catalogue import capital_types, income_types, pension_age_bands
from ..charging.charge import NO_FREE_SERVICE
from ..charging.context import Ctx
from ..charging.income import OWNER_PERSON, income_traits
from ..charging.means_test import means_test
from ..charging.settings import NON_RESIDENTIAL, PERMANENT
from ..errors import InputError
from ..explain.steps import NullTrace
from ..reform.care_account import AccountResult, capital_limits_in_force, run_account
from ..reform.metering import (
    FAR,
    WEEKS_IN_YEAR,
    WeekTerms,
    cap_day,
    cap_week,
    draw_down,
    home_counted,
    segment_weeks,
    week_cost,
    week_shares,
)
from ..reform.models import CareSpell
from ..reform.overlays import ReformTerms
from ..rules import RuleSet
from ..rules.params.charging import property_
from ..rules.reader import FigureLedger, Reader
from .codes import TENURE
from .columns import Population, segment_count, segment_sum
from .view import EPOCH_ORDINAL, ColumnView, Items, civil, day_numbers
from .xp import NUMPY

__all__ = ["AccountColumns", "SpellColumns", "SpellView", "run_accounts", "spell_columns", "spells_to_columns"]

Array = NDArray[Any]
I64 = np.int64


# --------------------------------------------------------------------------- spells in columns


@dataclass(frozen=True)
class SpellColumns:
    """The spells of a population, as the care account reads them (pence, day numbers; one entry per person).

    ``ok`` is false for a person whose case does not have the shape of a spell of care (see
    :func:`careact.population.convert.spell_at`); :attr:`problems` says why.
    """

    population: Population | None
    ids: Array
    dob_day: Array
    care_start_day: Array
    care_home: Array
    la: Array
    fee: Array
    income: Array
    capital: Array
    home_value: Array
    home_disregarded: Array
    weeks: Array  # the spell's length in weeks, -1 when open-ended
    tenure: Array
    weight: Array  # millionths
    ok: Array
    problems: dict[int, str] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.ids)

    @property
    def initial_wealth(self) -> Array:
        out: Array = self.capital + self.home_value
        return out

    def take(self, rows: Array) -> SpellColumns:
        """The spells at ``rows``, in that order."""
        index = {i: k for k, i in enumerate(np.asarray(rows).tolist())}
        values = {name: getattr(self, name)[rows] for name in _ARRAYS}
        return SpellColumns(population=None, problems={index[i]: p for i, p in self.problems.items() if i in index},
                            **values)

    @classmethod
    def concat(cls, parts: list[SpellColumns]) -> SpellColumns:
        """The spells of ``parts`` one after another."""
        problems: dict[int, str] = {}
        base = 0
        for p in parts:
            problems.update({base + i: text for i, text in p.problems.items()})
            base += len(p)
        values = {name: np.concatenate([getattr(p, name) for p in parts]) for name in _ARRAYS}
        return cls(population=None, problems=problems, **values)

    def spell(self, row: int) -> CareSpell:
        """The :class:`~careact.reform.models.CareSpell` of ``row``, exactly as the columns hold it."""
        from .convert import decimal_of_pence, weight_of_units

        weeks = int(self.weeks[row])
        fee = int(self.fee[row])
        return CareSpell(
            id=str(self.ids[row]),
            date_of_birth=date.fromordinal(int(self.dob_day[row])),
            care_start=date.fromordinal(int(self.care_start_day[row])),
            setting="care_home" if self.care_home[row] else "community",
            la_weekly_rate=decimal_of_pence(int(self.la[row])),
            weekly_income=decimal_of_pence(int(self.income[row])),
            capital=decimal_of_pence(int(self.capital[row])),
            weeks=weeks if weeks >= 0 else None,
            weekly_fee=decimal_of_pence(fee) if fee != int(self.la[row]) else None,
            home_value=decimal_of_pence(int(self.home_value[row])),
            home_disregarded=bool(self.home_disregarded[row]),
            tenure=TENURE.value(int(self.tenure[row])),
            weight=weight_of_units(int(self.weight[row])),
        )


_ARRAYS = ("ids", "dob_day", "care_start_day", "care_home", "la", "fee", "income", "capital", "home_value",
           "home_disregarded", "weeks", "tenure", "weight", "ok")


def spells_to_columns(spells: Sequence[CareSpell]) -> SpellColumns:
    """Spells of care (:class:`~careact.reform.models.CareSpell`) as columns, without charging cases."""
    from .convert import pence_of, weight_units

    n = len(spells)
    ids = np.empty(n, dtype=object)
    ids[:] = [s.id for s in spells]

    def ints(values: Any) -> Array:
        return np.fromiter(values, dtype=I64, count=n)

    return SpellColumns(
        population=None,
        ids=ids,
        dob_day=ints(s.date_of_birth.toordinal() for s in spells),
        care_start_day=ints(s.care_start.toordinal() for s in spells),
        care_home=np.fromiter((s.care_home for s in spells), dtype=np.bool_, count=n),
        la=ints(pence_of(s.la_weekly_rate) for s in spells),
        fee=ints(pence_of(s.fee) for s in spells),
        income=ints(pence_of(s.weekly_income) for s in spells),
        capital=ints(pence_of(s.capital) for s in spells),
        home_value=ints(pence_of(s.home_value) for s in spells),
        home_disregarded=np.fromiter((s.home_disregarded for s in spells), dtype=np.bool_, count=n),
        weeks=ints(s.weeks if s.weeks is not None else -1 for s in spells),
        tenure=np.fromiter((TENURE.code(s.tenure) for s in spells), dtype=TENURE.dtype, count=n),
        weight=ints(weight_units(s.weight) for s in spells),
        ok=np.ones(n, dtype=np.bool_),
    )


def spell_columns(population: Population) -> SpellColumns:
    """The spells of ``population`` (a population with :attr:`~careact.population.columns.Population.spells`,
    as :func:`careact.population.synthetic.synthetic_columns` and :func:`careact.population.convert.from_spells`
    make). A person whose case is not a spell's -- care other than in a care home or at home, income
    other than one weekly state pension, capital other than one savings account -- is not ``ok``."""
    spells = population.spells
    if spells is None:
        raise InputError.single("population", "has no spells of care (the spell.* columns)", "missing")
    people, codes = population.people, population.codes
    setting = people.care_setting
    care_home = setting == codes["care.setting"].code("permanent_residential")
    at_home = setting == codes["care.setting"].code("non_residential")
    ok = care_home | at_home
    problems: dict[int, str] = {int(i): "care.setting: a spell of care is in a care home or at home" for i in np.flatnonzero(~ok)}
    inc, cap = population.income, population.capital
    pension = (inc.type == codes["income.type"].code("state_pension")) & (inc.frequency == codes["frequency"].code("weekly"))
    bad_income = (segment_count(inc.offsets) > 1) | (segment_sum(~pension, inc.offsets) > 0)
    savings = cap.type == codes["capital.type"].code("savings_account")
    bad_capital = (segment_count(cap.offsets) > 1) | (segment_sum(~savings, cap.offsets) > 0)
    for i in np.flatnonzero(bad_income & ok):
        problems[int(i)] = "income: a spell's income is one weekly state_pension item"
    for i in np.flatnonzero(bad_capital & ok & ~bad_income):
        problems[int(i)] = "capital: a spell's savings are one savings_account item"
    ok &= ~bad_income & ~bad_capital
    la = people.care_weekly_cost
    fee = np.where(spells.weekly_fee.present, spells.weekly_fee.values, la)
    weeks = np.where(spells.weeks.present, spells.weeks.values.astype(I64), -1)
    return SpellColumns(
        population=population,
        ids=people.id,
        dob_day=day_numbers(people.person_date_of_birth),
        care_start_day=day_numbers(spells.care_start),
        care_home=care_home,
        la=la,
        fee=fee,
        income=segment_sum(inc.amount, inc.offsets),
        capital=segment_sum(cap.value, cap.offsets),
        home_value=np.where(people.has_home, people.home_value, 0),
        home_disregarded=segment_count(population.occupants.offsets) > 0,
        weeks=weeks,
        tenure=spells.tenure,
        weight=spells.weight,
        ok=ok,
        problems=problems,
    )


# --------------------------------------------------------------------------- the charging case of a week


def _constant(value: Any) -> Callable[[], Any]:
    return lambda: value


def _items(offsets: Array, person: Array, columns: dict[str, Any]) -> Items:
    return Items(offsets, person, {k: _constant(v) for k, v in columns.items()})


class SpellView(ColumnView):
    """The charging case of one week of each spell (:func:`careact.reform.engine.charging_case`), as the
    means test reads a population: care in a care home (admitted on the spell's start) or at home, costing
    the week's chargeable cost; the weekly income as one state pension; savings as one savings account;
    the home -- occupied by an incapacitated relative where the spell says it is disregarded -- or, where a
    reform counts it for care at home, its value as a second property."""

    def __init__(self, s: SpellColumns, rows: Array, on: date, on_day: Array, cost: Array, capital: Array,
                 home_equity: Array, count_home: Any, pca_day: Array, dob_year: Array, dob_month_day: Array) -> None:
        n = len(rows)
        self.n, self.on, self.ruleset = n, on, "england"
        care_home = s.care_home[rows]
        self.setting = np.where(care_home, PERMANENT, NON_RESIDENTIAL)
        self.cost = cost
        self.start_day = np.where(care_home, s.care_start_day[rows], 0)
        year, month_day = civil(on_day - EPOCH_ORDINAL)
        self.age = (year - dob_year[rows]) - (month_day < dob_month_day[rows])
        self.pca = on_day >= pca_day[rows]
        self.dob_day = s.dob_day[rows]
        self.partner_age: Any = 0
        self.partner_dob_day: Any = 0
        self.home_still_available: Any = True
        self.pca_covered: Any = True
        self.partner_pca: Any = False
        for name in ("for_carer", "couple", "partner_lives_in_the_home", "partner_in_care_home", "has_housing_costs",
                     "registered_blind", "disability_premium_given", "disability_premium",
                     "enhanced_disability_premium_given", "enhanced_disability_premium", "carer_premium_given",
                     "carer_premium", "lone_parent", "use_standard_dre_allowance", "home_share_given",
                     "home_being_sold_to_buy_another"):
            setattr(self, name, False)
        self.free_service, self.service_started_day, self.weeks_used, self.dependent_children = NO_FREE_SERVICE, 0, 0, 0
        owns = s.home_value[rows] > 0
        self.has_home = owns & ~count_home
        self.home_value = home_equity
        self.home_owner, self.home_share_num, self.home_share_den, self.home_joint_owners = OWN_PERSON, 0, 1, 0
        self.home_mortgage, self.home_intends_to_return = 0, True
        every = np.arange(n + 1, dtype=I64)
        pension = income_types()["state_pension"]
        self.income = _items(every, every[:-1], {
            "amount": s.income[rows], "mul": 1, "div": 1, "owner": OWNER_PERSON, "half_paid_to_partner": False,
            "night_care_given": False, "night_care_provided": False, "traits": income_traits(pension, on),
            "entries": [pension], "type": 0})
        savings, second = capital_types()["savings_account"], capital_types()["second_property"]
        common = {"owner": OWN_PERSON, "share_given": False, "share_num": 0, "share_den": 1, "joint_owners": 0,
                  "debt_secured": 0, "received_day": 0, "extended_day": 0, "entries": [savings, second]}
        as_capital = owns & count_home
        if not as_capital.any():  # the home is nobody's capital this week: savings alone (a second property of nil)
            self.capital = _items(every, every[:-1], {**common, "value": capital, "type": 0,
                                                      "traits": capital_traits(savings)})
        else:
            value = np.empty(2 * n, dtype=I64)
            value[0::2], value[1::2] = capital, np.where(as_capital, home_equity, 0)
            kind = np.tile(np.array([0, 1], dtype=np.int8), n)
            traits = [capital_traits(savings), capital_traits(second)]
            gathered = type(traits[0])(**{f: np.array([getattr(t, f) for t in traits])[kind]
                                          for f in ("treatment", "saleable", "has_weeks")})
            self.capital = _items(2 * every, np.repeat(every[:-1], 2), {**common, "value": value, "type": kind,
                                                                        "traits": gathered})
        relative = self.has_home & s.home_disregarded[rows]
        who = np.flatnonzero(relative).astype(I64)
        self.occupants = _items(np.concatenate([[0], np.cumsum(relative)]).astype(I64), who, {
            "relationship": REL_FAMILY, "age": -1, "incapacitated": True, "before_admission": True})
        empty = np.zeros(n + 1, dtype=I64)
        self.dre = self.notional = self.discretionary = _items(empty, np.zeros(0, dtype=I64), {})


# --------------------------------------------------------------------------- the run


@dataclass
class AccountColumns:
    """Every person's care account under one rule set (pence; day numbers; ``-1`` where there is none).

    ``ok`` is false for a person who could not be run (see :attr:`problems`); their figures are nil.
    ``years`` holds, per account year, the totals over everyone (weighted by each person's weight, in
    millionths: divide by 10**6 for people).
    """

    spells: SpellColumns | None
    rules: RuleSet | None
    on: date
    ok: Array
    start_day: Array
    weeks: Array
    person_paid: Array
    council_paid: Array
    accrued: Array
    cap_reached_day: Array
    weeks_to_cap: Array
    capital_end: Array
    home_drawn: Array
    deferred: Array
    self_funder_at_start: Array
    self_funder_weeks: Array
    cap_amount: int | None
    years: dict[str, list[int]]
    problems: dict[int, str]
    figures: FigureLedger
    passes: int = 0

    def __len__(self) -> int:
        return len(self.ok)

    @classmethod
    def concat(cls, parts: list[AccountColumns], spells: SpellColumns) -> AccountColumns:
        """The accounts of ``parts`` (runs of consecutive chunks of ``spells`` under one rule set), as one run."""
        first = parts[0]
        arrays = {name: np.concatenate([getattr(p, name) for p in parts]) for name in _ACCOUNT_ARRAYS}
        years: dict[str, list[int]] = {}
        for p in parts:
            for name, values in p.years.items():
                mine = years.setdefault(name, [])
                mine.extend([0] * (len(values) - len(mine)))
                for y, v in enumerate(values):
                    mine[y] += v
        problems: dict[int, str] = {}
        base = 0
        ledger = FigureLedger()
        for p in parts:
            problems.update({base + i: text for i, text in p.problems.items()})
            base += len(p)
            ledger.merge(p.figures)
        caps = [p.cap_amount for p in parts if p.cap_amount is not None]
        return cls(spells=spells, rules=first.rules, on=first.on, cap_amount=max(caps) if caps else None, years=years,
                   problems=problems, figures=ledger, passes=max(p.passes for p in parts), **arrays)

    @property
    def wealth_end(self) -> Array:
        assert self.spells is not None
        out: Array = self.capital_end + self.spells.home_value - self.home_drawn
        return out

    def explain(self, row: int, *, weeks: int | None = None) -> AccountResult:
        """The account of ``row`` run again one spell at a time, with its explanation."""
        from ..reform.engine import charging_assessor

        assert self.spells is not None and self.rules is not None
        spell = self.spells.spell(row)
        w = int(self.weeks[row]) if weeks is None else weeks
        return run_account(spell, self.rules, assessor=charging_assessor, weeks=w, on=self.on, explain=True)


_ACCOUNT_ARRAYS = ("ok", "start_day", "weeks", "person_paid", "council_paid", "accrued", "cap_reached_day",
                   "weeks_to_cap", "capital_end", "home_drawn", "deferred", "self_funder_at_start", "self_funder_weeks")


def _pca_days(dob_day: Array, ruleset: str = "england") -> Array:
    """The day each person reaches pension credit age: :func:`careact.charging.pension_age.pension_credit_age_date`
    over a column (the same table of bands, the same calendar arithmetic; a test checks every date of birth
    the table covers)."""
    bands = pension_age_bands(ruleset)
    starts = np.array([b.born_from.toordinal() for b in bands], dtype=I64)
    index = np.clip(np.searchsorted(starts, dob_day, side="right") - 1, 0, len(bands) - 1)
    years = np.array([b.age_years or 0 for b in bands], dtype=I64)[index]
    months = np.array([b.age_months or 0 for b in bands], dtype=I64)[index]
    fixed = np.array([b.reached_on.toordinal() if b.reached_on is not None else 0 for b in bands], dtype=I64)[index]
    year, month_day = civil(dob_day - EPOCH_ORDINAL)
    month, day = month_day // 32, month_day % 32
    # the birthday of that age: 29 February becomes 1 March in a common year
    y = year + years
    feb29 = (month == 2) & (day == 29) & ~_leap(y)
    m, d = np.where(feb29, 3, month), np.where(feb29, 1, day)
    # then any months more, the day of the month kept where the month has it, else its last day
    k = m - 1 + months
    y, m = y + k // 12, k % 12 + 1
    d = np.minimum(d, _days_in_month(y, m))
    reached = _days_from_civil(y, m, d) + EPOCH_ORDINAL
    out: Array = np.where(fixed > 0, fixed, reached)
    return out


def _leap(y: Array) -> Array:
    out: Array = (y % 4 == 0) & ((y % 100 != 0) | (y % 400 == 0))
    return out


def _days_in_month(y: Array, m: Array) -> Array:
    days = np.array([0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31], dtype=I64)[m]
    out: Array = days + ((m == 2) & _leap(y))
    return out


def _next_birthday(dob_year: Array, dob_month_day: Array, on_day: Array) -> Array:
    """The first birthday strictly after ``on_day`` (29 February on 1 March in a common year)."""
    year, month_day = civil(on_day - EPOCH_ORDINAL)
    target = np.where(month_day < dob_month_day, year, year + 1)
    month, day = dob_month_day // 32, dob_month_day % 32
    feb29 = (month == 2) & (day == 29) & ~_leap(target)
    month, day = np.where(feb29, 3, month), np.where(feb29, 1, day)
    out: Array = _days_from_civil(target, month, day) + EPOCH_ORDINAL
    return out


def _days_from_civil(y: Array, m: Array, d: Array) -> Array:
    """Days since 1970-01-01 of a date (H. Hinnant, days_from_civil)."""
    y = y - (m <= 2)
    era = y // 400
    yoe = y - era * 400
    mp = np.where(m > 2, m - 3, m + 9)
    doy = (153 * mp + 2) // 5 + d - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    out: Array = era * 146097 + doe - 719468
    return out


def _ctx(rules: RuleSet, on: date, on_day: Any, ledger: FigureLedger) -> Ctx:
    trace = NullTrace()
    return Ctx(NUMPY, Reader(rules.at(on), trace, ledger), trace, on, on_day, explain=False, case=False)


def _catalogue_change_days() -> list[int]:
    out: set[int] = set()
    for t in income_types().values():
        early = t.earlier_treatment
        if early is not None:
            until = early["until"]
            assert isinstance(until, date)
            out.add((until + timedelta(days=1)).toordinal())
    return sorted(out)


@dataclass
class _Week:
    cost: Array
    counted: Array
    charge: Array
    self_funder: Array
    allowances: Array
    assessed: Array
    person: Array
    council: Array
    accrual: Array
    drawdown: Array


class _Run:
    """The state of every account during a run (pence)."""

    def __init__(self, s: SpellColumns, rules: RuleSet, on: date, weeks: int | None, ledger: FigureLedger) -> None:
        n = len(s)
        self.s, self.rules, self.ledger = s, rules, ledger
        self.problems: dict[int, str] = dict(s.problems)
        ok = s.ok.copy()
        # the account opens on the first weekly statement on or after ``on``
        day = on.toordinal()
        late = np.maximum(day - s.care_start_day, 0)
        self.start_day = s.care_start_day + 7 * (-(-late // 7))
        covered = rules.covers_from().toordinal()
        early = ok & (self.start_day < covered)
        for i in np.flatnonzero(early):
            self.problems[int(i)] = f"care_start: careact's rules start on {date.fromordinal(covered).isoformat()}; the care account would open on {date.fromordinal(int(self.start_day[i])).isoformat()}"
        ok &= ~early
        left = np.where(s.weeks >= 0, s.weeks - (self.start_day - s.care_start_day) // 7, FAR)
        ended = ok & (left < 1)
        for i in np.flatnonzero(ended):
            self.problems[int(i)] = f"on: the spell of care ended ({int(s.weeks[i])} weeks from {date.fromordinal(int(s.care_start_day[i])).isoformat()}) before the account would open on {date.fromordinal(int(self.start_day[i])).isoformat()}"
        ok &= ~ended
        horizon = left if weeks is None else np.minimum(left, weeks)
        endless = ok & (horizon >= FAR)
        for i in np.flatnonzero(endless):
            self.problems[int(i)] = "weeks: give the number of weeks to run (the spell has no length)"
        ok &= ~endless
        self.dob_year, self.dob_month_day = civil(s.dob_day - EPOCH_ORDINAL)
        year, month_day = civil(self.start_day - EPOCH_ORDINAL)
        age = (year - self.dob_year) - (month_day < self.dob_month_day)
        minor = ok & ((s.dob_day >= self.start_day) | (age < 18))
        for i in np.flatnonzero(minor):
            self.problems[int(i)] = "person.date_of_birth: the adult must be 18 or over when the account opens (Care Act 2014 Part 1 charging applies to adults)"
        ok &= ~minor
        self.ok = ok
        self.horizon = np.where(ok, horizon, 0)
        self.pca_day = _pca_days(s.dob_day)
        self.w = np.zeros(n, dtype=I64)
        self.capital = s.capital.copy()
        self.home_drawn = np.zeros(n, dtype=I64)
        self.deferred = np.zeros(n, dtype=I64)
        self.accrued = np.zeros(n, dtype=I64)
        self.cap_day = np.zeros(n, dtype=I64)  # the day the cap was reached; 0 before
        self.weeks_to_cap = np.full(n, -1, dtype=I64)
        self.person_paid = np.zeros(n, dtype=I64)
        self.council_paid = np.zeros(n, dtype=I64)
        self.self_funder_weeks = np.zeros(n, dtype=I64)
        self.self_funder_at_start = np.zeros(n, dtype=np.bool_)
        n_years = int(-(-int(self.horizon.max(initial=0)) // WEEKS_IN_YEAR))
        self.years: dict[str, list[int]] = {k: [0] * n_years for k in ("person_paid", "council_paid", "accrued", "self_funder_weeks", "weeks", "reached_cap")}
        end = self.start_day + 7 * self.horizon - 1
        hi = date.fromordinal(int(end[ok].max())) if ok.any() else on
        # every change since the rules begin: a period's parameters are read on the day it starts, which may
        # come before anyone's account opens
        changes = sorted(d.toordinal() for d in rules.change_dates(rules.covers_from() - timedelta(days=1), hi))
        self.changes = np.array(changes, dtype=I64)  # the days the rules change: events that end a run of weeks
        # periods in which every parameter and every catalogue treatment is the same
        self.periods = np.array(sorted(set(changes) | set(_catalogue_change_days())), dtype=I64)
        self.end = end
        # the end of the 12-week property disregard, read on the day each account opens
        twelve = np.full(n, FAR, dtype=I64)
        starts = np.searchsorted(self.periods, self.start_day, side="right")
        for p in np.unique(starts[ok & s.care_home]).tolist():
            rows = np.flatnonzero(ok & s.care_home & (starts == p))
            at = date.fromordinal(int(self.start_day[rows[0]]))
            weeks12 = Reader(rules.at(at), NullTrace(), ledger)(property_.disregard_weeks)
            twelve[rows] = s.care_start_day[rows] + 7 * weeks12
        self.twelve = twelve
        self.cache: dict[tuple[Any, ...], RuleSet] = {}
        weights = s.weight[ok]
        self.uniform: int | None = int(weights[0]) if len(weights) and (weights == weights[0]).all() else None

    def _variant(self, rules: RuleSet, terms: ReformTerms) -> RuleSet:
        from ..reform.care_account import _ucl_variant

        assert terms.ucl_home_disregarded is not None
        return _ucl_variant(rules, terms.ucl_home_disregarded, self.cache)

    def week(self, rows: Array, on: date, on_day: Array, post_cap: Array, terms: ReformTerms, t: WeekTerms,
             capital: Array, home_drawn: Array) -> _Week:
        """One week's figures for ``rows`` (all in one period of the rule set)."""
        s = self.s
        c = _ctx(self.rules, on, on_day, self.ledger)
        care_home = s.care_home[rows]
        la, fee = s.la[rows], s.fee[rows]
        cost = week_cost(c, t, la, care_home, post_cap)
        cost = np.broadcast_to(np.asarray(cost, dtype=I64), (len(rows),))
        counted = np.broadcast_to(np.asarray(home_counted(c, t, s.home_value[rows], care_home, s.home_disregarded[rows], s.care_start_day[rows]), dtype=np.bool_), (len(rows),))
        equity = s.home_value[rows] - home_drawn
        count_home = (~care_home) & t.home_at_home
        charge = np.zeros(len(rows), dtype=I64)
        self_funder = np.zeros(len(rows), dtype=np.bool_)
        allowances = np.zeros(len(rows), dtype=I64)
        assessed = np.zeros(len(rows), dtype=I64)
        groups = [(np.ones(len(rows), dtype=np.bool_), self.rules)]
        if terms.ucl_home_disregarded is not None:
            groups = [(counted, self.rules), (~counted, self._variant(self.rules, terms))]
        for mask, rules in groups:
            if not mask.any():
                continue
            sub = np.flatnonzero(mask)
            cm = _ctx(rules, on, on_day[sub], self.ledger)
            view = SpellView(s, rows[sub], on, on_day[sub], cost[sub], capital[sub], equity[sub],
                             count_home if isinstance(count_home, bool) else count_home[sub],
                             self.pca_day, self.dob_year, self.dob_month_day)
            m = means_test(cm, view)
            k = len(sub)
            charge[sub] = np.broadcast_to(m.charge, (k,))
            self_funder[sub] = np.broadcast_to(m.capital.above_upper_limit, (k,))
            allowances[sub] = np.broadcast_to(m.allowances.total, (k,))
            assessed[sub] = np.broadcast_to(m.capital.total, (k,))
        sh = week_shares(c, t, la=la, fee=fee, care_home=care_home, cost=cost, post_cap=post_cap, charge=charge,
                         self_funder=self_funder, allowances=allowances, income=s.income[rows])

        def col(x: Any) -> Array:
            return np.broadcast_to(np.asarray(x, dtype=I64), (len(rows),))

        return _Week(cost=cost, counted=counted, charge=charge, self_funder=self_funder, allowances=allowances,
                     assessed=assessed, person=col(sh.person), council=col(sh.council), accrual=col(sh.accrual),
                     drawdown=col(sh.drawdown))

    def add(self, rows: Array, weeks: Array, person: Array, council: Array, accrual: Array, self_funder: Array) -> None:
        """Add ``weeks`` weeks at these amounts to the accounts of ``rows`` (one account year each)."""
        self.person_paid[rows] += person * weeks
        self.council_paid[rows] += council * weeks
        self.accrued[rows] += accrual * weeks
        self.self_funder_weeks[rows] += np.where(self_funder, weeks, 0)
        year = self.w[rows] // WEEKS_IN_YEAR
        columns = (("person_paid", person * weeks), ("council_paid", council * weeks), ("accrued", accrual * weeks),
                   ("self_funder_weeks", np.where(self_funder, weeks, 0)), ("weeks", weeks))
        self.add_years(rows, year, columns)

    def add_years(self, rows: Array, year: Array, columns: tuple[tuple[str, Array], ...]) -> None:
        """Add each person's amounts to the totals of their account year, weighted, exactly."""
        weight = self.s.weight[rows]
        n_years = len(self.years["weeks"])
        if self.uniform is not None:
            # one weight for everyone: exact integer sums per year (in float64 only below 2**53), then times it
            for name, values in columns:
                values = np.asarray(values, dtype=I64)
                if int(np.abs(values).sum()) < 2**53:
                    sums = np.bincount(year, weights=values, minlength=n_years)
                    for y in np.flatnonzero(sums).tolist():
                        self.years[name][y] += int(sums[y]) * self.uniform
                else:
                    for y in np.unique(year).tolist():
                        self.years[name][y] += int(values[year == y].astype(object).sum()) * self.uniform
            return
        for y in np.unique(year).tolist():
            sel = year == y
            w = weight[sel]
            for name, values in columns:
                self.years[name][y] += _weighted(np.asarray(values, dtype=I64)[sel], w)


def _weighted(values: Array, weights: Array) -> int:
    """The exact sum of ``values * weights`` (int64 each) as a Python int: in int64 chunks where every partial
    sum provably fits, in Python integers otherwise."""
    if len(values) == 0:
        return 0
    values = values.astype(I64, copy=False)
    bound = int(np.abs(values).max()) * int(np.abs(weights).max())
    if bound == 0:
        return 0
    step = max(1, min(len(values), (2**62) // bound))
    if bound >= 2**62:
        return int(np.dot(values.astype(object), weights.astype(object)))
    return sum(int(np.dot(values[i:i + step], weights[i:i + step])) for i in range(0, len(values), step))


def run_accounts(spells: SpellColumns | Population, rules: RuleSet, *, on: date, weeks: int | None = None,
                 weekly: bool = False, progress: Callable[[int, int], None] | None = None) -> AccountColumns:
    """The care account of every spell under ``rules``, from the first weekly statement on or after ``on``, for
    ``weeks`` weeks (or what is left of each spell), as :func:`careact.reform.care_account.run_account` gives
    each one. ``progress(done, total)`` is called after each pass with the person-weeks done so far."""
    s = spells if isinstance(spells, SpellColumns) else spell_columns(spells)
    ledger = FigureLedger()
    run = _Run(s, rules, on, weeks, ledger)
    total = int(run.horizon.sum())
    passes = 0
    nothing = NullTrace()
    while True:
        active = np.flatnonzero(run.w < run.horizon)
        if len(active) == 0:
            break
        passes += 1
        on_day = run.start_day[active] + 7 * run.w[active]
        period = np.searchsorted(run.periods, on_day, side="right")
        for p in np.unique(period).tolist():
            sel = period == p
            rows, day = active[sel], on_day[sel]
            # every parameter and catalogue treatment is the same throughout a period: read them on its first day
            first = int(run.periods[p - 1]) if p > 0 else int(day.min())
            _step(run, rows, day, first, weekly, nothing)
        if progress is not None:
            progress(int(np.minimum(run.w, run.horizon).sum()), total)
    cap = _cap_amount(rules, run)
    weeks_to_cap = run.weeks_to_cap
    return AccountColumns(
        spells=s, rules=rules, on=on, ok=run.ok, start_day=run.start_day, weeks=run.horizon,
        person_paid=run.person_paid, council_paid=run.council_paid, accrued=run.accrued,
        cap_reached_day=np.where(run.cap_day > 0, run.cap_day, -1), weeks_to_cap=weeks_to_cap,
        capital_end=np.where(run.ok, run.capital, 0), home_drawn=run.home_drawn, deferred=run.deferred,
        self_funder_at_start=run.self_funder_at_start, self_funder_weeks=run.self_funder_weeks, cap_amount=cap,
        years=run.years, problems=run.problems, figures=ledger, passes=passes,
    )


def _cap_amount(rules: RuleSet, run: _Run) -> int | None:
    from ..rules.params.reform import reform_cap

    if not run.ok.any():
        return None
    end = date.fromordinal(int(run.end[run.ok].max()))
    r = Reader(rules.at(end), NullTrace())
    return int(r.param(reform_cap.amount).value * 100) if r.has(reform_cap.amount) else None


def _step(run: _Run, rows: Array, on_day: Array, first_day: int, weekly: bool, nothing: NullTrace) -> None:
    """The next segment of the accounts of ``rows``, whose weeks all fall in one period of the rule set."""
    s = run.s
    on = date.fromordinal(first_day)
    r = Reader(run.rules.at(on), NullTrace(), run.ledger)
    terms = ReformTerms.read(r)
    t = WeekTerms.of(terms)
    post_cap = run.cap_day[rows] > 0
    fig = run.week(rows, on, on_day, post_cap, terms, t, run.capital[rows], run.home_drawn[rows])
    first = run.w[rows] == 0
    run.self_funder_at_start[rows[first]] = fig.self_funder[first]
    dpa = s.care_home[rows] | t.dpa_at_home
    if weekly:
        n = np.ones(len(rows), dtype=I64)
    else:
        nxt = np.searchsorted(run.changes, on_day, side="right")
        change = np.where(nxt < len(run.changes), run.changes[np.minimum(nxt, len(run.changes) - 1)], FAR)
        event = np.minimum(change, _next_birthday(run.dob_year[rows], run.dob_month_day[rows], on_day))
        twelve = run.twelve[rows]
        event = np.minimum(event, np.where(twelve > on_day, twelve, FAR))
        event = np.where(event <= run.end[rows], event, FAR)
        to_event = np.where(event < FAR, -(-(event - on_day) // 7), FAR)
        plan = Reader(r.res, nothing, FigureLedger())
        limits, lowers, band = capital_limits_in_force(plan, terms)
        c = _ctx(run.rules, on, on_day, run.ledger)
        n = np.broadcast_to(np.asarray(segment_weeks(
            c, left=run.horizon[rows] - run.w[rows], week=run.w[rows], to_event=to_event, drawdown=fig.drawdown,
            assessed=fig.assessed, capital=run.capital[rows], limits=limits, lowers=lowers, band=band), dtype=I64), (len(rows),))
    # does the cap fall inside these weeks?
    if t.cap is not None:
        remaining = t.cap - run.accrued[rows]
        k = np.where(remaining > 0, -(-remaining // np.maximum(fig.accrual, 1)), 1)
        hit = (fig.accrual > 0) & (k <= n)
    else:
        hit = np.zeros(len(rows), dtype=np.bool_)
    full = np.where(hit, k - 1, n) if t.cap is not None else n
    _full(run, rows, full, fig, dpa)
    if hit.any():
        sel = np.flatnonzero(hit)
        crows = rows[sel]
        cap_on = on_day[sel] + 7 * (k[sel] - 1)
        # the cap week may start after a rule change only if the run of weeks crossed one; it cannot
        pre = _take(fig, sel)
        post = run.week(crows, on, cap_on, np.ones(len(crows), dtype=np.bool_), terms, t, run.capital[crows], run.home_drawn[crows])
        c = _ctx(run.rules, on, cap_on, run.ledger)
        assert t.cap is not None
        remaining = t.cap - run.accrued[crows]
        person = cap_week(c, remaining, pre.accrual, pre.person, post.person)
        council = cap_week(c, remaining, pre.accrual, pre.council, post.council)
        drawn = cap_week(c, remaining, pre.accrual, pre.drawdown, post.drawdown)
        run.capital[crows], run.home_drawn[crows], run.deferred[crows] = draw_down(
            c, run.capital[crows], run.home_drawn[crows], run.deferred[crows], s.home_value[crows], drawn, dpa[sel])
        run.person_paid[crows] += person
        run.council_paid[crows] += council
        run.self_funder_weeks[crows] += pre.self_funder
        one = np.ones(len(crows), dtype=I64)
        run.add_years(crows, run.w[crows] // WEEKS_IN_YEAR, (
            ("person_paid", person), ("council_paid", council), ("accrued", remaining),
            ("self_funder_weeks", pre.self_funder.astype(I64)), ("weeks", one), ("reached_cap", one)))
        run.accrued[crows] = t.cap
        run.cap_day[crows] = cap_on + cap_day(c, remaining, pre.accrual)
        run.weeks_to_cap[crows] = run.w[crows] + 1
        run.w[crows] += 1


def _take(f: _Week, sel: Array) -> _Week:
    return _Week(**{k: getattr(f, k)[sel] for k in f.__dataclass_fields__})


def _full(run: _Run, rows: Array, n: Array, fig: _Week, dpa: Array) -> None:
    """``n`` full weeks (0 or more) at the segment's amounts."""
    some = n > 0
    if not some.any():
        return
    sel = np.flatnonzero(some)
    r, k = rows[sel], n[sel]
    drawn = fig.drawdown[sel] * k
    run.capital[r], run.home_drawn[r], run.deferred[r] = draw_down(
        _NUMPY_ONLY, run.capital[r], run.home_drawn[r], run.deferred[r], run.s.home_value[r], drawn, dpa[sel])
    run.add(r, k, fig.person[sel], fig.council[sel], fig.accrual[sel], fig.self_funder[sel])
    run.w[r] += k


class _NumpyOnly:
    __slots__ = ()
    xp = NUMPY


_NUMPY_ONLY: Any = _NumpyOnly()
