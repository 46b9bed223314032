"""The charge schedule from a case's history, and the reassessments scheduled after it.

The periods come from :func:`careact.charging.timeline` over the case's history (each period is
:func:`careact.charging.assess` on its first day), one overlay segment at a time; the days after the
schedule on which the charge may change come from the change-point functions the timeline uses
(:func:`~careact.charging.change_points.case_points`, :func:`~careact.charging.change_points.first_parameter_change`,
:func:`~careact.charging.change_points.projected_depletion`), applied to the last period's state. No
rule is restated here.

Capital is never drawn down here: the event path takes capital from what is reported
(``capital_reported``), and schedules a reassessment on the day capital paying the full cost is
projected to reach the upper limit.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from ..charging.change_points import (
    ChangeReason,
    PointContext,
    case_points,
    first_parameter_change,
    projected_depletion,
)
from ..charging.models import ChargingCase, ChargingResult
from ..charging.timeline import TimelinePeriod, _params_read, timeline
from ..results import resolve_rules
from ..rules import RuleSet
from .history import History
from .state import Reason, ScheduledReassessment

__all__ = ["ComputedPeriod", "periods_between", "scheduled_after"]

ONE_DAY = timedelta(days=1)


@dataclass(frozen=True, slots=True)
class ComputedPeriod:
    period: TimelinePeriod
    rules: RuleSet
    overlay_reason: ChangeReason | None

    @property
    def start(self) -> date:
        return self.period.start

    @property
    def end(self) -> date:
        return self.period.end

    @property
    def result(self) -> ChargingResult:
        return self.period.result


def last_day(history: History, until: date) -> date:
    """The last day anything is charged for, up to ``until``."""
    return until if history.closed is None else min(until, history.closed - ONE_DAY)


def periods_between(history: History, start: date, until: date, rules: RuleSet) -> list[ComputedPeriod]:
    """The periods of the charge schedule in [start, until] (none from the day care ended), split where
    the council's overlays change."""
    stop = last_day(history, until)
    if start > stop:
        return []
    cuts = sorted({d for d, _ in history.overlays if start < d <= stop})
    bounds = [start, *cuts]
    out: list[ComputedPeriod] = []
    for i, seg_start in enumerate(bounds):
        seg_end = bounds[i + 1] - ONE_DAY if i + 1 < len(bounds) else stop
        names = history.overlays_on(seg_start)
        seg_rules: RuleSet = resolve_rules(rules, names) if names else rules
        tl = timeline(history.timeline_case, seg_start, seg_end, rules=seg_rules, explain=True,
                      project_capital_depletion=False)
        for j, p in enumerate(tl.periods):
            reason = None
            if j == 0 and any(d == seg_start for d, _ in history.overlays):
                reason = ChangeReason("overlay", "the council's charging policy changes: "
                                      + (", ".join(names) if names else "the national rules only"),
                                      after=list(names), citation="Care Act 2014 s 14; council charging policy")
            out.append(ComputedPeriod(p, seg_rules, reason))
    return out


def scheduled_after(last: ComputedPeriod, until: date, horizon: date) -> list[ScheduledReassessment]:
    """The days in (until, horizon] on which the charge may change, from the state of the last period."""
    case: ChargingCase = last.result.inputs
    found: dict[date, list[ChangeReason]] = case_points(PointContext(case, last.start, horizon, last.rules))
    nxt = first_parameter_change(last.rules, _params_read(last.result), last.start,
                                 last.rules.change_dates(last.start, horizon))
    if nxt is not None:
        found.setdefault(nxt[0], []).extend(nxt[1])
    dep = projected_depletion(last.result, last.start)
    if dep is not None and dep.day is not None and dep.reason is not None and dep.day <= horizon:
        found.setdefault(dep.day, []).append(dep.reason)
    out = []
    for day in sorted(d for d in found if d > until):
        reasons = [Reason.of(r) for r in found[day]]
        first = reasons[0]
        description = first.description if first.kind != "rules" else (
            "a figure the assessment reads changes (" + ", ".join(r.path or "" for r in reasons) + ")")
        out.append(ScheduledReassessment(on=day, rule=first.kind, description=description, citation=first.citation,
                                         reasons=reasons))
    return out
