"""``careact reform``: reform modelling -- one case over a lifetime, or a whole population.

::

    careact reform list
    careact reform compare CASE.json --reform reform_2021 --years 5 [--format text|json] [--explain]
    careact reform population --reform reform_2021 --synthetic 10000 --seed 1 --years 10 --out out/
    careact reform population --reform my_policy.toml --population people.csv --executor dask
    careact reform sweep --synthetic 100000 --reform reform_2021 --years 10 --set reform.cap.amount=60000,86000
    careact reform synthetic 1000 --seed 1 --out people.csv
"""

from __future__ import annotations

import argparse
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..money import format_money
from ._common import (
    Subparsers,
    add_chunk_size,
    add_example,
    add_format,
    add_overlay,
    add_progress,
    add_workers,
    assessment_date,
    command,
    example_data,
    progress_wanted,
)
from ._io import emit_json, read_json


def register(sub: Subparsers) -> None:
    p = command(sub, "reform", help="model cap-and-floor reforms on one case or a population",
                examples=["careact reform list",
                          ("careact reform compare --example care_home_homeowner --reform reform_2021 "
                           "--years 5")])
    rsub = p.add_subparsers(dest="reform_command", metavar="ACTION", help="what to do")
    rsub.required = True

    ls = command(rsub, "list", help="list the bundled reform overlays", examples=["careact reform list"])
    add_format(ls, what="the list")
    ls.set_defaults(run=_list)

    c = command(rsub, "compare", help="one case under the current rules and a reform, year by year",
                examples=["careact reform compare --example care_home_homeowner --reform reform_2021 --years 5",
                          ("careact reform compare --example home_care_tenant --reform free_personal_care --years 3 "
                           "--format json")])
    src = c.add_mutually_exclusive_group(required=True)
    src.add_argument("case", nargs="?", metavar="CASE.json",
                     help="the case as JSON (careact.case.reform/1: a care spell), or - for standard input")
    add_example(src, "reform", what="care spell")
    c.add_argument("--reform", required=True, metavar="NAME_OR_FILE",
                   help="a bundled reform name (see 'careact reform list') or an overlay file")
    c.add_argument("--years", type=_years, default=None, metavar="N",
                   help="years to run, 1 to 100 (default: the case's own 'weeks')")
    add_overlay(c, help="a council overlay applied under both sides (repeatable)")
    c.add_argument("--on", type=assessment_date, default=None, metavar="YYYY-MM-DD",
                   help="the date the comparison starts (default: the case's care_start)")
    c.add_argument("--explain", action="store_true", help="add every step of the working and the law")
    c.add_argument("--segments", action="store_true", help="JSON: include every run of weeks charged alike")
    add_format(c, what="the comparison")
    c.set_defaults(run=_compare, date_field="care_start")

    pop = command(rsub, "population", help="the current rules and one or more reforms on a whole population",
                  examples=[("careact reform population --reform reform_2021 --synthetic 50 --seed 1 --years 3 "
                             "--executor serial"),
                            ("careact reform population --synthetic 40 --reform reform_2021 --reform cap_75k_floor_100k "
                             "--years 2 --executor serial --format json")])
    _population_arguments(pop)
    pop.add_argument("--reform", required=True, action="append", metavar="NAME_OR_FILE",
                     help="a bundled reform name or an overlay file (repeat to compare several)")
    pop.add_argument("--explain", metavar="ID", default=None,
                     help="also print one person's care account under the first reform, explained step by step")
    pop.set_defaults(run=_population)

    sw = command(rsub, "sweep", help="a grid of reform parameters on a whole population, in one run",
                 examples=[("careact reform sweep --synthetic 40 --reform reform_2021 --years 2 --executor serial "
                            "--set reform.cap.amount=60000,86000 --set capital.upper_limit=50000,100000")])
    _population_arguments(sw)
    sw.add_argument("--reform", default=None, metavar="NAME_OR_FILE",
                    help="the reform each point of the grid is built on (default: the current rules)")
    sw.add_argument("--set", dest="grid", action="append", required=True, metavar="PARAMETER=V1,V2,...",
                    help="a parameter and the values to sweep it over (repeat for a grid; money in pounds, e.g. "
                         "reform.cap.amount=60000,86000)")
    sw.add_argument("--from", dest="start", type=assessment_date, default=None, metavar="YYYY-MM-DD",
                    help="the date the swept values take effect (default: the reform's own start)")
    sw.set_defaults(run=_sweep)

    syn = command(rsub, "synthetic", help="write a seeded synthetic population file",
                  examples=["careact reform synthetic 100 --seed 7 --out synthetic.csv"])
    syn.add_argument("n", type=int, metavar="N", help="how many people")
    syn.add_argument("--seed", type=int, default=1, help="random seed: the same seed gives the same people (default 1)")
    syn.add_argument("--out", required=True, metavar="FILE", help="a .csv or .parquet file")
    add_format(syn, what="what was written")
    syn.set_defaults(run=_synthetic)


