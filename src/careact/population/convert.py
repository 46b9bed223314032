"""Charging cases to columns and back, exactly: ``case_at(to_columns(cases), i) == cases[i]``.

The conversion is driven by the field declarations of :mod:`careact.population.tables`, so every
field of the case has one column and one way to be stored. Money converts between ``Decimal`` pounds
and integer pence without rounding (a case's money has at most two places, so nothing can be lost);
a share keeps how it was written, so it converts back to the very same ``Decimal``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction
from types import MappingProxyType
from typing import Any

import numpy as np
from numpy.typing import NDArray

from ..charging.models import (
    CapitalItem,
    Care,
    ChargingCase,
    DisabilityExpense,
    DiscretionaryDisregard,
    HousingCosts,
    IncomeItem,
    NotionalCapital,
    Partner,
    Person,
    QualifyingRelative,
)
from ..charging.models import Home as HomeModel
from ..errors import FieldProblem, InputError
from .codes import SETTING, CodeTable, code_tables
from .columns import (
    ITEM_CLASSES,
    WEIGHT_SCALE,
    Masked,
    PeopleTable,
    Population,
    Shares,
    SpellTable,
    offsets_of,
)
from .tables import ITEM_TABLES, OBJECTS, FieldSpec, Kind, people_spec, table_specs

__all__ = [
    "MAX_SHARE_PLACES",
    "case_at",
    "cases",
    "decimal_of_pence",
    "from_spells",
    "pence_of",
    "share_of_parts",
    "share_parts",
    "spell_at",
    "to_columns",
    "weight_of_units",
    "weight_units",
]

MAX_SHARE_PLACES = 18
"""A share written as a decimal may have at most this many places (its fraction must fit int64)."""

_MODELS: dict[str, type[Any]] = {
    "income": IncomeItem,
    "capital": CapitalItem,
    "occupants": QualifyingRelative,
    "disability_related_expenditure": DisabilityExpense,
    "notional_capital": NotionalCapital,
    "discretionary_disregards": DiscretionaryDisregard,
}
_OBJECT_MODELS: dict[str, type[Any]] = {
    "person": Person,
    "partner": Partner,
    "care": Care,
    "home": HomeModel,
    "housing_costs": HousingCosts,
}


# --------------------------------------------------------------------------- scalar conversions


def pence_of(amount: Decimal) -> int:
    """Whole pence of an amount with at most two decimal places (``ValueError`` otherwise)."""
    scaled = amount.scaleb(2)
    if scaled != scaled.to_integral_value():
        raise ValueError(f"{amount} has more than two decimal places (pence)")
    return int(scaled)


def decimal_of_pence(pence: int) -> Decimal:
    """``1250`` -> ``Decimal("12.50")``: always two places, as the case model holds money."""
    return Decimal(int(pence)).scaleb(-2)


def share_parts(share: Decimal) -> tuple[int, int, int]:
    """A share as ``(num, den, places)``: the exact reduced fraction and how it was written.

    A decimal with at most :data:`MAX_SHARE_PLACES` places is exact as it stands (``places`` >= 0). A
    longer decimal is taken to be the quotient of a fraction such as ``"1/3"`` (the case model turns
    ``"1/3"`` into ``Decimal(1) / Decimal(3)``): it is stored as that fraction (``places`` = -1) if
    one with a denominator up to 10**9 divides back to the very same ``Decimal``; otherwise it is
    refused, since no exact form fits the columns.
    """
    exponent = share.as_tuple().exponent
    if not isinstance(exponent, int) or not share.is_finite():
        raise ValueError(f"{share!r} is not a finite share")
    if exponent >= -MAX_SHARE_PLACES:
        fr = Fraction(share)
        return fr.numerator, fr.denominator, max(0, -exponent)
    fr = Fraction(share).limit_denominator(10**9)
    back = Decimal(fr.numerator) / Decimal(fr.denominator)
    if back == share and str(back) == str(share):
        return fr.numerator, fr.denominator, -1
    raise ValueError(
        f"share {share} has more than {MAX_SHARE_PLACES} decimal places and is not a fraction n/d: "
        "write it with fewer places or as a fraction"
    )


def share_of_parts(num: int, den: int, places: int) -> Decimal:
    """The ``Decimal`` a share was (inverse of :func:`share_parts`)."""
    num, den, places = int(num), int(den), int(places)
    if places < 0:
        return Decimal(num) / Decimal(den)
    coefficient, rest = divmod(num * 10**places, den)
    if rest:
        raise ValueError(f"{num}/{den} has no exact form with {places} decimal places")
    return Decimal(coefficient).scaleb(-places)


def weight_units(weight: Decimal) -> int:
    """A weight in millionths (``ValueError`` for more than six places or a weight that is not positive)."""
    if not weight.is_finite() or weight <= 0:
        raise ValueError(f"a weight must be a positive number (got {weight})")
    scaled = weight * WEIGHT_SCALE
    if scaled != scaled.to_integral_value():
        raise ValueError(f"a weight may have at most six decimal places (got {weight})")
    units = int(scaled)
    if units >= 2**63:
        raise ValueError(f"weight {weight} is too large")
    return units


def weight_of_units(units: int) -> Decimal:
    """Millionths back to a ``Decimal`` written without trailing zeros (``2_500_000`` -> ``Decimal("2.5")``)."""
    value = Decimal(int(units)).scaleb(-6)
    if value == value.to_integral_value():
        return Decimal(int(value))
    return value.normalize()


# --------------------------------------------------------------------------- building columns from values


@dataclass
class _ColumnBuilder:
    """Collects the values of one field, row by row, and turns them into its column."""

    spec: FieldSpec
    values: list[Any]
    present: list[bool]

    def add(self, value: Any, given: bool = True) -> None:
        self.values.append(value if given else None)
        self.present.append(given and value is not None)

    def build(self) -> Any:
        return column_of_values(self.spec, self.values, self.present)


def column_of_values(spec: FieldSpec, values: Sequence[Any], present: Sequence[bool]) -> Any:
    """The column of a field from Python values (``Decimal`` money, ``date``, ``str`` codes, ...)."""
    mask = np.fromiter(present, dtype=np.bool_, count=len(present))
    kind = spec.kind
    out: Any
    if kind is Kind.MONEY:
        out = np.fromiter((pence_of(v) if p else 0 for v, p in zip(values, present, strict=True)), np.int64, len(values))
    elif kind is Kind.WEIGHT:
        out = np.fromiter((weight_units(v) if p else 0 for v, p in zip(values, present, strict=True)), np.int64, len(values))
    elif kind is Kind.DATE:
        out = np.array([v if p else None for v, p in zip(values, present, strict=True)], dtype="datetime64[D]")
        out = out.reshape(len(values))
    elif kind in (Kind.BOOL, Kind.FLAG):
        out = np.fromiter((bool(v) if p else False for v, p in zip(values, present, strict=True)), np.bool_, len(values))
    elif kind is Kind.COUNT:
        out = np.fromiter((int(v) if p else 0 for v, p in zip(values, present, strict=True)), np.int32, len(values))
    elif kind is Kind.CODE:
        assert spec.codes is not None
        table: CodeTable = spec.codes
        out = np.fromiter((table.code(str(v)) if p else 0 for v, p in zip(values, present, strict=True)), table.dtype, len(values))
    elif kind is Kind.TEXT:
        out = np.empty(len(values), dtype=object)
        for i, (v, p) in enumerate(zip(values, present, strict=True)):
            out[i] = v if p else None
    elif kind is Kind.SHARE:
        parts = [share_parts(v) if p else (0, 1, 0) for v, p in zip(values, present, strict=True)]
        return Shares(
            np.fromiter((x[0] for x in parts), np.int64, len(parts)),
            np.fromiter((x[1] for x in parts), np.int64, len(parts)),
            np.fromiter((x[2] for x in parts), np.int8, len(parts)),
            mask,
        )
    else:  # pragma: no cover - every kind is handled above
        raise AssertionError(kind)
    return Masked(out, mask) if spec.masked else out


def _value_at(spec: FieldSpec, column: Any, row: int) -> Any:
    """The Python value of ``column`` at ``row`` (``None`` where a masked value is absent)."""
    if isinstance(column, Shares):
        if not column.present[row]:
            return None
        return share_of_parts(column.num[row], column.den[row], column.places[row])
    if isinstance(column, Masked):
        if not column.present[row]:
            return None
        raw = column.values[row]
    else:
        raw = column[row]
    kind = spec.kind
    if kind is Kind.MONEY:
        return decimal_of_pence(raw)
    if kind is Kind.WEIGHT:
        return weight_of_units(raw)
    if kind is Kind.DATE:
        value: date = raw.astype(object)
        return value
    if kind in (Kind.BOOL, Kind.FLAG):
        return bool(raw)
    if kind is Kind.COUNT:
        return int(raw)
    if kind is Kind.CODE:
        assert spec.codes is not None
        return spec.codes.value(int(raw))
    return raw  # text


# --------------------------------------------------------------------------- cases -> columns


def _case_value(case: ChargingCase, spec: FieldSpec) -> tuple[Any, bool]:
    """The value of a ``people`` field in ``case`` and whether its object is there."""
    if not spec.group:
        return getattr(case, spec.leaf), True
    obj = getattr(case, spec.group)
    if obj is None:
        return None, False
    return getattr(obj, spec.leaf), True


def _case_list(case: ChargingCase, name: str) -> list[Any]:
    if name == "occupants":
        return list(case.home.occupants) if case.home is not None else []
    items: list[Any] = getattr(case, name)
    return items


def to_columns(cases: Sequence[ChargingCase], *, ids: Sequence[str] | None = None) -> Population:
    """Charging cases as a :class:`~careact.population.columns.Population` (ids default to "1", "2", ...).

    Item types must be in the catalogues and a capital item may not be the main home (the checks
    :func:`careact.charging.assess` makes first): an :class:`~careact.errors.InputError` names
    every case and field at fault.
    """
    n = len(cases)
    if ids is None:
        ids = [str(i + 1) for i in range(n)]
    if len(ids) != n:
        raise ValueError(f"{len(ids)} ids for {n} cases")
    problems: list[FieldProblem] = []
    seen: set[str] = set()
    for i, key in enumerate(ids):
        if not isinstance(key, str) or not key.strip():
            problems.append(FieldProblem(f"ids[{i}]", "an id must be non-empty text", "missing"))
        elif key in seen:
            problems.append(FieldProblem(f"ids[{i}]", f"{key!r} appears more than once", "duplicate"))
        seen.add(key)
    pspec = people_spec()
    builders = {f.name: _ColumnBuilder(f, [], []) for f in pspec if f.group != "spell"}
    has: dict[str, Any] = {obj: np.zeros(n, np.bool_) for obj in OBJECTS}
    for i, case in enumerate(cases):
        if not isinstance(case, ChargingCase):
            raise TypeError(f"cases[{i}] is a {type(case).__name__}, not a ChargingCase")
        for obj in OBJECTS:
            has[obj][i] = getattr(case, obj) is not None
        for b in builders.values():
            value, there = _case_value(case, b.spec)
            b.add(value, there)
    item_columns: dict[str, Any] = {}
    for tname in ITEM_TABLES:
        spec = table_specs()[tname]
        tb = {f.name: _ColumnBuilder(f, [], []) for f in spec}
        person: list[int] = []
        for i, case in enumerate(cases):
            for j, item in enumerate(_case_list(case, tname)):
                person.append(i)
                for f in spec:
                    if f.kind is Kind.CODE and f.name == "type":
                        _check_type(f, item.type, f"cases[{i}].{tname}[{j}].type", tname, problems)
                    tb[f.name].add(getattr(item, f.leaf))
        if problems:
            continue
        rows = np.asarray(person, dtype=np.int64)
        cols = {b.spec.attr: b.build() for b in tb.values()}
        item_columns[tname] = ITEM_CLASSES[tname](person=rows, offsets=offsets_of(rows, n), **cols)
    if problems:
        raise InputError(problems)
    people_cols = {b.spec.attr: b.build() for b in builders.values()}
    text_ids = np.empty(n, dtype=object)
    text_ids[:] = list(ids)
    people = PeopleTable(id=text_ids, **{OBJECTS[o]: has[o] for o in OBJECTS}, **people_cols)
    return Population(people=people, codes=code_tables(), **item_columns)


def _check_type(spec: FieldSpec, value: str, where: str, table: str, problems: list[FieldProblem]) -> None:
    assert spec.codes is not None
    if value not in spec.codes:
        hint = spec.codes.suggest(value)
        extra = f" (did you mean {hint!r}?)" if hint else ""
        problems.append(
            FieldProblem(where, f"unknown {table} type {value!r}{extra}; see the {table}-type catalogue for the ids careact knows", "unknown_value")
        )
    elif table == "capital" and value.startswith("main_home"):
        problems.append(FieldProblem(where, "the main home is described in the 'home' field, not as an item of capital", "misplaced"))


# --------------------------------------------------------------------------- columns -> cases


def case_at(population: Population, row: int) -> ChargingCase:
    """The charging case of person ``row``, exactly as it went into the columns."""
    n = len(population)
    if not -n <= row < n:
        raise IndexError(f"row {row} of a population of {n}")
    row = row % n if n else row
    people = population.people
    groups: dict[str, dict[str, Any]] = {g: {} for g in ("", *(_OBJECT_MODELS))}
    for f in people_spec():
        if f.group == "spell":
            continue
        if f.group in OBJECTS and not getattr(people, OBJECTS[f.group])[row]:
            continue
        value = _value_at(f, getattr(people, f.attr), row)
        if value is None and f.masked:
            continue  # unset: the model's own default (None)
        groups[f.group][f.leaf] = value
    lists: dict[str, list[Any]] = {}
    for tname, table in population.items():
        spec = table_specs()[tname]
        model = _MODELS[tname]
        start, stop = int(table.offsets[row]), int(table.offsets[row + 1])
        out = []
        for k in range(start, stop):
            values = {}
            for f in spec:
                v = _value_at(f, getattr(table, f.attr), k)
                if v is not None or not f.masked:
                    values[f.leaf] = v
            out.append(model(**values))
        lists[tname] = out
    top = groups[""]
    kwargs: dict[str, Any] = dict(top.items())
    kwargs["person"] = Person(**groups["person"])
    kwargs["care"] = Care(**groups["care"])
    if people.has_partner[row]:
        kwargs["partner"] = Partner(**groups["partner"])
    if people.has_home[row]:
        kwargs["home"] = HomeModel(**groups["home"], occupants=lists["occupants"])
    if people.has_housing_costs[row]:
        kwargs["housing_costs"] = HousingCosts(**groups["housing_costs"])
    for tname in ITEM_TABLES:
        if tname != "occupants":
            kwargs[tname] = lists[tname]
    return ChargingCase(**kwargs)


def cases(population: Population) -> list[ChargingCase]:
    """Every case of the population, in row order (for small populations and tests)."""
    return [case_at(population, i) for i in range(len(population))]


# --------------------------------------------------------------------------- spells of care (reform runs)


def from_spells(spells: Sequence[Any], *, case_of: Callable[[Any], ChargingCase] | None = None) -> Population:
    """Spells of care (:class:`careact.reform.models.CareSpell`) in columns: each spell's charging case
    in its first week, as the reform engine builds it (:func:`careact.reform.engine.charging_case`),
    and the spell's own fields in :attr:`Population.spells`."""
    from ..reform.care_account import WeekInputs
    from ..reform.engine import charging_case

    def first_week(spell: Any) -> ChargingCase:
        inputs = WeekInputs(
            on=spell.care_start, cost=spell.la_weekly_rate, capital=spell.capital,
            home_equity=spell.home_value, count_home_at_home=False,
        )
        return charging_case(spell, inputs)

    build = case_of or first_week
    pop = to_columns([build(s) for s in spells], ids=[s.id for s in spells])
    spec = people_spec()
    cols: dict[str, Any] = {}
    for f in spec:
        if f.group != "spell":
            continue
        values = [getattr(s, f.leaf) for s in spells]  # the spell table's fields are CareSpell's own names
        cols[f.leaf] = column_of_values(f, values, [v is not None for v in values])
    table = SpellTable(**cols)
    items: dict[str, Any] = dict(pop.items())
    return Population(people=pop.people, spells=table, codes=pop.codes, **items)


