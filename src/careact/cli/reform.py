"""``careact reform``: reform modelling -- one case over a lifetime, or a whole population.

::

    careact reform list
    careact reform compare CASE.json --reform reform_2021 --years 5 [--format text|json] [--explain]
    careact reform population --reform reform_2021 --synthetic 10000 --seed 1 --years 10 --out out/
    careact reform population --reform my_policy.toml --population people.csv --executor dask
    careact reform synthetic 1000 --seed 1 --out people.csv
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from ._io import emit_json, read_json

if TYPE_CHECKING:
    from ..reform.population import PopulationResult


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("reform", help="model cap-and-floor reforms on one case or a population")
    rsub = p.add_subparsers(dest="reform_command", metavar="ACTION")
    rsub.required = True

    ls = rsub.add_parser("list", help="list the bundled reform overlays")
    ls.set_defaults(run=_list)

    c = rsub.add_parser("compare", help="one case under the current rules and a reform, year by year")
    c.add_argument("case", help="the case as JSON (careact.case.reform/1: a care spell), or - for stdin")
    c.add_argument("--reform", required=True, help="a bundled reform name (see 'careact reform list') or an overlay file")
    c.add_argument("--years", type=int, default=None, help="years to run (default: the case's own 'weeks')")
    c.add_argument("--on", metavar="YYYY-MM-DD", default=None,
                   help="the date the comparison starts (default: the case's care_start)")
    c.add_argument("--overlay", action="append", default=[], help="council overlay under both sides (repeatable)")
    c.add_argument("--explain", action="store_true", help="add every step of the working and the law")
    c.add_argument("--segments", action="store_true", help="JSON: include every run of weeks charged alike")
    c.add_argument("--format", choices=["text", "json"], default="text")
    c.set_defaults(run=_compare)

    pop = rsub.add_parser("population", help="a reform on a whole population: per-case results and aggregates")
    src = pop.add_mutually_exclusive_group(required=True)
    src.add_argument("--population", metavar="FILE", help="a population file (.csv or .parquet)")
    src.add_argument("--synthetic", type=int, metavar="N", help="N synthetic people (seeded)")
    pop.add_argument("--reform", required=True, help="a bundled reform name or an overlay file")
    pop.add_argument("--seed", type=int, default=1, help="seed for --synthetic (default 1)")
    pop.add_argument("--years", type=int, default=None, help="cut every spell at this many years")
    pop.add_argument("--on", metavar="YYYY-MM-DD", default=None,
                     help="each account opens on the first weekly statement on or after this date (default: the "
                     "earliest care start, so every account opens at its own care start)")
    pop.add_argument("--overlay", action="append", default=[], help="council overlay under both sides (repeatable)")
    pop.add_argument("--out", metavar="DIR", help="write cases.csv and summary.json (and charts) here")
    pop.add_argument("--plots", action="store_true", help="also draw charts (needs the 'plots' extra)")
    pop.add_argument("--executor", choices=["local", "dask", "serial"], default="local")
    pop.add_argument("--workers", type=int, default=None, help="worker processes (default: one per core)")
    pop.add_argument("--dask-address", default=None, help="a running Dask scheduler (default: a local cluster)")
    pop.add_argument("--chunksize", type=int, default=None)
    pop.add_argument("--no-progress", action="store_true", help="no progress bar")
    pop.add_argument("--format", choices=["text", "json"], default="text")
    pop.set_defaults(run=_population)

    syn = rsub.add_parser("synthetic", help="write a seeded synthetic population file")
    syn.add_argument("n", type=int)
    syn.add_argument("--seed", type=int, default=1)
    syn.add_argument("--out", required=True, help="a .csv or .parquet file")
    syn.set_defaults(run=_synthetic)


def _list(args: argparse.Namespace) -> int:
    from ..reform.overlays import available_reforms, load_reform

    for name in available_reforms():
        layer = load_reform(name)
        print(f"{name}  ({layer.id})")
        print(f"    {layer.description}")
        if layer.source:
            print(f"    Source: {layer.source.text}")
    return 0


def _date_option(value: str | None, name: str) -> date | None:
    from ..errors import InputError

    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InputError.single(name, f"must be a date YYYY-MM-DD (got {value!r})", "type") from None


def _compare(args: argparse.Namespace) -> int:
    from ..errors import InputError
    from ..reform.compare import compare
    from ..reform.models import spell_from_mapping

    raw = read_json(args.case)
    if not isinstance(raw, dict):
        raise InputError.single("case", "must be a JSON object describing one spell of care", "type")
    if args.years is not None and args.years < 1:
        raise InputError.single("years", "must be at least 1", "range")
    on = _date_option(args.on, "on")
    spell = spell_from_mapping(raw, care_start=on)
    result = compare(spell, on=on or spell.care_start, reform=args.reform, years=args.years, overlays=args.overlay,
                     explain=args.explain)
    if args.format == "json":
        emit_json(result.as_dict(segments=args.segments))
        return 0
    print(result.render_text())
    return 0


def _population(args: argparse.Namespace) -> int:
    from ..reform.population import read_population, run_population, synthetic_distributions

    population = args.synthetic if args.synthetic is not None else read_population(args.population)
    on = _date_option(args.on, "on")
    if on is None:
        if isinstance(population, int):
            on = synthetic_distributions()["meta"]["care_start_from"]
        else:
            on = min(s.care_start for s in population)
    result = run_population(
        population,
        on=on,
        reform=args.reform,
        years=args.years,
        seed=args.seed,
        overlays=args.overlay,
        executor=args.executor,
        workers=args.workers,
        chunksize=args.chunksize,
        progress=not args.no_progress and sys.stderr.isatty(),
        address=args.dask_address,
    )
    written = result.write(args.out, plots=args.plots) if args.out else []
    if args.format == "json":
        emit_json(result.summary_document())
        return 0
    _print_summary(result)
    for p in written:
        print(f"wrote {p}")
    return 0


def _print_summary(result: PopulationResult) -> None:
    doc = result.summary_document()
    t = doc["totals"]
    run = doc["run"]
    print(f"Reform: {doc['reform']}   cases: {t['cases']}   people: {t['people']}")
    print(
        f"Run: {run['executor']} on {run['workers']} worker(s), {run['wall_seconds']} s, "
        f"{run['cases_per_second']} cases/s"
    )
    rows = [
        ("", "current rules", "reform", "change"),
        ("paid by people (£)", t["baseline"]["person_paid"], t["reform"]["person_paid"], t["change"]["person_paid"]),
        ("paid by councils (£)", t["baseline"]["council_paid"], t["reform"]["council_paid"], t["change"]["council_paid"]),
        ("self-funders at start", t["baseline"]["self_funders_at_start"], t["reform"]["self_funders_at_start"], ""),
        ("reached the cap", "", t["reform"]["reached_cap"], ""),
        ("better off / worse off", "", "", f"{t['change']['better_off']} / {t['change']['worse_off']}"),
    ]
    widths = [max(len(str(r[i])) for r in rows) for i in range(4)]
    for r in rows:
        print("  ".join(str(c).ljust(widths[0]) if i == 0 else str(c).rjust(widths[i]) for i, c in enumerate(r)))
    if result.figures.notice:
        print(result.figures.notice)


def _synthetic(args: argparse.Namespace) -> int:
    from ..reform.population import synthetic_population, write_population

    path = write_population(synthetic_population(args.n, seed=args.seed), Path(args.out))
    print(f"wrote {args.n} synthetic people to {path}")
    return 0
