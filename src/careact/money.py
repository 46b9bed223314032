"""Money: ``Decimal`` end to end, one rounding policy, no floats.

Rounding policy
---------------
careact rounds a money amount once, to the penny, half up, whenever a calculation produces a
fraction of a penny (a converted income line, a share of joint capital, a percentage). This follows
the Care and Support (Charging and Assessment of Resources) Regulations 2014 (SI 2014/2672) reg 11
("Rounding of fractions"): a fraction of a penny that is half a penny or more is treated as a penny,
and otherwise disregarded. (The stored copy of reg 11 could be read only as far as its opening words;
the half-up rule is the one the predecessor regulations used and councils apply.)

Where the law counts in whole steps "or part thereof" (tariff income: £1 for every £250 or part of
£250), :func:`steps_or_part` counts a part step as a whole one.

Money enters careact as a ``Decimal``, an ``int`` or a decimal string (``"12.50"``). A ``float`` is
rejected with an :class:`~careact.errors.InputError` naming the field: binary floating point cannot
represent most pence exactly, and a silent conversion would hide that.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal
from typing import Annotated, Any

from pydantic import BeforeValidator, WithJsonSchema

from .errors import InputError

__all__ = [
    "PENNY",
    "ZERO",
    "Money",
    "MoneyField",
    "MoneyOut",
    "NonNegativeMoney",
    "NonNegativeMoneyOut",
    "format_money",
    "parse_money",
    "round_decimal",
    "round_pence",
    "steps_or_part",
]

ZERO = Decimal("0.00")
PENNY = Decimal("0.01")
MAX_MONEY = Decimal("1000000000000.00")
"""The largest amount careact accepts (a trillion pounds): anything larger is a data-entry error."""

_MONEY_TEXT = re.compile(r"-?[0-9]{1,13}(\.[0-9]{1,2})?")
_PLAIN_PENCE = re.compile(r"(?:0|[1-9][0-9]{0,11})\.[0-9]{2}")  # at most £999,999,999,999.99, well under MAX_MONEY
_D = Decimal

Money = Decimal
"""A sum of money in pounds sterling, always a ``Decimal``."""


def round_pence(amount: Decimal) -> Decimal:
    """Round to the penny, half a penny or more up (SI 2014/2672 reg 11)."""
    return amount.quantize(PENNY, rounding=ROUND_HALF_UP)


def round_decimal(value: Decimal, step: Decimal) -> Decimal:
    """Round a figure that is not a sum of pence (a mean number of weeks, whole pounds, whole thousands)
    to a multiple of ``step``, by the same policy as money: half up."""
    if step == PENNY:
        return round_pence(value)
    return (value / step).quantize(Decimal(1), rounding=ROUND_HALF_UP) * step


def steps_or_part(amount: Decimal, step: Decimal) -> int:
    """Whole steps of ``step`` in ``amount``, a part step counting as a whole one ("or part thereof")."""
    if amount <= 0:
        return 0
    return int((amount / step).to_integral_value(rounding=ROUND_CEILING))


def _float_problem(value: float, allow_negative: bool) -> str:
    """Why a float is refused, suggesting the decimal string to write instead -- only one careact would accept."""
    base = f"money must not be a floating-point number ({value!r})"
    if not math.isfinite(value) or abs(value) > MAX_MONEY:
        return (f"{base}, and this one is not an amount careact accepts (at most {MAX_MONEY:,} pounds): write "
                "pounds and pence as a decimal string, e.g. \"1234.50\"")
    if value < 0 and not allow_negative:
        return f"{base}, and it must not be negative: write pounds and pence as a decimal string, e.g. \"1234.50\""
    exact = Decimal(repr(value))  # the shortest text that reads back as this float
    if exact != exact.quantize(PENNY):
        return f"{base}, and it has more than two decimal places: write pounds and pence as a decimal string"
    return f"{base}: write it as the decimal string \"{exact.quantize(PENNY)}\""


def parse_money(value: Any, *, field: str = "amount", allow_negative: bool = False) -> Decimal:
    """Turn an input value into money, or raise :class:`InputError` naming ``field``.

    Accepts ``Decimal``, ``int`` and decimal strings with at most two decimal places. Rejects
    floats, booleans, NaN and infinities, and (unless ``allow_negative``) negative amounts.
    """
    if isinstance(value, bool):
        raise InputError.single(field, "must be an amount of money, not true/false", "type")
    if isinstance(value, float):
        raise InputError.single(field, _float_problem(value, allow_negative), "float_money")
    if isinstance(value, str):
        text = value.strip()
        if not _MONEY_TEXT.fullmatch(text):
            if re.fullmatch(r"-?[0-9]+\.[0-9]{3,}", text):
                raise InputError.single(field, f"{value!r} has more than two decimal places (pence)", "precision")
            if re.fullmatch(r"-?[0-9]{14,}(\.[0-9]*)?", text):
                raise InputError.single(field, f"{value!r} is too large to be an amount of money", "range")
            raise InputError.single(
                field,
                f"{value!r} is not an amount of money: write pounds and pence as digits, e.g. \"1234.50\"",
                "type",
            )
        amount = Decimal(text)
    elif isinstance(value, int):
        amount = Decimal(value)
    elif isinstance(value, Decimal):
        if not value.is_finite():
            raise InputError.single(field, f"{value!r} is not a finite amount of money", "type")
        amount = value
    else:
        raise InputError.single(
            field, f"must be an amount of money (a decimal string), not {type(value).__name__}", "type"
        )
    if abs(amount) > MAX_MONEY:
        raise InputError.single(field, f"{value!r} is too large to be an amount of money", "range")
    quantized = amount.quantize(PENNY, rounding=ROUND_HALF_UP)
    if amount != quantized:
        raise InputError.single(field, f"{value!r} has more than two decimal places (pence)", "precision")
    if quantized < 0 and not allow_negative:
        raise InputError.single(field, f"must not be negative (got {value})", "negative")
    return quantized + ZERO if quantized == 0 else quantized


def _pydantic_money(allow_negative: bool) -> Callable[[Any], Decimal]:
    from pydantic_core import PydanticCustomError

    def validate(value: Any) -> Decimal:
        # the common case, a plain "1234.50" (pence written, no sign, no spaces): no further checks needed
        if type(value) is str and _PLAIN_PENCE.fullmatch(value):
            return _D(value)
        try:
            return parse_money(value, allow_negative=allow_negative)
        except InputError as exc:
            # pydantic adds the field path; keep careact's wording and its error code
            problem = exc.problems[0]
            raise PydanticCustomError(f"careact_{problem.code}", problem.problem.replace("{", "{{").replace("}", "}}")) from None

    return validate


# What careact writes: pounds and pence as a decimal string, always two places (a total can exceed the
# largest amount careact reads).
_MONEY_OUT_SCHEMA = {"type": "string", "pattern": r"^-?[0-9]+\.[0-9]{2}$",
                     "description": "An amount in pounds sterling, as a decimal string (\"12.50\")."}
_NONNEG_OUT_SCHEMA = {"type": "string", "pattern": r"^[0-9]+\.[0-9]{2}$",
                      "description": "A non-negative amount in pounds sterling, as a decimal string (\"12.50\")."}

# Exactly what parse_money accepts: at most 13 digits before the point, at most 2 after, and no more
# than MAX_MONEY (so a 13-digit amount is either written with a leading zero or is 1000000000000).
_AMOUNT = r"(([0-9]{1,12}|0[0-9]{12})(\.[0-9]{1,2})?|1000000000000(\.00?)?)"
_MONEY_SCHEMA = {
    "anyOf": [
        {"type": "string", "pattern": f"^-?{_AMOUNT}$"},
        {"type": "integer", "minimum": -1_000_000_000_000, "maximum": 1_000_000_000_000},
    ],
    "description": "An amount in pounds sterling, as a decimal string (\"12.50\") or whole number.",
}
_NONNEG_SCHEMA = {
    "anyOf": [
        {"type": "string", "pattern": f"^{_AMOUNT}$"},
        {"type": "integer", "minimum": 0, "maximum": 1_000_000_000_000},
    ],
    "description": "A non-negative amount in pounds sterling, as a decimal string (\"12.50\") or whole number.",
}

# JSON: pydantic writes a Decimal as its string, which for money (always quantized to the penny) is
# "12.50" -- no Python call per field.

MoneyField = Annotated[
    Decimal, BeforeValidator(_pydantic_money(True)), WithJsonSchema(_MONEY_SCHEMA, mode="validation"),
    WithJsonSchema(_MONEY_OUT_SCHEMA, mode="serialization"),
]
"""A pydantic field type for money that may be negative (e.g. a difference)."""

MoneyOut = Annotated[Decimal, WithJsonSchema(_MONEY_OUT_SCHEMA)]
"""A pydantic field type for an amount careact computed (a result: a total may exceed what careact reads)."""

NonNegativeMoneyOut = Annotated[Decimal, WithJsonSchema(_NONNEG_OUT_SCHEMA)]
"""A pydantic field type for a non-negative amount careact computed."""

NonNegativeMoney = Annotated[
    Decimal, BeforeValidator(_pydantic_money(False)), WithJsonSchema(_NONNEG_SCHEMA, mode="validation"),
    WithJsonSchema(_NONNEG_OUT_SCHEMA, mode="serialization"),
]
"""A pydantic field type for money that must not be negative (every input amount)."""


def format_money(amount: Decimal, locale: str = "en_GB") -> str:
    """Format an amount as the locale writes pounds sterling (``£1,234.50`` in en-GB, without babel;
    babel for other locales)."""
    from .explain.document import format_money as _format

    return _format(amount, locale)
