"""Retention of each NPS group, the promoter–detractor gaps with their 95 % intervals, and what the gap is worth.

NRR of a group is a ratio of sums, Σ end / Σ start over its accounts, so large accounts weigh
more, as they do in revenue. Its interval comes from the delta method for a ratio estimator
(Cochran, «Sampling Techniques», 3rd ed., 1977, §6.3): with dᵢ = endᵢ − R·startᵢ,
Var(R) ≈ Σdᵢ² / ((n − 1)·n·mean(start)²). Groups are independent samples, so the variance of
a gap is the sum of the two variances. The method is exact in O(n), needs no random numbers
(the same figures in CPython and Pyodide) and its coverage is checked by simulation in the
tests. Logo churn is a share of accounts; the interval of the difference of two shares is
Agresti–Caffo's (2000): add one churned and one kept account to each group, then use the
normal approximation.
"""

from __future__ import annotations

import math
from array import array
from collections.abc import Sequence
from dataclasses import dataclass

from calculators.revenue.accounts import GROUPS, AccountTable, GroupAccounts
from calculators.survey import Comparison

Z_95 = 1.96


@dataclass(frozen=True)
class GroupMetrics:
    """Revenue retention of one NPS group over the period; rates in percent, money in roubles."""

    name: str
    accounts: int
    start: float
    end: float
    expansion: float
    contraction: float
    churn: float
    churned: int
    expanded: int
    nrr_variance: float

    @property
    def nrr(self) -> float:
        """Σ end / Σ start, in percent."""
        return 100 * self.end / self.start

    @property
    def grr(self) -> float:
        """(Σ start − contraction − churn) / Σ start, in percent: expansion left out."""
        return 100 * (self.start - self.contraction - self.churn) / self.start

    @property
    def logo_churn(self) -> float:
        """Share of accounts whose end revenue is 0, in percent."""
        return 100 * self.churned / self.accounts

    @property
    def expansion_share(self) -> float:
        """Share of accounts whose revenue grew, in percent."""
        return 100 * self.expanded / self.accounts

    @property
    def nrr_interval(self) -> tuple[float, float] | None:
        """The 95 % interval of NRR in percent, or None for a group of one account."""
        if not math.isfinite(self.nrr_variance):
            return None
        margin = 100 * Z_95 * math.sqrt(self.nrr_variance)
        return max(0.0, self.nrr - margin), self.nrr + margin


def ratio_variance(starts: Sequence[float], ends: Sequence[float]) -> float:
    """Delta-method variance of R = Σ end / Σ start (as a fraction); infinite below two accounts.

    Examples:
        >>> ratio_variance([100, 100], [100, 100])
        0.0
        >>> round(ratio_variance([100, 200, 300], [110, 180, 360]), 6)
        0.010718
        >>> ratio_variance([100], [120])
        inf
    """
    n = len(starts)
    if n < 2:
        return math.inf
    total = math.fsum(starts)
    ratio = math.fsum(ends) / total
    squares = math.fsum((end - ratio * start) ** 2 for start, end in zip(starts, ends, strict=True))
    return n * squares / ((n - 1) * total * total)


def group_metrics(name: str, group: GroupAccounts, members: Sequence[int] | None = None) -> GroupMetrics | None:
    """The metrics of one group (or of its accounts at positions `members`); None if it has none.

    Examples:
        >>> group = GroupAccounts()
        >>> group.add(100, 150, (50, 0, 0), 0); group.add(200, 0, (0, 0, 200), 0)
        >>> metrics = group_metrics("promoters", group)
        >>> metrics.nrr, round(metrics.grr, 2), metrics.logo_churn, metrics.expansion_share
        (50.0, 33.33, 50.0, 50.0)
    """
    if members is None:
        starts, ends = group.starts, group.ends
        expansion, contraction, churn = group.expansion, group.contraction, group.churn
        churned, expanded = group.churned, group.expanded
    else:
        starts = array("d", (group.starts[index] for index in members))
        ends = array("d", (group.ends[index] for index in members))
        expansion = math.fsum(max(ends[i] - starts[i], 0.0) for i in range(len(starts)))
        churn = math.fsum(starts[i] for i in range(len(starts)) if ends[i] == 0)
        contraction = math.fsum(starts) + expansion - churn - math.fsum(ends)
        churned = sum(1 for end in ends if end == 0)
        expanded = sum(1 for i in range(len(starts)) if ends[i] > starts[i])
    if not starts:
        return None
    return GroupMetrics(
        name=name,
        accounts=len(starts),
        start=math.fsum(starts),
        end=math.fsum(ends),
        expansion=expansion,
        contraction=contraction,
        churn=churn,
        churned=churned,
        expanded=expanded,
        nrr_variance=ratio_variance(starts, ends),
    )


def nrr_gap(a: GroupMetrics, b: GroupMetrics) -> Comparison | None:
    """NRR of `a` minus NRR of `b` in points, with the delta-method 95 % interval.

    Examples:
        >>> from calculators.revenue.accounts import GroupAccounts
        >>> def group(pairs):
        ...     accounts = GroupAccounts()
        ...     for start, end in pairs:
        ...         accounts.add(start, end, (0, 0, 0), 0)
        ...     return group_metrics("g", accounts)
        >>> gap = nrr_gap(group([(100, 130), (100, 110)]), group([(100, 80), (100, 100)]))
        >>> round(gap.difference, 6), round(gap.low, 2), round(gap.high, 2)
        (30.0, 2.28, 57.72)
    """
    if not (math.isfinite(a.nrr_variance) and math.isfinite(b.nrr_variance)):
        return None
    margin = 100 * Z_95 * math.sqrt(a.nrr_variance + b.nrr_variance)
    value = a.nrr - b.nrr
    return Comparison(value, value - margin, value + margin)


