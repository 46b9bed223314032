"""The exported JSON Schemas: ``python -m careact.explain.schema`` rewrites ``careact/schemas/explain-1.json``."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from .models import ExplanationDoc

__all__ = ["SCHEMA_DIR", "explanation_json_schema", "write_schemas"]

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schemas"


def explanation_json_schema() -> dict[str, Any]:
    schema = ExplanationDoc.model_json_schema(by_alias=True)
    schema["$id"] = "https://careact.dev/schemas/explain-1.json"
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    out: dict[str, Any] = json.loads(json.dumps(schema, sort_keys=True))
    return out


def write_schemas() -> list[Path]:
    SCHEMA_DIR.mkdir(exist_ok=True)
    path = SCHEMA_DIR / "explain-1.json"
    path.write_text(json.dumps(explanation_json_schema(), indent=2, sort_keys=True) + "\n")
    return [path]


if __name__ == "__main__":  # pragma: no cover
    for p in write_schemas():
        print(f"wrote {p}", file=sys.stderr)
