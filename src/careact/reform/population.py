"""A reform on a whole population: per-case results and aggregates, from a file or a seeded synthetic population.

Input
-----
A CSV or Parquet file with one row per person (one spell of care), columns:

==================  =========  ================================================================
column              required   meaning
==================  =========  ================================================================
``id``              yes        the caller's reference, echoed in the output
``date_of_birth``   or ``age`` ISO date; or ``age`` in whole years at ``care_start``
``care_start``      yes        ISO date the long-term care starts
``weeks``           no         length of the spell in weeks (default: the ``--years`` horizon)
``setting``         yes        ``care_home`` or ``community``
``la_weekly_rate``  yes        cost to the council of meeting the eligible needs, £/week
``weekly_fee``      no         what the care costs a self-funder, £/week (default: the LA rate)
``weekly_income``   yes        assessable income, £/week
``capital``         no         savings and investments, not the home (default 0)
``home_value``      no         the adult's interest in their home, net of mortgage (default 0)
``home_disregarded`` no        ``true`` when a partner or qualifying relative lives in the home
``tenure``          no         owner_outright, owner_mortgage, social_rent, private_rent, other
``weight``          no         how many people the row stands for (default 1)
==================  =========  ================================================================

Money is written as decimal strings (``"812.50"``), never read as a float.

Synthetic population
--------------------
:func:`synthetic_population` draws ``n`` people from the distributions in
``careact/rules/data/reform/synthetic_population.toml``, each with its source and how far it was
checked. Person ``i`` of seed ``s`` is always the same person, whatever ``n`` and however the run
is split across workers, on every platform. The people are drawn in columns by
:mod:`careact.population.synthetic` (seeded PCG64, each amount rounded once to whole pounds or pence
and then handled in integers; no money arithmetic is done in floating point).

Output
------
Per case: what the person paid and what the council paid under the baseline and the reform, whether
they were a self-funder, whether and when they reached the cap, wealth left. Aggregates: totals,
council spend, self-funders, people reaching the cap, and the same by income decile, wealth decile,
tenure and setting. CSV and JSON out; charts with the ``plots`` extra.
"""

from __future__ import annotations

import csv
import importlib
import json
import math
import tomllib
import warnings
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any, Final, Literal

from pydantic import BaseModel, ConfigDict, Field

from .. import __version__
from ..errors import CareactError, FieldProblem, InputError
from ..explain import N_, Explanation, RuleStep, Trace, gbp
from ..explain.lazy import ExplanationView
from ..money import ZERO, round_decimal, round_pence
from ..results import CareactResult, ExplanationField, FiguresStatus, check_on, figures_status
from ..rules import Layer, RuleSet
from ..rules.catalogue import DATA_DIR
from ..rules.params import declaration
from ..rules.reader import FigureLedger, Reader
from .care_account import Assessor, _run
from .executors import RunStats, run_chunks
from .models import CareSpell, CaseOutcome, spell_from_mapping
from .overlays import load_reform, reform_ruleset

__all__ = [
    "COLUMNS",
    "DEFAULT_ASSESSOR",
    "POPULATION_SCHEMA",
    "CaseError",
    "PopulationJob",
    "PopulationResult",
    "aggregate",
    "read_population",
    "run_population",
    "simulate",
    "synthetic_population",
    "write_population",
]

COLUMNS = (
    "id",
    "date_of_birth",
    "care_start",
    "weeks",
    "setting",
    "la_weekly_rate",
    "weekly_fee",
    "weekly_income",
    "capital",
    "home_value",
    "home_disregarded",
    "tenure",
    "weight",
)
DEFAULT_ASSESSOR = "careact.reform.engine:charging_assessor"
POPULATION_SCHEMA: Final = "careact.result.reform.population/1"
SYNTHETIC_FILE = DATA_DIR / "reform" / "synthetic_population.toml"


# --------------------------------------------------------------------------- reading and writing


def read_population(path: str | Path) -> list[CareSpell]:
    """Read a population file (``.csv`` or ``.parquet``), naming every row and field at fault."""
    path = Path(path)
    if path.suffix.lower() in (".parquet", ".pq"):
        rows = _read_parquet(path)
    elif path.suffix.lower() == ".csv":
        try:
            with path.open(newline="", encoding="utf-8") as fh:
                rows = list(csv.DictReader(fh))
        except OSError as exc:
            raise InputError.single("population", f"cannot read {path}: {exc.strerror or exc}", "io") from None
    else:
        raise InputError.single("population", f"{path.name}: give a .csv or .parquet file", "format")
    if rows:
        unknown = [c for c in rows[0] if c not in (*COLUMNS, "age", "schema")]
        if unknown:
            raise InputError([FieldProblem(f"columns.{c}", "is not a column careact knows (see the population file "
                                           "format)", "unknown_field") for c in unknown])
    return spells_from_rows(rows)


