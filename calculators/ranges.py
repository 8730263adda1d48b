"""Results over inputs typed as ranges (`15..25`): the point at the midpoints, the extremes at the corners.

A field declared with `accepts_range=True` parses `a..b` into a `NumberRange`. A calculator
computes its point result from `midpoints(values)` and the range of every result from
`extremes(...)`, which evaluates the formulas at each corner of the box of ranges. That is
exact when each result is monotone in each input while the others stay fixed (the CLV and
NRR formulas are, and their property tests prove it): the largest and smallest values of
such a function over a box sit at its corners. `swings(...)` moves one range at a time, the
others held at their midpoints, for a tornado chart.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from calculators import charts
from calculators.fields import NumberRange
from calculators.formatting import format_number
from calculators.report import Figure

Values = Mapping[str, Any]
Metrics = Callable[[Values], Mapping[str, float]]


def ranged(values: Values) -> list[str]:
    """Names of the inputs given as ranges, in the form's order.

    Examples:
        >>> ranged({"arpa": 5.0, "churn": NumberRange(15, 25)})
        ['churn']
    """
    return [name for name, value in values.items() if isinstance(value, NumberRange)]


def midpoints(values: Values) -> dict[str, Any]:
    """The values with every range replaced by its midpoint.

    Examples:
        >>> midpoints({"arpa": 5.0, "churn": NumberRange(15, 25)})
        {'arpa': 5.0, 'churn': 20.0}
    """
    return {name: value.midpoint if isinstance(value, NumberRange) else value for name, value in values.items()}


def corners(values: Values) -> Iterator[dict[str, Any]]:
    """Every combination of range ends, other values as they are.

    Examples:
        >>> [corner["churn"] for corner in corners({"arpa": 5.0, "churn": NumberRange(15, 25)})]
        [15, 25]
    """
    names = ranged(values)
    for ends in itertools.product(*((values[name].low, values[name].high) for name in names)):
        yield dict(values) | dict(zip(names, ends, strict=True))


def extremes(metrics: Metrics, values: Values) -> dict[str, tuple[float, float]]:
    """The smallest and largest value of each metric over the corners of the ranges.

    Examples:
        >>> extremes(lambda v: {"clv": v["m"] / v["c"]}, {"m": 35000.0, "c": NumberRange(0.15, 0.25)})
        {'clv': (140000.0, 233333.33333333334)}
    """
    found: dict[str, tuple[float, float]] = {}
    for corner in corners(values):
        for key, value in metrics(corner).items():
            low, high = found.get(key, (value, value))
            found[key] = (min(low, value), max(high, value))
    return found


@dataclass(frozen=True)
class Swing:
    """How far one ranged input alone moves a result: its value at the input's low and high end."""

    name: str
    at_low: float
    at_high: float

    @property
    def width(self) -> float:
        """The size of the swing, whatever its direction.

        Examples:
            >>> Swing("churn", 233000.0, 140000.0).width
            93000.0
        """
        return abs(self.at_high - self.at_low)


def swings(metrics: Metrics, values: Values, key: str) -> list[Swing]:
    """For each ranged input, `key` at its low and high end with the rest at midpoints; widest first.

    Examples:
        >>> values = {"m": NumberRange(30000, 40000), "c": NumberRange(0.15, 0.25)}
        >>> [(s.name, round(s.width)) for s in swings(lambda v: {"clv": v["m"] / v["c"]}, values, "clv")]
        [('c', 93333), ('m', 50000)]
    """
    centre = midpoints(values)
    found = []
    for name in ranged(values):
        at_low = metrics(centre | {name: values[name].low})[key]
        at_high = metrics(centre | {name: values[name].high})[key]
        found.append(Swing(name, at_low, at_high))
    return sorted(found, key=lambda swing: -swing.width)


def tornado_chart(title: str, point: float, bars: list[tuple[str, str, Swing]], unit: str = "") -> str:
    """Horizontal bars around the point result, one per ranged input, widest on top.

    `bars` holds (label, the input's range as text, swing), already sorted.

    Examples:
        >>> chart = tornado_chart("CLV", 175000, [("Отток", "15..25 %", Swing("churn", 233333.3, 140000.0))], "₽")
        >>> chart.startswith('<svg class="clg-chart"'), "Отток" in chart
        (True, True)
    """
    values = [point] + [value for _, _, swing in bars for value in (swing.at_low, swing.at_high)]
    low, high = min(values), max(values)
    if high - low <= 0:
        high = low + 1.0
    left, top, width, row = 190.0, 48.0, 330.0, 34.0

    def x_at(value: float) -> float:
        return left + width * (value - low) / (high - low)

    suffix = f"\u00a0{unit}" if unit else ""
    body = [
        charts.text(10, 16, f"Что сильнее всего двигает {title}", css_class="clg-label clg-label--title"),
        charts.text(10, 34, "Каждая полоса\u00a0— одна вводная от начала до конца диапазона, остальные в середине"),
    ]
    for index, (label, typed, swing) in enumerate(bars):
        y = top + index * row
        start, end = sorted((swing.at_low, swing.at_high))
        body.append(charts.text(left - 8, y + 14, label, anchor="end"))
        body.append(charts.text(left - 8, y + 27, typed, anchor="end"))
        body.append(
            charts.rect(
                x_at(start),
                y + 4,
                max(x_at(end) - x_at(start), 1.0),
                row - 10,
                "clg-fill-accent",
                f"{label}: от {format_number(start, 0)} до {format_number(end, 0)}{suffix}",
            )
        )
        body.append(charts.text(x_at(end) + 4, y + 20, f"{format_number(end - start, 0)}{suffix}"))
    bottom = top + len(bars) * row
    body.append(charts.line(x_at(point), top - 4, x_at(point), bottom, "clg-stroke-target"))
    body.append(charts.text(x_at(point), bottom + 16, f"{title} {format_number(point, 0)}{suffix}", anchor="middle"))
    desc = "; ".join(
        f"{label} ({typed}) меняет {title} на {format_number(swing.width, 0)}{suffix}" for label, typed, swing in bars
    )
    return charts.svg(600, int(bottom + 28), f"Чувствительность: {title}", desc + ".", body)


