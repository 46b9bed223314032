"""The means test over a whole population in columns: the same rules as one case, exact to the penny.

:func:`assess_columns` runs :func:`careact.charging.means_test.means_test` -- the one composition of the
charging rules that :func:`careact.charging.assess` runs for one case -- over a
:class:`~careact.population.columns.Population`, with the :data:`~careact.population.xp.NUMPY`
namespace and a :class:`~careact.population.view.ColumnView`. Parameters are read once for everyone
assessed on a date; a population assessed on different dates is partitioned by date.

What one case checks against the assessment date (the adult is 18 or over, no date after it, a date
of birth the pension-age table covers where the minimum income guarantee needs it) becomes a
per-row status: a row that fails is given no figures, and :attr:`ColumnResults.problems` names its
row, field and problem, as :class:`~careact.errors.InputError` would for the case.

Any row can be explained on request through the per-case path: :meth:`ColumnResults.explain`.

A few rules are written for one case only, because they rest on what is recorded of that case alone (a
short-term or temporary stay under reg 8 and Annex F, a relative's occupation that ended, the dates of an
officer's decisions, notional capital from a date, a half pension paid to a spouse, a council's couples
check, a care benefit's stay worked out from a later council funding date, an age condition that rests on
a record). A row that gives any of them is assessed one by one through
:func:`careact.charging.assess` on the same rule set and date, and its figures are written into the
columns: the same result, more slowly (:func:`case_path_rows`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np
from numpy.typing import NDArray

from ..charging.assess import _assess
from ..charging.context import Ctx
from ..charging.means_test import MeansTest, means_test
from ..charging.models import ChargingResult
from ..charging.savings_credit import settled_before_cutoff
from ..charging.settings import NON_RESIDENTIAL, SETTING_NAMES, TEMPORARY_SETTINGS
from ..errors import InputError
from ..explain.steps import NullTrace
from ..results import FiguresStatus, OverlaySpec, check_on, figures_status
from ..results import resolve_rules as _resolve
from ..rules import RuleSet
from ..rules.params.charging import options
from ..rules.reader import FigureLedger, Reader
from .columns import Population, segment_count
from .view import ColumnView, age_on, pension_age_threshold
from .xp import MAX_ITEMS, NUMPY

__all__ = ["FIGURES", "MONEY_FIGURES", "ColumnResults", "RowProblem", "assess_columns", "case_path_rows", "row_problems"]

Array = NDArray[Any]

MONEY_FIGURES = (
    "weekly_charge", "council_weekly_contribution", "cost_of_care", "assessed_capital", "tariff_income",
    "upper_capital_limit", "lower_capital_limit", "income_counted", "gross_income", "assessed_income",
    "total_allowances", "personal_expenses_allowance", "minimum_income_guarantee", "housing_costs",
    "disability_related_expenditure", "discretionary_income_disregard", "available_income",
)
"""The money columns of the results (int64 pence), in order."""
FIGURES = (*MONEY_FIGURES, "self_funder", "free_service", "carer_not_charged", "assessed_as")
"""Every column of the results besides ``id`` and ``ok``."""


@dataclass(frozen=True, slots=True)
class RowProblem:
    """A row that could not be assessed: its row, its id, the field at fault and what was wrong."""

    row: int
    id: str
    field: str
    problem: str
    code: str

    def as_dict(self) -> dict[str, Any]:
        return {"row": self.row, "id": self.id, "field": self.field, "problem": self.problem, "code": self.code}


@dataclass(frozen=True)
class ColumnResults:
    """The means test of every person: one column per figure (int64 pence for money), ``ok`` per row.

    A row that is not ``ok`` has zeros in every figure and is named in :attr:`problems`.
    """

    population: Population
    on: date | Array
    ok: NDArray[np.bool_]
    figures: dict[str, Array]
    problems: tuple[RowProblem, ...]
    rules: RuleSet
    status: FiguresStatus
    overlays: tuple[OverlaySpec, ...] = field(default=())

    def __len__(self) -> int:
        return len(self.ok)

    def __getitem__(self, name: str) -> Array:
        return self.figures[name]

    @property
    def ids(self) -> Array:
        return self.population.people.id

    def table(self) -> Any:
        """The results as an Arrow table: ``id``, ``ok``, then every figure (money as exact decimals, no
        value where the row could not be assessed) and ``assessed_as`` by name."""
        import pyarrow as pa

        from .io import _pence_array

        cols: dict[str, Any] = {"id": pa.array(self.ids.tolist(), pa.string()), "ok": pa.array(self.ok)}
        for name in MONEY_FIGURES:
            cols[name] = _pence_array(self.figures[name], self.ok)
        for name in ("self_funder", "free_service", "carer_not_charged"):
            cols[name] = pa.array(self.figures[name], mask=~self.ok)
        names = np.array([SETTING_NAMES[k] for k in range(len(SETTING_NAMES))], dtype=object)
        cols["assessed_as"] = pa.array(names[self.figures["assessed_as"]].tolist(), pa.string(), mask=~self.ok)
        return pa.table(cols)

    def write(self, path: str | Any) -> Any:
        """Write :meth:`table` as ``.parquet``, ``.arrow`` or ``.csv`` (by the suffix)."""
        from .io import write_results

        return write_results(self.table(), path)

    def explain(self, row: int, *, explain: bool = True) -> ChargingResult:
        """The per-case result of ``row``, with its explanation: the case is taken from the columns exactly
        and assessed by :func:`careact.charging.assess` on its date, with the same rules."""
        from ..charging.assess import assess
        from .convert import case_at

        on = self.on if isinstance(self.on, date) else self.on[row].astype(object)
        return assess(case_at(self.population, row), on=on, rules=self.rules, explain=explain)


def _iso(day: Any) -> str:
    value: date = day.astype(object)
    return value.isoformat()


def _problem(problems: list[RowProblem], ids: Array, mask: Array, where: str, message: Any, code: str) -> None:
    for i in np.flatnonzero(mask).tolist():
        text = message(i) if callable(message) else message
        problems.append(RowProblem(i, str(ids[i]), where, text, code))


def row_problems(population: Population, on: date, age: Array | None = None) -> tuple[NDArray[np.bool_], list[RowProblem]]:
    """The checks one case makes against the assessment date, per row (``ok``, and what is wrong where not):
    SI 2014/2672 charging applies to an adult, and no date of the case may come after the assessment date."""
    people = population.people
    ids = people.id
    n = len(population)
    problems: list[RowProblem] = []
    day = np.datetime64(on, "D")  # compared with the columns' own dates (an absent date, NaT, compares false)
    iso = on.isoformat()
    late_birth = people.person_date_of_birth >= day
    _problem(problems, ids, late_birth, "person.date_of_birth", f"is not before the assessment date {iso}", "impossible_date")
    if age is None:
        age = age_on(people.person_date_of_birth, on)
    minor = ~late_birth & (age < 18)
    _problem(problems, ids, minor, "person.date_of_birth", "the adult must be 18 or over on the assessment date (Care Act 2014 Part 1 charging applies to adults)", "out_of_range")
    partner = people.has_partner & (people.partner_date_of_birth >= day)
    _problem(problems, ids, partner, "partner.date_of_birth", f"is not before the assessment date {iso}", "impossible_date")
    start = people.care_start_date
    late_start = start.present & (start.values > day)
    _problem(problems, ids, late_start, "care.start_date", lambda i: f"care starts on {_iso(start.values[i])}, after the assessment date {iso}", "after_assessment_date")
    service = people.care_service_started_on
    late_service = service.present & (service.values > day)
    _problem(problems, ids, late_service, "care.service_started_on", lambda i: f"the service starts on {_iso(service.values[i])}, after the assessment date {iso}", "after_assessment_date")
    bad = late_birth | minor | partner | late_start | late_service
    dated: tuple[tuple[Any, str, str, str, str], ...] = (
        (population.capital, "received_on", "capital[{k}].received_on", "is after the assessment date", "after_assessment_date"),
        (population.occupants, "date_of_birth", "home.occupants[{k}].date_of_birth", "is after the assessment date", "impossible_date"),
    )
    for table, column, where, message, code in dated:
        col = getattr(table, column)
        late = col.present & (col.values > day)
        for r in np.flatnonzero(late).tolist():
            person = int(table.person[r])
            k = r - int(table.offsets[person])
            problems.append(RowProblem(person, str(ids[person]), where.format(k=k), message, code))
        bad |= np.bincount(table.person[late], minlength=n).astype(bool) if late.any() else False
    for name, table in population.items():
        many = segment_count(table.offsets) > MAX_ITEMS
        if many.any():
            _problem(problems, ids, many, name, f"more than {MAX_ITEMS:,} items: assess this case on its own (careact.charging.assess)", "too_many_items")
            bad |= many
    return ~bad, problems


def _pension_problems(population: Population, view: ColumnView, on: date, ruleset: str, needs: Array, ok: Array,
                      problems: list[RowProblem]) -> Array:
    """Rows assessed with the minimum income guarantee whose dates of birth the pension-age table does not cover."""
    first, last, _ = pension_age_threshold(on, ruleset)
    people = population.people
    span = f"({date.fromordinal(first).isoformat()} to {date.fromordinal(last).isoformat()})"
    bad = np.zeros(len(population), dtype=np.bool_)
    for attr, name, covered in (("person_date_of_birth", "person.date_of_birth", view.pca_covered),
                                ("partner_date_of_birth", "partner.date_of_birth", view.partner_pca_covered)):
        dob = getattr(people, attr)
        outside = needs & ok & ~covered
        _problem(problems, people.id, outside, name,
                 lambda i, dob=dob: f"{_iso(dob[i])} is outside the pension-age table {span}", "out_of_range")
        bad |= outside
        if bad.any():  # one case stops at the adult's own date of birth
            needs = needs & ~bad
    return bad


def _figures(m: MeansTest, n: int) -> dict[str, Array]:
    def col(x: Any, dtype: Any = np.int64) -> Array:
        if isinstance(x, np.ndarray) and x.shape == (n,):
            return x if x.dtype == dtype else x.astype(dtype)
        return np.full(n, x, dtype=dtype)

    a = m.allowances
    total_allowances = col(a.total)
    return {
        "weekly_charge": col(m.charge),
        "council_weekly_contribution": col(m.council),
        "cost_of_care": col(m.cost),
        "assessed_capital": col(m.capital.total),
        "tariff_income": col(m.capital.tariff),
        "upper_capital_limit": col(m.capital.upper_limit),
        "lower_capital_limit": col(m.capital.lower_limit),
        "income_counted": col(m.income.total),
        "gross_income": col(m.income.gross),
        "assessed_income": col(m.assessed_income),
        "total_allowances": total_allowances,
        "personal_expenses_allowance": col(a.personal_expenses),
        "minimum_income_guarantee": col(a.mig),
        "housing_costs": col(a.housing),
        "disability_related_expenditure": col(a.dre_allowed),
        "discretionary_income_disregard": col(a.discretionary),
        "available_income": col(m.assessed_income) - total_allowances,
        "self_funder": col(m.self_funder, np.bool_),
        "free_service": col(m.free, np.bool_),
        "carer_not_charged": col(m.carer_free, np.bool_),
        "assessed_as": col(m.assessed_as, np.int8),
    }


_PRESENT: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("people", ("care_first_admitted_on", "care_planned_end_date", "care_stay_purpose", "care_council_funding_from",
                "partner_relationship", "partner_own_income_weekly", "housing_costs_liable_share")),
    ("income", ("paid_to_spouse_weekly", "entitlement_began_on")),
    ("occupants", ("occupation_ended_on", "occupation_ended_because")),
    ("notional_capital", ("deprivation_date", "applies_from", "decided_by", "decided_on")),
    ("discretionary_disregards", ("kind", "starts_on", "ends_on", "decided_by", "decided_on")),
)


def case_path_rows(population: Population, view: ColumnView, on: date, rules: RuleSet) -> NDArray[np.bool_]:
    """The rows assessed one by one: those that give an input only the per-case rules read (see the module)."""
    n = len(population)
    people = population.people
    out = np.isin(view.setting, list(TEMPORARY_SETTINGS)) if isinstance(view.setting, np.ndarray) else np.full(n, view.setting in TEMPORARY_SETTINGS)
    for table_name, columns in _PRESENT:
        table: Any = people if table_name == "people" else getattr(population, table_name)
        for name in columns:
            column = getattr(table, name)
            present = column.present if hasattr(column, "present") else np.ones(len(table), dtype=np.bool_)
            if table_name == "people":
                out |= present
            elif present.any():
                out |= np.bincount(table.person[present], minlength=n).astype(bool)
    half = population.income.half_paid_to_partner
    if half.any():
        out |= np.bincount(population.income.person[half], minlength=n).astype(bool)
    recorded = people.person_reached_pensionable_age_before_2016.present
    if recorded.any():  # the Savings Credit age condition rests on the record only after 5 April 1951
        out |= recorded & ~settled_before_cutoff(on, view.dob_day)
    check = rules.at(on).get(options.couples_affordability_check.name)
    if check is not None and check.value:
        out |= people.has_partner
    return out


def _case_figures(r: ChargingResult) -> dict[str, Any]:
    """The figures of one case's result, as the columns hold them."""
    def p(x: Any) -> int:
        return int(x * 100)

    totals = r.totals
    assert totals is not None
    lines: dict[str, int] = {}
    for a in r.allowances:
        lines[a.name] = lines.get(a.name, 0) + p(a.weekly)
    applied = r.setting_applied
    assessed = NON_RESIDENTIAL if applied in ("short_term_as_non_residential", "non_residential") else None
    return {
        "weekly_charge": p(r.weekly_charge), "council_weekly_contribution": p(r.council_weekly_contribution),
        "cost_of_care": p(r.cost_of_care), "assessed_capital": p(r.assessed_capital), "tariff_income": p(r.tariff_income),
        "upper_capital_limit": p(r.upper_capital_limit), "lower_capital_limit": p(r.lower_capital_limit),
        "income_counted": p(totals.income_counted), "gross_income": p(totals.gross_income),
        "assessed_income": p(r.assessed_income), "total_allowances": p(r.total_allowances),
        "personal_expenses_allowance": lines.get("personal_expenses_allowance", 0),
        "minimum_income_guarantee": lines.get("minimum_income_guarantee", 0),
        "housing_costs": lines.get("housing_costs", 0),
        "disability_related_expenditure": lines.get("disability_related_expenditure", 0),
        "discretionary_income_disregard": lines.get("discretionary_income_disregard", 0),
        "available_income": p(r.available_income), "self_funder": r.self_funder, "assessed_as": assessed,
    }