def spells_from_rows(rows: Iterable[dict[str, Any]]) -> list[CareSpell]:
    spells: list[CareSpell] = []
    problems: list[FieldProblem] = []
    seen: set[str] = set()
    for i, row in enumerate(rows):
        try:
            s = spell_from_mapping(row, prefix=f"rows[{i}].")
        except InputError as exc:
            problems.extend(exc.problems)
            continue
        if s.id in seen:
            problems.append(FieldProblem(f"rows[{i}].id", f"{s.id!r} appears more than once", "duplicate"))
        seen.add(s.id)
        spells.append(s)
    if problems:
        raise InputError(problems)
    if not spells:
        raise InputError.single("population", "the file has no rows", "empty")
    return spells


def _read_parquet(path: Path) -> list[dict[str, Any]]:
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise InputError.single(
            "population", "reading Parquet needs the optional 'parquet' extra: pip install 'careact[parquet]'", "missing_extra"
        ) from None
    # money columns must be strings or decimals: a float column is passed through as floats, and
    # parse_money then refuses it by name rather than rounding it silently
    rows: list[dict[str, Any]] = pq.read_table(path).to_pylist()
    return rows


def write_population(spells: Sequence[CareSpell], path: str | Path) -> Path:
    """Write spells to ``.csv`` (or ``.parquet`` with the extra), in the input format above."""
    path = Path(path)
    rows = [s.as_dict() for s in spells]
    if path.suffix.lower() in (".parquet", ".pq"):
        try:
            import pyarrow as pa
            import pyarrow.parquet as pq
        except ImportError:
            raise InputError.single("output", "writing Parquet needs the 'parquet' extra", "missing_extra") from None
        pq.write_table(pa.Table.from_pylist(rows), path)
        return path
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=list(COLUMNS))
        w.writeheader()
        for r in rows:
            w.writerow({k: ("" if r.get(k) is None else r.get(k)) for k in COLUMNS})
    return path


# --------------------------------------------------------------------------- synthetic population


@lru_cache(maxsize=1)
def synthetic_distributions() -> dict[str, Any]:
    """The synthetic-population distributions and their sources (read-only)."""
    with SYNTHETIC_FILE.open("rb") as fh:
        return tomllib.load(fh)


def synthetic_population(n: int, *, seed: int = 1, offset: int = 0) -> list[CareSpell]:
    """``n`` synthetic people (people ``offset`` .. ``offset + n - 1`` of ``seed``).

    Drawn in columns by :func:`careact.population.synthetic.synthetic_columns` (which needs NumPy, the
    ``population`` extra) and returned as spells, one per person.
    """
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise InputError.single("synthetic", "the number of people must be at least 1", "range")
    try:
        from ..population.convert import spell_at
        from ..population.synthetic import synthetic_columns
    except ModuleNotFoundError as exc:
        if exc.name != "numpy":
            raise
        raise InputError.single(
            "synthetic", "the synthetic population needs NumPy: pip install 'careact[population]'", "missing_extra"
        ) from None
    population = synthetic_columns(n, seed=seed, offset=offset)
    return [spell_at(population, i) for i in range(n)]


# --------------------------------------------------------------------------- simulating

POPULATION = RuleStep(
    id="reform.population",
    title="A reform on a population",
    citation="Care Act 2014 ss 14-15, 17",
    href="https://www.legislation.gov.uk/ukpga/2014/23/section/15",
)
TERMS = RuleStep(id="reform.population.terms", title="The reform's terms", citation="The reform overlay (each value cited in it)")
TOTALS = RuleStep(id="reform.population.totals", title="What the population pays", citation="Care Act 2014 s 14; SI 2014/2672")


@dataclass(frozen=True, slots=True)
class PopulationJob:
    """Everything a worker needs to run a chunk: names and paths only, so it pickles small."""

    reform: str  # a bundled reform name or a path to an overlay file (the layer's name if built in memory)
    years: int | None = None
    base: str = "england"
    overlays: tuple[str, ...] = ()  # council overlays applied under both baseline and reform
    assessor: str = DEFAULT_ASSESSOR  # "module:function"
    on: date | None = None  # each account opens on the first weekly statement on or after it


