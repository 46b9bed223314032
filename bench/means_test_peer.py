"""Benchmark: a simplified means test over a million people, vectorised in OpenFisca (the peer), and any
candidate given the same arrays, side by side in one run.

    python bench/means_test_peer.py                       # 1,000,000 synthetic people, 5 timed runs
    python bench/means_test_peer.py --n 2000000 --repeat 7
    python bench/means_test_peer.py --candidate package.module:function   # time a candidate beside the peer
    python bench/means_test_peer.py --write-docs          # write docs/benchmarks/means_test_peer.md (tracked)

The people are careact's seeded synthetic population (``careact.population.synthetic``), reduced to the
inputs of the simplified test (``bench/openfisca_peer/inputs.py``): savings, weekly income, weekly cost,
care home or not, and the minimum-income-guarantee age band. The figures are careact's national rule
set on ``--on``.

The peer (``bench/openfisca_peer/country.py``) is an OpenFisca country model of that test. Before
timing, it must reproduce the worked examples of this script (``WORKED``); then it is run once to warm
up, and ``--repeat`` times for the figure: each run builds a fresh simulation with the inputs set
(OpenFisca caches what it has computed) and times ``simulation.calculate("weekly_charge")``, the
vectorised computation. The figure is the median persons per second; the median with the simulation
built and its inputs set is printed beside it, for information.

A *candidate* is a function ``f(inputs: PeerInputs, figures: Figures) -> numpy array`` returning each
person's weekly charge as int64 pence -- the hook for careact's columnar means test. It is checked
against the worked examples, warmed up and timed the same way (the whole call), and its throughput is
printed as a ratio to the peer's, with the number of people on whom the two differ by more than a
penny (the peer computes in float32).

Prints the machine and the load average at the start and the end. Writes its page to bench/results/ (untracked), or to docs/benchmarks/ with ``--write-docs``.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import Figure, Report, add_output_args, load_average, machine
from openfisca_peer.inputs import Figures, PeerInputs, figures_on, inputs_from_population

Candidate = Callable[[PeerInputs, Figures], NDArray[Any]]


@dataclass(frozen=True)
class Worked:
    """A worked example of the simplified test (2025-26 figures: limits £14,250 and £23,250, PEA £30.65,
    MIG £89.15 / £112.50 / £232.60), with its arithmetic."""

    what: str
    capital: int
    income: int
    cost: int
    care_home: bool
    band: int
    charge: int  # pence


WORKED = (
    Worked("care home, no capital: 250.00 - 30.65", 0, 25000, 80000, True, 2, 21935),
    Worked("care home, capital at the lower limit: no tariff", 1425000, 25000, 80000, True, 2, 21935),
    Worked("care home, a penny over the lower limit: £1 tariff (part of £250)", 1425001, 25000, 80000, True, 2, 22035),
    Worked("at home, pension age, £20,000: tariff 23 (5,750 / 250), 250 + 23 - 232.60", 2000000, 25000, 80000, False, 2, 4040),
    Worked("care home, at the upper limit: tariff 36, 250 + 36 - 30.65", 2325000, 25000, 80000, True, 2, 25535),
    Worked("at home, a penny over the upper limit: the full cost", 2325001, 25000, 80000, False, 1, 80000),
    Worked("at home, aged 18-24: 100 - 89.15", 0, 10000, 30000, False, 0, 1085),
    Worked("at home, 25 to pension age, income under the MIG: nothing", 0, 10000, 30000, False, 1, 0),
    Worked("care home, charge capped at the cost: min(120, 400 - 30.65)", 0, 40000, 12000, True, 2, 12000),
)


def _worked_inputs() -> PeerInputs:
    return PeerInputs(
        capital=np.array([w.capital for w in WORKED], np.int64),
        weekly_income=np.array([w.income for w in WORKED], np.int64),
        weekly_cost=np.array([w.cost for w in WORKED], np.int64),
        care_home=np.array([w.care_home for w in WORKED], np.bool_),
        mig_band=np.array([w.band for w in WORKED], np.int8),
    )


def _check(name: str, pence: NDArray[np.int64]) -> None:
    wrong = [(w.what, int(p), w.charge) for w, p in zip(WORKED, pence, strict=True) if int(p) != w.charge]
    if wrong:
        lines = "\n".join(f"  {what}: got {got}p, expected {want}p" for what, got, want in wrong)
        raise SystemExit(f"{name} does not reproduce the worked examples:\n{lines}")
    print(f"  {name}: reproduces the {len(WORKED)} worked examples")


def _to_pence(pounds: NDArray[Any]) -> NDArray[np.int64]:
    """The peer's float32 pounds to the nearest penny (for comparing, never for computing)."""
    out: NDArray[np.int64] = np.rint(np.asarray(pounds, dtype=np.float64) * 100).astype(np.int64)
    return out


def _load(spec: str) -> Candidate:
    module, _, name = spec.partition(":")
    if not name:
        raise SystemExit(f"--candidate {spec!r}: give module:function")
    fn: Candidate = getattr(importlib.import_module(module), name)
    return fn


