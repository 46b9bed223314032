"""The ``careact`` command.

Each subcommand lives in its own module in this package, exposing ``register(subparsers)``; the
modules are listed in :data:`COMMANDS` in the order they appear in ``careact --help``.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from .. import __version__
from ..errors import CareactError, InputError, RuleSetError

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
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="careact",
        description="England's Care Act 2014 as a rules engine: eligibility, charging and reform, with the law cited.",
    )
    parser.add_argument("--version", action="version", version=f"careact {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for name in COMMANDS:
        importlib.import_module(f"careact.cli.{name}").register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point: parse ``argv``, run the command, and turn careact errors into readable messages."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.run(args) or 0)
    except InputError as exc:
        print("careact: the input was rejected:", file=sys.stderr)
        for p in exc.problems:
            print(f"  {p.field}: {p.problem}", file=sys.stderr)
        return 2
    except RuleSetError as exc:
        print(f"careact: {exc}", file=sys.stderr)
        return 3
    except CareactError as exc:
        print(f"careact: {exc}", file=sys.stderr)
        return 4
    except BrokenPipeError:  # e.g. piped into head
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
