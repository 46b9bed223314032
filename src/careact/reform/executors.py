"""Running many independent cases: in this process, on local worker processes, or on a Dask cluster.

Every executor runs the *same* pure, module-level function on the same chunks of cases and returns
the results in input order, so the choice of executor never changes a result (the Dask test checks
this case for case). Nothing is shared between cases: each worker loads the rule sets it needs from
their names or paths (cached per process), never from state sent by the parent.

* ``"serial"``: in this process. Used for tiny jobs and for ``workers=1``.
* ``"local"`` (default): a :class:`concurrent.futures.ProcessPoolExecutor` with one process per core.
* ``"dask"``: ``distributed.Client`` on ``address`` (a running scheduler), or a ``LocalCluster`` of
  ``workers`` single-threaded processes when no address is given. Needs the ``dask`` extra
  (``pip install careact[dask]``).

A progress bar is shown on standard error when ``progress`` is true (``tqdm`` when installed -- the
``progress`` extra -- otherwise a plain counter), and :class:`RunStats` records wall time and
throughput for the summary.
"""

from __future__ import annotations

import math
import os
import sys
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from typing import Any, TypeVar

from ..errors import InputError

__all__ = ["EXECUTORS", "RunStats", "chunked", "default_workers", "run_chunks"]

T = TypeVar("T")
R = TypeVar("R")

EXECUTORS = ("serial", "local", "dask")

ChunkFn = Callable[[Any, Sequence[Any]], list[Any]]
"""``fn(context, chunk) -> results``: a module-level (picklable) function; ``context`` is small and picklable."""


@dataclass(frozen=True, slots=True)
class RunStats:
    """How a batch ran: for the summary and the benchmark."""

    executor: str
    workers: int
    cases: int
    chunks: int
    seconds: float  # wall-clock time (not money; a float is fine here)

    @property
    def cases_per_second(self) -> float:
        return self.cases / self.seconds if self.seconds > 0 else float("inf")

    def as_dict(self) -> dict[str, Any]:
        return {
            "executor": self.executor,
            "workers": self.workers,
            "cases": self.cases,
            "chunks": self.chunks,
            "wall_seconds": round(self.seconds, 3),
            "cases_per_second": round(self.cases_per_second, 1) if self.seconds > 0 else None,
        }


def default_workers() -> int:
    """One worker per core available to this process."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def chunked(items: Sequence[T], size: int) -> list[Sequence[T]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def _auto_chunksize(n: int, workers: int) -> int:
    # about eight chunks per worker keeps every core busy to the end without paying much per chunk
    return max(1, min(2000, math.ceil(n / max(1, workers * 8))))


class _Progress:
    """tqdm when available, else a counter printed to stderr every few seconds; silent when disabled."""

    def __init__(self, total: int, enabled: bool, label: str):
        self.enabled = enabled
        self.done = 0
        self.total = total
        self.label = label
        self._bar = None
        self._last = 0.0
        if enabled:
            try:
                from tqdm import tqdm

                self._bar = tqdm(total=total, unit=label, file=sys.stderr, dynamic_ncols=True, leave=False)
            except ImportError:
                self._bar = None

    def update(self, n: int) -> None:
        self.done += n
        if not self.enabled:
            return
        if self._bar is not None:
            self._bar.update(n)
            return
        now = time.monotonic()
        if now - self._last >= 2 or self.done == self.total:
            self._last = now
            print(f"\r{self.done}/{self.total} {self.label}", end="", file=sys.stderr, flush=True)

    def close(self) -> None:
        if not self.enabled:
            return
        if self._bar is not None:
            self._bar.close()
        else:
            print(file=sys.stderr)


def run_chunks(
    fn: ChunkFn,
    context: Any,
    items: Sequence[Any],
    *,
    executor: str = "local",
    workers: int | None = None,
    chunksize: int | None = None,
    progress: bool = False,
    address: str | None = None,
    label: str = "cases",
    size_of: Callable[[Any], int] | None = None,
) -> tuple[list[Any], RunStats]:
    """Apply ``fn(context, chunk)`` to every chunk of ``items``; return all results in input order.

    ``size_of(item)`` says how much of the work an item is (by default, one), for the progress bar and
    :class:`RunStats`: a chunk of people counts its people."""
    if executor not in EXECUTORS:
        raise InputError.single("executor", f"must be one of {', '.join(EXECUTORS)} (got {executor!r})", "choice")
    n = len(items)
    workers = workers or default_workers()
    if workers < 1:
        raise InputError.single("workers", "must be at least 1", "range")
    size = chunksize or _auto_chunksize(n, workers)
    chunks = chunked(items, size)
    if executor == "local" and (workers == 1 or len(chunks) <= 1):
        executor = "serial"
    if size_of is not None:
        n = sum(size_of(x) for x in items)

    def weight(chunk: Sequence[Any]) -> int:
        return sum(size_of(x) for x in chunk) if size_of is not None else len(chunk)

    bar = _Progress(n, progress, label)
    started = time.perf_counter()
    try:
        if executor == "serial":
            out: list[list[Any]] = []
            for chunk in chunks:
                out.append(fn(context, chunk))
                bar.update(weight(chunk))
            used = 1
        elif executor == "local":
            out = _run_local(fn, context, chunks, workers, bar, weight)
            used = workers
        else:
            out, used = _run_dask(fn, context, chunks, workers, address, bar, weight)
    finally:
        bar.close()
    seconds = time.perf_counter() - started
    results = [r for part in out for r in part]
    return results, RunStats(executor=executor, workers=used, cases=n, chunks=len(chunks), seconds=seconds)


def _run_local(fn: ChunkFn, context: Any, chunks: list[Sequence[Any]], workers: int, bar: _Progress,
               weight: Callable[[Sequence[Any]], int] = len) -> list[list[Any]]:
    out: list[list[Any] | None] = [None] * len(chunks)
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = {pool.submit(fn, context, chunk): i for i, chunk in enumerate(chunks)}
        for fut in as_completed(futures):
            i = futures[fut]
            out[i] = fut.result()
            bar.update(weight(chunks[i]))
    return [o for o in out if o is not None]


def _run_dask(
    fn: ChunkFn,
    context: Any,
    chunks: list[Sequence[Any]],
    workers: int,
    address: str | None,
    bar: _Progress,
    weight: Callable[[Sequence[Any]], int] = len,
) -> tuple[list[list[Any]], int]:
    try:
        from distributed import Client, LocalCluster
        from distributed import as_completed as dask_completed
    except ImportError:
        raise InputError.single(
            "executor",
            "the dask executor needs the optional 'dask' extra: pip install 'careact[dask]'",
            "missing_extra",
        ) from None
    cluster = None
    if address:
        client = Client(address)
    else:
        cluster = LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None, host="127.0.0.1"
        )
        client = Client(cluster)
    try:
        used = len(client.scheduler_info().get("workers", {})) or workers
        futures = [client.submit(fn, context, chunk, pure=False) for chunk in chunks]
        index = {f.key: i for i, f in enumerate(futures)}
        out: list[list[Any] | None] = [None] * len(chunks)
        for fut in dask_completed(futures):
            i = index[fut.key]
            out[i] = fut.result()
            bar.update(weight(chunks[i]))
        return [o for o in out if o is not None], used
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
