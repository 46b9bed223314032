"""Reading a population of spells of care for a reform run, naming every bad row.

Two layouts are read:

* the spell file of :mod:`careact.reform.population` -- one row per person, ``id``, ``date_of_birth``
  (or ``age``), ``care_start``, ``setting``, ``la_weekly_rate``, ``weekly_income``, ... -- as ``.csv`` or
  ``.parquet``;
* a population in the case layout of :mod:`careact.population.io` (a folder of tables, or a people file)
  with the ``spell.*`` columns, read by :func:`careact.population.io.read_population`.

A row at fault is named by its row (counted from 1 after the header), its column and the problem. By
default the run goes on without it and every row left out is written, with its reasons, to a side file
beside the input (``<file>.rejected.csv``; ``rejects=None`` writes none); ``strict=True`` raises an
:class:`~careact.errors.InputError` at the first bad row instead. Nothing is dropped silently.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..dates import EARLIEST_BIRTH, LAST_DATE
from ..errors import RULES_START, CareactError, FieldProblem, InputError
from ..reform.models import CareSpell, spell_from_mapping
from .io import RejectedRow, write_rejects
from .reform import SpellColumns, spell_columns, spells_to_columns

__all__ = ["SpellRead", "read_spells"]

_SPELL_HEADER = {"la_weekly_rate", "care_start", "weekly_income"}


@dataclass(frozen=True)
class SpellRead:
    """The spells read, and every row left out of them."""

    spells: SpellColumns
    rejected: tuple[RejectedRow, ...]
    rows_read: int
    rejects_path: Path | None = None

    def summary(self) -> str:
        text = f"{len(self.spells):,} of {self.rows_read:,} people read"
        if self.rejected:
            rows = len({r.row for r in self.rejected})
            text += f"; {rows:,} rows left out ({len(self.rejected):,} problems"
            text += f", listed in {self.rejects_path})" if self.rejects_path else ")"
        return text


def _rows(path: Path) -> Iterator[dict[str, Any]]:
    suffix = path.suffix.lower()
    if suffix in (".parquet", ".pq"):
        import pyarrow.parquet as pq

        try:
            table = pq.read_table(path)
        except (OSError, ValueError) as exc:
            raise InputError.single("population", f"cannot read {path.name} as Parquet: {str(exc)[:200]}", "format") from None
        # money columns must be text or decimals: a float column stays a float, which the row check refuses by name
        yield from table.to_pylist()
        return
    if suffix != ".csv":
        raise InputError.single("population", f"{path.name}: give a .csv or .parquet file, or a folder of tables", "format")
    try:
        with path.open(newline="", encoding="utf-8") as fh:
            yield from csv.DictReader(fh)
    except UnicodeDecodeError as exc:
        raise InputError.single("population", f"{path.name} is not UTF-8 text (byte {exc.start})", "encoding") from None
    except csv.Error as exc:
        raise InputError.single("population", f"{path.name} is not a CSV file careact can read: {exc}", "format") from None
    except OSError as exc:
        raise InputError.single("population", f"cannot read {path}: {exc.strerror or exc}", "io") from None


def _header(path: Path) -> set[str]:
    if path.suffix.lower() in (".parquet", ".pq"):
        import pyarrow.parquet as pq

        try:
            return set(pq.read_schema(path).names)
        except (OSError, ValueError):
            return set()
    try:
        with path.open(newline="", encoding="utf-8") as fh:
            return set(next(csv.reader(fh), []))
    except (OSError, UnicodeDecodeError, csv.Error):
        return set()


def _column(field: str) -> str:
    """``rows[3].care_start`` -> ``care_start``."""
    return field.split("].", 1)[1] if "]." in field else field


def _text(value: Any) -> str | None:
    return None if value is None else str(value)[:200]


def _extra_checks(spell: CareSpell) -> list[FieldProblem]:
    """What the reform engine needs beyond the spell's own checks: dates within careact's range."""
    out = []
    if not RULES_START <= spell.care_start <= LAST_DATE:
        out.append(FieldProblem("care_start", f"{spell.care_start.isoformat()} is outside careact's dates (1 April 2015 "
                                "to 31 December 2099)", "range"))
    if spell.date_of_birth < EARLIEST_BIRTH:
        out.append(FieldProblem("date_of_birth", f"{spell.date_of_birth.isoformat()} is not a plausible date of birth: "
                                "careact takes dates of birth from 1 January 1900", "range"))
    return out


def read_spells(source: str | os.PathLike[str], *, strict: bool = False,
                rejects: str | os.PathLike[str] | None = "auto") -> SpellRead:
    """Read the spells of care of a population file or folder (see the module), naming each bad row."""
    path = Path(source)
    if not path.exists():
        raise InputError.single("population", f"{path} does not exist", "io")
    if path.is_dir() or not (_SPELL_HEADER & _header(path)):
        return _from_tables(path, strict, rejects)
    spells: list[CareSpell] = []
    rejected: list[RejectedRow] = []
    seen: set[str] = set()
    n = 0
    for n, row in enumerate(_rows(path), start=1):
        problems: list[FieldProblem] = []
        spell = None
        try:
            spell = spell_from_mapping({k: v for k, v in row.items() if k is not None}, prefix=f"rows[{n}].")
        except InputError as exc:
            problems = list(exc.problems)
        except CareactError as exc:
            problems = [FieldProblem(f"rows[{n}]", str(exc), "invalid")]
        if spell is not None:
            problems = _extra_checks(spell)
            if spell.id in seen:
                problems.append(FieldProblem("id", f"{spell.id!r} appears more than once", "duplicate"))
        if None in row:
            problems.append(FieldProblem("", "has more cells than the header has columns", "shape"))
        if problems:
            ident = _text(row.get("id"))
            values = {str(k): _text(v) for k, v in row.items() if k is not None}
            for p in problems:
                r = RejectedRow("population", n, ident, _column(p.field), p.problem, p.code, values)
                if strict:
                    raise InputError([r.field_problem()])
                rejected.append(r)
            continue
        assert spell is not None
        seen.add(spell.id)
        spells.append(spell)
    if n == 0:
        raise InputError.single("population", f"{path.name} has no rows", "empty")
    target = path.with_name(f"{path.stem}.rejected.csv") if rejects == "auto" else (Path(rejects) if rejects else None)
    written = write_rejects(rejected, target) if rejected and target is not None else None
    if not spells:
        shown = [r.field_problem() for r in rejected[:20]]
        raise InputError(shown or [FieldProblem("population", "no row could be read", "empty")])
    return SpellRead(spells_to_columns(spells), tuple(rejected), n, written)


def _from_tables(path: Path, strict: bool, rejects: str | os.PathLike[str] | None) -> SpellRead:
    """A population in the case layout with spells: read as tables, then each person's case checked for a spell's shape."""
    from .io import read_population

    read = read_population(path, strict=strict, rejects=rejects)
    spells = spell_columns(read.population)
    rejected = list(read.rejected)
    not_spells = bool(spells.problems)
    if not_spells:
        for row, problem in sorted(spells.problems.items()):
            column, _, text = problem.partition(": ")
            r = RejectedRow("people", row + 1, str(spells.ids[row]), column, text, "not_a_spell")
            if strict:
                raise InputError([r.field_problem()])
            rejected.append(r)
        keep = [i for i in range(len(spells)) if i not in spells.problems]
        import numpy as np

        spells = spells.take(np.array(keep, dtype=np.int64))
    written = read.rejects_path
    if not_spells or (rejected and written is None):
        target = (path / "rejected.csv" if path.is_dir() else path.with_name(f"{path.stem}.rejected.csv")) \
            if rejects == "auto" else (Path(rejects) if rejects is not None else None)
        written = write_rejects(rejected, target) if target is not None and rejected else written
    return SpellRead(spells, tuple(rejected), read.rows_read.get("people", len(spells)), written)
