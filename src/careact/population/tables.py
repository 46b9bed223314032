"""The tables of a population and their fields: one declaration, read by the in-memory columns, the
conversions to and from :class:`~careact.charging.models.ChargingCase` and the file readers and writers.

A population is one row per person (``people``) plus one long table per list of the case, each row
naming its person (``person_id`` in files, the person's row number ``person`` in memory)::

    people                           the scalar fields of the case: person, partner, care, home,
                                     housing_costs, the top-level fields; optionally a spell of care
    income                           case.income[]                           (IncomeItem)
    capital                          case.capital[]                          (CapitalItem)
    occupants                        case.home.occupants[]                   (QualifyingRelative)
    disability_related_expenditure   case.disability_related_expenditure[]   (DisabilityExpense)
    notional_capital                 case.notional_capital[]                 (NotionalCapital)
    discretionary_disregards         case.discretionary_disregards[]         (DiscretionaryDisregard)

A column of ``people`` is named by its dotted path in the case (``care.weekly_cost``); a column of a
long table by the field of its model (``amount``). The in-memory attribute is the column name with
dots replaced by underscores (``care_weekly_cost``). See :mod:`careact.population.columns` for the
storage of each kind.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from functools import lru_cache
from typing import Any

from .codes import (
    CAPITAL_OWNER,
    DELIVERY,
    DISREGARD_APPLIES_TO,
    DISREGARD_KIND,
    FREE_SERVICE,
    FREQUENCY,
    HOME_OWNER,
    HOME_TYPE,
    INCOME_OWNER,
    OCCUPATION_ENDED_BECAUSE,
    PARTNER_RELATIONSHIP,
    RELATIONSHIP,
    SETTING,
    STAY_PURPOSE,
    TENURE,
    CodeTable,
    capital_type_codes,
    income_type_codes,
)

__all__ = [
    "ITEM_TABLES",
    "NOT_IN_COLUMNS",
    "OBJECTS",
    "FieldSpec",
    "Kind",
    "TableSpec",
    "people_spec",
    "table_spec",
    "table_specs",
]


class Kind(StrEnum):
    """How a field is written in a file and stored in a column."""

    MONEY = "money"  # decimal string / whole pounds / decimal -> int64 pence
    DATE = "date"  # YYYY-MM-DD / date -> datetime64[D]
    BOOL = "bool"  # true/false -> bool
    FLAG = "flag"  # true/false or not given (a tri-state) -> masked bool
    COUNT = "count"  # a whole number -> int32
    CODE = "code"  # one of a code table's values -> small int code
    SHARE = "share"  # "0.5" or "1/3" -> exact fraction (num, den) and its decimal places
    TEXT = "text"  # text -> object array of str
    WEIGHT = "weight"  # a positive decimal, at most 6 places -> int64 millionths


@dataclass(frozen=True)
class FieldSpec:
    """One field of a table.

    ``required``: the field must be given (for a field of an optional object such as ``partner``, when
    the object is given). Otherwise ``default`` is the case model's default when the cell is empty; a
    field with neither (``default is None``) is optional and stored with a ``present`` mask.
    """

    name: str
    kind: Kind
    required: bool = False
    default: Any = None
    codes: CodeTable | None = None
    lo: int | None = None
    hi: int | None = None
    min_length: int = 0
    strip: bool = True

    @property
    def attr(self) -> str:
        return self.name.replace(".", "_")

    @property
    def masked(self) -> bool:
        """Stored with a ``present`` mask: the field may be left unset (``None`` in the case)."""
        return not self.required and self.default is None

    @property
    def group(self) -> str:
        """The object of ``people`` the field belongs to (``"partner"``), or ``""`` for a top-level field."""
        return self.name.split(".", 1)[0] if "." in self.name else ""

    @property
    def leaf(self) -> str:
        return self.name.split(".", 1)[1] if "." in self.name else self.name


OBJECTS: dict[str, str] = {"partner": "has_partner", "home": "has_home", "housing_costs": "has_housing_costs"}
"""The optional objects of a case kept in ``people``, with the column that says whether each is given."""

NOT_IN_COLUMNS: tuple[str, ...] = (
    "care.previous_permanent_periods", "care.short_stays_in_year", "care.temporary_exceptional",
    "housing_costs.items", "notional_income", "residence_history", "nhs_funding", "light_touch", "top_up",
    "mig_override", "partner_at_home_allowance", "dre_officer_decision",
)
"""Inputs of the case the columns do not yet carry: lists of dated records and officers' decisions nested in
objects. A case that sets one is refused by :func:`careact.population.convert.to_columns`, naming the field
(assess it on its own); nothing is dropped silently."""


@dataclass(frozen=True)
class TableSpec:
    """A table: its name (also the file stem), its fields in column order, and its model (long tables)."""

    name: str
    fields: tuple[FieldSpec, ...]
    key: str  # "id" for people, "person_id" for a long table
    case_field: str | None = None  # the list of the case it holds ("income", "home.occupants", ...)

    def __iter__(self) -> Iterator[FieldSpec]:
        return iter(self.fields)

    def field(self, name: str) -> FieldSpec:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(name)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    @property
    def columns(self) -> tuple[str, ...]:
        """The columns of the table in a file: its key, then its fields."""
        return (self.key, *self.names)

    @property
    def required(self) -> tuple[str, ...]:
        """Columns a file must have (the key, and the required fields that are not in an optional object)."""
        return (self.key, *(f.name for f in self.fields if f.required and f.group not in OBJECTS and f.group != "spell"))


def _money(name: str, *, required: bool = False, default: Any = Decimal("0.00")) -> FieldSpec:
    return FieldSpec(name, Kind.MONEY, required=required, default=None if required else default)


@lru_cache(maxsize=1)
def people_spec() -> TableSpec:
    """The ``people`` table: every scalar field of :class:`~careact.charging.models.ChargingCase`."""
    F, K = FieldSpec, Kind
    return TableSpec(
        "people",
        (
            F("reference", K.TEXT, strip=False),
            F("person.date_of_birth", K.DATE, required=True),
            F("person.registered_blind", K.BOOL, default=False),
            F("person.disability_premium", K.FLAG),
            F("person.enhanced_disability_premium", K.FLAG),
            F("person.carer_premium", K.FLAG),
            F("person.reached_pensionable_age_before_2016", K.FLAG),
            F("partner.date_of_birth", K.DATE, required=True),
            F("partner.lives_in_the_home", K.BOOL, default=True),
            F("partner.in_care_home", K.BOOL, default=False),
            F("partner.disability_premium", K.BOOL, default=False),
            F("partner.enhanced_disability_premium", K.BOOL, default=False),
            F("partner.relationship", K.CODE, codes=PARTNER_RELATIONSHIP),
            F("partner.own_income_weekly", K.MONEY),
            F("partner.reached_pensionable_age_before_2016", K.FLAG),
            F("dependent_children", K.COUNT, default=0, lo=0, hi=20),
            F("lone_parent", K.BOOL, default=False),
            F("care.setting", K.CODE, required=True, codes=SETTING),
            _money("care.weekly_cost", required=True),
            F("care.start_date", K.DATE),
            F("care.property_disregard_weeks_used", K.COUNT, default=0, lo=0, hi=12),
            F("care.delivery", K.CODE, default="council_arranged", codes=DELIVERY),
            _money("care.third_party_top_up"),
            F("care.for_carer", K.BOOL, default=False),
            F("care.free_service", K.CODE, codes=FREE_SERVICE),
            F("care.service_started_on", K.DATE),
            F("care.first_admitted_on", K.DATE),
            F("care.planned_end_date", K.DATE),
            F("care.stay_purpose", K.CODE, codes=STAY_PURPOSE),
            F("care.council_funding_from", K.DATE),
            F("care.home_type", K.CODE, codes=HOME_TYPE),
            _money("home.value", required=True),
            F("home.owner", K.CODE, default="person", codes=HOME_OWNER),
            F("home.share", K.SHARE),
            F("home.joint_owners", K.COUNT, lo=2, hi=2**31 - 1),
            _money("home.mortgage_outstanding"),
            F("home.intends_to_return", K.BOOL, default=True),
            F("home.still_available", K.BOOL, default=True),
            F("home.being_sold_to_buy_another", K.BOOL, default=False),
            _money("housing_costs.rent"),
            _money("housing_costs.mortgage"),
            _money("housing_costs.council_tax"),
            _money("housing_costs.service_charges"),
            _money("housing_costs.ground_rent"),
            _money("housing_costs.housing_benefit"),
            _money("housing_costs.council_tax_reduction"),
            F("housing_costs.frequency", K.CODE, default="weekly", codes=FREQUENCY),
            F("housing_costs.liable_share", K.SHARE),
            F("use_standard_dre_allowance", K.BOOL, default=False),
            # a spell of care, for reform runs (careact.reform.models.CareSpell): all rows or none
            F("spell.care_start", K.DATE, required=True),
            F("spell.weeks", K.COUNT, lo=1, hi=2**31 - 1),
            F("spell.weekly_fee", K.MONEY),
            F("spell.tenure", K.CODE, default="other", codes=TENURE),
            F("spell.weight", K.WEIGHT, default=Decimal(1)),
        ),
        key="id",
    )


@lru_cache(maxsize=1)
def table_specs() -> dict[str, TableSpec]:
    """Every table, ``people`` first, then the long tables in case order."""
    F, K = FieldSpec, Kind
    tables = [
        people_spec(),
        TableSpec(
            "income",
            (
                F("type", K.CODE, required=True, codes=income_type_codes()),
                _money("amount", required=True),
                F("frequency", K.CODE, default="weekly", codes=FREQUENCY),
                F("owner", K.CODE, default="person", codes=INCOME_OWNER),
                F("description", K.TEXT),
                F("half_paid_to_partner", K.BOOL, default=False),
                F("paid_to_spouse_weekly", K.MONEY),
                F("night_care_provided", K.FLAG),
                F("entitlement_began_on", K.DATE),
            ),
            key="person_id",
            case_field="income",
        ),
        TableSpec(
            "capital",
            (
                F("type", K.CODE, required=True, codes=capital_type_codes()),
                _money("value", required=True),
                F("owner", K.CODE, default="person", codes=CAPITAL_OWNER),
                F("share", K.SHARE),
                F("joint_owners", K.COUNT, lo=2, hi=2**31 - 1),
                _money("debt_secured"),
                F("received_on", K.DATE),
                F("disregard_extended_to", K.DATE),
                F("description", K.TEXT),
            ),
            key="person_id",
            case_field="capital",
        ),
        TableSpec(
            "occupants",
            (
                F("relationship", K.CODE, required=True, codes=RELATIONSHIP),
                F("date_of_birth", K.DATE),
                F("incapacitated", K.BOOL, default=False),
                F("lived_there_since_before_admission", K.BOOL, default=True),
                F("occupation_ended_on", K.DATE),
                F("occupation_ended_because", K.CODE, codes=OCCUPATION_ENDED_BECAUSE),
            ),
            key="person_id",
            case_field="home.occupants",
        ),
        TableSpec(
            "disability_related_expenditure",
            (
                F("description", K.TEXT, required=True, min_length=1),
                _money("amount", required=True),
                F("frequency", K.CODE, default="weekly", codes=FREQUENCY),
            ),
            key="person_id",
            case_field="disability_related_expenditure",
        ),
        TableSpec(
            "notional_capital",
            (
                _money("amount", required=True),
                F("reason", K.TEXT, required=True, min_length=3),
                F("deprivation_date", K.DATE),
                F("applies_from", K.DATE),
                F("decided_by", K.TEXT, min_length=1),
                F("decided_on", K.DATE),
            ),
            key="person_id",
            case_field="notional_capital",
        ),
        TableSpec(
            "discretionary_disregards",
            (
                F("applies_to", K.CODE, required=True, codes=DISREGARD_APPLIES_TO),
                F("amount", K.MONEY),
                F("reason", K.TEXT, required=True, min_length=3),
                F("kind", K.CODE, codes=DISREGARD_KIND),
                F("starts_on", K.DATE),
                F("ends_on", K.DATE),
                F("decided_by", K.TEXT, min_length=1),
                F("decided_on", K.DATE),
            ),
            key="person_id",
            case_field="discretionary_disregards",
        ),
    ]
    return {t.name: t for t in tables}


ITEM_TABLES = (
    "income",
    "capital",
    "occupants",
    "disability_related_expenditure",
    "notional_capital",
    "discretionary_disregards",
)
"""The long tables, in case order."""


def table_spec(name: str) -> TableSpec:
    return table_specs()[name]