def _population_arguments(p: argparse.ArgumentParser) -> None:
    src = p.add_mutually_exclusive_group(required=True)
    src.add_argument("--population", metavar="FILE_OR_FOLDER",
                     help="a population: a spell file (.csv or .parquet), or a folder of tables with spell.* columns")
    src.add_argument("--synthetic", type=int, metavar="N", help="N synthetic people (seeded)")
    p.add_argument("--seed", type=int, default=1, help="seed for --synthetic (default 1)")
    p.add_argument("--years", type=_years, default=None, metavar="N", help="cut every spell at this many years")
    p.add_argument("--on", type=assessment_date, default=None, metavar="YYYY-MM-DD",
                   help="each account opens on the first weekly statement on or after this date (default: the "
                   "earliest care start, so every account opens at its own care start)")
    add_overlay(p, help="a council overlay applied under every scenario (repeatable)")
    p.add_argument("--out", metavar="DIR", help="write summary, people and years tables (and charts) here")
    p.add_argument("--tables", choices=["parquet", "csv"], default="parquet", help="the tables' format (default parquet)")
    p.add_argument("--plots", action="store_true", help="also draw charts, PNG and SVG (needs the 'plots' extra)")
    p.add_argument("--strict", action="store_true",
                   help="stop at the first bad row of the population file (default: leave it out, go on, and list it "
                        "in a side file)")
    p.add_argument("--rejects", metavar="FILE", default=None,
                   help="where to list the rows left out (default: beside the population file, <name>.rejected.csv)")
    p.add_argument("--weekly", action="store_true", help="re-assess every week instead of runs of weeks charged alike")
    p.add_argument("--executor", choices=["local", "dask", "serial"], default="local",
                   help="where people run: local processes (default), a Dask cluster, or this process")
    add_workers(p)
    p.add_argument("--dask-address", default=None, metavar="ADDRESS",
                   help="a running Dask scheduler, e.g. tcp://10.0.0.5:8786 (default: a local cluster)")
    add_chunk_size(p, None, "people per task (default: chosen from the population size and the workers)")
    add_progress(p)
    add_format(p, what="the summary")


def _years(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text[:40]!r} is not a whole number of years") from None
    if not 1 <= n <= 100:
        raise argparse.ArgumentTypeError(f"must be from 1 to 100 years, not {n}")
    return n


def _list(args: argparse.Namespace) -> int:
    from ..reform.overlays import available_reforms, load_reform

    layers = [(name, load_reform(name)) for name in available_reforms()]
    if args.format == "json":
        emit_json({"reforms": [{"name": name, "id": layer.id, "description": layer.description,
                                "source": layer.source.text if layer.source else None} for name, layer in layers]})
        return 0
    for name, layer in layers:
        print(f"{name}  ({layer.id})")
        print(f"    {layer.description}")
        if layer.source:
            print(f"    Source: {layer.source.text}")
    return 0


