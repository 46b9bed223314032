"""careact's structured error bodies for the HTTP API.

Every refusal has the shape of :meth:`careact.errors.InputError.as_dict`::

    {"error": "invalid_input", "problems": [{"field": "case.person.date_of_birth", "problem": "...", "code": "..."}]}

``error`` is ``invalid_input`` (400/422), ``payload_too_large`` (413), ``unsupported_media_type`` (415),
``not_found`` (404), ``method_not_allowed`` (405) or ``internal_error`` (500, which the fuzz test checks
never happens).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any

from pydantic import BaseModel, ConfigDict

from ..errors import FieldProblem, InputError

__all__ = ["ErrorBody", "ProblemBody", "input_error_from_errors", "problems_from_errors"]

_CODES = {
    "missing": "missing",
    "extra_forbidden": "unknown_field",
    "literal_error": "unknown_value",
    "enum": "unknown_value",
    "date_from_datetime_parsing": "type",
    "date_parsing": "type",
    "date_type": "type",
    "json_invalid": "json",
}

# a model validator's message "income[0].owner: is 'partner' but ...\nhome.owner: ..." names its own fields
_NAMED = re.compile(r"^([a-z_][a-z0-9_]*(?:\[\d+\])?(?:\.[a-z_][a-z0-9_]*(?:\[\d+\])?)*): (.+)$", re.DOTALL)


class ProblemBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    field: str
    problem: str
    code: str


class ErrorBody(BaseModel):
    """The body of every 4xx (and, never expected, 5xx) response."""

    model_config = ConfigDict(extra="forbid", title="careact error")
    error: str
    problems: list[ProblemBody]


def _path(loc: Iterable[Any], prefix: str = "") -> str:
    out = prefix
    after_index = False
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
            after_index = True
            continue
        part = str(part)
        if after_index and part in _union_tags():  # pydantic puts the tag of a tagged union (an event's type) in the path
            after_index = False
            continue
        after_index = False
        if part == "[key]":  # pydantic marks a bad mapping key after the key itself
            continue
        if part.startswith(("function-", "tagged-union", "json-or-python", "lax-or-strict")):
            continue
        out += ("." if out else "") + part
    return out or "(body)"


@lru_cache(maxsize=1)
def _union_tags() -> frozenset[str]:
    from ..events.vocabulary import EVENT_TYPES

    return frozenset(EVENT_TYPES)


def problems_from_errors(errors: Iterable[Mapping[str, Any]], *, drop_first: str | None = None) -> list[FieldProblem]:
    """FieldProblems from pydantic/FastAPI error dicts; ``drop_first`` strips a leading loc part (``"body"``)."""
    problems: list[FieldProblem] = []
    for err in errors:
        loc = list(err.get("loc", ()))
        if drop_first is not None and loc and loc[0] == drop_first:
            loc = loc[1:]
        base = _path(loc)
        kind = str(err.get("type", "invalid"))
        msg = str(err.get("msg", "is invalid"))
        msg = msg.removeprefix("Value error, ")
        if kind == "extra_forbidden":
            msg = "is not a field careact knows (check the spelling against the JSON Schema)"
        elif kind == "missing":
            msg = "is required"
        parts = msg.split("\n") if kind == "value_error" else [msg]
        named = [_NAMED.match(p) for p in parts]
        if kind == "value_error" and not all(named):  # "field: problem; other.field: problem" on one line
            parts = re.split(r"\n|; ", msg)
            named = [_NAMED.match(p) for p in parts]
        if kind == "value_error" and all(named):
            root = "" if base == "(body)" else base
            for m in named:
                assert m is not None
                sub = m.group(1)
                field = f"{root}.{sub}" if root else sub
                problems.append(FieldProblem(field, m.group(2), "inconsistent"))
            continue
        code = kind[len("careact_"):] if kind.startswith("careact_") else _CODES.get(kind, "invalid")
        problems.append(FieldProblem(base, msg, code))
    return problems


def input_error_from_errors(errors: Iterable[Mapping[str, Any]], *, drop_first: str | None = None) -> InputError:
    problems = problems_from_errors(errors, drop_first=drop_first)
    if not problems:
        problems = [FieldProblem("(body)", "the request was rejected", "invalid")]
    return InputError(problems)
