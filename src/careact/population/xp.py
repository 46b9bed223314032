"""The array namespace for a population: the operations of :class:`careact.arrays.Ops` over NumPy columns,
exact in ``int64`` and by the same rounding policy as one case.

Every rule of the means test is written once against :class:`~careact.arrays.Ops`; :data:`NUMPY` runs
it over columns. Money is whole pence in ``int64``; a rounding (:meth:`NumpyOps.round_div`,
:meth:`NumpyOps.muldiv`, :meth:`NumpyOps.mul_rate`) rounds half a penny away from zero, as
:func:`careact.arrays.ScalarOps.round_div` does for one case, so both evaluations give the same pence.

Where values could overflow ``int64`` (and how that is prevented)
-------------------------------------------------------------------

* Inputs: money is at most £1 trillion (:data:`careact.money.MAX_MONEY`, 10**14 pence, under 2**47)
  in a case and in a population's columns; a person may have at most :data:`MAX_ITEMS` items in one
  list (:mod:`careact.population.assess` gives a person with more a status instead of figures), so
  a per-person sum of weekly amounts (each at most 12 times the largest amount) stays under 2**61.
* Products with a factor that comes from the data or from the rule set -- a share ``num/den`` of an
  asset, a rate ``num/den`` from a council's policy, the expenses of sale -- go through
  :meth:`NumpyOps.mul` and :meth:`NumpyOps.muldiv`. They compute in ``int64`` where the product is
  proved (from the largest values in the columns) to stay under 2**61 -- so that rounding it,
  ``(2 * |p| + den) // (2 * den)``, cannot overflow -- and in Python integers for the rows where it
  might not (the result is then checked to fit ``int64`` again), so a share written with eighteen
  decimal places, or a rate with a long denominator, is still exact.
* Sums and differences of money and products of money with small constants (a frequency's
  multiplier, 7 days, a count of children) stay under 2**62 by the bounds above.

A result that cannot be represented in ``int64`` raises :class:`OverflowError` naming the operation;
it cannot arise from inputs the case model accepts.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import numpy as np
from numpy.typing import NDArray

from ..rules.declare import Rate

__all__ = ["MAX_ITEMS", "NUMPY", "NumpyOps", "RateColumn"]

MAX_ITEMS = 10_000
"""The most items a person may have in one list for the columnar path (a bound for exact int64 sums)."""

_SAFE = 2**62  # |a product| below this fits int64 with room to add or subtract another such value
_HALF = 2**61  # a dividend and a divisor below this: 2 * |dividend| + divisor (round_div) fits int64
_I64 = np.int64


class RateColumn:
    """A rate per row (``num / den``), as a lookup of a rate by each item's type gives."""

    __slots__ = ("den", "num")

    def __init__(self, num: NDArray[np.int64], den: NDArray[np.int64]) -> None:
        self.num, self.den = num, den

    def __ne__(self, other: object) -> Any:  # a rule compares a rate with Rate(1, 1), say
        if isinstance(other, Rate):
            return (self.num * other.den != other.num * self.den).any()
        return NotImplemented


def _is_array(x: Any) -> bool:
    return isinstance(x, np.ndarray)


def _kind(x: Any) -> str:
    """``i`` for a whole number or an int64 column, ``b`` for a yes/no or a bool column, else ``o``."""
    if isinstance(x, bool | np.bool_):
        return "b"
    if isinstance(x, int | np.int64):
        return "i"
    if isinstance(x, np.ndarray):
        if x.dtype == np.int64:
            return "i"
        if x.dtype == np.bool_:
            return "b"
    return "o"


def _absmax(x: Any) -> int:
    """The largest absolute value of ``x`` (an int, or an int column), as a Python int."""
    if _is_array(x):
        if x.size == 0:
            return 0
        if x.dtype == object:
            return max(abs(int(v)) for v in x.tolist())
        return max(abs(int(x.max())), abs(int(x.min())))
    return abs(int(x))


def _objects(x: Any) -> Any:
    """``x`` as Python integers (an object column), for exact arithmetic beyond int64."""
    if _is_array(x):
        return x.astype(object) if x.dtype != object else x
    return int(x)


def _round_div_exact(a: Any, b: Any) -> Any:
    """``a / b`` rounded half away from zero, in whatever integer type ``a`` and ``b`` have (b > 0)."""
    neg = a < 0
    q = (2 * np.abs(a) + b) // (2 * b)
    return np.where(neg, -q, q) if _is_array(q) or _is_array(neg) else (-q if neg else q)


def _to_int64(x: Any, what: str) -> Any:
    if not _is_array(x):
        if abs(int(x)) >= 2**63:
            raise OverflowError(f"{what}: a result does not fit in int64")
        return int(x)
    if x.dtype == object:
        if _absmax(x) >= 2**63:
            raise OverflowError(f"{what}: a result does not fit in int64")
        return x.astype(_I64)
    return x


