"""A population in columns: NumPy arrays, one table per list of the case, exact money.

Storage of each kind of field (see :mod:`careact.population.tables` for the fields):

============  ===========================  ===============================================================
kind          array                        meaning
============  ===========================  ===============================================================
money         ``int64``                    whole pence (``Decimal("12.50")`` is ``1250``); never a float
date          ``datetime64[D]``            a calendar day
bool          ``bool``                     a yes/no field with a default
flag          :class:`Masked` of ``bool``  a yes/no field that may be left unset (``None`` in the case)
count         ``int32``                    a whole number (children, weeks, owners)
code          ``int8`` (``int16``)         the position of the value in its :class:`~.codes.CodeTable`
share         :class:`Shares`              an exact fraction ``num/den`` (reduced), and how it was written
text          ``object`` (``str``)         free text (ids, references, descriptions, reasons)
weight        ``int64``                    millionths (``Decimal("2.5")`` is ``2_500_000``)
============  ===========================  ===============================================================

**Optional values.** A field the case may leave unset is a :class:`Masked` pair: ``values`` and a
``present`` mask (``True`` where the value is given). Where ``present`` is ``False`` the value holds
the kind's fill (money 0, count 0, code 0, ``False``, ``NaT``, ``None``), so a kernel that forgets the
mask reads a neutral value, never garbage; but the mask is the only statement of absence.

**Optional objects.** ``partner``, ``home`` and ``housing_costs`` live in ``people`` with a flag
(``has_partner``, ``has_home``, ``has_housing_costs``). Their fields are meaningful only where the
flag is set and hold the fill elsewhere. A field of such an object that the object may leave unset
(``home.share``) is :class:`Masked` as well.

**Lists.** Each list of the case is a long table, one row per element, with ``person`` (the row of
``people`` it belongs to) and ``offsets``: rows ``offsets[i]:offsets[i + 1]`` are person ``i``'s, in
the order of the list in the case. :func:`segment_sum` and friends reduce a long-table column to one
value per person exactly (integer arithmetic, empty lists give 0).

**Codes.** A population keeps its code tables (:attr:`Population.codes`), keyed by column name.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

import numpy as np
from numpy.typing import NDArray

from .codes import CodeTable, code_tables
from .tables import ITEM_TABLES, Kind, TableSpec, table_specs

__all__ = [
    "WEIGHT_SCALE",
    "CapitalTable",
    "DisabilityExpenseTable",
    "DiscretionaryDisregardTable",
    "IncomeTable",
    "Masked",
    "NotionalCapitalTable",
    "OccupantTable",
    "PeopleTable",
    "Population",
    "Shares",
    "SpellTable",
    "empty_population",
    "segment_all",
    "segment_any",
    "segment_count",
    "segment_max",
    "segment_sum",
]

WEIGHT_SCALE = 1_000_000
"""Weights are stored in millionths: at most six decimal places."""

S = TypeVar("S", bound=np.generic)

Money = NDArray[np.int64]
Dates = NDArray[np.datetime64]
Bools = NDArray[np.bool_]
Counts = NDArray[np.int32]
Codes = NDArray[np.signedinteger[Any]]
Texts = NDArray[np.object_]
Rows = NDArray[np.int64]


@dataclass(frozen=True, slots=True, eq=False)
class Masked(Generic[S]):
    """An optional value per row: ``values``, meaningful where ``present`` is true."""

    values: NDArray[S]
    present: Bools

    def __post_init__(self) -> None:
        if self.values.shape != self.present.shape or self.present.dtype != np.bool_:
            raise ValueError("Masked: values and a bool present mask of the same shape are needed")

    def __len__(self) -> int:
        return len(self.values)

    def take(self, rows: Rows) -> Masked[S]:
        return Masked(self.values[rows], self.present[rows])

    @property
    def nbytes(self) -> int:
        return int(self.values.nbytes + self.present.nbytes)


@dataclass(frozen=True, slots=True, eq=False)
class Shares:
    """An optional share of an asset, exact: the reduced fraction ``num / den`` where ``present``.

    ``places`` says how the share was written, so that it converts back to the very same ``Decimal``:
    ``k >= 0`` for a decimal with ``k`` places (``"0.50"``: 1/2, places 2), ``-1`` for a fraction
    (``"1/3"``: 1/3, turned into a ``Decimal`` by division, as the case model does). Absent shares are
    ``0/1``.
    """

    num: Money
    den: Money
    places: NDArray[np.int8]
    present: Bools

    def __len__(self) -> int:
        return len(self.num)

    def take(self, rows: Rows) -> Shares:
        return Shares(self.num[rows], self.den[rows], self.places[rows], self.present[rows])

    @property
    def nbytes(self) -> int:
        return int(self.num.nbytes + self.den.nbytes + self.places.nbytes + self.present.nbytes)


def _column_length(value: Any) -> int:
    return len(value)


class _Table:
    """Helpers shared by every table (each is a frozen dataclass of equal-length columns)."""

    __slots__ = ()

    def __len__(self) -> int:
        first = dataclasses.fields(self)[0]  # type: ignore[arg-type]
        return _column_length(getattr(self, first.name))

    def _columns(self) -> Iterator[tuple[str, Any]]:
        for f in dataclasses.fields(self):  # type: ignore[arg-type]
            if f.name != "offsets":
                yield f.name, getattr(self, f.name)

    def _check_lengths(self) -> None:
        lengths = {name: _column_length(col) for name, col in self._columns()}
        if len(set(lengths.values())) > 1:
            raise ValueError(f"{type(self).__name__}: columns of different lengths {lengths}")

    @property
    def nbytes(self) -> int:
        total = 0
        for f in dataclasses.fields(self):  # type: ignore[arg-type]
            col = getattr(self, f.name)
            total += int(col.nbytes)
        return total


@dataclass(frozen=True, slots=True, eq=False)
class PeopleTable(_Table):
    """One row per person: the scalar fields of the case (see :func:`careact.population.tables.people_spec`)."""

    id: Texts
    reference: Masked[np.object_]
    person_date_of_birth: Dates
    person_registered_blind: Bools
    person_disability_premium: Masked[np.bool_]
    person_enhanced_disability_premium: Masked[np.bool_]
    person_carer_premium: Masked[np.bool_]
    person_reached_pensionable_age_before_2016: Masked[np.bool_]
    has_partner: Bools
    partner_date_of_birth: Dates
    partner_lives_in_the_home: Bools
    partner_in_care_home: Bools
    partner_disability_premium: Bools
    partner_enhanced_disability_premium: Bools
    partner_relationship: Masked[np.signedinteger[Any]]
    partner_own_income_weekly: Masked[np.int64]
    partner_reached_pensionable_age_before_2016: Masked[np.bool_]
    dependent_children: Counts
    lone_parent: Bools
    care_setting: Codes
    care_weekly_cost: Money
    care_start_date: Masked[np.datetime64]
    care_property_disregard_weeks_used: Counts
    care_delivery: Codes
    care_third_party_top_up: Money
    care_for_carer: Bools
    care_free_service: Masked[np.signedinteger[Any]]
    care_service_started_on: Masked[np.datetime64]
    care_first_admitted_on: Masked[np.datetime64]
    care_planned_end_date: Masked[np.datetime64]
    care_stay_purpose: Masked[np.signedinteger[Any]]
    care_council_funding_from: Masked[np.datetime64]
    care_home_type: Masked[np.signedinteger[Any]]
    has_home: Bools
    home_value: Money
    home_owner: Codes
    home_share: Shares
    home_joint_owners: Masked[np.int32]
    home_mortgage_outstanding: Money
    home_intends_to_return: Bools
    home_still_available: Bools
    home_being_sold_to_buy_another: Bools
    has_housing_costs: Bools
    housing_costs_rent: Money
    housing_costs_mortgage: Money
    housing_costs_council_tax: Money
    housing_costs_service_charges: Money
    housing_costs_ground_rent: Money
    housing_costs_housing_benefit: Money
    housing_costs_council_tax_reduction: Money
    housing_costs_frequency: Codes
    housing_costs_liable_share: Shares
    use_standard_dre_allowance: Bools

    def __post_init__(self) -> None:
        self._check_lengths()


@dataclass(frozen=True, slots=True, eq=False)
class SpellTable(_Table):
    """One row per person, for reform runs: the spell of care (:class:`careact.reform.models.CareSpell`)
    beyond what the case holds. ``weeks`` unset: to the end of the horizon asked for; ``weekly_fee``
    unset: the council's rate (``care.weekly_cost``)."""

    care_start: Dates
    weeks: Masked[np.int32]
    weekly_fee: Masked[np.int64]
    tenure: Codes
    weight: Money  # millionths (WEIGHT_SCALE)

    def __post_init__(self) -> None:
        self._check_lengths()