@dataclass(frozen=True)
class _Bound:
    """A job whose rule sets were given in memory: run in this process only (rule sets do not pickle)."""

    job: PopulationJob
    baseline: RuleSet
    reformed: RuleSet


def _rules(base: str, overlays: tuple[str, ...], reform: str | None) -> RuleSet:
    """The rule set for a job, cached per process (keyed on file times, so an edited policy file is re-read)."""
    stamps = tuple(_mtime(x) for x in (*overlays, reform or ""))
    return _cached_rules(base, overlays, reform, stamps)


def _mtime(spec: str) -> int:
    p = Path(spec)
    return p.stat().st_mtime_ns if spec.endswith(".toml") and p.is_file() else 0


@lru_cache(maxsize=16)
def _cached_rules(base: str, overlays: tuple[str, ...], reform: str | None, stamps: tuple[int, ...]) -> RuleSet:
    return reform_ruleset(reform, base=base, overlays=overlays)


@lru_cache(maxsize=8)
def _assessor(path: str) -> Assessor:
    module, _, name = path.partition(":")
    return getattr(importlib.import_module(module), name)  # type: ignore[no-any-return]


def _job_rules(ctx: PopulationJob | _Bound) -> tuple[PopulationJob, RuleSet, RuleSet]:
    if isinstance(ctx, _Bound):
        return ctx.job, ctx.baseline, ctx.reformed
    return ctx, _rules(ctx.base, ctx.overlays, None), _rules(ctx.base, ctx.overlays, ctx.reform)


def simulate(spell: CareSpell, job: PopulationJob | _Bound) -> CaseOutcome:
    """One spell under the baseline and the reform."""
    job, baseline, reformed = _job_rules(job)
    assessor = _assessor(job.assessor)
    weeks = job.years * 52 if job.years else None
    a = _run(spell, baseline, assessor=assessor, weeks=weeks, on=job.on)
    b = _run(spell, reformed, assessor=assessor, weeks=weeks, on=job.on)
    figures = FigureLedger()
    figures.merge(a.figures)
    figures.merge(b.figures)
    return CaseOutcome.model_construct(
        id=spell.id,
        weight=spell.weight,
        weeks=a.weeks,
        setting=spell.setting,
        tenure=spell.tenure,
        weekly_income=spell.weekly_income,
        initial_wealth=spell.initial_wealth,
        baseline=a.outcome(),
        reform=b.outcome(),
        unverified=tuple(figures.unverified),
        secondary=tuple(figures.secondary),
    )


class CaseError(BaseModel):
    """A case the engine could not assess (bad input, or outside the rules' coverage): reported, not fatal."""

    model_config = ConfigDict(frozen=True, json_schema_serialization_defaults_required=True)
    id: str
    error: str

    def as_row(self) -> dict[str, str]:
        return {"id": self.id, "error": self.error}


def _safe(spell: CareSpell, job: PopulationJob | _Bound) -> CaseOutcome | CaseError:
    try:
        return simulate(spell, job)
    except CareactError as exc:
        return CaseError(id=spell.id, error=str(exc))


def _run_chunk(job: PopulationJob | _Bound, chunk: Sequence[CareSpell]) -> list[CaseOutcome | CaseError]:
    return [_safe(s, job) for s in chunk]


def _run_synthetic_chunk(
    job_seed: tuple[PopulationJob | _Bound, int], span: Sequence[tuple[int, int]]
) -> list[CaseOutcome | CaseError]:
    job, seed = job_seed
    out: list[CaseOutcome | CaseError] = []
    for offset, n in span:
        out.extend(_safe(s, job) for s in synthetic_population(n, seed=seed, offset=offset))
    return out


