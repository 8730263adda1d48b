"""SVG charts of the loyalty–revenue analysis: NRR by group with its interval, and each group's revenue bridge."""

from __future__ import annotations

import math

from calculators import charts
from calculators.formatting import format_number
from calculators.revenue.maths import GroupMetrics

GROUP_NAMES = {
    "promoters": "Промоутеры",
    "passives": "Нейтральные",
    "detractors": "Критики",
    "nonrespondents": "Не ответили",
    "all": "Все клиенты",
}
GROUP_FILLS = {
    "promoters": "clg-fill-good",
    "passives": "clg-fill-neutral",
    "detractors": "clg-fill-bad",
    "nonrespondents": "clg-fill-interval",
    "all": "clg-fill-accent",
}
NBSP = "\u00a0"


def _percent(value: float) -> str:
    return f"{format_number(value)}{NBSP}%"


def nrr_chart(groups: list[GroupMetrics]) -> str:
    """NRR of each group (and of all accounts) as a dot with its 95 % interval, 100 % marked.

    Examples:
        >>> from calculators.revenue.maths import GroupMetrics
        >>> chart = nrr_chart([GroupMetrics("promoters", 40, 100.0, 112.0, 12.0, 0, 0, 0, 5, 0.0004)])
        >>> chart.startswith('<svg class="clg-chart"'), "Промоутеры: NRR 112\\xa0%" in chart
        (True, True)
    """
    bounds = [100.0]
    for group in groups:
        bounds += [group.nrr, *(group.nrr_interval or ())]
    low = max(0.0, math.floor(min(min(bounds), 60.0) / 20) * 20)
    high = math.ceil(min(max(max(bounds), 140.0), 400.0) / 20) * 20
    left, width, top, step = 190.0, 390.0, 44.0, 30.0

    def scale(value: float) -> float:
        return left + width * (min(max(value, low), high) - low) / (high - low)

    bottom = top + step * len(groups)
    body = [charts.text(10, 18, "NRR по группам, 95 % интервал", css_class="clg-label clg-label--title")]
    ticks = [low + (high - low) * index / 4 for index in range(5)]
    for tick in ticks:
        body.append(charts.line(scale(tick), top - 6, scale(tick), bottom))
        body.append(charts.text(scale(tick), bottom + 18, f"{format_number(tick, 0)}{NBSP}%", anchor="middle"))
    body.append(charts.line(scale(100), top - 10, scale(100), bottom, "clg-stroke-main"))
    described = []
    for index, group in enumerate(groups):
        y = top + step * index + step / 2
        name = GROUP_NAMES[group.name]
        body.append(charts.text(10, y + 5, f"{name} · {format_number(group.accounts, 0)}"))
        interval = group.nrr_interval
        if interval is not None:
            label = (
                f"{name}: NRR {_percent(group.nrr)}, 95 % интервал {_percent(interval[0])} … {_percent(interval[1])}"
            )
            body.append(
                charts.rect(
                    scale(interval[0]), y - 7, scale(interval[1]) - scale(interval[0]), 14, "clg-fill-interval", label
                )
            )
        else:
            label = f"{name}: NRR {_percent(group.nrr)}, интервала нет (один клиент)"
        body.append(charts.circle(scale(group.nrr), y, 6, GROUP_FILLS[group.name]))
        described.append(label)
    return charts.svg(
        600, int(bottom + 30), "NRR по группам NPS с доверительными интервалами", "; ".join(described), body
    )


def bridge_chart(groups: list[GroupMetrics]) -> str:
    """For each group, start → expansion → contraction → churn → end, in percent of the group's start.

    Examples:
        >>> from calculators.revenue.maths import GroupMetrics
        >>> chart = bridge_chart([GroupMetrics("detractors", 30, 1000.0, 800.0, 50.0, 100.0, 150.0, 3, 4, 0.001)])
        >>> "Критики: начало 100\\xa0%, расширение +5\\xa0%, сокращение −10\\xa0%" in chart
        True
    """
    panel, top, height = 145.0, 46.0, 150.0
    peak = max(100 + 100 * group.expansion / group.start for group in groups)
    ceiling = math.ceil(peak / 20) * 20

    def y_of(value: float) -> float:
        return top + height * (1 - value / ceiling)

    body = [
        charts.text(10, 18, "Выручка от начала к концу периода, % от начала", css_class="clg-label clg-label--title")
    ]
    described = []
    for index, group in enumerate(groups):
        x0 = 10 + panel * index
        expansion, contraction, churn = (
            100 * value / group.start for value in (group.expansion, group.contraction, group.churn)
        )
        steps = [
            ("Нач.", 0.0, 100.0, "clg-fill-neutral"),
            ("Рост", 100.0, 100 + expansion, "clg-fill-good"),
            ("Сокр.", 100 + expansion - contraction, 100 + expansion, "clg-fill-bad"),
            ("Отток", 100 + expansion - contraction - churn, 100 + expansion - contraction, "clg-fill-bad"),
            ("Кон.", 0.0, group.nrr, GROUP_FILLS[group.name]),
        ]
        name = GROUP_NAMES[group.name]
        body.append(charts.text(x0 + 60, top - 10, name, anchor="middle"))
        body.append(charts.line(x0, y_of(0), x0 + 125, y_of(0)))
        for position, (label, low, high, fill) in enumerate(steps):
            x = x0 + 25 * position
            body.append(
                charts.rect(
                    x + 2, y_of(high), 21, y_of(low) - y_of(high), fill, f"{name}, {label}: {_percent(high - low)}"
                )
            )
            body.append(
                charts.text(x + 12.5, y_of(0) + 16, label, anchor="middle", css_class="clg-label clg-label--small")
            )
        described.append(
            f"{name}: начало 100{NBSP}%, расширение +{_percent(expansion)}, сокращение −{_percent(contraction)}, "
            f"отток −{_percent(churn)}, конец {_percent(group.nrr)}"
        )
    return charts.svg(
        int(20 + panel * len(groups)), int(top + height + 30), "Мост выручки по группам NPS", "; ".join(described), body
    )
