"""Without durable_rules the adapter says what to install (this runs whether or not it is installed)."""

from __future__ import annotations

import sys

import pytest

from careact.events.durable import CaseRules, DurableRulesUnavailable, durable_available


def test_unavailable_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "durable_rules_engine", None)  # as if it were not installed
    with pytest.raises(DurableRulesUnavailable, match=r"careact\[events\]"):
        CaseRules()
    assert not durable_available()
