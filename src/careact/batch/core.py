"""Re-assessing many cases under two rule specs, on every core, and diffing the outcomes.

:func:`reassess` is the library call: it takes cases (mappings, :class:`ChargingCase` models or
:class:`~careact.batch.inputs.InputRow` records) and yields one :class:`CaseOutcome` per case, in input
order. Each case is assessed under the *from* spec and the *to* spec; when the weekly charge differs,
the parameters that moved it are found by comparing the parameters each assessment's explanation read
(same parameter and scale cell, different value, or read by one assessment only).

A bad case never stops the run: it comes back as an outcome with ``error`` set (the row, the reference,
the reason and every field at fault).

Results come in two forms: the full ``careact.result.charging/1`` document (``full_results=True``, the
default for :func:`reassess`), or the compact ``careact.batch.result/1`` summary of each side -- the
figures, the flags' codes and the rule set's identity, without the normalised inputs and the line-by-line
working, which the batch runner writes by default (a few hundred bytes a case instead of kilobytes).

Worker processes end with their parent: each asks the kernel for ``SIGTERM`` when the parent dies
(``prctl(PR_SET_PDEATHSIG)`` on Linux) and also checks, between cases, that its parent is still the
process that started it. So killing a batch -- even with ``SIGKILL`` -- never leaves workers running.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import traceback
from collections import deque
from collections.abc import Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..errors import CareactError, InputError, NoRulesInForce, RuleSetError, UnknownRuleSet
from .inputs import InputRow
from .spec import RuleSpec

__all__ = [
    "COMPACT_SCHEMA",
    "FIGURES_SCHEMA",
    "CaseOutcome",
    "compact_result",
    "default_workers",
    "moved_parameters",
    "parameters_read",
    "reassess",
    "reassess_chunks",
]

DEFAULT_CHUNK = 100
COMPACT_SCHEMA = "careact.batch.result/1"
_PR_SET_PDEATHSIG = 1  # <linux/prctl.h>
_COMPACT_FIELDS = ("on", "setting", "weekly_charge", "council_weekly_contribution", "cost_of_care",
                   "third_party_top_up", "self_funder", "full_cost_reason", "assessed_capital", "tariff_income",
                   "assessed_income", "total_allowances", "available_income", "personal_budget")


@dataclass(frozen=True, slots=True)
class CaseOutcome:
    """One case re-assessed: both results and their diff, or the error that stopped it."""

    row: int
    reference: str | None
    from_result: dict[str, Any] | None = None  # careact.result.charging/1 (JSON form)
    to_result: dict[str, Any] | None = None
    diff: dict[str, Any] | None = None
    error: dict[str, Any] | None = None  # {"stage", "reason", "problems": [...]}

    @property
    def ok(self) -> bool:
        return self.error is None

    def result_record(self) -> dict[str, Any]:
        return {"row": self.row, "reference": self.reference, "from": self.from_result, "to": self.to_result}

    def diff_record(self) -> dict[str, Any]:
        return {"row": self.row, "reference": self.reference, **(self.diff or {})}

    def error_record(self) -> dict[str, Any]:
        return {"row": self.row, "reference": self.reference, **(self.error or {})}


def default_workers() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


# --------------------------------------------------------------------------- parameter attribution


def parameters_read(explanation: Mapping[str, Any] | None) -> dict[tuple[str, str | None], dict[str, Any]]:
    """Every parameter (or scale cell) an explanation read: ``(name, key) -> the ParamValue dict``."""
    out: dict[tuple[str, str | None], dict[str, Any]] = {}
    if not explanation:
        return out
    stack = list(explanation.get("steps", ()))
    while stack:
        step = stack.pop()
        for p in step.get("parameters", ()):
            out.setdefault((p["name"], p.get("key")), p)
        stack.extend(step.get("steps", ()))
    return out


def moved_parameters(old: Mapping[str, Any] | None, new: Mapping[str, Any] | None) -> list[dict[str, Any]]:
    """Parameters read by either assessment whose value differs between them (or that only one read)."""
    a, b = parameters_read(old), parameters_read(new)
    moved = []
    for name, key in sorted(set(a) | set(b), key=lambda k: (k[0], k[1] or "")):
        pa, pb = a.get((name, key)), b.get((name, key))
        va = pa["value"] if pa else None
        vb = pb["value"] if pb else None
        if pa and pb and va == vb:
            continue
        ref = pb or pa
        assert ref is not None
        moved.append({
            "name": name,
            "key": key,
            "from": va,
            "to": vb,
            "unit": ref.get("unit"),
            "citation": (ref.get("citation") or {}).get("text"),
            "read": "both" if pa and pb else ("from_only" if pa else "to_only"),
        })
    return moved


def compact_result(result: Mapping[str, Any]) -> dict[str, Any]:
    """The compact ``careact.batch.result/1`` form of a ``careact.result.charging/1`` document (JSON form).

    Keeps the figures a council reconciles (the charge, the council's share, capital, income, allowances,
    the personal budget), each flag's code and whether it needs an officer, and the rule set's id and
    digest; drops the normalised inputs, the per-item lines and the explanation (``--full-results``
    keeps them).
    """
    out: dict[str, Any] = {"schema": COMPACT_SCHEMA}
    out.update({k: result.get(k) for k in _COMPACT_FIELDS if result.get(k) is not None})
    out["flags"] = [{"code": f.get("code"), "officer": bool(f.get("needs_officer_decision"))}
                    for f in result.get("flags", ())]
    rules = result.get("ruleset") or {}
    out["ruleset"] = {"id": rules.get("id"), "digest": rules.get("digest")}
    return out


# --------------------------------------------------------------------------- one case


@dataclass(frozen=True, slots=True)
class _Context:
    """What a worker needs, small and picklable: specs by name, never loaded objects."""

    from_spec: RuleSpec
    to_spec: RuleSpec
    from_on: date
    to_on: date
    attribute: bool
    keep_explanations: bool
    full_results: bool = True
    parent_pid: int = 0  # the process that started the run; its workers stop when it is gone
    columns: bool = False  # figures only, every case of a chunk at once (careact.population.assess)


def _problems(exc: InputError, prefix: str = "") -> list[dict[str, str]]:
    return [{**p.as_dict(), "field": f"{prefix}{p.field}"} for p in exc.problems]


def _error(stage: str, reason: str, problems: list[dict[str, str]]) -> dict[str, Any]:
    return {"stage": stage, "reason": reason, "problems": problems}


def _assess_one(ctx: _Context, row: InputRow) -> CaseOutcome:
    from ..charging.models import ChargingCase
    from ..validation import validate_model

    if row.error is not None:
        return CaseOutcome(row.row, row.reference, error={"stage": "read", **row.error})
    try:
        case = validate_model(ChargingCase, row.data)
    except InputError as exc:
        return CaseOutcome(row.row, row.reference, error=_error("validate", str(exc), _problems(exc)))
    reference = case.reference or row.reference
    # A first pass without explanations (fast); only when the charge moved are both runs repeated with
    # explanations, to find the parameters that moved it (building an explanation costs several times
    # the assessment itself).
    explain_all = ctx.keep_explanations
    results = _both(ctx, case, row.row, reference, explain=explain_all)
    if isinstance(results, CaseOutcome):
        return results
    old, new = results
    change = new.weekly_charge - old.weekly_charge
    if change and ctx.attribute and not explain_all:
        again = _both(ctx, case, row.row, reference, explain=True)
        if isinstance(again, CaseOutcome):
            return again
        old, new = again
    moved = moved_parameters(old.explanation, new.explanation) if change and ctx.attribute else []
    if ctx.full_results or ctx.keep_explanations:
        drop = None if ctx.keep_explanations else {"explanation"}
        old_d = old.model_dump(mode="json", by_alias=True, exclude=drop)
        new_d = new.model_dump(mode="json", by_alias=True, exclude=drop)
        if drop:
            old_d["explanation"] = new_d["explanation"] = None
    else:
        keep = {*_COMPACT_FIELDS, "flags", "ruleset"}
        old_d = compact_result(old.model_dump(mode="json", by_alias=True, include=keep))
        new_d = compact_result(new.model_dump(mode="json", by_alias=True, include=keep))
    diff = {
        "setting": new.setting,
        "from_weekly_charge": f"{old.weekly_charge:.2f}",
        "to_weekly_charge": f"{new.weekly_charge:.2f}",
        "change": f"{change:.2f}",
        "direction": "up" if change > 0 else "down" if change < 0 else "same",
        "from_council_contribution": f"{old.council_weekly_contribution:.2f}",
        "to_council_contribution": f"{new.council_weekly_contribution:.2f}",
        "from_self_funder": old.self_funder,
        "to_self_funder": new.self_funder,
        "parameters": moved,
    }
    return CaseOutcome(row.row, reference, old_d, new_d, diff)


def _both(ctx: _Context, case: Any, row: int, reference: str | None, *, explain: bool) -> list[Any] | CaseOutcome:
    from ..charging import assess

    results: list[Any] = []
    for stage, spec, on in (("from", ctx.from_spec, ctx.from_on), ("to", ctx.to_spec, ctx.to_on)):
        try:
            results.append(assess(case, on=on, rules=spec.load(), explain=explain))
        except InputError as exc:
            return CaseOutcome(row, reference, error=_error(stage, f"under {spec}: {exc}", _problems(exc)))
        except NoRulesInForce as exc:
            return CaseOutcome(row, reference, error=_error(
                stage, f"under {spec}: {exc}", [{"field": "on", "problem": str(exc), "code": "no_rules_in_force"}]))
        except (RuleSetError, UnknownRuleSet):
            raise  # the spec itself is wrong (checked before the run starts): every case would fail
        except CareactError as exc:
            return CaseOutcome(row, reference, error=_error(
                stage, f"under {spec}: {exc}", [{"field": "(rules)", "problem": str(exc), "code": "rules"}]))
        except Exception as exc:  # noqa: BLE001 - a careact bug on this case: record it, keep going
            where = traceback.extract_tb(exc.__traceback__)[-1]
            return CaseOutcome(row, reference, error=_error(
                stage, f"careact failed on this case ({type(exc).__name__}: {exc} at "
                f"{os.path.basename(where.filename)}:{where.lineno}); please report it",
                [{"field": "(case)", "problem": f"{type(exc).__name__}: {exc}", "code": "internal"}]))
    return results


def _orphaned(ctx: _Context) -> bool:
    """In a worker process: has the process that started the run gone (the worker was reparented)?"""
    return ctx.parent_pid != 0 and os.getpid() != ctx.parent_pid and os.getppid() != ctx.parent_pid


def _run_chunk(ctx: _Context, rows: Sequence[InputRow]) -> list[CaseOutcome]:
    if ctx.columns:
        if _orphaned(ctx):
            os._exit(1)
        return _run_columns(ctx, rows)
    out = []
    for r in rows:
        if _orphaned(ctx):
            os._exit(1)  # nobody is waiting for this chunk: stop at once, without cleanup handlers
        out.append(_assess_one(ctx, r))
    return out


FIGURES_SCHEMA = "careact.batch.figures/1"


def _run_columns(ctx: _Context, rows: Sequence[InputRow]) -> list[CaseOutcome]:
    """A chunk re-assessed over columns: the same rules and figures as one case at a time
    (:func:`careact.population.assess.assess_columns`), without explanations, flags or the personal budget."""
    from ..charging.models import ChargingCase
    from ..population.assess import assess_columns
    from ..population.convert import to_columns
    from ..validation import validate_model

    out: dict[int, CaseOutcome] = {}
    cases: list[tuple[InputRow, Any]] = []
    for row in rows:
        if row.error is not None:
            out[row.row] = CaseOutcome(row.row, row.reference, error={"stage": "read", **row.error})
            continue
        try:
            case = validate_model(ChargingCase, row.data)
        except InputError as exc:
            out[row.row] = CaseOutcome(row.row, row.reference, error=_error("validate", str(exc), _problems(exc)))
            continue
        cases.append((row, case))
    if cases:
        try:
            population = to_columns([c for _, c in cases])
        except InputError:  # an item type the catalogue lacks: let each case say which, one at a time
            return [out.get(r.row) or _assess_one(ctx, r) for r in rows]
        sides = []
        for spec, on in ((ctx.from_spec, ctx.from_on), (ctx.to_spec, ctx.to_on)):
            try:
                sides.append(assess_columns(population, on=on, rules=spec.load()))
            except NoRulesInForce as exc:
                problem = [{"field": "on", "problem": str(exc), "code": "no_rules_in_force"}]
                for row, _ in cases:
                    out[row.row] = CaseOutcome(row.row, row.reference, error=_error(
                        "from" if spec is ctx.from_spec else "to", f"under {spec}: {exc}", problem))
                return [out[r.row] for r in rows]
        old, new = sides
        problems: list[dict[int, list[dict[str, str]]]] = [{}, {}]
        for k, side in enumerate(sides):
            for p in side.problems:
                problems[k].setdefault(p.row, []).append({"field": p.field, "problem": p.problem, "code": p.code})
        for i, (row, case) in enumerate(cases):
            reference = case.reference or row.reference
            for k, (stage, spec, side) in enumerate((("from", ctx.from_spec, old), ("to", ctx.to_spec, new))):
                if not side.ok[i]:
                    found = problems[k].get(i, [])
                    text = "; ".join(f"{p['field']}: {p['problem']}" for p in found)
                    out[row.row] = CaseOutcome(row.row, reference, error=_error(stage, f"under {spec}: {text}", found))
                    break
            else:
                out[row.row] = _figures_outcome(row.row, reference, case, i, old, new)
    return [out[r.row] for r in rows]


def _figures_outcome(row: int, reference: str | None, case: Any, i: int, old: Any, new: Any) -> CaseOutcome:
    from ..population.convert import decimal_of_pence

    def side(res: Any) -> dict[str, Any]:
        def money(name: str) -> str:
            return f"{decimal_of_pence(int(res[name][i])):.2f}"

        self_funder = bool(res["self_funder"][i])
        nil = bool(res["free_service"][i]) or bool(res["carer_not_charged"][i])
        rules = res.rules.identity()
        return {
            "schema": FIGURES_SCHEMA, "on": (res.on if isinstance(res.on, date) else res.on[i].astype(object)).isoformat(),
            "setting": case.care.setting, "weekly_charge": money("weekly_charge"),
            "council_weekly_contribution": money("council_weekly_contribution"), "cost_of_care": money("cost_of_care"),
            "third_party_top_up": f"{case.care.third_party_top_up:.2f}", "self_funder": self_funder,
            "full_cost_reason": "capital above the upper capital limit" if self_funder and not nil else None,
            "assessed_capital": money("assessed_capital"), "tariff_income": money("tariff_income"),
            "assessed_income": money("assessed_income"), "total_allowances": money("total_allowances"),
            "available_income": money("available_income"), "ruleset": {"id": rules["id"], "digest": rules["digest"]},
        }

    a, b = side(old), side(new)
    change = int(new["weekly_charge"][i]) - int(old["weekly_charge"][i])
    diff = {
        "setting": case.care.setting,
        "from_weekly_charge": a["weekly_charge"],
        "to_weekly_charge": b["weekly_charge"],
        "change": f"{decimal_of_pence(change):.2f}",
        "direction": "up" if change > 0 else "down" if change < 0 else "same",
        "from_council_contribution": a["council_weekly_contribution"],
        "to_council_contribution": b["council_weekly_contribution"],
        "from_self_funder": a["self_funder"],
        "to_self_funder": b["self_funder"],
        "parameters": [],
    }
    return CaseOutcome(row, reference, a, b, diff)


def _worker_init(parent_pid: int) -> None:
    """Runs first in each worker process: end this worker when the parent dies, however it dies."""
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
        except (OSError, AttributeError):  # pragma: no cover - no prctl: the check between cases remains
            pass
    if os.getppid() != parent_pid:  # the parent died before the request above took effect
        os._exit(1)


# --------------------------------------------------------------------------- many cases


def _rows(cases: Iterable[Any]) -> Iterator[InputRow]:
    from pydantic import BaseModel

    for i, c in enumerate(cases, start=1):
        if isinstance(c, InputRow):
            yield c
        elif isinstance(c, BaseModel):
            data = c.model_dump(mode="json", by_alias=True)
            yield InputRow(i, data.get("reference"), data)
        elif isinstance(c, Mapping):
            ref = c.get("reference")
            yield InputRow(i, ref if isinstance(ref, str) else None, dict(c))
        else:
            yield InputRow(i, None, None, {"reason": f"case {i} is a {type(c).__name__}, not a mapping",
                                            "problems": [{"field": "(case)", "problem": "not a mapping", "code": "type"}]})


def _chunks(rows: Iterator[InputRow], size: int) -> Iterator[list[InputRow]]:
    chunk: list[InputRow] = []
    for r in rows:
        chunk.append(r)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _context(from_spec: RuleSpec | str, to_spec: RuleSpec | str, overlays: Iterable[str], default_on: date | None,
             attribute: bool, keep_explanations: bool, full_results: bool = True, columns: bool = False) -> _Context:
    extra = tuple(str(o) for o in overlays)
    a = RuleSpec.parse(from_spec, field="from_spec").with_overlays(extra)
    b = RuleSpec.parse(to_spec, field="to_spec").with_overlays(extra)
    a.load(), b.load()  # fail now on an unknown rule set or a bad overlay, not once per case
    today = default_on or date.today()
    if columns and (attribute or keep_explanations or full_results):
        raise InputError.single("columns", "figures only over columns: give no attribution, no explanations and no "
                                "full results (they need each case on its own)", "conflict")
    return _Context(a, b, a.date_or(today), b.date_or(today), attribute, keep_explanations, full_results, os.getpid(),
                    columns)


def reassess_chunks(
    cases: Iterable[Any],
    from_spec: RuleSpec | str,
    to_spec: RuleSpec | str,
    *,
    overlays: Iterable[str] = (),
    workers: int | None = None,
    chunk_size: int = DEFAULT_CHUNK,
    attribute: bool = True,
    keep_explanations: bool = False,
    default_on: date | None = None,
    full_results: bool = True,
    columns: bool = False,
) -> Iterator[list[CaseOutcome]]:
    """Like :func:`reassess`, one list per chunk of ``chunk_size`` cases (the unit the batch runner journals)."""
    ctx = _context(from_spec, to_spec, overlays, default_on, attribute, keep_explanations, full_results, columns)
    workers = default_workers() if workers is None else max(1, workers)
    chunks = _chunks(_rows(cases), max(1, chunk_size))
    if workers == 1:
        for chunk in chunks:
            yield _run_chunk(ctx, chunk)
        return
    pool = ProcessPoolExecutor(max_workers=workers, initializer=_worker_init, initargs=(ctx.parent_pid,))
    pending: deque[Future[list[CaseOutcome]]] = deque()
    try:
        window = workers * 3
        for chunk in chunks:
            pending.append(pool.submit(_run_chunk, ctx, chunk))
            if len(pending) >= window:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        for f in pending:
            f.cancel()
        pool.shutdown(wait=True, cancel_futures=True)


def reassess(
    cases: Iterable[Any],
    from_spec: RuleSpec | str,
    to_spec: RuleSpec | str,
    *,
    overlays: Iterable[str] = (),
    workers: int | None = None,
    chunk_size: int = DEFAULT_CHUNK,
    attribute: bool = True,
    keep_explanations: bool = False,
    default_on: date | None = None,
    full_results: bool = True,
    columns: bool = False,
) -> Iterator[CaseOutcome]:
    """Re-assess every case under ``from_spec`` and ``to_spec``; yield one :class:`CaseOutcome` per case, in order.

    ``from_spec``/``to_spec``: ``NAME[+OVERLAY...][@DATE]`` strings or :class:`RuleSpec`; ``overlays`` are
    added to both. ``workers``: processes (default: every core; 1 runs in this process).
    ``attribute``: build explanations so a changed charge can be traced to the parameters that moved it
    (``False`` is about twice as fast and leaves ``diff["parameters"]`` empty).
    ``full_results``: each side as the full ``careact.result.charging/1`` document (default), or the
    compact ``careact.batch.result/1`` form (:func:`compact_result`).
    ``columns``: when per-case diffs of parameters are not needed (``attribute=False``,
    ``full_results=False``), re-assess each chunk of cases at once over columns
    (:func:`careact.population.assess.assess_columns`: the same rules, to the penny), each side in the
    ``careact.batch.figures/1`` form -- the figures, without flags or the personal budget.
    """
    for chunk in reassess_chunks(cases, from_spec, to_spec, overlays=overlays, workers=workers,
                                 chunk_size=chunk_size, attribute=attribute, keep_explanations=keep_explanations,
                                 default_on=default_on, full_results=full_results, columns=columns):
        yield from chunk
