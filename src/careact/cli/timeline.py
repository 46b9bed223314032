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

from ..money import format_money
from ._io import emit_json, parse_date, read_json


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("timeline", help="the weekly charge for every period between change points (and arrears)")
    p.add_argument("case", help="the case as JSON (a charging case, or a timeline case with dated changes), or -")
    p.add_argument("--from", dest="start", type=parse_date, required=True, help="first day YYYY-MM-DD")
    p.add_argument("--to", dest="end", type=parse_date, required=True, help="last day YYYY-MM-DD (inclusive)")
    p.add_argument("--format", choices=["text", "json", "csv"], default="text")
    p.add_argument("--overlay", action="append", default=[], help="council or reform overlay, by name or file (repeatable)")
    p.add_argument("--explain", action="store_true", help="text/json: include each period's full explanation")
    p.add_argument("--no-depletion", action="store_true", help="do not project capital depletion while paying full cost")
    p.set_defaults(run=_run)


def _run(args: argparse.Namespace) -> int:
    from ..charging.timeline import timeline

    tl = timeline(read_json(args.case), args.start, args.end, overlay=args.overlay or None,
                  explain=args.explain or args.format == "json", project_capital_depletion=not args.no_depletion)
    if args.format == "json":
        emit_json(tl.to_dict(explain=args.explain))
    elif args.format == "csv":
        _csv(tl)
    else:
        _text(tl, args.explain)
    return 0


def _csv(tl) -> None:
    w = csv.writer(sys.stdout, lineterminator="\n")
    back = {(r.start, r.end): r for r in tl.backdating.rows} if tl.backdating else {}
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
    del back


def _text(tl, explain: bool) -> None:
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
