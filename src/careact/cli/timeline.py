"""``careact timeline``: the weekly charge for every period between change points, with reasons.

    careact timeline CASE.json --from 2025-04-01 --to 2026-03-31 [--format json|text|csv] [--overlay NAME]
                     [--explain] [--no-depletion]

CASE.json is a charging case (careact.case.charging/1) or a timeline case
(careact.case.timeline/1: {"case": ..., "changes": [...], "becomes_permanent_on": ..., "charged": [...]}).
With "charged" the output includes backdating/arrears per period.
"""

from __future__ import annotations

import argparse
import csv
import sys
from typing import Any

from ..money import format_money
from ._common import Subparsers, add_example, add_format, add_overlay, assessment_date, command, example_data
from ._io import emit_json, read_json, timeline_case


def register(sub: Subparsers) -> None:
    p = command(sub, "timeline", help="the weekly charge for every period between change points (and arrears)",
                description="The weekly charge for every period between change points from --from to --to, with "
                            "the reason for each change (upratings, birthdays, the 12-week property disregard, "
                            "dated changes of circumstance) and, when the case records what was charged, the "
                            "arrears or refund for each period.",
                examples=["careact timeline --example home_care_uprating_and_arrears --from 2025-03-01 --to 2025-12-31",
                          ("careact timeline --example temporary_stay_becomes_permanent --from 2025-04-01 "
                           "--to 2026-03-31 --format csv")])
    src = p.add_mutually_exclusive_group(required=True)
    src.add_argument("case", nargs="?", metavar="CASE.json",
                     help="the case as JSON (a charging case, or a timeline case with dated changes), or -")
    add_example(src, "timeline", "charging")
    p.add_argument("--from", dest="start", type=assessment_date, required=True, metavar="YYYY-MM-DD",
                   help="first day of the timeline")
    p.add_argument("--to", dest="end", type=assessment_date, required=True, metavar="YYYY-MM-DD",
                   help="last day of the timeline (inclusive)")
    add_format(p, extra=["csv"], what="the periods")
    add_overlay(p)
    p.add_argument("--explain", action="store_true", help="text/json: include each period's full explanation")
    p.add_argument("--no-depletion", action="store_true", help="do not project capital depletion while paying full cost")
    p.set_defaults(run=_run)


def _case(args: argparse.Namespace) -> Any:
    if not args.example:
        return timeline_case(read_json(args.case))
    from ._common import example_names

    return example_data("timeline" if args.example in example_names("timeline") else "charging", args.example)


def _run(args: argparse.Namespace) -> int:
    from ..charging.timeline import timeline

    tl = timeline(_case(args), args.start, args.end, overlay=args.overlay or None,
                  explain=args.explain or args.format == "json", project_capital_depletion=not args.no_depletion)
    if args.format == "json":
        emit_json(tl.to_dict(explain=args.explain))
    elif args.format == "csv":
        _csv(tl)
    else:
        _text(tl, args.explain)
    return 0


def _csv(tl: Any) -> None:
    w = csv.writer(sys.stdout, lineterminator="\n")
    w.writerow(["start", "end", "days", "weekly_charge", "council_weekly_contribution", "cost_of_care",
                "assessed_capital", "assessed_income", "self_funder", "changes"])
    for p in tl.periods:
        w.writerow([p.start.isoformat(), p.end.isoformat(), p.days, f"{p.weekly_charge:.2f}",
                    f"{p.council_weekly_contribution:.2f}", f"{p.cost_of_care:.2f}", f"{p.assessed_capital:.2f}",
                    f"{p.assessed_income:.2f}", "yes" if p.self_funder else "no",
                    "; ".join(c.description for c in p.changes)])
    if tl.backdating:
        w.writerow([])
        w.writerow(["start", "end", "days", "weekly_due", "weekly_charged", "due", "charged", "difference"])
        for r in tl.backdating.rows:
            w.writerow([r.start.isoformat(), r.end.isoformat(), r.days, f"{r.weekly_due:.2f}", f"{r.weekly_charged:.2f}",
                        f"{r.due:.2f}", f"{r.charged:.2f}", f"{r.difference:.2f}"])
        w.writerow(["total", "", "", "", "", f"{tl.backdating.total_due:.2f}", f"{tl.backdating.total_charged:.2f}",
                    f"{tl.backdating.total_difference:.2f}"])


def _text(tl: Any, explain: bool) -> None:
    print(f"Weekly charge from {tl.start.isoformat()} to {tl.end.isoformat()} ({tl.ruleset['id']})")
    for p in tl.periods:
        print()
        print(f"{p.start.isoformat()} to {p.end.isoformat()} ({p.days} days): {format_money(p.weekly_charge)} a week")
        for c in p.changes:
            detail = ""
            if c.before is not None or c.after is not None:
                detail = f" ({c.before} -> {c.after})"
            law = f" [{c.citation}]" if c.citation else ""
            print(f"  - {c.description}{detail}{law}")
        if explain and p.result.explanation is not None:
            print()
            print(p.result.explanation.render_text())
    if tl.assumptions:
        print()
        for a in tl.assumptions:
            print(f"Assumption: {a}")
    if tl.backdating:
        b = tl.backdating
        print()
        print("Backdating (due - charged):")
        for r in b.rows:
            print(f"  {r.start.isoformat()} to {r.end.isoformat()} ({r.days} days): due {format_money(r.due)}, "
                  f"charged {format_money(r.charged)}, difference {format_money(r.difference)}")
        print(f"  Total: due {format_money(b.total_due)}, charged {format_money(b.total_charged)}, "
              f"difference {format_money(b.total_difference)}")
        print(f"  Rule: {b.rule}")
