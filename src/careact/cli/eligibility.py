"""``careact eligibility CASE.json``: determine eligibility under SI 2015/313 regs 2-3."""

from __future__ import annotations

import argparse

from ._common import Subparsers, add_date, add_example, add_format, command, example_data
from ._io import eligibility_case, emit_json, read_json


def register(sub: Subparsers) -> None:
    p = command(
        sub, "eligibility",
        help="determine whether an adult's or a carer's needs meet the eligibility criteria",
        description="Determine eligibility (Care Act 2014 s.13; SI 2015/313 reg 2 for adults, reg 3 for carers) "
                    "from the practitioner's findings in a needs or carer's assessment.",
        examples=["careact eligibility --example adult_eligible",
                  "careact eligibility --example carer_eligible --explain",
                  ("careact eligibility --example fluctuating --date 2025-05-02 --min-observation-days 200 "
                   "--format json")])
    src = p.add_mutually_exclusive_group(required=True)
    src.add_argument("case", nargs="?", metavar="CASE.json",
                     help="the assessment's findings as JSON (careact.eligibility.input/1), or - for standard input")
    add_example(src, "eligibility", what="assessment")
    p.add_argument("--explain", action="store_true", help="include the cited step-by-step explanation")
    add_format(p, what="the determination")
    add_date(p, help="date of the determination, YYYY-MM-DD (default: the case's assessed_on, else today)")
    p.add_argument("--min-observation-days", type=int, default=None, metavar="DAYS",
                   help="review threshold for a fluctuating-needs observation period (default from data)")
    p.add_argument("--locale", type=_locale, default="en_GB", help="locale for the text output (default en_GB)")
    p.set_defaults(run=_run, date_field="assessed_on")


def _locale(text: str) -> str:
    from babel import Locale, UnknownLocaleError

    try:
        Locale.parse(text)
    except (UnknownLocaleError, ValueError, TypeError):
        raise argparse.ArgumentTypeError(f"{text[:40]!r} is not a locale (e.g. en_GB, cy_GB)") from None
    return text


def _run(args: argparse.Namespace) -> int:
    from ..eligibility import default_on, determine
    from ..eligibility.render import render_result_text

    data = example_data("eligibility", args.example) if args.example else eligibility_case(read_json(args.case))
    d = determine(data, on=args.date or default_on(data), explain=args.explain, minimum_observation_days=args.min_observation_days)
    if args.format == "json":
        emit_json(d.to_dict(explain=args.explain))
        return 0
    print(render_result_text(d.result, locale=args.locale), end="")
    if args.explain and d.explanation is not None:
        print()
        print(d.explanation.render_text(locale=args.locale), end="")
    return 0
