from __future__ import annotations

import json
import warnings

import pytest

warnings.filterwarnings("ignore", message=".*httpx.*")
pytest.importorskip("fastapi")

from fastapi.testclient import TestClient

from careact.charging import example_case
from careact.server import create_app


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(create_app(), raise_server_exceptions=False)


@pytest.fixture
def case() -> dict:
    return json.loads(example_case("home_care_pensioner").model_dump_json(by_alias=True))
