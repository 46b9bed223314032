"""Every reassessment an event makes is a charging result that replays byte for byte (careact.replay)."""

from __future__ import annotations

import json
from importlib import resources

from careact.events import CaseState, apply_events
from careact.replay import replay

STREAM = [json.loads(line) for line in resources.files("careact").joinpath("examples/events/moving_into_a_care_home.jsonl")
          .read_text("utf-8").splitlines() if line.strip()]


def test_the_bundled_events_reassessments_replay_byte_identical() -> None:
    _, outcomes = apply_events(CaseState(), STREAM)
    results = [r.result for o in outcomes for r in o.reassessments]
    assert len(results) >= len(STREAM)
    for result in results:
        report = replay(result.model_dump(mode="json", by_alias=True))
        assert report.identical, report.render_text()
