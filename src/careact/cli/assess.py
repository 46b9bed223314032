"""``careact assess``: a financial assessment of one case, as text or JSON."""

from __future__ import annotations

import argparse
from datetime import date

from ._common import Subparsers, add_date, add_example, add_format, add_overlay, command
from ._io import charging_case, emit_json, read_json


def register(sub: Subparsers) -> None:
    p = command(sub, "assess", help="assess what a case must pay each week (financial assessment)",
                description="The financial assessment of one case (SI 2014/2672): what the adult pays each week "
                            "and what the council pays, with every step of the working and the law it rests on.",
                examples=["careact assess --example residential_single --date 2025-06-01",
                          "careact assess --example home_care_pensioner --date 2025-06-01 --explain",
                          ("careact assess --example residential_single --date 2025-06-01 --overlay council/reading "
                           "--format json")])
    src = p.add_mutually_exclusive_group(required=True)
    src.add_argument("case", nargs="?", metavar="CASE.json",
                     help="the case as JSON (careact.case.charging/1), or - for standard input")
    add_example(src, "charging")
    add_date(p)
    add_overlay(p)
    p.add_argument("--explain", action="store_true", help="include every step of the working and the law")
    add_format(p)
    p.set_defaults(run=_run)


def _run(args: argparse.Namespace) -> int:
    from ..charging import assess, example_case
    from ..explain import render_text

    case = example_case(args.example) if args.example else charging_case(read_json(args.case))
    on = args.date or date.today()
    result = assess(case, on=on, overlay=args.overlay or None, explain=args.explain or args.format == "json")
    if args.format == "json":
        emit_json(result.model_dump(mode="json", by_alias=True, exclude_none=not args.explain))
        return 0
    print(result.breakdown())
    for f in result.flags:
        if not f.needs_officer_decision:
            print(f"Note: {f.message}")
    if args.explain and result.explanation:
        print()
        print(render_text(result.explanation))
    return 0
