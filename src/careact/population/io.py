"""Reading populations from files and data frames, and writing populations and results.

Tables
------
A population is a ``people`` table and up to six long tables (:mod:`careact.population.tables`):
``income``, ``capital``, ``occupants``, ``disability_related_expenditure``, ``notional_capital`` and
``discretionary_disregards``, each row naming its person in ``person_id`` (the ``id`` of a row of
``people``). Give each table as a CSV, Parquet or Arrow IPC (Feather) file, a ``pyarrow.Table``, a
pandas or polars ``DataFrame`` (pandas and polars are imported only when given one), or give a
folder holding ``people.csv`` (or ``.parquet``, ``.arrow``, ``.feather``) and any of the others.
Column names and accepted values are in :mod:`careact.population.parse`; unknown columns are an
error (with a "did you mean"), as are missing required ones.

Bad rows
--------
Every row is checked as the case model checks a case (types, ranges, required fields, and the
consistency rules of :class:`~careact.charging.models.ChargingCase`). A bad row is named by table,
row (counted from 1 after the header; blank CSV lines are not rows), column and problem. By default
the person it belongs to is left out of the population *with all their rows*, and every row left
out is listed in :attr:`ReadResult.rejected` -- and, when reading files, written to a side file
(``<people file>.rejected.csv``, or ``rejected.csv`` in the folder) with its reasons and its cells.
Nothing is dropped or changed silently. With ``strict=True`` the first problem raises
:class:`~careact.errors.InputError` instead. A problem with a whole column (a floating-point money
column, an unknown column) always raises: no row could be read from it.
"""

from __future__ import annotations

import csv
import difflib
import json
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from numpy.typing import NDArray

from ..errors import FieldProblem, InputError
from .codes import FREE_SERVICE, code_tables
from .columns import (
    ITEM_CLASSES,
    Masked,
    PeopleTable,
    Population,
    Shares,
    SpellTable,
    offsets_of,
)
from .convert import share_of_parts
from .parse import ColumnTypeError, Parsed, parse_column, plain
from .tables import ITEM_TABLES, OBJECTS, FieldSpec, Kind, TableSpec, table_specs

__all__ = [
    "SUFFIXES",
    "TABLES",
    "ReadResult",
    "RejectedRow",
    "read_population",
    "results_table",
    "to_arrow",
    "write_population",
    "write_rejects",
    "write_results",
]

TABLES = ("people", *ITEM_TABLES)
SUFFIXES = (".csv", ".parquet", ".pq", ".arrow", ".feather", ".ipc")
_MONEY_TYPE = pa.decimal128(18, 2)
_WEIGHT_TYPE = pa.decimal128(25, 6)

Source = Any  # a path, a pyarrow.Table, a pandas or polars DataFrame, or an Arrow stream


# --------------------------------------------------------------------------- results of a read


@dataclass(frozen=True)
class RejectedRow:
    """A row left out of the population: where it was, whose it was, and why.

    ``column`` is empty when the row as a whole is at fault (a duplicate id, a row left out with its
    person). ``values`` holds the row's cells as read, as text.
    """

    table: str
    row: int
    person_id: str | None
    column: str
    problem: str
    code: str
    values: Mapping[str, str | None] = field(default_factory=dict)

    def as_dict(self) -> dict[str, str]:
        return {
            "table": self.table,
            "row": str(self.row),
            "person_id": self.person_id or "",
            "column": self.column,
            "problem": self.problem,
            "code": self.code,
            "values": json.dumps(dict(self.values), ensure_ascii=False, sort_keys=True),
        }

    def field_problem(self) -> FieldProblem:
        where = f"{self.table} row {self.row}" + (f", column {self.column}" if self.column else "")
        return FieldProblem(where, self.problem, self.code)


@dataclass(frozen=True)
class ReadResult:
    """The population read, and everything left out of it."""

    population: Population
    rejected: tuple[RejectedRow, ...]
    rejected_people: tuple[str, ...]
    rows_read: Mapping[str, int]
    rejects_path: Path | None = None

    @property
    def ok(self) -> bool:
        return not self.rejected

    def summary(self) -> str:
        people = self.rows_read.get("people", 0)
        text = f"{len(self.population):,} of {people:,} people read"
        if self.rejected:
            rows = len({(r.table, r.row) for r in self.rejected})
            text += f"; {len(self.rejected_people):,} left out ({rows:,} rows rejected, {len(self.rejected):,} problems"
            text += f", listed in {self.rejects_path})" if self.rejects_path else ")"
        return text


# --------------------------------------------------------------------------- loading sources


@dataclass
class _Loaded:
    """A table as read: its columns (held, or read one at a time from a columnar file), its row numbers,
    and the CSV records that could not be split into columns."""

    name: str
    label: str
    table: pa.Table | None
    rows: NDArray[np.int64]
    broken: list[tuple[int, str | None, str, dict[str, str | None]]] = field(default_factory=list)
    path: Path | None = None
    reader: Callable[[list[str] | None], pa.Table] | None = None  # columns of a Parquet or Arrow file
    names: list[str] = field(default_factory=list)
    released: bool = False

    def __post_init__(self) -> None:
        if not self.names and self.table is not None:
            self.names = list(self.table.column_names)

    @property
    def column_names(self) -> list[str]:
        return self.names

    @property
    def num_rows(self) -> int:
        return len(self.rows)

    def column(self, name: str) -> pa.ChunkedArray:
        if self.table is not None:
            return self.table.column(name)
        assert self.reader is not None
        return self.reader([name]).column(0)

    def release(self, name: str) -> None:
        """Let a parsed column go (a file can be read again for the cells of rejected rows)."""
        if self.path is not None and self.table is not None and name in self.table.column_names:
            self.table = self.table.drop_columns([name])
            self.released = True

    def whole(self) -> pa.Table:
        if self.reader is not None:
            return self.reader(None)
        if self.released:
            assert self.path is not None
            again = _load(self.name, self.path)
            assert again.table is not None
            return again.table
        assert self.table is not None
        return self.table


