"""The evaluation context a charging rule receives: its array namespace, its parameter reader, its trace.

One rule function serves two evaluations. For one case (:meth:`Ctx.one_case`) values are Python
``int``/``bool``, every parameter read is recorded in the explanation, and flags for an officer are
collected. For a population (:mod:`careact.population`) the same function receives NumPy columns,
records no explanation and collects no flags. A rule writes ``if c.explain:`` around the
explanation it adds and ``if c.case and ...:`` around a flag; everything else is the same code.

A rule that applies only to some cases is written with :meth:`Ctx.when` (or :meth:`Ctx.branch`, or
:meth:`Ctx.read_when` for a single parameter): one case evaluates it only where it applies, so its
explanation names only what the case used, and a population evaluates it for everyone and selects.
A value that depends on a code of the case (a category, a catalogue entry) is read with
:meth:`Ctx.pick`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
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


def _is_column(x: Any) -> bool:
    return hasattr(x, "all") and hasattr(x, "shape")


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

    def when(self, cond: Any, then: Callable[[], V], otherwise: Any = 0) -> V:
        """``then()`` where ``cond`` holds, else ``otherwise``.

        One case evaluates ``then`` only when ``cond`` holds, so the parameters it reads and the steps
        it explains are recorded only then; a population evaluates it for everyone and selects. A tuple
        result is selected element by element.
        """
        if self.case or not _is_column(cond):  # one case, or the same for everyone
            return then() if cond else otherwise
        if not cond.any():  # no one: nothing to evaluate
            return otherwise  # type: ignore[no-any-return]
        if cond.all():
            return then()
        selected: V = self._select(cond, then(), otherwise)
        return selected

    def branch(self, cond: Any, then: Callable[[], V], otherwise: Callable[[], V]) -> V:
        """``then()`` where ``cond`` holds, else ``otherwise()`` (one case evaluates only the one that applies)."""
        if self.case or not _is_column(cond):
            return then() if cond else otherwise()
        if not cond.any():
            return otherwise()
        if cond.all():
            return then()
        selected: V = self._select(cond, then(), otherwise())
        return selected

    def pick(self, code: Any, n: int, value_of: Callable[[int], V]) -> V:
        """``value_of(code)``: one case reads only the entry its code selects; a population looks each
        person's code up in the table of all ``n`` entries."""
        if self.case:
            return value_of(code)
        return self.xp.take([value_of(k) for k in range(n)], code)  # type: ignore[no-any-return]

    def _select(self, cond: Any, a: Any, b: Any) -> Any:
        if dataclasses.is_dataclass(a) and not isinstance(a, type):
            return type(a)(**{f.name: self._select(cond, getattr(a, f.name), getattr(b, f.name)) for f in dataclasses.fields(a)})
        if isinstance(a, tuple):
            bs = b if isinstance(b, tuple) else (b,) * len(a)
            return tuple(self.xp.where(cond, x, y) for x, y in zip(a, bs, strict=True))
        return self.xp.where(cond, a, b)

    def flag(self, code: str, message: str, citation: str | None = None, *, officer: bool = False) -> None:
        """A flag for this case (one case only)."""
        self.flags.append(Flag.build(code=code, message=message, citation=citation, needs_officer_decision=officer))
