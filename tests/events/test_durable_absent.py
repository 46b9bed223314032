"""Without durable_rules the adapter says what to install (this runs whether or not it is installed)."""

from __future__ import annotations

import pytest

import careact.events.durable as adapter
from careact.events.durable import CaseRules, DurableRulesUnavailable


def test_unavailable_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    def missing(name: str) -> object:
        raise ImportError(f"No module named {name!r}")

    monkeypatch.setattr(adapter.importlib, "import_module", missing)
    with pytest.raises(DurableRulesUnavailable, match=r"careact\[events\]"):
        CaseRules()
    assert not adapter.durable_available()
