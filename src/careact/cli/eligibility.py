"""``careact eligibility CASE.json``: determine eligibility under SI 2015/313 regs 2-3."""

from __future__ import annotations

import argparse

from ._io import emit_json, parse_date, read_json


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "eligibility",
        help="determine whether an adult's or a carer's needs meet the eligibility criteria",
        description="Determine eligibility (Care Act 2014 s.13; SI 2015/313 reg 2 for adults, reg 3 for carers) "
        "from the practitioner's findings in CASE (JSON; '-' for standard input). Bundled examples: "
        "careact/examples/eligibility/*.json.",
    )
    p.add_argument("case", help="the case file (JSON)")
    p.add_argument("--explain", action="store_true", help="include the cited step-by-step explanation")
    p.add_argument("--format", choices=["json", "text"], default="json")
    p.add_argument("--date", type=parse_date, default=None, help="date of the determination, YYYY-MM-DD (default: the case's assessed_on, else today)")
    p.add_argument("--min-observation-days", type=int, default=None, help="review threshold for a fluctuating-needs observation period (default from data)")
    p.add_argument("--locale", default="en_GB", help="locale for the text explanation (default en_GB)")
    p.set_defaults(run=_run)


def _run(args: argparse.Namespace) -> int:
    from ..eligibility import default_on, determine
    from ..eligibility.render import render_result_text

    data = read_json(args.case)
    d = determine(data, on=args.date or default_on(data), explain=args.explain, minimum_observation_days=args.min_observation_days)
    if args.format == "json":
        emit_json(d.to_dict(explain=args.explain))
        return 0
    print(render_result_text(d.result, locale=args.locale), end="")
    if args.explain and d.explanation is not None:
        print()
        print(d.explanation.render_text(locale=args.locale), end="")
    return 0
