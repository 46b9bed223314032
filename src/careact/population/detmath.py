"""Random variates that are bit-for-bit the same on every platform: raw PCG64 words, IEEE arithmetic only.

The synthetic population must be the same people from the same seed on any machine and any NumPy
version. Two things would break that: a distribution method whose algorithm a NumPy release may
change (``Generator.lognormal`` is not covered by NumPy's stream-compatibility promise), and the
C library's ``exp`` and ``log``, which differ between platforms in the last bit (and a last bit can
move an amount across a rounding boundary). So this module uses only

* the raw 64-bit output of PCG64 (a fixed algorithm; its state comes from ``numpy.random.SeedSequence``,
  whose derivation NumPy keeps stable), and
* IEEE-754 addition, subtraction, multiplication, division and square root, each correctly rounded on
  every conforming platform, plus exact operations (``frexp``, ``ldexp``, ``floor``, ``rint``),

to build uniforms, logarithms, exponentials and normal quantiles. The functions are accurate to a few
units in the last place (``log``, ``exp``) and to about 1e-9 relative (``normal_quantile``, the rational
approximation of P. J. Acklam, "An algorithm for computing the inverse normal cumulative distribution
function", 2003), which is far inside what a synthetic distribution needs; what matters is that they
give the same bits everywhere.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
from numpy.typing import NDArray

__all__ = [
    "below",
    "bounded",
    "exp",
    "log",
    "log_of",
    "lognormal",
    "normal_quantile",
    "pick",
    "round_half_up",
    "scale_half_up",
    "threshold",
    "uniform",
]

Floats = NDArray[np.float64]
Words = NDArray[np.uint64]

# ln 2 split so that k * _LN2_HI is exact for |k| < 2**11 (the high part has trailing zero bits)
_LN2_HI = 6.93147180369123816490e-01
_LN2_LO = 1.90821492927058770002e-10
_INV_LN2 = 1.44269504088896338700e00
_SQRT_HALF = 0.70710678118654752440
_EXP_TERMS = tuple(1.0 / k for k in range(1, 16))  # Horner factors 1/k for exp's Taylor series
_LOG_TERMS = tuple(1.0 / k for k in range(3, 30, 2))  # 1/3, 1/5, ... for 2*atanh


def uniform(words: Words) -> Floats:
    """Uniforms in the open interval (0, 1): ``(2k + 1) / 2**53`` for the top 52 bits ``k`` (exact)."""
    k = (words >> np.uint64(12)).astype(np.float64)
    out: Floats = (2.0 * k + 1.0) * (2.0**-53)
    return out


def threshold(p: str | Fraction) -> int:
    """``p`` (a decimal string or fraction in [0, 1]) as a 32-bit threshold: ``floor(p * 2**32)``, exact."""
    value = Fraction(p)
    if not 0 <= value <= 1:
        raise ValueError(f"a probability must be between 0 and 1 (got {p})")
    return int(value * 2**32)


def below(words: Words, p: str | Fraction) -> NDArray[np.bool_]:
    """True with probability ``p`` (to within 2**-32): the top 32 bits of the word under ``p``'s threshold."""
    out: NDArray[np.bool_] = (words >> np.uint64(32)) < np.uint64(threshold(p))
    return out


def pick(words: Words, shares: list[str] | tuple[str, ...]) -> NDArray[np.int64]:
    """The index of a category drawn with the given shares (the last one takes any remainder)."""
    cumulative = []
    total = Fraction(0)
    for s in shares:
        total += Fraction(s)
        cumulative.append(threshold(min(total, Fraction(1))))
    top = (words >> np.uint64(32)).astype(np.int64)
    index = np.searchsorted(np.asarray(cumulative[:-1], dtype=np.int64), top, side="right")
    out: NDArray[np.int64] = index.astype(np.int64)
    return out


def bounded(words: Words, low: int, high: int) -> NDArray[np.int64]:
    """Whole numbers from ``low`` to ``high`` inclusive: ``(top32 * span) >> 32`` in integers (bias < span / 2**32)."""
    span = high - low + 1
    if not 0 < span < 2**32:
        raise ValueError("bounded: the range must hold 1 to 2**32 - 1 values")
    top = words >> np.uint64(32)
    out: NDArray[np.int64] = ((top * np.uint64(span)) >> np.uint64(32)).astype(np.int64) + low
    return out


