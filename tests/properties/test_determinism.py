"""Same inputs, same bytes: results do not depend on dict order, hash seed, locale or time zone.

The bundled examples and a batch of generated cases are assessed here and in a fresh subprocess
started with another time zone, another locale (C, with UTF-8 mode off, so the preferred encoding
is ASCII), a different hash seed and LANG set to a locale that formats numbers differently. The
result JSON (in field order, and canonical with sorted keys), the plain-English explanation and the
letter breakdown must be byte-for-byte identical.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from careact.charging import assess, example_case, example_names
from strategies import charging_cases

DATES = (date(2025, 6, 1), date(2026, 4, 6), date(2026, 12, 1))

CHILD = r"""
import json, locale, sys, time
from datetime import date
try:
    locale.setlocale(locale.LC_ALL, "")
except locale.Error:
    pass
time.tzset()
sys.path[:0] = [p for p in sys.argv[3:]]
from determinism_outputs import outputs
jobs = json.loads(open(sys.argv[1], encoding="utf-8").read())
out = outputs([(case, date.fromisoformat(on)) for case, on in jobs])
open(sys.argv[2], "w", encoding="utf-8").write(json.dumps(out, ensure_ascii=False))
"""


def _child_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "PYTHONHASHSEED", "PYTHONUTF8"))}
    env.update(
        TZ="Pacific/Chatham",  # UTC+12:45/+13:45: any naive "today" or local-time conversion shows
        LC_ALL="C",
        LANG="de_DE.UTF-8",
        LC_NUMERIC="de_DE.UTF-8",
        PYTHONHASHSEED="12345",
        PYTHONUTF8="0",
    )
    return env


def _compare_in_subprocess(tmp_path: Path, jobs: list[tuple[dict, date]]) -> None:
    from determinism_outputs import outputs

    here = outputs(jobs)
    src = tmp_path / "jobs.json"
    dst = tmp_path / "out.json"
    src.write_text(json.dumps([(c, on.isoformat()) for c, on in jobs], ensure_ascii=False), encoding="utf-8")
    paths = [str(Path(__file__).parent), str(Path(__file__).parent.parent)]
    proc = subprocess.run(
        [sys.executable, "-c", CHILD, str(src), str(dst), *paths],
        env=_child_env(), capture_output=True, text=True, timeout=300, check=False)
    assert proc.returncode == 0, proc.stderr[-3000:]
    there = json.loads(dst.read_text(encoding="utf-8"))
    assert len(there) == len(here)
    for i, (a, b) in enumerate(zip(here, there)):
        for key in a:
            assert a[key] == b[key], f"case {i}: {key} differs between processes"


def test_bundled_examples_are_byte_identical_across_processes(tmp_path):
    jobs = [(example_case(n).model_dump(mode="json", by_alias=True), on) for n in example_names() for on in DATES]
    _compare_in_subprocess(tmp_path, jobs)


@settings(max_examples=2, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(charging_cases(), min_size=30, max_size=30))
def test_generated_cases_are_byte_identical_across_processes(tmp_path_factory, drawn):
    tmp = tmp_path_factory.mktemp("determinism")
    _compare_in_subprocess(tmp, [(d.case, d.on) for d in drawn])


def test_same_process_twice_is_identical():
    case = example_case(example_names()[0])
    a = assess(case, on=DATES[0])
    b = assess(case.model_dump(mode="json", by_alias=True), on=DATES[0])
    assert a.model_dump_json(by_alias=True) == b.model_dump_json(by_alias=True)
