"""The 95% interval of NPS: which method answers for how many answers, and with a known customer base.

Without a base the interval is for the share difference p − d of an unlimited population:

- fewer than 10 answers: the score interval for a difference of two multinomial shares (the
  paired-proportions interval of Tango, 1998) with the Miettinen–Nurminen factor n/(n − 1) on
  its variance. It is found by testing every candidate value, so it always contains the
  observed NPS and never leaves −100…100; with one answer it is the whole scale;
- 10 to 19 answers: the adjusted-Wald interval with a larger add-on, 1.25 pseudo-answers to
  promoters and detractors each and 0.25 to passives (the handbook's choice, tuned by exact
  enumeration; Rocks's add-on undercovers here, down to 0.88);
- 20 answers and more: the adjusted-Wald interval of Rocks (2016), 0.75 + 0.75 + 1.5
  pseudo-answers, the same numbers as `nps.test` of R's NPS package applied to the adjusted counts.

With a base of N customers the n answers are known exactly and only the NPS of the N − n
customers not asked is uncertain. With 10 answers and more and at most 10 customers not asked,
its interval is exact (the handbook's construction, chosen by exact enumeration because the
Wald interval below fell to 0.889 there): every whole number k of net promoters among the
u = N − n not asked is tried; the base is completed with those u customers, as many of them
neutral as the answers' share of neutrals suggests, and k stays in the interval unless the
two-sided mid-p probability of so extreme a k, when u customers of that base are drawn at
random, is 5 % or less. Otherwise its interval is the same method (with the larger add-on from
10 answers on, which covers better when sampling without replacement; below 10 answers the
score and the Wald intervals joined) with the variance of a
prediction from a finite base, σ²·(1/n + 1/(N − n))·N/(N − 1) instead of σ²/n (the factor
N/(N − 1) turns the spread of the base into the S² of sampling without replacement), kept
within −100…100; the base's NPS is
then (n·NPS of the answers + (N − n)·NPS of the rest) / N. So the interval lies within what
the base allows for certain (every customer not asked a detractor, or every one a promoter),
reaches those bounds when the data do not rule them out, and is the NPS itself when everyone
answered. The coverage of every branch is proven by exact enumeration in
`tests/calculators/test_nps_coverage.py`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from calculators.survey import Z_95

CONFIDENCE = 0.95

SCORE_BELOW = 10
EXACT_UNASKED_UP_TO = 10
SMALL_WALD_BELOW = 20
BISECTION_STEPS = 60


@dataclass(frozen=True)
class WaldAddOn:
    """Pseudo-answers the adjusted-Wald interval adds to promoters and detractors (each) and passives."""

    each: float
    passives: float

    @property
    def total(self) -> float:
        """All pseudo-answers together."""
        return 2 * self.each + self.passives


ROCKS = WaldAddOn(0.75, 1.5)
SMALL_SAMPLE = WaldAddOn(1.25, 0.25)


@dataclass(frozen=True)
class Interval:
    """An interval on the NPS scale (points) and the method that produced it."""

    low: float
    high: float
    method: str


def adjusted_wald(promoters: float, detractors: float, n: float, add_on: WaldAddOn = ROCKS) -> tuple[float, float]:
    """The adjusted estimate p′ − d′ and the variance of one answer's score, divided by n′.

    Examples:
        >>> estimate, variance = adjusted_wald(50, 20, 100)
        >>> round(estimate, 4), round(variance, 6)
        (0.2913, 0.005916)
    """
    n_adj = n + add_on.total
    p_adj = (promoters + add_on.each) / n_adj
    d_adj = (detractors + add_on.each) / n_adj
    estimate = p_adj - d_adj
    return estimate, (p_adj + d_adj - estimate**2) / n_adj


def possible_range(promoters: int, detractors: int, n: int, population: int) -> tuple[float, float]:
    """The lowest and highest NPS of all N customers when the N − n not asked are all critics or all fans.

    Examples:
        >>> [round(value, 1) for value in possible_range(10, 0, 10, 11)]
        [81.8, 100.0]
    """
    unasked = population - n
    return 100 * (promoters - detractors - unasked) / population, 100 * (promoters - detractors + unasked) / population


def score_statistic(
    promoters: float, detractors: float, n: float, delta: float, extra: float = 0.0, scale: float = 1.0
) -> float:
    """How many standard errors the observed difference lies from `delta` (score test, Tango 1998).

    The variance is taken at the shares that fit the answers best under p − d = `delta` and
    multiplied by n/(n − 1) (Miettinen and Nurminen); `extra` adds σ²·extra for a prediction
    and `scale` multiplies the whole variance.

    Examples:
        >>> round(score_statistic(50, 20, 100, 0.3), 6), round(score_statistic(50, 20, 100, 0.1), 3)
        (0.0, 2.412)
    """
    observed = (promoters - detractors) / n
    w = -(promoters + detractors) + (2 * n - promoters + detractors) * delta
    root = math.sqrt(max(0.0, w * w + 8 * n * detractors * delta * (1 - delta)))
    detractor_share = (root - w) / (4 * n)
    variance = (2 * detractor_share + delta - delta * delta) * (1 / (n - 1) + extra) * scale
    if variance <= 0:
        return 0.0 if observed == delta else math.copysign(math.inf, observed - delta)
    return (observed - delta) / math.sqrt(variance)


def score_interval(
    promoters: float, detractors: float, n: float, extra: float = 0.0, scale: float = 1.0
) -> tuple[float, float]:
    """All differences p − d that the score test at 5 % does not reject, on the −1…1 scale.

    Examples:
        >>> [round(value, 4) for value in score_interval(1, 0, 1)]
        [-1.0, 1.0]
        >>> [round(value, 3) for value in score_interval(5, 0, 5)]
        [0.02, 1.0]
    """
    if n < 2:
        return -1.0, 1.0
    observed = (promoters - detractors) / n

    def inside(delta: float) -> bool:
        return abs(score_statistic(promoters, detractors, n, delta, extra, scale)) <= Z_95

    def edge(outer: float) -> float:
        if inside(outer):
            return outer
        near, far = observed, outer
        for _ in range(BISECTION_STEPS):
            middle = (near + far) / 2
            near, far = (middle, far) if inside(middle) else (near, middle)
        return near

    return edge(-1.0), edge(1.0)


def wald_interval(
    promoters: float, detractors: float, n: float, add_on: WaldAddOn, extra: float = 0.0, scale: float = 1.0
) -> tuple[float, float]:
    """The adjusted-Wald interval on the −1…1 scale; `extra` adds σ²·extra, `scale` multiplies the variance.

    Examples:
        >>> [round(value, 4) for value in wald_interval(50, 20, 100, ROCKS)]
        [0.1405, 0.442]
    """
    estimate, variance = adjusted_wald(promoters, detractors, n, add_on)
    n_adj = n + add_on.total
    margin = Z_95 * math.sqrt(variance * (1 + n_adj * extra) * scale)
    return max(-1.0, estimate - margin), min(1.0, estimate + margin)


def unasked_tail(promoters: int, detractors: int, population: int, unasked: int, net: int) -> float:
    """The two-sided mid-p value of `net` promoters minus detractors among `unasked` customers drawn at random.

    The base holds `promoters` promoters and `detractors` detractors of `population` customers;
    the value is the smaller tail, each with half the chance of exactly `net`.

    Examples:
        >>> round(unasked_tail(10, 10, 20, 2, 2), 4), round(unasked_tail(10, 10, 20, 2, 0), 4)
        (0.1184, 0.5)
    """
    below = above = equal = 0.0
    neutral = population - promoters - detractors
    draws = math.comb(population, unasked)
    for drawn_promoters in range(min(promoters, unasked) + 1):
        for drawn_detractors in range(min(detractors, unasked - drawn_promoters) + 1):
            chance = (
                math.comb(promoters, drawn_promoters)
                * math.comb(detractors, drawn_detractors)
                * math.comb(neutral, unasked - drawn_promoters - drawn_detractors)
                / draws
            )
            difference = drawn_promoters - drawn_detractors
            if difference < net:
                below += chance
            elif difference > net:
                above += chance
            else:
                equal += chance
    return min(below, above) + equal / 2


def exact_unasked_interval(promoters: int, detractors: int, n: int, population: int) -> tuple[int, int]:
    """The lowest and highest net promoters among the N − n customers not asked that the mid-p test keeps.

    Examples:
        >>> exact_unasked_interval(22, 0, 25, 30), exact_unasked_interval(9, 9, 18, 20)
        ((2, 5), (-2, 2))
    """
    unasked = population - n
    expected_decided = unasked * (promoters + detractors) / n
    kept = []
    for net in range(-unasked, unasked + 1):
        decided = min(range(abs(net), unasked + 1, 2), key=lambda count: abs(count - expected_decided))
        base_promoters = promoters + (decided + net) // 2
        base_detractors = detractors + (decided - net) // 2
        if unasked_tail(base_promoters, base_detractors, population, unasked, net) > (1 - CONFIDENCE) / 2:
            kept.append(net)
    if not kept:
        kept = [round(unasked * (promoters - detractors) / n)]
    return min(kept), max(kept)


def method_for(n: int, population: int | None = None) -> str:
    """The name of the method that answers for `n` answers, with or without a customer base.

    Examples:
        >>> method_for(9), method_for(10), method_for(20), method_for(20, population=100)
        ('score', 'wald-wide', 'wald', 'wald-wide')
        >>> method_for(20, population=30), method_for(20, population=20)
        ('exact', 'wald-wide')
    """
    if n < SCORE_BELOW:
        return "score"
    if population is not None and 0 < population - n <= EXACT_UNASKED_UP_TO:
        return "exact"
    return "wald-wide" if n < SMALL_WALD_BELOW or population is not None else "wald"


def _difference_interval(
    method: str, promoters: float, detractors: float, n: int, extra: float = 0.0, scale: float = 1.0
) -> tuple[float, float]:
    if method == "score":
        return score_interval(promoters, detractors, n, extra, scale)
    add_on = SMALL_SAMPLE if method == "wald-wide" else ROCKS
    return wald_interval(promoters, detractors, n, add_on, extra, scale)


def nps_interval(promoters: float, detractors: float, n: int, population: int | None = None) -> Interval:
    """The 95% interval of NPS in points, for an unlimited population or a base of `population` customers.

    Counts may be fractional (the sample-size planner asks about expected counts).

    Examples:
        >>> interval = nps_interval(50, 20, 100)
        >>> round(interval.low, 1), round(interval.high, 1), interval.method
        (14.1, 44.2, 'wald')
        >>> interval = nps_interval(22, 0, 25, population=30)
        >>> round(interval.low, 1), round(interval.high, 1)
        (80.0, 90.0)
        >>> nps_interval(1, 0, 1).high
        100.0
    """
    method = method_for(n, population)
    if population is None:
        low, high = _difference_interval(method, promoters, detractors, n)
        return Interval(100 * low, 100 * high, method)
    unasked = population - n
    observed = promoters - detractors
    if unasked == 0:
        exact = 100 * observed / n
        return Interval(exact, exact, method)
    if method == "exact":
        if float(promoters).is_integer() and float(detractors).is_integer():
            low_net, high_net = exact_unasked_interval(int(promoters), int(detractors), n, population)
            return Interval(100 * (observed + low_net) / population, 100 * (observed + high_net) / population, method)
        # The sample-size planner asks about expected, fractional counts: the Wald interval answers.
        method = "wald-wide"
    extra, scale = 1 / unasked, population / (population - 1)
    low, high = _difference_interval(method, promoters, detractors, n, extra, scale)
    if method == "score":
        # The score test rejects ±1 (everyone not asked a critic or a fan) whenever one answer
        # differs, though a few customers left out can easily be alike; the Wald interval does not.
        wald_low, wald_high = wald_interval(promoters, detractors, n, SMALL_SAMPLE, extra, scale)
        low, high = min(low, wald_low), max(high, wald_high)
    return Interval(
        100 * (observed + unasked * low) / population, 100 * (observed + unasked * high) / population, method
    )
