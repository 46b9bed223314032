"""Timelines: the weekly charge for every period between change points, each with its explanation.

``timeline(case, start, end)`` splits [start, end] into periods that tile it exactly (no gaps, no
overlaps). A new period starts on every *change point* (see :mod:`careact.charging.change_points`):
a dated change to the case, a change in a parameter the assessment reads, the end of the 12-week
property disregard, a birthday that moves the adult between minimum-income-guarantee bands, a
temporary stay becoming permanent, and the day capital drawn down to pay the full cost falls to the
upper capital limit. Each period is assessed on its first day, and the assessment holds for the whole
period. As a safeguard careact also assesses each period's last day; if the figures differ (a
time-limited disregard careact does not list as a change point, say) the first day they change is
found by bisection and becomes a change point of kind ``detected``.

**Capital depletion (an assumption, stated in every timeline that uses it).** While the adult pays the
full cost because capital is above the upper limit, capital is taken to fall by the weekly amount
paid above assessed income (the weekly charge less income other than tariff income), drawn evenly day
by day (one seventh of the weekly amount a day) from the adult's own counted capital items in the
order given, never from the home. The day the counted capital falls to the upper limit is a change
point. Turn this off with ``project_capital_depletion=False``.

The case carries its dated changes as a :class:`TimelineCase`::

    {"case": {...charging case...},
     "changes": [{"from": "2025-09-01", "set": {"care.weekly_cost": "1010.00"}, "note": "fee rise"}],
     "becomes_permanent_on": "2025-07-01",
     "charged": [{"from": "2025-04-07", "weekly": "230.00"}]}

(The charging case model has no ``changes`` field, so this wrapper holds them.)
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from .. import __version__
from ..errors import FieldProblem, InputError
from ..explain import jsonable
from ..money import ZERO, round_pence
from ..rules import Layer, RuleSet
from ..validation import from_pydantic, validate_model
from .assess import assess, resolve_rules
from .backdating import Backdating, ChargedSegment, backdate
from .change_points import (
    ChangeReason,
    PointContext,
    apply_set,
    case_points,
    first_parameter_change,
    param_changes,
    projected_depletion,
)
from .models import ChargingCase, ChargingResult

__all__ = ["DEPLETION_ASSUMPTION", "TIMELINE_SCHEMA", "Change", "Timeline", "TimelineCase", "TimelinePeriod", "timeline"]

TIMELINE_SCHEMA = "careact.case.timeline/1"
DAYS_IN_WEEK = 7
MAX_DETECTED = 64  # bisection safeguard: at most this many undeclared change points per timeline

DEPLETION_ASSUMPTION = (
    "While the adult pays the full cost because capital is above the upper limit, capital is assumed to fall "
    "by the weekly charge less income other than tariff income, drawn evenly day by day from the adult's own "
    "counted capital items in the order given (never the home)."
)


class Change(BaseModel):
    """From ``from`` (inclusive), the case's fields at each path take the values given."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)
    from_: date = Field(alias="from")
    set: dict[str, Any] = Field(min_length=1)
    note: str | None = None