def _find_tables(folder: Path) -> dict[str, Path]:
    found: dict[str, Path] = {}
    problems = []
    for name in TABLES:
        matches = [folder / f"{name}{s}" for s in SUFFIXES if (folder / f"{name}{s}").is_file()]
        if len(matches) > 1:
            problems.append(FieldProblem(name, f"{folder} holds more than one {name} file: {', '.join(p.name for p in matches)}", "ambiguous"))
        elif matches:
            found[name] = matches[0]
    if "people" not in found and not problems:
        problems.append(FieldProblem("people", f"{folder} has no people file (people.csv, people.parquet, ...)", "missing"))
    if problems:
        raise InputError(problems)
    return found


def _load(name: str, source: Source) -> _Loaded:
    if isinstance(source, (str, os.PathLike)):
        path = Path(source)
        if not path.is_file():
            raise InputError.single(name, f"no such file: {path}", "io")
        suffix = path.suffix.lower()
        if suffix == ".csv":
            return _read_csv(name, path)
        try:
            if suffix in (".parquet", ".pq"):
                import pyarrow.parquet as pq

                names = list(pq.read_schema(path).names)
                count = pq.ParquetFile(path).metadata.num_rows

                def reader(columns: list[str] | None) -> pa.Table:
                    return pq.read_table(path, columns=columns)

            elif suffix in (".arrow", ".feather", ".ipc"):
                from pyarrow import feather

                probe = feather.read_table(path, memory_map=True)
                names, count = list(probe.column_names), probe.num_rows
                del probe

                def reader(columns: list[str] | None) -> pa.Table:
                    return feather.read_table(path, columns=columns)

            else:
                raise InputError.single(name, f"{path.name}: give a .csv, .parquet or .arrow/.feather file", "format")
        except (pa.ArrowException, OSError) as exc:
            raise InputError.single(name, f"cannot read {path}: {exc}", "io") from None
        # one column at a time, so a large file is never held whole beside its parsed columns
        return _Loaded(name, path.name, None, np.arange(1, count + 1, dtype=np.int64), path=path, reader=reader, names=names)
    table, label = _arrow_of(name, source)
    return _Loaded(name, label, table, np.arange(1, table.num_rows + 1, dtype=np.int64))


def _arrow_of(name: str, source: Any) -> tuple[pa.Table, str]:
    if isinstance(source, pa.Table):
        return source, f"{name} (Arrow table)"
    if isinstance(source, pa.RecordBatch):
        return pa.Table.from_batches([source]), f"{name} (Arrow record batch)"
    module = type(source).__module__.split(".")[0]
    if module == "pandas":
        return _from_pandas(name, source), f"{name} (pandas DataFrame)"
    if module == "polars":
        try:
            return source.to_arrow(), f"{name} (polars DataFrame)"
        except Exception as exc:  # noqa: BLE001 - polars raises its own error types; any failure is reported
            raise InputError.single(name, f"cannot read the polars DataFrame: {exc}", "io") from None
    if hasattr(source, "__arrow_c_stream__"):
        return pa.table(source), f"{name} (Arrow stream)"
    raise InputError.single(
        name, f"cannot read a {type(source).__name__}: give a file path, a pyarrow.Table, or a pandas or polars DataFrame", "type"
    )


def _from_pandas(name: str, frame: Any) -> pa.Table:
    columns = list(frame.columns)
    problems = []
    arrays = []
    names: list[str] = []
    for i, col in enumerate(columns):
        if not isinstance(col, str):
            problems.append(FieldProblem(f"{name} column {i + 1}", f"column names must be text (got {col!r})", "header"))
            continue
        try:
            arrays.append(pa.array(frame.iloc[:, i], from_pandas=True))
            names.append(col)
        except (pa.ArrowException, TypeError, ValueError) as exc:
            problems.append(FieldProblem(f"{name} column {col}", f"cannot be read: {exc}", "type"))
    if problems:
        raise InputError(problems)
    return pa.Table.from_arrays(arrays, names=names)


def _csv_header(name: str, path: Path) -> list[str]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            header = next(csv.reader(fh), None)
    except UnicodeDecodeError as exc:
        raise InputError.single(name, f"{path.name} is not UTF-8 text ({exc.reason} at byte {exc.start})", "encoding") from None
    except OSError as exc:
        raise InputError.single(name, f"cannot read {path}: {exc}", "io") from None
    except csv.Error as exc:
        raise InputError.single(name, f"{path.name}: the header is not valid CSV ({exc})", "header") from None
    if header is None:
        raise InputError.single(name, f"{path.name} is empty: it needs at least a header row", "empty")
    return [h.strip() for h in header]


def _read_csv(name: str, path: Path) -> _Loaded:
    import pyarrow.csv as pacsv

    header = _csv_header(name, path)
    _check_duplicates(name, path.name, header)
    broken: list[Any] = []

    def on_invalid(row: Any) -> str:
        broken.append(row)
        return "skip"

    try:
        table = pacsv.read_csv(
            path,
            read_options=pacsv.ReadOptions(column_names=header, skip_rows=1),
            parse_options=pacsv.ParseOptions(newlines_in_values=True, invalid_row_handler=on_invalid),
            convert_options=pacsv.ConvertOptions(
                column_types={h: pa.string() for h in header},
                strings_can_be_null=True,
                quoted_strings_can_be_null=False,
                null_values=[""],
            ),
        )
    except pa.ArrowInvalid as exc:
        if "UTF8" in str(exc) or "utf8" in str(exc).lower():
            raise InputError.single(name, f"{path.name} is not UTF-8 text ({exc})", "encoding") from None
        raise InputError.single(name, f"{path.name} is not valid CSV: {exc}", "csv") from None
    if broken:
        return _read_csv_slowly(name, path, header)
    return _Loaded(name, path.name, table, np.arange(1, table.num_rows + 1, dtype=np.int64), path=path)


