"""From validated form values to the CLV report, ranges included."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from calculators import ranges
from calculators.clv.fields import LABELS
from calculators.clv.maths import (
    AdvancedInputs,
    Payback,
    SimpleInputs,
    advanced_metrics,
    clv_advanced,
    clv_simple,
    simple_metrics,
)
from calculators.clv.report import advanced_report, infinite_text, payback_figure, simple_report
from calculators.clv.words import money
from calculators.fields import NumberRange
from calculators.report import Figure, Report

# Result key → label and unit of its range figures, in the order they are shown.
RANGED_RESULTS = {
    "clv": ("CLV", "₽"),
    "ltv_cac": ("CLV : CAC", ""),
    "payback_months": ("Окупаемость CAC", "мес."),
    "payback_months_churn": ("Окупаемость с учётом оттока", "мес."),
}


def advanced_inputs(values: Mapping[str, Any]) -> AdvancedInputs:
    """The advanced form's inputs from point values.

    Examples:
        >>> advanced_inputs({"arpa": 1.0, "gross_margin": 80.0, "churn": 10.0, "churn_unit": "month",
        ...                  "discount_rate": 0.0, "cac": None, "horizon_years": 10}).churn_unit
        'month'
    """
    return AdvancedInputs(
        arpa=values["arpa"],
        gross_margin=values["gross_margin"],
        churn=values["churn"],
        discount_rate=values["discount_rate"],
        cac=values["cac"],
        horizon_years=values["horizon_years"],
        churn_unit=values["churn_unit"],
    )


def simple_inputs(values: Mapping[str, Any]) -> SimpleInputs:
    """The simple form's inputs from point values."""
    return SimpleInputs(values["arr"], values["lifetime_years"], values["cac"])


def range_figures(found: ranges.Spread) -> list[Figure]:
    """`<key>_low` / `<key>_high` for every result the ranges move; paybacks read like the point ones."""
    figures: list[Figure] = []
    for key, (label, unit) in RANGED_RESULTS.items():
        if key not in found.bounds:
            continue
        if key.startswith("payback"):
            for end, value in zip(("low", "high"), found.bounds[key], strict=True):
                name = f"{label}: {'нижняя' if end == 'low' else 'верхняя'} граница"
                figures.append(payback_figure(f"{key}_{end}", name, Payback(value)))
        else:
            decimals = 0 if unit == "₽" else 1
            figures += ranges.range_figures(
                key, label, found.bounds[key], unit=unit, decimals=decimals, infinite=infinite_text(key)
            )
    return figures


def with_ranges(report: Report, values: Mapping[str, Any], found: ranges.Spread) -> Report:
    """The point report plus the bounds, the method step and the tornado chart.

    Examples:
        >>> from calculators.clv import CALCULATOR
        >>> values = CALCULATOR.check({"arpa": "50000", "gross_margin": "70", "churn": "15..25", "cac": ""})[0]
        >>> [evaluate(values).figure(key).text for key in ("clv", "clv_low", "clv_high")]
        ['175\\xa0000', '140\\xa0000', '233\\xa0333']
    """
    low, high = found.bounds["clv"]
    shown = (money(value) if value != float("inf") else infinite_text("clv") for value in (low, high))
    sentence = "С учётом диапазонов CLV\u00a0— от {} до {}.".format(*shown)
    point = report.figure("clv").value or 0.0
    return dataclasses.replace(
        report,
        figures=report.figures + tuple(range_figures(found)),
        summary=f"{report.summary} {sentence}",
        steps=(*report.steps, ranges.method_step(values, LABELS, found)),
        extra_html=report.extra_html + ranges.tornado_figure("CLV", point, values, LABELS, found, "₽"),
    )


def evaluate(values: Mapping[str, Any]) -> Report:
    """The CLV report for validated form values (advanced or simple form, ranges allowed).

    Examples:
        >>> from calculators.clv import CALCULATOR
        >>> evaluate(CALCULATOR.check({"arpa": "12000", "gross_margin": "80", "churn": "10", "cac": "24000"})[0]
        ...          ).figure("ltv_cac").value
        4.0
    """
    point = ranges.midpoints(values)
    if values["mode"] == "simple":
        report = simple_report(clv_simple(simple_inputs(point)))
        found = ranges.spread(lambda corner: simple_metrics(simple_inputs(corner)), values, "clv")
    else:
        report = advanced_report(clv_advanced(advanced_inputs(point)))
        open_ended = any(isinstance(values[name], NumberRange) for name in ("churn", "discount_rate"))
        found = ranges.spread(
            lambda corner: advanced_metrics(advanced_inputs(corner), unbounded_is_infinite=open_ended), values, "clv"
        )
    if found is None:
        return report
    return with_ranges(report, values, found)
