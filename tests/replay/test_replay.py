"""Replay: every bundled example's result is reproduced byte for byte; a changed rule is named.

Sources: the bundled examples in ``src/careact/examples/**`` (charging cases, timeline cases and
eligibility assessments, careact's own illustrative cases, 2025-26 rules).
"""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest

from careact.charging import assess, example_case, example_names
from careact.cli import main
from careact.errors import InputError
from careact.replay import canonical_json, replay
from careact.rules import bundled_overlays, load_ruleset
from careact.rules.catalogue import DATA_DIR

EXAMPLES = Path(__file__).resolve().parents[2] / "src" / "careact" / "examples"
DATES = (date(2025, 6, 1), date(2026, 4, 6))


def _record(name: str, on: date, overlay=None, **kw) -> dict:
    return assess(example_case(name), on=on, overlay=overlay, **kw).model_dump(mode="json", by_alias=True)


def test_every_example_directory_is_covered():
    kinds = {p.name for p in EXAMPLES.iterdir() if p.is_dir() and any(p.glob("*.json"))}
    # reform examples are care spells for `careact reform compare`, a model run rather than a recorded
    # decision: its result does not record the inputs that replay re-runs; the reassessments of the bundled
    # event stream replay in tests/events/test_replay.py
    assert kinds - {"reform"} <= {"charging", "timeline", "eligibility", "events"}, f"new example kind to replay: {kinds}"


@pytest.mark.parametrize("name", example_names())
@pytest.mark.parametrize("on", DATES)
def test_charging_examples_replay_byte_identical(name, on):
    recorded = _record(name, on)
    report = replay(json.dumps(recorded))
    assert report.identical, report.render_text()
    assert report.differences == () and report.parameter_changes == ()
    assert not report.ruleset_digest_changed and not report.version_changed
    assert report.recorded_digest == report.replayed_digest
    assert canonical_json(report.replayed) == canonical_json(recorded)


@pytest.mark.parametrize("name", example_names())
def test_charging_examples_replay_under_every_bundled_overlay(name):
    for overlay in bundled_overlays():
        try:
            recorded = _record(name, DATES[0], overlay)
        except InputError:
            continue  # an overlay may reject a case it does not cover
        report = replay(recorded)
        assert report.identical, (overlay, report.render_text())
        assert [o.status for o in report.overlays] == ["same"]
        assert report.overlays[0].source == overlay


@pytest.mark.parametrize("name", example_names())
def test_results_without_explanation_or_nulls_replay(name):
    recorded = assess(example_case(name), on=DATES[0], explain=False).model_dump(
        mode="json", by_alias=True, exclude_none=True
    )
    assert "explanation" not in recorded
    assert replay(recorded).identical


def _timeline_examples():
    return sorted((EXAMPLES / "timeline").glob("*.json"))


@pytest.mark.parametrize("path", _timeline_examples(), ids=lambda p: p.stem)
def test_timeline_examples_replay(path):
    from careact.charging.timeline import timeline

    doc = json.loads(path.read_text(encoding="utf-8"))
    start, end = date(2025, 4, 7), date(2026, 4, 30)
    tl = timeline(doc, start, end)
    # each period's assessment is a full charging result: each replays byte for byte
    for p in tl.periods:
        report = replay(p.result.model_dump(mode="json", by_alias=True))
        assert report.identical, (p.start, report.render_text())
    # the timeline document carries the normalised inputs it was run on, and replays as a whole
    recorded = tl.to_dict()
    assert recorded["inputs"]["case"]["reference"] == doc.get("case", doc).get("reference")
    report = replay(recorded)
    assert report.identical, report.render_text()
    assert report.kind == "careact.result.timeline/1"


def _eligibility_examples():
    return sorted((EXAMPLES / "eligibility").glob("*.json"))


@pytest.mark.parametrize("path", _eligibility_examples(), ids=lambda p: p.stem)
def test_eligibility_examples_replay(path):
    from careact.eligibility import determine

    case = json.loads(path.read_text(encoding="utf-8"))
    recorded = {**determine(case, on=date(2025, 6, 2)).to_dict(), "inputs": case}
    report = replay(recorded)
    assert report.identical, report.render_text()
    assert report.kind == "careact.eligibility/1"


# --------------------------------------------------------------------------- when something changed


@pytest.fixture
def corrected_rules(tmp_path):
    """A copy of the bundled rules with the 2025-26 personal expenses allowance corrected to £31.65."""
    root = tmp_path / "england"
    shutil.copytree(DATA_DIR / "england", root)
    text = (root / "allowances.toml").read_text(encoding="utf-8")
    assert text.count('value = "30.65"') == 1
    (root / "allowances.toml").write_text(text.replace('value = "30.65"', 'value = "31.65"'), encoding="utf-8")
    return load_ruleset(str(root))


def test_a_corrected_parameter_is_named_with_the_digest_change(corrected_rules):
    recorded = _record("residential_couple_partner_at_home", DATES[0])
    report = replay(recorded, rules=corrected_rules)
    assert not report.identical
    assert report.ruleset_digest_changed and report.base_digest_changed
    paths = {d.path for d in report.differences}
    assert {"weekly_charge", "total_allowances", "available_income", "ruleset.digest"} <= paths
    [change] = report.parameter_changes
    assert change.name == "allowances.personal_expenses"
    assert str(change.before.value) == "30.65" and str(change.after.value) == "31.65"
    text = report.render_text()
    assert "recorded rule-set digest" in text and recorded["ruleset"]["digest"] in text
    assert corrected_rules.digest in text
    assert "allowances.personal_expenses" in text
    assert "same version number with different content" in text
    weekly = {d.path: d for d in report.differences}["weekly_charge"]
    assert (weekly.recorded, weekly.replayed) == ("262.78", "261.78")


