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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import CareactError, FieldProblem, InputError
from ..money import ZERO, round_pence
from ..rules.catalogue import DATA_DIR
from .care_account import run_account
from .executors import RunStats, run_chunks
from .models import CareSpell, CaseOutcome, spell_from_mapping
from .overlays import reform_ruleset

__all__ = [
    "COLUMNS",
    "DEFAULT_ASSESSOR",
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
    return pq.read_table(path).to_pylist()


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


@dataclass(frozen=True, slots=True)
class PopulationJob:
    """Everything a worker needs to run a chunk: names and paths only, so it pickles small."""

    reform: str  # a bundled reform name or a path to an overlay file
    years: int | None = None
    base: str = "england"
    overlays: tuple[str, ...] = ()  # council overlays applied under both baseline and reform
    assessor: str = DEFAULT_ASSESSOR  # "module:function"


def _rules(base: str, overlays: tuple[str, ...], reform: str | None):
    """The rule set for a job, cached per process (keyed on file times, so an edited policy file is re-read)."""
    stamps = tuple(_mtime(x) for x in (*overlays, reform or ""))
    return _cached_rules(base, overlays, reform, stamps)


def _mtime(spec: str) -> int:
    p = Path(spec)
    return p.stat().st_mtime_ns if spec.endswith(".toml") and p.is_file() else 0


@lru_cache(maxsize=16)
def _cached_rules(base: str, overlays: tuple[str, ...], reform: str | None, stamps: tuple[int, ...]):
    return reform_ruleset(reform, base=base, overlays=overlays)


@lru_cache(maxsize=8)
def _assessor(path: str):
    module, _, name = path.partition(":")
    return getattr(importlib.import_module(module), name)


def simulate(spell: CareSpell, job: PopulationJob) -> CaseOutcome:
    """One spell under the baseline and the reform."""
    baseline = _rules(job.base, job.overlays, None)
    reformed = _rules(job.base, job.overlays, job.reform)
    assessor = _assessor(job.assessor)
    weeks = job.years * 52 if job.years else None
    a = run_account(spell, baseline, assessor=assessor, weeks=weeks)
    b = run_account(spell, reformed, assessor=assessor, weeks=weeks)
    return CaseOutcome(
        id=spell.id,
        weight=spell.weight,
        weeks=a.weeks,
        setting=spell.setting,
        tenure=spell.tenure,
        weekly_income=spell.weekly_income,
        initial_wealth=spell.initial_wealth,
        baseline=a.outcome(),
        reform=b.outcome(),
    )


@dataclass(frozen=True, slots=True)
class CaseError:
    """A case the engine could not assess (bad input, or outside the rules' coverage): reported, not fatal."""

    id: str
    error: str

    def as_row(self) -> dict[str, str]:
        return {"id": self.id, "error": self.error}


def _safe(spell: CareSpell, job: PopulationJob) -> CaseOutcome | CaseError:
    try:
        return simulate(spell, job)
    except CareactError as exc:
        return CaseError(spell.id, str(exc))


def _run_chunk(job: PopulationJob, chunk: Sequence[CareSpell]) -> list[CaseOutcome | CaseError]:
    return [_safe(s, job) for s in chunk]


def _run_synthetic_chunk(
    job_seed: tuple[PopulationJob, int], span: Sequence[tuple[int, int]]
) -> list[CaseOutcome | CaseError]:
    job, seed = job_seed
    out: list[CaseOutcome | CaseError] = []
    for offset, n in span:
        out.extend(_safe(s, job) for s in synthetic_population(n, seed=seed, offset=offset))
    return out


@dataclass(frozen=True)
class PopulationResult:
    """Per-case outcomes in input order, the aggregates, and how the run went."""

    job: PopulationJob
    outcomes: tuple[CaseOutcome, ...]
    stats: RunStats
    summary: dict[str, Any] = field(default_factory=dict)
    errors: tuple[CaseError, ...] = ()

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
            "run": self.stats.as_dict(),
            "failed": {
                "cases": len(self.errors),
                "examples": [e.as_row() for e in self.errors[:5]],
            },
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


def run_population(
    population: Sequence[CareSpell] | int,
    *,
    reform: str | Path,
    years: int | None = None,
    seed: int = 1,
    base: str = "england",
    overlays: Sequence[str] = (),
    executor: str = "local",
    workers: int | None = None,
    chunksize: int | None = None,
    progress: bool = False,
    address: str | None = None,
    assessor: str = DEFAULT_ASSESSOR,
) -> PopulationResult:
    """Run a population (a list of spells, or ``n`` for ``n`` synthetic people of ``seed``) under a reform."""
    job = PopulationJob(
        reform=str(reform), years=years, base=base, overlays=tuple(str(o) for o in overlays), assessor=assessor
    )
    # fail fast, in this process, on a bad reform name or file
    _rules(job.base, job.overlays, job.reform)
    if isinstance(population, int):
        # synthetic: ship (offset, n) spans, each worker draws its own people -- same people either way
        n = population
        step = chunksize or max(1, min(500, math.ceil(n / 64)))
        spans = [(o, min(step, n - o)) for o in range(0, n, step)]
        parts, stats = run_chunks(
            _run_synthetic_chunk, (job, seed), spans, executor=executor, workers=workers, chunksize=1,
            progress=progress, address=address, label="chunks",
        )
        stats = RunStats(stats.executor, stats.workers, n, stats.chunks, stats.seconds)
        results = parts
    else:
        results, stats = run_chunks(
            _run_chunk, job, list(population), executor=executor, workers=workers, chunksize=chunksize,
            progress=progress, address=address,
        )
    outcomes = tuple(r for r in results if isinstance(r, CaseOutcome))
    errors = tuple(r for r in results if isinstance(r, CaseError))
    return PopulationResult(job=job, outcomes=outcomes, stats=stats, summary=aggregate(outcomes), errors=errors)


# --------------------------------------------------------------------------- aggregates


def _deciles(outcomes: Sequence[CaseOutcome], key) -> list[int]:
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
    w = lambda o: o.weight
    people = sum((w(o) for o in outcomes), Decimal(0))

    def total(f) -> str:
        return str(round_pence(sum((w(o) * f(o) for o in outcomes), ZERO)))

    def count(f) -> str:
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
                str((Decimal(sum(weeks_to_cap)) / len(weeks_to_cap)).quantize(Decimal("0.1"))) if weeks_to_cap else None
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
