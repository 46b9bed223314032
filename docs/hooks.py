"""mkdocs hook: the generated reference is produced by the build itself (``mkdocs build`` and ``mkdocs serve``).

Before each build, :mod:`gen_reference` (beside this file) writes the rules reference -- rule sets,
overlays, catalogues, rule steps, schemas, the command-line help -- into a temporary directory, and
only the files whose content changed are copied into ``docs/reference/generated/`` (stale ones are
removed). So a reader runs ``mkdocs build`` or ``mkdocs serve`` and nothing else, and ``mkdocs serve``
does not rebuild for ever on its own output.
"""

from __future__ import annotations

import importlib.util
import shutil
import sys
import tempfile
from pathlib import Path
from types import ModuleType
from typing import Any

HERE = Path(__file__).resolve().parent
GENERATOR = HERE / "gen_reference.py"
OUT = HERE / "reference" / "generated"


def load_generator() -> ModuleType:
    """docs/gen_reference.py as a module (its page-producing functions stay importable)."""
    spec = importlib.util.spec_from_file_location("careact_docs_gen_reference", GENERATOR)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def sync(source: Path, target: Path) -> list[Path]:
    """Make ``target`` hold exactly ``source``'s files (keeping its .gitignore); write only what changed."""
    changed: list[Path] = []
    target.mkdir(parents=True, exist_ok=True)
    wanted = {p.relative_to(source) for p in source.rglob("*") if p.is_file()}
    for rel in sorted(wanted):
        src, dst = source / rel, target / rel
        if rel.name == ".gitignore" and dst.exists():
            continue  # the directory's own, committed
        data = src.read_bytes()
        if not dst.is_file() or dst.read_bytes() != data:
            dst.parent.mkdir(parents=True, exist_ok=True)
            dst.write_bytes(data)
            changed.append(dst)
    for path in sorted(target.rglob("*"), reverse=True):
        rel = path.relative_to(target)
        if path.is_file() and rel not in wanted and rel.name != ".gitignore":
            path.unlink()
            changed.append(path)
        elif path.is_dir() and not any(path.iterdir()):
            shutil.rmtree(path)
    return changed


def generate(target: Path = OUT) -> list[Path]:
    """Run the generator and bring ``target`` up to date; the files that changed."""
    generator = load_generator()
    with tempfile.TemporaryDirectory(prefix="careact-reference-") as tmp:
        if generator.main(["--quiet", "--out", tmp]) != 0:
            raise RuntimeError("docs/gen_reference.py failed")
        return sync(Path(tmp), target)


def on_pre_build(config: Any, **kwargs: Any) -> None:
    generate()
