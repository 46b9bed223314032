"""The column format mirrors the case contract field for field, and the guide documents every column."""

from __future__ import annotations

import dataclasses
import typing
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from careact.charging.models import (
    CapitalItem,
    Care,
    ChargingCase,
    DisabilityExpense,
    DiscretionaryDisregard,
    Home,
    HousingCosts,
    IncomeItem,
    NotionalCapital,
    Partner,
    Person,
    QualifyingRelative,
)
from careact.population.columns import ITEM_CLASSES, PeopleTable, SpellTable
from careact.population.tables import OBJECTS, Kind, people_spec, table_specs
from careact.reform.models import CareSpell

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "guides" / "populations.md"
GROUPS: dict[str, type[BaseModel]] = {
    "": ChargingCase, "person": Person, "partner": Partner, "care": Care, "home": Home, "housing_costs": HousingCosts,
}
ITEMS: dict[str, type[BaseModel]] = {
    "income": IncomeItem, "capital": CapitalItem, "occupants": QualifyingRelative,
    "disability_related_expenditure": DisabilityExpense, "notional_capital": NotionalCapital,
    "discretionary_disregards": DiscretionaryDisregard,
}
LISTS = {"income", "capital", "disability_related_expenditure", "notional_capital", "discretionary_disregards", "occupants"}


def _scalar_fields(model: type[BaseModel]) -> dict[str, Any]:
    out = {}
    for name, info in model.model_fields.items():
        if name in LISTS or name in GROUPS or name == "schema_":
            continue
        out[name] = info
    return out


def _check_field(spec: Any, info: Any, where: str) -> None:
    assert spec.required == info.is_required(), where
    if not info.is_required():
        default = info.get_default(call_default_factory=True)
        if spec.masked:
            assert default is None, where
        else:
            assert spec.default == default, where
    if spec.kind is Kind.CODE:
        assert spec.codes is not None
        args = {a for t in [info.annotation, *typing.get_args(info.annotation)] for a in typing.get_args(t)}
        args |= set(typing.get_args(info.annotation))
        choices = {str(getattr(a, "value", a)) for a in args if isinstance(a, str)}
        if choices:
            assert choices == set(spec.codes.values), where


def test_people_mirrors_every_scalar_field_of_the_case() -> None:
    spec = people_spec()
    seen = set()
    for group, model in GROUPS.items():
        for name, info in _scalar_fields(model).items():
            column = f"{group}.{name}" if group else name
            seen.add(column)
            _check_field(spec.field(column), info, column)
    ours = {f.name for f in spec if f.group != "spell"}
    assert ours == seen


@pytest.mark.parametrize("table", list(ITEMS))
def test_each_long_table_mirrors_its_model(table: str) -> None:
    spec = table_specs()[table]
    fields = _scalar_fields(ITEMS[table])
    assert set(spec.names) == set(fields)
    for name, info in fields.items():
        _check_field(spec.field(name), info, f"{table}.{name}")


def test_the_spell_columns_are_carespells_own_fields() -> None:
    spell = {f.leaf for f in people_spec() if f.group == "spell"}
    carespell = {name for name in CareSpell.model_fields if name != "schema_"}
    # the rest of a spell is in its case: id, date of birth, setting, rates, income, capital, home
    assert spell <= carespell
    assert carespell - spell == {"id", "date_of_birth", "setting", "la_weekly_rate", "weekly_income", "capital",
                                 "home_value", "home_disregarded"}


def test_the_in_memory_tables_have_a_column_per_field() -> None:
    people = {f.name for f in dataclasses.fields(PeopleTable)}
    assert people == {"id", *OBJECTS.values(), *(f.attr for f in people_spec() if f.group != "spell")}
    assert {f.name for f in dataclasses.fields(SpellTable)} == {f.leaf for f in people_spec() if f.group == "spell"}
    for name, cls in ITEM_CLASSES.items():
        attrs = {f.name for f in dataclasses.fields(cls)}
        assert attrs == {"person", "offsets", *(f.attr for f in table_specs()[name])}, name


def test_the_guide_names_every_column() -> None:
    text = GUIDE.read_text(encoding="utf-8")
    for spec in table_specs().values():
        assert f"`{spec.name}`" in text
        for column in spec.columns:
            assert f"`{column}`" in text, (spec.name, column)