def _read_csv_slowly(name: str, path: Path, header: list[str]) -> _Loaded:
    """A CSV with rows of the wrong length: read record by record, so each is numbered exactly."""
    width = len(header)
    key = table_specs()[name].key
    key_index = header.index(key) if key in header else None
    columns: list[list[str | None]] = [[] for _ in header]
    rows: list[int] = []
    broken: list[tuple[int, str | None, str, dict[str, str | None]]] = []
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.reader(fh)
        next(reader, None)
        number = 0
        for record in reader:
            if not any(v.strip() for v in record):
                continue
            number += 1
            if len(record) != width:
                ident = record[key_index].strip() or None if key_index is not None and key_index < len(record) else None
                cells: dict[str, str | None] = {f"{i + 1}": v for i, v in enumerate(record)}
                broken.append((number, ident, f"has {len(record)} values but the header has {width} columns", cells))
                continue
            rows.append(number)
            for i, v in enumerate(record):
                columns[i].append(v if v != "" else None)
    table = pa.table({h: pa.array(col, pa.string()) for h, col in zip(header, columns, strict=True)})
    return _Loaded(name, path.name, table, np.asarray(rows, dtype=np.int64), broken=broken, path=path)


def _check_duplicates(name: str, label: str, header: Sequence[str]) -> None:
    dup = sorted({h for h in header if list(header).count(h) > 1})
    if dup:
        raise InputError.single(name, f"{label}: duplicate column(s): {', '.join(dup)}", "header")


def _check_header(loaded: _Loaded, spec: TableSpec) -> list[FieldProblem]:
    names = loaded.column_names
    known = set(spec.columns)
    problems = []
    if len(set(names)) != len(names):
        dup = sorted({h for h in names if names.count(h) > 1})
        problems.append(FieldProblem(loaded.label, f"duplicate column(s): {', '.join(dup)}", "header"))
    for col in names:
        if col not in known:
            close = difflib.get_close_matches(col, spec.columns, n=1, cutoff=0.6)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            problems.append(FieldProblem(f"{loaded.label} column {col}", f"is not a column of the {spec.name} table{hint}", "unknown_column"))
    for col in spec.required:
        if col not in names:
            problems.append(FieldProblem(f"{loaded.label} column {col}", "is required but missing", "missing_column"))
    if spec.name == "people" and any(c.startswith("spell.") for c in names) and "spell.care_start" not in names:
        problems.append(FieldProblem(f"{loaded.label} column spell.care_start", "is required when any spell column is given", "missing_column"))
    return problems


# --------------------------------------------------------------------------- checking rows


class _Problems:
    """Problems by table and row index, kept in column order."""

    def __init__(self) -> None:
        self.by_table: dict[str, dict[int, list[tuple[str, str, str]]]] = {t: {} for t in TABLES}

    def add(self, table: str, index: int, column: str, problem: str, code: str) -> None:
        self.by_table[table].setdefault(int(index), []).append((column, problem, code))

    def add_many(self, table: str, indexes: Iterable[int], column: str, problem: str, code: str) -> None:
        for i in indexes:
            self.add(table, int(i), column, problem, code)

    def rows(self, table: str) -> NDArray[np.int64]:
        return np.fromiter(sorted(self.by_table[table]), np.int64)

    def of_row(self, table: str, index: int, columns: Sequence[str]) -> list[tuple[str, str, str]]:
        """A row's problems, left to right as the columns stand in the file (whole-row problems first)."""
        position = {c: k for k, c in enumerate(columns)}
        found = self.by_table[table].get(int(index), [])
        return sorted(found, key=lambda p: position.get(p[0], -1))


def _where(mask: NDArray[np.bool_]) -> list[int]:
    out: list[int] = np.flatnonzero(mask).tolist()
    return out


@dataclass
class _Table:
    loaded: _Loaded
    spec: TableSpec
    parsed: dict[str, Parsed]
    key: Parsed

    def given(self, name: str) -> NDArray[np.bool_]:
        return self.parsed[name].given

    def ok(self, name: str) -> NDArray[np.bool_]:
        p = self.parsed[name]
        ok = p.given.copy()
        if p.bad:
            ok[np.fromiter(p.bad, np.int64, len(p.bad))] = False
        return ok

    def values(self, name: str) -> Any:
        return self.parsed[name].values

    def __len__(self) -> int:
        return self.loaded.num_rows


def _parse_table(loaded: _Loaded, spec: TableSpec, problems: _Problems, column_errors: list[FieldProblem]) -> _Table:
    n = loaded.num_rows
    names = set(loaded.column_names)
    parsed: dict[str, Parsed] = {}
    for f in spec:
        if f.name in names:
            try:
                parsed[f.name] = parse_column(f, f.name, loaded.column(f.name))
                loaded.release(f.name)
            except ColumnTypeError as exc:
                row = f" (first value in row {int(loaded.rows[exc.row])})" if exc.row is not None else ""
                column_errors.append(FieldProblem(f"{loaded.label} column {exc.column}", exc.problem + row, exc.code))
                parsed[f.name] = _absent(f, n)
        else:
            parsed[f.name] = _absent(f, n)
    key_spec = FieldSpec(spec.key, Kind.TEXT)
    if spec.key in names:
        try:
            key = parse_column(key_spec, spec.key, loaded.column(spec.key), key=True)
            loaded.release(spec.key)
        except ColumnTypeError as exc:
            column_errors.append(FieldProblem(f"{loaded.label} column {exc.column}", exc.problem, exc.code))
            key = _absent(key_spec, n)
    else:
        key = _absent(key_spec, n)
    for name, p in parsed.items():
        for i, (problem, code) in p.bad.items():
            problems.add(spec.name, i, name, problem, code)
    return _Table(loaded, spec, parsed, key)


