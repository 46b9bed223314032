"""Test helpers: charging cases (as JSON) laid out as population tables of text cells."""

from __future__ import annotations

from typing import Any

import pyarrow as pa

from careact.population.io import TABLES
from careact.population.tables import table_specs

LISTS = {
    "income": "income",
    "capital": "capital",
    "disability_related_expenditure": "disability_related_expenditure",
    "notional_capital": "notional_capital",
    "discretionary_disregards": "discretionary_disregards",
}


class NotTabular(Exception):
    """The case cannot be laid out as table cells (a list where a value belongs, say)."""


def text(value: Any) -> str | None:
    """A JSON value as the text a CSV cell would hold (None: an empty cell, which is what "" is too)."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float, str)):
        return str(value)
    raise NotTabular(repr(value))


def textual(case: Any) -> Any:
    """The case with every scalar as its cell text, and empty cells -- and objects left with nothing in
    them -- left out, as the batch CSV reader (careact.batch.inputs.unflatten) builds it. Each item of a
    list is a row of a long table, so it stays, however empty."""
    if isinstance(case, dict):
        out = {}
        for k, v in case.items():
            t = textual(v)
            if t not in (None, "", {}) and not (t == [] and k == "occupants"):
                out[k] = t
        return out
    if isinstance(case, list):
        return [textual(v) for v in case]
    return text(case)


def rows_of(cases: list[tuple[str, dict[str, Any]]]) -> dict[str, list[dict[str, str | None]]]:
    """Rows of every table for ``(id, case)`` pairs; raises NotTabular for a case that has no table form."""
    tables: dict[str, list[dict[str, str | None]]] = {t: [] for t in TABLES}
    for ident, case in cases:
        if not isinstance(case, dict):
            raise NotTabular("not an object")
        row: dict[str, str | None] = {"id": ident}
        for key, value in case.items():
            if key == "schema" or (value is None and key in ("person", "care", "partner", "home", "housing_costs")):
                continue  # an object that is null is not given: it has no cells
            if key in LISTS:
                if not isinstance(value, list):
                    raise NotTabular(key)
                for item in value:
                    if not isinstance(item, dict):
                        raise NotTabular(key)
                    tables[LISTS[key]].append({"person_id": ident, **{k: text(v) for k, v in item.items()}})
            elif isinstance(value, dict) and key in ("person", "care", "partner", "home", "housing_costs"):
                for k, v in value.items():
                    if key == "home" and k == "occupants":
                        if not isinstance(v, list):
                            raise NotTabular("occupants")
                        for occ in v:
                            if not isinstance(occ, dict):
                                raise NotTabular("occupants")
                            tables["occupants"].append({"person_id": ident, **{a: text(b) for a, b in occ.items()}})
                    else:
                        row[f"{key}.{k}"] = text(v)
            elif value is None or isinstance(value, (str, int, float, bool)):
                row[key] = text(value)
            else:
                raise NotTabular(key)
        tables["people"].append(row)
    return tables


def arrow_tables(rows: dict[str, list[dict[str, str | None]]]) -> dict[str, pa.Table]:
    """Text tables with every column the rows use (unknown names included, for the reader to reject)."""
    out = {}
    specs = table_specs()
    for name, records in rows.items():
        names: list[str] = [c for c in specs[name].columns if not c.startswith("spell.")]
        for r in records:
            names += [k for k in r if k not in names]
        out[name] = pa.table({n: pa.array([r.get(n) for r in records], pa.string()) for n in names})
    return out


def write_csv(path: Any, records: list[dict[str, str | None]], columns: list[str] | None = None) -> None:
    """A CSV file of text rows (empty cells for missing values)."""
    import csv

    names = columns or sorted({k for r in records for k in r})
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(names)
        for r in records:
            w.writerow(["" if r.get(n) is None else r.get(n) for n in names])
