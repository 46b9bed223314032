"""Traced parameter access: the only way a rule reads a figure.

A :class:`Reader` is bound to the parameters in force on one date (a
:class:`~careact.rules.ruleset.Resolved`) and to the explanation being recorded (a
:class:`~careact.explain.Trace`). Every read is reported to the trace, so the step the rule adds
next names the parameter, its value, the date it took effect and its citation; and every read's
source status is noted in a :class:`FigureLedger`, so a result says whether it rests on a figure
not yet verified against its instrument -- even when no explanation is kept.

A read takes a declaration, not a string (``read(capital.upper_limit)``), so a misspelt name is a
type error, and returns the value as rules compute with it: whole pence (``int``) for money, an
exact :class:`~careact.rules.declare.Rate` for a rate, the value itself otherwise.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

from ..errors import NoRulesInForce, UnknownParameter
from .declare import Decl, ScaleDecl
from .model import ParamValue, Status

if TYPE_CHECKING:
    from ..explain.steps import Trace
    from .ruleset import Resolved

__all__ = ["FigureLedger", "Reader"]

V = TypeVar("V")
_VERIFIED, _UNVERIFIED = Status.VERIFIED, Status.UNVERIFIED


class FigureLedger:
    """The figures an evaluation used whose source is not verified, by status."""

    __slots__ = ("secondary", "unverified")

    def __init__(self) -> None:
        self.secondary: dict[str, None] = {}
        self.unverified: dict[str, None] = {}

    def note(self, pv: ParamValue) -> None:
        status = pv.citation.status
        if status is _VERIFIED:
            return
        label = f"{pv.name}[{pv.key}]" if pv.key else pv.name
        (self.unverified if status is _UNVERIFIED else self.secondary)[label] = None

    def merge(self, other: FigureLedger) -> None:
        self.secondary.update(other.secondary)
        self.unverified.update(other.unverified)

    @property
    def status(self) -> Status:
        if self.unverified:
            return Status.UNVERIFIED
        if self.secondary:
            return Status.SECONDARY
        return Status.VERIFIED


class Reader:
    """Reads declared parameters in force on one date, recording each read."""

    __slots__ = ("_tracing", "_values", "figures", "res", "trace")

    def __init__(self, res: Resolved, trace: Trace, figures: FigureLedger | None = None) -> None:
        self.res = res
        self.trace = trace
        self.figures = figures if figures is not None else FigureLedger()
        self._values = res._values
        self._tracing = trace.enabled

    @property
    def on(self) -> Any:
        return self.res.on

    def param(self, decl: Decl[Any]) -> ParamValue:
        """The parameter in force, with its provenance (recorded as read)."""
        pv = self.res[decl.name]
        self.trace.read(pv)
        self.figures.note(pv)
        return pv

    def __call__(self, decl: Decl[V]) -> V:
        """The value of ``decl`` as rules compute with it (recorded as read)."""
        pv = self._values.get(decl.name)
        if pv is None:
            pv = self.res[decl.name]  # raises, naming the parameter
        if self._tracing:
            self.trace.read(pv)
        if pv.citation.status is not _VERIFIED:
            self.figures.note(pv)
        return pv.kernel  # type: ignore[no-any-return]

    def cell_param(self, decl: ScaleDecl[Any], key: str) -> ParamValue:
        """One cell of a scale, with its provenance (recorded as read)."""
        pv = self.res.cell(decl.name, key)
        self.trace.read(pv)
        self.figures.note(pv)
        return pv

    def cell(self, decl: ScaleDecl[V], key: str) -> V:
        """One cell of a scale as rules compute with it (recorded as read)."""
        return self.cell_param(decl, key).kernel  # type: ignore[no-any-return]

    def optional(self, decl: Decl[V]) -> V | None:
        """The value of a term only some rule sets set (a reform's), or ``None`` where none is in force.

        A term that is set is recorded as read; one that is not set leaves nothing to record.
        """
        if decl.name not in self.res:
            return None
        return self(decl)

    def has(self, decl: Decl[Any]) -> bool:
        """Whether the rule set sets ``decl`` on this date (not itself a read)."""
        return decl.name in self.res

    def scale(self, decl: ScaleDecl[V]) -> dict[str, V]:
        """Every cell of a scale, each recorded as read."""
        pv = self.res[decl.name]
        return {k: self.cell(decl, k) for k in pv.value}


def missing(decl: Decl[Any], res: Resolved) -> LookupError:  # pragma: no cover - thin helper
    try:
        res[decl.name]
    except (NoRulesInForce, UnknownParameter) as exc:
        return exc
    return LookupError(decl.name)