class PopulationResult(CareactResult):
    """Per-case outcomes in input order, the aggregates, how the run went, and the figures' status."""

    model_config = ConfigDict(frozen=True, title="careact reform population run")
    schema_: Literal["careact.result.reform.population/1"] = Field(POPULATION_SCHEMA, alias="schema")
    on: date = Field(description="Each account opens on the first weekly statement on or after this date (or at "
                     "its care start, if later).")
    job: PopulationJob = Field(description="What was run: the reform, years, base rule set, council overlays.")
    outcomes: tuple[CaseOutcome, ...]
    stats: RunStats
    summary: dict[str, Any] = Field(default_factory=dict, description="Totals and breakdowns (see aggregate()).")
    errors: tuple[CaseError, ...] = ()
    figures: FiguresStatus = Field(
        description="Whether any figure the run used is unverified or only from a secondary source.")
    ruleset: dict[str, Any] = Field(description="The identity of the reform's rule set.")
    careact_version: str
    explanation: ExplanationField = Field(
        None, description="The careact.explain/1 document of the run (the reform's terms and the totals); per-case "
        "working comes from careact.reform.compare; None with explain=False.")

    @property
    def inputs(self) -> PopulationJob:
        return self.job

    def write(self, outdir: str | Path, *, plots: bool = False) -> list[Path]:
        """``cases.csv`` and ``summary.json`` (and charts with ``plots``) in ``outdir``."""
        outdir = Path(outdir)
        outdir.mkdir(parents=True, exist_ok=True)
        written = [write_cases_csv(self.outcomes, outdir / "cases.csv")]
        if self.errors:
            ep = outdir / "errors.csv"
            with ep.open("w", newline="", encoding="utf-8") as fh:
                w = csv.DictWriter(fh, fieldnames=["id", "error"])
                w.writeheader()
                w.writerows(e.as_row() for e in self.errors)
            written.append(ep)
        p = outdir / "summary.json"
        p.write_text(json.dumps(self.summary_document(), indent=2, sort_keys=True) + "\n", encoding="utf-8")
        written.append(p)
        if plots:
            from .plots import population_charts

            written.extend(population_charts(self.summary, outdir))
        return written

    def summary_document(self) -> dict[str, Any]:
        return {
            "schema": "careact.reform.population/1",
            "reform": self.job.reform,
            "years": self.job.years,
            "base": self.job.base,
            "overlays": list(self.job.overlays),
            "on": self.on.isoformat(),
            "run": self.stats.as_dict(),
            "failed": {
                "cases": len(self.errors),
                "examples": [e.as_row() for e in self.errors[:5]],
            },
            "figures": self.figures.model_dump(mode="json"),
            "careact_version": self.careact_version,
            **self.summary,
        }


def write_cases_csv(outcomes: Sequence[CaseOutcome], path: Path) -> Path:
    rows = [o.as_row() for o in outcomes]
    with path.open("w", newline="", encoding="utf-8") as fh:
        if rows:
            w = csv.DictWriter(fh, fieldnames=list(rows[0]))
            w.writeheader()
            for r in rows:
                w.writerow({k: ("" if v is None else v) for k, v in r.items()})
    return path


def _name(spec: str | Path | Layer) -> str:
    return spec.name if isinstance(spec, Layer) else str(spec)


