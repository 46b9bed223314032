"""The small array namespace rules are written against: one case, or a whole population.

Each rule of the means test is one function. It computes in whole pence with the operations of an
:class:`Ops` namespace, so the same function runs on one case (:data:`SCALAR`: Python ``int`` and
``bool``, with the explanation recorded as it goes) and on a population (a NumPy namespace of the
same operations over ``int64`` columns, in :mod:`careact.population`). A rule branches on a value
of the case with :meth:`Ops.where`, never with ``if``; it may branch with ``if`` on a parameter,
which is the same for every case evaluated together.

Money is whole pence throughout; :meth:`Ops.round_div` is careact's one rounding policy for a
fraction of a penny (half a penny or more rounds up, SI 2014/2672 reg 11; see :mod:`careact.money`).
"""

from __future__ import annotations

from decimal import Decimal
from decimal import Decimal as _Decimal
from fractions import Fraction
from typing import Any, Protocol

from .rules.declare import Rate

__all__ = ["SCALAR", "Ops", "ScalarOps", "pence", "pounds"]


class Ops(Protocol):
    """What a rule may do with case values (``Any``: an ``int``/``bool`` or a column of them).

    ``mul(a, b)`` is ``a * b`` where a factor may be large (a share's numerator, a rate's
    denominator); ``muldiv(a, num, den)`` is ``a * num / den`` rounded once by the rounding policy, exact however
    large the product (a column computes it in ``int64`` where the product fits and in Python integers
    where it might not); ``limit_fraction`` is the closest fraction with a denominator up to
    ``max_den`` (:meth:`fractions.Fraction.limit_denominator`); ``take(table, code)`` looks ``code``
    up in ``table`` (a list indexed by code).
    """

    def where(self, cond: Any, a: Any, b: Any) -> Any: ...
    def maximum(self, a: Any, b: Any) -> Any: ...
    def minimum(self, a: Any, b: Any) -> Any: ...
    def round_div(self, a: Any, b: int) -> Any: ...
    def ceil_div(self, a: Any, b: int) -> Any: ...
    def mul_rate(self, a: Any, r: Rate) -> Any: ...
    def mul(self, a: Any, b: Any) -> Any: ...
    def muldiv(self, a: Any, num: Any, den: Any) -> Any: ...
    def limit_fraction(self, num: Any, den: Any, max_den: int) -> tuple[Any, Any]: ...
    def all(self, *conds: Any) -> Any: ...
    def any(self, *conds: Any) -> Any: ...
    def not_(self, cond: Any) -> Any: ...
    def isin(self, value: Any, options: frozenset[int]) -> Any: ...
    def take(self, table: list[Any], code: Any) -> Any: ...


def _round_div(a: int, b: int) -> int:
    """``a / b`` to the nearest whole number, halves away from zero (``b > 0``)."""
    if a >= 0:
        return (2 * a + b) // (2 * b)
    return -((-2 * a + b) // (2 * b))


def _limit_fraction(num: int, den: int, max_den: int) -> tuple[int, int]:
    """``num/den`` as it is when its denominator is at most ``max_den``, else the closest fraction with a
    denominator up to ``max_den`` (:meth:`fractions.Fraction.limit_denominator`)."""
    if den <= max_den:
        return num, den
    f = Fraction(num, den).limit_denominator(max_den)
    return f.numerator, f.denominator


class ScalarOps:
    """The namespace for one case: Python integers and booleans."""

    __slots__ = ()

    @staticmethod
    def where(cond: Any, a: Any, b: Any) -> Any:
        return a if cond else b

    @staticmethod
    def maximum(a: Any, b: Any) -> Any:
        return max(a, b)

    @staticmethod
    def minimum(a: Any, b: Any) -> Any:
        return min(a, b)

    @staticmethod
    def round_div(a: Any, b: int) -> Any:
        return _round_div(a, b)

    @staticmethod
    def ceil_div(a: Any, b: int) -> Any:
        return -(-a // b)

    @staticmethod
    def mul_rate(a: Any, r: Rate) -> Any:
        if r.den == 1:
            return a * r.num
        return _round_div(a * r.num, r.den)

    @staticmethod
    def mul(a: Any, b: Any) -> Any:
        return a * b

    @staticmethod
    def muldiv(a: Any, num: Any, den: Any) -> Any:
        return _round_div(a * num, den)

    @staticmethod
    def limit_fraction(num: Any, den: Any, max_den: int) -> tuple[Any, Any]:
        return _limit_fraction(num, den, max_den)

    @staticmethod
    def all(*conds: Any) -> Any:
        return all(conds)

    @staticmethod
    def any(*conds: Any) -> Any:
        return any(conds)

    @staticmethod
    def not_(cond: Any) -> Any:
        return not cond

    @staticmethod
    def isin(value: Any, options: frozenset[int]) -> Any:
        return value in options

    @staticmethod
    def take(table: list[Any], code: Any) -> Any:
        return table[code]


SCALAR = ScalarOps()
"""The :class:`Ops` namespace for one case."""


def pence(amount: Any) -> int:
    """A Decimal amount of money (whole pence) as an ``int`` of pence."""
    return int(amount * 100)


def pounds(p: int) -> Decimal:
    """An ``int`` of pence as a Decimal amount of money (two places)."""
    return _Decimal(p).scaleb(-2)
