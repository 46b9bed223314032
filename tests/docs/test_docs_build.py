"""`mkdocs build` and `mkdocs serve` produce the generated reference themselves (the hook in docs/hooks.py)."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"


def _hooks():
    spec = importlib.util.spec_from_file_location("careact_docs_hooks", DOCS / "hooks.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _config() -> dict:
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)


def _nav_pages(nav: object) -> list[str]:
    if isinstance(nav, str):
        return [nav]
    if isinstance(nav, list):
        return [p for item in nav for p in _nav_pages(item)]
    if isinstance(nav, dict):
        return [p for v in nav.values() for p in _nav_pages(v)]
    return []


def test_the_build_runs_the_generator() -> None:
    assert "docs/hooks.py" in _config()["hooks"]


def test_the_hook_writes_every_generated_page_the_nav_names(tmp_path: Path) -> None:
    hooks = _hooks()
    target = tmp_path / "generated"
    written = hooks.generate(target)
    assert written
    wanted = [p.removeprefix("reference/generated/") for p in _nav_pages(_config()["nav"])
              if p.startswith("reference/generated/")]
    assert wanted
    for page in wanted:
        assert (target / page).is_file(), page
    # pages include their partials through pymdownx.snippets: those exist too
    for page in DOCS.rglob("*.md"):
        for ref in re.findall(r'--8<-- "(reference/generated/[^"]+)"', page.read_text(encoding="utf-8")):
            assert (target / ref.removeprefix("reference/generated/")).is_file(), (page, ref)


def test_a_second_build_rewrites_nothing_so_serve_does_not_loop(tmp_path: Path) -> None:
    hooks = _hooks()
    target = tmp_path / "generated"
    hooks.generate(target)
    (target / ".gitignore").write_text("*\n", encoding="utf-8")
    (target / "stale.md").write_text("old page", encoding="utf-8")
    changed = hooks.generate(target)
    assert changed == [target / "stale.md"]  # only the stale page, removed
    assert not (target / "stale.md").exists() and (target / ".gitignore").exists()


def test_the_generator_page_functions_stay_importable() -> None:
    generator = _hooks().load_generator()
    for name in ("gen_ruleset", "gen_overlays", "gen_catalogues", "gen_cli", "gen_schemas", "main"):
        assert callable(getattr(generator, name))