def test_the_recorded_rules_give_the_changes_through_rules_diff(corrected_rules):
    recorded = _record("residential_couple_partner_at_home", DATES[0])
    report = replay(recorded, rules=corrected_rules, recorded_rules=load_ruleset("england"))
    assert [c.name for c in report.parameter_changes] == ["allowances.personal_expenses"]


def test_a_formatting_only_change_keeps_the_digest_and_replays(tmp_path):
    root = tmp_path / "england"
    shutil.copytree(DATA_DIR / "england", root)
    misc = root / "misc.toml"
    misc.write_text(misc.read_text(encoding="utf-8") + "\n# a comment\n", encoding="utf-8")
    same = load_ruleset(str(root))
    assert same.digest == load_ruleset("england").digest
    assert replay(_record("residential_single", DATES[0]), rules=same).identical


def test_a_digest_change_is_named_even_when_no_figure_moves(tmp_path):
    root = tmp_path / "england"
    shutil.copytree(DATA_DIR / "england", root)
    dpa = root / "dpa.toml"
    text = dpa.read_text(encoding="utf-8")
    dpa.write_text(text.replace('note = "', 'note = "(edited) ', 1), encoding="utf-8")
    edited = load_ruleset(str(root))
    recorded = _record("residential_single", DATES[0])
    report = replay(recorded, rules=edited)
    assert not report.identical and report.ruleset_digest_changed
    assert {d.path.split(".")[-1] for d in report.differences} == {"digest"}
    assert report.parameter_changes == ()
    assert recorded["ruleset"]["digest"] in report.reasons[0] and edited.digest in report.reasons[0]


def test_an_edited_recording_is_caught():
    recorded = _record("residential_single", DATES[0])
    recorded["weekly_charge"] = "1.00"
    report = replay(recorded)
    assert not report.identical
    assert [d.path for d in report.differences] == ["weekly_charge"]
    assert any("edited" in r for r in report.reasons)


def test_a_different_careact_version_is_named():
    recorded = _record("residential_single", DATES[0])
    recorded["careact_version"] = "0.0.1"
    report = replay(recorded)
    assert not report.identical and report.version_changed
    assert any("0.0.1" in r for r in report.reasons)


def test_an_overlay_that_is_not_bundled_must_be_supplied(tmp_path):
    overlay = tmp_path / "my_council.toml"
    overlay.write_text(
        """
[overlay]
name = "council.my_council"
version = "1.0.0"
layer = "council"
base = "england"
description = "test"
source = "My Council charging policy 2025, para 3"

[[parameter]]
name = "options.minimum_charge"
description = "Weekly charges below this amount are not collected"
unit = "GBP/week"
[[parameter.values]]
from = 2015-04-01
value = "2.00"
cite = "My Council charging policy 2025, para 3"
status = "verified"
""",
        encoding="utf-8",
    )
    recorded = _record("home_care_pensioner", DATES[0], str(overlay))
    with pytest.raises(InputError) as info:
        replay(recorded)
    assert info.value.fields == ("ruleset.overlays[0]",)
    report = replay(recorded, overlays=[overlay])
    assert report.identical
    assert report.overlays[0].status == "same"


@pytest.mark.parametrize(
    "doc, field",
    [
        ("not json", "(root)"),
        ("[]", "(root)"),
        ('{"schema": "careact.result.other/9"}', "schema"),
        ('{"schema": "careact.result.charging/1", "ruleset": {}, "inputs": {}}', "on"),
    ],
)
def test_unreplayable_documents_are_input_errors(doc, field):
    with pytest.raises(InputError) as info:
        replay(doc)
    assert info.value.fields[0] == field


# --------------------------------------------------------------------------- the command


def test_cli_replay_identical_and_different(tmp_path, corrected_rules, capsys):
    path = tmp_path / "result.json"
    path.write_text(json.dumps(_record("residential_couple_partner_at_home", DATES[0])), encoding="utf-8")
    assert main(["replay", str(path)]) == 0
    assert "byte-identical" in capsys.readouterr().out
    rules_dir = Path(corrected_rules.base.path)
    assert main(["replay", str(path), "--rules", str(rules_dir), "--format", "json"]) == 1
    out = json.loads(capsys.readouterr().out)
    assert out["identical"] is False and out["ruleset"]["digest_changed"] is True
    assert out["parameter_changes"][0]["name"] == "allowances.personal_expenses"
    bad = tmp_path / "bad.json"
    bad.write_text("{}", encoding="utf-8")
    assert main(["replay", str(bad)]) == 2


def test_recorded_inputs_that_no_longer_validate_are_named_under_inputs():
    recorded = _record("residential_single", DATES[0])
    recorded["inputs"]["care"]["weekly_cost"] = "-5.00"
    with pytest.raises(InputError) as info:
        replay(recorded)
    assert info.value.fields == ("inputs.care.weekly_cost",)
