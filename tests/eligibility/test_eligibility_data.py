"""The eligibility data files: complete, consistent with the models, every item cited."""

from __future__ import annotations

import json
import re
import typing
from pathlib import Path

import pytest

from careact.eligibility import load_catalogue
from careact.eligibility.catalogue import read_data
from careact.eligibility.models import (
    AdultOutcomeId,
    AdultSenseId,
    CarerOutcomeId,
    CarerSenseId,
    WellbeingAreaId,
    input_json_schema,
    result_json_schema,
)
from careact.eligibility.next_steps import CHECKER_ANSWERS
from careact.eligibility.questionnaire import messages, questionnaire

SCHEMAS = Path(__file__).resolve().parents[2] / "src/careact/schemas"
CAT = load_catalogue()


def test_model_ids_match_the_data():
    assert typing.get_args(AdultOutcomeId) == CAT.adult.outcome_ids
    assert typing.get_args(CarerOutcomeId) == CAT.carer.outcome_ids
    assert typing.get_args(AdultSenseId) == CAT.adult.sense_ids
    assert typing.get_args(CarerSenseId) == CAT.carer.sense_ids
    assert typing.get_args(WellbeingAreaId) == CAT.wellbeing_area_ids


def test_regulation_structure():
    assert len(CAT.adult.outcomes) == 10 and len(CAT.carer.outcomes) == 8
    assert [o.paragraph for o in CAT.adult.outcomes] == [f"reg 2(2)({c})" for c in "abcdefghij"]
    assert [s.paragraph for s in CAT.adult.senses] == [f"reg 2(3)({c})" for c in "abcd"]
    assert [s.paragraph for s in CAT.carer.senses] == [f"reg 3(3)({c})" for c in "abc"]
    assert "significantly_longer" not in CAT.carer.sense_ids
    assert (CAT.adult.minimum_unable, CAT.carer.minimum_unable) == (2, 1)
    assert (CAT.adult.fluctuation.paragraph, CAT.carer.fluctuation.paragraph) == ("reg 2(4)", "reg 3(4)")
    assert CAT.carer.health.paragraph == "reg 3(2)(a)"
    assert [a.paragraph for a in CAT.wellbeing_areas] == [f"s.1(2)({c})" for c in "abcdefghi"]
    assert CAT.instrument == "SI 2015/313" and str(CAT.in_force_from) == "2015-04-01"


def test_verbatim_wording_spot_checks():
    """A few phrases whose exact words matter (reg 2(1)(b), 2(3)(d), 3(2)(a), 3(2)(b)(iii))."""
    assert "two or more" in CAT.adult.condition("outcomes").text
    assert CAT.adult.sense("significantly_longer").text.endswith("takes significantly longer than would normally be expected")
    assert CAT.carer.health.text == "the carer's physical or mental health is, or is at risk of, deteriorating"
    assert "(whether or not this is also the home of the adult needing care)" in CAT.carer.outcome("habitable_home").text


def test_every_item_names_a_source_with_a_known_status():
    items = [*CAT.adult.conditions, *CAT.adult.outcomes, *CAT.adult.senses, *CAT.carer.conditions, *CAT.carer.outcomes,
             *CAT.carer.senses, CAT.carer.health, *CAT.wellbeing_areas]
    provisions = [CAT.adult.unable, CAT.adult.fluctuation, CAT.carer.unable, CAT.carer.fluctuation]
    for x in [*items, *provisions]:
        assert x.source.status in ("verified", "secondary", "unverified")
        assert x.source.href.startswith("https://")
        assert x.source.note
    # what was read on legislation.gov.uk is marked verified; everything else is not
    assert {o.source.status for o in CAT.adult.outcomes} == {"verified"}
    assert {s.source.status for s in CAT.adult.senses} == {"secondary"}
    assert CAT.carer.fluctuation.source.status == "unverified"


