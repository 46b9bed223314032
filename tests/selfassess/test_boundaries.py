"""The core library never imports the self-assessment, and the service reaches the library only through its adapter."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import careact.selfassess

PACKAGE = Path(careact.selfassess.__file__).resolve().parent
CORE = ("charging", "rules", "explain", "eligibility", "dpa", "reform", "batch", "replay", "validation", "money",
        "periods", "dates", "errors")


def test_core_does_not_import_selfassess() -> None:
    code = ("import sys, careact, careact.charging, careact.rules, careact.explain, careact.eligibility, "
            "careact.reform, careact.replay, careact.server, careact.cli\n"
            "from careact.cli import build_parser\nbuild_parser()\n"
            "bad = [m for m in sys.modules if m.startswith('careact.selfassess.') and m != 'careact.selfassess.cli' "
            "and not m.startswith('careact.selfassess.config')]\n"
            "bad += [m for m in ('sqlalchemy', 'alembic', 'jinja2') if m in sys.modules]\n"
            "print(bad)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "[]"


def _library_imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level >= 2 and module.split(".")[0] in CORE:
                found.append(module)
            if node.level == 0 and module.startswith("careact.") and module.split(".")[1] in CORE:
                found.append(module)
        elif isinstance(node, ast.Import):
            found += [a.name for a in node.names if a.name.startswith("careact.") and a.name.split(".")[1] in CORE]
    return found


def test_only_the_adapter_calls_the_library() -> None:
    offenders = {}
    for path in PACKAGE.rglob("*.py"):
        if path.name == "adapter.py":
            continue
        imports = _library_imports(path)
        if imports:
            offenders[str(path.relative_to(PACKAGE))] = imports
    assert offenders == {}
    assert _library_imports(PACKAGE / "adapter.py")
