"""``careact events apply``: apply change-of-circumstance events to a case, one JSON object a line.

    careact events apply STATE.json EVENTS.jsonl [--format text|json] [--overlay NAME] [--out NEW_STATE.json]
                         [--no-explain]

STATE.json is the case's state (``careact.events.state/1``; ``{"schema": "careact.events.state/1"}``
for a new case); EVENTS.jsonl holds one event a line (``-`` reads standard input). Each event's
reassessments (with the explanation of each), scheduled reassessments and notices are printed;
``--out`` writes the new state. All or nothing: an event that cannot be applied is reported by its
line and field, and nothing is written.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..json_input import parse_json
from ._common import Subparsers, add_format, add_overlay, command, example_names, example_path
from ._io import emit_json, read_json

_EXAMPLE = "careact events apply --example moving_into_a_care_home"


def register(sub: Subparsers) -> None:
    p = command(sub, "events", help="apply change-of-circumstance events to a case: reassessments and notices",
                examples=[_EXAMPLE])
    events_sub = p.add_subparsers(dest="events_command", metavar="ACTION", help="what to do")
    events_sub.required = True
    a = command(events_sub, "apply", help="apply the events of a JSON Lines file to a case's state",
                examples=[_EXAMPLE, f"{_EXAMPLE} --no-explain --format json",
                          f"{_EXAMPLE} --out state.json > /dev/null"])
    a.add_argument("state", nargs="?", metavar="STATE.json",
                   help="the case's state as JSON (careact.events.state/1), or - for standard input")
    a.add_argument("events", nargs="?", metavar="EVENTS.jsonl",
                   help="the events, one JSON object a line (JSON Lines), or - for standard input")
    a.add_argument("--example", choices=example_names("events"), metavar="NAME",
                   help="apply a bundled stream of events to a new case instead of files: "
                   + ", ".join(n for n in example_names("events") if n != "new_case"))
    add_format(a, what="the reassessments and notices")
    add_overlay(a, help="a council or reform overlay, by name or file (repeatable)")
    a.add_argument("--out", metavar="FILE", help="write the new state to this file")
    a.add_argument("--no-explain", action="store_true", help="leave out each reassessment's explanation")
    a.set_defaults(run=_run)


def _read_lines(path: str) -> list[tuple[int, str]]:
    try:
        text = sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError.single("events", f"cannot read {path}: {exc.strerror or exc}", "io") from None
    except UnicodeDecodeError as exc:
        raise InputError.single("events", f"{path} is not UTF-8 text (byte {exc.start})", "encoding") from None
    return [(n, line) for n, line in enumerate(text.splitlines(), start=1) if line.strip()]


def _prefixed(exc: InputError, prefix: str) -> InputError:
    from ..events.apply import prefixed

    return prefixed(exc, prefix)


def _run(args: argparse.Namespace) -> int:
    from ..events import AppliedEvents, CaseState, apply_event, parse_event
    from ..events.outcome import EventOutcome
    from ..results import resolve_rules
    from ..validation import validate_model

    if args.example:
        if args.state or args.events:
            raise InputError.single("example", "give either --example or STATE.json and EVENTS.jsonl, not both", "invalid")
        args.state = str(example_path("events", "new_case"))
        args.events = str(example_path("events", args.example))
    elif not (args.state and args.events):
        raise InputError.single("events", "give STATE.json and EVENTS.jsonl (or --example NAME)", "missing")
    if args.state == "-" and args.events == "-":
        raise InputError.single("state", "only one of STATE and EVENTS can be read from standard input", "invalid")
    try:
        state = validate_model(CaseState, read_json(args.state))
    except InputError as exc:
        raise _prefixed(exc, "state") from None
    rules = resolve_rules(None, args.overlay)
    outcomes: list[EventOutcome] = []
    lines = _read_lines(args.events)
    if not lines:
        raise InputError.single("events", f"{args.events} holds no events", "missing")
    for n, line in lines:
        where = f"line {n}"
        data: Any = parse_json(line, where=where)
        try:
            state, outcome = apply_event(state, parse_event(data), rules=rules, explain=not args.no_explain)
        except InputError as exc:
            raise _prefixed(exc, where) from None
        outcomes.append(outcome)
    applied = AppliedEvents(state=state, outcomes=outcomes)
    if args.out:
        Path(args.out).write_text(state.model_dump_json(by_alias=True, indent=2) + "\n", encoding="utf-8")
    if args.format == "json":
        emit_json(applied.model_dump(mode="json", by_alias=True))
    else:
        print(applied.render_text(explain=not args.no_explain))
    return 0
