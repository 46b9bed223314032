"""careact events in the durable-rules engine (the optional ``careact[events]`` extra).

For a case-management system that already runs its event rules on `durable_rules
<https://pypi.org/project/durable_rules/>`_: a ruleset whose facts are careact events, one rule per
event type of the vocabulary, whose action is :func:`careact.events.apply_event`. Each case is a
durable-rules session (``sid`` = the case reference); careact keeps the case's
:class:`~careact.events.CaseState` and hands back the :class:`~careact.events.EventOutcome`::

    from careact.events.durable import CaseRules

    with CaseRules() as rules:
        outcome = rules.post({"type": "financial_assessment", "id": "E1", "effective": "2025-04-07",
                              "case": {...}}, case="CASE-2207")
        outcome = rules.post({"type": "review", "id": "E2", "effective": "2025-06-02"}, case="CASE-2207")
        state = rules.state("CASE-2207")          # store it; CaseRules(states={...}) resumes

The rules decide nothing themselves: every charge, reassessment and notice comes from
:mod:`careact.events`, so the durable-rules path and the library give the same answers.

**Isolation.** durable-rules keeps process-global registries: ``durable.lang`` collects every ruleset
defined with ``with ruleset(...)`` into one module-level host, and the native engine keeps every
ruleset in one process-wide handle table (131,072 entries) that the Python package never frees.
:class:`CaseRules` uses neither of the module-level globals: each instance builds its own ruleset
definition under a unique name (``careact_events_<uuid>``) on its own host, and :meth:`CaseRules.close`
(or leaving the ``with`` block) frees the native ruleset. Nothing is shared between instances, and
nothing outlives one.

**Limits, plainly.**

* durable_rules' last release is 2.0.28 (2020); the project is not maintained on PyPI.
* It has no wheels for current Pythons: pip compiles its C engine from source (a C compiler and the
  Python headers are needed). It builds and runs on CPython 3.11, with deprecation warnings; its C
  source calls ``PyEval_CallObject``, which Python 3.13 removed, so the released version does not build
  on 3.13 or later (jruizgit/rules issue #404; the fix, pull request #403, is merged upstream but not
  released). Where it is not installed, importing this module works and :class:`CaseRules` raises
  :class:`DurableRulesUnavailable`.
* Its ``Host`` starts two timer threads that poll every ruleset for time-based rules. careact uses no
  timers and starts no threads: :class:`CaseRules` runs a host without them, so durable-rules timers
  (``timeout``) cannot be used in this ruleset.
* Actions run synchronously inside :meth:`CaseRules.post`; an instance is not safe to share between
  threads (use one per thread, or a lock).
* durable-rules stores an exception raised by an action in the session's state and carries on; careact
  catches its own errors in the action instead, and :meth:`CaseRules.post` raises them.
* Events are posted (consumed once), not asserted as lasting facts: the case's history is careact's
  event log in the :class:`~careact.events.CaseState`, which durable-rules does not keep.
"""

from __future__ import annotations

import importlib
import uuid
from collections.abc import Iterable, Mapping
from types import ModuleType, TracebackType
from typing import Any

from ..errors import CareactError
from ..results import OverlaySpec, resolve_rules
from ..rules import RuleSet
from .apply import apply_event
from .outcome import EventOutcome
from .state import CaseState
from .vocabulary import EVENT_TYPES, Event, parse_event

__all__ = ["CaseRules", "DurableRulesUnavailable", "durable_available", "ruleset_definition"]

_INSTALL = "pip install 'careact[events]' (durable_rules compiles a C extension: it needs a C compiler and Python 3.12 or earlier)"


class DurableRulesUnavailable(CareactError, ImportError):
    """durable_rules is not installed (or did not build) in this environment."""


def _modules() -> tuple[ModuleType, ModuleType]:
    try:
        engine = importlib.import_module("durable.engine")
        native = importlib.import_module("durable_rules_engine")
    except ImportError as exc:
        raise DurableRulesUnavailable(f"the durable-rules adapter needs durable_rules: {_INSTALL} ({exc})") from exc
    return engine, native


def durable_available() -> bool:
    """Whether durable_rules can be imported here."""
    try:
        _modules()
    except DurableRulesUnavailable:
        return False
    return True


def ruleset_definition(action: Any) -> dict[str, Any]:
    """A durable-rules ruleset definition: for each event type of the vocabulary, when a posted message has
    that ``type``, run ``action`` (a durable-rules action taking the closure ``c``; the event is ``c.m``)."""
    return {f"r_{i}": {"all": [{"m": {"type": kind}}], "run": action} for i, kind in enumerate(EVENT_TYPES)}


class CaseRules:
    """A durable-rules ruleset of careact events, on a host of its own (see the module's notes)."""

    def __init__(self, *, rules: RuleSet | None = None, overlays: Iterable[OverlaySpec] | OverlaySpec | None = (),
                 explain: bool = True, states: Mapping[str, CaseState] | None = None) -> None:
        engine, self._native = _modules()
        self._engine = engine
        self._rules = resolve_rules(rules, overlays)
        self._explain = explain
        self._states: dict[str, CaseState] = dict(states or {})
        self._results: dict[str, EventOutcome | BaseException] = {}
        self.name = f"careact_events_{uuid.uuid4().hex}"
        host_class = type("CareactHost", (engine.Host,), {"_run": lambda self: None})  # no polling threads
        self._host: Any = host_class()
        self._host.register_rulesets({self.name: ruleset_definition(self._action)})

    # ------------------------------------------------------------------ the action

    def _action(self, c: Any) -> None:
        """durable-rules action: apply the posted event to its case with :func:`careact.events.apply_event`."""
        message = dict(c.m._d)  # the posted message, as durable-rules parsed it back
        case = str(message.pop("sid"))
        try:
            state, outcome = apply_event(self._states.get(case, CaseState()), message, rules=self._rules,
                                         explain=self._explain)
        except Exception as exc:  # noqa: BLE001 - handed to post(), which raises it; durable-rules would keep it
            self._results[case] = exc
            return
        self._states[case] = state
        self._results[case] = outcome

    # ------------------------------------------------------------------ use

    def post(self, event: Event | dict[str, Any], *, case: str) -> EventOutcome:
        """Post one event for the case ``case`` and return its outcome (raising careact's error if it cannot apply)."""
        if self._host is None:
            raise RuntimeError(f"the ruleset {self.name} is closed")
        parsed = parse_event(event)
        message = {**parsed.model_dump(mode="json", by_alias=True, exclude_unset=True), "type": parsed.type, "sid": case}
        self._results.pop(case, None)
        self._host.post(self.name, message)
        result = self._results.pop(case)
        if isinstance(result, BaseException):
            raise result
        return result

    def state(self, case: str) -> CaseState:
        """The case's state (a new case's if nothing was posted for it)."""
        return self._states.get(case, CaseState())

    @property
    def cases(self) -> tuple[str, ...]:
        return tuple(self._states)

    def close(self) -> None:
        """Free the native ruleset. The instance cannot be used afterwards."""
        if self._host is None:
            return
        ruleset = self._host.get_ruleset(self.name)
        self._native.delete_ruleset(ruleset._handle)
        self._host = None

    def __enter__(self) -> CaseRules:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()
