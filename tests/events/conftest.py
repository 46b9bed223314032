"""Fixtures for the event tests."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from .helpers import HOME_CARE, RESIDENTIAL


@pytest.fixture
def home_care() -> dict[str, Any]:
    return copy.deepcopy(HOME_CARE)


@pytest.fixture
def residential() -> dict[str, Any]:
    return copy.deepcopy(RESIDENTIAL)