@dataclass(frozen=True, slots=True, eq=False)
class IncomeTable(_Table):
    """``case.income``: one row per item of income."""

    person: Rows
    type: Codes
    amount: Money
    frequency: Codes
    owner: Codes
    description: Masked[np.object_]
    half_paid_to_partner: Bools
    paid_to_spouse_weekly: Masked[np.int64]
    night_care_provided: Masked[np.bool_]
    entitlement_began_on: Masked[np.datetime64]
    offsets: Rows = field(default_factory=lambda: np.zeros(1, np.int64))


@dataclass(frozen=True, slots=True, eq=False)
class CapitalTable(_Table):
    """``case.capital``: one row per item of capital."""

    person: Rows
    type: Codes
    value: Money
    owner: Codes
    share: Shares
    joint_owners: Masked[np.int32]
    debt_secured: Money
    received_on: Masked[np.datetime64]
    disregard_extended_to: Masked[np.datetime64]
    description: Masked[np.object_]
    offsets: Rows = field(default_factory=lambda: np.zeros(1, np.int64))


@dataclass(frozen=True, slots=True, eq=False)
class OccupantTable(_Table):
    """``case.home.occupants``: one row per person living in the adult's home."""

    person: Rows
    relationship: Codes
    date_of_birth: Masked[np.datetime64]
    incapacitated: Bools
    lived_there_since_before_admission: Bools
    occupation_ended_on: Masked[np.datetime64]
    occupation_ended_because: Masked[np.signedinteger[Any]]
    offsets: Rows = field(default_factory=lambda: np.zeros(1, np.int64))