def run_population(
    population: Sequence[CareSpell] | int,
    *,
    on: date | None = None,
    reform: str | Path | Layer,
    years: int | None = None,
    rules: RuleSet | None = None,
    overlays: Sequence[str | Path | Layer] = (),
    explain: bool = True,
    seed: int = 1,
    base: str = "england",
    executor: str = "local",
    workers: int | None = None,
    chunksize: int | None = None,
    progress: bool = False,
    address: str | None = None,
    assessor: str = DEFAULT_ASSESSOR,
) -> PopulationResult:
    """Run a population (a list of spells, or ``n`` for ``n`` synthetic people of ``seed``) under a reform.

    Each person's account opens on the first weekly statement on or after ``on`` (or at their care
    start, if later); someone whose spell ended before ``on`` is reported in ``errors``. ``rules`` is
    the baseline rule set (default: the bundled ``base`` set) with ``overlays`` on top, under both
    sides. Worker processes load rules by name or file: a rule set or overlay built in memory runs
    only with ``executor="serial"``.

    .. versionchanged:: 0.2.0
       ``on`` is required (without it each account opens at its own care start, with a
       :class:`DeprecationWarning`, until 0.3); ``rules`` and in-memory overlays may be given, and the
       result is a pydantic model with its explanation and figures' status.
    """
    if not isinstance(population, int) and not population:
        raise InputError.single("population", "has no people", "empty")
    if on is None:
        warnings.warn("careact.reform.run_population: pass on= (the date the accounts open, run_population(people, "
                      "on=..., reform=...)); without it each account opens at its own care start until careact 0.3",
                      DeprecationWarning, stacklevel=2)
        if isinstance(population, int):
            day: date = synthetic_distributions()["meta"]["care_start_from"]
        else:
            day = min(s.care_start for s in population)
    else:
        day = check_on(on)
    if years is not None and (isinstance(years, bool) or not isinstance(years, int) or years < 1):
        raise InputError.single("years", f"must be a whole number of years, at least 1 (got {years!r})", "range")
    in_memory = rules is not None or isinstance(reform, Layer) or any(isinstance(o, Layer) for o in overlays)
    job = PopulationJob(
        reform=_name(reform), years=years, base=base, overlays=tuple(_name(o) for o in overlays), assessor=assessor,
        on=day if on is not None else None,
    )
    # fail fast, in this process, on a bad reform name or file
    if in_memory:
        if executor != "serial":
            raise InputError.single("executor", "a rule set or overlay built in memory runs only with "
                                    "executor='serial' (worker processes load rules by name or file)", "choice")
        baseline = reform_ruleset(None, base=base, overlays=overlays, rules=rules)
        ctx: PopulationJob | _Bound = _Bound(job, baseline, baseline.with_overlay(load_reform(reform)))
    else:
        ctx = job
    _, baseline_rules, reform_rules = _job_rules(ctx)
    covered = baseline_rules.covers_from()
    if on is None:
        day = max(day, covered)  # the old form: each account opens at its own care start; a case too early fails alone
    elif day < covered:
        raise InputError.single("on", f"careact's rules start on {covered.day} {covered:%B} {covered.year}; "
                                f"{day.isoformat()} is before that", "out_of_range")
    if isinstance(population, int):
        # synthetic: ship (offset, n) spans, each worker draws its own people -- same people either way
        n = population
        if n < 1:
            raise InputError.single("synthetic", "the number of people must be at least 1", "range")
        step = chunksize or max(1, min(500, math.ceil(n / 64)))
        spans = [(o, min(step, n - o)) for o in range(0, n, step)]
        parts, stats = run_chunks(
            _run_synthetic_chunk, (ctx, seed), spans, executor=executor, workers=workers, chunksize=1,
            progress=progress, address=address, label="chunks",
        )
        stats = RunStats(stats.executor, stats.workers, n, stats.chunks, stats.seconds)
        results = parts
    else:
        results, stats = run_chunks(
            _run_chunk, ctx, list(population), executor=executor, workers=workers, chunksize=chunksize,
            progress=progress, address=address,
        )
    outcomes = tuple(r for r in results if isinstance(r, CaseOutcome))
    errors = tuple(r for r in results if isinstance(r, CaseError))
    ledger = FigureLedger()
    for o in outcomes:
        ledger.unverified.update(dict.fromkeys(o.unverified))
        ledger.secondary.update(dict.fromkeys(o.secondary))
    summary = aggregate(outcomes)
    explanation = _explain(day, baseline_rules, reform_rules, job, summary, ledger) if explain else None
    return PopulationResult(
        on=day,
        job=job,
        outcomes=outcomes,
        stats=stats,
        summary=summary,
        errors=errors,
        figures=figures_status(ledger, day),
        ruleset=reform_rules.identity(),
        careact_version=__version__,
        explanation=explanation,
    )


def _explain(day: date, baseline: RuleSet, reformed: RuleSet, job: PopulationJob, summary: dict[str, Any],
             ledger: FigureLedger) -> ExplanationView:
    """The run's explanation: the reform's terms in force on ``day`` (each cited) and the totals."""
    trace = Trace()
    totals = summary["totals"]
    with trace.group(
        POPULATION,
        N_("{cases} cases: the current rules and {reform} compared, each account from {on}"),
        args={"cases": totals["cases"], "reform": job.reform, "on": day},
    ) as top:
        # every parameter the reform sets, as in force on the day (read, so each is cited)
        r = Reader(reformed.at(day), trace, ledger)
        terms = []
        for layer in reformed.overlays[len(baseline.overlays):]:
            for name in layer.parameters:
                decl = declaration(name)
                if decl is not None and r.has(decl):
                    terms.append(name)
                    r.param(decl)
        trace.add(TERMS, N_("On {on} the reform sets {count} parameters: {names}"),
                  args={"on": day, "count": len(terms), "names": ", ".join(terms) or "none in force yet"},
                  output=terms)
        b, f, c = totals["baseline"], totals["reform"], totals["change"]
        trace.add(
            TOTALS,
            N_("People pay {bp} under the current rules and {rp} under the reform; councils pay {bc} and {rc} "
               "({better} better off, {worse} worse off)"),
            args={"bp": gbp(Decimal(b["person_paid"])), "rp": gbp(Decimal(f["person_paid"])),
                  "bc": gbp(Decimal(b["council_paid"])), "rc": gbp(Decimal(f["council_paid"])),
                  "better": c["better_off"], "worse": c["worse_off"]},
            output={"person_paid_change": c["person_paid"], "council_paid_change": c["council_paid"]},
        )
        Trace.close(top, output={"cases": totals["cases"], "people": totals["people"]})
    return ExplanationView(Explanation.from_trace("reform.population", day, reformed.identity(), trace))


