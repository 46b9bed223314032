"""Explanation steps: what a rule did, why, with which law and which parameter values.

Rules record their work in a :class:`Trace`. Each call to :meth:`Trace.add` appends a
:class:`Step` naming a :class:`RuleStep` (a stable id, a title and the legal citation), a one-line
statement (a translatable template with its arguments), the inputs it used, every parameter it
read (:class:`~careact.rules.ParamValue`, with value, start date, citation and layer) and its output.
:meth:`Trace.group` nests steps. :class:`NullTrace` accepts the same calls and records nothing, for
bulk runs that need only the figures.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from ..rules.model import ParamValue

__all__ = ["GBP", "N_", "NullTrace", "Pence", "RuleStep", "Step", "Trace", "gbp"]


def N_(message: str) -> str:
    """Mark a statement template for translation (extracted into the gettext catalogue)."""
    return message


@dataclass(frozen=True, slots=True)
class GBP:
    """An argument of a statement that is money, so renderers format it as currency."""

    amount: Decimal


def gbp(amount: Decimal) -> GBP:
    return GBP(amount)


class Pence(int):
    """An amount of money in whole pence, in an explanation: a statement argument formatted as currency
    and an output written as pounds (``Pence(1234)`` is ``"12.34"``), with no Decimal made on the way."""

    __slots__ = ()

    def pounds_text(self) -> str:
        """``"-12.34"``: pounds and pence, the form money takes in careact's JSON."""
        q, r = divmod(abs(int(self)), 100)
        return f"{'-' if self < 0 else ''}{q}.{r:02d}"

    def display_en_gb(self) -> str:
        """``"-£1,234.50"``: how en-GB writes it."""
        q, r = divmod(abs(int(self)), 100)
        return f"{'-' if self < 0 else ''}£{q:,}.{r:02d}"


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
    citation_items: tuple[tuple[str, Any], ...] = field(init=False, repr=False, compare=False, default=())

    def __post_init__(self) -> None:
        items: list[tuple[str, Any]] = [("text", self.citation)]
        if self.href:
            items.append(("href", self.href))
        if self.guidance:
            items.append(("guidance", self.guidance))
        object.__setattr__(self, "citation_items", tuple(items))


@dataclass(slots=True)
class Step:
    rule: RuleStep
    template: str
    args: Mapping[str, Any]
    inputs: Mapping[str, Any]
    params: list[ParamValue]
    output: Any
    children: list[Step] = field(default_factory=list)

    def walk(self) -> Iterator[Step]:
        yield self
        for c in self.children:
            yield from c.walk()


class Trace:
    """Collects the steps of one evaluation, in order, as a tree, with every parameter read.

    Rules never list the parameters they read: a :class:`~careact.rules.reader.Reader` reports each
    read here (:meth:`read`), and the next step added takes every read since the previous one. A
    group (:meth:`group`) takes the reads made before it opens and any its children leave behind,
    so no read can fall out of the explanation: :meth:`finish` gives any left at the end to the last
    step.
    """

    __slots__ = ("_pending", "_stack", "steps")
    enabled = True

    def __init__(self) -> None:
        self.steps: list[Step] = []
        self._stack: list[Step] = []
        self._pending: list[ParamValue] = []

    def read(self, param: ParamValue) -> None:
        """Record that a rule read ``param``; the next step added carries it."""
        self._pending.append(param)

    def add(
        self,
        rule: RuleStep,
        template: str,
        *,
        args: Mapping[str, Any] | None = None,
        inputs: Mapping[str, Any] | None = None,
        output: Any = None,
    ) -> Step | None:
        params = self._pending
        self._pending = []
        step = Step(rule, template, args or {}, inputs or {}, _dedupe(params), output)
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
    ) -> Iterator[Step | None]:
        """Nest the steps added inside the ``with`` block under a new step; set its output with :meth:`close`."""
        step = self.add(rule, template, args=args, inputs=inputs)
        assert step is not None
        self._stack.append(step)
        try:
            yield step
        finally:
            self._stack.pop()
            if self._pending:
                step.params = _dedupe([*step.params, *self._pending])
                self._pending = []

    @staticmethod
    def close(step: Step | None, *, output: Any = None, args: Mapping[str, Any] | None = None) -> None:
        """Set the output (and any late arguments) of a group step once its children have run."""
        if step is None:
            return
        step.output = output
        if args:
            step.args = {**step.args, **args}

    def finish(self) -> None:
        """Give any reads not yet taken by a step to the last top-level step."""
        if self._pending and self.steps:
            last = self.steps[-1]
            last.params = _dedupe([*last.params, *self._pending])
            self._pending = []

    def all_steps(self) -> Iterator[Step]:
        for s in self.steps:
            yield from s.walk()


def _dedupe(params: list[ParamValue]) -> list[ParamValue]:
    """The reads of one step, each parameter (or scale cell) once, in the order first read."""
    if len(params) < 2:
        return params
    seen: set[tuple[str, str | None]] = set()
    out = []
    for p in params:
        k = (p.name, p.key)
        if k not in seen:
            seen.add(k)
            out.append(p)
    return out


class NullTrace(Trace):
    """A trace that records nothing: the same calls, no cost beyond the call."""

    __slots__ = ()
    enabled = False

    def read(self, param: ParamValue) -> None:
        return None

    def add(self, rule: RuleStep, template: str, *, args: Mapping[str, Any] | None = None,
            inputs: Mapping[str, Any] | None = None, output: Any = None) -> Step | None:
        return None

    @contextmanager
    def group(self, rule: RuleStep, template: str, *, args: Mapping[str, Any] | None = None,
              inputs: Mapping[str, Any] | None = None) -> Iterator[Step | None]:
        yield None

    def finish(self) -> None:
        return None
