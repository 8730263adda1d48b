"""Net and gross revenue retention (NRR, GRR) of one period's recurring revenue.

NRR = (start + expansion − contraction − churn) / start; GRR leaves expansion out, so it
never exceeds 100 % and never exceeds NRR. Any amount may be typed as a range (`a..b`): the
point result uses midpoints and the bounds come from the corners (see `calculators.ranges`);
both metrics are monotone in each amount, so the corners hold the extremes.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from calculators import charts, ranges
from calculators.benchmarks import Benchmark, load_benchmarks
from calculators.calculator import Calculator, Values
from calculators.errors import InputError
from calculators.fields import Field
from calculators.formatting import format_number
from calculators.report import Figure, Report

MAX_MONEY = 1e12
# Percentages of a start below one rouble are noise, and a tiny start would overflow them.
MIN_START = 1.0
# Lets 0.1 + 0.2 of losses equal a start of 0.3 despite binary rounding.
TOLERANCE = 1e-9
SCALE_LOW, SCALE_HIGH = 60.0, 140.0


@dataclass(frozen=True)
class NrrInputs:
    """Recurring revenue (MRR) at the start of a period and how it moved during it, in roubles."""

    start_mrr: float
    expansion: float
    contraction: float
    churned: float


@dataclass(frozen=True)
class NrrResult:
    """NRR and GRR in percent, and the revenue of the same accounts at the end of the period."""

    inputs: NrrInputs
    nrr: float
    grr: float
    end_mrr: float

    @property
    def kept_mrr(self) -> float:
        """Start minus contraction and churn: the numerator of GRR.

        Examples:
            >>> retention(NrrInputs(100000, 15000, 3000, 5000)).kept_mrr
            92000.0
        """
        return self.end_mrr - self.inputs.expansion


def retention(inputs: NrrInputs) -> NrrResult:
    """NRR, GRR and the end MRR; `InputError` if losses exceed the start or the start is too small.

    Examples:
        >>> result = retention(NrrInputs(100000, 15000, 3000, 5000))
        >>> result.nrr, result.grr, result.end_mrr
        (107.0, 92.0, 107000.0)
        >>> retention(NrrInputs(100, 0, 60, 50))  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        calculators.errors.InputError: start_mrr: MRR на начало (100...) меньше, чем сокращение и отток ...
    """
    for name in ("start_mrr", "expansion", "contraction", "churned"):
        if getattr(inputs, name) < 0:
            raise InputError(name, "Сумма не может быть отрицательной.")
    if inputs.start_mrr < MIN_START:
        raise InputError("start_mrr", "MRR на начало должен быть не меньше 1\u00a0₽: от него считаются проценты.")
    lost = inputs.contraction + inputs.churned
    if lost > inputs.start_mrr * (1 + TOLERANCE):
        raise InputError(
            "start_mrr",
            f"MRR на начало ({format_number(inputs.start_mrr, 2)}\u00a0₽) меньше, чем сокращение и отток вместе "
            f"({format_number(lost, 2)}\u00a0₽): потерять больше, чем было, нельзя.",
        )
    kept = max(0.0, float(inputs.start_mrr - lost))
    end = kept + inputs.expansion
    return NrrResult(inputs, nrr=100 * end / inputs.start_mrr, grr=100 * kept / inputs.start_mrr, end_mrr=end)


def position(nrr: float, median: Benchmark, top_quartile: Benchmark) -> str:
    """Where NRR stands against the median and the top quartile, in Russian.

    Examples:
        >>> marks = load_benchmarks()
        >>> position(107, marks["nrr_median"], marks["nrr_top_quartile"])
        'выше медианы, но ниже верхнего квартиля'
    """
    if nrr >= top_quartile.low:
        return "на уровне верхнего квартиля"
    if nrr >= median.low:
        return "выше медианы, но ниже верхнего квартиля"
    return "ниже медианы"


def _money(value: float) -> str:
    return f"{format_number(value, 2)}\u00a0₽"


def _percent(value: float) -> str:
    return f"{format_number(value)}\u00a0%"


def waterfall_chart(result: NrrResult, median: Benchmark, top_quartile: Benchmark) -> str:
    """A waterfall from start to end MRR, and NRR on a scale with the two benchmarks marked.

    Examples:
        >>> marks = load_benchmarks()
        >>> chart = waterfall_chart(retention(NrrInputs(100, 5, 0, 0)), marks["nrr_median"], marks["nrr_top_quartile"])
        >>> chart.startswith('<svg class="clg-chart"'), "NRR 105\xa0%" in chart
        (True, True)
    """
    inputs = result.inputs
    left, top, width, height = 20.0, 40.0, 560.0, 160.0
    high = inputs.start_mrr + inputs.expansion

    def y_at(amount: float) -> float:
        return top + height * (1 - amount / high)

    after_expansion = inputs.start_mrr + inputs.expansion
    after_contraction = after_expansion - inputs.contraction
    bars = [
        ("MRR на начало", 0.0, inputs.start_mrr, "clg-fill-accent", inputs.start_mrr, ""),
        ("Расширение", inputs.start_mrr, after_expansion, "clg-fill-good", inputs.expansion, "+"),
        ("Сокращение", after_contraction, after_expansion, "clg-fill-bad", inputs.contraction, "−"),
        ("Отток", result.end_mrr, after_contraction, "clg-fill-bad", inputs.churned, "−"),
        ("MRR на конец", 0.0, result.end_mrr, "clg-fill-accent", result.end_mrr, ""),
    ]
    slot = width / len(bars)
    body = [charts.text(left, 16, "Как менялась выручка за период", css_class="clg-label clg-label--title")]
    body.append(charts.line(left, y_at(0), left + width, y_at(0)))
    for index, (label, bottom, upper, css_class, amount, sign) in enumerate(bars):
        x = left + index * slot + slot * 0.15
        shown = f"{sign}{format_number(amount, 0)}"
        body.append(
            charts.rect(x, y_at(upper), slot * 0.7, y_at(bottom) - y_at(upper), css_class, f"{label}: {shown}\u00a0₽")
        )
        body.append(charts.text(x + slot * 0.35, y_at(upper) - 6, shown, anchor="middle"))
        body.append(charts.text(x + slot * 0.35, top + height + 18, label, anchor="middle"))

    def scale(value: float) -> float:
        clipped = min(max(value, SCALE_LOW), SCALE_HIGH)
        return left + width * (clipped - SCALE_LOW) / (SCALE_HIGH - SCALE_LOW)

    axis_y = 290.0
    body.append(charts.text(left, 246, "NRR и ориентиры, %", css_class="clg-label clg-label--title"))
    body.append(charts.line(left, axis_y, left + width, axis_y))
    for tick in range(int(SCALE_LOW), int(SCALE_HIGH) + 1, 20):
        body.append(charts.line(scale(tick), axis_y - 4, scale(tick), axis_y + 4))
        body.append(charts.text(scale(tick), axis_y + 20, format_number(tick, 0), anchor="middle"))
    # The two marks sit close together: the median's label runs left of it, the quartile's right.
    for mark, name, anchor, shift in ((median, "медиана", "end", -4), (top_quartile, "верхний квартиль", "start", 4)):
        body.append(charts.line(scale(mark.low), axis_y - 12, scale(mark.low), axis_y + 12, "clg-stroke-target"))
        body.append(charts.text(scale(mark.low) + shift, axis_y + 40, f"{name} {mark.text}", anchor=anchor))
    beyond = "" if SCALE_LOW <= result.nrr <= SCALE_HIGH else " (за краем шкалы)"
    body.append(charts.circle(scale(result.nrr), axis_y, 7, "clg-fill-accent"))
    anchor = "end" if result.nrr > SCALE_HIGH - 15 else "start" if result.nrr < SCALE_LOW + 15 else "middle"
    body.append(charts.text(scale(result.nrr), axis_y - 14, f"NRR {_percent(result.nrr)}{beyond}", anchor=anchor))
    desc = (
        f"MRR на начало {_money(inputs.start_mrr)}, расширение {_money(inputs.expansion)}, сокращение "
        f"{_money(inputs.contraction)}, отток {_money(inputs.churned)}, на конец {_money(result.end_mrr)}. "
        f"NRR {_percent(result.nrr)}; медиана {median.text}, верхний квартиль {top_quartile.text} ({median.citation})."
    )
    return charts.svg(600, 350, "Движение выручки за период и NRR относительно ориентиров", desc, body)


def nrr_report(result: NrrResult) -> Report:
    """Figures, chart, worked steps and caveats for one NRR result.

    Examples:
        >>> nrr_report(retention(NrrInputs(100000, 15000, 3000, 5000))).figure("nrr").text
        '107'
    """
    inputs = result.inputs
    marks = load_benchmarks()
    median, top_quartile = marks["nrr_median"], marks["nrr_top_quartile"]
    where = position(result.nrr, median, top_quartile)
    start = format_number(inputs.start_mrr, 2)
    kept = format_number(result.kept_mrr, 2)
    steps = (
        f"MRR на конец = {start} + {format_number(inputs.expansion, 2)} − {format_number(inputs.contraction, 2)} − "
        f"{format_number(inputs.churned, 2)} = {_money(result.end_mrr)}.",
        f"NRR = {format_number(result.end_mrr, 2)} / {start} × 100 = {_percent(result.nrr)}.",
        f"GRR = ({start} − {format_number(inputs.contraction, 2)} − {format_number(inputs.churned, 2)}) / {start} "
        f"× 100 = {kept} / {start} × 100 = {_percent(result.grr)}.",
        f"Вклад расширений: NRR − GRR = {format_number(result.nrr - result.grr)} п. п.",
        f"Ориентиры ({median.citation}): медиана {median.prose()}, верхний квартиль {top_quartile.prose()}; "
        f"NRR {_percent(result.nrr)}\u00a0— {where}.",
    )
    notes = [
        "Ориентиры относятся к NRR за год. Если вы ввели данные за месяц или квартал, сравнивайте с ними "
        "осторожно: за короткий период проценты ближе к 100."
    ]
    if inputs.expansion == 0:
        notes.append("Расширений нет, поэтому NRR совпадает с GRR.")
    if result.grr == 0:
        notes.append("Сокращение и отток забрали всю выручку на начало: всё, что осталось,\u00a0— расширения.")
    figures = (
        Figure.number("nrr", "NRR", result.nrr, unit="%"),
        Figure.number("grr", "GRR", result.grr, unit="%"),
        Figure.number("end_mrr", "MRR на конец", result.end_mrr, unit="₽", decimals=0),
        Figure("nrr_median", "Ориентир: медиана", median.low, median.text, hint=median.citation),
        Figure(
            "nrr_top_quartile",
            "Ориентир: верхний квартиль",
            top_quartile.low,
            top_quartile.text,
            hint=top_quartile.citation,
        ),
    )
    summary = (
        f"NRR = {_percent(result.nrr)}, GRR = {_percent(result.grr)}: без расширений база сохранила бы "
        f"{_percent(result.grr)} выручки. NRR {where} ({median.citation})."
    )
    return Report(figures, summary, waterfall_chart(result, median, top_quartile), steps, tuple(notes))


def nrr_inputs(values: Mapping[str, Any]) -> NrrInputs:
    """The amounts of point values, in the order `NrrInputs` takes them."""
    return NrrInputs(values["start_mrr"], values["expansion"], values["contraction"], values["churned"])


def corner_metrics(values: Mapping[str, Any]) -> dict[str, float]:
    """NRR and GRR at one corner of the ranges; a corner that loses more than the start names it.

    Examples:
        >>> corner_metrics({"start_mrr": 100.0, "expansion": 5.0, "contraction": 0.0, "churned": 10.0})
        {'nrr': 95.0, 'grr': 90.0}
    """
    try:
        result = retention(nrr_inputs(values))
    except InputError as error:
        corner = ", ".join(f"{LABELS[name][0].lower()} {format_number(values[name], 2)}" for name in LABELS)
        raise InputError(error.field, f"{error.message} Так выходит на краю диапазонов: {corner}.") from None
    return {"nrr": result.nrr, "grr": result.grr}


def with_ranges(report: Report, values: Mapping[str, Any], found: ranges.Spread) -> Report:
    """The point report plus `nrr_low`…`grr_high`, the method step and the tornado chart."""
    figures = []
    for key, label in (("nrr", "NRR"), ("grr", "GRR")):
        figures += ranges.range_figures(key, label, found.bounds[key], unit="%")
    low, high = found.bounds["nrr"]
    point = report.figure("nrr").value or 0.0
    return dataclasses.replace(
        report,
        figures=report.figures + tuple(figures),
        summary=f"{report.summary} С учётом диапазонов NRR\u00a0— от {_percent(low)} до {_percent(high)}.",
        steps=(*report.steps, ranges.method_step(values, LABELS, found)),
        extra_html=report.extra_html + ranges.tornado_figure("NRR", point, values, LABELS, found, "%"),
    )


def evaluate(values: Values) -> Report:
    """The NRR report for validated form values, ranges included.

    Examples:
        >>> evaluate(CALCULATOR.check({})[0]).figure("grr").value
        92.0
        >>> evaluate(CALCULATOR.check({"expansion": "500000..1000000"})[0]).figure("nrr_high").value
        112.0
    """
    report = nrr_report(retention(nrr_inputs(ranges.midpoints(values))))
    found = ranges.spread(corner_metrics, values, "nrr")
    return report if found is None else with_ranges(report, values, found)


def _money_field(name: str, label: str, default: str, help_text: str) -> Field:
    return Field(
        name,
        label,
        "number",
        default,
        unit="₽",
        help=f"{help_text} Можно ввести диапазон, например 400000..600000: результат покажет середину и границы.",
        minimum=0,
        maximum=MAX_MONEY,
        accepts_range=True,
    )


FIELDS = (
    _money_field("start_mrr", "MRR на начало периода", "5000000", "Регулярная выручка с клиентской базы на начало."),
    _money_field(
        "expansion", "Расширение", "750000", "Прирост от допродаж, новых мест и дорогих тарифов у этих же клиентов."
    ),
    _money_field(
        "contraction", "Сокращение", "150000", "Потери от клиентов, которые остались, но стали платить меньше."
    ),
    _money_field("churned", "Отток", "250000", "Выручка клиентов, которые ушли за период."),
)
# Field name → (label, unit), for the worked steps and the tornado chart of ranges.
LABELS = {field.name: (field.label, field.unit) for field in FIELDS}

CALCULATOR = Calculator(
    name="nrr",
    title="Калькулятор NRR и GRR",
    fields=FIELDS,
    evaluate=evaluate,
)