def _assess_one_by_one(population: Population, rows: Array, on: date, rules: RuleSet, figures: dict[str, Array],
                       ok: Array, problems: list[RowProblem]) -> None:
    """The rows ``rows`` assessed as single cases, their figures written into ``figures``."""
    from .convert import case_at

    ids = population.people.id
    for row in rows.tolist():
        try:
            r = _assess(case_at(population, row), on, rules, False)
        except InputError as e:
            ok[row] = False
            problems.extend(RowProblem(row, str(ids[row]), p.field, p.problem, p.code) for p in e.problems)
            continue
        for name, value in _case_figures(r).items():
            if value is not None:
                figures[name][row] = value


def _assess_on(population: Population, on: date, rules: RuleSet, ledger: FigureLedger) -> tuple[Array, dict[str, Array], list[RowProblem]]:
    n = len(population)
    view = ColumnView(population, on, rules.base.name)
    ok, problems = row_problems(population, on, view.age)
    trace = NullTrace()
    c = Ctx(NUMPY, Reader(rules.at(on), trace, ledger), trace, on, on.toordinal(), explain=False, case=False)
    m = means_test(c, view)
    figures = {name: values.copy() for name, values in _figures(m, n).items()}
    one_by_one = case_path_rows(population, view, on, rules) & ok
    needs = (figures["assessed_as"] == NON_RESIDENTIAL) & ~one_by_one
    if needs.any():
        ok &= ~_pension_problems(population, view, on, rules.base.name, needs, ok, problems)
    if one_by_one.any():
        _assess_one_by_one(population, np.flatnonzero(one_by_one), on, rules, figures, ok, problems)
    if not ok.all():
        figures = {name: np.where(ok, values, 0).astype(values.dtype) for name, values in figures.items()}
    problems.sort(key=lambda p: p.row)
    return ok, figures, problems


