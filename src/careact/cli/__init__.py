"""The ``careact`` command.

Each subcommand lives in its own module in this package, exposing ``register(subparsers)``; the
modules are listed in :data:`COMMANDS` in the order they appear in ``careact --help``. The
conventions they share (``--format``, ``--example``, ``--overlay``, ``--date``...) are in
:mod:`careact.cli._common`.

Exit status: 0 success; 1 a check found problems (``rules validate``) or a replay differs; 2 the input
was rejected (every field at fault is named) or the command line was wrong; 3 rule-set data is invalid;
4 another careact error; 5 an optional dependency is missing; 70 careact itself failed (a bug: the
message says so, and ``CAREACT_DEBUG=1`` shows the traceback); 130 interrupted.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from .. import __version__
from ..errors import CareactError, FieldProblem, InputError, NoRulesInForce, RuleSetError

__all__ = ["COMMANDS", "EXIT_INTERNAL", "build_parser", "main"]

COMMANDS: tuple[str, ...] = (
    "assess",
    "timeline",
    "rules",
    "eligibility",
    "reform",
    "batch",
    "serve",
    "replay",
    "selfassess",
    "events",
)

EXIT_INTERNAL = 70  # EX_SOFTWARE: careact failed on this input; never expected


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The whole command line, or (``only``) the top level with just that command registered: faster."""
    parser = argparse.ArgumentParser(
        prog="careact",
        description="England's Care Act 2014 as a rules engine: eligibility, charging and reform, with the law cited.",
        epilog="examples:\n  careact assess --example residential_single --date 2025-06-01 --explain\n"
               "  careact eligibility --example adult_eligible\n"
               "  careact COMMAND --help",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"careact {__version__}",
                        help="print careact's version and exit")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", help="what to do (careact COMMAND --help)")
    sub.required = True
    for name in COMMANDS:
        if only is None or name == only:
            importlib.import_module(f"careact.cli.{name}").register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point: parse ``argv``, run the command, and turn every error into a readable message.

    Never shows a traceback: careact's own errors name the field at fault; anything else is a careact
    bug, reported in one line with exit status :data:`EXIT_INTERNAL` (``CAREACT_DEBUG=1`` re-raises it).
    """
    argv = list(sys.argv[1:] if argv is None else argv)
    first = next((a for a in argv if not a.startswith("-")), None)
    parser = build_parser(only=first if first in COMMANDS else None)
    args = parser.parse_args(argv)
    try:
        return int(args.run(args) or 0)
    except NoRulesInForce as exc:  # a date careact has no rules for: name the field that gave it
        return _rejected(InputError(FieldProblem(_date_field(args), str(exc), "no_rules_in_force")))
    except InputError as exc:
        return _rejected(exc)
    except RuleSetError as exc:
        print(f"careact: {exc}", file=sys.stderr)
        return 3
    except CareactError as exc:
        print(f"careact: {exc}", file=sys.stderr)
        return 4
    except BrokenPipeError:  # e.g. piped into head
        return 0
    except KeyboardInterrupt:
        print("careact: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # a careact bug: say so in one line, never a traceback
        if os.environ.get("CAREACT_DEBUG") == "1":
            raise
        print(f"careact: careact failed on this input ({type(exc).__name__}); this is a bug in careact, please "
              "report it with the input (CAREACT_DEBUG=1 shows the details)", file=sys.stderr)
        return EXIT_INTERNAL


def _rejected(exc: InputError) -> int:
    print("careact: the input was rejected:", file=sys.stderr)
    for p in exc.problems:
        print(f"  {p.field}: {p.problem}", file=sys.stderr)
    return 2


def _date_field(args: argparse.Namespace) -> str:
    """Where the date came from: the option given, else the field of the input the command reads it from."""
    if getattr(args, "date", None) is not None:
        return "--date"
    if getattr(args, "start", None) is not None:
        return "--from"
    return str(getattr(args, "date_field", "date"))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
