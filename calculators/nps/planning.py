"""How many answers a survey needs, and how many more promoters (or fewer detractors) reach a target NPS.

The planner never promises a margin the calculator's own interval would not give: it starts
from the large-sample formula n = (1,96 · 100 / m)² · (p + d − (p − d)²) − 3 (the −3 undoes
the three pseudo-answers of the adjusted-Wald interval, as MeasuringU does) and then checks,
for the proposed n, the half-width of the interval this calculator would show at the planning
shares, taking more answers until it is at most m.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction

from calculators.errors import InputError
from calculators.nps.counts import NpsResult
from calculators.nps.interval import ROCKS, nps_interval
from calculators.survey import Z_95

SMALL_PILOT = 30
EXTREME_SHARE = 0.05
WORST_SHARE = 0.5
NO_CEILING = 10**15


@dataclass(frozen=True)
class SamplePlan:
    """Answers needed for a 95% interval of ± `margin` NPS points.

    `shares_used` is False when the answers so far are too few or their shares too extreme
    to plan from, and `needed` is then the worst case.
    """

    margin: float
    needed: int
    worst_case: int
    shares_used: bool


def half_width(n: int, promoters: float, detractors: float, population: int | None = None) -> float:
    """Half the width of the calculator's interval for n answers with these shares (0…1).

    Examples:
        >>> round(half_width(1533, 0.5, 0.5), 3)
        4.999
    """
    interval = nps_interval(promoters * n, detractors * n, n, population)
    return (interval.high - interval.low) / 2


def answer_variance(promoters: float, detractors: float) -> float:
    """The variance of one answer's score (+1, 0, −1) at shares p and d: p + d − (p − d)².

    The same as `npvar` of R's NPS package; at most 1, for half promoters and half critics.

    Examples:
        >>> answer_variance(0.5, 0.2), answer_variance(0.5, 0.5)
        (0.61, 1.0)
    """
    return promoters + detractors - (promoters - detractors) ** 2


def formula_start(margin: float, promoters: float, detractors: float, population: int | None) -> int:
    """The large-sample answer n = (1,96·100/m)²·(p + d − (p − d)²) − 3, reduced as the base allows.

    Examples:
        >>> formula_start(5, 0.5, 0.5, None), formula_start(5, 0.5, 0.5, 2000)
        (1534, 867)
    """
    needed = (Z_95 * 100 / margin) ** 2 * answer_variance(promoters, detractors)
    if population is not None and needed > 0:
        needed = needed * population / (needed + population - 1)
    return max(1, math.ceil(needed - ROCKS.total - 1e-9))


def answers_for(margin: float, promoters: float, detractors: float, population: int | None = None) -> int:
    """The fewest answers, from the formula up, whose interval at these shares is at most ± `margin`.

    Examples:
        >>> answers_for(5, 0.5, 0.5), answers_for(10, 0.0, 0.0), answers_for(5, 0.5, 0.5, 2000)
        (1533, 22, 869)
    """
    if not 0 < margin <= 200:
        raise InputError("target_margin", "Точность — это число пунктов больше 0 и не больше 200.")
    # Without a base there is no ceiling: the calculator accepts fewer answers than a plan may need.
    ceiling = population if population is not None else NO_CEILING

    def enough(n: int) -> bool:
        return n >= ceiling or half_width(n, promoters, detractors, population) <= margin

    # Search outwards from the formula in doubling steps, then halve the gap: a few dozen intervals
    # even where the formula is far off (shares near 0 or 1, where the interval is cut at ±100).
    start = min(formula_start(margin, promoters, detractors, population), ceiling)
    step = 1
    if enough(start):
        high = start
        while high - step >= 1 and enough(high - step):
            high, step = high - step, step * 2
        low = max(0, high - step)
    else:
        low = start
        while not enough(low + step):
            low, step = low + step, step * 2
        high = low + step
    while high - low > 1:
        middle = (low + high) // 2
        low, high = (low, middle) if enough(middle) else (middle, high)
    return high


def plan_sample(result: NpsResult, margin: float) -> SamplePlan:
    """Answers needed at the shares observed so far and in the worst case (half promoters, half critics).

    Examples:
        >>> from calculators.nps.counts import nps_from_counts
        >>> plan_sample(nps_from_counts(50, 30, 20), 5)
        SamplePlan(margin=5, needed=935, worst_case=1533, shares_used=True)
        >>> plan_sample(nps_from_counts(0, 300, 0), 10).shares_used
        False
    """
    worst = answers_for(margin, WORST_SHARE, WORST_SHARE, result.population)
    promoters, detractors = result.promoters / result.n, result.detractors / result.n
    usable = result.n >= SMALL_PILOT and min(promoters, detractors) >= EXTREME_SHARE
    needed = answers_for(margin, promoters, detractors, result.population) if usable else worst
    return SamplePlan(margin=margin, needed=needed, worst_case=worst, shares_used=usable)


@dataclass(frozen=True)
class GoalSeek:
    """What reaches a target NPS: extra promoters answering, or detractors turned passive.

    `None` means the target cannot be reached that way.
    """

    target: float
    extra_promoters: int | None
    fewer_detractors: int | None


def reach_target(result: NpsResult, target: float) -> GoalSeek:
    """The fewest extra promoters, or detractors who become passives, for an NPS of at least `target`.

    Exact: the inequalities are solved in fractions, so a target met exactly counts as met.

    Examples:
        >>> from calculators.nps.counts import nps_from_counts
        >>> reach_target(nps_from_counts(50, 30, 20), 40)
        GoalSeek(target=40, extra_promoters=17, fewer_detractors=10)
        >>> reach_target(nps_from_counts(50, 30, 20), 100)
        GoalSeek(target=100, extra_promoters=None, fewer_detractors=None)
    """
    goal = Fraction(target) / 100
    net, n = result.promoters - result.detractors, result.n
    # With a target of 100 no number of new promoters helps unless there is nothing to outweigh.
    extra = (0 if net == n else None) if goal >= 1 else max(0, math.ceil((goal * n - net) / (1 - goal)))
    fewer = max(0, math.ceil(goal * n - net))
    return GoalSeek(target, extra, fewer if fewer <= result.detractors else None)
