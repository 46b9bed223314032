"""``careact replay RESULT.json``: re-run a recorded result and prove it is reproduced byte for byte.

Exit status: 0 when the replay is byte-identical (canonical JSON), 1 when it differs (the report
says which fields and why), 2 when the document cannot be replayed (the field at fault is named).
"""

from __future__ import annotations

import argparse

from ._common import Subparsers, add_format, command
from ._io import emit_json, read_json


def register(sub: Subparsers) -> None:
    p = command(
        sub, "replay",
        help="re-run a recorded result with its recorded inputs, date and rules; show any difference and why",
        examples=["careact assess --example residential_single --date 2025-06-01 --format json > result.json",
                  "careact replay result.json"],
    )
    p.add_argument("result", metavar="RESULT.json",
                   help="a recorded result as JSON (careact.result.charging/1, timeline or eligibility), or -")
    p.add_argument("--overlay", action="append", default=[], metavar="FILE",
                   help="an overlay file for a recorded overlay that is not bundled (repeatable)")
    p.add_argument("--rules", default=None, metavar="DIR",
                   help="a rule-set directory to replay with, when the recorded base rule set is not bundled")
    p.add_argument("--recorded-rules", default=None, metavar="DIR",
                   help="the rule-set directory that produced the recording, to list every parameter that changed")
    add_format(p, what="the replay report")
    p.add_argument("--show-replayed", action="store_true", help="include the replayed result (JSON format)")
    p.set_defaults(run=_run, date_field="on")


def _run(args: argparse.Namespace) -> int:
    from ..replay import replay
    from ..rules import load_ruleset

    doc = read_json(args.result, where="result")
    rules = load_ruleset(args.rules) if args.rules else None
    recorded = load_ruleset(args.recorded_rules) if args.recorded_rules else None
    report = replay(doc, rules=rules, overlays=args.overlay, recorded_rules=recorded)
    if args.format == "json":
        emit_json(report.to_dict(include_replayed=args.show_replayed))
    else:
        print(report.render_text())
    return 0 if report.identical else 1
