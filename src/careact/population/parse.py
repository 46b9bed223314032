"""Cells to columns: every value of an Arrow column checked and converted at once, bad cells named.

Each field kind accepts the Arrow types a file or a data frame can reasonably hold for it, and
nothing else; within a column each cell is checked, and a bad cell is reported with its row and
why, in the words the case model uses for the same mistake (money messages come from
:func:`careact.money.parse_money` itself). Nothing is rounded, truncated or guessed:

==========  ==========================================================================================
kind        accepted
==========  ==========================================================================================
money       text ``"12.50"`` / ``"12"`` (at most two places); integers (whole pounds, as in the JSON
            contract); decimals (at most two places). A floating-point column is refused outright.
date        text ``YYYY-MM-DD``; Arrow dates; timestamps without a time zone that fall at midnight.
bool, flag  Arrow booleans; text ``true/false``, ``yes/no``, ``y/n``, ``t/f``, ``on/off``, ``1/0``
            (any case); the integers 0 and 1.
count       integers; text of digits; floats that are whole numbers (a data frame's integers with gaps).
code        text, one of the field's values (leading and trailing spaces ignored); dictionary text.
share       text ``"0.5"`` or ``"1/3"``; decimals; the integer 1.
text        text; for the ``id`` and ``person_id`` keys, integers as well (written in decimal).
weight      text or decimals (at most six places), integers, floats (by their shortest decimal form).
==========  ==========================================================================================

A null cell, or a text cell that is empty or only spaces, is *not given*: the field's default applies
(or, for a required field, the row is rejected). For free-text fields an empty text is a value (a
quoted ``""`` in CSV), as it is in JSON.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from numpy.typing import NDArray

from ..charging.models import _share
from ..errors import InputError
from ..money import MAX_MONEY, parse_money
from .columns import Masked, Shares
from .convert import share_parts, weight_units
from .tables import FieldSpec, Kind

__all__ = ["ColumnTypeError", "Parsed", "parse_column", "plain"]

WHITE_SPACE = "\t\n\x0b\x0c\r \x85\xa0\u1680" + "".join(chr(c) for c in range(0x2000, 0x200B)) + "\u2028\u2029\u202f\u205f\u3000"
"""The Unicode White_Space characters: what the case models strip from the ends of text."""
PY_SPACE = WHITE_SPACE + "\x1c\x1d\x1e\x1f"
"""What ``str.strip()`` removes, and so what :func:`careact.money.parse_money` ignores around an amount."""
_TRUE = ("1", "on", "t", "true", "y", "yes")
_FALSE = ("0", "off", "f", "false", "n", "no")
_DATE_RE = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
_INT_RE = r"^[+-]?[0-9]{1,12}$"
_MAX_PENCE = int(MAX_MONEY * 100)


class ColumnTypeError(Exception):
    """A whole column holds a type its field cannot take (e.g. money as floating point)."""

    def __init__(self, column: str, problem: str, code: str = "type", row: int | None = None) -> None:
        self.column = column
        self.problem = problem
        self.code = code
        self.row = row
        super().__init__(f"{column}: {problem}")


@dataclass
class Parsed:
    """A parsed column: the storage array, where a value was given, and the bad cells (row index -> why)."""

    values: Any
    given: NDArray[np.bool_]
    bad: dict[int, tuple[str, str]] = field(default_factory=dict)
    arrow: pa.Array | None = None  # for the key columns: the trimmed text, null where not given

    def column(self, spec: FieldSpec) -> Any:
        """The column as :mod:`careact.population.columns` stores it (bad cells hold the fill)."""
        ok = self.given.copy()
        if self.bad:
            ok[np.fromiter(self.bad, np.int64, len(self.bad))] = False
        if isinstance(self.values, Shares):
            return Shares(self.values.num, self.values.den, self.values.places, ok)
        return Masked(self.values, ok) if spec.masked else self.values


def plain(array: pa.Array | pa.ChunkedArray) -> pa.Array:
    """One contiguous array, dictionaries decoded, string views and large strings as plain strings."""
    if isinstance(array, pa.ChunkedArray):
        array = array.combine_chunks() if array.num_chunks != 1 else array.chunk(0)
    if pa.types.is_dictionary(array.type):
        array = array.dictionary_decode()
    if pa.types.is_large_string(array.type) or str(array.type) == "string_view":
        array = array.cast(pa.string())
    return array


def _is_text(t: pa.DataType) -> bool:
    return bool(pa.types.is_string(t))


def _given_text(array: pa.Array, *, keep_empty: bool = False, space: str = WHITE_SPACE) -> tuple[pa.Array, NDArray[np.bool_]]:
    trimmed = pc.utf8_trim(array, characters=space)
    if keep_empty:
        given = array.is_valid()
    else:
        given = pc.and_(array.is_valid(), pc.not_equal(trimmed, ""))
    return trimmed, _bools(given)


def _bools(array: pa.Array | pa.ChunkedArray) -> NDArray[np.bool_]:
    out: NDArray[np.bool_] = np.asarray(pc.fill_null(array, False).to_numpy(zero_copy_only=False), dtype=np.bool_)
    return out


def _ints(array: pa.Array) -> NDArray[np.int64]:
    out: NDArray[np.int64] = np.asarray(pc.fill_null(array.cast(pa.int64()), 0).to_numpy(zero_copy_only=False), dtype=np.int64)
    return out


def _raw(array: pa.Array, i: int) -> Any:
    return array[i].as_py()


def _refuse_type(spec: FieldSpec, column: str, array: pa.Array, wanted: str) -> ColumnTypeError:
    valid = np.flatnonzero(_bools(array.is_valid()))
    row = int(valid[0]) if len(valid) else None
    return ColumnTypeError(column, f"is {array.type}; {wanted}", "type", row)


def _per_cell(array: pa.Array, given: NDArray[np.bool_], convert: Callable[[Any], Any]) -> tuple[list[Any], dict[int, tuple[str, str]]]:
    """Convert each given cell in Python (for the rare columns that need it), collecting the failures."""
    values: list[Any] = [None] * len(array)
    bad: dict[int, tuple[str, str]] = {}
    for i in np.flatnonzero(given).tolist():
        try:
            values[i] = convert(array[i].as_py())
        except InputError as exc:
            bad[i] = (exc.problems[0].problem, exc.problems[0].code)
        except (ValueError, ArithmeticError, TypeError) as exc:
            bad[i] = (str(exc), "invalid")
    return values, bad


# --------------------------------------------------------------------------- fixed-point numbers


def _fixed_from_text(trimmed: pa.Array, given: NDArray[np.bool_], places: int, digits: int) -> tuple[NDArray[np.int64], NDArray[np.bool_]]:
    """Text ``"123.4"`` as the integer ``123.4 * 10**places`` where it is plain digits with at most
    ``digits`` before and ``places`` after the point; ``ok`` says where it was."""
    pattern = rf"^[0-9]{{1,{digits}}}(\.[0-9]{{1,{places}}})?$"
    ok = _bools(pc.match_substring_regex(trimmed, pattern)) & given
    mask = pa.array(ok)
    parts = pc.extract_regex(pc.if_else(mask, trimmed, "0"), r"^(?P<whole>[0-9]+)(?:\.(?P<frac>[0-9]*))?$")
    whole = _ints(pc.struct_field(parts, [0]))
    frac = _ints(pc.utf8_rpad(pc.struct_field(parts, [1]), width=places, padding="0"))
    return np.where(ok, whole * 10**places + frac, 0), ok


def _fixed_from_decimal(array: pa.Array, given: NDArray[np.bool_], places: int) -> tuple[NDArray[np.int64], NDArray[np.bool_]]:
    """A decimal column as integers ``value * 10**places``, exactly; ``ok`` is false where a value has
    more places than that or does not fit in 64 bits."""
    n = len(array)
    t = array.type
    if not pa.types.is_decimal128(t):
        try:
            array = array.cast(pa.decimal128(min(t.precision, 38), t.scale))
        except pa.ArrowException:
            return np.zeros(n, np.int64), np.zeros(n, np.bool_)
        t = array.type
    words = np.frombuffer(array.buffers()[1], dtype=np.int64)[2 * array.offset : 2 * (array.offset + n)].reshape(n, 2)
    low, high = words[:, 0], words[:, 1]
    ok = given & (high == (low >> 63))  # the 128-bit value fits in 64 bits
    scale = t.scale
    if scale <= places:
        factor = 10 ** (places - scale)
        ok &= np.abs(low) <= (2**62) // factor
        return np.where(ok, low * factor, 0), ok
    divisor = 10 ** (scale - places)
    ok &= low % divisor == 0
    return np.where(ok, low // divisor, 0), ok


# --------------------------------------------------------------------------- kinds


def _money(spec: FieldSpec, column: str, array: pa.Array) -> Parsed:
    n = len(array)
    t = array.type
    if pa.types.is_null(t):
        return Parsed(np.zeros(n, np.int64), np.zeros(n, np.bool_))
    if _is_text(t):
        trimmed, given = _given_text(array, space=PY_SPACE)
        pence, ok = _fixed_from_text(trimmed, given, 2, 13)
        ok &= pence <= _MAX_PENCE
        bad = {i: _money_problem(column, _raw(array, i)) for i in np.flatnonzero(given & ~ok).tolist()}
        return Parsed(np.where(ok, pence, 0), given, bad)
    if pa.types.is_integer(t):
        given = _bools(array.is_valid())
        v = _ints(array)
        ok = given & (v >= 0) & (v <= int(MAX_MONEY))
        bad = {i: _money_problem(column, int(v[i])) for i in np.flatnonzero(given & ~ok).tolist()}
        return Parsed(np.where(ok, v * 100, 0), given, bad)
    if pa.types.is_decimal(t):
        given = _bools(array.is_valid())
        pence, ok = _fixed_from_decimal(array, given, 2)
        ok &= (pence >= 0) & (pence <= _MAX_PENCE)
        bad = {i: _money_problem(column, _raw(array, i)) for i in np.flatnonzero(given & ~ok).tolist()}
        return Parsed(np.where(ok, pence, 0), given, bad)
    if pa.types.is_floating(t):
        valid = np.flatnonzero(_bools(array.is_valid()))
        if not len(valid):
            return Parsed(np.zeros(n, np.int64), np.zeros(n, np.bool_))
        first = int(valid[0])
        problem = _money_problem(column, _raw(array, first))[0]
        raise ColumnTypeError(
            column,
            f"{problem}. The whole column is floating point ({t}): give money as decimal text, whole pounds as "
            "integers, or a decimal column",
            "float_money",
            first,
        )
    raise _refuse_type(spec, column, array, "money must be decimal text (\"12.50\"), whole pounds as integers, or decimals")


def _money_problem(column: str, raw: Any) -> tuple[str, str]:
    try:
        parse_money(raw, field=column)
    except InputError as exc:
        return exc.problems[0].problem, exc.problems[0].code
    return f"{raw!r} is not an amount of money", "type"


def _date(spec: FieldSpec, column: str, array: pa.Array) -> Parsed:
    n = len(array)
    t = array.type
    nat = np.full(n, np.datetime64("NaT"), dtype="datetime64[D]")
    if pa.types.is_null(t):
        return Parsed(nat, np.zeros(n, np.bool_))
    if _is_text(t):
        trimmed, given = _given_text(array)
        shaped = _bools(pc.match_substring_regex(trimmed, _DATE_RE)) & given
        stamp = pc.strptime(pc.if_else(pa.array(shaped), trimmed, "1970-01-01"), format="%Y-%m-%d", unit="s", error_is_null=True)
        days = pc.cast(stamp, pa.date32())
        again = pc.strftime(days, format="%Y-%m-%d")
        ok = shaped & _bools(pc.equal(again, trimmed))
        bad = {i: (f"must be a date YYYY-MM-DD (got {_raw(array, i)!r})", "date") for i in np.flatnonzero(given & ~ok).tolist()}
        values = np.where(ok, _days(days), nat)
        return Parsed(values, given, bad)
    if pa.types.is_date(t):
        given = _bools(array.is_valid())
        return Parsed(np.where(given, _days(array.cast(pa.date32())), nat), given)
    if pa.types.is_timestamp(t):
        if t.tz is not None:
            raise _refuse_type(spec, column, array, "give dates (YYYY-MM-DD), not timestamps with a time zone")
        given = _bools(array.is_valid())
        per_day = {"s": 86_400, "ms": 86_400_000, "us": 86_400_000_000, "ns": 86_400_000_000_000}[t.unit]
        ticks = _ints(array)
        midnight = ticks % per_day == 0
        bad = {i: (f"must be a date, not a time of day ({_raw(array, i)})", "date") for i in np.flatnonzero(given & ~midnight).tolist()}
        days = (ticks // per_day).astype("datetime64[D]")
        return Parsed(np.where(given & midnight, days, nat), given, bad)
    raise _refuse_type(spec, column, array, "give dates as YYYY-MM-DD text or a date column")


def _days(array: pa.Array) -> NDArray[np.datetime64]:
    ints = np.asarray(pc.fill_null(array.cast(pa.int32()), 0).to_numpy(zero_copy_only=False), dtype=np.int64)
    out: NDArray[np.datetime64] = ints.astype("datetime64[D]")
    return out


def _bool(spec: FieldSpec, column: str, array: pa.Array) -> Parsed:
    n = len(array)
    t = array.type
    if pa.types.is_null(t):
        return Parsed(np.zeros(n, np.bool_), np.zeros(n, np.bool_))
    if pa.types.is_boolean(t):
        return Parsed(_bools(array), _bools(array.is_valid()))
    if _is_text(t):
        trimmed, given = _given_text(array)
        lower = pc.utf8_lower(trimmed)
        yes = _bools(pc.is_in(lower, value_set=pa.array(_TRUE)))
        no = _bools(pc.is_in(lower, value_set=pa.array(_FALSE)))
        bad = {i: (f"must be true or false (got {_raw(array, i)!r})", "type") for i in np.flatnonzero(given & ~yes & ~no).tolist()}
        return Parsed(yes & given, given, bad)
    if pa.types.is_integer(t):
        given = _bools(array.is_valid())
        v = _ints(array)
        bad = {i: (f"must be true or false (got {int(v[i])})", "type") for i in np.flatnonzero(given & (v != 0) & (v != 1)).tolist()}
        return Parsed(given & (v == 1), given, bad)
    raise _refuse_type(spec, column, array, "give true or false")


def _count(spec: FieldSpec, column: str, array: pa.Array) -> Parsed:
    n = len(array)
    t = array.type
    if pa.types.is_null(t):
        return Parsed(np.zeros(n, np.int32), np.zeros(n, np.bool_))
    bad: dict[int, tuple[str, str]] = {}
    if _is_text(t):
        trimmed, given = _given_text(array)
        ok = _bools(pc.match_substring_regex(trimmed, _INT_RE)) & given
        for i in np.flatnonzero(given & ~ok).tolist():
            bad[i] = (f"must be a whole number (got {_raw(array, i)!r})", "type")
        v = _ints(pc.if_else(pa.array(ok), trimmed, "0"))
    elif pa.types.is_integer(t):
        given = _bools(array.is_valid())
        ok = given.copy()
        if pa.types.is_unsigned_integer(t):
            too_big = _bools(pc.greater(array, 2**62))
            for i in np.flatnonzero(given & too_big).tolist():
                bad[i] = (f"must be a whole number from {spec.lo} to {spec.hi} (got {_raw(array, i)})", "range")
            ok &= ~too_big
            array = pc.if_else(pa.array(too_big), pa.scalar(0, t), array)
        v = _ints(array)
    elif pa.types.is_floating(t):
        # a data frame turns an integer column with gaps into floats: whole values are read as they
        # are (exactly: every whole number up to 2**53 is a float), anything else is a bad cell
        given = _bools(array.is_valid())
        f = np.asarray(pc.fill_null(array, 0.0).to_numpy(zero_copy_only=False), dtype=np.float64)
        whole = np.isfinite(f) & (np.floor(f) == f) & (np.abs(f) < 2.0**53)
        for i in np.flatnonzero(given & ~whole).tolist():
            bad[i] = (f"must be a whole number (got {f[i]!r})", "type")
        ok = given & whole
        v = np.where(ok, f, 0.0).astype(np.int64)
    else:
        raise _refuse_type(spec, column, array, "give a whole number (an integer column, or digits as text)")
    lo, hi = spec.lo, spec.hi
    assert lo is not None and hi is not None
    out_of_range = ok & ((v < lo) | (v > hi))
    for i in np.flatnonzero(out_of_range).tolist():
        limit = f"at least {lo}" if hi >= 2**31 - 1 else f"from {lo} to {hi}"
        bad[i] = (f"must be a whole number {limit} (got {int(v[i])})", "range")
    ok &= ~out_of_range
    return Parsed(np.where(ok, v, 0).astype(np.int32), given, bad)


def _code(spec: FieldSpec, column: str, array: pa.Array) -> Parsed:
    assert spec.codes is not None
    table = spec.codes
    n = len(array)
    t = array.type
    if pa.types.is_null(t):
        return Parsed(np.zeros(n, table.dtype), np.zeros(n, np.bool_))
    if not _is_text(t):
        raise _refuse_type(spec, column, array, f"give one of: {table.choices()}")
    trimmed, given = _given_text(array)
    index = pc.index_in(trimmed, value_set=pa.array(table.values, pa.string()))
    found = _bools(index.is_valid())
    bad = {}
    for i in np.flatnonzero(given & ~found).tolist():
        raw = str(_raw(array, i)).strip()
        hint = table.suggest(raw)
        did = f" (did you mean {hint!r}?)" if hint else ""
        if spec.name == "type":
            what = table.name.split(".")[0]
            bad[i] = (f"unknown {what} type {raw!r}{did}; see the {what}-type catalogue for the ids careact knows", "unknown_value")
        else:
            bad[i] = (f"{raw!r} is not one of: {table.choices()}{did}", "choice")
    codes = np.asarray(pc.fill_null(index, 0).to_numpy(zero_copy_only=False)).astype(table.dtype)
    return Parsed(codes, given, bad)


def _share_value(raw: Any) -> tuple[int, int, int]:
    if isinstance(raw, Decimal) and not raw.is_finite():
        raise ValueError("a share must be a decimal number")
    return share_parts(_share(raw))


def _share_col(spec: FieldSpec, column: str, array: pa.Array) -> Parsed:
    n = len(array)
    t = array.type
    if pa.types.is_null(t):
        given = np.zeros(n, np.bool_)
    elif _is_text(t):
        trimmed, given = _given_text(array)
        array = trimmed
    elif pa.types.is_decimal(t) or pa.types.is_integer(t):
        given = _bools(array.is_valid())
    else:
        raise _refuse_type(spec, column, array, "give a share as decimal text (\"0.5\") or a fraction (\"1/3\")")
    values, bad = _per_cell(array, given, _share_value) if given.any() else ([None] * n, {})
    num, den, places = np.zeros(n, np.int64), np.ones(n, np.int64), np.zeros(n, np.int8)
    for i in np.flatnonzero(given).tolist():
        if values[i] is not None:
            num[i], den[i], places[i] = values[i]
    return Parsed(Shares(num, den, places, given), given, bad)


def _text(spec: FieldSpec, column: str, array: pa.Array, *, key: bool = False) -> Parsed:
    n = len(array)
    t = array.type
    if pa.types.is_null(t):
        return Parsed(np.full(n, None, dtype=object), np.zeros(n, np.bool_), arrow=pa.nulls(n, pa.string()) if key else None)
    if key and pa.types.is_integer(t):
        array = array.cast(pa.string())
    elif not _is_text(t):
        raise _refuse_type(spec, column, array, "give text")
    if key or spec.strip:
        array = pc.utf8_trim(array, characters=WHITE_SPACE)
    if key:
        given = _bools(pc.and_(array.is_valid(), pc.not_equal(array, "")))
    else:
        given = _bools(array.is_valid())
    values = np.asarray(array.to_numpy(zero_copy_only=False), dtype=object)
    arrow = pc.if_else(pa.array(given), array, pa.scalar(None, pa.string())) if key else None
    bad = {}
    if spec.min_length:
        lengths = np.asarray(pc.fill_null(pc.utf8_length(array), 0).to_numpy(zero_copy_only=False))
        for i in np.flatnonzero(given & (lengths < spec.min_length)).tolist():
            bad[i] = (f"must be at least {spec.min_length} character{'s' if spec.min_length > 1 else ''} long", "too_short")
    values[~given] = None
    return Parsed(values, given, bad, arrow)


def _weight_value(raw: Any) -> int:
    if isinstance(raw, float):
        raw = repr(raw)
    if isinstance(raw, str):
        try:
            raw = Decimal(raw.strip())
        except InvalidOperation:
            raise ValueError(f"must be a positive number (got {raw!r})") from None
    if isinstance(raw, bool) or not isinstance(raw, (int, Decimal)):
        raise TypeError(f"must be a positive number (got {raw!r})")
    return weight_units(Decimal(raw))


def _weight(spec: FieldSpec, column: str, array: pa.Array) -> Parsed:
    n = len(array)
    t = array.type
    if pa.types.is_null(t):
        return Parsed(np.zeros(n, np.int64), np.zeros(n, np.bool_))
    if _is_text(t):
        trimmed, given = _given_text(array)
        units, ok = _fixed_from_text(trimmed, given, 6, 12)
        array = trimmed
    elif pa.types.is_decimal(t):
        given = _bools(array.is_valid())
        units, ok = _fixed_from_decimal(array, given, 6)
    elif pa.types.is_integer(t):
        given = _bools(array.is_valid())
        v = _ints(array)
        ok = given & (v >= 0) & (v < 10**12)
        units = np.where(ok, v * 10**6, 0)
    elif pa.types.is_floating(t):
        given = _bools(array.is_valid())
        units, ok = np.zeros(n, np.int64), np.zeros(n, np.bool_)
    else:
        raise _refuse_type(spec, column, array, "give a positive number")
    ok &= units > 0
    rest = given & ~ok  # anything else ("1e3", a float, a bad value): converted, or explained, one by one
    values, bad = _per_cell(array, rest, _weight_value)
    for i in np.flatnonzero(rest).tolist():
        if values[i] is not None:
            units[i] = values[i]
    return Parsed(np.where(given, units, 0), given, bad)


_PARSERS: dict[Kind, Callable[[FieldSpec, str, pa.Array], Parsed]] = {
    Kind.MONEY: _money,
    Kind.DATE: _date,
    Kind.BOOL: _bool,
    Kind.FLAG: _bool,
    Kind.COUNT: _count,
    Kind.CODE: _code,
    Kind.SHARE: _share_col,
    Kind.TEXT: _text,
    Kind.WEIGHT: _weight,
}


def parse_column(spec: FieldSpec, column: str, array: pa.Array | pa.ChunkedArray, *, key: bool = False) -> Parsed:
    """Parse one column for ``spec``; ``ColumnTypeError`` if the column's type cannot hold the field."""
    flat = plain(array)
    if key:
        return _text(spec, column, flat, key=True)
    return _PARSERS[spec.kind](spec, column, flat)
