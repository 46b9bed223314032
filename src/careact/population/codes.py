"""Code tables: how each enumerated field of a case is stored as a small integer in a column.

A code is the position of a value in its table (``SETTING.code("respite") == 2``). The tables are
taken from the case models themselves (the ``Literal`` choices of :mod:`careact.charging.models`, the
:class:`~careact.periods.Frequency` enum) and from the income and capital catalogues, so a value the
case contract accepts always has a code and nothing else does. The catalogue tables list the
catalogue ids in sorted order; a population keeps the tables it was built with
(:attr:`careact.population.columns.Population.codes`), and files hold the values as text, never the
codes, so a catalogue that gains an entry does not change the meaning of a stored file.
"""

from __future__ import annotations

import difflib
import types
import typing
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import numpy as np
from numpy.typing import NDArray

from ..charging.catalogue import capital_types, income_types
from ..charging.models import (
    CapitalItem,
    Care,
    DiscretionaryDisregard,
    Home,
    IncomeItem,
    Partner,
    QualifyingRelative,
)
from ..periods import Frequency
from ..reform.models import TENURES

__all__ = [
    "CAPITAL_OWNER",
    "DELIVERY",
    "DISREGARD_APPLIES_TO",
    "DISREGARD_KIND",
    "FREE_SERVICE",
    "FREQUENCY",
    "HOME_OWNER",
    "HOME_TYPE",
    "INCOME_OWNER",
    "OCCUPATION_ENDED_BECAUSE",
    "PARTNER_RELATIONSHIP",
    "RELATIONSHIP",
    "SETTING",
    "STAY_PURPOSE",
    "TENURE",
    "CodeTable",
    "capital_type_codes",
    "code_tables",
    "income_type_codes",
]


@dataclass(frozen=True)
class CodeTable:
    """The values of one enumerated field, in code order; ``dtype`` is the integer type of its column."""

    name: str
    values: tuple[str, ...]
    _index: Mapping[str, int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if len(set(self.values)) != len(self.values):
            raise ValueError(f"code table {self.name}: duplicate values")
        object.__setattr__(self, "_index", types.MappingProxyType({v: i for i, v in enumerate(self.values)}))

    @property
    def dtype(self) -> type[np.signedinteger[Any]]:
        return np.int8 if len(self.values) <= 127 else np.int16

    def __len__(self) -> int:
        return len(self.values)

    def __contains__(self, value: object) -> bool:
        return value in self._index

    def code(self, value: str) -> int:
        """The code of ``value``; ``KeyError`` if it is not in the table."""
        return self._index[value]

    def value(self, code: int) -> str:
        return self.values[int(code)]

    def encode(self, values: Iterable[str]) -> NDArray[np.signedinteger[Any]]:
        """Codes of ``values`` as an array of the table's dtype (every value must be in the table)."""
        return np.fromiter((self._index[v] for v in values), dtype=self.dtype)

    def decode(self, codes: NDArray[np.integer[Any]]) -> list[str]:
        return [self.values[int(c)] for c in codes]

    def suggest(self, value: str) -> str | None:
        """The closest value of the table, for a "did you mean" hint."""
        close = difflib.get_close_matches(value, self.values, n=1, cutoff=0.6)
        return close[0] if close else None

    def choices(self) -> str:
        return ", ".join(self.values)


def _literal_values(model: Any, name: str) -> tuple[str, ...]:
    """The choices of a ``Literal[...]`` (or ``Literal[...] | None``) field of a pydantic model."""
    annotation = model.model_fields[name].annotation
    out: list[str] = []
    stack = [annotation]
    while stack:
        ann = stack.pop(0)
        if typing.get_origin(ann) is typing.Literal:
            out.extend(str(a) for a in typing.get_args(ann))
        elif typing.get_origin(ann) in (typing.Union, types.UnionType):
            stack.extend(a for a in typing.get_args(ann) if a is not type(None))
    if not out:
        raise TypeError(f"{model.__name__}.{name} is not a Literal field")
    return tuple(out)


SETTING = CodeTable("care.setting", _literal_values(Care, "setting"))
DELIVERY = CodeTable("care.delivery", _literal_values(Care, "delivery"))
FREE_SERVICE = CodeTable("care.free_service", _literal_values(Care, "free_service"))
HOME_OWNER = CodeTable("home.owner", _literal_values(Home, "owner"))
INCOME_OWNER = CodeTable("income.owner", _literal_values(IncomeItem, "owner"))
CAPITAL_OWNER = CodeTable("capital.owner", _literal_values(CapitalItem, "owner"))
RELATIONSHIP = CodeTable("occupants.relationship", _literal_values(QualifyingRelative, "relationship"))
DISREGARD_APPLIES_TO = CodeTable("discretionary_disregards.applies_to", _literal_values(DiscretionaryDisregard, "applies_to"))
DISREGARD_KIND = CodeTable("discretionary_disregards.kind", _literal_values(DiscretionaryDisregard, "kind"))
OCCUPATION_ENDED_BECAUSE = CodeTable("occupants.occupation_ended_because", _literal_values(QualifyingRelative, "occupation_ended_because"))
PARTNER_RELATIONSHIP = CodeTable("partner.relationship", _literal_values(Partner, "relationship"))
STAY_PURPOSE = CodeTable("care.stay_purpose", _literal_values(Care, "stay_purpose"))
HOME_TYPE = CodeTable("care.home_type", _literal_values(Care, "home_type"))
FREQUENCY = CodeTable("frequency", tuple(f.value for f in Frequency))
TENURE = CodeTable("spell.tenure", tuple(TENURES))


@lru_cache(maxsize=1)
def income_type_codes() -> CodeTable:
    """Income types: the ids of the income-type catalogue, sorted."""
    return CodeTable("income.type", tuple(sorted(income_types())))


@lru_cache(maxsize=1)
def capital_type_codes() -> CodeTable:
    """Capital types: the ids of the capital-type catalogue, sorted (the ``main_home*`` entries included,
    since the catalogue has them; a case may not use them as items of capital)."""
    return CodeTable("capital.type", tuple(sorted(capital_types())))


def code_tables() -> dict[str, CodeTable]:
    """Every code table, by the column it codes."""
    tables = [
        SETTING, DELIVERY, FREE_SERVICE, HOME_OWNER, INCOME_OWNER, CAPITAL_OWNER, RELATIONSHIP,
        DISREGARD_APPLIES_TO, DISREGARD_KIND, OCCUPATION_ENDED_BECAUSE, PARTNER_RELATIONSHIP, STAY_PURPOSE, HOME_TYPE,
        FREQUENCY, TENURE, income_type_codes(), capital_type_codes(),
    ]
    return {t.name: t for t in tables}
