"""Starting and stopping the careact HTTP API for a benchmark, and reading its memory use.

The server is started exactly as an operator would start it — ``python -m careact serve`` — in its
own process on a free loopback port, with access logging off (``--log-level warning``). Only the
process started here is ever stopped (by its pid).
"""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path


def server_available() -> str | None:
    """Why the server cannot be benchmarked, or None when it can."""
    try:
        import uvicorn  # noqa: F401

        import careact.server  # noqa: F401
    except ImportError as exc:
        return f"the HTTP API is not available ({exc})"
    return None


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def server_env(python_path: str | None = None) -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("PYTHONHASHSEED", "0")
    if python_path:
        env["PYTHONPATH"] = python_path + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    return env


def server_stack(python_path: str | None = None) -> str:
    """The event loop and HTTP parser uvicorn will pick ("auto") in the server's environment."""
    code = (
        "import importlib.util as u;"
        "print(('uvloop' if u.find_spec('uvloop') else 'asyncio event loop') + ', ' +"
        " ('httptools HTTP parser' if u.find_spec('httptools') else 'h11 HTTP parser'))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=server_env(python_path), check=False)
    return out.stdout.strip() or "unknown"


@contextlib.contextmanager
def running_server(extra_args: tuple[str, ...] = (), python_path: str | None = None) -> Iterator[tuple[int, int]]:
    """Start ``careact serve`` on a free port; yield (pid, port); stop it (that pid only) afterwards."""
    port = free_port()
    env = server_env(python_path)
    proc = subprocess.Popen(
        [sys.executable, "-m", "careact", "serve", "--host", "127.0.0.1", "--port", str(port),
         "--log-level", "warning", "--no-widget", *extra_args],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"the server exited: {proc.stderr.read().decode(errors='replace')[-2000:]}")
            try:
                status, _ = get(port, "/healthz")
                if status == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("the server did not start within 60 s")
            time.sleep(0.05)
        yield proc.pid, port
    finally:
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.kill(proc.pid, signal.SIGKILL)
                proc.wait(timeout=5)
        if proc.stderr:
            proc.stderr.close()


def get(port: int, path: str) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request("GET", path)
        r = conn.getresponse()
        return r.status, r.read()
    finally:
        conn.close()


def post(port: int, path: str, body: dict) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("POST", path, body=json.dumps(body), headers={"Content-Type": "application/json"})
        r = conn.getresponse()
        return r.status, r.read()
    finally:
        conn.close()


def memory_kb(pid: int) -> dict[str, int]:
    """VmRSS (resident now) and VmHWM (peak resident) of a process, in kB, from /proc."""
    out = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, rest = line.partition(":")
        if key in ("VmRSS", "VmHWM", "RssAnon", "RssFile"):
            out[key] = int(rest.split()[0])
    return out