def _absent(spec: FieldSpec, n: int) -> Parsed:
    return parse_column(spec, spec.name, pa.nulls(n))


def _default_storage(spec: FieldSpec) -> Any:
    d = spec.default
    if spec.kind is Kind.MONEY:
        return int(Decimal(d).scaleb(2))
    if spec.kind is Kind.WEIGHT:
        from .convert import weight_units

        return weight_units(Decimal(d))
    if spec.kind is Kind.CODE:
        assert spec.codes is not None
        return spec.codes.code(str(d))
    return d


def _column(t: _Table, spec: FieldSpec, present: NDArray[np.bool_] | None = None) -> Any:
    """The storage column of a field: the parsed values, the model's default where the cell is not given
    (only in ``present`` rows, for a field of an optional object), the kind's fill elsewhere."""
    col = t.parsed[spec.name].column(spec)
    if spec.masked or spec.required:
        return col
    missing = ~t.given(spec.name)
    if present is not None:
        missing &= present
    # in place: the cells not given hold the fill until here, and every check reads given cells only
    col[missing] = _default_storage(spec)
    return col


def _check_people(t: _Table, problems: _Problems) -> dict[str, NDArray[np.bool_]]:
    """Required fields, objects given in part, duplicate ids; returns each optional object's presence."""
    n = len(t)
    label = "people"
    ids = t.key.values
    problems.add_many(label, _where(~t.key.given), "id", "is required", "missing")
    assert t.key.arrow is not None
    first = pc.index_in(t.key.arrow, value_set=t.key.arrow)  # the row each id first appears on
    first_row = np.asarray(pc.fill_null(first, -1).to_numpy(zero_copy_only=False), dtype=np.int64)
    repeats = np.flatnonzero((first_row >= 0) & (first_row != np.arange(n)))
    dups: dict[str, list[int]] = {}
    for r in repeats.tolist():
        dups.setdefault(ids[r], [int(first_row[r])]).append(r)
    for k, rows in dups.items():
        numbers = ", ".join(str(int(t.loaded.rows[r])) for r in rows)
        problems.add_many(label, rows, "id", f"{k!r} appears more than once (rows {numbers})", "duplicate")
    present: dict[str, NDArray[np.bool_]] = {}
    for obj in OBJECTS:
        fields = [f for f in t.spec if f.group == obj]
        there = np.zeros(n, np.bool_)
        for f in fields:
            there |= t.given(f.name)
        present[obj] = there
        for f in fields:
            if f.required:
                problems.add_many(
                    label, _where(there & ~t.given(f.name)), f.name,
                    f"is required when other {obj.replace('_', ' ')} fields are given", "missing",
                )
    spells = "spell.care_start" in t.loaded.column_names
    present["spell"] = np.full(n, spells)
    for f in t.spec:
        if f.required and (f.group not in OBJECTS) and (f.group != "spell" or spells):
            problems.add_many(label, _where(~t.given(f.name)), f.name, "is required", "missing")
    return present


