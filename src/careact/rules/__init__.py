"""Rule sets: versioned, effective-dated, cited parameters, with council and reform overlays.

>>> from datetime import date
>>> from careact.rules import load_ruleset
>>> rules = load_ruleset("england")
>>> rules.at(date(2025, 6, 1))["capital.upper_limit"].value
Decimal('23250.00')
"""

from __future__ import annotations

from .catalogue import bundled_overlays, bundled_rulesets, load_overlay, load_ruleset
from .declare import Decl, Rate, ScaleDecl, Scope
from .diff import ParameterChange, diff
from .loader import canonical_digest, load_layer, make_overlay, validate_path
from .model import Citation, DatedValue, Layer, LayerKind, Parameter, ParamValue, Status, Unit
from .reader import FigureLedger, Reader
from .ruleset import Resolved, RuleSet

__all__ = [
    "Citation",
    "DatedValue",
    "Decl",
    "FigureLedger",
    "Layer",
    "LayerKind",
    "ParamValue",
    "Parameter",
    "ParameterChange",
    "Rate",
    "Reader",
    "Resolved",
    "RuleSet",
    "ScaleDecl",
    "Scope",
    "Status",
    "Unit",
    "bundled_overlays",
    "bundled_rulesets",
    "canonical_digest",
    "diff",
    "load_layer",
    "load_overlay",
    "load_ruleset",
    "make_overlay",
    "validate_path",
]
