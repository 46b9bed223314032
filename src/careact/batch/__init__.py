"""Bulk re-assessment: every case of a file under two rule specs, diffed, resumable, on every core.

The April run compares each case on the last day of the old financial year and the first of the new::

    from careact.batch import reassess
    for outcome in reassess(cases, "england@2025-03-31", "england@2025-04-07"):
        print(outcome.row, outcome.diff["change"] if outcome.ok else outcome.error["reason"])

or, from files, with a checkpoint so an interrupted run resumes where it stopped::

    careact batch cases.csv --from-ruleset england@2025-03-31 --to-ruleset england@2025-04-07 --out april/

See :mod:`careact.batch.inputs` for the CSV columns and :mod:`careact.batch.runner` for the outputs.
"""

from __future__ import annotations

from .core import CaseOutcome, moved_parameters, parameters_read, reassess, reassess_chunks
from .inputs import InputRow, read_cases, read_csv, read_jsonl, unflatten
from .runner import BatchRun, render_summary, run_batch
from .spec import RuleSpec

__all__ = [
    "BatchRun",
    "CaseOutcome",
    "InputRow",
    "RuleSpec",
    "moved_parameters",
    "parameters_read",
    "read_cases",
    "read_csv",
    "read_jsonl",
    "reassess",
    "reassess_chunks",
    "render_summary",
    "run_batch",
    "unflatten",
]
