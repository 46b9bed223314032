"""Batch hygiene: worker processes die with the batch (even on SIGKILL); results.jsonl is compact by default."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from dataclasses import replace
from pathlib import Path

import psutil
import pytest

from careact.batch import run_batch
from careact.batch.core import COMPACT_SCHEMA, _context, _orphaned
from careact.cli._common import example_path

SPECS = ("england@2025-03-31", "england@2025-04-07")


def _cases(path: Path, n: int) -> Path:
    header, *rows = example_path("batch", "april").read_text(encoding="utf-8").splitlines()
    lines = [header]
    for i in range(n):
        row = rows[i % len(rows)].split(",")
        row[0] = f"R-{i:06d}"
        lines.append(",".join(row))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _alive(pid: int) -> bool:
    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="SIGKILL and /proc semantics of Linux")
def test_workers_exit_when_the_parent_is_killed(tmp_path: Path) -> None:
    cases = _cases(tmp_path / "cases.csv", 20_000)
    script = textwrap.dedent(f"""
        from careact.batch import run_batch
        run_batch({str(cases)!r}, {str(tmp_path / 'out')!r}, {SPECS[0]!r}, {SPECS[1]!r}, workers=2, chunk_size=5)
    """)
    parent = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        workers: list[int] = []
        while time.monotonic() < deadline:
            if parent.poll() is not None:
                pytest.fail(f"the batch ended before it could be killed: {parent.stderr.read().decode()[-2000:]}")
            workers = [c.pid for c in psutil.Process(parent.pid).children(recursive=True)]
            if len(workers) >= 2 and (tmp_path / "out" / "journal.jsonl").exists():
                break
            time.sleep(0.05)
        assert len(workers) >= 2, "the worker processes never started"
        os.kill(parent.pid, signal.SIGKILL)
        parent.wait(timeout=10)
        deadline = time.monotonic() + 15
        while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.05)
        survivors = [pid for pid in workers if _alive(pid)]
        assert not survivors, f"worker processes {survivors} outlived the killed batch"
    finally:
        if parent.poll() is None:
            parent.kill()
            parent.wait(timeout=10)
        for pid in workers:  # only the processes this test started, by pid
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)
        if parent.stderr:
            parent.stderr.close()


def test_a_worker_knows_when_it_has_been_orphaned() -> None:
    ctx = _context(*SPECS, (), None, False, False)
    assert ctx.parent_pid == os.getpid()
    assert not _orphaned(ctx)  # the run's own process is never an orphaned worker
    assert _orphaned(replace(ctx, parent_pid=_not_our_parent()))
    assert not _orphaned(replace(ctx, parent_pid=os.getppid()))


def _not_our_parent() -> int:
    pid = 1
    while pid in (os.getpid(), os.getppid()):
        pid += 1
    return pid


def _sizes(out: Path) -> list[int]:
    return [len(line) for line in (out / "results.jsonl").read_bytes().splitlines()]


def test_results_are_compact_by_default_and_whole_when_asked(tmp_path: Path) -> None:
    cases = _cases(tmp_path / "cases.csv", 8)
    compact = run_batch(cases, tmp_path / "compact", *SPECS, workers=1)
    full = run_batch(cases, tmp_path / "full", *SPECS, workers=1, full_results=True)
    assert compact.summary == {**full.summary, "run": compact.summary["run"]}  # the same run, summarised alike
    small, large = _sizes(tmp_path / "compact"), _sizes(tmp_path / "full")
    assert len(small) == len(large) == 8
    assert max(small) < 2048, max(small)
    assert sum(small) * 3 < sum(large)
    record = json.loads((tmp_path / "compact" / "results.jsonl").read_text(encoding="utf-8").splitlines()[0])
    side = record["from"]
    assert side["schema"] == COMPACT_SCHEMA and "inputs" not in side and "explanation" not in side
    assert side["weekly_charge"] and side["ruleset"]["digest"].startswith("sha256:")
    whole = json.loads((tmp_path / "full" / "results.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert whole["from"]["schema"] == "careact.result.charging/1" and "inputs" in whole["from"]
    for key in ("weekly_charge", "council_weekly_contribution", "assessed_capital", "assessed_income"):
        assert side[key] == whole["from"][key]


def test_a_run_is_not_resumed_in_the_other_form(tmp_path: Path) -> None:
    from careact.errors import InputError

    cases = _cases(tmp_path / "cases.csv", 3)
    run_batch(cases, tmp_path / "out", *SPECS, workers=1)
    with pytest.raises(InputError) as err:
        run_batch(cases, tmp_path / "out", *SPECS, workers=1, full_results=True)
    assert "full_results" in str(err.value)
