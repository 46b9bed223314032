"""``careact batch``: re-assess a file of cases under two rule specs (the April run), resumably, on every core."""

from __future__ import annotations

import argparse
import sys


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "batch",
        help="re-assess every case of a CSV or JSONL file under two rule specs and diff them",
        description="Re-assess every case under --from-ruleset and --to-ruleset, each a SPEC "
        "NAME[+OVERLAY...][@YYYY-MM-DD] (the April run: england@2025-03-31 -> england@2025-04-07). Writes "
        "results.jsonl, diffs.jsonl, errors.jsonl, summary.json and summary.txt to --out. An interrupted run "
        "resumes where it stopped when the same command is run again. CSV columns are dotted paths into "
        "the case (person.date_of_birth, care.setting, income.0.type, income.0.amount, ...); JSONL has "
        "one case per line.",
    )
    p.add_argument("input", help="cases: .csv or .jsonl")
    p.add_argument("--from-ruleset", required=True, metavar="SPEC", help="the old rules, e.g. england@2025-03-31")
    p.add_argument("--to-ruleset", required=True, metavar="SPEC", help="the new rules, e.g. england@2025-04-07")
    p.add_argument("--overlay", action="append", default=[], metavar="NAME_OR_FILE",
                   help="overlay applied under both specs, e.g. a council's policy (repeatable)")
    p.add_argument("--out", required=True, metavar="DIR", help="output directory (created; reused to resume)")
    p.add_argument("--format", choices=["csv", "jsonl"], default=None, help="input format (default: from the name)")
    p.add_argument("--workers", type=int, default=None, help="worker processes (default: every core)")
    p.add_argument("--chunk-size", type=int, default=100, help="cases per chunk and per checkpoint (default 100)")
    p.add_argument("--no-attribution", action="store_true",
                   help="skip explanations: faster, but diffs do not name the parameters that moved each charge")
    p.add_argument("--keep-explanations", action="store_true", help="keep each result's explanation in results.jsonl")
    p.add_argument("--restart", action="store_true", help="discard an earlier run in --out and start again")
    p.add_argument("--no-progress", action="store_true", help="no progress bar on standard error")
    p.set_defaults(run=_run)


def _run(args: argparse.Namespace) -> int:
    from ..batch import run_batch

    try:
        run = run_batch(
            args.input, args.out, args.from_ruleset, args.to_ruleset,
            overlays=args.overlay, fmt=args.format, workers=args.workers, chunk_size=args.chunk_size,
            attribute=not args.no_attribution, keep_explanations=args.keep_explanations,
            progress=not args.no_progress, restart=args.restart,
        )
    except KeyboardInterrupt:
        print("careact batch: interrupted; run the same command again to resume", file=sys.stderr)
        return 130
    sys.stdout.write((run.out_dir / "summary.txt").read_text(encoding="utf-8"))
    return 0
