"""Explanation steps: what a rule did, why, with which law and which parameter values.

Rules record their work in a :class:`Trace`. Each call to :meth:`Trace.add` appends a
:class:`Step` naming a :class:`RuleStep` (a stable id, a title and the legal citation), a one-line
statement (a translatable template with its arguments), the inputs it used, every parameter it
read (:class:`~careact.rules.ParamValue`, with value, start date, citation and layer) and its output.
:meth:`Trace.group` nests steps. :class:`NullTrace` accepts the same calls and records nothing, for
bulk runs that need only the figures.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from ..rules.model import ParamValue

__all__ = ["GBP", "N_", "NullTrace", "RuleStep", "Step", "Trace", "gbp"]


def N_(message: str) -> str:
    """Mark a statement template for translation (extracted into the gettext catalogue)."""
    return message


@dataclass(frozen=True, slots=True)
class GBP:
    """An argument of a statement that is money, so renderers format it as currency."""

    amount: Decimal


def gbp(amount: Decimal) -> GBP:
    return GBP(amount)


@dataclass(frozen=True, slots=True)
class RuleStep:
    """A rule careact applies: stable id, short title, the law it implements.

    ``citation`` is the pinpoint provision (``"SI 2014/2672 reg 25"``); ``guidance`` the statutory
    guidance paragraph where one applies. Modules define these as constants next to the function
    that applies them, and the rules reference in the documentation is generated from them.
    """

    id: str
    title: str
    citation: str
    href: str | None = None
    guidance: str | None = None


@dataclass(slots=True)
class Step:
    rule: RuleStep
    template: str
    args: Mapping[str, Any]
    inputs: Mapping[str, Any]
    params: Sequence[ParamValue]
    output: Any
    children: list[Step] = field(default_factory=list)

    def walk(self) -> Iterator[Step]:
        yield self
        for c in self.children:
            yield from c.walk()


class Trace:
    """Collects the steps of one evaluation, in order, as a tree."""

    __slots__ = ("_stack", "steps")
    enabled = True

    def __init__(self) -> None:
        self.steps: list[Step] = []
        self._stack: list[Step] = []

    def add(
        self,
        rule: RuleStep,
        template: str,
        *,
        args: Mapping[str, Any] | None = None,
        inputs: Mapping[str, Any] | None = None,
        params: Sequence[ParamValue] = (),
        output: Any = None,
    ) -> Step | None:
        step = Step(rule, template, args or {}, inputs or {}, tuple(params), output)
        (self._stack[-1].children if self._stack else self.steps).append(step)
        return step

    @contextmanager
    def group(
        self,
        rule: RuleStep,
        template: str,
        *,
        args: Mapping[str, Any] | None = None,
        inputs: Mapping[str, Any] | None = None,
        params: Sequence[ParamValue] = (),
    ) -> Iterator[Step | None]:
        """Nest the steps added inside the ``with`` block under a new step; set its output with :meth:`close`."""
        step = self.add(rule, template, args=args, inputs=inputs, params=params)
        assert step is not None
        self._stack.append(step)
        try:
            yield step
        finally:
            self._stack.pop()

    @staticmethod
    def close(step: Step | None, *, output: Any = None, args: Mapping[str, Any] | None = None) -> None:
        """Set the output (and any late arguments) of a group step once its children have run."""
        if step is None:
            return
        step.output = output
        if args:
            step.args = {**step.args, **args}

    def all_steps(self) -> Iterator[Step]:
        for s in self.steps:
            yield from s.walk()


class NullTrace(Trace):
    """A trace that records nothing: the same calls, no cost beyond the call."""

    __slots__ = ()
    enabled = False

    def add(self, rule, template, *, args=None, inputs=None, params=(), output=None):  # type: ignore[override]
        return None

    @contextmanager
    def group(self, rule, template, *, args=None, inputs=None, params=()):  # type: ignore[override]
        yield None