class NumpyOps:
    """The :class:`~careact.arrays.Ops` namespace over NumPy columns (``int64`` money, ``bool`` conditions).

    A value may also be a Python ``int`` or ``bool`` -- a parameter, the same for everyone -- and then
    combines with columns as NumPy broadcasting does.
    """

    __slots__ = ()

    @staticmethod
    def where(cond: Any, a: Any, b: Any) -> Any:
        """``a`` where ``cond`` holds, else ``b``. Whole numbers are selected by arithmetic,
        ``b + (a - b) * cond``, which is exact for the values the rules handle (|x| < 2**62) and, unlike a
        branch per element, as fast whatever pattern the condition has."""
        if not _is_array(cond):
            return a if cond else b
        ka, kb = _kind(a), _kind(b)
        if ka == kb == "i":
            if not _is_array(b) and b == 0:
                return a * cond
            return b + (a - b) * cond
        if ka == kb == "b":
            return (cond & a) | (b & ~cond)
        return np.where(cond, a, b)

    @staticmethod
    def maximum(a: Any, b: Any) -> Any:
        if not _is_array(a) and not _is_array(b):
            return max(a, b)
        return np.maximum(a, b)

    @staticmethod
    def minimum(a: Any, b: Any) -> Any:
        if not _is_array(a) and not _is_array(b):
            return min(a, b)
        return np.minimum(a, b)

    @staticmethod
    def round_div(a: Any, b: Any) -> Any:
        """``a / b`` to the nearest whole number, halves away from zero (``b > 0``)."""
        if not _is_array(b) and b == 1:
            return a
        if _absmax(a) >= _HALF or _absmax(b) >= _HALF:
            return _to_int64(_round_div_exact(_objects(a), _objects(b)), "round_div")
        return _round_div_exact(a, b)

    @staticmethod
    def ceil_div(a: Any, b: Any) -> Any:
        return -(-a // b)

    @staticmethod
    def mul(a: Any, b: Any) -> Any:
        """``a * b``, exact: in int64 where it is proved to fit, else in Python integers."""
        if _absmax(a) * _absmax(b) < _SAFE:
            return a * b
        return _objects(a) * _objects(b)

    @classmethod
    def muldiv(cls, a: Any, num: Any, den: Any) -> Any:
        """``a * num / den`` rounded once, half away from zero; exact for any sizes (``den > 0``)."""
        if _absmax(a) * _absmax(num) < _HALF and _absmax(den) < _HALF:
            if not _is_array(den) and den == 1:
                return a * num
            return _round_div_exact(a * num, den)
        if _is_array(a) and _is_array(num) and a.dtype != object and num.dtype != object and _absmax(den) < _HALF:
            # the rows where the product might not fit int64 are computed in Python integers
            amax = np.abs(a)
            big = amax > (_HALF - 1) // np.maximum(np.abs(num), 1)
            out = np.zeros(np.broadcast(a, num, den).shape, dtype=_I64)
            small = ~big
            d = den if not _is_array(den) else den[small]
            out[small] = _round_div_exact(a[small] * num[small], d)
            if big.any():
                d_big = den if not _is_array(den) else den[big]
                out[big] = _to_int64(_round_div_exact(_objects(a[big]) * _objects(num[big]), _objects(d_big)), "muldiv")
            return out
        return _to_int64(_round_div_exact(_objects(a) * _objects(num), _objects(den)), "muldiv")

    @classmethod
    def mul_rate(cls, a: Any, r: Any) -> Any:
        """``a`` times a rate (a :class:`Rate`, or a :class:`RateColumn` of one rate per row), rounded once."""
        if isinstance(r, RateColumn):
            return cls.muldiv(a, r.num, r.den)
        if r.den == 1:
            return cls.mul(a, r.num)
        return cls.muldiv(a, r.num, r.den)

    @staticmethod
    def limit_fraction(num: Any, den: Any, max_den: int) -> tuple[Any, Any]:
        """Each ``num/den`` as it is where ``den <= max_den``, else the closest fraction with a denominator up
        to ``max_den`` (:meth:`fractions.Fraction.limit_denominator`, row by row for those rows)."""
        if not _is_array(den):
            if den <= max_den:
                return num, den
            f = Fraction(int(num), int(den)).limit_denominator(max_den)
            return f.numerator, f.denominator
        long = np.flatnonzero(den > max_den)
        if len(long) == 0:
            return num, den
        num, den = np.array(num, dtype=_I64, copy=True), np.array(den, dtype=_I64, copy=True)
        for i in long.tolist():
            f = Fraction(int(num[i]), int(den[i])).limit_denominator(max_den)
            num[i], den[i] = f.numerator, f.denominator
        return num, den

    @staticmethod
    def all(*conds: Any) -> Any:
        out: Any = True
        for c in conds:
            if _is_array(c):
                out = c if out is True else out & c
            elif not c:
                return False
        return out

    @staticmethod
    def any(*conds: Any) -> Any:
        out: Any = False
        for c in conds:
            if _is_array(c):
                out = c if out is False else out | c
            elif c:
                return True
        return out

    @staticmethod
    def not_(cond: Any) -> Any:
        if _is_array(cond):
            return ~cond
        return not cond

    @staticmethod
    def isin(value: Any, options: frozenset[int]) -> Any:
        if not _is_array(value):
            return value in options
        out = np.zeros(value.shape, dtype=np.bool_)
        for o in options:
            out |= value == o
        return out

    @staticmethod
    def take(table: list[Any], code: Any) -> Any:
        """``table[code]`` for each code (a list of values, one per code)."""
        if table and all(isinstance(t, Rate) for t in table):
            nums = np.array([t.num for t in table], dtype=object)
            dens = np.array([t.den for t in table], dtype=object)
            if _absmax(nums) < _SAFE and _absmax(dens) < _SAFE:
                nums, dens = nums.astype(_I64), dens.astype(_I64)
            return RateColumn(nums[code], dens[code])
        if not _is_array(code):
            return table[code]
        values = np.asarray(table)
        if values.dtype == object:
            raise TypeError("take: a table of values that are not numbers or yes/no")
        return values[code]


NUMPY = NumpyOps()
"""The :class:`~careact.arrays.Ops` namespace for a population in columns."""
