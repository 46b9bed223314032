"""``careact rules``: list, show, validate and diff rule sets and overlays."""

from __future__ import annotations

import argparse
import sys
from datetime import date

from ..rules import bundled_overlays, bundled_rulesets, diff, load_ruleset, validate_path
from ..rules.ruleset import RuleSet
from ._io import emit_json, parse_date


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("rules", help="list, show, validate and compare rule sets and overlays")
    rs = p.add_subparsers(dest="rules_command", metavar="ACTION")
    rs.required = True

    lst = rs.add_parser("list", help="the bundled rule sets and overlays")
    lst.set_defaults(run=_list)

    show = rs.add_parser("show", help="every parameter of a rule set in force on a date")
    show.add_argument("name", help="rule set name (e.g. england) or directory")
    show.add_argument("--date", type=parse_date, default=None, help="YYYY-MM-DD (default: today)")
    show.add_argument("--overlay", action="append", default=[], help="overlay name or file (repeatable)")
    show.add_argument("--format", choices=["text", "json"], default="text")
    show.set_defaults(run=_show)

    val = rs.add_parser("validate", help="check a rule-set directory or overlay file; report every problem")
    val.add_argument("path")
    val.set_defaults(run=_validate)

    d = rs.add_parser(
        "diff",
        help="parameters that differ between two SPECs: NAME[+OVERLAY...][@YYYY-MM-DD]",
        description="Compare two rule sets, versions, dates or overlays. A SPEC is "
        "NAME[+OVERLAY...][@YYYY-MM-DD], e.g. england@2025-03-31 england@2025-04-07, or "
        "england@2025-06-01 england+council/example_borough@2025-06-01.",
    )
    d.add_argument("a")
    d.add_argument("b")
    d.add_argument("--format", choices=["text", "json"], default="text")
    d.set_defaults(run=_diff)


def _spec(text: str) -> tuple[RuleSet, date]:
    body, _, when = text.partition("@")
    name, *overlays = body.split("+")
    on = parse_date(when) if when else date.today()
    return load_ruleset(name, overlays), on


def _list(args: argparse.Namespace) -> int:
    for name in bundled_rulesets():
        rules = load_ruleset(name)
        print(f"{rules.id}  {rules.digest}  (from {rules.covers_from().isoformat()})")
    for name in bundled_overlays():
        from ..rules import load_overlay

        o = load_overlay(name)
        print(f"  overlay {name}  [{o.kind.value}] {o.id}  {o.digest}")
    return 0


def _show(args: argparse.Namespace) -> int:
    rules = load_ruleset(args.name, args.overlay)
    on = args.date or date.today()
    resolved = rules.at(on)
    if args.format == "json":
        emit_json(
            {
                "ruleset": rules.identity(),
                "on": on.isoformat(),
                "parameters": [resolved[n].as_dict() for n in resolved],
            }
        )
        return 0
    from ..explain.render import render_param
    from ..rules.evidence import figures_in_force

    print(f"{rules.id} in force on {on.isoformat()}")
    counts: dict[str, int] = {}
    for pv in figures_in_force(rules, on):
        d = pv.as_dict()
        status = d["citation"]["status"]
        counts[status] = counts.get(status, 0) + 1
        # the status has its own column, so the line itself is rendered without the status suffix
        line = render_param({**d, "citation": {**d["citation"], "status": "verified"}})
        print(f"  {status:<10}  {line}")
    summary = ", ".join(f"{counts.get(s, 0)} {s}" for s in ("verified", "secondary", "unverified"))
    print(f"{sum(counts.values())} values: {summary}")
    return 0


def _validate(args: argparse.Namespace) -> int:
    problems = validate_path(args.path)
    if not problems:
        print(f"{args.path}: valid")
        return 0
    print(f"{args.path}: {len(problems)} problem(s)", file=sys.stderr)
    for p in problems:
        print(f"  {p}", file=sys.stderr)
    return 1


def _diff(args: argparse.Namespace) -> int:
    ra, da = _spec(args.a)
    rb, db = _spec(args.b)
    changes = diff(ra, da, rb, db)
    if args.format == "json":
        emit_json({"a": args.a, "b": args.b, "changes": [c.as_dict() for c in changes]})
        return 0
    if not changes:
        print("no differences")
        return 0
    from ..explain.render import render_param

    for c in changes:
        print(f"{c.kind}: {c.name}")
        if c.before:
            print(f"   - {render_param(c.before.as_dict())}")
        if c.after:
            print(f"   + {render_param(c.after.as_dict())}")
    return 0
