"""The Dask executor gives the same results, case for case, as the local one (on a local Dask cluster).

Skipped only when the optional 'dask' extra (dask[distributed]) is not installed; .ci/run installs it.
"""

from __future__ import annotations

import pytest

pytest.importorskip("distributed", reason="dask[distributed] is not installed (the optional 'dask' extra)")

from datetime import date

from careact.reform.population import run_population, synthetic_population

START = date(2024, 4, 1)  # the synthetic population's first care start


def test_dask_matches_local_case_for_case():
    serial = run_population(40, on=START, reform="reform_2021", years=5, seed=8, executor="serial")
    dask = run_population(40, on=START, reform="reform_2021", years=5, seed=8, executor="dask", workers=2)
    assert dask.stats.executor == "dask"
    assert [o.id for o in dask.outcomes] == [o.id for o in serial.outcomes]
    assert dask.outcomes == serial.outcomes
    assert dask.errors == serial.errors
    assert dask.summary == serial.summary


def test_dask_with_a_population_list():
    people = synthetic_population(16, seed=5)
    a = run_population(people, on=START, reform="care_act_2016", years=3, executor="serial")
    b = run_population(people, on=START, reform="care_act_2016", years=3, executor="dask", workers=2, chunksize=3)
    assert a.outcomes == b.outcomes
