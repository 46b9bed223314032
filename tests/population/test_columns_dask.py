"""The columnar code on a Dask cluster (a LocalCluster here; ``--dask-address`` names a real scheduler) and on local
processes gives the same results as one process: the means test, and the care accounts of reform scenarios.

Skipped only when the optional 'dask' extra (dask[distributed]) is not installed; .ci/run installs it.
"""

from __future__ import annotations

import pytest

pytest.importorskip("distributed", reason="dask[distributed] is not installed (the optional 'dask' extra)")

import random
from datetime import date

import numpy as np
from tests.population.casegen import random_case

from careact.charging.models import ChargingCase
from careact.population import to_columns
from careact.population.assess import assess_columns, assess_partitioned
from careact.population.scenarios import compare_reforms, sweep

ON = date(2025, 4, 7)


def test_scenarios_on_dask_equal_one_process() -> None:
    one = compare_reforms(500, on=ON, reforms=["reform_2021", "free_personal_care"], years=3, seed=12, executor="serial")
    dask = compare_reforms(500, on=ON, reforms=["reform_2021", "free_personal_care"], years=3, seed=12,
                           executor="dask", workers=2, chunksize=120)
    assert dask.stats.executor == "dask" and dask.stats.chunks == 5
    assert one.summary().equals(dask.summary())
    assert one.people().equals(dask.people())
    assert one.years().equals(dask.years())


def test_a_sweep_on_local_processes_equals_one_process() -> None:
    grid = {"reform.cap.amount": ["50000", "90000"]}
    one = sweep(300, on=ON, reform="reform_2021", grid=grid, years=4, seed=3, executor="serial")
    local = sweep(300, on=ON, reform="reform_2021", grid=grid, years=4, seed=3, executor="local", workers=2, chunksize=100)
    assert local.stats.executor == "local"
    assert one.summary().equals(local.summary())


def test_the_means_test_partitioned_on_dask_equals_one_call() -> None:
    rng = random.Random(4)
    cases = [ChargingCase.model_validate(random_case(rng, ON)) for _ in range(1_500)]
    population = to_columns(cases)
    one = assess_columns(population, on=ON, overlays=["council/reading"])
    dask = assess_partitioned(population, on=ON, overlays=["council/reading"], executor="dask", workers=2,
                              chunksize=400)
    assert np.array_equal(one.ok, dask.ok)
    for name, values in one.figures.items():
        assert np.array_equal(values, dask.figures[name]), name
    assert [(p.row, p.field) for p in one.problems] == [(p.row, p.field) for p in dask.problems]
