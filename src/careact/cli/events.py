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
import json
import sys
from pathlib import Path
from typing import Any

from ..errors import FieldProblem, InputError
from ._io import emit_json, read_json


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("events", help="apply change-of-circumstance events to a case: reassessments and notices")
    events_sub = p.add_subparsers(dest="events_command", metavar="ACTION")
    events_sub.required = True
    a = events_sub.add_parser("apply", help="apply the events of a JSON Lines file to a case's state")
    a.add_argument("state", help="the case's state as JSON (careact.events.state/1), or - for standard input")
    a.add_argument("events", help="the events, one JSON object a line (JSON Lines), or - for standard input")
    a.add_argument("--format", choices=["text", "json"], default="text")
    a.add_argument("--overlay", action="append", default=[], help="council or reform overlay, by name or file (repeatable)")
    a.add_argument("--out", help="write the new state to this file")
    a.add_argument("--no-explain", action="store_true", help="leave out each reassessment's explanation")
    a.set_defaults(run=_run)


def _read_lines(path: str) -> list[tuple[int, str]]:
    try:
        text = sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError.single("events", f"cannot read {path}: {exc.strerror or exc}", "io") from None
    return [(n, line) for n, line in enumerate(text.splitlines(), start=1) if line.strip()]


def _prefixed(exc: InputError, prefix: str) -> InputError:
    from ..events.apply import prefixed

    return prefixed(exc, prefix)


def _run(args: argparse.Namespace) -> int:
    from ..events import AppliedEvents, CaseState, apply_event, parse_event
    from ..events.outcome import EventOutcome
    from ..results import resolve_rules
    from ..validation import validate_model

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
        try:
            data: Any = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError([FieldProblem(where, f"is not valid JSON: {exc.msg} (column {exc.colno})", "json")]) from None
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