@dataclass(frozen=True, slots=True, eq=False)
class DisabilityExpenseTable(_Table):
    """``case.disability_related_expenditure``: one row per item."""

    person: Rows
    description: Texts
    amount: Money
    frequency: Codes
    offsets: Rows = field(default_factory=lambda: np.zeros(1, np.int64))


@dataclass(frozen=True, slots=True, eq=False)
class NotionalCapitalTable(_Table):
    """``case.notional_capital``: one row per amount of notional capital."""

    person: Rows
    amount: Money
    reason: Texts
    deprivation_date: Masked[np.datetime64]
    applies_from: Masked[np.datetime64]
    decided_by: Masked[np.object_]
    decided_on: Masked[np.datetime64]
    offsets: Rows = field(default_factory=lambda: np.zeros(1, np.int64))


@dataclass(frozen=True, slots=True, eq=False)
class DiscretionaryDisregardTable(_Table):
    """``case.discretionary_disregards``: one row per disregard."""

    person: Rows
    applies_to: Codes
    amount: Masked[np.int64]
    reason: Texts
    kind: Masked[np.signedinteger[Any]]
    starts_on: Masked[np.datetime64]
    ends_on: Masked[np.datetime64]
    decided_by: Masked[np.object_]
    decided_on: Masked[np.datetime64]
    offsets: Rows = field(default_factory=lambda: np.zeros(1, np.int64))


ItemTable = IncomeTable | CapitalTable | OccupantTable | DisabilityExpenseTable | NotionalCapitalTable | DiscretionaryDisregardTable

ITEM_CLASSES: dict[str, type[Any]] = {
    "income": IncomeTable,
    "capital": CapitalTable,
    "occupants": OccupantTable,
    "disability_related_expenditure": DisabilityExpenseTable,
    "notional_capital": NotionalCapitalTable,
    "discretionary_disregards": DiscretionaryDisregardTable,
}


def offsets_of(person: Rows, n_people: int) -> Rows:
    """``offsets`` for a long table sorted by ``person``."""
    out = np.zeros(n_people + 1, dtype=np.int64)
    if len(person):
        np.cumsum(np.bincount(person, minlength=n_people), out=out[1:])
    return out


def _check_items(name: str, table: Any, n_people: int) -> None:
    table._check_lengths()
    person = table.person
    if person.dtype != np.int64:
        raise ValueError(f"{name}.person must be int64 row numbers")
    if len(person):
        if person.min() < 0 or person.max() >= n_people:
            raise ValueError(f"{name}.person refers to a row outside people")
        if np.any(person[1:] < person[:-1]):
            raise ValueError(f"{name} must be sorted by person (stable: each person's items in list order)")
    if table.offsets.shape != (n_people + 1,) or not np.array_equal(table.offsets, offsets_of(person, n_people)):
        raise ValueError(f"{name}.offsets do not match {name}.person")


