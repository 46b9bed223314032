"""Draw the charts shown in the reform guide (docs/guides/reform.md) from a seeded synthetic population.

    python docs/gen_reform_charts.py            # 50,000 people; writes docs/guides/img/reform-*.png

The figures behind the charts come from careact's columnar care accounts (exact pence); the population is the
seeded synthetic one, so the same command draws the same charts.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from datetime import date
from pathlib import Path

from careact.population.scenarios import compare_reforms, sweep

OUT = Path(__file__).resolve().parent / "guides" / "img"


def main(n: int = 50_000) -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    on = date(2025, 10, 6)
    with tempfile.TemporaryDirectory() as tmp:
        run = compare_reforms(n, on=on, reforms=["reform_2021", "cap_75k_floor_100k"], years=10, executor="local")
        for p in run.write(Path(tmp) / "compare", plots=True, plot_formats=("png",)):
            if p.suffix == ".png":
                shutil.copy(p, OUT / f"reform-{p.name}")
        grid = {"reform.cap.amount": ["60000", "70000", "86000", "100000"], "capital.upper_limit": ["50000", "100000"]}
        swept = sweep(n, on=on, reform="reform_2021", grid=grid, years=10, executor="local")
        for p in swept.write(Path(tmp) / "sweep", plots=True, plot_formats=("png",)):
            if p.name == "sweep.png":
                shutil.copy(p, OUT / "reform-sweep.png")
    for p in sorted(OUT.glob("reform-*.png")):
        print(p)
    return 0


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 50_000))
