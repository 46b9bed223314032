"""Explanations: the ordered, cited record of every step of a calculation.

Rules append :class:`Step` objects to a :class:`Trace`; results carry an :class:`Explanation`, which
serialises to the versioned ``careact.explain/1`` JSON document and renders as plain English.
"""

from typing import Any

from .document import SCHEMA_ID, Explanation, encode_arg, format_statement
from .jsonable import jsonable
from .render import render_param, render_text
from .steps import GBP, N_, NullTrace, Pence, RuleStep, Step, Trace, gbp

__all__ = [
    "GBP",
    "N_",
    "SCHEMA_ID",
    "Explanation",
    "ExplanationDoc",
    "NullTrace",
    "Pence",
    "RuleStep",
    "Step",
    "StepDoc",
    "Trace",
    "encode_arg",
    "format_statement",
    "gbp",
    "jsonable",
    "render_param",
    "render_text",
]


def __getattr__(name: str) -> Any:
    # the document's pydantic models load on first use (see careact.explain.models)
    if name in ("ExplanationDoc", "StepDoc"):
        from . import models

        return getattr(models, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
