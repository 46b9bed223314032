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

    pop = command(rsub, "population", help="a reform on a whole population: per-case results and aggregates",
                  examples=[("careact reform population --reform reform_2021 --synthetic 50 --seed 1 --years 3 "
                             "--executor serial")])
    src = pop.add_mutually_exclusive_group(required=True)
    src.add_argument("--population", metavar="FILE", help="a population file (.csv or .parquet)")
    src.add_argument("--synthetic", type=int, metavar="N", help="N synthetic people (seeded)")
    pop.add_argument("--reform", required=True, metavar="NAME_OR_FILE", help="a bundled reform name or an overlay file")
    pop.add_argument("--seed", type=int, default=1, help="seed for --synthetic (default 1)")
    pop.add_argument("--years", type=_years, default=None, metavar="N", help="cut every spell at this many years")
    pop.add_argument("--on", type=assessment_date, default=None, metavar="YYYY-MM-DD",
                     help="each account opens on the first weekly statement on or after this date (default: the "
                     "earliest care start, so every account opens at its own care start)")
    add_overlay(pop, help="a council overlay applied under both sides (repeatable)")
    pop.add_argument("--out", metavar="DIR", help="write cases.csv and summary.json (and charts) here")
    pop.add_argument("--plots", action="store_true", help="also draw charts (needs the 'plots' extra)")
    pop.add_argument("--executor", choices=["local", "dask", "serial"], default="local",
                     help="where cases run: local processes (default), a Dask cluster, or this process")
    add_workers(pop)
    pop.add_argument("--dask-address", default=None, metavar="ADDRESS",
                     help="a running Dask scheduler (default: a local cluster)")
    add_chunk_size(pop, None, "cases per task (default: chosen from the population size and the workers)")
    add_progress(pop)
    add_format(pop, what="the summary")
    pop.set_defaults(run=_population)

    syn = command(rsub, "synthetic", help="write a seeded synthetic population file",
                  examples=["careact reform synthetic 100 --seed 7 --out synthetic.csv"])
    syn.add_argument("n", type=int, metavar="N", help="how many people")
    syn.add_argument("--seed", type=int, default=1, help="random seed: the same seed gives the same people (default 1)")
    syn.add_argument("--out", required=True, metavar="FILE", help="a .csv or .parquet file")
    add_format(syn, what="what was written")
    syn.set_defaults(run=_synthetic)


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


def _population(args: argparse.Namespace) -> int:
    from ..errors import InputError
    from ..reform.population import read_population, run_population

    try:
        population = args.synthetic if args.synthetic is not None else read_population(args.population)
    except UnicodeDecodeError as exc:
        raise InputError.single("--population", f"{args.population} is not UTF-8 text (byte {exc.start})",
                                "encoding") from None
    if not isinstance(population, int):
        _check_dates(population)
    on = args.on
    if on is None:
        from ..reform.population import synthetic_distributions

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
        chunksize=args.chunk_size,
        progress=progress_wanted(args),
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


def _check_dates(spells: Any) -> None:
    """Every spell's dates within careact's range (the engine projects weeks forward from care_start)."""
    from ..dates import EARLIEST_BIRTH, LAST_DATE
    from ..errors import RULES_START, FieldProblem, InputError

    problems = []
    for i, s in enumerate(spells):
        if not RULES_START <= s.care_start <= LAST_DATE:
            problems.append(FieldProblem(f"rows[{i}].care_start", f"{s.care_start.isoformat()} is outside careact's "
                                         "dates (1 April 2015 to 31 December 2099)", "range"))
        if s.date_of_birth < EARLIEST_BIRTH:
            problems.append(FieldProblem(f"rows[{i}].date_of_birth", f"{s.date_of_birth.isoformat()} is not a "
                                         "plausible date of birth: careact takes dates of birth from 1 January 1900",
                                         "range"))
    if problems:
        raise InputError(problems)


def _gbp(value: Any) -> str:
    return format_money(Decimal(str(value)))


def _signed(value: Any) -> str:
    d = Decimal(str(value))
    return ("+" if d > 0 else "-" if d < 0 else "") + format_money(abs(d))


def _print_summary(result: Any) -> None:
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
        ("paid by people", _gbp(t["baseline"]["person_paid"]), _gbp(t["reform"]["person_paid"]),
         _signed(t["change"]["person_paid"])),
        ("paid by councils", _gbp(t["baseline"]["council_paid"]), _gbp(t["reform"]["council_paid"]),
         _signed(t["change"]["council_paid"])),
        ("self-funders at start", t["baseline"]["self_funders_at_start"], t["reform"]["self_funders_at_start"], ""),
        ("reached the cap", "", t["reform"]["reached_cap"], ""),
        ("better off / worse off", "", "", f"{t['change']['better_off']} / {t['change']['worse_off']}"),
    ]
    widths = [max(len(str(r[i])) for r in rows) for i in range(4)]
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