def assess_columns(
    population: Population,
    *,
    on: date | Sequence[date] | NDArray[np.datetime64],
    rules: RuleSet | None = None,
    overlays: Iterable[OverlaySpec] | OverlaySpec | None = (),
) -> ColumnResults:
    """The means test of every person of ``population`` on ``on`` (a date, or one date per person) under the
    national rules with ``overlays`` (or ``rules``), as :func:`careact.charging.assess` would give each case.

    The figures are whole pence in ``int64`` columns, equal to the per-case results to the penny (the
    differential tests check this on generated populations). Rows that cannot be assessed are named in
    :attr:`ColumnResults.problems` and have ``ok`` false.
    """
    n = len(population)
    if isinstance(on, date):
        day = check_on(on)
        ruleset = _resolve(rules, overlays, on=day)
        ledger = FigureLedger()
        ok, figures, found = _assess_on(population, day, ruleset, ledger)
        return ColumnResults(population, day, ok, figures, tuple(found), ruleset, figures_status(ledger, day))
    days = np.asarray(on, dtype="datetime64[D]")
    if days.shape != (n,):
        raise InputError.single("on", f"give one date, or one date per person ({n}), not {days.shape[0] if days.ndim else 'a scalar'}", "length")
    if np.isnat(days).any():
        raise InputError.single("on", f"row {int(np.flatnonzero(np.isnat(days))[0])} has no date", "missing")
    unique, inverse = np.unique(days, return_inverse=True)
    ruleset = _resolve(rules, overlays, on=check_on(unique[-1].astype(object)))
    ledger = FigureLedger()
    ok = np.zeros(n, dtype=np.bool_)
    out: dict[str, Array] = {}
    problems: list[RowProblem] = []
    for k, d in enumerate(unique.tolist()):
        rows = np.flatnonzero(inverse == k)
        part = population if len(unique) == 1 else population.take(rows)
        ok_k, figs, probs = _assess_on(part, check_on(d), ruleset, ledger)
        ok[rows] = ok_k
        for name, values in figs.items():
            if name not in out:
                out[name] = np.zeros(n, dtype=values.dtype)
            out[name][rows] = values
        problems.extend(RowProblem(int(rows[p.row]), p.id, p.field, p.problem, p.code) for p in probs)
    problems.sort(key=lambda p: p.row)
    return ColumnResults(population, days, ok, out, tuple(problems), ruleset, figures_status(ledger, unique[-1].astype(object)))


