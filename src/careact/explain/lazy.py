"""A read-only mapping view of an explanation whose JSON form is built only when first read.

Building the ``careact.explain/1`` document (formatting every statement and parameter) costs more
than the calculation itself; results hold this view so a caller who never reads the explanation
never pays for it, and one who does sees an ordinary mapping.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from .document import Explanation
from .steps import Step

__all__ = ["ExplanationView", "explanation_json"]


class ExplanationView(Mapping[str, Any]):
    __slots__ = ("_doc", "explanation")

    def __init__(self, explanation: Explanation) -> None:
        self.explanation = explanation
        self._doc: dict[str, Any] | None = None

    def _d(self) -> dict[str, Any]:
        if self._doc is None:
            self._doc = self.explanation.to_dict()
        return self._doc

    def __getitem__(self, key: str) -> Any:
        return self._d()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._d())

    def __len__(self) -> int:
        return len(self._d())

    def __repr__(self) -> str:
        return f"ExplanationView({self.explanation.subject!r}, on={self.explanation.on.isoformat()})"

    def to_dict(self) -> dict[str, Any]:
        return self._d()

    def render_text(self, locale: str = "en_GB") -> str:
        from .render import render_text

        return render_text(self._d(), locale=locale)

    def to_json(self, indent: int | None = 2) -> str:
        import json

        return json.dumps(self._d(), indent=indent, ensure_ascii=False, sort_keys=True)

    # the step tree itself, as :class:`~careact.explain.Explanation` gives it
    def walk(self) -> Iterator[Step]:
        yield from self.explanation.walk()

    def step_ids(self) -> list[str]:
        return self.explanation.step_ids()

    def find(self, step_id: str) -> Step:
        return self.explanation.find(step_id)

    def parameters_read(self) -> set[tuple[str, str | None]]:
        """Every parameter (and scale cell) the explanation records as read, as ``(name, key)``."""
        return {(p.name, p.key) for step in self.explanation.walk() for p in step.params}


def explanation_json(value: Any) -> Any:
    """Serialiser for result fields holding an explanation (a view, or a stored plain dict)."""
    if isinstance(value, ExplanationView):
        return value.to_dict()
    return value
