"""Explanations, next steps, CLD codes, the public checker, the bundled examples and the CLI."""

from __future__ import annotations

import json
from importlib.resources import files

import pytest
from elig_support import ON, adult, carer, unable

from careact.cli import main
from careact.eligibility import CHECKER_ANSWERS, EligibilityResult, determine
from careact.eligibility.questionnaire import answers_to_case, check
from careact.explain import ExplanationDoc

EXAMPLES = files("careact") / "examples" / "eligibility"
EXPECTED = {
    "adult_eligible.json": "eligible",
    "carer_eligible.json": "eligible",
    "fluctuating.json": "eligible",
    "not_eligible.json": "not_eligible",
    "cannot_determine.json": "cannot_determine",
}


# ----------------------------------------------------------------------------- explanation


def test_explanation_step_ids_are_stable():
    d = determine(adult({"nutrition": unable(), "toilet_needs": unable()}), on=ON)
    ids = d.explanation.step_ids()
    assert ids[:4] == ["eligibility.adult", "eligibility.adult.fluctuation", "eligibility.adult.impairment", "eligibility.adult.outcomes"]
    assert "eligibility.adult.outcome.nutrition" in ids
    assert ids.index("eligibility.adult.outcome_count") > ids.index("eligibility.adult.outcome.caring_for_child")
    for tail in ("eligibility.adult.wellbeing", "eligibility.adult.determination", "eligibility.next_steps", "eligibility.cld_event_outcome"):
        assert tail in ids


def test_each_step_cites_the_regulation_paragraph_and_guidance():
    d = determine(adult({"nutrition": unable("pain_distress_anxiety"), "toilet_needs": unable()}), on=ON)
    step = d.explanation.find("eligibility.adult.outcome.nutrition")
    assert step.rule.citation == "SI 2015/313 reg 2(2)(a); reg 2(3)(b)"
    assert step.rule.guidance.startswith("Care and Support Statutory Guidance, ch.6 para 6.")
    assert d.explanation.find("eligibility.adult.impairment").rule.citation == "SI 2015/313 reg 2(1)(a)"
    assert d.explanation.find("eligibility.adult.wellbeing").rule.citation == "SI 2015/313 reg 2(1)(c)"
    assert d.explanation.find("eligibility.adult.outcome_count").rule.citation == "SI 2015/313 reg 2(1)(b)"
    assert d.explanation.find("eligibility.adult.determination").output == "eligible"
    carer_d = determine(carer(health=True), on=ON)
    assert carer_d.explanation.find("eligibility.carer.health").rule.citation == "SI 2015/313 reg 3(2)(a)"
    assert carer_d.explanation.find("eligibility.carer.circumstances").rule.citation == "SI 2015/313 reg 3(1)(b)"


def test_explanation_document_validates_and_renders():
    d = determine(adult({"nutrition": unable("significantly_longer", reason="an hour to dress"), "toilet_needs": unable()}), on=ON)
    doc = d.explanation.to_dict()
    ExplanationDoc.model_validate(doc)
    assert doc["schema"] == "careact.explain/1"
    assert doc["subject"] == "eligibility.determine"
    assert doc["ruleset"]["id"].startswith("england@")  # the dated rule set the criteria were read from
    text = d.explanation.render_text()
    assert "Law: SI 2015/313 reg 2(2)(a); reg 2(3)(d)" in text
    assert "Recorded reason: an hour to dress" in text
    assert "(paragraph number unverified)" in text


def test_explain_false_gives_no_explanation_and_the_same_result():
    a = determine(adult(), on=ON)
    b = determine(adult(), on=ON, explain=False)
    assert b.explanation is None
    assert a.result == b.result
    assert "explanation" not in b.to_dict()


def test_result_round_trips_through_json():
    r = determine(adult(), on=ON).result
    assert EligibilityResult.model_validate(json.loads(json.dumps(r.to_dict()))) == r
    assert r.to_dict()["schema"] == "careact.eligibility/1"


# ----------------------------------------------------------------------------- next steps and CLD


def test_eligible_adult_next_steps():
    r = determine(adult(), on=ON).result
    assert [s.id for s in r.next_steps] == ["written_record", "consider_how_to_meet_needs", "care_and_support_plan", "financial_assessment"]
    assert r.cld.event_type == "Assessment" and r.cld.field == "Event Outcome"
    assert (r.cld.release_1, r.cld.release_2) == ("Progress to Support Planning / Services", "Progress to support planning or services")
    assert r.cld.source_status == "secondary"


def test_not_eligible_next_steps_give_reasons_advice_and_prevention():
    r = determine(adult(wellbeing="no"), on=ON).result
    ids = [s.id for s in r.next_steps]
    assert ids[:4] == ["written_record", "advice_and_information", "prevention", "information_and_advice_service"]
    cites = {s.id: s.citation for s in r.next_steps}
    assert cites["written_record"] == "Care Act 2014 s.13(2)"
    assert cites["advice_and_information"] == "Care Act 2014 s.13(5)"
    assert (r.cld.release_1, r.cld.release_2) == ("NFA - Information & Advice / Signposting only", "NFA: Information and advice or signposting")
    assert r.reasons[0].startswith("The adult's needs do not meet")


