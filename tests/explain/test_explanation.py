"""The explanation document: schema round-trip, stability of the exported schema, rendering, translation."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from careact.explain import N_, Explanation, ExplanationDoc, NullTrace, RuleStep, Trace, gbp, render_text
from careact.explain.schema import explanation_json_schema
from careact.rules import load_ruleset
from careact.rules.params.charging import capital
from careact.rules.reader import Reader

RULE = RuleStep("test.capital.tariff", "Tariff income", "SI 2014/2672 reg 25", guidance="Annex B para 20")
CHILD = RuleStep("test.capital.limit", "Lower limit", "SI 2014/2672 reg 12")


def _explanation() -> Explanation:
    rules = load_ruleset("england")
    t = Trace()
    read = Reader(rules.at(date(2025, 6, 1)), t)
    with t.group(RULE, N_("Tariff income is {tariff} a week"), inputs={"capital": Decimal("15000.00")}) as g:
        lower = read.param(capital.lower_limit)
        t.add(
            CHILD,
            N_("Capital above {limit} counts from {day}"),
            args={"limit": gbp(lower.value), "day": date(2025, 4, 7)},
            output=Decimal("750.00"),
        )
        Trace.close(g, output=Decimal("3.00"), args={"tariff": gbp(Decimal("3.00"))})
    return Explanation.from_trace("test", date(2025, 6, 1), rules.identity(), t)


def test_round_trip_through_the_schema_model():
    doc = _explanation().to_dict()
    model = ExplanationDoc.model_validate(doc)
    assert model.model_dump(mode="json", by_alias=True, exclude_none=True) == json.loads(json.dumps(doc))
    assert doc["schema"] == "careact.explain/1"
    step = doc["steps"][0]
    assert step["statement"] == "Tariff income is £3.00 a week"
    child = step["steps"][0]
    assert child["parameters"][0]["name"] == "capital.lower_limit"
    expected_from = load_ruleset("england").at(date(2025, 6, 1))["capital.lower_limit"].effective_from
    assert child["parameters"][0]["effective_from"] == expected_from.isoformat()
    assert child["parameters"][0]["layer_kind"] == "national"
    assert child["statement"] == "Capital above £14,250.00 counts from 7 April 2025"


def test_exported_schema_is_stable():
    """The committed JSON Schema is what the models produce: a change must be deliberate (bump the schema id)."""
    committed = Path(__file__).resolve().parents[2] / "src/careact/schemas/explain-1.json"
    assert json.loads(committed.read_text()) == explanation_json_schema()


def test_render_text_is_readable():
    text = _explanation().render_text()
    assert "1. Tariff income is £3.00 a week" in text
    assert "Law: SI 2014/2672 reg 25; Annex B para 20" in text
    assert "1.1. Capital above £14,250.00 counts from 7 April 2025" in text
    assert "capital.lower_limit = £14,250.00" in text


def test_render_from_stored_json():
    stored = json.loads(_explanation().to_json())
    assert render_text(stored) == _explanation().render_text()


def test_translation_catalogue_is_used(tmp_path):
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import write_po

    from careact.explain.i18n import gettext_for

    cat = Catalog(locale="cy")
    cat.add("Tariff income is {tariff} a week", "Incwm tariff yw {tariff} yr wythnos")
    po = tmp_path / "cy" / "LC_MESSAGES" / "careact.po"
    po.parent.mkdir(parents=True)
    with po.open("wb") as fh:
        write_po(fh, cat)
    stored = _explanation().to_dict()
    text = render_text(stored, locale="cy", gettext=gettext_for("cy", tmp_path))
    assert "Incwm tariff yw £3.00 yr wythnos" in text


def test_pot_catalogue_is_up_to_date():
    """Every N_() template in the package is in careact/locale/careact.pot (regenerate: python -m careact.explain.i18n extract)."""
    from babel.messages.pofile import read_po

    from careact.explain.i18n import LOCALE_DIR, extract_catalogue

    with (LOCALE_DIR / "careact.pot").open("rb") as fh:
        committed = {m.id for m in read_po(fh) if m.id}
    current = {m.id for m in extract_catalogue() if m.id}
    assert current - committed == set(), "run: python -m careact.explain.i18n extract"


def test_null_trace_records_nothing():
    t = NullTrace()
    with t.group(RULE, N_("x")) as g:
        assert t.add(CHILD, N_("y")) is None
        Trace.close(g, output=1)
    assert t.steps == []


def test_floats_are_refused_in_results():
    from careact.explain import jsonable

    with pytest.raises(TypeError):
        jsonable(1.5)
