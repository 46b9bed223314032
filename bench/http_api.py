"""The HTTP API under load: p99 latency at 500 requests a second on loopback.

Targets: p99 ≤ 10 ms at 500 requests/second for ``POST /v1/charging/assess`` (each bundled example in
turn, with its explanation, as the API returns by default), and ≤ 80 MB resident memory per worker.

The server is started as an operator starts it (``python -m careact serve --workers N``, access log
off) and warmed up. The load generator (``bench/loadgen.py``) runs in a separate
process: open loop, a fixed rate, bounded by a request count and a time limit; latency counts from
when each request was due, so queueing in the server is included. Each run is repeated; the figure
is the median of the runs' p99. The server's CPU time per request comes from ``/proc``. A cProfile
of the same requests, in process through the ASGI app, says where the time goes.

    python bench/http_api.py [--rate 500] [--requests 5000] [--repeat 3] [--workers 2] [--write-docs]

Without ``--write-docs`` the page goes to bench/results/ and docs/benchmarks/ is left alone.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import (
    Figure,
    Report,
    add_output_args,
    code_block,
    median,
    percentile,
    profile_by_module,
    python,
    table,
)
from _server import memory_kb, post, running_server, server_available, server_stack
from cases import ON, examples

PATH = "/v1/charging/assess"
HERE = Path(__file__).resolve().parent


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = int(fields[11]) + int(fields[12])  # utime + stime
    import os

    return ticks / os.sysconf("SC_CLK_TCK")


def worker_pids(pid: int) -> list[int]:
    """The processes serving requests: uvicorn's workers, or the server itself when it has none."""
    children: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        children += [int(c) for c in (task / "children").read_text().split()]
    workers = [c for c in children
               if b"resource_tracker" not in Path(f"/proc/{c}/cmdline").read_bytes()]
    return workers or [pid]


def server_cpu(pid: int) -> float:
    return sum(cpu_seconds(p) for p in {pid, *worker_pids(pid)})


def load(port: int, bodies_file: str, rate: float, n: int, max_seconds: float, connections: int) -> dict:
    proc = subprocess.run(
        [python(), str(HERE / "loadgen.py"), "--port", str(port), "--path", PATH, "--bodies", bodies_file,
         "--rate", str(rate), "--requests", str(n), "--max-seconds", str(max_seconds),
         "--connections", str(connections)],
        capture_output=True, text=True, timeout=max_seconds + 60, check=False)
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr[-2000:])
    return json.loads(proc.stdout)


