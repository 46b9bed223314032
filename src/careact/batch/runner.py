"""The batch runner: a file of cases in, per-case results, diffs, errors and a summary out -- resumable.

Output directory::

    results.jsonl   one line per assessed case: {"row", "reference", "from": <result>, "to": <result>}, each
                    result in the compact careact.batch.result/1 form (``full_results=True``: the whole
                    careact.result.charging/1 document)
    diffs.jsonl     one line per assessed case: old and new weekly charge, the change, and the
                    parameters that moved it
    errors.jsonl    one line per bad case: {"row", "reference", "stage", "reason", "problems": [...]}
    summary.json    totals, by setting, the parameters that moved charges, errors by kind, run timing
    summary.txt     the same in words
    journal.jsonl   the checkpoint: a header, then one line per completed chunk

Resuming
--------
Outputs are appended a whole chunk at a time: the chunk's lines are written and flushed to disk
(``fsync``), and only then is a journal line appended naming the chunk's rows and the size of each
output file after it. On a restart with the same input and specs, the runner reads the journal
(ignoring a torn last line), cuts every output file back to the sizes the last journal line recorded
-- dropping anything a killed run wrote after its last checkpoint -- and skips the rows already done.
So an interruption at any moment loses no case and duplicates none. A journal written for another
input file (by content digest) or other specs is refused rather than mixed in.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, TextIO

from .. import __version__
from ..errors import InputError
from ..money import format_money, round_pence
from .core import DEFAULT_CHUNK, CaseOutcome, _context, default_workers, reassess_chunks
from .inputs import InputRow, file_digest, input_format, read_cases

__all__ = ["JOURNAL", "OUTPUT_FILES", "BatchRun", "render_summary", "run_batch", "summarise"]

OUTPUT_FILES = ("results", "diffs", "errors")
JOURNAL = "journal.jsonl"
SUMMARY_SCHEMA = "careact.batch.summary/1"


@dataclass(frozen=True, slots=True)
class BatchRun:
    """What one invocation did, and the summary of the whole run so far."""

    out_dir: Path
    processed: int  # cases handled by this invocation
    skipped: int  # cases already done by an earlier, interrupted invocation
    seconds: float  # wall-clock time (not money)
    summary: dict[str, Any]


# --------------------------------------------------------------------------- journal


def _dumps(obj: Any) -> bytes:
    return (json.dumps(obj, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n").encode("utf-8")


def _append_durably(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        n = os.write(fd, view)
        view = view[n:]
    os.fsync(fd)


def _read_journal(path: Path) -> tuple[dict[str, Any] | None, list[dict[str, Any]], int]:
    """(header, chunk entries, byte length of the valid prefix). A torn or garbled tail is ignored."""
    if not path.exists():
        return None, [], 0
    raw = path.read_bytes()
    header: dict[str, Any] | None = None
    entries: list[dict[str, Any]] = []
    good = 0
    pos = 0
    while pos < len(raw):
        end = raw.find(b"\n", pos)
        if end < 0:
            break  # a line without its newline was never completed
        try:
            obj = json.loads(raw[pos:end])
        except ValueError:
            break
        if header is None:
            if not isinstance(obj, dict) or obj.get("careact_batch") != 1:
                break
            header = obj
        elif isinstance(obj, dict) and isinstance(obj.get("rows"), list) and isinstance(obj.get("offsets"), dict):
            entries.append(obj)
        else:
            break
        pos = good = end + 1
    return header, entries, good


def _same_run(a: dict[str, Any], b: dict[str, Any]) -> list[str]:
    keys = ("input_digest", "format", "from", "to", "overlays", "attribute", "keep_explanations", "full_results",
            "columns")
    defaults = {"columns": False}  # a run journalled before the option existed ran one case at a time
    return [k for k in keys if a.get(k, defaults.get(k)) != b.get(k, defaults.get(k))]


# --------------------------------------------------------------------------- runner


def _count(path: Path, fmt: str) -> int:
    return sum(1 for _ in read_cases(path, fmt))


class _Progress:
    def __init__(self, total: int, initial: int, enabled: bool, stream: TextIO) -> None:
        self.enabled = enabled
        self.total = total
        self.done = initial
        self.stream = stream
        self.bar = None
        self._last = 0.0
        if enabled:
            try:
                from tqdm import tqdm

                self.bar = tqdm(total=total, initial=initial, unit="case", file=stream, dynamic_ncols=True,
                                desc="careact batch")
            except ImportError:
                self.bar = None

    def update(self, n: int) -> None:
        self.done += n
        if not self.enabled:
            return
        if self.bar is not None:
            self.bar.update(n)
            return
        now = time.monotonic()
        if now - self._last >= 0.5 or self.done >= self.total:
            self._last = now
            self.stream.write(f"\rcareact batch: {self.done}/{self.total} cases")
            self.stream.flush()

    def close(self) -> None:
        if not self.enabled:
            return
        if self.bar is not None:
            self.bar.close()
        else:
            self.stream.write("\n")
            self.stream.flush()


def run_batch(
    input_path: str | Path,
    out_dir: str | Path,
    from_spec: str,
    to_spec: str,
    *,
    overlays: Iterable[str] = (),
    fmt: str | None = None,
    workers: int | None = None,
    chunk_size: int = DEFAULT_CHUNK,
    attribute: bool = True,
    keep_explanations: bool = False,
    full_results: bool = False,
    columns: bool = False,
    progress: bool = False,
    restart: bool = False,
    after_chunk: Callable[[int], None] | None = None,
    progress_stream: TextIO | None = None,
) -> BatchRun:
    """Re-assess every case in ``input_path`` under both specs, writing to ``out_dir``; resume if interrupted.

    ``after_chunk(cases_done)`` is called after each chunk is safely on disk (a test hook: raising from
    it interrupts the run exactly as a crash would after a checkpoint). ``full_results`` writes each
    result whole (``careact.result.charging/1``) instead of its compact form; ``keep_explanations``
    implies it. ``columns`` re-assesses each chunk at once over columns when per-case diffs of parameters
    are not needed (``attribute=False``): the same figures, without flags (see
    :func:`careact.batch.core.reassess`).
    """
    started = time.perf_counter()
    input_path = Path(input_path)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    if not input_path.is_file():
        raise InputError.single("input", f"{input_path} is not a file", "io")
    fmt = input_format(input_path, fmt)
    overlays = tuple(str(o) for o in overlays)
    journal_path = out / JOURNAL
    header = {
        "careact_batch": 1,
        "careact_version": __version__,
        "input": str(input_path.resolve()),
        "input_digest": file_digest(input_path),
        "format": fmt,
        "from": str(from_spec),
        "to": str(to_spec),
        "overlays": list(overlays),
        "attribute": attribute,
        "keep_explanations": keep_explanations,
        "full_results": full_results or keep_explanations,
        "columns": columns,
        "default_on": date.today().isoformat(),
    }
    old_header, entries, good = (None, [], 0) if restart else _read_journal(journal_path)
    if old_header is not None:
        differ = _same_run(old_header, header)
        if differ:
            raise InputError.single(
                "out", f"{out} holds a run with a different {', '.join(differ)}; use another directory or --restart",
                "other_run")
        header["default_on"] = old_header["default_on"]  # a resumed run keeps its first day's default date
    default_on = date.fromisoformat(str(header["default_on"]))
    ctx = _context(from_spec, to_spec, overlays, default_on, attribute, keep_explanations,
                   bool(header["full_results"]), columns)  # validates the specs

    offsets = dict.fromkeys(OUTPUT_FILES, 0)
    if entries:
        offsets.update({k: int(v) for k, v in entries[-1]["offsets"].items() if k in offsets})
    done: set[int] = {int(r) for e in entries for r in e["rows"]}
    for name in OUTPUT_FILES:  # cut back anything written after the last checkpoint
        path = out / f"{name}.jsonl"
        with open(path, "ab") as fh:
            fh.truncate(offsets[name])
    for stale in ("summary.json", "summary.txt"):
        (out / stale).unlink(missing_ok=True)
    if old_header is None:
        with open(journal_path, "wb") as fh:
            fh.write(_dumps(header))
            fh.flush()
            os.fsync(fh.fileno())
    else:
        with open(journal_path, "ab") as fh:
            fh.truncate(good)

    total = _count(input_path, fmt)
    bar = _Progress(total, len(done), progress, progress_stream or sys.stderr)
    fds = {name: os.open(out / f"{name}.jsonl", os.O_WRONLY | os.O_APPEND) for name in OUTPUT_FILES}
    jfd = os.open(journal_path, os.O_WRONLY | os.O_APPEND)
    processed = 0
    try:
        todo: Iterator[InputRow] = (r for r in read_cases(input_path, fmt) if r.row not in done)
        for chunk in reassess_chunks(todo, ctx.from_spec, ctx.to_spec, workers=workers, chunk_size=chunk_size,
                                     attribute=attribute, keep_explanations=keep_explanations,
                                     default_on=default_on, full_results=ctx.full_results, columns=columns):
            _write_chunk(chunk, fds, jfd)
            processed += len(chunk)
            bar.update(len(chunk))
            if after_chunk is not None:
                after_chunk(len(done) + processed)
    finally:
        bar.close()
        for fd in (*fds.values(), jfd):
            os.close(fd)
    seconds = time.perf_counter() - started
    summary = summarise(out, header, ctx_dates=(ctx.from_on, ctx.to_on),
                        run={"workers": workers or default_workers(), "chunk_size": chunk_size,
                             "processed": processed, "skipped": len(done), "seconds": round(seconds, 3),
                             "cases_per_second": round(processed / seconds, 1) if seconds > 0 else None,
                             "resumed": bool(done)})
    _write_atomic(out / "summary.json", json.dumps(summary, indent=2, ensure_ascii=False, sort_keys=True) + "\n")
    _write_atomic(out / "summary.txt", render_summary(summary))
    return BatchRun(out, processed, len(done), seconds, summary)


def _write_chunk(chunk: list[CaseOutcome], fds: dict[str, int], jfd: int) -> None:
    lines: dict[str, list[bytes]] = {name: [] for name in OUTPUT_FILES}
    for o in chunk:
        if o.ok:
            lines["results"].append(_dumps(o.result_record()))
            lines["diffs"].append(_dumps(o.diff_record()))
        else:
            lines["errors"].append(_dumps(o.error_record()))
    offsets = {}
    for name in OUTPUT_FILES:
        if lines[name]:
            _append_durably(fds[name], b"".join(lines[name]))
        offsets[name] = os.lseek(fds[name], 0, os.SEEK_END)
    _append_durably(jfd, _dumps({"rows": [o.row for o in chunk], "offsets": offsets}))


def _write_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


# --------------------------------------------------------------------------- summary


def _lines(path: Path) -> Iterator[dict[str, Any]]:
    if not path.exists():
        return
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def _money(d: Decimal) -> str:
    return f"{d:.2f}"


def summarise(out: Path, header: dict[str, Any], *, ctx_dates: tuple[date, date], run: dict[str, Any]) -> dict[str, Any]:
    """The summary of every case in ``out`` (read back from diffs.jsonl and errors.jsonl)."""
    zero = Decimal("0.00")
    total_from = total_to = zero
    directions: Counter[str] = Counter()
    by_setting: dict[str, dict[str, Any]] = defaultdict(
        lambda: {"cases": 0, "from_total": zero, "to_total": zero, "up": 0, "down": 0, "same": 0})
    params: dict[tuple[str, str | None], dict[str, Any]] = {}
    biggest_up: dict[str, Any] | None = None
    biggest_down: dict[str, Any] | None = None
    self_funder_changes: Counter[str] = Counter()
    assessed = 0
    for d in _lines(out / "diffs.jsonl"):
        assessed += 1
        old, new, change = Decimal(d["from_weekly_charge"]), Decimal(d["to_weekly_charge"]), Decimal(d["change"])
        total_from += old
        total_to += new
        directions[d["direction"]] += 1
        s = by_setting[d["setting"]]
        s["cases"] += 1
        s["from_total"] += old
        s["to_total"] += new
        s[d["direction"]] += 1
        if d["from_self_funder"] != d["to_self_funder"]:
            self_funder_changes["became_self_funder" if d["to_self_funder"] else "no_longer_self_funder"] += 1
        if change > 0 and (biggest_up is None or change > Decimal(biggest_up["change"])):
            biggest_up = {"row": d["row"], "reference": d["reference"], "change": d["change"]}
        if change < 0 and (biggest_down is None or change < Decimal(biggest_down["change"])):
            biggest_down = {"row": d["row"], "reference": d["reference"], "change": d["change"]}
        for p in d.get("parameters", ()):
            key = (p["name"], p.get("key"))
            entry = params.setdefault(key, {"name": p["name"], "key": p.get("key"), "from": p["from"], "to": p["to"],
                                            "unit": p.get("unit"), "citation": p.get("citation"), "cases": 0})
            entry["cases"] += 1
    errors = 0
    by_stage: Counter[str] = Counter()
    by_code: Counter[str] = Counter()
    for e in _lines(out / "errors.jsonl"):
        errors += 1
        by_stage[e.get("stage", "?")] += 1
        for p in e.get("problems", ()):
            by_code[p.get("code", "invalid")] += 1
    change = total_to - total_from
    return {
        "schema": SUMMARY_SCHEMA,
        "careact_version": __version__,
        "input": header["input"],
        "input_digest": header["input_digest"],
        "from": {"spec": header["from"], "on": ctx_dates[0].isoformat()},
        "to": {"spec": header["to"], "on": ctx_dates[1].isoformat()},
        "overlays": header["overlays"],
        "cases": assessed + errors,
        "assessed": assessed,
        "errors": errors,
        "increased": directions["up"],
        "decreased": directions["down"],
        "unchanged": directions["same"],
        "total_weekly_charge": {"from": _money(total_from), "to": _money(total_to), "change": _money(change)},
        "mean_change": _money(round_pence(change / assessed)) if assessed else None,
        "largest_increase": biggest_up,
        "largest_decrease": biggest_down,
        "self_funder_changes": dict(sorted(self_funder_changes.items())),
        "by_setting": {k: {**v, "from_total": _money(v["from_total"]), "to_total": _money(v["to_total"])}
                       for k, v in sorted(by_setting.items())},
        "parameters": sorted(params.values(), key=lambda p: (-p["cases"], p["name"], p["key"] or "")),
        "errors_by_stage": dict(sorted(by_stage.items())),
        "errors_by_code": dict(sorted(by_code.items())),
        "run": run,
    }


_PER = {"GBP": "", "GBP/week": " a week", "GBP/year": " a year"}


def _value(value: Any, unit: str | None) -> str:
    """A parameter's value for the summary: money as pounds and pence, anything else with its unit."""
    if value is None:
        return "(not read)"
    if unit in _PER and not isinstance(value, (dict, list, bool)):
        try:
            return format_money(Decimal(str(value))) + _PER[unit]
        except ArithmeticError:
            pass
    return f"{value} {unit}" if unit else str(value)


