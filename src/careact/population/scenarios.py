"""Reforms on a whole population: the baseline against one or many reforms, or a grid of reform parameters.

:func:`compare_reforms` runs every person's care account (:func:`careact.population.reform.run_accounts`)
under the current rules and under each reform; :func:`sweep` does so for every point of a grid of reform
parameters -- the cap, the capital limits, daily living costs, ... -- each built in memory as an overlay
(:func:`careact.rules.make_overlay`) on top of a reform. Both return a :class:`ScenarioRun`:

* :meth:`ScenarioRun.summary` -- a tidy table, one row per scenario and group of people (everyone, each
  decile of wealth and of income, each setting and tenure): what people and the state pay, the change
  from the baseline, who is better or worse off, who reaches the cap and how soon;
* :meth:`ScenarioRun.people` -- one row per person and scenario; :meth:`ScenarioRun.years` -- the totals
  of each year of the accounts;
* :meth:`ScenarioRun.write` -- the tables as Parquet (or CSV) and, with ``plots``, charts for a briefing
  (:mod:`careact.population.charts`).

Money is exact throughout: each person's figures are whole pence, group totals are exact sums weighted by
each person's weight (in millionths), rounded once to the penny. A run can be split across local
processes or a Dask cluster; every person's account is independent, so the results are the same.
"""

from __future__ import annotations

import dataclasses
import hashlib
import itertools
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from ..errors import InputError
from ..money import round_pence
from ..reform.executors import RunStats, run_chunks
from ..reform.overlays import load_reform, reform_ruleset
from ..results import FiguresStatus, figures_status
from ..rules import Layer, RuleSet, make_overlay
from ..rules.reader import FigureLedger
from .codes import TENURE
from .columns import WEIGHT_SCALE
from .reform import AccountColumns, SpellColumns, run_accounts, spell_columns

__all__ = ["BASELINE", "Scenario", "ScenarioRun", "compare_reforms", "grid_scenarios", "sweep"]

BASELINE = "baseline"
Array = NDArray[Any]


@dataclass(frozen=True)
class Scenario:
    """A rule set to run everyone under: the current rules (``reform=None``), a reform (a bundled name or an
    overlay file), and optionally values of parameters set on top of it from ``start`` (a point of a sweep)."""

    name: str
    reform: str | None = None
    values: tuple[tuple[str, str], ...] = ()
    start: date | None = None

    @property
    def parameters(self) -> dict[str, str]:
        return dict(self.values)


@dataclass(frozen=True)
class _Job:
    """What a worker needs: names, paths and values only (a rule set is rebuilt in each process)."""

    base: str
    overlays: tuple[str, ...]
    scenarios: tuple[Scenario, ...]
    on: date
    weeks: int | None
    weekly: bool = False


@lru_cache(maxsize=64)
def _scenario_rules(base: str, overlays: tuple[str, ...], scenario: Scenario) -> RuleSet:
    rules = reform_ruleset(scenario.reform, base=base, overlays=overlays)
    if scenario.values:
        start = scenario.start or date(2015, 4, 1)
        digest = hashlib.sha256(repr(scenario.values).encode()).hexdigest()[:10]
        layer = make_overlay(dict(scenario.values), name=f"sweep.{digest}", layer="reform",
                             base=base, start=start, description=f"sweep point: {scenario.name}",
                             source="a sweep of reform parameters")
        rules = rules.with_overlay(layer)
    return rules


def _run_part(job: _Job, spells: SpellColumns, which: Sequence[int]) -> list[AccountColumns]:
    out = []
    for k in which:
        s = job.scenarios[k]
        acc = run_accounts(spells, _scenario_rules(job.base, job.overlays, s), on=job.on, weeks=job.weeks,
                           weekly=job.weekly)
        out.append(dataclasses.replace(acc, rules=None, spells=None))  # rule sets stay in the process that built them
    return out


@lru_cache(maxsize=2)
def _synthetic_spells(seed: int, offset: int, n: int) -> SpellColumns:
    from .synthetic import synthetic_columns

    # only the columns travel back (not the population they came from)
    return SpellColumns.concat([spell_columns(synthetic_columns(n, seed=seed, offset=offset))])


@dataclass(frozen=True)
class _Work:
    """One task: some scenarios for some people (``(seed, offset, n)`` of the synthetic population, drawn in the
    worker, or the spells themselves)."""

    scenarios: tuple[int, ...]
    people: Any
    size: int


