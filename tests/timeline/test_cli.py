"""``careact timeline`` on the bundled examples."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from careact.cli import main

EXAMPLES = Path(__file__).parents[2] / "src" / "careact" / "examples" / "timeline"


@pytest.mark.parametrize("name", sorted(p.name for p in EXAMPLES.glob("*.json")))
def test_examples_run_in_every_format(name, capsys):
    path = str(EXAMPLES / name)
    for fmt in ("text", "json", "csv"):
        assert main(["timeline", path, "--from", "2025-04-01", "--to", "2026-06-30", "--format", fmt]) == 0
        out = capsys.readouterr().out
        if fmt == "json":
            doc = json.loads(out)
            assert doc["schema"] == "careact.result.timeline/1"
            assert doc["periods"][0]["start"] == "2025-04-01"
        elif fmt == "csv":
            rows = list(csv.reader(io.StringIO(out)))
            assert rows[0][:4] == ["start", "end", "days", "weekly_charge"]


def test_arrears_example_reports_backdating(capsys):
    path = str(EXAMPLES / "home_care_uprating_and_arrears.json")
    assert main(["timeline", path, "--from", "2025-04-01", "--to", "2026-03-31", "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    b = doc["backdating"]
    assert b["total_difference"] == str(__import__("decimal").Decimal(b["total_due"]) - __import__("decimal").Decimal(b["total_charged"]))


def test_bad_dates_exit_2(capsys, tmp_path):
    path = str(EXAMPLES / "temporary_stay_becomes_permanent.json")
    assert main(["timeline", path, "--from", "2025-04-01", "--to", "2025-01-01"]) == 2
