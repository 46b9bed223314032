"""An open-loop HTTP load generator: a fixed request rate, bounded in count and in time.

Run in its own process (``bench/http_api.py`` starts it). Request *i* is due at ``start + i / rate``
whatever happened to earlier requests (open loop), so a slow server cannot slow the offered load
down and hide its own queueing ("coordinated omission"): latency is measured from the moment a
request was due to the moment its whole response was read. The time from actually writing the
request is recorded too. Persistent HTTP/1.1 connections (keep-alive), stdlib asyncio only.

    python bench/loadgen.py --port 8000 --path /v1/charging/assess --bodies bodies.json \
        --rate 500 --requests 5000 --max-seconds 40 --connections 64

Prints one JSON object: the offered and achieved rate, per-request latencies (ms), statuses, errors.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time


async def _read_response(reader: asyncio.StreamReader) -> int:
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.split(b"\r\n")
    status = int(lines[0].split()[1])
    length = 0
    chunked = False
    for line in lines[1:]:
        k, _, v = line.partition(b":")
        k = k.strip().lower()
        if k == b"content-length":
            length = int(v.strip())
        elif k == b"transfer-encoding" and b"chunked" in v.lower():
            chunked = True
    if chunked:
        while True:
            size = int((await reader.readuntil(b"\r\n")).strip(), 16)
            await reader.readexactly(size + 2)
            if size == 0:
                break
    elif length:
        await reader.readexactly(length)
    return status


async def run(args: argparse.Namespace) -> dict:
    with open(args.bodies, encoding="utf-8") as fh:
        bodies = json.load(fh)
    payloads = [json.dumps(b, separators=(",", ":")).encode() for b in bodies]
    requests = [
        (
            f"POST {args.path} HTTP/1.1\r\nHost: 127.0.0.1:{args.port}\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(p)}\r\nConnection: keep-alive\r\n\r\n"
        ).encode() + p
        for p in payloads
    ]
    queue: asyncio.Queue = asyncio.Queue()
    latency: list[float] = []
    service: list[float] = []
    statuses: dict[int, int] = {}
    errors: list[str] = []
    start = time.perf_counter() + 0.2
    deadline = start + args.max_seconds

    async def worker() -> None:
        reader = writer = None
        while True:
            item = await queue.get()
            if item is None:
                break
            i, due = item
            if time.perf_counter() > deadline:
                errors.append("not sent: time limit")
                continue
            try:
                if writer is None:
                    reader, writer = await asyncio.open_connection("127.0.0.1", args.port)
                sent = time.perf_counter()
                writer.write(requests[i % len(requests)])
                await writer.drain()
                status = await asyncio.wait_for(_read_response(reader), timeout=max(0.1, deadline - sent))
                done = time.perf_counter()
                statuses[status] = statuses.get(status, 0) + 1
                latency.append((done - due) * 1000)
                service.append((done - sent) * 1000)
            except Exception as exc:
                errors.append(type(exc).__name__)
                if writer is not None:
                    writer.close()
                reader = writer = None
        if writer is not None:
            writer.close()

    workers = [asyncio.create_task(worker()) for _ in range(args.connections)]
    now = time.perf_counter()
    await asyncio.sleep(max(0.0, start - now))
    for i in range(args.requests):
        due = start + i / args.rate
        delay = due - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        if time.perf_counter() > deadline:
            break
        queue.put_nowait((i, due))
    for _ in workers:
        queue.put_nowait(None)
    await asyncio.wait(workers, timeout=max(1.0, deadline - time.perf_counter() + 5))
    end = time.perf_counter()
    return {
        "offered_rate": args.rate,
        "requests": args.requests,
        "completed": len(latency),
        "duration_s": end - start,
        "achieved_rate": len(latency) / max(1e-9, (end - start)),
        "latency_ms": latency,
        "service_ms": service,
        "statuses": {str(k): v for k, v in sorted(statuses.items())},
        "errors": errors,
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--path", required=True)
    ap.add_argument("--bodies", required=True, help="a JSON file holding a list of request bodies (used in turn)")
    ap.add_argument("--rate", type=float, default=500.0)
    ap.add_argument("--requests", type=int, default=5000)
    ap.add_argument("--max-seconds", type=float, default=60.0)
    ap.add_argument("--connections", type=int, default=64)
    args = ap.parse_args()
    out = asyncio.run(run(args))
    json.dump(out, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
