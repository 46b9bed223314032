"""Memory of a worker serving the HTTP API.

Target: ≤ 80 MB resident (RSS) for one worker serving the API.

The server is started as an operator starts it (``python -m careact serve``, one uvicorn worker).
Its resident set (``VmRSS`` in ``/proc/<pid>/status``) is read after start-up, after a first request
of each kind (every endpoint family: charging with and without overlays, timeline, eligibility,
rules, schemas), and after sustained load (several thousand assessments, every bundled example and
overlay); the peak (``VmHWM``) is recorded too. The figure is the peak, the worst the worker reached.
An in-process ``tracemalloc`` snapshot of the same work says which modules hold the memory.

    python bench/memory.py [--requests 3000]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import Figure, Report, add_output_args, table
from _server import get, memory_kb, post, running_server, server_available
from cases import ON, examples

EXAMPLES = Path(__file__).resolve().parent.parent / "src" / "careact" / "examples"


def exercise(port: int, rounds: int, statuses: dict[str, dict[int, int]] | None = None) -> int:
    """Every endpoint family once per round; returns the number of requests sent."""
    from careact.rules import bundled_overlays

    statuses = statuses if statuses is not None else {}

    def count(path: str, status: int) -> None:
        per = statuses.setdefault(path.split("?")[0], {})
        per[status] = per.get(status, 0) + 1

    sent = 0
    cases = list(examples().values())
    overlays = list(bundled_overlays())
    timeline_cases = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((EXAMPLES / "timeline").glob("*.json"))]
    elig = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((EXAMPLES / "eligibility").glob("*.json"))]
    for r in range(rounds):
        for i, case in enumerate(cases):
            body = {"case": case, "on": ON.isoformat()}
            if overlays and (i + r) % 3 == 0:
                body["overlays"] = [overlays[(i + r) % len(overlays)]]
            count("/v1/charging/assess", post(port, "/v1/charging/assess", body)[0])
            sent += 1
        if r % 10 == 0:
            for tc in timeline_cases:
                body = {"case": tc, "start": "2025-04-07", "end": "2026-03-31"}
                count("/v1/charging/timeline", post(port, "/v1/charging/timeline", body)[0])
                sent += 1
            for e in elig:
                count("/v1/eligibility/determine", post(port, "/v1/eligibility/determine", {"case": e})[0])
                sent += 1
            for path in ("/v1/rulesets", "/v1/rulesets/england/parameters?date=2025-06-01", "/v1/schemas",
                         "/openapi.json"):
                count(path, get(port, path)[0])
                sent += 1
    return sent


def tracemalloc_top(rounds: int = 20) -> str:
    import tracemalloc

    tracemalloc.start(1)
    from fastapi.testclient import TestClient

    from careact.server import create_app

    client = TestClient(create_app(widget=False))
    for _ in range(rounds):
        for case in examples().values():
            client.post("/v1/charging/assess", json={"case": case, "on": ON.isoformat()})
    snap = tracemalloc.take_snapshot()
    tracemalloc.stop()
    by_pkg: dict[str, int] = {}
    for stat in snap.statistics("filename"):
        f = stat.traceback[0].filename.replace("\\", "/")
        if "/careact/" in f:
            key = "careact." + f.split("/careact/", 1)[1].split("/")[0].removesuffix(".py")
        elif "site-packages/" in f:
            key = f.split("site-packages/", 1)[1].split("/")[0]
        else:
            key = "stdlib/" + Path(f).name
        by_pkg[key] = by_pkg.get(key, 0) + stat.size
    rows = sorted(by_pkg.items(), key=lambda kv: -kv[1])[:15]
    return table([(k, f"{v / 1e6:.2f}") for k, v in rows], ("allocated by", "MB (Python objects)"))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--requests", type=int, default=3000)
    add_output_args(ap)
    args = ap.parse_args()
    rounds = max(1, args.requests // max(1, len(examples())))
    report = Report(
        write_docs=args.write_docs,
        name="memory",
        title="Memory of a worker serving the API",
        method="""
`python -m careact serve --log-level warning --no-widget` (one uvicorn worker) in its own process.
Resident memory (`VmRSS`) and peak resident memory (`VmHWM`) come from `/proc/<pid>/status`: after
start-up; after one round of every endpoint family (charging assessments with and without bundled
overlays, timelines, eligibility determinations, rule-set listings, schemas, the OpenAPI document);
and after sustained use. The figure against the target is the peak. `tracemalloc` over the same
assessments in process shows which packages hold the Python objects (RSS also counts the
interpreter, shared libraries and freed-but-kept arenas).
""",
    )
    why_not = server_available()
    if why_not:
        report.add(Figure("worker RSS (peak)", None, "MB", "≤ 80 MB", None, why_not))
        report.write()
        return 0
    print(f"memory: about {args.requests:,} requests")
    with running_server() as (pid, port):
        start = memory_kb(pid)
        statuses: dict[str, dict[int, int]] = {}
        exercise(port, 1, statuses)
        first = memory_kb(pid)
        sent = exercise(port, rounds, statuses)
        end = memory_kb(pid)
    peak = end["VmHWM"] / 1024
    report.add(Figure("worker RSS, peak (VmHWM)", peak, "MB", "≤ 80 MB", peak <= 80,
                      f"after {sent + 1:,} requests of every kind"))
    report.add(Figure("worker RSS after start-up", start["VmRSS"] / 1024, "MB", "(information)", None,
                      "interpreter, careact, FastAPI, uvicorn and the rule set loaded"))
    report.add(Figure("worker RSS after one request of each kind", first["VmRSS"] / 1024, "MB", "(information)",
                      None, "every module an endpoint imports is now loaded"))
    report.add(Figure("worker RSS after sustained use", end["VmRSS"] / 1024, "MB", "(information)", None,
                      f"growth since the first round {(end['VmRSS'] - first['VmRSS']) / 1024:+.1f} MB"))
    report.section(
        "Requests sent (HTTP status: count)",
        table([(f"`{k}`", ", ".join(f"{st}: {n}" for st, n in sorted(v.items()))) for k, v in sorted(statuses.items())],
              ("endpoint", "responses")),
    )
    report.section(
        "Readings",
        table([(k, f"{start.get(k, 0) / 1024:.1f}", f"{first.get(k, 0) / 1024:.1f}", f"{end.get(k, 0) / 1024:.1f}")
               for k in ("VmRSS", "VmHWM", "RssAnon", "RssFile")],
              ("reading (MB)", "after start-up", "after one of each", "after sustained use")),
    )
    try:
        report.section("Which packages hold the Python objects (tracemalloc, in process)",
                       tracemalloc_top())
    except ImportError:
        pass
    report.write()
    return 0


if __name__ == "__main__":
    sys.exit(main())
