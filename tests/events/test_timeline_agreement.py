"""One definition: the events that make up each bundled timeline example give the timeline's periods,
charges and arrears.

Each example's timeline case is turned into the events a case-management system would post (a
financial assessment on the first day, an event for each dated change, the stay becoming permanent,
capital reported as it is drawn down, and what was charged, recorded after the year), and the
system posts a review on each day careact schedules a reassessment.
"""

from __future__ import annotations

import json
from datetime import date
from importlib import resources
from typing import Any

import pytest

from careact.charging import timeline
from careact.charging.timeline import TimelineCase, _case_on

from .helpers import ONE_DAY, period_rows, run

START, END = date(2025, 4, 1), date(2026, 3, 31)
EXAMPLES = sorted(p.name for p in resources.files("careact").joinpath("examples/timeline").iterdir() if p.name.endswith(".json"))


def _example(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(resources.files("careact").joinpath(f"examples/timeline/{name}").read_text("utf-8"))
    return data


def _events(example: dict[str, Any], tl: Any) -> list[dict[str, Any]]:
    """The events that make up ``example`` over [START, END]: the same case on every day."""
    tc = TimelineCase.model_validate(example)
    out: list[dict[str, Any]] = [{"type": "financial_assessment", "id": "opened", "effective": START.isoformat(),
                                  "case": _case_on(tc, START)[0]}]
    if tc.becomes_permanent_on is not None and tc.becomes_permanent_on > START:
        out.append({"type": "stay_becomes_permanent", "id": "permanent", "effective": tc.becomes_permanent_on.isoformat()})
    for i, ch in enumerate(tc.changes):
        if not START < ch.from_ <= END:
            continue
        on = ch.from_.isoformat()
        case = _case_on(tc, ch.from_)[0]
        if set(ch.set) == {"care.weekly_cost"}:
            out.append({"type": "care_cost_changed", "id": f"change-{i}", "effective": on, "weekly_cost": ch.set["care.weekly_cost"],
                        "note": ch.note})
        elif all(p.startswith("capital") for p in ch.set):
            out.append({"type": "capital_reported", "id": f"change-{i}", "effective": on, "capital": case["capital"]})
        else:
            out.append({"type": "financial_assessment", "id": f"change-{i}", "effective": on, "case": case})
    # capital drawn down to pay the full cost, as a statement would report it on each period's first day
    for prev, p in zip(tl.periods, tl.periods[1:]):
        drawn = [c.model_dump(mode="json", exclude_none=True) for c in p.result.inputs.capital]
        if drawn != [c.model_dump(mode="json", exclude_none=True) for c in prev.result.inputs.capital] and \
                any(r.kind in ("capital_drawn", "capital_depletion") for r in p.changes):
            out.append({"type": "capital_reported", "id": f"statement-{p.start}", "effective": p.start.isoformat(),
                        "capital": drawn})
    out.sort(key=lambda e: e["effective"])
    charged = [{"type": "charge_recorded", "id": f"charged-{i}", "effective": s.from_.isoformat(), "weekly": str(s.weekly),
                "reported": (END + ONE_DAY).isoformat(), **({"to": s.to.isoformat()} if s.to else {})}
               for i, s in enumerate(tc.charged)]
    return out + charged


@pytest.mark.parametrize("name", EXAMPLES)
@pytest.mark.parametrize("review_scheduled", [True, False], ids=["reviews", "no-reviews"])
def test_events_give_the_timeline(name: str, review_scheduled: bool) -> None:
    example = _example(name)
    tl = timeline(example, START, END)
    events = _events(example, tl)
    if not review_scheduled:  # a system that never acts on scheduled reassessments, reviewing once after the year
        events.append({"type": "review", "id": "year-end", "effective": (END + ONE_DAY).isoformat()})
    state, log = run(events, END, review_scheduled=review_scheduled, explain=False)

    assert period_rows(state.periods, START, END) == period_rows(tl.periods, START, END)

    # after the last event everything is settled: what is charged is the charge due, day by day
    for p in state.periods:
        for d in (p.start, p.end or p.start):
            assert state.charged_on(d) == p.weekly_charge

    if review_scheduled:
        # arrears and refunds: the timeline's backdating, row for row (a system that misses reassessments
        # is also sent the arrears or refunds of the charges it was told while they were missed)
        notices = [n for _, out in log for n in out.notices if n.kind in ("arrears", "refund")]
        rows = [(r.start, r.end, r.due, r.charged, r.difference) for n in notices for r in n.rows if r.difference]
        if tl.backdating is None:
            assert notices == []
        else:
            assert rows == [(r.start, r.end, r.due, r.charged, r.difference) for r in tl.backdating.rows if r.difference]
            assert sum((n.amount or 0) * (1 if n.kind == "arrears" else -1) for n in notices) == tl.backdating.total_difference

        # every period the rules start (not an event) was a scheduled reassessment, acted on by a review
        reviews = {date.fromisoformat(ev["effective"]) for ev, _ in log if ev["type"] == "review"}
        caused = {p.start for p in tl.periods[1:] if all(c.kind not in ("input", "becomes_permanent", "capital_drawn")
                                                          for c in p.changes)}
        assert caused <= reviews | {date.fromisoformat(e["effective"]) for e in events}
        assert {p.start for p in tl.periods[1:]} >= reviews - {END + ONE_DAY}


def test_the_projected_depletion_day_is_scheduled() -> None:
    """The self-funder example: the day capital reaches the upper limit is a scheduled reassessment, the
    same day the timeline's projection finds."""
    example = _example("self_funder_capital_depletion.json")
    tl = timeline(example, START, END)
    (depleted,) = [p for p in tl.periods if any(c.kind == "capital_depletion" for c in p.changes)]
    _, log = run(_events(example, tl), END, explain=False)
    scheduled = {(s.on, s.rule) for _, out in log for s in out.scheduled}
    assert (depleted.start, "capital_depletion") in scheduled
    review = next(out for ev, out in log if ev["effective"] == depleted.start.isoformat())
    assert review.reassessments[0].weekly_charge == depleted.weekly_charge < tl.periods[0].weekly_charge