def _run_chunk(job: _Job, chunk: Sequence[_Work]) -> list[tuple[SpellColumns | None, list[AccountColumns]]]:
    out = []
    for work in chunk:
        item = work.people
        spells = _synthetic_spells(*item) if isinstance(item, tuple) else item
        out.append((spells if 0 in work.scenarios else None, _run_part(job, spells, work.scenarios)))
    return out


# --------------------------------------------------------------------------- the run and its tables


@dataclass
class ScenarioRun:
    """Every person's account under each scenario (the first is the baseline), and how the run went."""

    spells: SpellColumns
    on: date
    weeks: int | None
    scenarios: tuple[Scenario, ...]
    accounts: tuple[AccountColumns, ...]
    stats: RunStats
    grid: tuple[str, ...] = ()
    rejected: tuple[Any, ...] = ()
    base: str = "england"
    overlays: tuple[str, ...] = ()
    _groups: dict[str, Array] | None = field(default=None, repr=False)

    def __len__(self) -> int:
        return len(self.spells)

    @property
    def ok(self) -> Array:
        """People every scenario could run (the others are listed in :attr:`problems`)."""
        out: Array = np.logical_and.reduce([a.ok for a in self.accounts])
        return out

    @property
    def problems(self) -> dict[int, str]:
        found: dict[int, str] = {}
        for a in self.accounts:
            for row, text in a.problems.items():
                found.setdefault(row, text)
        return dict(sorted(found.items()))

    @property
    def figures(self) -> FiguresStatus:
        ledger = FigureLedger()
        for a in self.accounts:
            ledger.merge(a.figures)
        return figures_status(ledger, self.on)

    def account(self, name: str) -> AccountColumns:
        for s, a in zip(self.scenarios, self.accounts, strict=True):
            if s.name == name:
                return a
        raise KeyError(name)

    def explain(self, row: int | str, scenario: str = BASELINE) -> Any:
        """The account of one person (a row number or an id) under ``scenario``, run again one spell at a
        time with its explanation (:class:`careact.reform.care_account.AccountResult`)."""
        if isinstance(row, str):
            found = np.flatnonzero(self.spells.ids == row)
            if len(found) == 0:
                raise InputError.single("id", f"no person with id {row!r}", "unknown_value")
            row = int(found[0])
        return self.account(scenario).explain(row)

    # ------------------------------------------------------------------ groups of people

    def groups(self) -> dict[str, Array]:
        """Group labels per person: wealth and income deciles (1 = lowest), setting and tenure."""
        if self._groups is None:
            s = self.spells
            self._groups = {
                "wealth_decile": _deciles(s.initial_wealth, s.ids),
                "income_decile": _deciles(s.income, s.ids),
                "setting": np.where(s.care_home, "care_home", "community").astype(object),
                "tenure": np.array(TENURE.values, dtype=object)[s.tenure.astype(np.int64)],
            }
        return self._groups

    # ------------------------------------------------------------------ tables

    def summary(self) -> Any:
        """The tidy summary: one row per scenario and group (``group`` ``all``, or a decile, setting or tenure)."""

        rows: list[dict[str, Any]] = []
        ok = self.ok
        base = self.accounts[0]
        weight = self.spells.weight
        groups = [("all", "all", ok)]
        for kind, labels in self.groups().items():
            for label in sorted(set(labels[ok].tolist()), key=lambda v: (len(str(v)), str(v))):
                groups.append((kind, str(label), ok & (labels == label)))
        for scenario, acc in zip(self.scenarios, self.accounts, strict=True):
            for kind, label, mask in groups:
                w = weight[mask]
                reached = mask & (acc.weeks_to_cap >= 0)
                row: dict[str, Any] = {
                    "scenario": scenario.name, "reform": scenario.reform or "", "group_by": kind, "group": label,
                    **{p: scenario.parameters.get(p) for p in self.grid},
                    "cases": int(mask.sum()),
                    "people": _people(w),
                    "person_paid": _money(acc.person_paid[mask], w),
                    "council_paid": _money(acc.council_paid[mask], w),
                    "person_paid_change": _money((acc.person_paid - base.person_paid)[mask], w),
                    "council_paid_change": _money((acc.council_paid - base.council_paid)[mask], w),
                    "self_funders_at_start": _people(weight[mask & acc.self_funder_at_start]),
                    "reached_cap": _people(weight[reached]),
                    "mean_weeks_to_cap": _mean(acc.weeks_to_cap[reached], weight[reached]),
                    "better_off": _people(weight[mask & (acc.person_paid < base.person_paid)]),
                    "worse_off": _people(weight[mask & (acc.person_paid > base.person_paid)]),
                    "wealth_end": _money(acc.wealth_end[mask], w),
                }
                rows.append(row)
        return _table(rows, money=("person_paid", "council_paid", "person_paid_change", "council_paid_change",
                                   "wealth_end"), decimals=("people", "self_funders_at_start", "reached_cap",
                                                            "mean_weeks_to_cap", "better_off", "worse_off"))

    def people(self, scenario: str | None = None) -> Any:
        """One row per person and scenario (or for one scenario): the account's figures, money exact."""
        import pyarrow as pa

        from .io import _pence_array

        s = self.spells
        groups = self.groups()
        tables = []
        base = self.accounts[0]
        for sc, acc in zip(self.scenarios, self.accounts, strict=True):
            if scenario is not None and sc.name != scenario:
                continue
            ok = acc.ok
            day = np.where(acc.cap_reached_day > 0, acc.cap_reached_day, 1)
            reached = acc.cap_reached_day > 0
            cols: dict[str, Any] = {
                "scenario": pa.array([sc.name] * len(s), pa.string()),
                "id": pa.array(s.ids.tolist(), pa.string()),
                "ok": pa.array(ok),
                "weight": _pence_array(s.weight, None, 6, pa.decimal128(18, 6)),
                "setting": pa.array(groups["setting"].tolist(), pa.string()),
                "tenure": pa.array(groups["tenure"].tolist(), pa.string()),
                "wealth_decile": pa.array(groups["wealth_decile"]),
                "income_decile": pa.array(groups["income_decile"]),
                "weekly_income": _pence_array(s.income),
                "initial_wealth": _pence_array(s.initial_wealth),
                "weeks": pa.array(acc.weeks, mask=~ok),
                "person_paid": _pence_array(acc.person_paid, ok),
                "council_paid": _pence_array(acc.council_paid, ok),
                "person_paid_change": _pence_array(acc.person_paid - base.person_paid, ok & base.ok),
                "council_paid_change": _pence_array(acc.council_paid - base.council_paid, ok & base.ok),
                "self_funder_at_start": pa.array(acc.self_funder_at_start, mask=~ok),
                "self_funder_weeks": pa.array(acc.self_funder_weeks, mask=~ok),
                "accrued_towards_cap": _pence_array(acc.accrued, ok),
                "cap_reached_on": pa.array((day - 719163).astype("datetime64[D]"), mask=~(ok & reached)),
                "weeks_to_cap": pa.array(acc.weeks_to_cap, mask=~(ok & reached)),
                "capital_end": _pence_array(acc.capital_end, ok),
                "wealth_end": _pence_array(acc.wealth_end, ok),
                "deferred": _pence_array(acc.deferred, ok),
            }
            tables.append(pa.table(cols))
        return pa.concat_tables(tables)

    def years(self) -> Any:
        """The totals of each account year under each scenario (money exact; counts of people)."""
        rows = []
        for sc, acc in zip(self.scenarios, self.accounts, strict=True):
            n_years = len(acc.years.get("person_paid", []))
            for y in range(n_years):
                rows.append({
                    "scenario": sc.name, **{p: sc.parameters.get(p) for p in self.grid}, "year": y + 1,
                    "person_paid": _units(acc.years["person_paid"][y]),
                    "council_paid": _units(acc.years["council_paid"][y]),
                    "accrued_towards_cap": _units(acc.years["accrued"][y]),
                    "reached_cap": _count(acc.years["reached_cap"][y]),
                    "self_funder_weeks": _count(acc.years["self_funder_weeks"][y]),
                    "person_weeks": _count(acc.years["weeks"][y]),
                })
        return _table(rows, money=("person_paid", "council_paid", "accrued_towards_cap"),
                      decimals=("reached_cap", "self_funder_weeks", "person_weeks"))

    def totals(self) -> dict[str, dict[str, Decimal]]:
        """Per scenario, the totals over everyone (pounds, people)."""
        out = {}
        summary = self.summary().to_pylist()
        for row in summary:
            if row["group_by"] == "all":
                out[row["scenario"]] = {k: row[k] for k in ("person_paid", "council_paid", "person_paid_change",
                                                             "council_paid_change", "people", "reached_cap",
                                                             "better_off", "worse_off")}
        return out

    def write(self, outdir: str | Path, *, format: str = "parquet", plots: bool = False,
              plot_formats: Sequence[str] = ("png", "svg")) -> list[Path]:
        """Write ``summary``, ``people`` and ``years`` (``.parquet`` or ``.csv``) and, with ``plots``, the charts."""
        from .io import write_results

        if format not in ("parquet", "csv"):
            raise InputError.single("format", f"must be parquet or csv, not {format!r}", "choice")
        outdir = Path(outdir)
        outdir.mkdir(parents=True, exist_ok=True)
        written = [write_results(self.summary(), outdir / f"summary.{format}"),
                   write_results(self.people(), outdir / f"people.{format}"),
                   write_results(self.years(), outdir / f"years.{format}")]
        if self.problems:
            import pyarrow as pa

            probs = self.problems
            table = pa.table({"row": pa.array(list(probs), pa.int64()),
                              "id": pa.array([str(self.spells.ids[r]) for r in probs], pa.string()),
                              "problem": pa.array(list(probs.values()), pa.string())})
            written.append(write_results(table, outdir / f"not_run.{format}"))
        if plots:
            from .charts import scenario_charts

            written.extend(scenario_charts(self, outdir, formats=plot_formats))
        return written