def _only_item(population: Population, table: str, row: int, type_code: int) -> NDArray[np.int64]:
    t = getattr(population, table)
    start, stop = int(t.offsets[row]), int(t.offsets[row + 1])
    if stop - start > 1 or (stop > start and int(t.type[start]) != type_code):
        raise ValueError(f"person {row} is not a spell of care: {table} holds more than one {population.codes[f'{table}.type'].value(type_code)} item")
    return np.arange(start, stop, dtype=np.int64)


def spell_at(population: Population, row: int) -> Any:
    """The :class:`careact.reform.models.CareSpell` of person ``row`` (the inverse of :func:`from_spells`).

    Only for people whose case has the shape the reform engine gives a spell: care in a care home
    (``permanent_residential``) or at home, weekly income as one weekly ``state_pension`` item,
    savings as one ``savings_account`` item, and a home that a relative's presence may disregard.
    """
    from ..reform.models import CareSpell

    spells = population.spells
    if spells is None:
        raise ValueError("the population has no spells of care")
    people = population.people
    setting = SETTING_OF_CARE.get(int(people.care_setting[row]))
    if setting is None:
        raise ValueError(f"person {row} is not a spell of care: setting {population.codes['care.setting'].value(int(people.care_setting[row]))}")
    inc = _only_item(population, "income", row, population.codes["income.type"].code("state_pension"))
    cap = _only_item(population, "capital", row, population.codes["capital.type"].code("savings_account"))
    weekly = population.codes["frequency"].code("weekly")
    if len(inc) and int(population.income.frequency[inc[0]]) != weekly:
        raise ValueError(f"person {row} is not a spell of care: income is not weekly")
    occ = population.occupants
    spec = people_spec()
    fee = _value_at(spec.field("spell.weekly_fee"), spells.weekly_fee, row)
    weeks = _value_at(spec.field("spell.weeks"), spells.weeks, row)
    return CareSpell(
        id=str(people.id[row]),
        date_of_birth=people.person_date_of_birth[row].astype(object),
        care_start=spells.care_start[row].astype(object),
        setting=setting,
        la_weekly_rate=decimal_of_pence(people.care_weekly_cost[row]),
        weekly_income=decimal_of_pence(population.income.amount[inc[0]]) if len(inc) else decimal_of_pence(0),
        capital=decimal_of_pence(population.capital.value[cap[0]]) if len(cap) else decimal_of_pence(0),
        weeks=weeks,
        weekly_fee=fee,
        home_value=decimal_of_pence(people.home_value[row]) if people.has_home[row] else decimal_of_pence(0),
        home_disregarded=bool(occ.offsets[row + 1] > occ.offsets[row]),
        tenure=population.codes["spell.tenure"].value(int(spells.tenure[row])),
        weight=weight_of_units(spells.weight[row]),
    )


SETTING_OF_CARE: Mapping[int, str] = MappingProxyType(
    {SETTING.code("permanent_residential"): "care_home", SETTING.code("non_residential"): "community"}
)
"""Care setting code -> spell setting (``care_home`` / ``community``), for :func:`spell_at`."""
