"""The conventions every ``careact`` command shares, in one place.

* ``--format text|json``: text for people by default, JSON for programs (some commands add ``csv``).
* ``--example NAME``: a bundled example case in place of a file, on every command that takes a case.
* ``--overlay NAME_OR_FILE`` (repeatable), ``--date YYYY-MM-DD``, ``--chunk-size N``, ``--workers N``,
  ``--progress/--no-progress``: one spelling each. An older spelling still works as a hidden alias
  that warns on standard error.
* Every argument has help text, and every command's help ends with examples that run as written.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from datetime import date
from importlib import resources
from importlib.resources.abc import Traversable
from typing import TYPE_CHECKING, Any, TypeAlias

from ..dates import check_assessment_date
from ..errors import InputError, UnknownRuleSet

__all__ = [
    "EXAMPLE_KINDS",
    "Subparsers",
    "add_chunk_size",
    "add_date",
    "add_deprecated",
    "add_example",
    "add_format",
    "add_overlay",
    "add_progress",
    "add_workers",
    "assessment_date",
    "command",
    "example_data",
    "example_names",
    "example_path",
    "positive_int",
    "progress_wanted",
]

if TYPE_CHECKING:
    Subparsers: TypeAlias = argparse._SubParsersAction[argparse.ArgumentParser]
else:
    Subparsers = argparse._SubParsersAction

# the bundled examples: careact/examples/<kind>/<name>.json (a batch example is a CSV file)
EXAMPLE_KINDS = ("charging", "timeline", "eligibility", "reform", "batch")


def _examples_dir(kind: str) -> Traversable:
    return resources.files("careact").joinpath("examples", kind)


def example_names(kind: str) -> tuple[str, ...]:
    """The names of the bundled examples of one kind, sorted."""
    folder = _examples_dir(kind)
    if not folder.is_dir():
        return ()
    return tuple(sorted(p.name.rsplit(".", 1)[0] for p in folder.iterdir() if p.name.endswith((".json", ".jsonl", ".csv"))))


def example_path(kind: str, name: str) -> Traversable:
    for suffix in (".json", ".jsonl", ".csv"):
        path = _examples_dir(kind).joinpath(name + suffix)
        if path.is_file():
            return path
    raise UnknownRuleSet(name, available=example_names(kind))


def example_data(kind: str, name: str) -> Any:
    """A bundled JSON example, parsed."""
    return json.loads(example_path(kind, name).read_text(encoding="utf-8"))


def command(sub: Subparsers, name: str, *, help: str, description: str | None = None,
            examples: Sequence[str] = ()) -> argparse.ArgumentParser:
    """A subcommand whose help keeps its layout and ends with runnable examples."""
    epilog = None
    if examples:
        epilog = "examples:\n" + "\n".join(f"  {line}" for line in examples)
    return sub.add_parser(name, help=help, description=description or help[:1].upper() + help[1:] + ".",
                          epilog=epilog, formatter_class=argparse.RawDescriptionHelpFormatter)


def add_format(p: argparse.ArgumentParser, *, extra: Sequence[str] = (), what: str = "the result") -> None:
    choices = ["text", "json", *extra]
    p.add_argument("--format", choices=choices, default="text",
                   help=f"how to print {what}: text for people (default), json for programs"
                   + (f", or {', '.join(extra)}" if extra else ""))


def add_example(p: argparse.ArgumentParser | argparse._MutuallyExclusiveGroup, *kinds: str, what: str = "case") -> None:
    names = [n for k in kinds for n in example_names(k)]
    p.add_argument("--example", choices=names, metavar="NAME",
                   help=f"use a bundled example {what} instead of a file: {', '.join(names)}")


def add_overlay(p: argparse.ArgumentParser, help: str | None = None) -> None:
    p.add_argument("--overlay", action="append", default=[], metavar="NAME_OR_FILE",
                   help=help or "a council or reform overlay, by bundled name (careact rules list) or file; repeatable")


def assessment_date(text: str) -> date:
    """An argparse type: an ISO date in careact's range (1 April 2015 to 31 December 2099)."""
    try:
        d = date.fromisoformat(text) if len(text) == 10 else None
    except ValueError:
        d = None
    if d is None:
        raise argparse.ArgumentTypeError(f"{text[:40]!r} is not a date written YYYY-MM-DD")
    try:
        check_assessment_date(d)
    except InputError as exc:
        raise argparse.ArgumentTypeError(exc.problems[0].problem) from None
    return d


def add_date(p: argparse.ArgumentParser, help: str = "the assessment date, YYYY-MM-DD (default: today)") -> None:
    p.add_argument("--date", type=assessment_date, default=None, metavar="YYYY-MM-DD", help=help)


def add_workers(p: argparse.ArgumentParser) -> None:
    p.add_argument("--workers", type=positive_int, default=None, metavar="N",
                   help="worker processes (default: one per core)")


def add_chunk_size(p: argparse.ArgumentParser, default: int | None, help: str) -> None:
    p.add_argument("--chunk-size", dest="chunk_size", type=positive_int, default=default, metavar="N", help=help)
    add_deprecated(p, "--chunksize", "--chunk-size", dest="chunk_size", type=positive_int)


def add_progress(p: argparse.ArgumentParser) -> None:
    p.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                   help="a progress bar on standard error (default: when it is a terminal; needs the 'progress' "
                        "extra for a bar, else a counter)")


def progress_wanted(args: argparse.Namespace) -> bool:
    wanted: bool | None = getattr(args, "progress", None)
    return sys.stderr.isatty() if wanted is None else wanted


def positive_int(text: str) -> int:
    """An argparse type: a whole number of at least 1."""
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text[:40]!r} is not a whole number") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {n}")
    return n


class _DeprecatedAlias(argparse.Action):
    """An old spelling of an option: does what the new one does, and says to use the new one."""

    def __init__(self, option_strings: list[str], dest: str, *, new: str, **kwargs: Any) -> None:
        self.new = new
        super().__init__(option_strings, dest, **kwargs)

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace, values: Any,
                 option_string: str | None = None) -> None:
        print(f"careact: {option_string} is deprecated and will be removed; use {self.new}", file=sys.stderr)
        setattr(namespace, self.dest, True if self.nargs == 0 else values)


def add_deprecated(p: argparse.ArgumentParser, old: str, new: str, *, dest: str, flag: bool = False,
                   **kwargs: Any) -> None:
    """A hidden old spelling ``old`` of option ``new`` (not shown in help; warns when used)."""
    if flag:
        kwargs["nargs"] = 0
    p.add_argument(old, dest=dest, action=_DeprecatedAlias, new=new, help=argparse.SUPPRESS,
                   default=argparse.SUPPRESS, **kwargs)
