"""``careact assess``: a financial assessment of one case, as text or JSON."""

from __future__ import annotations

import argparse
from datetime import date

from ..charging import assess, example_case, example_names
from ..explain import render_text
from ..validation import validate_model
from ._io import emit_json, parse_date, read_json


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("assess", help="assess what a case must pay each week (financial assessment)")
    src = p.add_mutually_exclusive_group(required=True)
    src.add_argument("case", nargs="?", help="the case as JSON (careact.case.charging/1), or - for stdin")
    src.add_argument("--example", choices=example_names(), help="assess a bundled example case")
    p.add_argument("--date", type=parse_date, default=None, help="assessment date YYYY-MM-DD (default: today)")
    p.add_argument("--overlay", action="append", default=[], help="council or reform overlay, by name or file (repeatable)")
    p.add_argument("--explain", action="store_true", help="include every step of the working and the law")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.set_defaults(run=_run)


def _run(args: argparse.Namespace) -> int:
    from ..charging.models import ChargingCase

    case = example_case(args.example) if args.example else validate_model(ChargingCase, read_json(args.case))
    on = args.date or date.today()
    result = assess(case, on=on, overlay=args.overlay or None, explain=args.explain or args.format == "json")
    if args.format == "json":
        emit_json(result.model_dump(mode="json", by_alias=True, exclude_none=not args.explain))
        return 0
    print(result.breakdown())
    flags = [f for f in result.flags if not f.needs_officer_decision]
    for f in flags:
        print(f"Note: {f.message}")
    if args.explain and result.explanation:
        print()
        print(render_text(result.explanation))
    return 0
