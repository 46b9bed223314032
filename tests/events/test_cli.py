"""``careact events apply STATE EVENTS.jsonl``: text by default, JSON on request, errors by line and field."""

from __future__ import annotations

import json
from collections.abc import Sequence
from importlib import resources
from pathlib import Path

import pytest

from careact.cli import main
from careact.events import AppliedEvents, CaseState

EXAMPLES = resources.files("careact").joinpath("examples/events")
STREAM = str(EXAMPLES.joinpath("moving_into_a_care_home.jsonl"))
NEW = str(EXAMPLES.joinpath("new_case.json"))


def _write(tmp_path: Path, name: str, lines: Sequence[object]) -> str:
    path = tmp_path / name
    path.write_text("\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    return str(path)


def test_text_output_gives_each_reassessment_with_its_explanation(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["events", "apply", NEW, STREAM]) == 0
    out = capsys.readouterr().out
    assert out.count("Event EV-") == 7
    assert "Reassessment now from 2026-02-23: £950.00 a week" in out
    assert "because the 12-week property disregard ends" in out
    assert "How this was worked out" in out and "Law: SI 2014/2672" in out
    assert "Notice (refund): A refund of" in out
    assert "Scheduled: 2026-04-06" in out


def test_json_output_and_the_new_state_continue_where_they_stopped(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lines = Path(STREAM).read_text(encoding="utf-8").splitlines()
    first, rest = _write(tmp_path, "first.jsonl", lines[:4]), _write(tmp_path, "rest.jsonl", lines[4:])
    saved = tmp_path / "state.json"
    assert main(["events", "apply", NEW, first, "--format", "json", "--out", str(saved), "--no-explain"]) == 0
    applied = AppliedEvents.model_validate(json.loads(capsys.readouterr().out))
    assert [o.event_id for o in applied.outcomes] == ["EV-0001", "EV-0002", "EV-0003", "EV-0004"]
    assert all(r.result.explanation is None for o in applied.outcomes for r in o.reassessments)
    assert CaseState.model_validate_json(saved.read_text(encoding="utf-8")) == applied.state
    assert main(["events", "apply", str(saved), rest, "--format", "json"]) == 0
    second = AppliedEvents.model_validate(json.loads(capsys.readouterr().out))
    assert main(["events", "apply", NEW, STREAM, "--format", "json"]) == 0
    whole = AppliedEvents.model_validate(json.loads(capsys.readouterr().out))
    assert second.state == whole.state
    assert second.outcomes[0].reassessments[0].result.explanation is not None


@pytest.mark.parametrize(("line", "field"), [
    ('{"type": "care_cost_changed", "id": "x", "effective": "2025-05-05", "weekly_cost": 12.5}', "line 2.weekly_cost"),
    ('{"type": "benefit_stopped", "id": "x", "effective": "2025-05-05", "income_type": "pip_daily_living_standard"}',
     "line 2.income_type"),
    ('{"type": "care_cost_changed", "id": "x", "effective": "2025-05-05", "weekly_cost": "1.00"', "line 2"),
    ('{"type": "care_cost_changed", "id": "EV-0001", "effective": "2025-05-05", "weekly_cost": "1.00"}', "line 2.id"),
    ('{"type": "care_cost_changed", "id": "x", "effective": "2025-04-01", "reported": "2025-04-01", "weekly_cost": "1"}',
     "line 2.reported"),
])
def test_errors_name_the_line_and_the_field(tmp_path: Path, capsys: pytest.CaptureFixture[str], line: str, field: str) -> None:
    first = Path(STREAM).read_text(encoding="utf-8").splitlines()[0]
    events = _write(tmp_path, "events.jsonl", [first, line])
    out = tmp_path / "state.json"
    assert main(["events", "apply", NEW, events, "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert f"  {field}: " in err and "Traceback" not in err
    assert not out.exists()  # all or nothing


def test_a_bad_state_file_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    state = tmp_path / "state.json"
    state.write_text(json.dumps({"schema": "careact.events.state/1", "as_of": "yesterday"}), encoding="utf-8")
    assert main(["events", "apply", str(state), STREAM]) == 2
    assert "  state.as_of: " in capsys.readouterr().err