def test_guidance_topics_resolve_and_are_marked_unverified():
    topics = {i.guidance for i in [*CAT.adult.conditions, *CAT.carer.conditions] if i.guidance}
    topics |= {CAT.adult.fluctuation.guidance, CAT.carer.fluctuation.guidance}
    topics |= {s.get("guidance") for s in read_data("next_steps")["step"] if s.get("guidance")}
    for topic in topics:
        text = CAT.guidance(topic)
        assert text and re.search(r"para 6\.\d+", text)
        assert "(paragraph number unverified)" in text


def test_cld_mapping_uses_only_specification_values():
    cld = read_data("cld_codes")
    assert cld["collection"]["field"] == "Event Outcome"
    for determination in ("eligible", "not_eligible"):
        m = cld["mapping"][determination]
        for release in ("release_1", "release_2"):
            allowed = cld["releases"][release]["values"]
            assert m[release] in allowed
            assert set(m.get(f"alternatives_{release}", ())) <= set(allowed)
    assert "release_1" not in cld["mapping"]["cannot_determine"]


def test_next_steps_cover_each_determination_and_are_cited():
    steps = read_data("next_steps")["step"]
    for det in ("eligible", "not_eligible", "cannot_determine"):
        for who in ("adult", "carer"):
            assert [s for s in steps if det in s["applies_to"] and who in s["who"]], (det, who)
    for s in steps:
        assert s["citation"].startswith("Care Act 2014")
    by_id = {s["id"]: s for s in steps}
    assert by_id["written_record"]["citation"] == "Care Act 2014 s.13(2)"
    assert by_id["advice_and_information"]["citation"] == "Care Act 2014 s.13(5)"
    assert by_id["prevention"]["citation"] == "Care Act 2014 s.2(1)"
    assert by_id["information_and_advice_service"]["citation"] == "Care Act 2014 s.4(1)"


def test_questionnaire_covers_every_outcome_and_maps_to_real_senses():
    q = read_data("questionnaire")
    assert tuple(o["id"] for o in q["adult"]["outcome"]) == CAT.adult.outcome_ids
    assert tuple(o["id"] for o in q["carer"]["outcome"]) == CAT.carer.outcome_ids
    for opt in q["options"]:
        for sense in opt.get("senses", ()):
            assert sense in CAT.adult.sense_ids
            if sense not in CAT.carer.sense_ids:
                assert opt.get("adult_only"), opt["id"]
    assert {a["id"] for a in q["wellbeing_areas"]["area"]} == set(CAT.wellbeing_area_ids)
    assert {k: v["answer"] for k, v in q["checker"].items()} == CHECKER_ANSWERS


def test_questionnaire_messages_and_translation_hook():
    msgs = messages()
    assert len(msgs) == len(set(msgs)) > 40
    carer_q = questionnaire("carer")
    labels = {a["id"] for q in carer_q["questions"] if q["id"] == "nutrition" for a in q["answers"]}
    assert "much_longer" not in labels  # no "significantly longer" option for carers
    adult_q = questionnaire("adult")
    assert [q["id"] for q in adult_q["questions"]][:2] == ["impairment", "nutrition"]


def test_committed_json_schemas_are_current():
    assert json.loads((SCHEMAS / "eligibility-input-1.json").read_text()) == input_json_schema()
    assert json.loads((SCHEMAS / "eligibility-result-1.json").read_text()) == result_json_schema()


def test_cached_data_cannot_be_changed():
    data = read_data("outcomes")
    with pytest.raises(TypeError):
        data["adult"]["minimum_unable"] = 1  # type: ignore[index]
    assert isinstance(data["adult"]["outcome"], tuple)


def test_minimum_observation_period_is_data_and_labelled_not_law():
    raw = read_data("outcomes")["fluctuation"]
    assert CAT.minimum_observation_days == raw["minimum_observation_days"] > 0
    assert "not law" in CAT.minimum_observation_note
