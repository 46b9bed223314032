"""Benchmark: a reform on 100,000 synthetic people, baseline and reform for every person.

    python bench/reform_population.py                 # 100,000 people, reform_2021, 10 years
    python bench/reform_population.py --n 2000 --executor serial

Each person is simulated twice over their spell of care (cut at --years): under the current rules
and under the reform, week by week through the care account and the charging engine. Prints the
throughput and the machine, and with --record writes them to docs/benchmarks/reform.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
from datetime import UTC, datetime
from pathlib import Path

from careact.reform.population import run_population, synthetic_distributions


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def load_average() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "n/a"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--reform", default="reform_2021")
    ap.add_argument("--years", type=int, default=10)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--executor", default="local", choices=["local", "serial", "dask"])
    ap.add_argument("--workers", type=int, default=None)
    ap.add_argument("--record", action="store_true", help="append the result to docs/benchmarks/reform.md")
    args = ap.parse_args(argv)

    before = load_average()
    result = run_population(
        args.n, on=synthetic_distributions()["meta"]["care_start_from"], reform=args.reform, years=args.years,
        seed=args.seed, executor=args.executor, workers=args.workers, progress=sys.stderr.isatty(),
    )
    run = result.stats.as_dict()
    t = result.summary["totals"]
    record = {
        "when": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "cases": args.n,
        "reform": args.reform,
        "years": args.years,
        "seed": args.seed,
        "executor": run["executor"],
        "workers": run["workers"],
        "wall_seconds": run["wall_seconds"],
        "cases_per_second": run["cases_per_second"],
        "failed": len(result.errors),
        "nproc": os.cpu_count(),
        "cpu": cpu_model(),
        "python": platform.python_version(),
        "load_before": before,
        "load_after": load_average(),
        "reached_cap": t["reform"]["reached_cap"],
        "council_change": t["change"]["council_paid"],
    }
    print(json.dumps(record, indent=2))
    if args.record:
        path = Path(__file__).resolve().parents[1] / "docs" / "benchmarks" / "reform.md"
        line = (
            f"| {record['when']} | {record['cases']:,} | {record['reform']} | {record['years']} | "
            f"{record['executor']} x{record['workers']} | {record['wall_seconds']} | {record['cases_per_second']} | "
            f"{record['failed']} | {record['nproc']} | {record['cpu']} | {record['load_before']} / {record['load_after']} |\n"
        )
        with path.open("a", encoding="utf-8") as fh:
            fh.write(line)
        print(f"recorded in {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