# --------------------------------------------------------------------------- across processes or a Dask cluster


def _assess_part(job: tuple[Any, tuple[str, ...], str], parts: Sequence[Population]) -> list[tuple[Any, ...]]:
    """Worker: the means test of each part of a population (results travel back as plain arrays)."""
    on, overlays, base = job
    from ..rules import load_ruleset

    rules = load_ruleset(base, list(overlays))
    out = []
    for part in parts:
        res = assess_columns(part, on=on, rules=rules)
        out.append((res.ok, res.figures, res.problems, res.status))
    return out


def assess_partitioned(
    population: Population,
    *,
    on: date | Sequence[date] | NDArray[np.datetime64],
    overlays: Sequence[str] = (),
    base: str = "england",
    executor: str = "local",
    workers: int | None = None,
    chunksize: int = 200_000,
    address: str | None = None,
    progress: bool = False,
) -> ColumnResults:
    """:func:`assess_columns` with the population cut into parts of ``chunksize`` people, run on local processes
    (``executor="local"``), a Dask cluster (``"dask"``, on ``address`` or a local cluster) or in this process
    (``"serial"``). Each person's figures depend on their own case only, so the results are the same as one
    :func:`assess_columns` call. Rules are named (``base`` and ``overlays``: bundled names or files), since
    each worker loads its own."""
    from ..reform.executors import run_chunks
    from ..rules import load_ruleset

    n = len(population)
    if chunksize < 1:
        raise InputError.single("chunksize", "must be at least 1", "range")
    rules = load_ruleset(base, list(overlays))
    per_row = not isinstance(on, date)
    days = np.asarray(on, dtype="datetime64[D]") if per_row else None
    parts = []
    for start in range(0, max(n, 1), chunksize):
        rows = np.arange(start, min(n, start + chunksize), dtype=np.int64)
        parts.append(population.take(rows) if len(rows) != n else population)
    if per_row:
        assert days is not None
        jobs = [(days[k * chunksize:(k + 1) * chunksize], p) for k, p in enumerate(parts)]
        results: list[Any] = []
        for d, p in jobs:  # dates per person: run part by part (each part partitions by date itself)
            got, _ = run_chunks(_assess_part, (d, tuple(overlays), base), [p], executor=executor, workers=workers,
                                chunksize=1, progress=False, address=address)
            results.extend(got)
    else:
        results, _ = run_chunks(_assess_part, (on, tuple(overlays), base), parts, executor=executor, workers=workers,
                                chunksize=1, progress=progress, address=address, label="people", size_of=len)
    ok = np.concatenate([r[0] for r in results]) if results else np.zeros(0, dtype=np.bool_)
    figures = {name: np.concatenate([r[1][name] for r in results]) for name in FIGURES} if results else {}
    problems: list[RowProblem] = []
    base_row = 0
    for part, r in zip(parts, results, strict=True):
        problems.extend(RowProblem(base_row + p.row, p.id, p.field, p.problem, p.code) for p in r[2])
        base_row += len(part)
    ledger = FigureLedger()
    for r in results:
        ledger.unverified.update(dict.fromkeys(r[3].unverified))
        ledger.secondary.update(dict.fromkeys(r[3].secondary))
    if isinstance(on, date):
        return ColumnResults(population, on, ok, figures, tuple(problems), rules, figures_status(ledger, on))
    assert days is not None
    last: date = days.max().astype(object) if len(days) else date.today()
    return ColumnResults(population, days, ok, figures, tuple(problems), rules, figures_status(ledger, last))
