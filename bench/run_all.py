"""Run every benchmark in turn and rebuild docs/benchmarks/index.md.

    python bench/run_all.py [--quick] [--write-docs]

Without ``--write-docs`` the pages go to bench/results/ (untracked) and docs/benchmarks/ is untouched.

``--quick`` uses fewer repeats (a smoke run, e.g. to check the scripts still work); the published
figures come from a full run on an otherwise idle machine.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

FULL = [
    ("import_time.py", []),
    ("assess_single.py", []),
    ("bulk.py", []),
    ("http_api.py", []),
    ("memory.py", []),
]
QUICK = [
    ("import_time.py", ["--runs", "5"]),
    ("assess_single.py", ["--number", "20", "--repeat", "3"]),
    ("bulk.py", ["--cases", "2000", "--repeat", "2"]),
    ("http_api.py", ["--requests", "1000", "--repeat", "1"]),
    ("memory.py", ["--requests", "200"]),
]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--write-docs", action="store_true",
                    help="write every page into docs/benchmarks/ (tracked) and rebuild the index")
    args = ap.parse_args()
    docs = ["--write-docs"] if args.write_docs else []
    failed = []
    for script, extra in QUICK if args.quick else FULL:
        print(f"== {script} {' '.join(extra)}", flush=True)
        if subprocess.run([sys.executable, str(HERE / script), *extra, *docs], check=False).returncode != 0:
            failed.append(script)
    if args.write_docs:
        subprocess.run([sys.executable, str(HERE / "index.py"), "--write-docs"], check=True)
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
