"""Turning pydantic's validation errors into careact's :class:`~careact.errors.InputError`.

Every field at fault is named with a dotted path (``income[2].amount``) and a message a developer
can act on; nothing is silently dropped or coerced.
"""

from __future__ import annotations

import json
from typing import Any, TypeVar

from pydantic import BaseModel, TypeAdapter, ValidationError

from .errors import FieldProblem, InputError

__all__ = ["from_pydantic", "strict_json", "validate_json", "validate_model"]

M = TypeVar("M", bound=BaseModel)


def _path(loc: tuple[Any, ...], prefix: str) -> str:
    out = prefix
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            part = str(part)
            if part.startswith(("function-", "tagged-union", "json-or-python", "lax-or-strict")):
                continue
            out += ("." if out else "") + part
    return out or "(root)"


_CODES = {
    "missing": "missing",
    "extra_forbidden": "unknown_field",
    "literal_error": "unknown_value",
    "enum": "unknown_value",
    "date_from_datetime_parsing": "type",
    "date_parsing": "type",
    "date_type": "type",
}


def from_pydantic(exc: ValidationError, prefix: str = "") -> InputError:
    """An :class:`InputError` naming every field in a pydantic ``ValidationError``."""
    problems = []
    for err in exc.errors(include_url=False):
        msg = err["msg"]
        msg = msg.removeprefix("Value error, ")
        if err["type"] == "extra_forbidden":
            msg = "is not a field careact knows (check the spelling against the JSON Schema)"
        elif err["type"] == "missing":
            msg = "is required"
        path = _path(tuple(err["loc"]), prefix)
        if err["type"] == "value_error" and not err["loc"] and all(": " in part for part in msg.split("\n")):
            # a model-level check names its own fields, one per line: "care.start_date: ...\nincome[0].owner: ..."
            base = "" if path == "(root)" else path
            for part in msg.split("\n"):
                field, _, problem = part.partition(": ")
                problems.append(FieldProblem(f"{base}.{field}" if base else field, problem, "inconsistent"))
            continue
        code = err["type"][len("careact_"):] if err["type"].startswith("careact_") else _CODES.get(err["type"], "invalid")
        problems.append(FieldProblem(path, msg, code))
    return InputError(problems)


def validate_model(model: type[M], data: Any, prefix: str = "") -> M:
    """``model.model_validate(data)``, raising :class:`InputError` instead of ``ValidationError``."""
    if isinstance(data, model):
        return data
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise from_pydantic(exc, prefix) from None


def validate_json(model: type[M] | TypeAdapter[Any], data: Any, prefix: str = "") -> Any:
    """Validate a JSON document (as parsed) exactly as careact's JSON contract and its JSON Schemas say.

    Strict JSON validation: a date is a ``"YYYY-MM-DD"`` string (never a number read as a timestamp),
    a boolean is ``true``/``false`` (never ``"yes"`` or ``1``), a whole number is an integer (never
    ``"2"`` or ``2.0``) -- nothing is silently coerced. Money keeps its own rules (decimal strings or
    whole numbers). Raises :class:`InputError` naming every field at fault.
    """
    text = json.dumps(data, ensure_ascii=False)
    try:
        if isinstance(model, TypeAdapter):
            return model.validate_json(text, strict=True)
        return model.model_validate_json(text, strict=True)
    except ValidationError as exc:
        raise from_pydantic(exc, prefix) from None


def strict_json(model: Any) -> Any:
    """``model`` as a field type that validates its JSON strictly (as :func:`validate_json` does), nested.

    For request envelopes validated from already-parsed JSON (FastAPI reads bodies that way): the field's
    value is re-read as JSON in strict mode, so its JSON Schema and its validation say the same thing.
    ``model`` is a pydantic model or any type a :class:`~pydantic.TypeAdapter` takes.
    """
    from typing import Annotated

    from pydantic import BeforeValidator

    adapter: TypeAdapter[Any] = TypeAdapter(model)
    is_model = isinstance(model, type) and issubclass(model, BaseModel)

    def validate(value: Any) -> Any:
        if is_model and isinstance(value, model):
            return value
        return adapter.validate_json(json.dumps(value, ensure_ascii=False), strict=True)

    return Annotated[model, BeforeValidator(validate)]
