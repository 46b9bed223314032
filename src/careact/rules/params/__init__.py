"""Every declared parameter, by name: the registry the loader checks value files and overlays against.

The declarations themselves live in one module per domain (:mod:`.charging`, :mod:`.dpa`,
:mod:`.eligibility`, :mod:`.reform`); rules import the group they read from there.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from types import MappingProxyType
from typing import Any

from ..declare import Decl, Group

__all__ = ["declaration", "declarations", "groups"]


@lru_cache(maxsize=1)
def groups() -> tuple[type[Group], ...]:
    """Every declaration group, in a stable order."""
    from . import charging, dpa, eligibility, reform

    out: list[type[Group]] = []
    for module in (charging, eligibility, dpa, reform):
        for name in module.__all__:
            obj = getattr(module, name)
            if isinstance(obj, type) and issubclass(obj, Group):
                out.append(obj)
    return tuple(out)


@lru_cache(maxsize=1)
def declarations() -> Mapping[str, Decl[Any]]:
    """Every declared parameter by its dotted name (read-only)."""
    found: dict[str, Decl[Any]] = {}
    for group in groups():
        for name, decl in group.declared.items():
            if name in found:  # pragma: no cover - a programming error caught by the tests
                raise RuntimeError(f"parameter {name} is declared twice")
            found[name] = decl
    return MappingProxyType(dict(sorted(found.items())))


def declaration(name: str) -> Decl[Any] | None:
    """The declaration of ``name``, or ``None`` if careact declares no such parameter."""
    return declarations().get(name)