def _consistency(people: _Table, present: dict[str, NDArray[np.bool_]], items: dict[str, _Table],
                 person: dict[str, NDArray[np.int64]], problems: _Problems) -> None:
    """The consistency rules of ChargingCase (and of a spell of care), row by row, in columns."""
    codes = code_tables()
    has_partner = present["partner"]
    P = people.values

    def per_item(table: str, person_mask: NDArray[np.bool_]) -> NDArray[np.bool_]:
        rows = person[table]
        out = np.zeros(len(rows), np.bool_)
        known = rows >= 0
        out[known] = person_mask[rows[known]]
        return out

    # a partner's part in income, capital or the home needs a partner
    inc = items["income"]
    owner = codes["income.owner"]
    for who in ("partner", "joint"):
        bad = inc.ok("owner") & (inc.values("owner") == owner.code(who)) & per_item("income", ~has_partner)
        problems.add_many("income", _where(bad), "owner", f"is {who!r} but the case has no partner", "inconsistent")
    cap = items["capital"]
    cowner = codes["capital.owner"]
    for who in ("partner", "joint_with_partner"):
        bad = cap.ok("owner") & (cap.values("owner") == cowner.code(who)) & per_item("capital", ~has_partner)
        problems.add_many("capital", _where(bad), "owner", f"is {who!r} but the case has no partner", "inconsistent")
    howner = codes["home.owner"]
    home_owner = _column(people, people.spec.field("home.owner"), present["home"])
    bad = present["home"] & (home_owner == howner.code("joint_with_partner")) & ~has_partner
    problems.add_many("people", _where(bad), "home.owner", "is 'joint_with_partner' but the case has no partner", "inconsistent")
    lone = people.ok("lone_parent") & P("lone_parent")
    problems.add_many("people", _where(lone & has_partner), "lone_parent", "a person with a partner is not a lone parent", "inconsistent")
    children = np.where(people.ok("dependent_children"), P("dependent_children"), 0)
    problems.add_many("people", _where(lone & (children == 0)), "lone_parent", "a lone parent needs at least one dependent child", "inconsistent")

    # shares of jointly owned capital and of the home
    def owned(t: _Table, table: str, prefix: str, owner_values: NDArray[Any], there: NDArray[np.bool_], table_codes: Any) -> None:
        share = t.parsed[f"{prefix}share"]
        share_given = share.given
        owners_given = t.given(f"{prefix}joint_owners")
        is_ = {w: there & (owner_values == table_codes.code(w)) for w in table_codes.values}
        others = is_["joint_with_others"]
        joint = others | is_.get("joint_with_partner", np.zeros_like(there))
        sole = is_.get("person", np.zeros_like(there)) | is_.get("partner", np.zeros_like(there))
        problems.add_many(table, _where(others & ~share_given & ~owners_given), f"{prefix}joint_owners",
                          "give the number of owners or the adult's share", "missing")
        problems.add_many(table, _where(sole & (share_given | owners_given)), f"{prefix}share",
                          "a share is only for jointly owned capital", "inconsistent")
        whole = share.values.present & (share.values.num == share.values.den)
        problems.add_many(table, _where(joint & whole), f"{prefix}share",
                          "a jointly owned asset cannot be wholly the adult's (share must be below 1)", "inconsistent")
        if "joint_with_partner" in table_codes:
            n_owners = t.values(f"{prefix}joint_owners")
            bad = is_["joint_with_partner"] & t.ok(f"{prefix}joint_owners") & (n_owners != 2)
            problems.add_many(table, _where(bad), f"{prefix}joint_owners",
                              "an asset held with the partner alone has 2 owners; use joint_with_others", "inconsistent")

    owned(cap, "capital", "", _column(cap, cap.spec.field("owner")), cap.ok("owner") | ~cap.given("owner"), cowner)
    home_owner_ok = present["home"] & (people.ok("home.owner") | ~people.given("home.owner"))
    owned(people, "people", "home.", home_owner, home_owner_ok, howner)

    # care
    setting_codes = codes["care.setting"]
    setting = np.where(people.ok("care.setting"), P("care.setting"), -1)
    perm = setting == setting_codes.code("permanent_residential")
    problems.add_many("people", _where(perm & ~people.given("care.start_date")), "care.start_date",
                      "permanent residential care needs the date of admission", "missing")
    at_home = setting == setting_codes.code("non_residential")
    top_up = people.ok("care.third_party_top_up") & (P("care.third_party_top_up") != 0)
    problems.add_many("people", _where(at_home & top_up), "care.third_party_top_up",
                      "top-ups apply to care-home placements only", "inconsistent")
    free = people.ok("care.free_service") & (P("care.free_service") == FREE_SERVICE.code("intermediate_care_or_reablement"))
    problems.add_many("people", _where(free & ~people.given("care.service_started_on")), "care.service_started_on",
                      "intermediate care or reablement needs its start date", "missing")
    night = inc.given("night_care_provided") & per_item("income", (setting >= 0) & ~at_home)
    problems.add_many("income", _where(night), "night_care_provided", "only for care other than in a care home", "inconsistent")

    # discretionary disregards
    dd = items["discretionary_disregards"]
    applies = codes["discretionary_disregards.applies_to"]
    kind = np.where(dd.ok("applies_to"), dd.values("applies_to"), -1)
    for what in ("capital", "income"):
        bad = (kind == applies.code(what)) & ~dd.given("amount")
        problems.add_many("discretionary_disregards", _where(bad), "amount", f"a {what} disregard needs an amount", "missing")
    bad = (kind == applies.code("home")) & dd.given("amount")
    problems.add_many("discretionary_disregards", _where(bad), "amount", "a home disregard takes no amount", "inconsistent")

    # the main home is not an item of capital; occupants live in a home
    ctypes = codes["capital.type"]
    home_codes = np.array([ctypes.code(v) for v in ctypes.values if v.startswith("main_home")], dtype=ctypes.dtype)
    bad = cap.ok("type") & np.isin(cap.values("type"), home_codes)
    problems.add_many("capital", _where(bad), "type", "the main home is described in the 'home' field, not as an item of capital", "misplaced")
    bad = per_item("occupants", ~present["home"]) & (person["occupants"] >= 0)
    problems.add_many("occupants", _where(bad), "person_id", "the person has no home (give home.value in people)", "inconsistent")

    # a spell of care
    if present["spell"].any():
        fee = people.ok("spell.weekly_fee") & people.ok("care.weekly_cost") & (P("spell.weekly_fee") < P("care.weekly_cost"))
        problems.add_many("people", _where(fee), "spell.weekly_fee",
                          "must not be below care.weekly_cost (the council's rate is what the care costs it)", "range")
        dob = people.ok("person.date_of_birth") & people.ok("spell.care_start") & (P("person.date_of_birth") >= P("spell.care_start"))
        problems.add_many("people", _where(dob), "person.date_of_birth", "must be before spell.care_start", "range")


def _cells(loaded: _Loaded, indexes: NDArray[np.int64]) -> list[dict[str, str | None]]:
    if not len(indexes):
        return []
    rows: list[dict[str, Any]] = loaded.whole().take(pa.array(indexes)).to_pylist()
    return [{k: _text_of(v) for k, v in r.items()} for r in rows]


