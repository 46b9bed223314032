"""Reading cases for a batch: CSV (one flat column per field) or JSON Lines (one case per line).

CSV columns
-----------
Each column is a dotted path into the charging case (``careact.case.charging/1``); a list element is
addressed by its index. For example::

    reference,person.date_of_birth,care.setting,care.weekly_cost,care.start_date,income.0.type,income.0.amount,income.0.frequency,capital.0.type,capital.0.value,home.value
    A-001,1940-02-01,permanent_residential,850.00,2025-01-06,state_pension,176.45,weekly,savings_account,12000.00,
    A-002,1952-07-19,non_residential,210.00,,state_pension,230.25,weekly,,,

* An empty cell means "not given" (the field's default applies); a list element whose cells are all
  empty is left out, so a file can have columns for ``income.0`` to ``income.9`` and fill only some.
* Values are read as text and converted by the case model exactly as JSON strings are: money as
  ``"12.50"``, booleans as ``true``/``false`` (or ``yes``/``no``, ``1``/``0``), dates as ``YYYY-MM-DD``,
  shares as ``0.5`` or ``1/3``.
* Nested lists work the same way: ``home.occupants.0.relationship``,
  ``disability_related_expenditure.1.amount``.
* A column that is not a field of the case is an error for every row that fills it (reported in the
  errors file, like any other bad row).

JSON Lines
----------
Each non-blank line is one case as JSON, exactly as ``careact assess`` reads it.

Row numbers: the 1-based number of the record (the CSV header is not counted; in JSON Lines, the line
number). Every record, good or bad, keeps its row number in every output file.
"""

from __future__ import annotations

import csv
import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..json_input import MAX_FILE_BYTES, parse_json

__all__ = ["InputRow", "file_digest", "input_format", "read_cases", "read_csv", "read_jsonl", "unflatten"]

_INDEX = re.compile(r"^(0|[1-9][0-9]{0,3})$")


@dataclass(frozen=True, slots=True)
class InputRow:
    """One record of the input: the case as a mapping, or why it could not be read."""

    row: int
    reference: str | None
    data: dict[str, Any] | None = None
    error: dict[str, Any] | None = None  # {"reason": ..., "problems": [{"field", "problem", "code"}]}


def _read_error(row: int, reason: str, field: str, code: str, reference: str | None = None) -> InputRow:
    return InputRow(row, reference, None, {"reason": reason, "problems": [{"field": field, "problem": reason,
                                                                              "code": code}]})


def input_format(path: str | Path, fmt: str | None = None) -> str:
    if fmt:
        return fmt
    suffix = Path(path).suffix.lower()
    if suffix == ".csv":
        return "csv"
    if suffix in (".jsonl", ".ndjson", ".json"):
        return "jsonl"
    raise InputError.single("input", f"cannot tell the format of {path} from its name; give --format csv|jsonl", "format")


def file_digest(path: str | Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return "sha256:" + h.hexdigest()


def read_cases(path: str | Path, fmt: str | None = None) -> Iterator[InputRow]:
    """Every record of a CSV or JSON Lines file, in order; unreadable records are returned with their error."""
    fmt = input_format(path, fmt)
    return read_csv(path) if fmt == "csv" else read_jsonl(path)


def read_jsonl(path: str | Path) -> Iterator[InputRow]:
    """Every line of a JSON Lines file, read through :func:`careact.json_input.parse_json` (size, depth, numbers)."""
    with open(path, "rb") as fh:
        for number, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                data = parse_json(line, where="(line)", max_bytes=MAX_FILE_BYTES)
            except InputError as exc:
                problems = [p.as_dict() for p in exc.problems]
                yield InputRow(number, None, None, {"reason": f"line {number}: {exc}", "problems": problems})
                continue
            if not isinstance(data, dict):
                yield _read_error(number, f"line {number} is a JSON {type(data).__name__}, not an object (a case)",
                                  "(line)", "type")
                continue
            ref = data.get("reference")
            yield InputRow(number, ref if isinstance(ref, str) else None, data)


def _check_header(header: list[str]) -> list[tuple[str, ...]]:
    problems = []
    paths: list[tuple[str, ...]] = []
    for i, name in enumerate(header):
        name = name.strip()
        parts = tuple(name.split("."))
        if not name or any(not p for p in parts):
            problems.append(f"column {i + 1} ({name!r}) is not a dotted field path")
        paths.append(parts)
    seen = set(paths)
    if len(seen) != len(paths):
        dup = sorted({".".join(p) for p in paths if paths.count(p) > 1})
        problems.append(f"duplicate column(s): {', '.join(dup)}")
    for p in paths:
        for n in range(1, len(p)):
            if p[:n] in seen:
                problems.append(f"column {'.'.join(p[:n])!r} is a value, but {'.'.join(p)!r} treats it as an object")
    if problems:
        raise InputError.single("input.header", "; ".join(problems), "header")
    return paths


def unflatten(pairs: list[tuple[tuple[str, ...], str]]) -> Any:
    """``[(("income", "0", "type"), "state_pension")]`` -> ``{"income": [{"type": "state_pension"}]}``.

    Objects whose keys are all list indexes become lists, in index order; empty values are left out.
    Raises ``ValueError`` when a path mixes indexes and names at one level.
    """
    root: dict[str, Any] = {}
    for path, value in pairs:
        if value is None or value.strip() == "":
            continue
        node = root
        for part in path[:-1]:
            node = node.setdefault(part, {})
        node[path[-1]] = value

    def lists(node: Any, where: str) -> Any:
        if not isinstance(node, dict):
            return node
        keys = list(node)
        indexed = [k for k in keys if _INDEX.match(k)]
        if indexed and len(indexed) != len(keys):
            raise ValueError(f"{where or '(root)'} mixes list indexes and field names: {', '.join(keys)}")
        if indexed:
            return [lists(node[k], f"{where}.{k}" if where else k) for k in sorted(indexed, key=int)]
        return {k: lists(v, f"{where}.{k}" if where else k) for k, v in node.items()}

    return lists(root, "")


def read_csv(path: str | Path) -> Iterator[InputRow]:
    with open(path, encoding="utf-8-sig", errors="replace", newline="") as fh:
        reader = csv.reader(fh)
        try:
            header = next(reader)
        except StopIteration:
            return
        paths = _check_header(header)
        width = len(paths)
        for number, values in enumerate(reader, start=1):
            if not any(v.strip() for v in values):
                continue
            ref_index = header.index("reference") if "reference" in header else None
            reference = values[ref_index].strip() or None if ref_index is not None and ref_index < len(values) else None
            if len(values) > width:
                yield _read_error(number, f"row {number} has {len(values)} values but the header has {width} columns",
                                  "(row)", "columns", reference)
                continue
            try:
                data = unflatten(list(zip(paths, values)))
            except ValueError as exc:
                yield _read_error(number, str(exc), "(row)", "structure", reference)
                continue
            yield InputRow(number, reference, data)