def test_cannot_determine_has_no_cld_outcome_and_asks_to_complete_the_assessment():
    r = determine(adult(wellbeing=None), on=ON).result
    assert r.cld is None
    assert [s.id for s in r.next_steps] == ["complete_assessment"]


# ----------------------------------------------------------------------------- public checker


def test_checker_mapping():
    assert CHECKER_ANSWERS == {"eligible": "likely", "not_eligible": "unlikely", "cannot_determine": "needs_full_assessment"}


def test_checker_answers_adult():
    answers = {"impairment": "yes", "nutrition": "pain_distress", "home_safely": "unsafe", "wellbeing": "yes", "wellbeing_areas": ["health"]}
    assert check("adult", answers, on=ON)[0] == "likely"
    assert check("adult", {**answers, "wellbeing": "no"}, on=ON)[0] == "unlikely"
    assert check("adult", {**answers, "wellbeing_areas": []}, on=ON)[0] == "needs_full_assessment"
    assert check("adult", {"impairment": "not_sure", "nutrition": "not_sure"}, on=ON)[0] == "needs_full_assessment"


def test_checker_answers_carer():
    assert check("carer", {"necessary_care": "yes", "health": "yes", "wellbeing": "yes", "wellbeing_areas": ["health"]}, on=ON)[0] == "likely"
    assert check("carer", {"necessary_care": "no"}, on=ON)[0] == "unlikely"


def test_checker_reasons_are_labelled_self_reported():
    case = answers_to_case("adult", {"impairment": "yes", "nutrition": "need_help"})
    assert case["outcomes"]["nutrition"]["reason"].startswith("self-reported in a public checker")


def test_checker_rejects_significantly_longer_for_carers():
    from careact.eligibility import EligibilityInputError

    with pytest.raises(EligibilityInputError) as err:
        answers_to_case("carer", {"nutrition": "much_longer"})
    assert err.value.field == "nutrition"


# ----------------------------------------------------------------------------- bundled examples and CLI


@pytest.mark.parametrize("name, expected", sorted(EXPECTED.items()))
def test_bundled_examples(name, expected):
    data = json.loads((EXAMPLES / name).read_text(encoding="utf-8"))
    assert determine(data).result.determination == expected


def test_every_bundled_example_is_listed():
    assert sorted(p.name for p in EXAMPLES.iterdir() if p.name.endswith(".json")) == sorted(EXPECTED)


@pytest.mark.parametrize("name, expected", sorted(EXPECTED.items()))
def test_cli_json(name, expected, capsys):
    assert main(["eligibility", str(EXAMPLES / name), "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["result"]["determination"] == expected
    assert "explanation" not in out


def test_cli_json_with_explanation(capsys):
    assert main(["eligibility", str(EXAMPLES / "fluctuating.json"), "--explain", "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    ExplanationDoc.model_validate(out["explanation"])
    assert out["result"]["fluctuation"]["applied"] is True


def test_cli_text_with_explanation(capsys):
    assert main(["eligibility", str(EXAMPLES / "carer_eligible.json"), "--format", "text", "--explain"]) == 0
    out = capsys.readouterr().out
    assert "Eligibility of the carer's needs (SI 2015/313 reg 3): the needs meet the eligibility criteria" in out
    assert "Public checker answer: likely" in out
    assert "Law: SI 2015/313 reg 3(2)(a)" in out


def test_cli_text_lists_missing_findings(capsys):
    assert main(["eligibility", str(EXAMPLES / "cannot_determine.json"), "--format", "text"]) == 0
    out = capsys.readouterr().out
    assert "outcomes.community_facilities.senses" in out and "wellbeing_impact.significant" in out


def test_cli_bad_input_exits_2_naming_the_field(tmp_path, capsys):
    case = carer({"nutrition": unable("significantly_longer")})
    path = tmp_path / "case.json"
    path.write_text(json.dumps(case))
    assert main(["eligibility", str(path)]) == 2
    assert "outcomes.nutrition.senses[0]" in capsys.readouterr().err


def test_cli_date_and_minimum_options(capsys):
    assert main(["eligibility", str(EXAMPLES / "fluctuating.json"), "--date", "2025-05-02", "--min-observation-days", "200",
                 "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["result"]["on"] == "2025-05-02"
    assert out["result"]["fluctuation"]["shorter_than_minimum"] is True


def test_cli_text_is_the_default_like_every_command(capsys):
    assert main(["eligibility", "--example", "adult_eligible"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Eligibility of the adult's needs (SI 2015/313 reg 2)")