def _text_of(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def read_population(
    people: Source,
    *,
    income: Source | None = None,
    capital: Source | None = None,
    occupants: Source | None = None,
    disability_related_expenditure: Source | None = None,
    notional_capital: Source | None = None,
    discretionary_disregards: Source | None = None,
    strict: bool = False,
    rejects: str | os.PathLike[str] | None = "auto",
) -> ReadResult:
    """Read a population: ``people`` and its long tables (see the module docs).

    ``people`` may be a folder holding the tables as files named for them. ``strict``: raise
    :class:`~careact.errors.InputError` at the first bad row instead of leaving its person out.
    ``rejects``: where to write the rows left out (a ``.csv`` or ``.parquet`` path); ``"auto"`` writes
    ``<people file>.rejected.csv`` beside a people file (``rejected.csv`` in a folder) when any row is
    left out, and nothing for data frames; ``None`` writes nothing. The rows are in the result either way.
    """
    given: dict[str, Source | None] = {
        "income": income, "capital": capital, "occupants": occupants,
        "disability_related_expenditure": disability_related_expenditure,
        "notional_capital": notional_capital, "discretionary_disregards": discretionary_disregards,
    }
    sources: dict[str, Source] = {}
    auto_rejects: Path | None = None
    if isinstance(people, (str, os.PathLike)) and Path(people).is_dir():
        folder = Path(people)
        sources.update(_find_tables(folder))
        auto_rejects = folder / "rejected.csv"
    else:
        sources["people"] = people
        if isinstance(people, (str, os.PathLike)):
            p = Path(people)
            auto_rejects = p.with_name(f"{p.stem}.rejected.csv")
    sources.update({k: v for k, v in given.items() if v is not None})
    loaded = {name: _load(name, src) for name, src in sources.items()}
    specs = table_specs()
    header = [p for name, ld in loaded.items() for p in _check_header(ld, specs[name])]
    if header:
        raise InputError(header)
    for name in ITEM_TABLES:
        if name not in loaded:
            spec = specs[name]
            empty = pa.table({c: pa.array([], pa.string()) for c in spec.columns})
            loaded[name] = _Loaded(name, name, empty, np.zeros(0, np.int64))
    problems = _Problems()
    column_errors: list[FieldProblem] = []
    tables = {name: _parse_table(loaded[name], specs[name], problems, column_errors) for name in TABLES}
    if column_errors:
        raise InputError(column_errors)
    ppl = tables["people"]
    present = _check_people(ppl, problems)

    # each item row's person: its row in people, or -1
    people_ids = ppl.key.arrow
    person: dict[str, NDArray[np.int64]] = {}
    for name in ITEM_TABLES:
        t = tables[name]
        problems.add_many(name, _where(~t.key.given), "person_id", "is required", "missing")
        index = pc.index_in(t.key.arrow, value_set=people_ids)
        rows = np.asarray(pc.fill_null(index, -1).to_numpy(zero_copy_only=False), dtype=np.int64)
        unknown = t.key.given & (rows < 0)
        for i in _where(unknown):
            problems.add(name, i, "person_id", f"no person with id {t.key.values[i]!r} in people", "unknown_person")
        person[name] = rows
        for f in t.spec:
            if f.required:
                problems.add_many(name, _where(~t.given(f.name)), f.name, "is required", "missing")
    _consistency(ppl, present, {n: tables[n] for n in ITEM_TABLES}, person, problems)

    rejected = _reject(loaded, tables, person, problems, strict)
    bad_people = rejected.people
    keep = np.flatnonzero(~bad_people)
    population = _assemble(tables, present, person, keep, bad_people)
    rows_read = {name: int(len(tables[name]) + len(loaded[name].broken)) for name in TABLES}
    out_path: Path | None = None
    target = auto_rejects if rejects == "auto" else (Path(rejects) if rejects is not None else None)
    if rejected.rows and target is not None:
        out_path = write_rejects(rejected.rows, target)
    return ReadResult(population, tuple(rejected.rows), rejected.ids, rows_read, out_path)


@dataclass
class _Rejected:
    rows: list[RejectedRow]
    people: NDArray[np.bool_]
    ids: tuple[str, ...]


def _reject(loaded: dict[str, _Loaded], tables: dict[str, _Table], person: dict[str, NDArray[np.int64]],
            problems: _Problems, strict: bool) -> _Rejected:
    ppl = tables["people"]
    n = len(ppl)
    ids = ppl.key.values
    if strict:
        # the first problem in table order (people first), then row order
        for name in TABLES:
            candidates = []
            by_row = problems.by_table[name]
            if by_row:
                i = min(by_row, key=lambda k: int(loaded[name].rows[k]))
                column, problem, code = problems.of_row(name, i, loaded[name].column_names)[0]
                candidates.append(RejectedRow(name, int(loaded[name].rows[i]), tables[name].key.values[i], column, problem, code))
            if loaded[name].broken:
                number, ident, problem, raw = loaded[name].broken[0]
                candidates.append(RejectedRow(name, number, ident, "", problem, "columns", raw))
            if candidates:
                raise InputError(min(candidates, key=lambda r: r.row).field_problem())
        return _Rejected([], np.zeros(n, np.bool_), ())

    bad_people = np.zeros(n, np.bool_)
    bad_people[problems.rows("people")] = True
    why: dict[int, list[str]] = {}
    broken = any(loaded[name].broken for name in TABLES)
    index_of = {k: i for i, k in enumerate(ids.tolist()) if k is not None} if broken else {}
    for name in ITEM_TABLES:
        rows = problems.rows(name)
        owners = person[name][rows]
        for r, o in zip(rows.tolist(), owners.tolist(), strict=True):
            if o >= 0:
                bad_people[o] = True
                why.setdefault(o, []).append(f"{name} row {int(loaded[name].rows[r])}")
        for number, ident, _problem, _raw in loaded[name].broken:
            o = index_of.get(ident or "", -1)
            if o >= 0:
                bad_people[o] = True
                why.setdefault(o, []).append(f"{name} row {number}")
    for number, ident, _problem, _raw in loaded["people"].broken:
        o = index_of.get(ident or "", -1)
        if o >= 0:  # a broken people row whose id is also on a good row: neither is trusted
            bad_people[o] = True
            problems.add("people", o, "id", f"{ident!r} is also the id of a broken row (row {number})", "duplicate")

    out: list[RejectedRow] = []
    for name in TABLES:
        t = tables[name]
        ld = loaded[name]
        if name == "people":
            dropped = np.flatnonzero(bad_people)
        else:
            owners = person[name]
            dropped_mask = np.zeros(len(t), np.bool_)
            dropped_mask[problems.rows(name)] = True
            known = owners >= 0
            dropped_mask[known] |= bad_people[owners[known]]
            dropped = np.flatnonzero(dropped_mask)
        cells = _cells(ld, dropped)
        for i, row_cells in zip(dropped.tolist(), cells, strict=True):
            number = int(ld.rows[i])
            ident = t.key.values[i]
            own = problems.of_row(name, i, ld.column_names)
            if own:
                for column, problem, code in own:
                    out.append(RejectedRow(name, number, ident, column, problem, code, row_cells))
            elif name == "people":
                elsewhere = ", ".join(why.get(i, [])) or "another row"
                out.append(RejectedRow(name, number, ident, "", f"left out: the person has bad rows in {elsewhere}", "person_rejected", row_cells))
            else:
                out.append(RejectedRow(name, number, ident, "", f"left out with its person {ident!r}", "person_rejected", row_cells))
        for number, ident, problem, row_cells2 in ld.broken:
            out.append(RejectedRow(name, number, ident, "", problem, "columns", row_cells2))
    order = {name: k for k, name in enumerate(TABLES)}
    out.sort(key=lambda r: (order[r.table], r.row))
    rejected_ids = tuple(str(ids[i]) if ids[i] is not None else f"(people row {int(loaded['people'].rows[i])})" for i in np.flatnonzero(bad_people))
    return _Rejected(out, bad_people, rejected_ids)


def _rows(col: Any, rows: NDArray[np.int64], everyone: bool) -> Any:
    """``col`` at ``rows`` (the column itself when every row is kept in order: no copy)."""
    if everyone:
        return col
    return col.take(rows) if isinstance(col, (Masked, Shares)) else col[rows]


def _assemble(tables: dict[str, _Table], present: dict[str, NDArray[np.bool_]], person: dict[str, NDArray[np.int64]],
              keep: NDArray[np.int64], bad_people: NDArray[np.bool_]) -> Population:
    ppl = tables["people"]
    n = len(keep)
    everyone = n == len(ppl)
    cols: dict[str, Any] = {}
    spell_cols: dict[str, Any] = {}
    for f in ppl.spec:
        there = present.get(f.group)
        col = _rows(_column(ppl, f, there), keep, everyone)
        if f.group == "spell":
            spell_cols[f.leaf] = col
        else:
            cols[f.attr] = col
    flags: dict[str, Any] = {OBJECTS[o]: _rows(present[o], keep, everyone) for o in OBJECTS}
    people_table = PeopleTable(id=_rows(ppl.key.values, keep, everyone), **flags, **cols)
    spells = SpellTable(**spell_cols) if present["spell"].any() else None
    new_of_old = np.full(len(ppl), -1, dtype=np.int64)
    new_of_old[keep] = np.arange(n, dtype=np.int64)
    items: dict[str, Any] = {}
    for name in ITEM_TABLES:
        t = tables[name]
        owners = person[name]
        ok_rows = np.flatnonzero((owners >= 0) & ~bad_people[np.maximum(owners, 0)]) if len(owners) else np.zeros(0, np.int64)
        new_person = new_of_old[owners[ok_rows]]
        order = np.argsort(new_person, kind="stable")
        rows = ok_rows[order]
        new_person = new_person[order]
        whole = len(rows) == len(t) and bool(np.all(rows == np.arange(len(t))))
        icols: dict[str, Any] = {f.attr: _rows(_column(t, f), rows, whole) for f in t.spec}
        items[name] = ITEM_CLASSES[name](person=new_person, offsets=offsets_of(new_person, n), **icols)
    return Population(people=people_table, spells=spells, codes=code_tables(), **items)


# --------------------------------------------------------------------------- the side file


def write_rejects(rows: Sequence[RejectedRow], path: str | os.PathLike[str]) -> Path:
    """The rejected rows with their reasons, one line per problem: ``.csv`` (default) or ``.parquet``."""
    path = Path(path)
    records = [r.as_dict() for r in rows]
    names = ["table", "row", "person_id", "column", "problem", "code", "values"]
    if path.suffix.lower() in (".parquet", ".pq"):
        import pyarrow.parquet as pq

        pq.write_table(pa.table({k: pa.array([r[k] for r in records], pa.string()) for k in names}), path)
        return path
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=names)
        w.writeheader()
        w.writerows(records)
    return path


