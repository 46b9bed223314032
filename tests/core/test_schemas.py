"""The committed JSON Schemas (``careact/schemas``) are exactly what the models generate.

If this fails, a model changed without its published contract: regenerate the schemas with
``python -m careact.schemas``, review the difference, and record it in CHANGELOG.md.
"""

from __future__ import annotations

import json

import pytest

from careact.charging import assess, example_case
from careact.schemas import SCHEMA_DIR, drifted, render, schema, schema_names, write_schemas

REGENERATE = "run `python -m careact.schemas` to regenerate the committed schemas, then review the diff"


def test_every_committed_schema_matches_its_model():
    stale = drifted()
    assert not stale, f"schemas out of date with their models: {', '.join(stale)}; {REGENERATE}"


def test_every_schema_file_is_registered():
    on_disk = {p.name for p in SCHEMA_DIR.glob("*.json")}
    assert on_disk == set(schema_names()), f"unregistered or missing schema files; {REGENERATE}"


@pytest.mark.parametrize("domain", ["charging", "eligibility", "dpa", "reform"])
def test_every_domain_publishes_input_and_result_schemas(domain):
    names = [n for n in schema_names() if n.startswith(f"{domain}-")]
    assert any("result" in n for n in names) and any("result" not in n for n in names), names


@pytest.mark.parametrize("name", schema_names())
def test_schema_identity(name):
    doc = schema(name)
    assert doc["$id"] == f"https://careact.dev/schemas/{name}"
    assert doc["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert doc.get("title")


def test_a_drifted_schema_is_found_and_rewritten(tmp_path):
    name = "dpa-statement-result-1.json"
    doc = json.loads(render(name))
    doc["properties"].pop("closing_balance")
    (tmp_path / name).write_text(json.dumps(doc), encoding="utf-8")
    assert drifted([name], tmp_path) == [name]
    assert write_schemas([name], tmp_path) == [tmp_path / name]
    assert drifted([name], tmp_path) == []
    assert drifted(["reform-spell-1.json"], tmp_path) == ["reform-spell-1.json"]  # missing counts as drifted


def test_results_write_what_their_schema_describes():
    """Every field a result writes is a property of its schema, and every required property is written."""
    from datetime import date

    from careact.dpa import dpa_statement
    from careact.reform import compare

    results = {
        "charging-result-1.json": assess(example_case("residential_single"), on=date(2025, 6, 1)),
        "dpa-statement-result-1.json": dpa_statement(
            {"start": "2024-01-01", "property": {"market_value": "200000"}, "weekly_care_cost": "700"}, on=date(2024, 3, 1)),
        "reform-compare-result-1.json": compare(
            {"id": "a", "date_of_birth": "1940-01-01", "care_start": "2024-04-01", "setting": "care_home",
             "la_weekly_rate": "800.00", "weekly_income": "200.00", "capital": "50000.00"},
            on=date(2024, 4, 1), reform="reform_2021", years=1, explain=False),
    }
    for name, result in results.items():
        doc = json.loads(result.to_json())
        props = schema(name)["properties"]
        assert set(doc) <= set(props), (name, set(doc) - set(props))
        assert set(schema(name).get("required", [])) <= set(doc), name
