"""Stated upratings: how each year's figures follow from the previous year's, as their sources say.

Most national figures change once a year by a rule the government states: disability benefits and
Carer's Allowance by the September CPI, the state pensions by the triple lock, the Pension Credit
standard minimum guarantee by earnings (or by a stated cash amount), the charging allowances (personal
expenses allowance, minimum income guarantee, Savings Credit disregard) "in line with inflation" as
the annual local authority circular says, and the capital limits not at all. The rules, each with its
citation, are data (``data/<rule set>/uprating/uprating.toml``); this module applies them.

A figure agrees with its uprating when it is a whole number of ``step`` (5p unless stated) and lies
within ``tolerance`` (one step unless stated) of the previous figure times the stated factor (or
plus the stated cash amount). That catches a transposed or mistyped figure -- £30.56 for £30.65 --
while allowing for the rounding of each amount to 5p. An uprating may instead record that the
amounts were re-set by an instrument with no stated rate (``reset = true``); those figures are only
checked for their step.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from types import MappingProxyType
from typing import Any

from ..errors import RuleSetError, RuleSetProblem
from .model import Citation, Layer, Parameter, Status
from .ruleset import RuleSet

__all__ = ["Uprating", "UpratingMismatch", "load_upratings", "unexplained_changes", "uprating_mismatches"]

_KEYS = {
    "from",
    "parameters",
    "percent",
    "add",
    "reset",
    "step",
    "tolerance",
    "cite",
    "href",
    "status",
    "note",
    "checked",
}
_DEFAULT_STEP = Decimal("0.05")


@dataclass(frozen=True, slots=True)
class Uprating:
    """One stated uprating: which figures, from when, by how much, and on whose word."""

    starts: tuple[date, ...]  # the day (or days, for a rule repeated each year) the new figures take effect
    targets: tuple[str, ...]  # parameter names, or one cell: "name[key]"
    citation: Citation
    percent: Decimal | None = None
    add: Mapping[str, Decimal] = field(default_factory=lambda: MappingProxyType({}))
    reset: bool = False
    step: Decimal = _DEFAULT_STEP
    tolerance: Decimal = _DEFAULT_STEP

    def covers(self, name: str, key: str | None) -> bool:
        return name in self.targets or (key is not None and f"{name}[{key}]" in self.targets)

    def expected(self, previous: Decimal, key: str | None) -> Decimal | None:
        """The new figure the stated rule gives, before rounding (None for a reset)."""
        if self.reset:
            return None
        if self.percent is not None:
            return previous * (1 + self.percent / 100)
        return previous + self.add[key or ""]

    @property
    def rule(self) -> str:
        if self.reset:
            return "re-set"
        if self.percent is not None:
            return f"+{self.percent}%"
        return "+" + ", ".join(f"£{v}" + (f" ({k})" if k else "") for k, v in self.add.items())


@dataclass(frozen=True, slots=True)
class UpratingMismatch:
    """A figure that does not follow from the previous one by its stated uprating."""

    label: str  # parameter, or parameter[key]
    start: date
    previous: Decimal | None
    actual: Decimal | None
    expected: Decimal | None
    reason: str

    def __str__(self) -> str:
        return f"{self.label} from {self.start}: {self.reason}"


# --------------------------------------------------------------------------- loading


def _dec(raw: Any, what: str, problems: list[str]) -> Decimal | None:
    try:
        out = Decimal(str(raw))
    except ArithmeticError:
        problems.append(f"{what} must be a decimal, got {raw!r}")
        return None
    if not out.is_finite():
        problems.append(f"{what} must be finite, got {raw!r}")
        return None
    return out


def _parse(entry: Any, n: int) -> tuple[Uprating | None, list[str]]:
    problems: list[str] = []
    if not isinstance(entry, dict):
        return None, [f"uprating {n}: must be a table"]
    problems += [f"unknown field {k!r}" for k in sorted(set(entry) - _KEYS)]
    raw_from = entry.get("from")
    raw_starts: list[Any] = raw_from if isinstance(raw_from, list) else [raw_from]
    starts = [d for d in raw_starts if isinstance(d, date) and not hasattr(d, "hour")]
    if not raw_starts or len(starts) != len(raw_starts):
        problems.append(f"'from' must be a TOML date or a list of dates, got {raw_from!r}")
    raw_targets = entry.get("parameters")
    targets = [t for t in raw_targets if isinstance(t, str) and t] if isinstance(raw_targets, list) else []
    if not isinstance(raw_targets, list) or not targets or len(targets) != len(raw_targets):
        problems.append("'parameters' must be a non-empty list of parameter names (or 'name[key]')")
    rules = [k for k in ("percent", "add", "reset") if k in entry]
    if len(rules) != 1:
        problems.append("give exactly one of 'percent', 'add' or 'reset = true'")
    percent = _dec(entry["percent"], "'percent'", problems) if "percent" in entry else None
    add: dict[str, Decimal] = {}
    raw_add = entry.get("add")
    if isinstance(raw_add, dict):
        for k, v in raw_add.items():
            d = _dec(v, f"'add.{k}'", problems)
            if d is not None:
                add[k] = d
    elif raw_add is not None:
        d = _dec(raw_add, "'add'", problems)
        if d is not None:
            add[""] = d
    if "reset" in entry and entry["reset"] is not True:
        problems.append("'reset' can only be true")
    step = _dec(entry.get("step", _DEFAULT_STEP), "'step'", problems) or _DEFAULT_STEP
    tolerance = _dec(entry.get("tolerance", step), "'tolerance'", problems)
    cite, status_raw, checked = entry.get("cite"), entry.get("status"), entry.get("checked")
    if not isinstance(cite, str) or not cite.strip():
        problems.append("every uprating needs a non-empty 'cite'")
    try:
        status = Status(str(status_raw))
    except ValueError:
        problems.append(f"'status' must be verified, secondary or unverified, got {status_raw!r}")
        status = Status.UNVERIFIED
    note = entry.get("note")
    if status is not Status.VERIFIED and not (isinstance(note, str) and note.strip()):
        problems.append(f"a {status.value} uprating needs a 'note' saying what is uncertain")
    href = entry.get("href")
    if href is not None and (not isinstance(href, str) or not href.startswith(("http://", "https://"))):
        problems.append(f"'href' must be an http(s) URL, got {href!r}")
    if checked is not None and (not isinstance(checked, date) or hasattr(checked, "hour")):
        problems.append(f"'checked' must be a TOML date, got {checked!r}")
    if problems:
        return None, [f"uprating {n} ({raw_targets!r} from {raw_from!r}): {p}" for p in problems]
    return (
        Uprating(
            starts=tuple(sorted(starts)),
            targets=tuple(targets),
            citation=Citation(text=str(cite).strip(), href=href, status=status, note=note, checked=checked),
            percent=percent,
            add=MappingProxyType(add),
            reset="reset" in entry,
            step=step,
            tolerance=tolerance if tolerance is not None else step,
        ),
        [],
    )


def load_upratings(path: Path | str) -> tuple[Uprating, ...]:
    """Read an uprating file (``[[uprating]]`` tables), raising :class:`RuleSetError` on any problem."""
    path = Path(path)
    try:
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise RuleSetError([RuleSetProblem(str(path), f"cannot read the uprating file: {exc}")]) from exc
    out: list[Uprating] = []
    problems: list[RuleSetProblem] = []
    for n, entry in enumerate(doc.get("uprating", []), start=1):
        up, errs = _parse(entry, n)
        problems += [RuleSetProblem(str(path), e) for e in errs]
        if up is not None:
            out.append(up)
    problems += [
        RuleSetProblem(str(path), f"unknown top-level key {k!r}") for k in sorted(set(doc) - {"uprating"})
    ]
    if problems:
        raise RuleSetError(problems)
    return tuple(out)


# --------------------------------------------------------------------------- checking


def _layer(rules: RuleSet | Layer) -> Layer:
    return rules if isinstance(rules, Layer) else rules.base


def _cells(p: Parameter, value: Any) -> dict[str | None, Any]:
    if p.keys is None:
        return {None: value}
    return {k: value[k] for k in p.keys}


def _check_one(
    up: Uprating, p: Parameter, key: str | None, start: date, prev: Any, new: Any
) -> UpratingMismatch | None:
    label = f"{p.name}[{key}]" if key else p.name
    if not isinstance(new, Decimal):
        return UpratingMismatch(
            label, start, None, None, None, "the uprating applies only to decimal figures"
        )
    if new % up.step != 0:
        return UpratingMismatch(label, start, prev, new, None, f"£{new} is not a whole number of {up.step}")
    if up.reset:
        return None
    if not isinstance(prev, Decimal):
        return UpratingMismatch(label, start, None, new, None, "no previous figure to uprate")
    if up.add and (key or "") not in up.add:
        return UpratingMismatch(
            label, start, prev, new, None, f"the uprating ({up.rule}) gives no amount for this cell"
        )
    expected = up.expected(prev, key)
    assert expected is not None
    if abs(new - expected) > up.tolerance:
        return UpratingMismatch(
            label,
            start,
            prev,
            new,
            expected,
            f"£{new} does not follow from £{prev} by the stated uprating {up.rule} "
            f"(£{expected.quantize(Decimal('0.001'))}, tolerance £{up.tolerance}; {up.citation.text})",
        )
    return None


def uprating_mismatches(rules: RuleSet | Layer, upratings: Iterable[Uprating]) -> list[UpratingMismatch]:
    """Every figure named by an uprating that does not follow from the previous year's by it.

    An uprating naming a parameter (or cell) with no value starting on its date is itself a mismatch:
    the data and the stated uprating disagree about when the figure changed.
    """
    layer = _layer(rules)
    out: list[UpratingMismatch] = []
    for up in upratings:
        for target in up.targets:
            name, _, rest = target.partition("[")
            key = rest.rstrip("]") or None
            p = layer.parameters.get(name)
            if p is None or (key is not None and (p.keys is None or key not in p.keys)):
                out.append(
                    UpratingMismatch(
                        target, up.starts[0], None, None, None, "no such parameter (or cell) in the rule set"
                    )
                )
                continue
            for start in up.starts:
                dv = next((v for v in p.values if v.start == start), None)
                if dv is None:
                    out.append(
                        UpratingMismatch(
                            target, start, None, None, None, "no value of it starts on this date"
                        )
                    )
                    continue
                before = p.value_at(start - timedelta(days=1))
                prev_cells = _cells(p, before.value) if before is not None else {}
                for k, new in _cells(p, dv.value).items():
                    if key is not None and k != key:
                        continue
                    m = _check_one(up, p, k, start, prev_cells.get(k), new)
                    if m is not None:
                        out.append(m)
    return out


def unexplained_changes(
    rules: RuleSet | Layer, upratings: Iterable[Uprating], names: Iterable[str]
) -> list[tuple[str, date]]:
    """Values of the named parameters (after their first) that no stated uprating accounts for."""
    layer = _layer(rules)
    ups = list(upratings)
    out: list[tuple[str, date]] = []
    for name in names:
        p = layer.parameters[name]
        for v in p.values[1:]:
            for key in p.keys or (None,):
                if not any(v.start in up.starts and up.covers(name, key) for up in ups):
                    out.append((f"{name}[{key}]" if key else name, v.start))
    return out
