"""How long ``import careact`` takes, and how often the rule set is loaded and validated.

Targets: ``import careact`` ≤ 150 ms in a fresh process; the rule set loaded and validated once per
process, then served from the cache.

Each measurement runs in a fresh subprocess (so nothing is already imported). The import is timed
inside the subprocess with ``time.perf_counter`` around the import statement (interpreter start-up
is measured separately, for reference). ``python -X importtime`` gives the profile.

    python bench/import_time.py [--runs 25]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import Figure, Report, add_output_args, median, percentile, python, table

TIMED_IMPORT = """
import time, json
t0 = time.perf_counter()
import {module}
t1 = time.perf_counter()
print(json.dumps({{"ms": (t1 - t0) * 1000}}))
"""

RULESET_LOAD = """
import time, json
from datetime import date
t0 = time.perf_counter()
from careact.rules import load_ruleset
t1 = time.perf_counter()
r1 = load_ruleset("england")
t2 = time.perf_counter()
r2 = load_ruleset("england")
t3 = time.perf_counter()
n = 2000
for _ in range(n):
    load_ruleset("england")
t4 = time.perf_counter()
r1.at(date(2025, 6, 1))
t5 = time.perf_counter()
r1.at(date(2025, 6, 1))
t6 = time.perf_counter()
import careact.rules.loader as loader
calls = {"n": 0}
orig = loader.parse_layer_files
def counting(path):
    calls["n"] += 1
    return orig(path)
loader.parse_layer_files = counting
for _ in range(100):
    load_ruleset("england")
print(json.dumps({
    "import_rules_ms": (t1 - t0) * 1000,
    "first_load_ms": (t2 - t1) * 1000,
    "second_load_us": (t3 - t2) * 1e6,
    "cached_load_us": (t4 - t3) / n * 1e6,
    "first_resolve_us": (t5 - t4) * 1e6,
    "cached_resolve_us": (t6 - t5) * 1e6,
    "same_object": r1 is r2,
    "reparsed_after_first": calls["n"],
}))
"""


def run_json(code: str, extra: list[str] | None = None) -> dict:
    out = subprocess.run(
        [python(), *(extra or []), "-c", code], capture_output=True, text=True, check=True, env=_env()
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def _env() -> dict[str, str]:
    import os

    env = dict(os.environ)
    env.pop("PYTHONPROFILEIMPORTTIME", None)
    return env


def import_times(module: str, runs: int) -> list[float]:
    return [run_json(TIMED_IMPORT.format(module=module))["ms"] for _ in range(runs)]


def startup_ms(runs: int) -> list[float]:
    import time

    out = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run([python(), "-c", "pass"], check=True, env=_env())
        out.append((time.perf_counter() - t0) * 1000)
    return out


def importtime_profile(module: str, limit: int = 20) -> tuple[str, float]:
    """The ``-X importtime`` table for ``module``: the modules with the largest self time."""
    proc = subprocess.run(
        [python(), "-X", "importtime", "-c", f"import {module}"], capture_output=True, text=True, env=_env(), check=False)
    rows = []
    total = 0
    for line in proc.stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        head, cum_us, raw_name = line.split("|", 2)
        self_us = head.split(":", 1)[1]
        rows.append((int(self_us), int(cum_us), raw_name.strip()))
        if raw_name.startswith(" ") and not raw_name.startswith("  "):  # a top-level import of this process
            total += int(cum_us)
    rows.sort(key=lambda r: -r[0])
    text = table(
        [(f"{s / 1000:.1f}", f"{c / 1000:.1f}", f"`{n.strip()}`") for s, c, n in rows[:limit]],
        ("self ms", "cumulative ms", "module"),
    )
    return text, total / 1000


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=25)
    add_output_args(ap)
    args = ap.parse_args()
    runs = args.runs

    report = Report(
        write_docs=args.write_docs,
        name="import_time",
        title="Import time and rule-set caching",
        method=f"""
Each figure is the median of {runs} fresh `{Path(python()).name}` subprocesses. The import is timed
inside the subprocess with `time.perf_counter()` around the `import` statement, so interpreter
start-up (shown separately) is excluded. The rule-set figures come from one more fresh process: the
first `load_ruleset("england")` (read, validate, digest), the second call, the mean of 2,000 further
calls, and a count of how many times the TOML parser ran during 100 calls after the first (the
loader is wrapped to count). The profile is `python -X importtime`, largest self time first.
""",
    )
    print(f"import_time: {runs} fresh processes each")
    start = startup_ms(runs)
    imp = import_times("careact", runs)
    report.add(
        Figure(
            "`import careact` (fresh process)",
            median(imp),
            "ms",
            "≤ 150 ms",
            median(imp) <= 150,
            f"p90 {percentile(imp, 90):.1f} ms; interpreter start-up alone {median(start):.1f} ms",
        )
    )
    heavier = {}
    for module in ("careact.rules", "careact.charging", "careact.explain"):
        try:
            heavier[module] = import_times(module, max(5, runs // 3))
        except subprocess.CalledProcessError as exc:
            print(f"  import {module} failed: {exc.stderr.strip().splitlines()[-1:]}")
            continue
        report.add(
            Figure(f"`import {module}` (fresh process)", median(heavier[module]), "ms", "(information)", None,
                   "first real use of the package")
        )
        report.figures[-1].met = None

    rs = [run_json(RULESET_LOAD) for _ in range(max(5, runs // 3))]
    first = median(r["first_load_ms"] for r in rs)
    cached = median(r["cached_load_us"] for r in rs)
    once = all(r["same_object"] and r["reparsed_after_first"] == 0 for r in rs)
    report.add(
        Figure(
            "rule set loaded and validated once per process",
            first,
            "ms",
            "loaded once, then cached",
            once,
            f"first `load_ruleset('england')` {first:.1f} ms (parse + validate + digest); "
            f"later calls {cached:.1f} µs each, same object: {all(r['same_object'] for r in rs)}, "
            f"re-parsed after the first: {max(r['reparsed_after_first'] for r in rs)} times",
        )
    )
    report.add(
        Figure(
            "resolve all parameters on a date (`rules.at`)",
            median(r["first_resolve_us"] for r in rs),
            "µs",
            "(information)",
            None,
            f"then cached per date: {median(r['cached_resolve_us'] for r in rs):.1f} µs",
        )
    )

    prof, total = importtime_profile("careact")
    report.section("Profile: `python -X importtime -c 'import careact'`", f"All imports in the process, interpreter start-up modules included: {total:.1f} ms.\n\n" + prof)
    if "careact.charging" in heavier:
        prof2, total2 = importtime_profile("careact.charging")
        report.section(
            "Profile: `python -X importtime -c 'import careact.charging'`",
            f"All imports in the process, interpreter start-up modules included: {total2:.1f} ms.\n\n" + prof2,
        )
    report.write()
    return 0


if __name__ == "__main__":
    sys.exit(main())