# --------------------------------------------------------------------------- exact weighted sums


def _units(total: int) -> Decimal:
    """A sum of pence times weights (millionths) as pounds, rounded once to the penny."""
    return round_pence(Decimal(total) / (100 * WEIGHT_SCALE))


def _count(total: int) -> Decimal:
    """A sum of weights (millionths) or of weeks times weights, as a number of people (six places at most)."""
    return (Decimal(total) / WEIGHT_SCALE).normalize() if total else Decimal(0)


def _weighted_sum(values: Array, weights: Array) -> int:
    from .reform import _weighted

    return _weighted(values.astype(np.int64, copy=False), weights)


def _money(values: Array, weights: Array) -> Decimal:
    return _units(_weighted_sum(values, weights))


def _people(weights: Array) -> Decimal:
    return _count(int(weights.astype(object).sum()) if len(weights) else 0)


def _mean(values: Array, weights: Array) -> Decimal | None:
    total = int(weights.astype(object).sum()) if len(weights) else 0
    if not total:
        return None
    return (Decimal(_weighted_sum(values, weights)) / Decimal(total)).quantize(Decimal("0.1"))


def _deciles(values: Array, ids: Array) -> Array:
    """Deciles of ``values`` (1 = lowest), ranking people (ties by id) as the per-case aggregates do."""
    n = len(values)
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    order = np.lexsort((ids.astype(str), values))
    out = np.empty(n, dtype=np.int64)
    out[order] = np.arange(n, dtype=np.int64) * 10 // n + 1
    return out