def exp(x: Floats) -> Floats:
    """e**x for |x| < 700: reduce by ln 2 (Cody and Waite), a Taylor polynomial, then scale exactly."""
    k = np.rint(x * _INV_LN2)
    r = (x - k * _LN2_HI) - k * _LN2_LO  # |r| <= 0.35
    p = np.ones_like(r)
    for factor in reversed(_EXP_TERMS):
        p = 1.0 + (r * factor) * p
    out: Floats = np.ldexp(p, k.astype(np.int32))
    return out


def log(x: Floats) -> Floats:
    """Natural logarithm of positive ``x``: split off the binary exponent, then 2*atanh((m-1)/(m+1))."""
    m, e = np.frexp(x)
    small = m < _SQRT_HALF
    m = np.where(small, m * 2.0, m)  # m in [sqrt(1/2), sqrt(2))
    e = np.where(small, e - 1, e).astype(np.float64)
    f = m - 1.0
    s = f / (2.0 + f)
    s2 = s * s
    series = np.zeros_like(s)
    for factor in reversed(_LOG_TERMS):
        series = (series + factor) * s2
    log_m = 2.0 * s + 2.0 * s * series
    out: Floats = e * _LN2_HI + (log_m + e * _LN2_LO)
    return out


_A = (-3.969683028665376e01, 2.209460984245205e02, -2.759285104469687e02, 1.383577518672690e02, -3.066479806614716e01, 2.506628277459239e00)
_B = (-5.447609879822406e01, 1.615858368580409e02, -1.556989798598866e02, 6.680131188771972e01, -1.328068155288572e01)
_C = (-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e00, -2.549732539343734e00, 4.374664141464968e00, 2.938163982698783e00)
_D = (7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e00, 3.754408661907416e00)
_P_LOW = 0.02425


def _poly(coefficients: tuple[float, ...], x: Floats) -> Floats:
    out = np.full_like(x, coefficients[0])
    for c in coefficients[1:]:
        out = out * x + c
    return out


def normal_quantile(u: Floats) -> Floats:
    """The standard normal quantile of ``u`` in (0, 1) (Acklam's rational approximation, |error| < 1.2e-9 relative)."""
    q = u - 0.5
    r = q * q
    out: Floats = _poly(_A, r) * q / (_poly(_B, r) * r + 1.0)
    tails = np.flatnonzero((u < _P_LOW) | (u > 1.0 - _P_LOW))
    if len(tails):
        ut = u[tails]
        lower = ut < 0.5
        p = np.where(lower, ut, 1.0 - ut)  # 1 - u is exact for u >= 0.5
        t = np.sqrt(-2.0 * log(p))
        tail = _poly(_C, t) / (_poly(_D, t) * t + 1.0)
        out[tails] = np.where(lower, tail, -tail)
    return out


def log_of(value: str) -> float:
    """The natural logarithm of a decimal string, by :func:`log` (the same bits everywhere)."""
    return float(log(np.array([float(value)]))[0])


def lognormal(words: Words, median: str | Floats, sigma: str | Floats) -> Floats:
    """Log-normal variates: ``exp(log(median) + sigma * z)`` for a standard normal ``z`` from each word.

    ``median`` and ``sigma`` are decimal strings, or arrays of ``log(median)`` and sigma per word (to
    draw each person from their own group's distribution with one quantile each).
    """
    z = normal_quantile(uniform(words))
    mu = log_of(median) if isinstance(median, str) else median
    s = float(sigma) if isinstance(sigma, str) else sigma
    return exp(mu + s * z)


def round_half_up(x: Floats) -> NDArray[np.int64]:
    """Non-negative ``x`` to the nearest whole number, a half rounding up: ``floor(x)`` plus one when
    the fraction ``x - floor(x)`` (exact in floating point) is at least one half."""
    whole = np.floor(x)
    out: NDArray[np.int64] = whole.astype(np.int64) + ((x - whole) >= 0.5)
    return out


def scale_half_up(values: NDArray[np.int64], fraction: Fraction) -> NDArray[np.int64]:
    """Non-negative integers times an exact fraction, rounded half up, in integer arithmetic."""
    num, den = fraction.numerator, fraction.denominator
    out: NDArray[np.int64] = (values * (2 * num) + den) // (2 * den)
    return out
