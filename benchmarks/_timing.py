"""Small helpers shared by the benchmark modules."""

from __future__ import annotations

import time
from collections.abc import Callable


def best_of(fn: Callable[[], object], repeat: int = 3) -> float:
    """The fastest of `repeat` runs, in seconds (the least disturbed by the rest of the machine)."""
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


def entry(name: str, n: int, seconds: float, baseline: str, baseline_seconds: float, **extra) -> dict:
    return {"name": name, "n": n, "seconds": round(seconds, 4), "baseline": baseline,
            "baseline_seconds": round(baseline_seconds, 4),
            "ratio": round(seconds / baseline_seconds, 2) if baseline_seconds else None, **extra}
