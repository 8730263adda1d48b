"""The CLV calculator's charts: cumulative margin with the payback point, cumulative revenue."""

from __future__ import annotations

import math

from calculators import charts
from calculators.clv.maths import MAX_PAYBACK_MONTHS, AdvancedResult, SimpleResult, years
from calculators.clv.words import money, months, payback_words
from calculators.formatting import format_number


def cumulative_margin(monthly_margin: float, monthly_churn: float, months: int) -> list[float]:
    """Margin collected from an account after 0, 1, …, `months` months, surviving share included.

    Month k brings g·(1 − p)ᵏ⁻¹: the margin is earned by the accounts still there.

    Examples:
        >>> cumulative_margin(800, 0.5, 3)
        [0.0, 800.0, 1200.0, 1400.0]
    """
    totals = [0.0]
    survivors = 1.0
    for _ in range(months):
        totals.append(totals[-1] + monthly_margin * survivors)
        survivors *= 1 - monthly_churn
    return totals


def chart_months(result: AdvancedResult) -> int:
    """How many months the payback chart spans: past the payback point, or the account's life."""
    paybacks = (result.acquisition.payback_churn, result.acquisition.payback) if result.acquisition else ()
    known = [payback.months for payback in paybacks if payback.shown is not None]
    if known:
        span = known[0] * 1.4
    elif result.churn.monthly > 0:
        span = 2 / result.churn.monthly
    else:
        span = result.inputs.horizon_years * 12
    return 12 * math.ceil(min(max(span, 12), MAX_PAYBACK_MONTHS) / 12)


def payback_chart(result: AdvancedResult) -> str:
    """Cumulative margin per account by month, with and without churn, the CAC line and the payback point.

    Examples:
        >>> from calculators.clv.maths import AdvancedInputs, clv_advanced
        >>> chart = payback_chart(clv_advanced(AdvancedInputs(12000, 80, 10, cac=24000)))
        >>> chart.startswith('<svg class="clg-chart"'), "окупаемость: 34,6" in chart
        (True, True)
    """
    end = chart_months(result)
    margin = result.monthly_margin
    totals = cumulative_margin(margin, result.churn.monthly, end)
    acquisition = result.acquisition
    cac = acquisition.cac if acquisition else None
    left, top, width, height = 70.0, 50.0, 500.0, 200.0
    low = min(0.0, *totals)
    high = max(0.0, cac or 0.0, *totals) * 1.15
    if high - low <= 0:
        high = low + 1.0

    def x_at(month: float) -> float:
        return left + width * month / end

    def y_at(amount: float) -> float:
        return top + height * (high - amount) / (high - low)

    step = max(1, end // 120)
    points = [(x_at(month), y_at(totals[month])) for month in range(0, end + 1, step)]
    body = [
        charts.text(left, 16, "Накопленная валовая прибыль с одного аккаунта", css_class="clg-label clg-label--title"),
        charts.line(left, y_at(0), left + width, y_at(0)),
        charts.line(left, top, left, top + height),
    ]
    tick = next(size for size in (6, 12, 24, 60, 120, 240) if end / size <= 10)
    for month in range(0, end + 1, tick):
        body.append(charts.line(x_at(month), y_at(0) - 4, x_at(month), y_at(0) + 4))
        body.append(charts.text(x_at(month), top + height + 18, format_number(month, 0), anchor="middle"))
    body.append(charts.text(left + width, top + height + 36, "месяцы", anchor="end"))
    body.append(charts.text(left - 6, y_at(0) + 4, "0", anchor="end"))
    legend = [("clg-stroke-main", "с учётом оттока")]
    if result.churn.monthly > 0 and margin > 0:
        reach = min(end, high / margin)
        body.append(charts.polyline([(x_at(0), y_at(0)), (x_at(reach), y_at(margin * reach))], "clg-stroke-target"))
        legend.append(("clg-stroke-target", "без оттока"))
    body.append(charts.polyline(points, "clg-stroke-main"))
    body.append(charts.text(left + width, 16, f"за {end} мес.: {format_number(totals[-1], 0)}\u00a0₽", anchor="end"))
    if acquisition is not None:
        cac_y = y_at(acquisition.cac)
        body.append(charts.line(left, cac_y, left + width, cac_y, "clg-stroke-bad"))
        body.append(charts.text(left + 6, cac_y - 6, f"CAC {format_number(acquisition.cac, 0)}\u00a0₽"))
        legend.append(("clg-stroke-bad", "CAC"))
        payback = acquisition.payback_churn.shown
        if payback is not None:
            body.append(charts.circle(x_at(payback), cac_y, 6, "clg-fill-accent"))
            body.append(charts.text(x_at(payback) - 8, cac_y + 20, f"окупаемость: {months(payback)}", "end"))
    legend_x = left
    for css_class, label in legend:
        body.append(charts.line(legend_x, 32, legend_x + 24, 32, css_class))
        body.append(charts.text(legend_x + 30, 36, label))
        legend_x += 170
    payback_text = ""
    if acquisition is not None:
        payback_text = f" Окупаемость CAC с учётом оттока: {payback_words(acquisition.payback_churn)}."
    desc = (
        f"За {format_number(end, 0)} мес. аккаунт с учётом оттока приносит {money(totals[-1])} "
        f"валовой прибыли.{payback_text}"
    )
    return charts.svg(600, 300, "Накопленная валовая прибыль и окупаемость CAC", desc, body)


def revenue_chart(result: SimpleResult) -> str:
    """Cumulative revenue per customer over the lifetime (simple form), with the CAC line.

    Examples:
        >>> from calculators.clv.maths import SimpleInputs, clv_simple
        >>> "CAC 30\xa0000" in revenue_chart(clv_simple(SimpleInputs(12000, 10, cac=30000)))
        True
    """
    inputs = result.inputs
    end = 12 * max(1, math.ceil(inputs.lifetime_years))
    left, top, width, height = 70.0, 40.0, 500.0, 200.0
    high = max(result.clv, inputs.cac or 0.0) * 1.15 or 1.0

    def x_at(month: float) -> float:
        return left + width * month / end

    def y_at(amount: float) -> float:
        return top + height * (high - amount) / high

    life = inputs.lifetime_years * 12
    body = [
        charts.text(left, 16, "Накопленная выручка с одного клиента", css_class="clg-label clg-label--title"),
        charts.line(left, y_at(0), left + width, y_at(0)),
        charts.line(left, top, left, top + height),
        charts.polyline(
            [(x_at(0), y_at(0)), (x_at(life), y_at(result.clv)), (x_at(end), y_at(result.clv))], "clg-stroke-main"
        ),
        charts.text(x_at(life), y_at(result.clv) - 8, money(result.clv), anchor="end"),
    ]
    tick = next(size for size in (6, 12, 24, 60, 120, 240) if end / size <= 10)
    for month in range(0, end + 1, tick):
        body.append(charts.text(x_at(month), top + height + 18, format_number(month, 0), anchor="middle"))
    body.append(charts.text(left + width, top + height + 36, "месяцы", anchor="end"))
    if inputs.cac is not None:
        body.append(charts.line(left, y_at(inputs.cac), left + width, y_at(inputs.cac), "clg-stroke-bad"))
        body.append(charts.text(left + 6, y_at(inputs.cac) - 6, f"CAC {format_number(inputs.cac, 0)}\u00a0₽"))
    desc = f"Клиент приносит {money(result.clv)} выручки за {years(inputs.lifetime_years)}."
    return charts.svg(600, 300, "Накопленная выручка с клиента за срок жизни", desc, body)