# --------------------------------------------------------------------------- writing populations


def _pence_array(pence: NDArray[np.int64], valid: NDArray[np.bool_] | None = None, scale: int = 2,
                 type_: pa.DataType = _MONEY_TYPE) -> pa.Array:
    """int64 pence (or millionths) as an exact Arrow decimal: the unscaled integers are the values."""
    values = np.asarray(pence, dtype=np.int64)
    words = np.empty(2 * len(values), dtype=np.int64)
    words[0::2] = values  # little-endian 128-bit integers: the low word ...
    words[1::2] = values >> 63  # ... and the high word, the sign extended
    validity = None if valid is None else pa.array(np.asarray(valid, dtype=np.bool_)).buffers()[1]
    return pa.Array.from_buffers(type_, len(values), [validity, pa.py_buffer(words.tobytes())], null_count=-1 if valid is not None else 0)


def _arrow_column(spec: FieldSpec, col: Any, present: NDArray[np.bool_] | None) -> pa.Array:
    if isinstance(col, Shares):
        texts = np.full(len(col), None, dtype=object)
        for i in np.flatnonzero(col.present).tolist():
            if col.places[i] < 0:
                texts[i] = f"{int(col.num[i])}/{int(col.den[i])}"
            else:
                texts[i] = str(share_of_parts(col.num[i], col.den[i], col.places[i]))
        return pa.array(texts, pa.string())
    valid: NDArray[np.bool_] | None
    if isinstance(col, Masked):
        values, valid = col.values, col.present
    else:
        values, valid = col, present
    kind = spec.kind
    if kind is Kind.MONEY:
        return _pence_array(values, valid)
    if kind is Kind.WEIGHT:
        return _pence_array(values, valid, 6, _WEIGHT_TYPE)
    if kind is Kind.DATE:
        days = values.astype("datetime64[D]").astype(np.int64).astype(np.int32)
        return pa.array(days, pa.int32(), mask=None if valid is None else ~valid).cast(pa.date32())
    if kind in (Kind.BOOL, Kind.FLAG):
        return pa.array(values, pa.bool_(), mask=None if valid is None else ~valid)
    if kind is Kind.COUNT:
        return pa.array(values, pa.int32(), mask=None if valid is None else ~valid)
    if kind is Kind.CODE:
        assert spec.codes is not None
        idx = pa.array(values.astype(np.int32), pa.int32(), mask=None if valid is None else ~valid)
        return pa.DictionaryArray.from_arrays(idx, pa.array(spec.codes.values, pa.string()))
    strings = values.copy()
    if valid is not None:
        strings[~valid] = None
    return pa.array(strings, pa.string())