def _table(rows: list[dict[str, Any]], *, money: Iterable[str] = (), decimals: Iterable[str] = ()) -> Any:
    import pyarrow as pa

    if not rows:
        return pa.table({})
    money, decimals = set(money), set(decimals)
    cols: dict[str, Any] = {}
    for name in rows[0]:
        values = [r[name] for r in rows]
        if name in money:
            cols[name] = pa.array(values, pa.decimal128(20, 2))
        elif name in decimals:
            cols[name] = pa.array([None if v is None else Decimal(v).quantize(Decimal("0.000001")) for v in values],
                                  pa.decimal128(24, 6))
        else:
            cols[name] = pa.array(values)
    return pa.table(cols)


# --------------------------------------------------------------------------- running


ProgressFn = Callable[[int, int], None]


def _name(spec: str | Path | Layer | None) -> str | None:
    if spec is None:
        return None
    if isinstance(spec, Layer):
        raise InputError.single("reform", "give a bundled reform name or an overlay file (worker processes load rules by "
                                "name or file); for values set in code use sweep()", "type")
    return str(spec)


def _population_items(population: Any, seed: int, executor: str, workers: int | None,
                      chunksize: int | None) -> tuple[list[Any], int]:
    """The chunks to run: ``(seed, offset, n)`` for a synthetic population (each worker draws its own people),
    else the spells cut into consecutive parts."""
    from ..reform.executors import default_workers
    from .columns import Population

    if isinstance(population, int):
        n = population
        if isinstance(n, bool) or n < 1:
            raise InputError.single("synthetic", "the number of people must be at least 1", "range")
    else:
        if isinstance(population, Population):
            population = spell_columns(population)
        elif not isinstance(population, SpellColumns):
            from .reform import spells_to_columns

            population = spells_to_columns(list(population))
        n = len(population)
        if n == 0:
            raise InputError.single("population", "has no people", "empty")
    parallel = executor != "serial"
    size = chunksize or (max(1, math.ceil(n / max(1, (workers or default_workers()) * 2))) if parallel else n)
    size = min(size, 250_000)  # bounded memory per task
    if isinstance(population, int):
        return [(seed, o, min(size, n - o)) for o in range(0, n, size)], n
    return [population.take(np.arange(o, min(n, o + size))) for o in range(0, n, size)], n