@dataclass(frozen=True, slots=True, eq=False)
class Population:
    """A population of charging cases in columns (and, for reform runs, their spells of care)."""

    people: PeopleTable
    income: IncomeTable
    capital: CapitalTable
    occupants: OccupantTable
    disability_related_expenditure: DisabilityExpenseTable
    notional_capital: NotionalCapitalTable
    discretionary_disregards: DiscretionaryDisregardTable
    spells: SpellTable | None = None
    codes: Mapping[str, CodeTable] = field(default_factory=code_tables)

    def __post_init__(self) -> None:
        n = len(self.people)
        for name in ITEM_TABLES:
            _check_items(name, getattr(self, name), n)
        if self.spells is not None and len(self.spells) != n:
            raise ValueError("spells must have one row per person")
        ids = self.people.id
        if len(ids) and len(set(ids.tolist())) != len(ids):
            raise ValueError("people.id must be unique")

    def __len__(self) -> int:
        return len(self.people)

    def items(self) -> Iterator[tuple[str, ItemTable]]:
        """The long tables by name, in case order."""
        for name in ITEM_TABLES:
            yield name, getattr(self, name)

    @property
    def nbytes(self) -> int:
        """Bytes held by the arrays (object arrays count their pointers, not the strings)."""
        total = self.people.nbytes + sum(t.nbytes for _, t in self.items())
        return total + (self.spells.nbytes if self.spells is not None else 0)

    def take(self, rows: Sequence[int] | Rows) -> Population:
        """The people at ``rows`` (in that order, each at most once) with their items."""
        idx = np.asarray(rows, dtype=np.int64)
        if len(np.unique(idx)) != len(idx):
            raise ValueError("take: each row at most once")
        n = len(self.people)
        if len(idx) and (idx.min() < 0 or idx.max() >= n):
            raise IndexError("take: row out of range")
        new_of_old = np.full(n, -1, dtype=np.int64)
        new_of_old[idx] = np.arange(len(idx), dtype=np.int64)
        tables: dict[str, Any] = {}
        for name, table in self.items():
            keep = np.flatnonzero(new_of_old[table.person] >= 0) if len(table.person) else np.zeros(0, np.int64)
            new_person = new_of_old[table.person[keep]]
            order = np.argsort(new_person, kind="stable")
            tables[name] = _take_items(table, keep[order], new_person[order], len(idx))
        spells = _take_table(self.spells, idx) if self.spells is not None else None
        return Population(people=_take_table(self.people, idx), spells=spells, codes=self.codes, **tables)

    @classmethod
    def concat(cls, parts: Sequence[Population]) -> Population:
        """People of ``parts`` one after another (ids must stay unique), with their items."""
        if not parts:
            raise ValueError("concat: no populations")
        if any((p.spells is None) != (parts[0].spells is None) for p in parts):
            raise ValueError("concat: either every part has spells or none has")
        if any(p.codes is not parts[0].codes and dict(p.codes) != dict(parts[0].codes) for p in parts):
            raise ValueError("concat: the parts use different code tables")
        bases = np.cumsum([0] + [len(p) for p in parts])
        tables: dict[str, Any] = {}
        for name in ITEM_TABLES:
            pieces = [getattr(p, name) for p in parts]
            merged = _concat_table(pieces)
            person = np.concatenate([t.person + b for t, b in zip(pieces, bases[:-1], strict=False)])
            tables[name] = dataclasses.replace(merged, person=person, offsets=offsets_of(person, int(bases[-1])))
        spells = _concat_table([p.spells for p in parts]) if parts[0].spells is not None else None
        return cls(people=_concat_table([p.people for p in parts]), spells=spells, codes=parts[0].codes, **tables)


def _take_column(col: Any, rows: Rows) -> Any:
    if isinstance(col, (Masked, Shares)):
        return col.take(rows)
    return col[rows]


def _take_table(table: Any, rows: Rows) -> Any:
    values = {f.name: _take_column(getattr(table, f.name), rows) for f in dataclasses.fields(table)}
    return type(table)(**values)


def _take_items(table: Any, rows: Rows, person: Rows, n_people: int) -> Any:
    values = {
        f.name: _take_column(getattr(table, f.name), rows)
        for f in dataclasses.fields(table)
        if f.name not in ("person", "offsets")
    }
    return type(table)(person=person, offsets=offsets_of(person, n_people), **values)