def churn_gap(a: GroupMetrics, b: GroupMetrics) -> Comparison:
    """Logo churn of `a` minus that of `b` in points, with Agresti–Caffo's 95 % interval.

    The interval is centred on the adjusted difference; it is widened, where needed, to take in
    the observed difference and cut to ±100.

    Examples:
        >>> def metrics(accounts, churned):
        ...     return GroupMetrics("g", accounts, 1, 1, 0, 0, 0, churned, 0, 0)
        >>> gap = churn_gap(metrics(40, 2), metrics(30, 9))
        >>> round(gap.difference, 2), round(gap.low, 2), round(gap.high, 2)
        (-25.0, -41.96, -6.26)
    """
    adjusted = []
    for group in (a, b):
        share = (group.churned + 1) / (group.accounts + 2)
        adjusted.append((share, share * (1 - share) / (group.accounts + 2)))
    centre = adjusted[0][0] - adjusted[1][0]
    margin = Z_95 * math.sqrt(adjusted[0][1] + adjusted[1][1])
    value = a.logo_churn - b.logo_churn
    low = max(-100.0, min(100 * (centre - margin), value))
    high = min(100.0, max(100 * (centre + margin), value))
    return Comparison(value, low, high)


@dataclass(frozen=True)
class Worth:
    """What the detractors' weaker retention cost over the period, in roubles.

    `lost` is their contraction and churn; `if_passive_gap` is how much more revenue the period
    would have ended with had they kept revenue like the passives (their start × the passives'
    NRR, minus their actual end); `scenario` is the share of it the reader expects to win back.
    """

    lost: float
    end_total: float
    if_passive_gap: float | None
    scenario: float | None


def worth(groups: dict[str, GroupMetrics], improvement: float) -> Worth | None:
    """What the gap between detractors and passives is worth; None without detractors.

    Examples:
        >>> def metrics(name, start, end):
        ...     return GroupMetrics(name, 10, start, end, 0, start - end, 0, 0, 0, 0)
        >>> groups = {"passives": metrics("passives", 1000, 950), "detractors": metrics("detractors", 400, 300)}
        >>> result = worth(groups, 25)
        >>> result.lost, result.if_passive_gap, result.scenario
        (100, 80.0, 20.0)
    """
    detractors, passives = groups.get("detractors"), groups.get("passives")
    if detractors is None:
        return None
    lost = detractors.contraction + detractors.churn
    end_total = math.fsum(group.end for group in groups.values())
    if passives is None:
        return Worth(lost, end_total, None, None)
    gap = detractors.start * passives.end / passives.start - detractors.end
    return Worth(lost, end_total, gap, max(gap, 0.0) * improvement / 100)


@dataclass(frozen=True)
class SegmentGap:
    """Promoters against detractors inside one segment."""

    name: str
    accounts: int
    promoters: GroupMetrics | None
    detractors: GroupMetrics | None
    gap: Comparison | None


@dataclass(frozen=True)
class Analysis:
    """Everything the report shows for one account table."""

    table: AccountTable
    groups: dict[str, GroupMetrics]
    overall: GroupMetrics
    nrr_gap: Comparison | None
    churn_gap: Comparison | None
    worth: Worth | None
    segments: tuple[SegmentGap, ...]
    improvement: float


def _overall(groups: dict[str, GroupAccounts]) -> GroupMetrics:
    merged = GroupAccounts()
    for group in groups.values():
        merged.starts.extend(group.starts)
        merged.ends.extend(group.ends)
        merged.expansion += group.expansion
        merged.contraction += group.contraction
        merged.churn += group.churn
        merged.churned += group.churned
        merged.expanded += group.expanded
    overall = group_metrics("all", merged)
    assert overall is not None
    return overall


def segment_gaps(table: AccountTable) -> tuple[SegmentGap, ...]:
    """Promoters against detractors in each segment, largest segments first."""
    members: dict[int, dict[str, list[int]]] = {}
    for name in ("promoters", "detractors", "passives", "nonrespondents"):
        for position, segment in enumerate(table.groups[name].segments):
            members.setdefault(segment, {}).setdefault(name, []).append(position)
    result = []
    for segment, by_group in members.items():
        promoters = detractors = None
        if "promoters" in by_group:
            promoters = group_metrics("promoters", table.groups["promoters"], by_group["promoters"])
        if "detractors" in by_group:
            detractors = group_metrics("detractors", table.groups["detractors"], by_group["detractors"])
        gap = nrr_gap(promoters, detractors) if promoters and detractors else None
        accounts = sum(len(positions) for positions in by_group.values())
        result.append(SegmentGap(table.segment_names[segment], accounts, promoters, detractors, gap))
    result.sort(key=lambda item: -item.accounts)
    return tuple(result)


def analyse(table: AccountTable, improvement: float) -> Analysis:
    """Metrics of every group with accounts, the two gaps, what it is worth and the segments."""
    groups = {name: metrics for name in GROUPS if (metrics := group_metrics(name, table.groups[name])) is not None}
    promoters, detractors = groups.get("promoters"), groups.get("detractors")
    both = promoters is not None and detractors is not None
    segments = segment_gaps(table) if len(table.segment_names) > 1 else ()
    return Analysis(
        table=table,
        groups=groups,
        overall=_overall(table.groups),
        nrr_gap=nrr_gap(promoters, detractors) if both else None,
        churn_gap=churn_gap(promoters, detractors) if both else None,
        worth=worth(groups, improvement),
        segments=segments,
        improvement=improvement,
    )
