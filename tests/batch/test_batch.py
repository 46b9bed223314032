"""careact batch: the April re-assessment over files of cases, resumable, with every bad row reported."""

from __future__ import annotations

import csv
import json
import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from careact.batch import RuleSpec, reassess, run_batch, unflatten
from careact.batch.inputs import read_csv
from careact.charging import assess, example_case, example_names
from careact.errors import InputError

from .casegen import flatten, make_case

OLD, NEW = "england@2025-03-31", "england@2025-04-07"


def _lines(path: Path) -> list[dict]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


# ------------------------------------------------------------------------------------------ specs and input


def test_rule_spec_parsing() -> None:
    s = RuleSpec.parse("england+council/example_borough+reform/reform_2021@2025-04-07")
    assert s == RuleSpec("england", ("council/example_borough", "reform/reform_2021"), date(2025, 4, 7))
    assert str(s) == "england+council/example_borough+reform/reform_2021@2025-04-07"
    assert RuleSpec.parse("england").on is None
    for bad in ("@2025-01-01", "england+@2025-01-01", "england@2025-13-01"):
        with pytest.raises(InputError):
            RuleSpec.parse(bad)


def test_unflatten_builds_lists_and_drops_blanks() -> None:
    got = unflatten([
        (("person", "date_of_birth"), "1940-01-01"),
        (("income", "1", "type"), "occupational_pension"),
        (("income", "0", "type"), "state_pension"),
        (("income", "0", "amount"), "176.45"),
        (("income", "2", "type"), ""),
        (("home", "value"), " "),
    ])
    assert got == {"person": {"date_of_birth": "1940-01-01"},
                   "income": [{"type": "state_pension", "amount": "176.45"}, {"type": "occupational_pension"}]}
    with pytest.raises(ValueError, match="mixes"):
        unflatten([(("income", "0"), "x"), (("income", "type"), "y")])


def test_csv_header_problems_stop_before_any_row(tmp_path: Path) -> None:
    p = tmp_path / "bad.csv"
    p.write_text("care,care.setting\nx,y\n")
    with pytest.raises(InputError, match="treats it as an object"):
        list(read_csv(p))


# ------------------------------------------------------------------------------------------ library call


def test_reassess_april_names_the_parameters_that_moved_each_charge() -> None:
    cases = [example_case(n) for n in example_names()]
    outcomes = list(reassess(cases, OLD, NEW, workers=1))
    assert [o.row for o in outcomes] == list(range(1, len(cases) + 1))
    for case, o in zip(cases, outcomes):
        assert o.ok, o.error
        old = assess(case, on=date(2025, 3, 31), explain=False)
        new = assess(case, on=date(2025, 4, 7), explain=False)
        assert o.diff["from_weekly_charge"] == f"{old.weekly_charge:.2f}"
        assert o.diff["to_weekly_charge"] == f"{new.weekly_charge:.2f}"
        assert o.diff["change"] == f"{new.weekly_charge - old.weekly_charge:.2f}"
        if old.weekly_charge != new.weekly_charge:
            assert o.diff["parameters"], "a changed charge must name the parameters that moved it"
            for p in o.diff["parameters"]:
                assert p["from"] != p["to"]
        else:
            assert o.diff["parameters"] == []
    by_ref = {o.reference: o for o in outcomes}
    pensioner = by_ref["example-home-care-pensioner"]
    assert ("mig.personal_amount", "single_pca") in {(p["name"], p["key"]) for p in pensioner.diff["parameters"]}
    temp = by_ref["example-temporary-stay"]
    # the personal expenses allowance, and the Savings Credit disregard (SI 2014/2672 Sch 1 para 40) with the
    # standard minimum guarantee it is measured against, all uprated in April
    assert {p["name"] for p in temp.diff["parameters"]} == {
        "allowances.personal_expenses", "income.savings_credit_disregard", "benefits.pension_credit_standard_minimum_guarantee"}


def test_reassess_reports_bad_cases_and_keeps_going() -> None:
    good = example_case("residential_single").model_dump(mode="json", by_alias=True)
    cases = [good, {"person": {}}, "not a case", {**good, "income": [{"type": "no_such_income", "amount": "1"}]}, good]
    outcomes = list(reassess(cases, OLD, NEW, workers=1))
    assert [o.ok for o in outcomes] == [True, False, False, False, True]
    assert outcomes[1].error["stage"] == "validate"
    assert {p["field"] for p in outcomes[1].error["problems"]} == {"person.date_of_birth", "care"}
    assert outcomes[2].error["stage"] == "read"
    assert outcomes[3].error["stage"] == "from"
    assert outcomes[3].error["problems"][0]["field"] == "income[0].type"


def test_parallel_and_serial_runs_agree() -> None:
    rng = random.Random(7)
    cases = [make_case(i, rng) for i in range(300)]
    serial = list(reassess(cases, OLD, NEW, workers=1, chunk_size=40))
    parallel = list(reassess(cases, OLD, NEW, workers=2, chunk_size=40))
    assert [(o.row, o.diff, o.error) for o in serial] == [(o.row, o.diff, o.error) for o in parallel]


