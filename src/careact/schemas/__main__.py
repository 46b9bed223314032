"""``python -m careact.schemas`` rewrites the committed JSON Schemas that drifted; ``--check`` only lists them."""

from __future__ import annotations

import argparse
import sys

from . import drifted, write_schemas


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m careact.schemas", description=__doc__)
    parser.add_argument("--check", action="store_true", help="list the schemas that drifted and exit 1 if any did")
    args = parser.parse_args(argv)
    if args.check:
        stale = drifted()
        for name in stale:
            print(f"{name}: differs from its model; run python -m careact.schemas", file=sys.stderr)
        return 1 if stale else 0
    for path in write_schemas():
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
