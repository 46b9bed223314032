"""Benchmark: populations in columns -- the means test against the OpenFisca peer, care accounts under a reform,
a sweep of reform parameters, peak memory, and the two paths compared on a million cases.

    python bench/population.py                       # everything but the million-case comparison
    python bench/population.py --only means-test --n 1000000 --repeat 5
    python bench/population.py --only differential --cases 1000000
    python bench/population.py --write-docs          # also write docs/benchmarks/population.md

Targets (issue: "Population engine"): the means test over columns at 5,000,000 persons a second or more on
one process without explanations, printed as a ratio to the OpenFisca peer measured in the same run; a
reform on 1,000,000 people over 10 years (the current rules and the reform) in 60 s or less; a 50-point
sweep of 100,000 people in 60 s or less; peak memory of 1 GiB or less for 1,000,000 people.

The load average is printed at the start and the end: the machine is shared, so compare the figures of
one run with each other (the ratio to the peer), not with another run's.
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from _common import Figure, Report, add_output_args, load_average, machine

ON = date(2025, 4, 7)
SECTIONS = ("means-test", "reform", "sweep", "memory", "differential")


def _median_seconds(fn: Any, repeat: int) -> tuple[float, list[float]]:
    fn()  # warm
    runs = []
    for _ in range(repeat):
        gc.collect()
        t0 = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - t0)
    return statistics.median(runs), runs


def means_test(report: Report, n: int, repeat: int) -> None:
    """The OpenFisca peer (its vectorised calculation, and with its simulation built), careact on the peer's own
    arrays (every rule of the means test, exact pence), and careact's full columnar path on the synthetic
    population (every table, each person's dates, the row checks)."""
    from openfisca_peer.careact_columns import means_test as candidate
    from openfisca_peer.country import build_system, charges, simulation
    from openfisca_peer.inputs import figures_on, inputs_from_population

    from careact.population.assess import assess_columns
    from careact.population.synthetic import synthetic_columns

    on = date(2025, 6, 1)
    population = synthetic_columns(n, seed=1)
    inputs = inputs_from_population(population, on)
    figures = figures_on(on)
    system = build_system(figures)

    def peer() -> Any:
        return charges(simulation(system, inputs))

    sims = [simulation(system, inputs) for _ in range(repeat + 1)]
    calc_runs = []
    out = None
    for sim in sims:
        gc.collect()
        t0 = time.perf_counter()
        out = charges(sim)
        calc_runs.append(time.perf_counter() - t0)
    peer_calc = statistics.median(calc_runs[1:])
    peer_whole, _ = _median_seconds(peer, repeat)
    cand, _ = _median_seconds(lambda: candidate(inputs, figures), repeat)
    full, _ = _median_seconds(lambda: assess_columns(population, on=on), repeat)
    pence = np.rint(np.asarray(out, dtype=np.float64) * 100).astype(np.int64)
    differ = int(np.count_nonzero(np.abs(candidate(inputs, figures) - pence) > 1))
    rate = {name: n / s for name, s in (("peer_calc", peer_calc), ("peer_whole", peer_whole), ("cand", cand), ("full", full))}
    report.add(Figure("OpenFisca peer: persons a second (calculate only)", rate["peer_calc"], "persons/s", "(baseline)",
                      None, f"median of {repeat}, {n:,} people, float32, simplified test"))
    report.add(Figure("OpenFisca peer: persons a second (simulation built and inputs set, then calculate)",
                      rate["peer_whole"], "persons/s", "(baseline)", None, f"median of {repeat}"))
    report.add(Figure("careact on the peer's arrays: persons a second", rate["cand"], "persons/s", ">= 5,000,000",
                      rate["cand"] >= 5_000_000,
                      f"{rate['cand'] / rate['peer_calc']:.2f} x the peer's calculation, "
                      f"{rate['cand'] / rate['peer_whole']:.2f} x the peer with its simulation built; "
                      f"{differ:,} people differ from the peer by more than 1p"))
    report.add(Figure("careact, full columnar means test on the synthetic population: persons a second", rate["full"],
                      "persons/s", ">= 5,000,000", rate["full"] >= 5_000_000,
                      f"{rate['full'] / rate['peer_calc']:.2f} x the peer's calculation; every table, dates, row checks"))


def reform(report: Report, n: int, years: int, executor: str) -> None:
    from careact.population.scenarios import compare_reforms

    t0 = time.perf_counter()
    run = compare_reforms(n, on=ON, reforms=["reform_2021"], years=years, executor=executor, workers=2)
    seconds = time.perf_counter() - t0
    totals = run.totals()
    report.add(Figure(f"reform population: {n:,} people x {years} years (current rules and reform_2021)", seconds, "s",
                      "<= 60 s", seconds <= 60,
                      f"{executor}; {run.stats.chunks} tasks; {n * 2 / seconds:,.0f} person-accounts a second; "
                      f"change to the state £{totals['reform_2021']['council_paid_change']:,}"))


def sweep(report: Report, n: int, points: int, executor: str) -> None:
    from careact.population.scenarios import sweep as run_sweep

    caps = [str(50_000 + 5_000 * k) for k in range(10)]
    uppers = ["23250", "50000", "75000", "100000", "150000"]
    grid = {"reform.cap.amount": caps[: max(1, points // len(uppers))], "capital.upper_limit": uppers}
    k = len(grid["reform.cap.amount"]) * len(uppers)
    t0 = time.perf_counter()
    run = run_sweep(n, on=ON, reform="reform_2021", grid=grid, years=10, executor=executor, workers=2)
    seconds = time.perf_counter() - t0
    report.add(Figure(f"sweep: {k} points of {n:,} people x 10 years (and the current rules)", seconds, "s", "<= 60 s",
                      seconds <= 60, f"{executor}; {run.stats.chunks} tasks; "
                      f"{n * (k + 1) / seconds:,.0f} person-accounts a second"))


_MEMORY = """
import resource, sys, time
from datetime import date
kind, n = sys.argv[1], int(sys.argv[2])
t0 = time.perf_counter()
if kind == "means-test":
    from careact.population.synthetic import synthetic_columns
    from careact.population.assess import assess_columns
    res = assess_columns(synthetic_columns(n, seed=1), on=date(2025, 6, 1))
    done = int(res.ok.sum())
else:
    from careact.population.scenarios import compare_reforms
    run = compare_reforms(n, on=date(2025, 4, 7), reforms=["reform_2021"], years=10, executor="serial")
    done = int(run.ok.sum())
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, done, time.perf_counter() - t0)
"""


def memory(report: Report, n: int) -> None:
    for kind, what in (("means-test", "the means test"), ("reform", "a reform over 10 years (current rules and reform_2021)")):
        out = subprocess.run([sys.executable, "-c", _MEMORY, kind, str(n)], capture_output=True, text=True, check=True)
        kb, done, seconds = out.stdout.split()
        mib = int(kb) / 1024
        report.add(Figure(f"peak memory: {what}, {n:,} people", mib, "MB", "<= 1 GiB", mib <= 1024,
                          f"peak resident set of the whole process (Python, NumPy, the population drawn, the run): "
                          f"{float(seconds):.1f} s, {int(done):,} people run"))


def differential(report: Report, cases: int, block: int) -> None:
    """``cases`` generated cases (tests/population/casegen.py: every setting, couples, every income and capital type,
    homes, shares, housing costs, ...) under the national rules and, in turn, each bundled council and reform overlay,
    assessed one by one and over columns; every figure compared."""
    import random

    from tests.population.casegen import random_case

    from careact.charging import assess
    from careact.charging.models import ChargingCase
    from careact.errors import InputError
    from careact.population import to_columns
    from careact.population.assess import assess_columns

    overlays = [(), ("council/reading",), ("council/wolverhampton",), ("council/gloucestershire",),
                ("reform/reform_2021",), ("reform/care_act_2016",)]
    rng = random.Random(2026)
    done = differ = refused = 0
    t0 = time.perf_counter()
    k = 0
    while done + refused < cases:
        m = min(block, cases - done - refused)
        day = date(2015, 4, 6) + (date(2027, 3, 31) - date(2015, 4, 6)) * rng.random()
        ov = list(overlays[k % len(overlays)])
        k += 1
        models = [ChargingCase.model_validate(random_case(rng, day)) for _ in range(m)]
        res = assess_columns(to_columns(models), on=day, overlays=ov)
        for i, case in enumerate(models):
            try:
                r = assess(case, on=day, overlays=ov, explain=False)
            except InputError:
                refused += 1
                differ += bool(res.ok[i])
                continue
            done += 1
            if (not res.ok[i] or int(r.weekly_charge * 100) != int(res["weekly_charge"][i])
                    or int(r.assessed_capital * 100) != int(res["assessed_capital"][i])
                    or int(r.total_allowances * 100) != int(res["total_allowances"][i])
                    or int(r.tariff_income * 100) != int(res["tariff_income"][i])):
                differ += 1
        print(f"\r  differential: {done + refused:,} of {cases:,} cases, {differ} differ", end="", file=sys.stderr)
    print(file=sys.stderr)
    seconds = time.perf_counter() - t0
    report.add(Figure(f"differential: {done + refused:,} generated cases, one by one and over columns", differ, "differ",
                      "0", differ == 0, f"{done:,} assessed, {refused:,} refused by both; charge, capital, tariff and "
                      f"allowances compared to the penny; {seconds / 60:.0f} minutes"))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--only", action="append", choices=SECTIONS, help="run only these sections (repeatable)")
    ap.add_argument("--n", type=int, default=1_000_000, help="people for the means test and memory (default 1,000,000)")
    ap.add_argument("--repeat", type=int, default=5, help="timed runs of the means test (default 5); the median counts")
    ap.add_argument("--reform-n", type=int, default=1_000_000, help="people for the reform run (default 1,000,000)")
    ap.add_argument("--years", type=int, default=10)
    ap.add_argument("--sweep-n", type=int, default=100_000, help="people for the sweep (default 100,000)")
    ap.add_argument("--points", type=int, default=50, help="points of the sweep (default 50)")
    ap.add_argument("--executor", choices=["serial", "local"], default="local",
                    help="for the reform run and the sweep (default: local processes, one per core)")
    ap.add_argument("--cases", type=int, default=1_000_000, help="cases for the differential section")
    ap.add_argument("--block", type=int, default=20_000, help="cases per columnar call in the differential section")
    add_output_args(ap)
    args = ap.parse_args(argv)
    sections = args.only or [s for s in SECTIONS if s != "differential"]
    where = machine()
    print(f"machine: {where['nproc']} processors, {where['cpu']}, Python {where['python']}, careact {where['careact']} "
          f"(commit {where['commit']}); load average (1, 5, 15 min) {where['loadavg']}")
    report = Report(name="population", title="Populations in columns: means test, reforms, sweeps, memory",
                    method=(__doc__ or "").split("\n\n", 2)[2], machine=where, write_docs=args.write_docs)
    if "means-test" in sections:
        means_test(report, args.n, args.repeat)
    if "reform" in sections:
        reform(report, args.reform_n, args.years, args.executor)
    if "sweep" in sections:
        sweep(report, args.sweep_n, args.points, args.executor)
    if "memory" in sections:
        memory(report, args.n)
    if "differential" in sections:
        differential(report, args.cases, args.block)
    print(f"load average at end: {load_average()}")
    report.section("Load", f"Load average at the start {where['loadavg']}, at the end {load_average()} (2 cores shared).")
    report.write()
    print(json.dumps({f.metric: f.value for f in report.figures}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