def _people_in(item: _Work) -> int:
    return item.size


def _work(items: list[Any], n_scenarios: int, executor: str, workers: int | None) -> list[_Work]:
    """How to divide the run: each people-part under every scenario, or -- when there are many scenarios and few
    parts, as in a sweep -- each scenario (or group of them) for all the people of a part, since the run's fixed
    cost grows with the number of tasks a population is cut into, not with the number of people."""
    from ..reform.executors import default_workers

    def size(item: Any) -> int:
        return int(item[2]) if isinstance(item, tuple) else len(item)

    if executor == "serial" or n_scenarios == 1:
        return [_Work(tuple(range(n_scenarios)), item, size(item) * n_scenarios) for item in items]
    tasks = max(1, workers or default_workers()) * 2
    groups = max(1, min(n_scenarios, math.ceil(tasks / len(items))))
    step = math.ceil(n_scenarios / groups)
    return [_Work(tuple(range(k, min(n_scenarios, k + step))), item, size(item) * len(range(k, min(n_scenarios, k + step))))
            for item in items for k in range(0, n_scenarios, step)]


def run_scenarios(
    population: Any,
    scenarios: Sequence[Scenario],
    *,
    on: date,
    years: int | None = None,
    base: str = "england",
    overlays: Sequence[str | Path] = (),
    seed: int = 1,
    weekly: bool = False,
    executor: str = "serial",
    workers: int | None = None,
    chunksize: int | None = None,
    address: str | None = None,
    progress: bool = False,
    grid: tuple[str, ...] = (),
) -> ScenarioRun:
    """Run every person of ``population`` (a :class:`~careact.population.columns.Population` with spells,
    :class:`~careact.population.reform.SpellColumns`, a list of spells, or ``n`` synthetic people of ``seed``)
    under each scenario. The first scenario is the one changes are measured from."""
    if not scenarios:
        raise InputError.single("scenarios", "give at least one", "empty")
    if years is not None and (isinstance(years, bool) or not isinstance(years, int) or not 1 <= years <= 100):
        raise InputError.single("years", f"must be a whole number of years from 1 to 100 (got {years!r})", "range")
    names = [s.name for s in scenarios]
    if len(set(names)) != len(names):
        raise InputError.single("scenarios", "each scenario needs its own name", "duplicate")
    overlays_t = tuple(str(o) for o in overlays)
    for s in scenarios:  # fail fast, in this process, on a bad name, file or value
        _scenario_rules(base, overlays_t, s)
    job = _Job(base=base, overlays=overlays_t, scenarios=tuple(scenarios), on=on,
               weeks=years * 52 if years else None, weekly=weekly)
    from ..reform.executors import default_workers

    many = len(scenarios) >= 2 * (workers or default_workers())
    whole = chunksize is None and many and executor != "serial"  # a sweep: scenarios, not people, are the unit of work
    items, n = _population_items(population, seed, executor, workers, 250_000 if whole else chunksize)
    work = _work(items, len(scenarios), executor, workers)
    done, stats = run_chunks(_run_chunk, job, work, executor=executor, workers=workers, chunksize=1,
                             progress=progress, address=address, label="person-scenarios", size_of=_people_in)
    stats = RunStats(stats.executor, stats.workers, n, stats.chunks, stats.seconds)
    # put the pieces back: per people-part, the scenarios in order
    by_part: list[dict[int, AccountColumns]] = []
    spells_parts: list[SpellColumns] = []
    for w, (spells_k, accounts_k) in zip(work, done, strict=True):
        if spells_k is not None:
            spells_parts.append(spells_k)
            by_part.append({})
        for k, acc in zip(w.scenarios, accounts_k, strict=True):
            by_part[-1][k] = acc
    spells = SpellColumns.concat(spells_parts) if len(spells_parts) > 1 else spells_parts[0]
    accounts = tuple(dataclasses.replace(AccountColumns.concat([part[k] for part in by_part], spells),
                                         rules=_scenario_rules(base, overlays_t, s))
                     for k, s in enumerate(scenarios))
    return ScenarioRun(spells=spells, on=on, weeks=job.weeks, scenarios=tuple(scenarios), accounts=accounts,
                       stats=stats, grid=grid, base=base, overlays=overlays_t)


