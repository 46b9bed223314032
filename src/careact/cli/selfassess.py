"""``careact selfassess``: manage the online self-assessment (the ``selfassess`` extra)."""

from __future__ import annotations

import argparse
import sys
from typing import Any


def register(sub: Any) -> None:
    try:
        from ..selfassess.cli import register as real
    except ImportError as exc:  # the extra is not installed: the command explains how to get it
        p = sub.add_parser("selfassess", help="manage the online self-assessment (needs the selfassess extra)")
        p.add_argument("rest", nargs=argparse.REMAINDER)
        missing = exc.name

        def run(args: argparse.Namespace) -> int:
            print(f"careact selfassess needs the selfassess extra ({missing} is missing): "
                  "pip install 'careact[selfassess]'", file=sys.stderr)
            return 5

        p.set_defaults(run=run)
        return
    real(sub)