def range_figures(
    key: str, label: str, bounds: tuple[float, float], *, unit: str = "", decimals: int = 1, infinite: str = ""
) -> list[Figure]:
    """`<key>_low` and `<key>_high` figures; an infinite end shows `infinite` and has no number.

    Examples:
        >>> [f.text for f in range_figures("clv", "CLV", (140000.0, math.inf), infinite="не ограничен")]
        ['140\\xa0000', 'не ограничен']
    """
    figures = []
    for end, value in zip(("low", "high"), bounds, strict=True):
        name = f"{label}: {'нижняя' if end == 'low' else 'верхняя'} граница"
        if math.isinf(value):
            figures.append(Figure(f"{key}_{end}", name, None, infinite))
        else:
            figures.append(Figure.number(f"{key}_{end}", name, value, unit=unit, decimals=decimals))
    return figures


def typed_range(value: NumberRange, unit: str = "") -> str:
    """A range as the page writes it back: `15…25 %`.

    Examples:
        >>> typed_range(NumberRange(15, 25), "%")
        '15…25\\xa0%'
    """
    suffix = f"\u00a0{unit}" if unit else ""
    return f"{format_number(value.low, 2)}…{format_number(value.high, 2)}{suffix}"


@dataclass(frozen=True)
class Spread:
    """What the ranges do to the results: each metric's bounds and the swings of the main one."""

    bounds: dict[str, tuple[float, float]]
    swings: list[Swing]
    corners: int


def spread(metrics: Metrics, values: Values, key: str) -> Spread | None:
    """Bounds over the corners and swings of `key`; None when no input is a range.

    Examples:
        >>> found = spread(lambda v: {"clv": v["m"] / v["c"]}, {"m": 35000.0, "c": NumberRange(0.15, 0.25)}, "clv")
        >>> found.bounds["clv"][0], found.corners
        (140000.0, 2)
    """
    names = ranged(values)
    if not names:
        return None
    return Spread(extremes(metrics, values), swings(metrics, values, key), 2 ** len(names))


def method_step(values: Values, labels: Mapping[str, tuple[str, str]], found: Spread) -> str:
    """The worked step that says how the range result was found, naming the typed ranges.

    Examples:
        >>> found = spread(lambda v: {"x": v["c"]}, {"c": NumberRange(15, 25)}, "x")
        >>> method_step({"c": NumberRange(15, 25)}, {"c": ("Отток", "%")}, found)[:39]
        'Диапазоны: отток 15…25\\xa0%. Точечный резу'
    """
    typed = ", ".join(
        f"{labels[name][0][:1].lower()}{labels[name][0][1:]} {typed_range(values[name], labels[name][1])}"
        for name in ranged(values)
    )
    return (
        f"Диапазоны: {typed}. Точечный результат посчитан по серединам диапазонов; границы\u00a0— наименьшее и "
        f"наибольшее значение по всем {found.corners} сочетаниям концов диапазонов. Этого достаточно, потому "
        "что каждый результат при остальных вводных неизменных только растёт или только падает с каждой "
        "вводной: крайние значения достигаются на концах."
    )


def tornado_figure(
    title: str, point: float, values: Values, labels: Mapping[str, tuple[str, str]], found: Spread, unit: str = ""
) -> str:
    """The tornado chart in its figure box, for a report's `extra_html`; "" when nothing swings finitely.

    Examples:
        >>> values = {"c": NumberRange(15, 25)}
        >>> found = spread(lambda v: {"x": 100 / v["c"]}, values, "x")
        >>> tornado_figure("x", 5.0, values, {"c": ("Отток", "%")}, found).startswith('<figure class="clg-chart-box">')
        True
    """
    bars = [
        (labels[swing.name][0], typed_range(values[swing.name], labels[swing.name][1]), swing)
        for swing in found.swings
        if math.isfinite(swing.at_low) and math.isfinite(swing.at_high)
    ]
    if not bars or not math.isfinite(point):
        return ""
    return f'<figure class="clg-chart-box">{tornado_chart(title, point, bars, unit)}</figure>'