def to_arrow(population: Population) -> dict[str, pa.Table]:
    """The population as Arrow tables, named and laid out as the readers take them.

    Money is ``decimal128(18, 2)``, exact; codes are dictionary-encoded text; shares are text
    (``"0.5"``, ``"1/3"``). Fields of an optional object are null where the object is not given;
    where it is, every field is written, defaults included, so the object reads back as given.
    """
    specs = table_specs()
    ppl = population.people
    arrays: dict[str, pa.Array] = {"id": pa.array(ppl.id, pa.string())}
    for f in specs["people"]:
        if f.group == "spell":
            if population.spells is None:
                continue
            col = getattr(population.spells, f.leaf)
            arrays[f.name] = _arrow_column(f, col, None)
            continue
        present = getattr(ppl, OBJECTS[f.group]) if f.group in OBJECTS else None
        arrays[f.name] = _arrow_column(f, getattr(ppl, f.attr), present)
    out = {"people": pa.table(arrays)}
    for name, table in population.items():
        ids = ppl.id[table.person] if len(table.person) else np.zeros(0, dtype=object)
        cols: dict[str, pa.Array] = {"person_id": pa.array(ids, pa.string())}
        for f in specs[name]:
            cols[f.name] = _arrow_column(f, getattr(table, f.attr), None)
        out[name] = pa.table(cols)
    return out


def write_population(population: Population, folder: str | os.PathLike[str], *, format: str = "parquet") -> list[Path]:
    """Write every table of ``population`` into ``folder`` as ``people.<format>``, ``income.<format>``, ...
    (``format``: ``parquet``, ``csv`` or ``arrow``)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, table in to_arrow(population).items():
        path = folder / f"{name}.{format}"
        _write_table(table, path, format)
        written.append(path)
    return written


def _write_table(table: pa.Table, path: Path, format: str) -> None:
    if format == "parquet":
        import pyarrow.parquet as pq

        pq.write_table(table, path)
    elif format == "arrow":
        from pyarrow import feather

        feather.write_feather(table, path)
    elif format == "csv":
        import pyarrow.csv as pacsv

        plain_table = pa.table({n: plain(table.column(n)) for n in table.column_names})
        pacsv.write_csv(plain_table, path)
    else:
        raise InputError.single("format", f"give parquet, csv or arrow (got {format!r})", "choice")


# --------------------------------------------------------------------------- writing results


def results_table(ids: Sequence[str] | NDArray[np.object_], columns: Mapping[str, NDArray[Any]], *,
                  money: Iterable[str] = ()) -> pa.Table:
    """Per-person results as an Arrow table: ``id``, then ``columns`` in order.

    Columns named in ``money`` must be int64 pence and become exact ``decimal128(18, 2)`` pounds; any
    other column is written as its NumPy type (a float column of money is refused, by name).
    """
    money = set(money)
    n = len(ids)
    arrays: dict[str, pa.Array] = {"id": pa.array(list(ids), pa.string())}
    problems = []
    for name, values in columns.items():
        arr = np.asarray(values)
        if len(arr) != n:
            problems.append(FieldProblem(name, f"has {len(arr)} values for {n} people", "length"))
            continue
        if name in money:
            if arr.dtype != np.int64:
                problems.append(FieldProblem(name, f"money must be int64 pence, not {arr.dtype}", "float_money" if arr.dtype.kind == "f" else "type"))
                continue
            arrays[name] = _pence_array(arr)
        else:
            arrays[name] = pa.array(arr)
    if problems:
        raise InputError(problems)
    return pa.table(arrays)


def write_results(table: pa.Table, path: str | os.PathLike[str]) -> Path:
    """Write a results table as ``.parquet``, ``.arrow``/``.feather`` or ``.csv`` (by the suffix)."""
    path = Path(path)
    suffix = path.suffix.lower()
    fmt = {".parquet": "parquet", ".pq": "parquet", ".arrow": "arrow", ".feather": "arrow", ".csv": "csv"}.get(suffix)
    if fmt is None:
        raise InputError.single("path", f"{path.name}: give a .parquet, .arrow, .feather or .csv path", "format")
    _write_table(table, path, fmt)
    return path