def time_peer(inputs: PeerInputs, figures: Figures, repeat: int) -> tuple[list[float], list[float], NDArray[Any]]:
    """Seconds of ``calculate`` per run, seconds of building the simulation per run, and the charges."""
    from openfisca_peer.country import build_system, charges, simulation

    system = build_system(figures)
    charges(simulation(system, inputs))  # warm: imports, parameter resolution, NumPy paths
    compute, setup = [], []
    out: NDArray[Any] = np.zeros(0)
    for _ in range(repeat):
        gc.collect()
        t0 = time.perf_counter()
        sim = simulation(system, inputs)
        t1 = time.perf_counter()
        out = charges(sim)
        t2 = time.perf_counter()
        setup.append(t1 - t0)
        compute.append(t2 - t1)
        del sim
    return compute, setup, out


def time_candidate(fn: Candidate, inputs: PeerInputs, figures: Figures, repeat: int) -> tuple[list[float], NDArray[Any]]:
    fn(inputs, figures)  # warm
    runs = []
    out: NDArray[Any] = np.zeros(0)
    for _ in range(repeat):
        gc.collect()
        t0 = time.perf_counter()
        out = fn(inputs, figures)
        runs.append(time.perf_counter() - t0)
    return runs, out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--n", type=int, default=1_000_000, help="people (default 1,000,000)")
    ap.add_argument("--repeat", type=int, default=5, help="timed runs (default 5); the figure is the median")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--on", type=date.fromisoformat, default=date(2025, 6, 1), help="the date of the figures")
    ap.add_argument("--candidate", action="append", default=[], metavar="MODULE:FUNCTION",
                    help="a function of (PeerInputs, Figures) returning int64 pence, timed beside the peer")
    add_output_args(ap)
    args = ap.parse_args(argv)
    if args.n < 1 or args.repeat < 1:
        raise SystemExit("--n and --repeat must be at least 1")

    where = machine()
    print(f"machine: {where['nproc']} processors, {where['cpu']}, Python {where['python']}, careact {where['careact']}"
          f" (commit {where['commit']})")
    print(f"load average at start (1, 5, 15 min): {where['loadavg']}")

    figures = figures_on(args.on)
    print(f"figures on {args.on}: limits {figures.lower_limit / 100:,.2f} / {figures.upper_limit / 100:,.2f}, "
          f"PEA {figures.personal_expenses_allowance / 100:.2f}, MIG {', '.join(f'{m / 100:.2f}' for m in figures.mig)}")
    from openfisca_peer.country import build_system, charges, simulation

    print("checks:")
    _check("OpenFisca peer", _to_pence(charges(simulation(build_system(figures), _worked_inputs()))))
    candidates = {spec: _load(spec) for spec in args.candidate}
    for spec, fn in candidates.items():
        _check(spec, np.asarray(fn(_worked_inputs(), figures), dtype=np.int64))

    from careact.population.synthetic import synthetic_columns

    t0 = time.perf_counter()
    population = synthetic_columns(args.n, seed=args.seed)
    inputs = inputs_from_population(population, args.on)
    made = time.perf_counter() - t0
    del population
    print(f"population: {args.n:,} synthetic people (seed {args.seed}) drawn and reduced to the inputs in {made:.2f} s")

    compute, setup, peer_out = time_peer(inputs, figures, args.repeat)
    peer_rate = args.n / statistics.median(compute)
    whole = [c + s for c, s in zip(compute, setup, strict=True)]
    whole_rate = args.n / statistics.median(whole)
    print(f"OpenFisca {_version()}: median {statistics.median(compute) * 1000:,.1f} ms per run of {args.n:,} "
          f"-> {peer_rate:,.0f} persons/s (runs: {', '.join(f'{c * 1000:.0f}' for c in compute)} ms)")
    print(f"  with building the simulation and setting its inputs: median {statistics.median(whole) * 1000:,.1f} ms "
          f"-> {whole_rate:,.0f} persons/s")
    figures_out = [
        Figure("OpenFisca peer: persons a second (calculate)", peer_rate, "persons/s", "(baseline)", None,
               f"median of {args.repeat}, {args.n:,} people, float32"),
        Figure("OpenFisca peer: persons a second (simulation built and calculated)", whole_rate, "persons/s",
               "(for information)", None, f"median of {args.repeat}"),
    ]
    for spec, fn in candidates.items():
        runs, out = time_candidate(fn, inputs, figures, args.repeat)
        rate = args.n / statistics.median(runs)
        differ = int(np.count_nonzero(np.abs(np.asarray(out, dtype=np.int64) - _to_pence(peer_out)) > 1))
        print(f"{spec}: median {statistics.median(runs) * 1000:,.1f} ms -> {rate:,.0f} persons/s, "
              f"{rate / peer_rate:.2f} x the peer; differs from the peer by more than 1p on {differ:,} people")
        figures_out.append(Figure(f"{spec}: persons a second", rate, "persons/s", "(vs peer)", None,
                                  f"{rate / peer_rate:.2f} x OpenFisca; {differ:,} differ by > 1p"))
    end_load = load_average()
    print(f"load average at end: {end_load}")
    report = Report(
        name="means_test_peer",
        title="Simplified means test: OpenFisca peer",
        method=(__doc__ or "").split("\n\n", 2)[2],
        machine=where,
        write_docs=args.write_docs,
    )
    for fig in figures_out:
        report.add(fig)
    report.write()
    return 0


def _version() -> str:
    from importlib.metadata import version

    return version("openfisca-core")


if __name__ == "__main__":
    sys.exit(main())