def bodies(explain: bool = True) -> list[dict]:
    return [{"case": case, "on": ON.isoformat(), "explain": explain} for case in examples().values()]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rate", type=float, default=500.0)
    ap.add_argument("--requests", type=int, default=5000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--connections", type=int, default=64)
    ap.add_argument("--server-path", default=None,
                    help="a directory prepended to the server's PYTHONPATH (e.g. with uvloop and httptools), "
                         "to measure another server stack; the page is then written as http_api_<suffix>.md")
    ap.add_argument("--suffix", default="alt", help="page suffix with --server-path")
    ap.add_argument("--workers", type=int, default=2, help="careact serve --workers (default 2: one per core here)")
    add_output_args(ap)
    args = ap.parse_args()
    max_seconds = args.requests / args.rate * 2 + 10

    stack = server_stack(args.server_path)
    report = Report(
        write_docs=args.write_docs,
        name="http_api" if not args.server_path else f"http_api_{args.suffix}",
        title="HTTP API latency under load" + (f" ({stack})" if args.server_path else ""),
        method=f"""
`POST {PATH}` with each bundled example in turn (`{{"case": ..., "on": "{ON.isoformat()}"}}`, the
explanation included as the API returns it by default). The server runs as `python -m careact serve
--log-level warning --no-widget --workers {args.workers}` ({args.workers} uvicorn worker process(es), {stack}) in its own
process group on 127.0.0.1,
warmed up with 1,000 requests before timing. The load generator `bench/loadgen.py` runs in another
process: open loop at {args.rate:.0f} requests/s, {args.requests:,} requests per run over
{args.connections} keep-alive connections, stopped after {max_seconds:.0f} s at most; latency is
measured from when each request was *due*, so time spent queueing in the server counts. The figure
is the median over {args.repeat} runs of each run's 99th percentile (nearest rank). The client and the
server share the machine's cores. Memory is each worker's resident set (VmRSS, and its peak VmHWM)
from `/proc` after the timed runs.
""",
    )
    why_not = server_available()
    if why_not:
        report.add(Figure(f"p99 latency at {args.rate:.0f} req/s", None, "ms", "≤ 10 ms", None, why_not))
        report.write()
        return 0

    print(f"http_api: {args.repeat} runs × {args.requests:,} requests at {args.rate:.0f}/s")
    with tempfile.TemporaryDirectory() as tmp:
        bfile = str(Path(tmp) / "bodies.json")
        Path(bfile).write_text(json.dumps(bodies()), encoding="utf-8")
        runs = []
        extra = ("--workers", str(args.workers)) if args.workers > 1 else ()
        with running_server(extra_args=extra, python_path=args.server_path) as (pid, port):
            status, body = post(port, PATH, bodies()[0])
            assert status == 200, body[:500]
            load(port, bfile, 200, 1000, 30, args.connections)  # warm-up
            for _ in range(args.repeat):
                cpu0 = server_cpu(pid)
                out = load(port, bfile, args.rate, args.requests, max_seconds, args.connections)
                out["server_cpu_ms_per_request"] = (server_cpu(pid) - cpu0) * 1000 / max(1, out["completed"])
                runs.append(out)
                lat = out["latency_ms"]
                print(f"  run: p50 {percentile(lat, 50):.1f} ms, p99 {percentile(lat, 99):.1f} ms, "
                      f"max {max(lat):.1f} ms, {out['achieved_rate']:.0f}/s, errors {len(out['errors'])}, "
                      f"server CPU {out['server_cpu_ms_per_request']:.2f} ms/request")
            memory = [memory_kb(w) for w in worker_pids(pid)]

    p99s = [percentile(r["latency_ms"], 99) for r in runs]
    p99 = median(p99s)
    errors = sum(len(r["errors"]) for r in runs)
    bad_status = sum(v for r in runs for k, v in r["statuses"].items() if k != "200")
    achieved = median(r["achieved_rate"] for r in runs)
    met = p99 <= 10 and errors == 0 and bad_status == 0 and achieved >= args.rate * 0.97
    detail = (f"runs: {', '.join(f'{x:.1f}' for x in p99s)} ms; achieved {achieved:.0f} req/s; "
              f"errors {errors}, non-200 {bad_status}")
    if args.server_path:  # a variant of the server stack: a comparison, not the figure against the target
        report.add(Figure(f"p99 latency at {args.rate:.0f} req/s, {stack}", p99, "ms", "(variant; target ≤ 10 ms)",
                          None, detail + ("; within the target" if met else "; outside the target")))
    else:
        report.add(Figure(f"p99 latency at {args.rate:.0f} req/s (POST {PATH})", p99, "ms", "≤ 10 ms", met, detail))
    all_lat = [x for r in runs for x in r["latency_ms"]]
    rss = max(m["VmRSS"] for m in memory) / 1024
    peak = max(m["VmHWM"] for m in memory) / 1024
    report.add(Figure(f"resident memory per worker ({len(memory)} worker(s), largest)", rss, "MB", "≤ 80 MB",
                      rss <= 80, f"peak {peak:.1f} MB; each: "
                      + ", ".join(f"{m['VmRSS'] / 1024:.1f} MB" for m in memory)))
    report.add(Figure("p50 latency", percentile(all_lat, 50), "ms", "(information)", None,
                      f"p90 {percentile(all_lat, 90):.1f} ms, max {max(all_lat):.1f} ms"))
    report.add(Figure("server CPU per request", median(r["server_cpu_ms_per_request"] for r in runs), "ms",
                      "(information)", None,
                      f"at {args.rate:.0f}/s the server is busy {median(r['server_cpu_ms_per_request'] for r in runs) * args.rate / 10:.0f}% of one core"))
    report.section(
        "Runs",
        table(
            [(i + 1, f"{r['achieved_rate']:.0f}", r["completed"], f"{percentile(r['latency_ms'], 50):.1f}",
              f"{percentile(r['latency_ms'], 90):.1f}", f"{percentile(r['latency_ms'], 99):.1f}",
              f"{max(r['latency_ms']):.1f}", f"{percentile(r['service_ms'], 99):.1f}",
              f"{r['server_cpu_ms_per_request']:.2f}", len(r["errors"]))
             for i, r in enumerate(runs)],
            ("run", "req/s", "completed", "p50 ms", "p90 ms", "p99 ms", "max ms", "p99 from send ms",
             "server CPU ms/req", "errors"),
        ),
    )
    _profile_section(report, median(r["server_cpu_ms_per_request"] for r in runs))
    report.write()
    return 0


def handler_work():
    """What ``POST /v1/charging/assess`` does for one request, without the framework or the socket.

    Mirrors the endpoint: parse the JSON body, validate it as an AssessRequest, assess, dump the
    result (with the explanation) and encode the response body. Returns a callable doing it for
    every example body once.
    """
    from starlette.responses import JSONResponse

    from careact.charging import assess
    from careact.rules import load_ruleset
    from careact.server.models import AssessRequest

    rules = load_ruleset("england")
    raw = [json.dumps(b).encode() for b in bodies()]

    def run() -> None:
        for text in raw:
            body = AssessRequest.model_validate(json.loads(text))
            result = assess(body.case, on=body.on, rules=rules, explain=body.explain)
            JSONResponse(result.model_dump(mode="json", by_alias=True)).body  # noqa: B018 - the encoded body

    return run, len(raw)


def _profile_section(report: Report, server_cpu_ms: float | None = None) -> None:
    try:
        run, n = handler_work()
    except ImportError:
        return
    from _common import cprofile_top, time_per_call

    run()
    per = median(time_per_call(run, number=20, repeat=9, warmup=5)) / n * 1000
    report.add(Figure("handler work per request, in process (no framework, no socket)", per, "ms", "(information)",
                      None, "validate the body, assess, dump the result with its explanation, encode JSON"
                      + (f"; the other {max(0.0, server_cpu_ms - per):.2f} ms of the server's CPU per request is "
                         "uvicorn and its HTTP parser, FastAPI/Starlette routing and the thread-pool hop" if server_cpu_ms else "")))
    areas = profile_by_module(run, 40)
    report.section(
        "Where the handler's time goes (cProfile of the endpoint's work, in process)",
        table([(a, f"{s * 100:.1f}%") for a, s in areas[:16]], ("area", "share of own time")),
    )
    report.section("Profile: the endpoint's work, top functions by cumulative time",
                   code_block(cprofile_top(run, 40, limit=30, sort="cumtime")))


if __name__ == "__main__":
    sys.exit(main())