def _compare(args: argparse.Namespace) -> int:
    from ..care_spell import CareSpellInput
    from ..reform.compare import compare
    from ..reform.models import spell_from_mapping
    from ..validation import validate_json

    raw = example_data("reform", args.example) if args.example else read_json(args.case)
    checked = validate_json(CareSpellInput, raw)
    spell = spell_from_mapping(checked.as_mapping(), care_start=args.on)
    result = compare(spell, on=args.on or spell.care_start, reform=args.reform, years=args.years,
                     overlays=args.overlay, explain=args.explain)
    if args.format == "json":
        emit_json(result.as_dict(segments=args.segments))
        return 0
    print(result.render_text())
    return 0


def _read(args: argparse.Namespace) -> tuple[Any, Any, date]:
    """The population asked for, what was left out of it, and the date the accounts open."""
    from ..population.spell_files import read_spells
    from ..reform.population import synthetic_distributions

    read = None
    if args.synthetic is not None:
        from ..errors import InputError

        if args.synthetic < 1:
            raise InputError.single("--synthetic", f"must be at least 1, not {args.synthetic}", "range")
        population: Any = args.synthetic
        earliest = synthetic_distributions()["meta"]["care_start_from"]
    else:
        read = read_spells(args.population, strict=args.strict, rejects=args.rejects or "auto")
        population = read.spells
        earliest = date.fromordinal(int(read.spells.care_start_day.min()))
    return population, read, args.on or earliest


def _run_options(args: argparse.Namespace) -> dict[str, Any]:
    return {"years": args.years, "overlays": args.overlay, "seed": args.seed, "weekly": args.weekly,
            "executor": args.executor, "workers": args.workers, "chunksize": args.chunk_size,
            "address": args.dask_address, "progress": progress_wanted(args)}


def _population(args: argparse.Namespace) -> int:
    from ..population.scenarios import compare_reforms

    population, read, on = _read(args)
    run = compare_reforms(population, on=on, reforms=args.reform, **_run_options(args))
    return _finish(args, run, read)


def _sweep(args: argparse.Namespace) -> int:
    from ..population.scenarios import sweep

    population, read, on = _read(args)
    run = sweep(population, on=on, grid=_grid(args.grid), reform=args.reform, start=args.start, **_run_options(args))
    return _finish(args, run, read)


def _grid(items: list[str]) -> dict[str, list[str]]:
    from ..errors import FieldProblem, InputError
    from ..rules.params import declaration

    grid: dict[str, list[str]] = {}
    problems = []
    for item in items:
        name, sep, values = item.partition("=")
        name = name.strip()
        listed = [v.strip() for v in values.split(",") if v.strip()]
        if not sep or not listed:
            problems.append(FieldProblem("--set", f"{item[:60]!r}: write PARAMETER=V1,V2,...", "format"))
        elif declaration(name) is None:
            problems.append(FieldProblem("--set", f"{name[:60]!r} is not a parameter careact declares", "unknown_value"))
        elif name in grid:
            problems.append(FieldProblem("--set", f"{name} is given twice", "duplicate"))
        else:
            grid[name] = listed
    if problems:
        raise InputError(problems)
    return grid


def _finish(args: argparse.Namespace, run: Any, read: Any) -> int:
    written = run.write(args.out, format=args.tables, plots=args.plots) if args.out else []
    explained = None
    if getattr(args, "explain", None):
        explained = run.explain(args.explain, run.scenarios[1].name if len(run.scenarios) > 1 else run.scenarios[0].name)
    doc = _document(run, read)
    if args.format == "json":
        if explained is not None:
            doc["explained"] = explained.to_dict()
        emit_json(doc)
        return 0
    _print_summary(doc)
    if read is not None and read.rejected:
        print(read.summary())
    if explained is not None:
        print()
        print(f"Care account of {args.explain}:")
        print(explained.explanation.render_text() if explained.explanation is not None else "")
    for p in written:
        print(f"wrote {p}")
    return 0


