"""Rule sets: a national layer with council and reform overlays stacked on top, resolved by date.

A :class:`RuleSet` is an immutable value. :meth:`RuleSet.with_overlay` returns a new rule set and
never changes the one it was called on, so two councils' overlays of one base live side by side.
:meth:`RuleSet.at` resolves every parameter in force on a date, recording for each value which
layer supplied it (national, council or reform), its start date and its citation.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..errors import NoRulesInForce, RuleSetError, RuleSetProblem, UnknownParameter
from .model import Layer, Parameter, ParamValue, kernel_value

__all__ = ["Resolved", "RuleSet"]


class Resolved(Mapping[str, ParamValue]):
    """Every parameter in force on one date. Read parameters by name; each read is a :class:`ParamValue`."""

    __slots__ = ("_cells", "_missing", "_values", "on", "ruleset_id")

    def __init__(self, on: date, ruleset_id: str, values: dict[str, ParamValue], missing: dict[str, date]):
        self.on = on
        self.ruleset_id = ruleset_id
        self._values = values
        self._missing = missing  # parameter -> first date it is in force (not yet in force on ``on``)
        self._cells: dict[tuple[str, str], ParamValue] = {}

    def cell(self, name: str, key: str) -> ParamValue:
        """One cell of a scale parameter (cached: a rule reads the same cell of every case)."""
        try:
            return self._cells[name, key]
        except KeyError:
            pv = self[name].cell(key)
            self._cells[name, key] = pv
            return pv

    def __getitem__(self, name: str) -> ParamValue:
        try:
            return self._values[name]
        except KeyError:
            if name in self._missing:
                raise NoRulesInForce(on=self.on, covered_from=self._missing[name], parameter=name) from None
            raise UnknownParameter(name, ruleset=self.ruleset_id) from None

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __contains__(self, name: object) -> bool:
        return name in self._values

    def get(self, name: str, default: Any = None) -> Any:
        return self._values.get(name, default)

    def value(self, name: str) -> Any:
        """The bare value of a parameter (prefer ``resolved[name]`` in rules, so the read is traced)."""
        return self[name].value


@dataclass(frozen=True, slots=True, eq=False)
class RuleSet:
    """A national rule set and the overlays applied to it, in order (later overlays win)."""

    base: Layer
    overlays: tuple[Layer, ...] = ()
    _cache: dict[date, Resolved] = field(default_factory=dict, repr=False)
    _names: tuple[str, ...] = field(default=(), repr=False)
    _digest: str = field(default="", repr=False)
    _first: list[date] = field(default_factory=list, repr=False)  # the cached covers_from()

    def __post_init__(self) -> None:
        names: dict[str, None] = dict.fromkeys(self.base.parameters)
        for layer in self.overlays:
            names.update(dict.fromkeys(layer.parameters))
        object.__setattr__(self, "_names", tuple(sorted(names)))
        if self.overlays:
            joined = "\n".join(layer.digest for layer in self.layers)
            object.__setattr__(self, "_digest", "sha256:" + hashlib.sha256(joined.encode()).hexdigest())
        else:
            object.__setattr__(self, "_digest", self.base.digest)

    # ------------------------------------------------------------------ identity

    @property
    def name(self) -> str:
        return self.base.name

    @property
    def version(self) -> str:
        return self.base.version

    @property
    def layers(self) -> tuple[Layer, ...]:
        return (self.base, *self.overlays)

    @property
    def id(self) -> str:
        """``england@2026.11.0`` or ``england@2026.11.0+council.example@1.0.0``."""
        return "+".join(layer.id for layer in self.layers)

    @property
    def digest(self) -> str:
        """The base digest alone, or a digest of the ordered layer digests when overlays are applied."""
        return self._digest

    def identity(self) -> dict[str, Any]:
        """What a result records about the rules that produced it."""
        return {
            "id": self.id,
            "digest": self.digest,
            "base": {"name": self.base.name, "version": self.base.version, "digest": self.base.digest},
            "overlays": [
                {"name": o.name, "version": o.version, "layer": o.kind.value, "digest": o.digest}
                for o in self.overlays
            ],
        }

    def __eq__(self, other: object) -> bool:
        return isinstance(other, RuleSet) and self.id == other.id and self.digest == other.digest

    def __hash__(self) -> int:
        return hash((self.id, self.digest))

    # ------------------------------------------------------------------ composition

    def with_overlay(self, *overlays: Layer) -> RuleSet:
        """A new rule set with ``overlays`` applied on top (this one is unchanged).

        Each overlay is checked against what is below it: its base, its kind, and the national floors
        (:mod:`careact.rules.checks`); every problem is reported at once.
        """
        from .loader import base_problems

        problems: list[RuleSetProblem] = []
        current = self
        for overlay in overlays:
            found = base_problems(current, overlay)
            problems += found
            if not found:
                current = RuleSet(base=self.base, overlays=(*current.overlays, overlay))
        if problems:
            raise RuleSetError(problems)
        return current

    def with_values(self, values: Mapping[str, Any], *, name: str = "in_memory", layer: str = "council",
                    **kwargs: Any) -> RuleSet:
        """A new rule set with ``values`` set by an overlay built in memory (see :func:`~careact.rules.make_overlay`)."""
        from .loader import make_overlay

        return self.with_overlay(make_overlay(values, name=name, layer=layer, base=self.base.name, **kwargs))

    def _parameter_below(self, name: str, overlays: tuple[Layer, ...]) -> Parameter | None:
        for layer in reversed(overlays):
            if name in layer.parameters:
                return layer.parameters[name]
        return self.base.parameters.get(name)

    # ------------------------------------------------------------------ reading

    @property
    def parameter_names(self) -> tuple[str, ...]:
        return self._names

    def parameter(self, name: str) -> Parameter:
        """The topmost definition of a parameter (its metadata; values come from :meth:`at`)."""
        p = self._parameter_below(name, self.overlays)
        if p is None:
            raise UnknownParameter(name, ruleset=self.id)
        return p

    def covers_from(self) -> date:
        """The first day the base rule set has values for (computed once)."""
        if not self._first:
            self._first.append(min(p.first_start for p in self.base.parameters.values()))
        return self._first[0]

    def at(self, on: date) -> Resolved:
        """Every parameter in force on ``on``, with provenance. Cached per rule set and date."""
        hit = self._cache.get(on)
        if hit is not None:
            return hit
        values: dict[str, ParamValue] = {}
        missing: dict[str, date] = {}
        for name in self._names:
            pv = self._resolve(name, on)
            if pv is None:
                first = min(
                    (layer.parameters[name].first_start for layer in self.layers if name in layer.parameters),
                )
                missing[name] = first
            else:
                values[name] = pv
        resolved = Resolved(on, self.id, values, missing)
        if len(self._cache) > 4096:  # bounded: a long timeline run must not grow without limit
            self._cache.clear()
        self._cache[on] = resolved
        return resolved

    def _resolve(self, name: str, on: date) -> ParamValue | None:
        for layer in reversed(self.layers):
            p = layer.parameters.get(name)
            if p is None:
                continue
            dv = p.value_at(on)
            if dv is None:
                continue
            return ParamValue(
                name=name,
                value=dv.value,
                unit=p.unit,
                effective_from=dv.start,
                citation=dv.citation,
                layer=layer.id,
                layer_kind=layer.kind,
                key_citations=dv.key_citations or None,
                kernel=kernel_value(p.unit, dv.value),
            )
        return None

    def change_dates(self, start: date, end: date) -> tuple[date, ...]:
        """Every date in (start, end] on which some parameter's value changes, in any layer."""
        out: set[date] = set()
        for layer in self.layers:
            for p in layer.parameters.values():
                out.update(d for d in p.change_dates() if start < d <= end)
        return tuple(sorted(out))
