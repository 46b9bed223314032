"""Populations in columns: many charging cases as NumPy arrays, exact to the penny.

* :mod:`careact.population.columns` -- the in-memory format (people, long tables of items, masks);
* :mod:`careact.population.tables` -- the tables and their fields, as files name them;
* :mod:`careact.population.convert` -- :func:`to_columns` and :func:`case_at`, exact both ways;
* :mod:`careact.population.io` -- readers (CSV, Parquet, Arrow, pandas, polars) and writers;
* :mod:`careact.population.synthetic` -- a seeded synthetic population, drawn straight into columns.

Needs NumPy (the ``population`` extra); reading and writing files needs pyarrow as well.
"""

from __future__ import annotations

import importlib
from typing import Any

__all__ = [
    "Masked",
    "Population",
    "ReadResult",
    "RejectedRow",
    "Shares",
    "case_at",
    "cases",
    "from_spells",
    "read_population",
    "segment_sum",
    "spell_at",
    "synthetic_columns",
    "to_arrow",
    "to_columns",
    "write_population",
    "write_results",
]

_NAMES = {
    "Masked": "columns",
    "Population": "columns",
    "Shares": "columns",
    "segment_sum": "columns",
    "case_at": "convert",
    "cases": "convert",
    "from_spells": "convert",
    "spell_at": "convert",
    "to_columns": "convert",
    "ReadResult": "io",
    "RejectedRow": "io",
    "read_population": "io",
    "to_arrow": "io",
    "write_population": "io",
    "write_results": "io",
    "synthetic_columns": "synthetic",
}


def __getattr__(name: str) -> Any:
    module = _NAMES.get(name)
    if module is None:
        raise AttributeError(f"module 'careact.population' has no attribute {name!r}")
    return getattr(importlib.import_module(f"careact.population.{module}"), name)


def __dir__() -> list[str]:
    return sorted(__all__)