def _document(run: Any, read: Any) -> dict[str, Any]:
    totals = run.totals()
    problems = run.problems
    return {
        "schema": "careact.reform.population/2",
        "on": run.on.isoformat(),
        "years": run.weeks // 52 if run.weeks else None,
        "base": run.base,
        "overlays": list(run.overlays),
        "scenarios": [{"name": s.name, "reform": s.reform, "parameters": s.parameters} for s in run.scenarios],
        "run": {**run.stats.as_dict(), "people_per_second": round(run.stats.cases / run.stats.seconds, 1)
                if run.stats.seconds > 0 else None},
        "not_run": {"cases": len(problems), "examples": [{"row": r, "id": str(run.spells.ids[r]), "problem": p}
                                                          for r, p in list(problems.items())[:5]]},
        "rejected": {"rows": len({r.row for r in read.rejected}) if read else 0,
                     "file": str(read.rejects_path) if read and read.rejects_path else None},
        "figures": run.figures.model_dump(mode="json"),
        "totals": {name: {k: (str(v) if v is not None else None) for k, v in t.items()} for name, t in totals.items()},
    }


def _gbp(value: Any) -> str:
    return format_money(Decimal(str(value)))


def _signed(value: Any) -> str:
    d = Decimal(str(value))
    return ("+" if d > 0 else "-" if d < 0 else "") + format_money(abs(d))


def _count(value: Any) -> str:
    d = Decimal(str(value))
    return f"{int(d):,}" if d == d.to_integral_value() else f"{d.normalize():,}"


def _print_summary(doc: dict[str, Any]) -> None:
    totals = doc["totals"]
    names = [s["name"] for s in doc["scenarios"]]
    run = doc["run"]
    first = totals[names[0]]
    print(f"People: {_count(first['people'])} run ({doc['not_run']['cases']} not run), accounts from {doc['on']}"
          + (f" for {doc['years']} years" if doc["years"] else ""))
    print(f"Run: {run['executor']} on {run['workers']} worker(s), {run['wall_seconds']} s, "
          f"{run['people_per_second']} people/s")
    if len(names) > 3:  # a sweep: one line per scenario
        rows = [["", "paid by people", "change", "paid by councils", "change", "reached the cap", "better / worse off"]]
        for n in names:
            t = totals[n]
            rows.append([n if n != "baseline" else "current rules", _gbp(t["person_paid"]), _signed(t["person_paid_change"]),
                         _gbp(t["council_paid"]), _signed(t["council_paid_change"]), _count(t["reached_cap"]),
                         f"{_count(t['better_off'])} / {_count(t['worse_off'])}"])
        _print_rows(rows)
        return
    head = ["", "current rules" if names[0] == "baseline" else names[0]]
    for n in names[1:]:
        head += [n, "change"]
    rows = [head]
    for label, key in (("paid by people", "person_paid"), ("paid by councils", "council_paid")):
        row = [label, _gbp(first[key])]
        for n in names[1:]:
            row += [_gbp(totals[n][key]), _signed(totals[n][f"{key}_change"])]
        rows.append(row)
    row = ["reached the cap", ""]
    for n in names[1:]:
        row += [_count(totals[n]["reached_cap"]), ""]
    rows.append(row)
    row = ["better off / worse off", ""]
    for n in names[1:]:
        row += ["", f"{_count(totals[n]['better_off'])} / {_count(totals[n]['worse_off'])}"]
    rows.append(row)
    _print_rows(rows)


def _print_rows(rows: list[list[str]]) -> None:
    widths = [max(len(str(r[i])) for r in rows) for i in range(len(rows[0]))]
    for r in rows:
        print("  ".join(str(c).ljust(widths[0]) if i == 0 else str(c).rjust(widths[i]) for i, c in enumerate(r)))


def _synthetic(args: argparse.Namespace) -> int:
    from ..errors import InputError
    from ..reform.population import synthetic_population, write_population

    if args.n < 1:
        raise InputError.single("N", f"must be at least 1, not {args.n}", "range")
    path = write_population(synthetic_population(args.n, seed=args.seed), Path(args.out))
    if args.format == "json":
        emit_json({"written": str(path), "people": args.n, "seed": args.seed})
    else:
        print(f"wrote {args.n} synthetic people to {path}")
    return 0
