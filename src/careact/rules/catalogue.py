"""The rule sets and overlays bundled with careact, loaded once per process and cached.

Bundled rule sets live in ``careact/rules/data/<name>/``; bundled overlays in
``careact/rules/data/overlays/<layer>/<name>.toml`` and are named ``<layer>/<name>``
(e.g. ``council/example_borough``, ``reform/reform_2021``). Any overlay may also be given as a
path to a TOML file of one's own.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Iterable

from ..errors import UnknownRuleSet
from .loader import load_layer
from .model import Layer
from .ruleset import RuleSet

__all__ = ["DATA_DIR", "bundled_rulesets", "bundled_overlays", "load_ruleset", "load_overlay"]

DATA_DIR = Path(__file__).parent / "data"


def bundled_rulesets() -> tuple[str, ...]:
    """Names of the national rule sets bundled with careact."""
    return tuple(sorted(p.name for p in DATA_DIR.iterdir() if (p / "ruleset.toml").exists()))


def bundled_overlays() -> tuple[str, ...]:
    """Names (``layer/name``) of the overlays bundled with careact."""
    root = DATA_DIR / "overlays"
    if not root.exists():
        return ()
    return tuple(sorted(f"{p.parent.name}/{p.stem}" for p in root.glob("*/*.toml")))


@lru_cache(maxsize=64)
def _load(path: str, mtime_ns: int) -> Layer:
    # keyed on the file's modification time so an edited overlay file is re-read
    return load_layer(path)


def _mtime(path: Path) -> int:
    if path.is_dir():
        return max((f.stat().st_mtime_ns for f in path.glob("*.toml")), default=0)
    return path.stat().st_mtime_ns


def _layer(path: Path) -> Layer:
    return _load(str(path.resolve()), _mtime(path))


def load_overlay(name_or_path: str | Path) -> Layer:
    """A bundled overlay by name (``council/example_borough``) or an overlay file by path."""
    text = str(name_or_path)
    candidate = DATA_DIR / "overlays" / f"{text}.toml"
    if "/" in text and candidate.exists() and not text.endswith(".toml"):
        return _layer(candidate)
    path = Path(name_or_path)
    if path.is_file():
        return _layer(path)
    raise UnknownRuleSet(text, available=bundled_overlays())


def load_ruleset(
    name: str = "england", overlays: Iterable[str | Path | Layer] = ()
) -> RuleSet:
    """The bundled national rule set ``name`` (or a rule-set directory path), with ``overlays`` applied in order."""
    path = DATA_DIR / name
    if not (path / "ruleset.toml").exists():
        alt = Path(name)
        if (alt / "ruleset.toml").exists():
            path = alt
        else:
            raise UnknownRuleSet(name, available=bundled_rulesets())
    rules = _cached_ruleset(str(path.resolve()), _mtime(path))
    layers = [o if isinstance(o, Layer) else load_overlay(o) for o in overlays]
    return rules.with_overlay(*layers) if layers else rules


@lru_cache(maxsize=16)
def _cached_ruleset(path: str, mtime_ns: int) -> RuleSet:
    # one RuleSet object per loaded base, so its per-date resolution cache is shared by callers
    return RuleSet(base=_load(path, mtime_ns))
