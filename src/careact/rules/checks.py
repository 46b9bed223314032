"""Checks of a layer against the declarations and against the rule set it overlays.

* **Scope** (:func:`scope_problems`): a council overlay may set only the choices the regulations
  leave to the local authority and the figures it may raise (or lower) -- never a figure the law
  fixes nationally, nor a reform's terms; the national rule set holds no reform terms.
* **Floors and ceilings** (:func:`floor_problems`): a council's personal expenses allowance, child
  amount or deferred-payment allowance may not be below the national figure, nor its interest rate
  or equity share above the national maximum, on any day either is in force; and its minimum income
  guarantee -- personal amount plus premiums, in every category and combination of premiums -- may
  not be below the statutory one (SI 2014/2672 reg 7 sets a floor).

Both return every problem, so a file's problems are reported at once.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from decimal import Decimal
from itertools import combinations
from typing import TYPE_CHECKING, Any

from ..errors import RuleSetProblem
from .declare import Scope
from .model import Layer, LayerKind, Parameter
from .params import declaration

if TYPE_CHECKING:
    from .ruleset import RuleSet

__all__ = ["floor_problems", "scope_problems"]

_COUNCIL_HINTS = {
    "capital.upper_limit": "a council's own limits for care at home are options.non_residential_upper_limit "
    "with options.non_residential_capital_limits = true",
    "capital.lower_limit": "a council's own limits for care at home are options.non_residential_lower_limit "
    "with options.non_residential_capital_limits = true",
}


def scope_problems(kind: LayerKind, params: Iterable[Parameter], file: str) -> list[RuleSetProblem]:
    """Parameters a layer of this kind may not set."""
    out: list[RuleSetProblem] = []
    for p in params:
        decl = declaration(p.name)
        if decl is None:
            continue
        if kind is LayerKind.NATIONAL and decl.scope is Scope.REFORM:
            out.append(RuleSetProblem(file, f"{p.name} is a reform term: it belongs in a reform overlay, "
                                      "not the national rule set", p.name, p.line))
        elif kind is LayerKind.COUNCIL and decl.scope in (Scope.NATIONAL, Scope.REFORM):
            why = ("is a reform term: only a reform overlay (layer = \"reform\") may set it" if decl.scope is Scope.REFORM
                   else f"is fixed nationally ({decl.provision}): a council overlay cannot change it")
            hint = _COUNCIL_HINTS.get(p.name)
            out.append(RuleSetProblem(file, f"{p.name} {why}" + (f"; {hint}" if hint else ""), p.name, p.line))
    return out


def _points(p: Parameter, base: Parameter | None) -> list[date]:
    """The days on which either parameter starts a value, within ``p``'s values."""
    days: set[date] = set()
    for v in p.values:
        days.add(v.start)
    if base is not None:
        days.update(base.change_dates())
    return sorted(days)


def _in_force(p: Parameter, on: date) -> Any:
    dv = p.value_at(on)
    return None if dv is None else dv.value


def floor_problems(base: RuleSet, layer: Layer) -> list[RuleSetProblem]:
    """Council figures below a national floor (or above a national ceiling), on any day both are in force."""
    if layer.kind is not LayerKind.COUNCIL:
        return []
    out: list[RuleSetProblem] = []
    below = base.layers
    for name, p in layer.parameters.items():
        decl = declaration(name)
        if decl is None or decl.scope not in (Scope.FLOOR, Scope.CEILING) or name.startswith("mig."):
            continue
        nat = next((lay.parameters[name] for lay in reversed(below) if name in lay.parameters), None)
        if nat is None:
            continue
        reported: set[date] = set()
        for day in _points(p, nat):
            mine, theirs = _in_force(p, day), _in_force(nat, day)
            own = p.value_at(day)
            if mine is None or theirs is None or own is None or own.start in reported:
                continue
            cells = list(mine.items()) if isinstance(mine, Mapping) else [(None, mine)]
            for key, value in cells:
                national = theirs[key] if key is not None else theirs
                bad = value < national if decl.scope is Scope.FLOOR else value > national
                if bad:
                    label = f"{name}[{key}]" if key else name
                    word = "below the national minimum" if decl.scope is Scope.FLOOR else "above the national maximum"
                    out.append(RuleSetProblem(layer.path, f"{label}: the value {value} from {own.start} is {word} "
                                              f"({national} from {day}; {decl.provision}); a council may only be "
                                              "more generous", name, p.line))
                    reported.add(own.start)
                    break
    out += _mig_problems(base, layer)
    return out


_PREMIUMS_SINGLE = ("disability_single", "enhanced_disability_single", "carer")
_PREMIUMS_COUPLE = ("disability_couple_member", "enhanced_disability_couple_member", "carer")


def _mig_problems(base: RuleSet, layer: Layer) -> list[RuleSetProblem]:
    """SI 2014/2672 reg 7: a council's minimum income guarantee, in every category and combination of
    premiums, must be at least the statutory one (at pension credit age only the carer premium is
    combined, as careact derives the disability premiums only below it)."""
    mine = {n: layer.parameters.get(f"mig.{n}") for n in ("personal_amount", "premiums")}
    if not any(mine.values()):
        return []
    national = {n: base.parameter(f"mig.{n}") for n in ("personal_amount", "premiums")}
    days: set[date] = set()
    for n in ("personal_amount", "premiums"):
        own = mine[n]
        if own is not None:
            days.update(v.start for v in own.values)
            days.update(v.end + timedelta(days=1) for v in own.values if v.end is not None)
            days.update(national[n].change_dates())
    out: list[RuleSetProblem] = []
    seen: set[str] = set()
    for day in sorted(days):
        if not any(own is not None and own.value_at(day) is not None for own in mine.values()):
            continue

        def at(n: str, theirs: bool, day: date = day) -> Any:
            own = mine[n]
            p = own if (not theirs and own is not None and own.value_at(day) is not None) else national[n]
            return _in_force(p, day)

        council_pa, national_pa = at("personal_amount", False), at("personal_amount", True)
        council_pr, national_pr = at("premiums", False), at("premiums", True)
        if None in (council_pa, national_pa, council_pr, national_pr):
            continue
        for category in national_pa:
            keys: tuple[str, ...] = _PREMIUMS_COUPLE if category.startswith("couple") else _PREMIUMS_SINGLE
            if category.endswith("_pca"):  # the disability premiums are for those under pension credit age
                keys = ("carer",)
            for r in range(len(keys) + 1):
                for combo in combinations(keys, r):
                    theirs = national_pa[category] + sum((national_pr[k] for k in combo), Decimal(0))
                    ours = council_pa[category] + sum((council_pr[k] for k in combo), Decimal(0))
                    if ours < theirs:
                        what = f"{category}" + (f" with {' and '.join(combo)}" if combo else "")
                        if what in seen:
                            continue
                        seen.add(what)
                        p = mine["personal_amount"] or mine["premiums"]
                        assert p is not None
                        out.append(RuleSetProblem(
                            layer.path, f"the council's minimum income guarantee for {what} from {day} is {ours}, "
                            f"below the statutory {theirs} (SI 2014/2672 reg 7 sets a floor a council may only raise)",
                            p.name, p.line))
    return out