class TimelineCase(BaseModel):
    """A charging case with dated changes, an optional permanent-admission date and what was charged."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)
    schema_: str = Field(TIMELINE_SCHEMA, alias="schema", pattern=r"^careact\.case\.timeline/1$")
    case: dict[str, Any]
    changes: list[Change] = Field(default_factory=list)
    becomes_permanent_on: date | None = None
    charged: list[ChargedSegment] = Field(default_factory=list)

    @model_validator(mode="after")
    def _check(self) -> TimelineCase:
        try:
            ChargingCase.model_validate(self.case)
        except ValidationError as exc:  # dotted field names under "case"
            # one "field: problem" per line, so each field is named in the InputError
            raise ValueError("\n".join(str(p) for p in from_pydantic(exc, prefix="case").problems)) from None
        days = [c.from_ for c in self.changes]
        if days != sorted(days):
            raise ValueError("changes: must be in date order")
        return self


@dataclass(frozen=True, slots=True)
class TimelinePeriod:
    start: date
    end: date
    days: int
    weekly_charge: Decimal
    council_weekly_contribution: Decimal
    cost_of_care: Decimal
    assessed_capital: Decimal
    assessed_income: Decimal
    tariff_income: Decimal
    total_allowances: Decimal
    self_funder: bool
    previous_weekly_charge: Decimal | None
    changes: tuple[ChangeReason, ...]
    result: ChargingResult = field(repr=False, compare=False)

    def to_dict(self, explain: bool = True) -> dict[str, Any]:
        out = {k: jsonable(getattr(self, k)) for k in (
            "start", "end", "days", "weekly_charge", "council_weekly_contribution", "cost_of_care", "assessed_capital",
            "assessed_income", "tariff_income", "total_allowances", "self_funder", "previous_weekly_charge")}
        out["changes"] = [jsonable(c) for c in self.changes]
        out["flags"] = [f.code for f in self.result.flags]
        if explain and self.result.explanation is not None:
            out["explanation"] = dict(self.result.explanation) if not hasattr(self.result.explanation, "to_dict") else self.result.explanation.to_dict()
        return out


@dataclass(frozen=True, slots=True)
class Timeline:
    start: date
    end: date
    periods: tuple[TimelinePeriod, ...]
    assumptions: tuple[str, ...]
    ruleset: dict[str, Any]
    backdating: Backdating | None = None
    inputs: dict[str, Any] | None = None  # the timeline case as normalised by careact, for replay

    def period_on(self, day: date) -> TimelinePeriod:
        for p in self.periods:
            if p.start <= day <= p.end:
                return p
        raise LookupError(f"{day.isoformat()} is outside the timeline {self.start.isoformat()} to {self.end.isoformat()}")

    def to_dict(self, explain: bool = True) -> dict[str, Any]:
        return {
            "schema": "careact.result.timeline/1",
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "assumptions": list(self.assumptions),
            "ruleset": jsonable(self.ruleset),
            "periods": [p.to_dict(explain) for p in self.periods],
            "backdating": self.backdating.to_dict() if self.backdating else None,
            "careact_version": __version__,
            "inputs": self.inputs,
        }


# --------------------------------------------------------------------------- helpers


def _as_timeline_case(data: Any) -> TimelineCase:
    if isinstance(data, TimelineCase):
        return data
    if isinstance(data, ChargingCase):
        return TimelineCase.model_validate({"case": data.model_dump(mode="json", by_alias=True)})
    if isinstance(data, dict) and "case" not in data:
        return validate_model(TimelineCase, {"case": data})
    return validate_model(TimelineCase, data)


def _signature(r: ChargingResult) -> tuple[Any, ...]:
    return (r.weekly_charge, r.council_weekly_contribution, r.assessed_capital, r.tariff_income,
            r.assessed_income, r.total_allowances, r.self_funder)


def _params_read(result: ChargingResult) -> set[tuple[str, str | None]]:
    view = result.explanation
    expl = getattr(view, "explanation", None)
    if expl is None:
        return set()
    return {(p.name, p.key) for step in expl.walk() for p in step.params}


def _upper_limit(result: ChargingResult) -> Decimal | None:
    return result.upper_capital_limit


def _draw_down(case: dict[str, Any], result: ChargingResult, amount: Decimal) -> dict[str, Any]:
    """``case`` with ``amount`` taken from the adult's own counted capital items, in order."""
    if amount <= 0:
        return case
    items = case.get("capital") or []
    lines = [ln for ln in result.capital if ln.type not in ("main_home", "notional_capital")]
    remaining = amount
    new_items = []
    for i, item in enumerate(items):
        item = dict(item)
        counted = lines[i].counted if i < len(lines) and lines[i].type == item.get("type") else None
        if remaining > 0 and item.get("owner", "person") == "person" and counted and counted > 0:
            value = Decimal(str(item["value"]))
            take = min(value, remaining)
            item["value"] = f"{value - take:.2f}"
            remaining -= take
        new_items.append(item)
    return {**case, "capital": new_items}


