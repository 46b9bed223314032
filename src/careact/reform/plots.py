"""Charts of a population run (the optional ``plots`` extra: ``pip install 'careact[plots]'``).

Charts are drawn from the aggregate summary only (money as decimal strings, converted for drawing),
so they never feed back into any figure.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from ..errors import InputError

__all__ = ["population_charts"]


def _pyplot() -> Any:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        raise InputError.single("plots", "charts need the optional 'plots' extra: pip install 'careact[plots]'", "missing_extra") from None
    return plt


def _bars(plt: Any, groups: dict[str, Any], title: str, xlabel: str, path: Path) -> Path:
    labels = list(groups)
    # Decimal -> float only to place bars on a chart (never used in any calculation)
    base = [float(Decimal(g["baseline"]["person_paid"])) / 1e6 for g in groups.values()]
    ref = [float(Decimal(g["reform"]["person_paid"])) / 1e6 for g in groups.values()]
    council = [float(Decimal(g["change"]["council_paid"])) / 1e6 for g in groups.values()]
    fig, ax = plt.subplots(figsize=(9, 4.5))
    x = range(len(labels))
    w = 0.28
    ax.bar([i - w for i in x], base, w, label="paid by people: current rules")
    ax.bar(list(x), ref, w, label="paid by people: reform")
    ax.bar([i + w for i in x], council, w, label="extra council spend")
    ax.set_xticks(list(x), labels)
    ax.set_xlabel(xlabel)
    ax.set_ylabel("£ million over the spells simulated")
    ax.set_title(title)
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)
    return path


def population_charts(summary: dict[str, Any], outdir: str | Path) -> list[Path]:
    """Bar charts by income decile, wealth decile and tenure, as PNG files in ``outdir``."""
    plt = _pyplot()
    outdir = Path(outdir)
    out = []
    for key, title, xlabel in (
        ("by_income_decile", "Who pays, by income decile", "weekly income decile (1 = lowest)"),
        ("by_wealth_decile", "Who pays, by wealth decile", "wealth decile (capital plus home; 1 = lowest)"),
        ("by_tenure", "Who pays, by housing tenure", "tenure"),
    ):
        groups = summary.get(key)
        if groups:
            out.append(_bars(plt, groups, title, xlabel, outdir / f"{key}.png"))
    return out
