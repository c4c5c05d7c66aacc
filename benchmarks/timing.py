"""Timing helpers: best of several repeats, so that noise only ever slows a side down."""

from __future__ import annotations

import time
from collections.abc import Callable

import attrs


def best_of(fn: Callable[[], object], repeats: int) -> float:
    """The fastest of ``repeats`` runs of ``fn``, in seconds."""
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


@attrs.frozen
class Result:
    """One measured ratio and its target."""

    name: str
    subject: float
    baseline: float
    target: float | None
    """``None``: measured and shown, with no target (see the docs for why)."""

    @property
    def ratio(self) -> float:
        """Subject time over baseline time."""
        return self.subject / self.baseline

    @property
    def met(self) -> bool:
        """Whether the ratio is within its target (a result without a target always is)."""
        return self.target is None or self.ratio <= self.target

    def line(self) -> str:
        """One printed line: name, both times, ratio and target."""
        verdict = "met" if self.met else "MISSED"
        target = f"target ≤ {self.target:.2f}×" if self.target is not None else "no target"
        if self.target is None:
            verdict = "shown"
        return (
            f"{self.name:<48} {self.subject * 1e3:9.1f} ms  vs {self.baseline * 1e3:9.1f} ms  "
            f"ratio {self.ratio:6.2f}× ({target})  {verdict}"
        )
