"""The rule sets and overlays bundled with careact, loaded once per process and cached.

Bundled rule sets live in ``careact/rules/data/<name>/``; bundled overlays in
``careact/rules/data/overlays/<layer>/<name>.toml`` and are named ``<layer>/<name>``
(e.g. ``council/example_borough``, ``reform/reform_2021``). Any overlay may also be given as a
path to a TOML file of one's own.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from ..errors import UnknownRuleSet
from .loader import load_layer
from .model import Layer
from .ruleset import RuleSet

__all__ = ["DATA_DIR", "bundled_overlays", "bundled_rulesets", "load_overlay", "load_ruleset", "with_overlays"]

DATA_DIR = Path(__file__).parent / "data"


@lru_cache(maxsize=1)
def bundled_rulesets() -> tuple[str, ...]:
    """Names of the national rule sets bundled with careact (package data: listed once per process)."""
    return tuple(sorted(p.name for p in DATA_DIR.iterdir() if (p / "ruleset.toml").exists()))


@lru_cache(maxsize=1)
def bundled_overlays() -> tuple[str, ...]:
    """Names (``layer/name``) of the overlays bundled with careact (package data: listed once per process)."""
    root = DATA_DIR / "overlays"
    if not root.exists():
        return ()
    return tuple(sorted(f"{p.parent.name}/{p.stem}" for p in root.glob("*/*.toml")))


@lru_cache(maxsize=64)
def _load(path: str, mtime_ns: int) -> Layer:
    # keyed on the file's modification time so an edited overlay file is re-read
    return load_layer(path)


@lru_cache(maxsize=64)
def _load_bundled(path: str) -> Layer:
    # data shipped inside the package is read and validated once per process
    return load_layer(path)


def _mtime(path: Path) -> int:
    if path.is_dir():
        return max((f.stat().st_mtime_ns for f in path.glob("*.toml")), default=0)
    return path.stat().st_mtime_ns


def _is_bundled(path: Path) -> bool:
    try:
        return path.resolve().is_relative_to(DATA_DIR.resolve())
    except OSError:  # pragma: no cover
        return False


def _layer(path: Path) -> Layer:
    if _is_bundled(path):
        return _load_bundled(str(path.resolve()))
    return _load(str(path.resolve()), _mtime(path))


@lru_cache(maxsize=64)
def _bundled_overlay(name: str) -> Layer | None:
    candidate = DATA_DIR / "overlays" / f"{name}.toml"
    return _load_bundled(str(candidate.resolve())) if candidate.is_file() else None


def load_overlay(name_or_path: str | Path) -> Layer:
    """A bundled overlay by name (``council/example_borough``) or an overlay file by path."""
    text = str(name_or_path)
    if "/" in text and not text.endswith(".toml"):
        layer = _bundled_overlay(text)
        if layer is not None:
            return layer
    path = Path(name_or_path)
    if path.is_file():
        return _layer(path)
    raise UnknownRuleSet(text, available=bundled_overlays())


class _LayerKey:
    """A layer as a cache key: equal when the id and content digest are equal (the content is then the same)."""

    __slots__ = ("_key", "layer")

    def __init__(self, layer: Layer) -> None:
        self.layer = layer
        self._key = (layer.id, layer.kind, layer.digest)

    def __hash__(self) -> int:
        return hash(self._key)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _LayerKey) and self._key == other._key


@lru_cache(maxsize=128)
def _composed(base: RuleSet, overlays: tuple[_LayerKey, ...]) -> RuleSet:
    # one RuleSet object per (base, overlays) combination, so its per-date resolution cache is shared
    return base.with_overlay(*(k.layer for k in overlays))


def with_overlays(rules: RuleSet, overlays: Iterable[Layer]) -> RuleSet:
    """``rules.with_overlay(*overlays)``, cached: the same combination gives the same RuleSet object."""
    layers = tuple(overlays)
    if not layers:
        return rules
    return _composed(rules, tuple(_LayerKey(layer) for layer in layers))


@lru_cache(maxsize=16)
def _bundled_base(name: str) -> RuleSet | None:
    path = DATA_DIR / name
    if "/" in name or "\\" in name or not (path / "ruleset.toml").exists():
        return None
    return RuleSet(base=_load_bundled(str(path.resolve())))


def load_ruleset(
    name: str = "england", overlays: Iterable[str | Path | Layer] = ()
) -> RuleSet:
    """The bundled national rule set ``name`` (or a rule-set directory path), with ``overlays`` applied in order.

    Bundled data is read and validated once per process; a rule set or overlay given by path is
    re-read when its files change. The same combination of rule set and overlays returns the same
    :class:`RuleSet` object, so its per-date resolution cache is shared by every caller.
    """
    rules = _bundled_base(name) if isinstance(name, str) else None
    if rules is None:
        path = DATA_DIR / name
        if not (path / "ruleset.toml").exists():
            alt = Path(name)
            if (alt / "ruleset.toml").exists():
                path = alt
            else:
                raise UnknownRuleSet(str(name), available=bundled_rulesets())
        rules = _cached_ruleset(str(path.resolve()), _mtime(path))
    if not overlays:
        return rules
    layers = [o if isinstance(o, Layer) else load_overlay(o) for o in overlays]
    return with_overlays(rules, layers)


@lru_cache(maxsize=16)
def _cached_ruleset(path: str, mtime_ns: int) -> RuleSet:
    # one RuleSet object per loaded base, so its per-date resolution cache is shared by callers
    return RuleSet(base=_load(path, mtime_ns))
