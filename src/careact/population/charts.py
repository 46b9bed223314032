"""Charts of reform scenarios for a briefing (the optional ``plots`` extra: ``pip install 'careact[plots]'``).

Each chart is drawn from the tidy tables of a :class:`~careact.population.scenarios.ScenarioRun`, whose
money is exact; amounts become floats only to be placed on an axis, never to be added up. Every chart
is written in each format asked for (PNG for a document, SVG for a web page or print).

* ``cost`` -- what people and the state pay under each scenario, and the change from the baseline;
* ``wealth_deciles`` -- the change in what people pay, and who is better or worse off, by decile of wealth;
* ``settings`` -- the same by setting of care (a care home or at home);
* ``years`` -- the state's spending in each year of the accounts, under each scenario;
* ``sweep`` -- for a sweep, the cost to the state and the people reaching the cap across the grid.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import InputError

if TYPE_CHECKING:
    from .scenarios import ScenarioRun

__all__ = ["scenario_charts"]


def _pyplot() -> Any:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        raise InputError.single("plots", "charts need the optional 'plots' extra: pip install 'careact[plots]'",
                                "missing_extra") from None
    return plt


def _millions(value: Decimal | None) -> float:
    return float(value or 0) / 1e6


def _pounds_millions(value: float, _position: Any = None) -> str:
    """An axis label: ``£12.5m``, ``-£3.0m``, ``£1.25bn``."""
    sign = "-" if value < 0 else ""
    v = abs(value)
    return f"{sign}£{v:,.1f}m" if v < 1000 else f"{sign}£{v / 1000:,.2f}bn"


def _money_axis(ax: Any, label: str) -> None:
    from matplotlib.ticker import FuncFormatter

    ax.yaxis.set_major_formatter(FuncFormatter(_pounds_millions))
    ax.set_ylabel(label)
    ax.axhline(0, color="#444444", linewidth=0.8)


def _save(plt: Any, fig: Any, outdir: Path, name: str, formats: Sequence[str]) -> list[Path]:
    fig.tight_layout()
    out = []
    for fmt in formats:
        path = outdir / f"{name}.{fmt}"
        fig.savefig(path, dpi=150)
        out.append(path)
    plt.close(fig)
    return out


def _short(name: str, width: int = 28) -> str:
    name = "current rules" if name == "baseline" else name
    return name if len(name) <= width else name[: width - 1] + "…"


def scenario_charts(run: ScenarioRun, outdir: str | Path, *, formats: Sequence[str] = ("png", "svg")) -> list[Path]:
    """Draw the charts of ``run`` into ``outdir`` in each of ``formats``; return the files written."""
    bad = [f for f in formats if f not in ("png", "svg", "pdf")]
    if bad:
        raise InputError.single("formats", f"charts are drawn as png, svg or pdf, not {bad[0]!r}", "choice")
    plt = _pyplot()
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    rows = run.summary().to_pylist()
    everyone = [r for r in rows if r["group_by"] == "all"]
    names = [r["scenario"] for r in everyone]
    written: list[Path] = []
    years_text = f"{run.weeks // 52} years" if run.weeks else "the spells simulated"

    # what people and the state pay
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(11, 4.8))
    x = list(range(len(names)))
    ax1.bar([i - 0.2 for i in x], [_millions(r["person_paid"]) for r in everyone], 0.4, label="people", color="#1d70b8")
    ax1.bar([i + 0.2 for i in x], [_millions(r["council_paid"]) for r in everyone], 0.4, label="the state (councils)",
            color="#d4351c")
    ax1.set_xticks(x, [_short(n) for n in names], rotation=30, ha="right", fontsize=8)
    _money_axis(ax1, f"£ over {years_text}")
    ax1.set_title("Who pays for care")
    ax1.legend(fontsize=8)
    ax2.bar([i - 0.2 for i in x], [_millions(r["person_paid_change"]) for r in everyone], 0.4, label="people",
            color="#1d70b8")
    ax2.bar([i + 0.2 for i in x], [_millions(r["council_paid_change"]) for r in everyone], 0.4,
            label="the state (councils)", color="#d4351c")
    ax2.set_xticks(x, [_short(n) for n in names], rotation=30, ha="right", fontsize=8)
    _money_axis(ax2, "change from the current rules")
    ax2.set_title("Change from the current rules")
    ax2.legend(fontsize=8)
    written += _save(plt, fig, outdir, "cost", formats)

    reforms = names[1:]
    if not run.grid and reforms:
        for kind, title, xlabel in (("wealth_decile", "by decile of wealth", "decile of wealth (capital and home; 1 = least)"),
                                    ("setting", "by setting of care", "setting")):
            groups = [r for r in rows if r["group_by"] == kind]
            labels = sorted({r["group"] for r in groups}, key=lambda v: (len(v), v))
            fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(11, 4.8))
            width = 0.8 / len(reforms)
            for k, name in enumerate(reforms):
                mine = {r["group"]: r for r in groups if r["scenario"] == name}
                pos = [i - 0.4 + width * (k + 0.5) for i in range(len(labels))]
                ax1.bar(pos, [_millions(mine[g]["person_paid_change"]) if g in mine else 0 for g in labels], width,
                        label=_short(name))
                better = [float(mine[g]["better_off"] / mine[g]["people"]) * 100 if g in mine and mine[g]["people"] else 0 for g in labels]
                worse = [-float(mine[g]["worse_off"] / mine[g]["people"]) * 100 if g in mine and mine[g]["people"] else 0 for g in labels]
                ax2.bar(pos, better, width, label=f"{_short(name)}: better off")
                ax2.bar(pos, worse, width, label=f"{_short(name)}: worse off", alpha=0.6)
            ax1.set_xticks(range(len(labels)), labels, fontsize=8)
            ax1.set_xlabel(xlabel)
            _money_axis(ax1, "change in what people pay")
            ax1.set_title(f"Change in what people pay, {title}")
            ax1.legend(fontsize=7)
            ax2.set_xticks(range(len(labels)), labels, fontsize=8)
            ax2.set_xlabel(xlabel)
            ax2.set_ylabel("% of people (better off up, worse off down)")
            ax2.axhline(0, color="#444444", linewidth=0.8)
            ax2.set_title(f"Winners and losers, {title}")
            ax2.legend(fontsize=7)
            written += _save(plt, fig, outdir, "wealth_deciles" if kind == "wealth_decile" else "settings", formats)

    # the state's spending year by year
    years = run.years().to_pylist()
    fig, ax = plt.subplots(figsize=(9, 4.5))
    for name in names:
        in_year = [r for r in years if r["scenario"] == name]
        ax.plot([r["year"] for r in in_year], [_millions(r["council_paid"]) for r in in_year], marker="o", markersize=3,
                label=_short(name, 40))
    ax.set_xlabel("year of the accounts")
    _money_axis(ax, "£ a year")
    ax.set_title("The state's spending on care, year by year")
    ax.legend(fontsize=7)
    written += _save(plt, fig, outdir, "years", formats)

    if run.grid:
        written += _sweep_chart(plt, run, everyone[1:], outdir, formats)
    return written


def _is_money(name: str) -> bool:
    from ..rules.params import declaration

    decl = declaration(name)
    return decl is not None and str(getattr(decl, "unit", "")).startswith("GBP")


def _number(text: Any) -> float:
    try:
        return float(Decimal(str(text)))
    except (ArithmeticError, ValueError):
        return float("nan")


def _sweep_chart(plt: Any, run: ScenarioRun, points: list[dict[str, Any]], outdir: Path, formats: Sequence[str]) -> list[Path]:
    """The cost to the state and the people reaching the cap across the grid: one line per value of the
    second parameter (if any), along the first."""
    first = run.grid[0]
    second = run.grid[1] if len(run.grid) > 1 else None
    series: dict[str, list[dict[str, Any]]] = {}
    for p in points:
        key = f"{second.rsplit('.', 1)[-1]} = {p[second]}" if second else "all"
        series.setdefault(key, []).append(p)
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(11, 4.8))
    for key, pts in series.items():
        pts = sorted(pts, key=lambda p: _number(p[first]))
        xs = [_number(p[first]) for p in pts]
        ax1.plot(xs, [_millions(p["council_paid_change"]) for p in pts], marker="o", label=key)
        ax2.plot(xs, [float(p["reached_cap"]) for p in pts], marker="o", label=key)
    money = _is_money(first)
    for ax in (ax1, ax2):
        ax.set_xlabel(first)
        if money:
            from matplotlib.ticker import FuncFormatter

            ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"£{v:,.0f}"))
        if len(series) > 1:
            ax.legend(fontsize=7)
    _money_axis(ax1, "extra cost to the state")
    ax1.set_title("Extra cost to the state across the sweep")
    ax2.set_ylabel("people reaching the cap")
    ax2.set_title("People reaching the cap")
    return _save(plt, fig, outdir, "sweep", formats)