def compare_reforms(
    population: Any,
    *,
    on: date,
    reforms: Sequence[str | Path] | str | Path,
    years: int | None = None,
    **options: Any,
) -> ScenarioRun:
    """Every person under the current rules and under each of ``reforms`` (bundled names or overlay files),
    from the first weekly statement on or after ``on``, for ``years`` years (or what is left of each spell).
    See :func:`run_scenarios` for the options (``base``, ``overlays``, ``seed``, ``executor``, ...)."""
    if isinstance(reforms, (str, Path)):
        reforms = [reforms]
    if not reforms:
        raise InputError.single("reforms", "give at least one reform", "empty")
    scenarios = [Scenario(BASELINE)]
    for r in reforms:
        load_reform(r)
        name = Path(str(r)).stem if str(r).endswith(".toml") else str(r)
        scenarios.append(Scenario(name, reform=_name(r)))
    return run_scenarios(population, scenarios, on=on, years=years, **options)


def grid_scenarios(grid: Mapping[str, Sequence[Any]], *, reform: str | Path | None = None,
                   start: date | None = None) -> list[Scenario]:
    """One scenario per point of ``grid`` (parameter -> values, e.g. ``{"reform.cap.amount": ["60000",
    "86000"], "capital.upper_limit": ["100000"]}``), each the ``reform`` with those values set from ``start``
    (default: the earliest date the reform sets anything)."""
    if not grid:
        raise InputError.single("grid", "give at least one parameter and its values", "empty")
    for name, values in grid.items():
        if isinstance(values, (str, bytes)) or not list(values):
            raise InputError.single(f"grid.{name}", "give a list of values", "type")
    if start is None and reform is not None:
        layer = load_reform(reform)
        starts = [v.start for p in layer.parameters.values() for v in p.values]
        start = min(starts) if starts else None
    names = list(grid)
    reform_name = _name(reform)
    label = (Path(reform_name).stem if reform_name and reform_name.endswith(".toml") else reform_name) or "current rules"
    out = []
    for point in itertools.product(*(list(grid[n]) for n in names)):
        values = tuple((n, _text(v)) for n, v in zip(names, point, strict=True))
        desc = ", ".join(f"{n.rsplit('.', 1)[-1]}={v}" for n, v in values)
        out.append(Scenario(f"{label}: {desc}", reform=reform_name, values=values, start=start))
    return out


def _text(value: Any) -> str:
    if isinstance(value, float):
        raise InputError.single("grid", f"money and rates are exact: give {value!r} as a string or a Decimal", "float_money")
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def sweep(
    population: Any,
    *,
    on: date,
    grid: Mapping[str, Sequence[Any]],
    reform: str | Path | None = None,
    start: date | None = None,
    years: int | None = None,
    **options: Any,
) -> ScenarioRun:
    """The baseline and one scenario per point of ``grid`` (see :func:`grid_scenarios`), in one call.

    Each point's overlay is built in memory and checked as an overlay file is (an undeclared name or a wrong
    unit is refused before anything runs)."""
    points = grid_scenarios(grid, reform=reform, start=start)
    return run_scenarios(population, [Scenario(BASELINE), *points], on=on, years=years, grid=tuple(grid), **options)