# ------------------------------------------------------------------------------------------ files: CSV


def test_csv_batch_with_bad_rows(tmp_path: Path) -> None:
    rng = random.Random(3)
    cases = [make_case(i, rng) for i in range(200)]
    flat = [flatten(c) for c in cases]
    flat[10]["care.setting"] = "castle"                  # not a setting
    flat[20]["income.0.amount"] = "12.345"               # too many decimal places (if it has income)
    flat[20].setdefault("income.0.type", "state_pension")
    flat[30]["colour"] = "blue"                          # a column the case does not have
    flat[40]["person.date_of_birth"] = "2030-01-01"      # born after the assessment
    header = sorted({k for row in flat for k in row}, key=lambda k: (k != "reference", k))
    path = tmp_path / "cases.csv"
    with open(path, "w", newline="") as fh:
        w = csv.DictWriter(fh, header)
        w.writeheader()
        w.writerows(flat)
        fh.write("A-extra," + ",".join(["x"] * (len(header) + 3)) + "\n")  # too many values
    out = tmp_path / "out"
    run = run_batch(path, out, OLD, NEW, workers=2, chunk_size=32)
    errors = {e["row"]: e for e in _lines(out / "errors.jsonl")}
    diffs = {d["row"]: d for d in _lines(out / "diffs.jsonl")}
    assert set(errors) | set(diffs) == set(range(1, 202)) and not set(errors) & set(diffs)
    assert errors[11]["problems"][0]["field"] == "care.setting"
    assert errors[21]["problems"][0]["field"] == "income[0].amount"
    assert errors[31]["problems"][0]["field"] == "colour" and errors[31]["reference"] == "C00030"
    assert errors[41]["stage"] == "from" and errors[41]["problems"][0]["field"] == "person.date_of_birth"
    assert errors[201]["stage"] == "read" and "201" in errors[201]["reason"]
    s = json.loads((out / "summary.json").read_text())
    assert s["cases"] == 201 and s["errors"] == len(errors) and s["assessed"] == len(diffs) == run.summary["assessed"]
    assert s["increased"] + s["decreased"] + s["unchanged"] == s["assessed"]
    text = (out / "summary.txt").read_text()
    assert "england@2025-03-31" in text and "cases: 201" in text
    # a direct library call gives the same charges as the file run
    for row in (1, 2, 3, 50, 150):
        if row in diffs:
            direct = assess(cases[row - 1], on=date(2025, 4, 7), explain=False)
            assert diffs[row]["to_weekly_charge"] == f"{direct.weekly_charge:.2f}"


# ------------------------------------------------------------------------------------------ 10,000 cases


def _write_jsonl(path: Path, n: int, seed: int) -> set[int]:
    """n records, some malformed; returns the row numbers that must end up in errors.jsonl."""
    rng = random.Random(seed)
    bad: set[int] = set()
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(1, n + 1):
            if i % 997 == 0:
                fh.write('{"reference": "broken", "person": \n')  # not JSON
                bad.add(i)
            elif i % 1009 == 0:
                fh.write("[1, 2, 3]\n")  # JSON, but not a case
                bad.add(i)
            elif i % 499 == 0:
                c = make_case(i, rng)
                c["care"]["weekly_cost"] = 12.5  # a float: money must be a decimal string
                fh.write(json.dumps(c) + "\n")
                bad.add(i)
            else:
                fh.write(json.dumps(make_case(i, rng)) + "\n")
    return bad


class _Stop(Exception):
    pass


def test_ten_thousand_cases_interrupted_and_resumed_lose_and_duplicate_nothing(tmp_path: Path) -> None:
    n = 10_000
    path = tmp_path / "cases.jsonl"
    must_fail = _write_jsonl(path, n, seed=11)
    out = tmp_path / "april"

    def stop_after(done: int) -> None:
        if done >= 4000:
            raise _Stop

    t0 = time.perf_counter()
    with pytest.raises(_Stop):
        run_batch(path, out, OLD, NEW, workers=2, chunk_size=250, attribute=False, after_chunk=stop_after)
    first = {d["row"] for d in _lines(out / "diffs.jsonl")} | {e["row"] for e in _lines(out / "errors.jsonl")}
    assert 4000 <= len(first) < n
    # the debris a crash leaves: half a line in an output file, and a torn journal line
    with open(out / "results.jsonl", "ab") as fh:
        fh.write(b'{"row": 999999, "reference": "half-writ')
    with open(out / "diffs.jsonl", "ab") as fh:
        fh.write(b'{"row": 999999}\n')
    with open(out / "journal.jsonl", "ab") as fh:
        fh.write(b'{"rows": [1, 2, 3')

    run = run_batch(path, out, OLD, NEW, workers=2, chunk_size=250, attribute=False)
    elapsed = time.perf_counter() - t0
    assert run.skipped == len(first) and run.processed == n - len(first)

    diffs = [d["row"] for d in _lines(out / "diffs.jsonl")]
    results = [r["row"] for r in _lines(out / "results.jsonl")]
    errors = [e["row"] for e in _lines(out / "errors.jsonl")]
    assert len(diffs) == len(set(diffs)) and len(errors) == len(set(errors)), "a case was written twice"
    assert sorted(diffs) == sorted(results)
    assert set(diffs).isdisjoint(errors)
    assert set(diffs) | set(errors) == set(range(1, n + 1)), "a case was lost"
    assert must_fail <= set(errors)
    by_row = {e["row"]: e for e in _lines(out / "errors.jsonl")}
    assert by_row[997]["stage"] == "read" and by_row[1009]["stage"] == "read"
    assert by_row[499]["problems"][0]["field"] == "care.weekly_cost"
    s = run.summary
    assert s["cases"] == n and s["assessed"] + s["errors"] == n and s["run"]["resumed"]
    # done again: nothing left to do, nothing duplicated
    again = run_batch(path, out, OLD, NEW, workers=2, chunk_size=250, attribute=False)
    assert again.processed == 0 and again.summary["cases"] == n
    print(f"\n10,000 cases (interrupted at 4,000 and resumed) in {elapsed:.1f} s")