def render_summary(s: dict[str, Any]) -> str:
    def gbp(text: str) -> str:
        return format_money(Decimal(text))

    t = s["total_weekly_charge"]
    sign = "+" if Decimal(t["change"]) >= 0 else "-"
    lines = [
        (f"careact batch re-assessment: {s['from']['spec']} (on {s['from']['on']}) -> {s['to']['spec']} "
         f"(on {s['to']['on']})"),
        f"input: {s['input']} ({s['input_digest']})",
        f"cases: {s['cases']} ({s['assessed']} assessed, {s['errors']} with errors: see errors.jsonl)",
        f"weekly charge: {s['increased']} up, {s['decreased']} down, {s['unchanged']} unchanged",
        f"total weekly charge: {gbp(t['from'])} -> {gbp(t['to'])} ({sign}{gbp(str(abs(Decimal(t['change']))))})",
    ]
    if s["mean_change"] is not None:
        lines.append(f"mean change per assessed case: {gbp(s['mean_change'])}")
    for label, key in (("largest increase", "largest_increase"), ("largest decrease", "largest_decrease")):
        if s[key]:
            x = s[key]
            ref = f" ({x['reference']})" if x["reference"] else ""
            lines.append(f"{label}: row {x['row']}{ref}, {gbp(x['change'])} a week")
    for k, v in s["self_funder_changes"].items():
        lines.append(f"{k.replace('_', ' ')}: {v}")
    if s["by_setting"]:
        lines.append("by setting:")
        for name, v in s["by_setting"].items():
            lines.append(f"  {name}: {v['cases']} cases, {gbp(v['from_total'])} -> {gbp(v['to_total'])} a week "
                         f"({v['up']} up, {v['down']} down, {v['same']} unchanged)")
    if s["parameters"]:
        lines.append("parameters that moved charges (cases in which each moved the figure):")
        for p in s["parameters"]:
            name = p["name"] + (f"[{p['key']}]" if p["key"] else "")
            lines.append(f"  {name}: {_value(p['from'], p['unit'])} -> {_value(p['to'], p['unit'])}  "
                         f"in {p['cases']} case{'s' if p['cases'] != 1 else ''}  ({p['citation'] or 'no citation'})")
    if s["errors"]:
        lines.append("errors by stage: " + ", ".join(f"{k} {v}" for k, v in s["errors_by_stage"].items()))
        lines.append("errors by kind: " + ", ".join(f"{k} {v}" for k, v in s["errors_by_code"].items()))
    r = s["run"]
    lines.append(f"this run: {r['processed']} cases in {r['seconds']} s on {r['workers']} workers"
                 + (f" ({r['cases_per_second']} cases/s)" if r.get("cases_per_second") else "")
                 + (f"; resumed after {r['skipped']} cases already done" if r["resumed"] else ""))
    return "\n".join(lines) + "\n"
