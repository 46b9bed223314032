"""Turning values into deterministic JSON-ready data (decimals as strings, dates ISO, keys sorted)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields, is_dataclass
from datetime import date
from decimal import Decimal
from enum import Enum
from typing import Any

from .steps import Pence

__all__ = ["jsonable"]


def jsonable(value: Any) -> Any:
    """A JSON-ready copy of ``value``: Decimal → str, date → ISO string, enums → value, mappings sorted."""
    # fast path on the exact type for the common plain values (subclasses such as StrEnum members
    # take the general path below, unchanged)
    t = type(value)
    if t is str or t is int or t is bool or value is None:
        return value
    if t is Decimal:
        return str(value)
    if t is Pence:
        return value.pounds_text()
    if t is dict:
        if all(type(k) is str for k in value):
            return {k: jsonable(value[k]) for k in sorted(value)}
    elif t is list or t is tuple:
        return [jsonable(v) for v in value]
    elif t is date:
        return value.isoformat()
    return _jsonable(value)


def _jsonable(value: Any) -> Any:
    if isinstance(value, Enum):  # before str/int: a StrEnum member becomes its plain value
        return jsonable(value.value)
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))}
    if isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(value, key=str) if isinstance(value, (set, frozenset)) else value
        return [jsonable(v) for v in items]
    if hasattr(value, "model_dump"):
        return value.model_dump(mode="json")
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: jsonable(getattr(value, f.name)) for f in fields(value) if not f.name.startswith("_")}
    if isinstance(value, float):
        raise TypeError("floats have no place in a careact result")
    raise TypeError(f"cannot turn {type(value).__name__} into JSON")
