"""Bulk assessment without explanations, on every core.

Target: ≥ 50,000 cases a second using both cores of the benchmark machine.

A deterministic population of valid cases (``bench/cases.py``: the bundled examples with their
amounts and ages varied) is assessed with ``careact.charging.assess(case, on, explain=False)``:

* on one core, in this process;
* on every core, with a ``ProcessPoolExecutor`` of one worker per core. The workers are started
  and warmed up (rule set loaded, one chunk assessed) before timing; the timed run sends the JSON
  cases in chunks and receives each case's weekly charge (a decimal string) back, so the figure
  includes moving the cases between processes but not starting them.

Each run is repeated; the figure is the median cases per second.

    python bench/bulk.py [--cases 20000] [--repeat 5] [--chunk 500]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import (
    Figure,
    Report,
    add_output_args,
    code_block,
    cprofile_top,
    median,
    nproc,
    profile_by_module,
    table,
)
from cases import ON, population


def _warm() -> int:
    from careact.charging import assess
    from careact.rules import load_ruleset

    load_ruleset("england")
    for case in population(50, seed=1):
        assess(case, on=ON, explain=False)
    return os.getpid()


def assess_chunk(cases: list[dict]) -> list[str]:
    from careact.charging import assess

    return [str(assess(case, on=ON, explain=False).weekly_charge) for case in cases]


def assess_chunk_json(cases: list[dict]) -> list[str]:
    from careact.charging import assess

    return [assess(case, on=ON, explain=False).model_dump_json(by_alias=True) for case in cases]


def _chunks(seq: list, size: int) -> list[list]:
    return [seq[i : i + size] for i in range(0, len(seq), size)]


def run_pool(pool: ProcessPoolExecutor, cases: list[dict], chunk: int, fn=assess_chunk) -> float:
    t0 = time.perf_counter()
    out = 0
    for part in pool.map(fn, _chunks(cases, chunk)):
        out += len(part)
    elapsed = time.perf_counter() - t0
    assert out == len(cases)
    return len(cases) / elapsed


def run_single(cases: list[dict]) -> float:
    t0 = time.perf_counter()
    assess_chunk(cases)
    return len(cases) / (time.perf_counter() - t0)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cases", type=int, default=20_000)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--chunk", type=int, default=500)
    add_output_args(ap)
    args = ap.parse_args()

    cores = nproc()
    cases = population(args.cases)
    report = Report(
        write_docs=args.write_docs,
        name="bulk",
        title="Bulk assessment without explanations",
        method=f"""
{args.cases:,} distinct valid cases (`bench/cases.py`: the bundled examples with amounts, capital
and ages varied by a seeded generator), each assessed with
`careact.charging.assess(case, on={ON.isoformat()}, explain=False)` from its JSON document (so
input validation is included) to a validated `ChargingResult`.

* **One core**: a loop in this process (rule set already loaded, 50 warm-up cases).
* **All cores**: a `ProcessPoolExecutor` with one worker per core ({cores}), started and warmed
  before timing; cases are sent in chunks of {args.chunk} and each case's weekly charge comes back.
  Start-up is excluded; moving the cases between processes is included.
* **All cores, results as JSON**: as above, but each worker also serialises every result
  (`model_dump_json`) and sends it back — what a batch job writing result files pays.

Each figure is the median of {args.repeat} runs over all {args.cases:,} cases.
""",
    )
    print(f"bulk: {args.cases:,} cases, {cores} cores, {args.repeat} runs")
    _warm()
    single = [run_single(cases[: max(2000, args.cases // 5)]) for _ in range(args.repeat)]
    with ProcessPoolExecutor(max_workers=cores) as pool:
        list(pool.map(lambda_free_warm, range(cores * 2)))
        multi = [run_pool(pool, cases, args.chunk) for _ in range(args.repeat)]
        multi_json = [run_pool(pool, cases, args.chunk, assess_chunk_json) for _ in range(max(2, args.repeat // 2))]

    m = median(multi)
    report.add(
        Figure(f"cases per second, {cores} cores, no explanations", m, "cases/s", "≥ 50,000 cases/s", m >= 50_000,
               f"runs: {', '.join(f'{x:,.0f}' for x in sorted(multi))}")
    )
    report.add(
        Figure("cases per second, one core", median(single), "cases/s", "(information)", None,
               f"{1e6 / median(single):.0f} µs a case; scaling over {cores} cores "
               f"×{m / median(single):.2f}")
    )
    report.add(
        Figure(f"cases per second, {cores} cores, results serialised to JSON", median(multi_json), "cases/s",
               "(information)", None, "each worker returns `model_dump_json` of every result")
    )
    report.add(
        Figure("time per case needed to meet the target on this machine", cores / 50_000 * 1e6, "µs",
               "(information)", None, f"{cores} cores ÷ 50,000 cases/s")
    )

    sample = cases[:300]
    from careact.charging import assess

    def profile_run() -> None:
        for case in sample:
            assess(case, on=ON, explain=False)

    areas = profile_by_module(profile_run, 3)
    report.section(
        "Where the time goes: own time by area (one core, cProfile)",
        table([(a, f"{share * 100:.1f}%") for a, share in areas[:14]], ("area", "share of own time")),
    )
    report.section("Profile: top functions by cumulative time (cProfile)",
                   code_block(cprofile_top(profile_run, 3, limit=35, sort="cumtime")))
    report.section("Profile: top functions by own time (cProfile)",
                   code_block(cprofile_top(profile_run, 3, limit=25)))
    report.write()
    return 0


def lambda_free_warm(_: int) -> int:
    return _warm()


if __name__ == "__main__":
    sys.exit(main())