def _concat_column(cols: Sequence[Any]) -> Any:
    first = cols[0]
    if isinstance(first, Masked):
        return Masked(np.concatenate([c.values for c in cols]), np.concatenate([c.present for c in cols]))
    if isinstance(first, Shares):
        return Shares(
            np.concatenate([c.num for c in cols]),
            np.concatenate([c.den for c in cols]),
            np.concatenate([c.places for c in cols]),
            np.concatenate([c.present for c in cols]),
        )
    return np.concatenate(cols)


def _concat_table(tables: Sequence[Any]) -> Any:
    cls = type(tables[0])
    values = {
        f.name: _concat_column([getattr(t, f.name) for t in tables])
        for f in dataclasses.fields(cls)
        if f.name != "offsets"
    }
    return cls(**values)


# --------------------------------------------------------------------------- empty columns of each kind


def empty_column(kind: Kind, masked: bool, n: int, dtype: Any = None) -> Any:
    """A column of ``n`` fill values of ``kind`` (every value absent when ``masked``)."""
    if kind is Kind.SHARE:
        return Shares(np.zeros(n, np.int64), np.ones(n, np.int64), np.zeros(n, np.int8), np.zeros(n, np.bool_))
    if kind is Kind.DATE:
        values: NDArray[Any] = np.full(n, np.datetime64("NaT"), dtype="datetime64[D]")
    elif kind is Kind.TEXT:
        values = np.full(n, None, dtype=object)
    elif kind in (Kind.BOOL, Kind.FLAG):
        values = np.zeros(n, np.bool_)
    elif kind is Kind.COUNT:
        values = np.zeros(n, np.int32)
    elif kind is Kind.CODE:
        values = np.zeros(n, dtype or np.int8)
    else:  # money, weight
        values = np.zeros(n, np.int64)
    return Masked(values, np.zeros(n, np.bool_)) if masked else values


def empty_items(name: str, n_people: int) -> Any:
    """A long table with no rows, for a population of ``n_people``."""
    spec: TableSpec = table_specs()[name]
    cols = {f.attr: empty_column(f.kind, f.masked, 0, f.codes.dtype if f.codes else None) for f in spec}
    return ITEM_CLASSES[name](person=np.zeros(0, np.int64), offsets=np.zeros(n_people + 1, np.int64), **cols)


def empty_population() -> Population:
    """A population of nobody."""
    from .convert import to_columns

    return to_columns([])


# --------------------------------------------------------------------------- per-person reductions


def segment_count(offsets: Rows) -> Rows:
    """How many rows of a long table each person has."""
    return np.diff(offsets)


def segment_sum(values: NDArray[np.integer[Any]] | Bools, offsets: Rows) -> Money:
    """Per person, the exact int64 sum of ``values`` over their rows (0 for a person with none).

    Each person's rows are summed on their own (``np.add.reduceat``), so no running total across the
    population can overflow; the inputs are integers, so the sums are exact.
    """
    n = len(offsets) - 1
    out = np.zeros(n, dtype=np.int64)
    if len(values) == 0 or n == 0:
        return out
    starts = offsets[:-1]
    nonempty = offsets[1:] > starts
    if nonempty.any():
        # the starts of the non-empty lists rise strictly and the lists are contiguous, so each
        # reduceat span is exactly one person's rows
        out[nonempty] = np.add.reduceat(values.astype(np.int64, copy=False), starts[nonempty])
    return out


def segment_any(mask: Bools, offsets: Rows) -> Bools:
    """Per person, whether ``mask`` holds for any of their rows."""
    out: Bools = segment_sum(mask, offsets) > 0
    return out


def segment_all(mask: Bools, offsets: Rows) -> Bools:
    """Per person, whether ``mask`` holds for all of their rows (true for a person with none)."""
    out: Bools = segment_sum(mask, offsets) == segment_count(offsets)
    return out


def segment_max(values: NDArray[np.integer[Any]], offsets: Rows, empty: int = 0) -> Money:
    """Per person, the largest of ``values`` over their rows (``empty`` for a person with none)."""
    n = len(offsets) - 1
    out = np.full(n, empty, dtype=np.int64)
    if len(values) == 0 or n == 0:
        return out
    starts = offsets[:-1]
    nonempty = offsets[1:] > starts
    if nonempty.any():
        out[nonempty] = np.maximum.reduceat(values.astype(np.int64, copy=False), starts[nonempty])
    return out
