"""Shared helpers for careact's benchmark scripts.

Every script in ``bench/`` is a plain program (``python bench/<name>.py``): it runs its measurement
several times, prints the medians, and writes ``docs/benchmarks/<name>.md`` with the machine it ran
on (processor count, CPU model, Python version, date). The figures are recorded against their
targets; nothing here asserts a target (speed is never a unit-test failure).

The results of each script are also embedded in its page as one JSON comment, which
``bench/index.py`` reads to rebuild ``docs/benchmarks/index.md``.
"""

from __future__ import annotations

import datetime as _dt
import gc
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs" / "benchmarks"
RESULTS = ROOT / "bench" / "results"  # untracked: where a run writes unless asked to update the docs


def add_output_args(ap: Any) -> None:
    """``--write-docs``: the one way a benchmark run may rewrite the tracked pages in docs/benchmarks/."""
    ap.add_argument("--write-docs", action="store_true",
                    help="write the results into docs/benchmarks/ (tracked) and rebuild its index; "
                         "without it they go to bench/results/ (untracked)")
MARK = "<!-- careact-bench "


def python() -> str:
    return sys.executable


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.lower().startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def nproc() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def git_commit() -> str | None:
    try:
        out = subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True, timeout=5, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout.strip() or None


def machine() -> dict[str, Any]:
    """What a figure was measured on."""
    import careact

    return {
        "nproc": nproc(),
        "cpu": cpu_model(),
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "date": _dt.datetime.now(_dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "careact": careact.__version__,
        "commit": git_commit(),
        "loadavg": load_average(),
    }


def load_average() -> str:
    """The 1-, 5- and 15-minute load averages when the figure was taken (other work on the machine skews it)."""
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:  # pragma: no cover
        return "unknown"


def median(xs: Iterable[float]) -> float:
    return statistics.median(list(xs))


def percentile(xs: list[float], p: float) -> float:
    """The p-th percentile (0..100) by the nearest-rank method (no interpolation)."""
    if not xs:
        return float("nan")
    s = sorted(xs)
    k = max(0, min(len(s) - 1, int(-(-p * len(s) // 100)) - 1))
    return s[k]


def time_per_call(fn: Callable[[], Any], *, number: int, repeat: int, warmup: int = 50) -> list[float]:
    """Seconds per call, one figure per repeat (each the mean of ``number`` calls); GC left enabled."""
    for _ in range(warmup):
        fn()
    out = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        for _ in range(number):
            fn()
        out.append((time.perf_counter() - t0) / number)
    gc.collect()
    return out


@dataclass
class Figure:
    """One measured figure against its target."""

    metric: str
    value: float | None
    unit: str
    target: str
    met: bool | None  # None: not measured (e.g. the server does not exist yet)
    detail: str = ""

    def value_text(self) -> str:
        if self.value is None:
            return "not measured"
        if self.unit in ("µs", "ms", "MB"):
            return f"{self.value:,.1f} {self.unit}"
        return f"{self.value:,.0f} {self.unit}"

    def status(self) -> str:
        if self.met is None and self.target.startswith("("):
            return "—"
        return {True: "met", False: "NOT met", None: "not measured"}[self.met]


@dataclass
class Report:
    name: str
    title: str
    method: str
    figures: list[Figure] = field(default_factory=list)
    sections: list[tuple[str, str]] = field(default_factory=list)  # (heading, markdown body)
    machine: dict[str, Any] = field(default_factory=machine)
    write_docs: bool = False  # only when asked (--write-docs): otherwise bench/results/

    def add(self, fig: Figure) -> Figure:
        self.figures.append(fig)
        print(f"  {fig.metric}: {fig.value_text()} (target {fig.target}: {fig.status()}) {fig.detail}".rstrip())
        return fig

    def section(self, heading: str, body: str) -> None:
        self.sections.append((heading, body))

    def markdown(self) -> str:
        m = self.machine
        lines = [
            f"# {self.title}",
            "",
            f"Generated by `python bench/{self.name}.py` — do not edit by hand.",
            "",
            "## Machine",
            "",
            "| | |",
            "|---|---|",
            f"| processors (nproc) | {m['nproc']} |",
            f"| CPU | {m['cpu']} |",
            f"| Python | {m['implementation']} {m['python']} |",
            f"| platform | {m['platform']} |",
            f"| careact | {m['careact']}" + (f" (commit {m['commit']})" if m.get("commit") else "") + " |",
            f"| date | {m['date']} |",
            f"| load average at start (1, 5, 15 min) | {m.get('loadavg', 'unknown')} |",
            f"| load average at end | {load_average()} |",
            "",
            "## Method",
            "",
            self.method.strip(),
            "",
            "## Results",
            "",
            "| figure | median / value | target | status | detail |",
            "|---|---|---|---|---|",
        ]
        for f in self.figures:
            lines.append(f"| {f.metric} | {f.value_text()} | {f.target} | {f.status()} | {f.detail} |")
        for heading, body in self.sections:
            lines += ["", f"## {heading}", "", body.rstrip()]
        payload = {"name": self.name, "title": self.title, "machine": m, "figures": [asdict(f) for f in self.figures]}
        lines += ["", MARK + json.dumps(payload, sort_keys=True, ensure_ascii=False) + " -->", ""]
        return "\n".join(lines)

    def write(self) -> Path:
        """The page, in docs/benchmarks/ with --write-docs (and the index rebuilt), else in bench/results/."""
        folder = DOCS if self.write_docs else RESULTS
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{self.name}.md"
        path.write_text(self.markdown(), encoding="utf-8")
        print(f"wrote {path.relative_to(ROOT)}")
        if not self.write_docs:
            return path
        try:
            from index import write_index  # bench/index.py, alongside this file
        except ImportError:  # pragma: no cover
            sys.path.insert(0, str(Path(__file__).parent))
            from index import write_index
        write_index()
        return path


def code_block(text: str, lang: str = "text") -> str:
    return f"```{lang}\n{text.rstrip()}\n```"


def cprofile_top(fn: Callable[[], Any], calls: int, limit: int = 25, sort: str = "tottime") -> str:
    """Run ``fn`` ``calls`` times under cProfile; the top functions by ``sort`` as text."""
    import cProfile
    import io
    import pstats

    prof = cProfile.Profile()
    prof.enable()
    for _ in range(calls):
        fn()
    prof.disable()
    buf = io.StringIO()
    stats = pstats.Stats(prof, stream=buf)
    stats.strip_dirs().sort_stats(sort).print_stats(limit)
    text = buf.getvalue()
    # drop the preamble up to the table header
    start = text.find("   ncalls")
    return text[start:] if start >= 0 else text


def profile_by_module(fn: Callable[[], Any], calls: int) -> list[tuple[str, float]]:
    """Share of own (tottime) time by top-level package area, from cProfile: where the time goes."""
    import cProfile
    import pstats

    prof = cProfile.Profile()
    prof.enable()
    for _ in range(calls):
        fn()
    prof.disable()
    stats = pstats.Stats(prof)
    buckets: dict[str, float] = {}
    total = 0.0
    for (filename, _line, name), (_cc, _nc, tt, _ct, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        total += tt
        area = _area(filename, name)
        buckets[area] = buckets.get(area, 0.0) + tt
    return sorted(((k, v / total) for k, v in buckets.items()), key=lambda kv: -kv[1])


def _area(filename: str, name: str = "") -> str:
    if filename == "~":  # a built-in function or a method of a C type: name it by its library
        for lib in ("pydantic_core", "decimal", "json", "datetime", "re."):
            if lib in name:
                return f"{lib.rstrip('.')} (C)"
        return "builtins (C)"
    f = filename.replace("\\", "/")
    if "/careact/" in f:
        tail = f.split("/careact/", 1)[1]
        parts = tail.split("/")
        return "careact." + (parts[0] if len(parts) > 1 else parts[0].removesuffix(".py"))
    for lib in ("pydantic_core", "pydantic", "babel", "decimal", "json", "dataclasses", "enum", "datetime"):
        if f"/{lib}/" in f or f.endswith((f"/{lib}.py", f"_{lib}.py")):
            return lib
    if filename.startswith("~"):
        return "builtins (C)"
    return Path(f).name


def table(rows: list[tuple[Any, ...]], header: tuple[str, ...]) -> str:
    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for r in rows:
        out.append("| " + " | ".join(str(x) for x in r) + " |")
    return "\n".join(out)
