"""``careact batch``: re-assess a file of cases under two rule specs (the April run), resumably, on every core."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from ._common import (
    Subparsers,
    add_chunk_size,
    add_overlay,
    add_progress,
    add_workers,
    command,
    example_names,
    example_path,
    progress_wanted,
)
from ._io import emit_json


class _FormatOrOldInputFormat(argparse.Action):
    """``--format text|json`` prints the summary; ``--format csv|jsonl`` is the old spelling of --input-format."""

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace, values: Any,
                 option_string: str | None = None) -> None:
        if values in ("csv", "jsonl"):
            print(f"careact: --format {values} is deprecated and will be removed; use --input-format {values}",
                  file=sys.stderr)
            namespace.input_format = values
        elif values in ("text", "json"):
            namespace.format = values
        else:
            parser.error(f"argument --format: invalid choice: {str(values)[:40]!r} (choose from 'text', 'json')")


def register(sub: Subparsers) -> None:
    p = command(
        sub, "batch",
        help="re-assess every case of a CSV or JSONL file under two rule specs and diff them",
        description="Re-assess every case under --from-ruleset and --to-ruleset, each a SPEC "
        "NAME[+OVERLAY...][@YYYY-MM-DD] (the April run: england@2025-03-31 -> england@2025-04-07). Writes "
        "results.jsonl (compact; --full-results for whole results), diffs.jsonl, errors.jsonl, summary.json and "
        "summary.txt to --out. An interrupted run resumes where it stopped when the same command is run again. "
        "CSV columns are dotted paths into the case (person.date_of_birth, care.setting, income.0.type, "
        "income.0.amount, ...); JSONL has one case per line.",
        examples=[("careact batch --example april --from-ruleset england@2025-03-31 --to-ruleset england@2025-04-07 "
                   "--out april"),
                  ("careact batch --example april --from-ruleset england@2025-03-31 --to-ruleset england@2025-04-07 "
                   "--out april-reading --overlay council/reading --workers 1 --format json")],
    )
    src = p.add_mutually_exclusive_group(required=True)
    src.add_argument("input", nargs="?", metavar="INPUT", help="the cases: a .csv or .jsonl file")
    src.add_argument("--example", choices=example_names("batch"), metavar="NAME",
                     help=f"use a bundled example file of cases: {', '.join(example_names('batch'))}")
    p.add_argument("--from-ruleset", required=True, metavar="SPEC", help="the old rules, e.g. england@2025-03-31")
    p.add_argument("--to-ruleset", required=True, metavar="SPEC", help="the new rules, e.g. england@2025-04-07")
    add_overlay(p, help="an overlay applied under both specs, e.g. a council's policy (repeatable)")
    p.add_argument("--out", required=True, metavar="DIR", help="output directory (created; reused to resume)")
    p.add_argument("--input-format", choices=["csv", "jsonl"], default=None,
                   help="the input's format (default: from the file name)")
    p.add_argument("--format", action=_FormatOrOldInputFormat, default="text", metavar="{text,json}",
                   help="how to print the summary: text for people (default), json for programs")
    add_workers(p)
    add_chunk_size(p, 100, "cases per chunk and per checkpoint (default 100)")
    p.add_argument("--no-attribution", action="store_true",
                   help="skip explanations: faster, but diffs do not name the parameters that moved each charge")
    p.add_argument("--full-results", action="store_true",
                   help="write each whole result (careact.result.charging/1) to results.jsonl, not its compact form")
    p.add_argument("--keep-explanations", action="store_true",
                   help="keep each result's explanation in results.jsonl (implies --full-results)")
    p.add_argument("--figures-only", action="store_true",
                   help="re-assess each chunk of cases at once over columns: the same charges, much faster, but "
                        "results hold the figures only (no flags, no personal budget) and diffs name no parameters "
                        "(implies --no-attribution)")
    p.add_argument("--restart", action="store_true", help="discard an earlier run in --out and start again")
    add_progress(p)
    p.set_defaults(run=_run)


def _run(args: argparse.Namespace) -> int:
    from ..batch import run_batch

    source = str(example_path("batch", args.example)) if args.example else args.input
    try:
        run = run_batch(
            source, args.out, args.from_ruleset, args.to_ruleset,
            overlays=args.overlay, fmt=args.input_format, workers=args.workers, chunk_size=args.chunk_size,
            attribute=not (args.no_attribution or args.figures_only), keep_explanations=args.keep_explanations,
            full_results=args.full_results, columns=args.figures_only, progress=progress_wanted(args),
            restart=args.restart,
        )
    except KeyboardInterrupt:
        print("careact batch: interrupted; run the same command again to resume", file=sys.stderr)
        return 130
    if args.format == "json":
        emit_json(json.loads((run.out_dir / "summary.json").read_text(encoding="utf-8")))
    else:
        sys.stdout.write((run.out_dir / "summary.txt").read_text(encoding="utf-8"))
    return 0
