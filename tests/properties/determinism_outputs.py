"""The outputs compared across processes by test_determinism.py (imported by the test and the child)."""

from __future__ import annotations

import json
from datetime import date
from typing import Any


def outputs(jobs: list[tuple[dict[str, Any], date]]) -> list[dict[str, str]]:
    from careact.charging import assess

    out = []
    for case, on in jobs:
        r = assess(case, on=on)
        doc = r.model_dump(mode="json", by_alias=True)
        out.append(
            {
                "json": r.model_dump_json(by_alias=True),
                "canonical": json.dumps(doc, sort_keys=True, ensure_ascii=False, separators=(",", ":")),
                "explanation_text": r.explanation.render_text(),
                "breakdown": r.breakdown(),
            }
        )
    return out
