"""Each lifecycle KPI held against its benchmark from `docs/data/benchmarks.json`.

A KPI meets its benchmark as the benchmark's comparison says (≥, >, <, ≤). A single observed
value (the median NRR) or a range (the share of new ARR from referrals, 10–20 %) is met at or
above its lower end for a KPI where more is better: reaching the median or more referral pipeline
is never worse, which is the handbook's reading of such figures as a bar to clear.
The shortfall of a KPI that misses is relative: how far it is from the benchmark, as a share of
the benchmark, so days, months and percentages compare on one scale. The weakest KPI is the one
with the largest shortfall; a tie goes to the earlier stage of the lifecycle.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from calculators.benchmarks import Benchmark, load_benchmarks

DIRECTED = (">=", ">", "<", "<=")


@dataclass(frozen=True)
class Kpi:
    """A KPI the page checks: its URL parameter, its benchmark's key, the input's unit and its direction."""

    parameter: str
    benchmark: str
    unit: str
    higher_is_better: bool = True


# In the order of the lifecycle FAQ's table.
KPIS = (
    Kpi("mql_to_opportunity", "mql_to_opportunity", "%"),
    Kpi("cac_payback", "cac_payback", "мес.", higher_is_better=False),
    Kpi("ttv", "time_to_value", "дн.", higher_is_better=False),
    Kpi("onboarding_csat", "onboarding_csat", "%"),
    Kpi("nrr", "nrr_median", "%"),
    Kpi("referral_share", "referral_pipeline", "%"),
)


@dataclass(frozen=True)
class Check:
    """One KPI's value against its benchmark; `value` is `math.inf` for a payback that never comes."""

    kpi: Kpi
    benchmark: Benchmark
    value: float
    computed: str = ""

    @property
    def meets(self) -> bool:
        """Whether the value meets the benchmark.

        Examples:
            >>> from calculators.benchmarks import EXAMPLE, parse_benchmark
            >>> referrals = parse_benchmark("x", EXAMPLE | {"value": [10, 20], "comparison": "range"})
            >>> under_18 = parse_benchmark("x", EXAMPLE | {"value": 18, "comparison": "<", "unit": "мес."})
            >>> Check(kpi("referral_share"), referrals, 25).meets, Check(kpi("cac_payback"), under_18, 18).meets
            (True, False)
        """
        if self.benchmark.comparison in DIRECTED:
            return self.benchmark.met_by(self.value)
        return self.value >= self.benchmark.low if self.kpi.higher_is_better else self.value <= self.benchmark.high

    @property
    def shortfall(self) -> float:
        """How far a missing KPI is from its benchmark, relative to it; 0 when it meets.

        A value exactly at a strict benchmark («меньше 18 мес.») misses it with a shortfall of 0.

        Examples:
            >>> from calculators.benchmarks import EXAMPLE, parse_benchmark
            >>> at_least_80 = parse_benchmark("x", EXAMPLE | {"value": 80})
            >>> under_18 = parse_benchmark("x", EXAMPLE | {"value": 18, "comparison": "<", "unit": "мес."})
            >>> Check(kpi("nrr"), at_least_80, 70).shortfall, Check(kpi("cac_payback"), under_18, 27).shortfall
            (0.125, 0.5)
            >>> Check(kpi("nrr"), at_least_80, 120).shortfall
            0.0
        """
        if self.meets:
            return 0.0
        threshold = self.benchmark.low
        gap = threshold - self.value if self.kpi.higher_is_better else self.value - threshold
        return max(0.0, gap / threshold if threshold else gap)


def benchmark_of(kpi: Kpi, benchmarks: Mapping[str, Benchmark] | None = None) -> Benchmark:
    """The KPI's benchmark from the data file.

    Examples:
        >>> benchmark_of(KPIS[0]).label
        'Конверсия MQL в возможность'
    """
    return (benchmarks or load_benchmarks())[kpi.benchmark]


def kpi(parameter: str) -> Kpi:
    """The KPI with this URL parameter.

    Examples:
        >>> kpi("ttv").benchmark
        'time_to_value'
    """
    for item in KPIS:
        if item.parameter == parameter:
            return item
    raise KeyError(parameter)


def check(parameter: str, value: float, computed: str = "") -> Check:
    """A KPI's check for `value`; `computed` says how the value was derived, if it was."""
    item = kpi(parameter)
    return Check(item, benchmark_of(item), value, computed)


def weakest(checks: list[Check]) -> Check | None:
    """The missing KPI with the largest relative shortfall (the earliest on a tie), or None.

    Examples:
        >>> weakest([check("nrr", 91), check("cac_payback", 27), check("ttv", 12)]).kpi.parameter
        'cac_payback'
        >>> weakest([check("ttv", 12)]) is None
        True
    """
    missing = [item for item in checks if not item.meets]
    if not missing:
        return None
    order = {item.parameter: index for index, item in enumerate(KPIS)}
    return max(missing, key=lambda item: (item.shortfall, -order[item.kpi.parameter]))


@dataclass(frozen=True)
class Stage:
    """A lifecycle zone of the FAQ's KPI table and the checks of its KPIs that were given."""

    zone: str
    checks: tuple[Check, ...]

    @property
    def verdict(self) -> str:
        """`meets`, `below` (some KPI misses) or `none` (no KPI given).

        Examples:
            >>> Stage("Онбординг", (check("ttv", 12), check("onboarding_csat", 80))).verdict
            'below'
        """
        if not self.checks:
            return "none"
        return "meets" if all(item.meets for item in self.checks) else "below"

    @property
    def shortfall(self) -> float:
        """The largest shortfall of the stage's KPIs."""
        return max((item.shortfall for item in self.checks), default=0.0)


def stages(checks: list[Check]) -> list[Stage]:
    """Zones in lifecycle order, each with its given checks.

    Examples:
        >>> [(stage.zone, stage.verdict) for stage in stages([check("nrr", 120)])]
        [('Привлечение', 'none'), ('Онбординг', 'none'), ('Ценность и рост', 'meets'), ('Адвокация', 'none')]
    """
    zones: dict[str, list[Check]] = {}
    for item in KPIS:
        zones.setdefault(benchmark_of(item).zone, [])
    for item in checks:
        zones[item.benchmark.zone].append(item)
    return [Stage(zone, tuple(items)) for zone, items in zones.items()]


def by_weakness(all_stages: list[Stage]) -> list[Stage]:
    """Stages that miss first (largest shortfall first), then those that meet, then those without data.

    Examples:
        >>> [stage.zone for stage in by_weakness(stages([check("nrr", 90), check("ttv", 45)]))][:2]
        ['Онбординг', 'Ценность и рост']
    """
    rank = {"below": 0, "meets": 1, "none": 2}
    return sorted(all_stages, key=lambda stage: (rank[stage.verdict], -stage.shortfall))
