"""Comparisons the monotonicity property tests share."""

from __future__ import annotations

import math


def between(low: float, high: float, value: float) -> bool:
    """`value` lies between the other two, up to floating-point noise."""
    low, high = sorted((low, high))
    if value in (low, high):
        return True
    slack = 1e-9 * max(abs(low) if math.isfinite(low) else 0, abs(high) if math.isfinite(high) else 0, 1)
    return low - slack <= value <= high + slack