def _case_on(tc: TimelineCase, day: date) -> tuple[dict[str, Any], list[ChangeReason]]:
    """The case (as JSON) on ``day`` with every change dated on or before it applied; reasons for ``day``."""
    case = tc.case
    reasons: list[ChangeReason] = []
    if tc.becomes_permanent_on is not None and tc.becomes_permanent_on <= day:
        care = dict(case.get("care", {}))
        care["setting"] = "permanent_residential"
        care.setdefault("start_date", tc.becomes_permanent_on.isoformat())
        if care.get("start_date") is None:
            care["start_date"] = tc.becomes_permanent_on.isoformat()
        case = {**case, "care": care}
        if tc.becomes_permanent_on == day:
            reasons.append(ChangeReason("becomes_permanent", "the temporary stay becomes permanent: the adult is "
                                        "charged as a permanent resident and the 12-week property disregard begins",
                                        path="care.setting", before="temporary_residential", after="permanent_residential",
                                        citation="SI 2014/2672 regs 2 and 8; Sch 2 para 2"))
    for i, ch in enumerate(tc.changes):
        if ch.from_ > day:
            break
        for path, value in ch.set.items():
            case, old = apply_set(case, path, value, where=f"changes[{i}].set.{path}")
            if ch.from_ == day:
                reasons.append(ChangeReason("input", ch.note or f"{path} changes", path=path, before=old, after=value))
    return case, reasons


def _validate(case: dict[str, Any], day: date, tc: TimelineCase) -> ChargingCase:
    try:
        return ChargingCase.model_validate(case)
    except ValidationError as exc:
        idx = max((i for i, c in enumerate(tc.changes) if c.from_ <= day), default=None)
        prefix = f"changes[{idx}].set (the case from {day.isoformat()})" if idx is not None else "case"
        raise from_pydantic(exc, prefix=prefix) from None


# --------------------------------------------------------------------------- the timeline


