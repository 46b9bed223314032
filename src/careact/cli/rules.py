"""``careact rules``: list, show, validate and diff rule sets and overlays."""

from __future__ import annotations

import argparse
import sys
from datetime import date

from ..rules import bundled_overlays, bundled_rulesets, diff, load_ruleset, validate_path
from ..rules.ruleset import RuleSet
from ._common import Subparsers, add_date, add_format, add_overlay, assessment_date, command
from ._io import emit_json

SPEC_HELP = "a rule spec NAME[+OVERLAY...][@YYYY-MM-DD], e.g. england@2025-03-31 or england+council/reading"


def register(sub: Subparsers) -> None:
    p = command(sub, "rules", help="list, show, validate and compare rule sets and overlays",
                examples=["careact rules list", "careact rules diff england@2025-03-31 england@2025-04-07"])
    rs = p.add_subparsers(dest="rules_command", metavar="ACTION", help="what to do")
    rs.required = True

    lst = command(rs, "list", help="the bundled rule sets and overlays", examples=["careact rules list"])
    add_format(lst, what="the list")
    lst.set_defaults(run=_list)

    show = command(rs, "show", help="every parameter of a rule set in force on a date",
                   examples=["careact rules show england --date 2025-06-01",
                             "careact rules show england --date 2025-06-01 --overlay council/reading --format json"])
    show.add_argument("name", metavar="NAME", help="rule set name (e.g. england) or directory")
    add_date(show, help="the date, YYYY-MM-DD (default: today)")
    add_overlay(show)
    add_format(show, what="the parameters")
    show.set_defaults(run=_show)

    val = command(rs, "validate", help="check a rule-set directory or overlay file; report every problem",
                  examples=["careact rules validate council/reading"])
    val.add_argument("path", metavar="PATH", help="a rule-set directory, an overlay file, or a bundled overlay name")
    add_format(val, what="the problems")
    val.set_defaults(run=_validate)

    d = command(
        rs, "diff",
        help="parameters that differ between two rule specs",
        description="Compare two rule sets, versions, dates or overlays. A SPEC is NAME[+OVERLAY...][@YYYY-MM-DD]; "
                    "an overlay is a bundled name (careact rules list) or a file.",
        examples=["careact rules diff england@2025-03-31 england@2025-04-07",
                  "careact rules diff england@2025-06-01 england+council/reading@2025-06-01"],
    )
    d.add_argument("a", metavar="SPEC_A", help="the first " + SPEC_HELP)
    d.add_argument("b", metavar="SPEC_B", help="the second rule spec, in the same form")
    add_format(d, what="the differences")
    d.set_defaults(run=_diff)


def _spec(text: str) -> tuple[RuleSet, date]:
    body, _, when = text.partition("@")
    name, *overlays = body.split("+")
    try:
        on = assessment_date(when) if when else date.today()
    except argparse.ArgumentTypeError as exc:
        from ..errors import InputError

        raise InputError.single("spec", f"{text[:80]!r}: {exc}", "date") from None
    return load_ruleset(name, overlays), on


def _list(args: argparse.Namespace) -> int:
    from ..rules import load_overlay

    sets = [load_ruleset(name) for name in bundled_rulesets()]
    overlays = [(name, load_overlay(name)) for name in bundled_overlays()]
    if args.format == "json":
        emit_json({"rulesets": [{**r.identity(), "covers_from": r.covers_from().isoformat()} for r in sets],
                   "overlays": [{"name": n, "layer": o.kind.value, "id": o.id, "digest": o.digest}
                                for n, o in overlays]})
        return 0
    for rules in sets:
        print(f"{rules.id}  {rules.digest}  (from {rules.covers_from().isoformat()})")
    for name, o in overlays:
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
    path = args.path
    if path in bundled_overlays():
        from ..rules.catalogue import DATA_DIR

        path = str(DATA_DIR / "overlays" / f"{path}.toml")
    try:
        problems = validate_path(path)  # the file and, for an overlay, against its base: every problem at once
    except UnicodeDecodeError as exc:
        from ..errors import InputError

        raise InputError.single("PATH", f"{path} is not UTF-8 text (byte {exc.start})", "encoding") from None
    if args.format == "json":
        emit_json({"path": args.path, "valid": not problems, "problems": [str(p) for p in problems]})
        return 1 if problems else 0
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