# --------------------------------------------------------------------------- aggregates


def _deciles(outcomes: Sequence[CaseOutcome], key: Callable[[CaseOutcome], Decimal]) -> list[int]:
    order = sorted(range(len(outcomes)), key=lambda i: (key(outcomes[i]), outcomes[i].id))
    n = len(outcomes)
    out = [0] * n
    for rank, i in enumerate(order):
        out[i] = rank * 10 // n + 1
    return out


def _count_str(c: Decimal) -> str:
    """A (weighted) count: a whole number as digits ('120', never '1.2E+2'), else the plain decimal."""
    return str(int(c)) if c == c.to_integral_value() else format(c, "f")


def _group(outcomes: Sequence[CaseOutcome]) -> dict[str, Any]:
    def w(o: CaseOutcome) -> Decimal:
        return o.weight

    people = sum((w(o) for o in outcomes), Decimal(0))

    def total(f: Callable[[CaseOutcome], Decimal]) -> str:
        return str(round_pence(sum((w(o) * f(o) for o in outcomes), ZERO)))

    def count(f: Callable[[CaseOutcome], bool]) -> str:
        return _count_str(sum((w(o) for o in outcomes if f(o)), Decimal(0)))

    reached = [o for o in outcomes if o.reform.cap_reached_on is not None]
    weeks_to_cap = [o.reform.weeks_to_cap for o in reached if o.reform.weeks_to_cap is not None]
    return {
        "cases": len(outcomes),
        "people": _count_str(people),
        "baseline": {
            "person_paid": total(lambda o: o.baseline.person_paid),
            "council_paid": total(lambda o: o.baseline.council_paid),
            "self_funders_at_start": count(lambda o: o.baseline.self_funder_at_start),
            "wealth_end": total(lambda o: o.baseline.wealth_end),
        },
        "reform": {
            "person_paid": total(lambda o: o.reform.person_paid),
            "council_paid": total(lambda o: o.reform.council_paid),
            "self_funders_at_start": count(lambda o: o.reform.self_funder_at_start),
            "reached_cap": count(lambda o: o.reform.cap_reached_on is not None),
            "mean_weeks_to_cap": (
                str(round_decimal(Decimal(sum(weeks_to_cap)) / len(weeks_to_cap), Decimal("0.1"))) if weeks_to_cap else None
            ),
            "wealth_end": total(lambda o: o.reform.wealth_end),
        },
        "change": {
            "person_paid": total(lambda o: o.reform.person_paid - o.baseline.person_paid),
            "council_paid": total(lambda o: o.reform.council_paid - o.baseline.council_paid),
            "better_off": count(lambda o: o.reform.person_paid < o.baseline.person_paid),
            "worse_off": count(lambda o: o.reform.person_paid > o.baseline.person_paid),
        },
    }


def aggregate(outcomes: Sequence[CaseOutcome]) -> dict[str, Any]:
    """Totals and breakdowns (money as decimal strings, weighted by each case's ``weight``)."""
    if not outcomes:
        return {"totals": _group([])}
    inc = _deciles(outcomes, lambda o: o.weekly_income)
    wealth = _deciles(outcomes, lambda o: o.initial_wealth)

    def by(labels: Sequence[Any]) -> dict[str, Any]:
        groups: dict[str, list[CaseOutcome]] = {}
        for o, lab in zip(outcomes, labels):
            groups.setdefault(str(lab), []).append(o)
        return {k: _group(groups[k]) for k in sorted(groups, key=lambda k: (len(k), k))}

    return {
        "totals": _group(outcomes),
        "by_income_decile": by(inc),
        "by_wealth_decile": by(wealth),
        "by_tenure": by([o.tenure for o in outcomes]),
        "by_setting": by([o.setting for o in outcomes]),
        "notes": [
            "Deciles rank cases (not weighted people) by weekly income and by initial wealth (capital plus home).",
            "Totals cover the weeks simulated for each case (its spell, cut at the --years horizon).",
            "'Self-funders at start' pay the full cost in their first week of care.",
        ],
    }
