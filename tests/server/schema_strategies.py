"""Hypothesis strategies generated from JSON Schema (the subset pydantic and FastAPI emit in /openapi.json).

Handles ``$ref`` (to ``#/components/schemas/...`` or ``#/$defs/...``), ``const``, ``enum``, ``anyOf``,
``oneOf``, ``allOf``, objects (required and optional properties), arrays, strings (``pattern``,
``format: date``, lengths), integers and numbers (bounds), booleans and null. ``hints`` maps a property
name to a strategy used most of the time instead of the schema's (e.g. catalogue ids for ``type``), so
that a fair share of generated requests get past validation to the rules themselves.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from hypothesis import strategies as st

JSON_LEAF = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6), st.text(max_size=8),
                      st.floats(allow_nan=False, allow_infinity=False))
ANY_JSON = st.recursive(JSON_LEAF, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                           st.dictionaries(st.text(max_size=6), inner, max_size=3)),
                        max_leaves=8)


class SchemaStrategies:
    def __init__(self, defs: Mapping[str, Any], hints: Mapping[str, st.SearchStrategy] | None = None) -> None:
        self.defs = defs
        self.hints = dict(hints or {})
        self._cache: dict[str, st.SearchStrategy] = {}

    def ref(self, ref: str) -> st.SearchStrategy:
        name = ref.rsplit("/", 1)[-1]
        if name not in self._cache:
            self._cache[name] = st.deferred(lambda: self.build(self.defs[name]))
        return self._cache[name]

    def build(self, s: Mapping[str, Any]) -> st.SearchStrategy:
        if "$ref" in s:
            return self.ref(s["$ref"])
        if "const" in s:
            return st.just(s["const"])
        if "enum" in s:
            return st.sampled_from(list(s["enum"]))
        for key in ("anyOf", "oneOf"):
            if key in s:
                return st.one_of([self.build(x) for x in s[key]])
        if "allOf" in s:
            return self.build(s["allOf"][0])
        kind = s.get("type")
        if isinstance(kind, list):
            return st.one_of([self.build({**s, "type": k}) for k in kind])
        if kind == "object" or "properties" in s:
            return self._object(s)
        if kind == "array":
            lo = s.get("minItems", 0)
            hi = min(s.get("maxItems", lo + 3), lo + 3)
            return st.lists(self.build(s.get("items", {})), min_size=lo, max_size=hi)
        if kind == "string":
            if s.get("format") == "date":
                return st.dates(date(1900, 1, 1), date(2030, 12, 31)).map(date.isoformat)
            if "pattern" in s:
                return st.from_regex(s["pattern"], fullmatch=True).filter(lambda x: len(x) < 40)
            lo = s.get("minLength", 0)
            return st.text(min_size=lo, max_size=max(lo, min(s.get("maxLength", 12), 12)))
        if kind == "integer":
            return st.integers(s.get("minimum", -1000), s.get("maximum", 100000))
        if kind == "number":
            return st.integers(s.get("minimum", 0), s.get("maximum", 10000))
        if kind == "boolean":
            return st.booleans()
        if kind == "null":
            return st.none()
        return ANY_JSON

    def _object(self, s: Mapping[str, Any]) -> st.SearchStrategy:
        props = s.get("properties", {})
        required = set(s.get("required", ()))

        def prop(name: str, sub: Mapping[str, Any]) -> st.SearchStrategy:
            base = self.build(sub)
            if name in self.hints:
                return st.one_of(self.hints[name], self.hints[name], self.hints[name], base)
            return base

        return st.fixed_dictionaries(
            {k: prop(k, v) for k, v in props.items() if k in required},
            optional={k: prop(k, v) for k, v in props.items() if k not in required},
        )
