"""The provenance property, as a reusable check: every figure that can change a result is in its explanation.

For a case, a date and a rule set, :func:`violations` perturbs each parameter in force (each cell of a
scale on its own) up and down through an in-memory reform overlay, re-runs the evaluation, and
reports every parameter whose perturbation changed the result although the explanation of the
unperturbed result never names it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from careact.errors import CareactError
from careact.rules import RuleSet
from careact.rules.model import Unit
from careact.rules.params import declaration

Run = Callable[[RuleSet], tuple[Mapping[str, Any], set[tuple[str, str | None]]]]
"""Evaluate under a rule set: (the result without its explanation, the parameters its explanation names)."""

# fields that describe the evaluation rather than its outcome
IGNORED = frozenset({"explanation", "figures", "ruleset", "careact_version", "inputs", "catalogue"})


@dataclass(frozen=True)
class Violation:
    parameter: str
    key: str | None
    value: Any
    perturbed: Any

    def __str__(self) -> str:
        label = f"{self.parameter}[{self.key}]" if self.key else self.parameter
        return f"{label}: {self.value} -> {self.perturbed} changes the result, but the explanation never names it"


def _money(v: Decimal) -> Iterator[Decimal]:
    yield (v * Decimal("1.5") + 10).quantize(Decimal("0.01"))
    yield (v / 2).quantize(Decimal("0.01"))


def perturbations(unit: Unit, value: Any, choices: tuple[str, ...] | None) -> Iterator[Any]:
    """Other values a parameter of this unit might take."""
    if unit.is_money:
        yield from (x for x in _money(value) if x != value)
    elif unit is Unit.RATE:
        for x in (value / 2, min(Decimal(1), value + Decimal("0.25")), Decimal(0)):
            x = x.quantize(Decimal("0.0001"))
            if x != value:
                yield x
    elif unit.is_integer:
        yield value + 1
        if value > 0:
            yield value - 1
    elif unit is Unit.BOOL:
        yield not value
    elif unit is Unit.TEXT and choices:
        yield from (c for c in choices if c != value)
    elif unit is Unit.LIST and len(value) > 1:
        yield list(value[1:])
        yield list(value[:-1])


def _cells(rules: RuleSet, on: date) -> Iterator[tuple[str, str | None, Unit, Any, Any]]:
    res = rules.at(on)
    for name in res:
        pv = res[name]
        decl = declaration(name)
        if decl is None:
            continue
        if isinstance(pv.value, Mapping):
            for key, cell in pv.value.items():
                yield name, key, pv.unit, cell, decl
        else:
            yield name, None, pv.unit, pv.value, decl


def _as_overlay_value(unit: Unit, value: Any) -> Any:
    return str(value) if isinstance(value, Decimal) else value


def violations(run: Run, rules: RuleSet, on: date, *, only: Callable[[str], bool] = lambda name: True) -> list[Violation]:
    """Every parameter in force on ``on`` that changes ``run``'s result without being in its explanation."""
    base, named = run(rules)
    found: list[Violation] = []
    res = rules.at(on)
    for name, key, unit, value, decl in _cells(rules, on):
        if not only(name) or (name, key) in named:
            continue
        for new in perturbations(unit, value, decl.choices):
            if key is None:
                given: Any = _as_overlay_value(unit, new)
            else:
                whole = dict(res[name].value)
                whole[key] = new
                given = {k: _as_overlay_value(unit, v) for k, v in whole.items()}
            try:
                perturbed = rules.with_values({name: given}, name="reform.perturbation", layer="reform",
                                              status="verified", note=None)
                changed, _ = run(perturbed)
            except CareactError:  # not a valid rule set (a bound), or not a case these rules can assess
                continue
            if changed != base:
                found.append(Violation(name, key, value, new))
                break
    return found


def outcome(result: Any) -> dict[str, Any]:
    """A result's JSON form without the fields that describe the evaluation."""
    doc = result.to_dict() if hasattr(result, "to_dict") else dict(result)
    return {k: v for k, v in doc.items() if k not in IGNORED}
