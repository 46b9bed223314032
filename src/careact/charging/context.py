"""The evaluation context a charging rule receives: its array namespace, its parameter reader, its trace.

One rule function serves two evaluations. For one case (:meth:`Ctx.one_case`) values are Python
``int``/``bool``, every parameter read is recorded in the explanation, and flags for an officer are
collected. For a population (:mod:`careact.population`) the same function receives NumPy columns,
records no explanation and collects no flags. A rule writes ``if c.explain:`` around the
explanation it adds and ``if c.case and ...:`` around a flag; everything else is the same code.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar

from ..arrays import SCALAR, Ops
from ..explain.steps import NullTrace, Trace
from ..rules.declare import Decl
from ..rules.reader import FigureLedger, Reader
from ..rules.ruleset import Resolved
from .models import Flag

__all__ = ["Ctx"]

V = TypeVar("V")


@dataclass(slots=True)
class Ctx:
    """What a charging rule works with."""

    xp: Ops
    r: Reader
    t: Trace
    on: date
    on_day: int  # ``on`` as a day number (``date.toordinal``), for date arithmetic in whole days
    explain: bool
    case: bool
    flags: list[Flag] = field(default_factory=list)

    @classmethod
    def one_case(cls, res: Resolved, on: date, *, explain: bool, figures: FigureLedger | None = None) -> Ctx:
        trace: Trace = Trace() if explain else NullTrace()
        return cls(SCALAR, Reader(res, trace, figures), trace, on, on.toordinal(), explain, True)

    def read_when(self, cond: Any, decl: Decl[V]) -> V:
        """Read ``decl`` where ``cond`` holds (one case: only then is the read recorded, as only then can
        it change the result; a population reads it once for everyone)."""
        if not self.case or cond:
            return self.r(decl)
        return self.r.res[decl.name].kernel  # type: ignore[no-any-return]

    def flag(self, code: str, message: str, citation: str | None = None, *, officer: bool = False) -> None:
        """A flag for this case (one case only)."""
        self.flags.append(Flag.build(code=code, message=message, citation=citation, needs_officer_decision=officer))