def timeline(
    case: TimelineCase | ChargingCase | dict[str, Any],
    start: date,
    end: date,
    overlay: Iterable[str | Path | Layer] | str | Path | Layer | None = None,
    *,
    rules: RuleSet | None = None,
    explain: bool = True,
    project_capital_depletion: bool = True,
    charged: Iterable[Any] | None = None,
) -> Timeline:
    """The weekly charge for every period between change points in [start, end], with reasons.

    ``charged`` (or ``case.charged``): the weekly amounts actually charged, to compute backdating
    and arrears per period (:mod:`careact.charging.backdating`).
    """
    if any(not isinstance(d, date) or isinstance(d, datetime) for d in (start, end)):
        raise InputError.single("start", "start and end must be dates", "type")
    if end < start:
        raise InputError([FieldProblem("end", f"{end.isoformat()} is before the start {start.isoformat()}", "order")])
    tc = _as_timeline_case(case)
    rs = resolve_rules(overlay, rules)
    assumptions: list[str] = []
    rule_dates = rs.change_dates(start, end)
    input_dates = sorted({c.from_ for c in tc.changes if start < c.from_ <= end}
                         | ({tc.becomes_permanent_on} if tc.becomes_permanent_on and start < tc.becomes_permanent_on <= end else set()))

    periods: list[TimelinePeriod] = []
    drawn = ZERO  # capital drawn down so far (depletion assumption)
    cur = start
    reasons: list[ChangeReason] = [ChangeReason("start", "start of the timeline"), *_case_on(tc, start)[1]]
    detected = 0
    previous: Decimal | None = None
    while cur <= end:
        case_json, _ = _case_on(tc, cur)
        if drawn:
            case_json = _draw_down(case_json, periods[-1].result, drawn) if periods else case_json
        model = _validate(case_json, cur, tc)
        result = assess(model, cur, rules=rs, explain=True)
        read = _params_read(result)
        cands: dict[date, list[ChangeReason]] = {}

        def cand(d: date, r: ChangeReason, cur: date = cur, cands: dict[date, list[ChangeReason]] = cands) -> None:
            if cur < d <= end:
                cands.setdefault(d, []).append(r)

        for d in input_dates:
            if d > cur:
                cands.setdefault(d, [])
                break
        for d, rs_ in case_points(PointContext(model, cur, end, rs)).items():
            for r in rs_:
                cand(d, r)
        found = first_parameter_change(rs, read, cur, rule_dates, before=min(cands) if cands else None)
        if found is not None:
            cands.setdefault(found[0], [])
        draw = ZERO
        depletion_day: date | None = None
        dep = projected_depletion(result, cur) if project_capital_depletion else None
        if dep is not None:
            draw, depletion_day = dep.weekly_draw, dep.day
            if dep.day is not None and dep.reason is not None:
                cand(dep.day, dep.reason)
            if dep.assumed and DEPLETION_ASSUMPTION not in assumptions:
                assumptions.append(DEPLETION_ASSUMPTION)
        nxt = min(cands) if cands else end + timedelta(days=1)

        # safeguard: an undeclared change inside the period is found by bisection
        last = nxt - timedelta(days=1)
        if last > cur and detected < MAX_DETECTED:
            sig = _signature(result)
            if _signature(assess(model, last, rules=rs, explain=False)) != sig:
                lo, hi = cur, last  # sig(lo) == sig, sig(hi) != sig
                while (hi - lo).days > 1:
                    mid = lo + timedelta(days=(hi - lo).days // 2)
                    if _signature(assess(model, mid, rules=rs, explain=False)) == sig:
                        lo = mid
                    else:
                        hi = mid
                nxt = hi
                detected += 1
                cands = {hi: [ChangeReason("detected", "the assessment changes on this day (for example a time-limited "
                                           "disregard ends); see the period's explanation")]}
                depletion_day = None if depletion_day != hi else depletion_day

        period_end = min(nxt - timedelta(days=1), end)
        periods.append(TimelinePeriod(
            start=cur, end=period_end, days=(period_end - cur).days + 1,
            weekly_charge=result.weekly_charge, council_weekly_contribution=result.council_weekly_contribution,
            cost_of_care=result.cost_of_care, assessed_capital=result.assessed_capital,
            assessed_income=result.assessed_income, tariff_income=result.tariff_income,
            total_allowances=result.total_allowances, self_funder=result.self_funder,
            previous_weekly_charge=previous, changes=tuple(reasons),
            result=result if explain else _without_explanation(result),
        ))
        previous = result.weekly_charge
        if nxt > end:
            break
        taken = ZERO
        if draw > 0:
            taken = round_pence(draw * (nxt - cur).days / DAYS_IN_WEEK)
            if nxt == depletion_day:
                taken = max(taken, result.assessed_capital - (_upper_limit(result) or result.assessed_capital))
            drawn += taken
        reasons = list(cands.get(nxt, []))
        if taken and nxt != depletion_day:
            reasons.append(ChangeReason("capital_drawn", "capital drawn down to pay the full cost since the previous "
                                        "period (projected; see the assumptions)", before=ZERO, after=taken))
        reasons += _case_on(tc, nxt)[1]
        reasons += param_changes(rs, read, cur, nxt) if nxt in rule_dates else []
        if not reasons:
            reasons.append(ChangeReason("detected", "the assessment changes on this day"))
        cur = nxt

    backdating = None
    charged_list = list(charged) if charged is not None else list(tc.charged)
    if charged_list:
        backdating = backdate(((p.start, p.end, p.weekly_charge) for p in periods), charged_list)
    return Timeline(start=start, end=end, periods=tuple(periods), assumptions=tuple(assumptions),
                    ruleset=rs.identity(), backdating=backdating,
                    inputs=tc.model_dump(mode="json", by_alias=True))


def _without_explanation(result: ChargingResult) -> ChargingResult:
    data = dict(result.__dict__)
    data["explanation"] = None
    return ChargingResult.build(**data)