def test_resume_refuses_a_different_input(tmp_path: Path) -> None:
    path = tmp_path / "cases.jsonl"
    _write_jsonl(path, 20, seed=1)
    out = tmp_path / "out"
    run_batch(path, out, OLD, NEW, workers=1)
    _write_jsonl(path, 21, seed=1)
    with pytest.raises(InputError, match="input_digest"):
        run_batch(path, out, OLD, NEW, workers=1)
    assert run_batch(path, out, OLD, NEW, workers=1, restart=True).summary["cases"] == 21


def test_cli_killed_with_sigkill_then_resumed(tmp_path: Path) -> None:
    """A real crash: the CLI and its worker pool are killed with SIGKILL mid-run; the rerun completes it."""
    n = 8000
    path = tmp_path / "cases.jsonl"
    _write_jsonl(path, n, seed=5)
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "careact", "batch", str(path), "--from-ruleset", OLD, "--to-ruleset", NEW,
           "--out", str(out), "--workers", "2", "--chunk-size", "25", "--no-progress", "--no-attribution"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    journal = out / "journal.jsonl"
    deadline = time.monotonic() + 60
    try:
        while time.monotonic() < deadline:
            if journal.exists() and journal.read_bytes().count(b"\n") >= 5:
                break
            if proc.poll() is not None:
                pytest.fail(f"the batch ended before it could be killed: {proc.stderr.read().decode()}")
            time.sleep(0.05)
        os.killpg(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    done_before = journal.read_bytes().count(b"\n") - 1
    assert 0 < done_before * 25 < n
    rerun = subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)
    assert rerun.returncode == 0, rerun.stderr
    assert f"cases: {n}" in rerun.stdout
    rows = Counter(d["row"] for d in _lines(out / "diffs.jsonl")) + Counter(e["row"] for e in _lines(out / "errors.jsonl"))
    assert set(rows) == set(range(1, n + 1)) and set(rows.values()) == {1}


def test_figures_only_over_columns_gives_the_same_charges_and_errors(tmp_path: Path) -> None:
    """--figures-only re-assesses each chunk over columns: every diff's figures, and every error's row and stage,
    are those of the run one case at a time; it resumes the same way; its results hold the figures only."""
    n = 3_000
    path = tmp_path / "cases.jsonl"
    _write_jsonl(path, n, seed=23)
    run_batch(path, tmp_path / "one", OLD, NEW, workers=1, chunk_size=300, attribute=False,
              overlays=["council/reading"])

    def stop_after(done: int) -> None:
        if done >= 1200:
            raise _Stop

    with pytest.raises(_Stop):
        run_batch(path, tmp_path / "cols", OLD, NEW, workers=2, chunk_size=300, attribute=False, columns=True,
                  overlays=["council/reading"], after_chunk=stop_after)
    cols = run_batch(path, tmp_path / "cols", OLD, NEW, workers=2, chunk_size=300, attribute=False, columns=True,
                     overlays=["council/reading"])
    assert cols.skipped >= 1200 and cols.summary["cases"] == n

    def strip(d: dict[str, object]) -> dict[str, object]:
        return {k: v for k, v in d.items() if k != "parameters"}

    a = sorted((strip(d) for d in _lines(tmp_path / "one" / "diffs.jsonl")), key=lambda d: d["row"])  # type: ignore[arg-type, return-value]
    b = sorted((strip(d) for d in _lines(tmp_path / "cols" / "diffs.jsonl")), key=lambda d: d["row"])  # type: ignore[arg-type, return-value]
    assert a == b and len(a) > 2_000
    errors_a = {e["row"]: e["stage"] for e in _lines(tmp_path / "one" / "errors.jsonl")}
    errors_b = {e["row"]: e["stage"] for e in _lines(tmp_path / "cols" / "errors.jsonl")}
    assert errors_a == errors_b
    record = next(iter(_lines(tmp_path / "cols" / "results.jsonl")))
    assert record["from"]["schema"] == "careact.batch.figures/1" and "flags" not in record["from"]
    with pytest.raises(InputError, match="columns"):
        run_batch(path, tmp_path / "three", OLD, NEW, workers=1, attribute=True, columns=True)
