"""Exact coverage of an NPS interval, by enumerating every sample a true distribution can produce.

A sample of n answers is (b promoters, c detractors, n − b − c passives). Its probability
factors into the number of promoters drawn, then the number of detractors among the other
m = n − b answers: binomial twice without a customer base (the trinomial), hypergeometric
twice with one. Both are tabulated once for every n by the recurrence of drawing one more
answer, so the coverage of one true distribution costs O(n) given those tables: for fixed b
the samples whose interval holds the true NPS form a run of c (checked, with a slow path
if not), summed from prefix sums.

True distributions form the grid of the issue: promoter and detractor shares in steps of
0.05, extremes included (231 points). With a base of N customers, N is a multiple of 20 so
that every grid point is a whole number of customers.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import accumulate, pairwise

STEPS = 20
GRID = tuple((i, j) for i in range(STEPS + 1) for j in range(STEPS + 1 - i))
POINTS_PER_STEP = 100 / STEPS
TOLERANCE = 1e-9

# (b, c, n) → (low, high) in NPS points.
IntervalFunction = Callable[[int, int, int], tuple[float, float]]


@dataclass(frozen=True)
class Coverage:
    """Coverage of one n over the grid: the lowest, where it is, and the mean."""

    n: int
    lowest: float
    worst: tuple[int, int]
    mean: float


def with_replacement(share: float, largest: int) -> list[list[float]]:
    """Binomial probabilities of 0…k successes in k draws, for every k up to `largest`.

    Examples:
        >>> [[round(x, 2) for x in row] for row in with_replacement(0.5, 2)]
        [[1.0], [0.5, 0.5], [0.25, 0.5, 0.25]]
    """
    rows = [[1.0]]
    for _k in range(largest):
        previous = rows[-1]
        shifted = [0.0, *previous]
        rows.append([stay * (1 - share) + moved * share for stay, moved in zip([*previous, 0.0], shifted, strict=True)])
    return rows


def without_replacement(total: int, successes: int, largest: int) -> list[list[float]]:
    """Hypergeometric probabilities of 0…k successes in k draws from `total` items, for every k.

    Examples:
        >>> [[round(x, 3) for x in row] for row in without_replacement(3, 1, 2)]
        [[1.0], [0.667, 0.333], [0.333, 0.667, 0.0]]
    """
    rows = [[1.0]]
    for k in range(min(largest, total)):
        previous = rows[-1]
        left = total - k
        rows.append(
            [
                (previous[x] * (total - successes - (k - x)) if x <= k else 0.0) / left
                + (previous[x - 1] * (successes - (x - 1)) if x > 0 else 0.0) / left
                for x in range(k + 2)
            ]
        )
    return rows


def prefix_sums(rows: list[list[float]]) -> list[list[float]]:
    """Each row's running sums, starting with 0, so a run's probability is a difference."""
    return [[0.0, *accumulate(row)] for row in rows]


def _grid_index(value: float, rounding: Callable[[float], float]) -> int:
    return int(rounding(value / POINTS_PER_STEP)) + STEPS


def covered_runs(n: int, interval: IntervalFunction) -> list[list[tuple[int, int] | list[int]]]:
    """For each b and each true NPS on the grid (index k = 0…40), the c whose interval holds it.

    An entry is a run (first, last) of c, or a list of c when the samples covering k are not one run.
    """
    table: list[list[tuple[int, int] | list[int]]] = []
    for b in range(n + 1):
        lows, highs = [], []
        for c in range(n - b + 1):
            low, high = interval(b, c, n)
            lows.append(_grid_index(low - TOLERANCE, math.ceil))
            highs.append(_grid_index(high + TOLERANCE, math.floor))
        monotone = all(x >= y for x, y in pairwise(lows)) and all(x >= y for x, y in pairwise(highs))
        runs: list[tuple[int, int] | list[int]] = []
        # Both bounds fall as c grows: c from the first low ≤ k to the last high ≥ k.
        rising_lows, rising_highs = [-x for x in lows], [-x for x in highs]
        for k in range(2 * STEPS + 1):
            if monotone:
                runs.append((bisect_left(rising_lows, -k), bisect_right(rising_highs, -k) - 1))
            else:
                runs.append([c for c in range(n - b + 1) if lows[c] <= k <= highs[c]])
        table.append(runs)
    return table


def coverage_of(
    runs: list[list[tuple[int, int] | list[int]]],
    first: Sequence[float],
    second_rows: list[list[float]],
    second_sums: list[list[float]],
    k: int,
) -> float:
    """Probability that the interval holds the true NPS index `k`, for one true distribution."""
    n = len(first) - 1
    total = 0.0
    for b, chance in enumerate(first):
        if chance == 0.0:
            continue
        run = runs[b][k]
        m = n - b
        if isinstance(run, tuple):
            if run[0] <= run[1]:
                sums = second_sums[m]
                total += chance * (sums[run[1] + 1] - sums[run[0]])
        else:
            total += chance * sum(second_rows[m][c] for c in run)
    return total


def summarise(n: int, values: dict[tuple[int, int], float]) -> Coverage:
    """The lowest coverage over the grid, where it is, and the mean."""
    worst = min(values, key=values.__getitem__)
    return Coverage(n, values[worst], worst, sum(values.values()) / len(values))


def _detractors_among_the_rest(i: int, j: int) -> tuple[int, int]:
    # The share of detractors among answers that are not promoters, as a fraction j / (20 − i).
    return (j, STEPS - i) if i < STEPS else (0, 1)


def trinomial_coverage(ns: Sequence[int], interval: IntervalFunction) -> list[Coverage]:
    """Coverage for each n in `ns` when answers come from an unlimited population."""
    largest = max(ns)
    firsts = {i: with_replacement(i / STEPS, largest) for i in range(STEPS + 1)}
    seconds: dict[tuple[int, int], tuple[list[list[float]], list[list[float]]]] = {}
    for i, j in GRID:
        key = _detractors_among_the_rest(i, j)
        if key not in seconds:
            rows = with_replacement(key[0] / key[1], largest)
            seconds[key] = rows, prefix_sums(rows)
    results = []
    for n in ns:
        runs = covered_runs(n, interval)
        values = {}
        for i, j in GRID:
            rows, sums = seconds[_detractors_among_the_rest(i, j)]
            values[(i, j)] = coverage_of(runs, firsts[i][n], rows, sums, i - j + STEPS)
        results.append(summarise(n, values))
    return results


def base_coverage(population: int, ns: Sequence[int], interval: IntervalFunction) -> list[Coverage]:
    """Coverage for each n in `ns` when n of `population` customers (a multiple of 20) are asked."""
    unit = population // STEPS
    largest = max(ns)
    firsts = {i: without_replacement(population, i * unit, largest) for i in range(STEPS + 1)}
    seconds = {}
    for i, j in GRID:
        rows = without_replacement(population - i * unit, j * unit, largest)
        rows += [[0.0] * (k + 1) for k in range(len(rows), largest + 1)]
        seconds[(i, j)] = rows, prefix_sums(rows)
    results = []
    for n in ns:
        runs = covered_runs(n, interval)
        values = {}
        for i, j in GRID:
            rows, sums = seconds[(i, j)]
            values[(i, j)] = coverage_of(runs, firsts[i][n], rows, sums, i - j + STEPS)
        results.append(summarise(n, values))
    return results
