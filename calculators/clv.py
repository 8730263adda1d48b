"""Customer lifetime value (CLV), the CLV to CAC ratio and CAC payback.

The advanced form sums the gross margin m an account brings at the start of every year it
stays: m·Σ ((1 − c)/(1 + d))ᵗ = m·(1 + d)/(d + c), with annual churn c and discount rate d.
The simple form multiplies average ARR by the lifetime in years.

Payback is counted month by month with a monthly churn of c/12, so the expected number of
paying months, 12/c, matches the lifetime 1/c years of the annual formula. Churn above 100 %
a year is read as such a rate (10 % a month ≈ 120 % a year) and is capped at 1200 %: all
accounts gone within one month.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from calculators import charts
from calculators.benchmarks import Benchmark, load_benchmarks
from calculators.calculator import Calculator, Values
from calculators.errors import InputError
from calculators.fields import Field
from calculators.formatting import format_number
from calculators.report import Figure, Report

MAX_MONEY = 1e12
# Rates below this are indistinguishable from zero but would make CLV astronomically large.
MIN_RATE_PCT = 0.01
MAX_CHURN_PCT = 1200.0
MAX_DISCOUNT_PCT = 100.0
MAX_YEARS = 100
MIN_CAC = 0.01
# Beyond 100 years a payback period says nothing a reader could act on.
MAX_PAYBACK_MONTHS = 1200
RULE_OF_THUMB = 3.0
HIGH_RATIO = 5.0


@dataclass(frozen=True)
class AdvancedInputs:
    """Unit economics of one account; percentages as typed (80 means 80 %)."""

    arpa: float
    gross_margin: float
    churn: float
    discount_rate: float = 0.0
    cac: float | None = None
    horizon_years: int = 10


@dataclass(frozen=True)
class SimpleInputs:
    """Average ARR per customer and the lifetime in years."""

    arr: float
    lifetime_years: float
    cac: float | None = None


@dataclass(frozen=True)
class Payback:
    """Months until CAC is covered; `months` is None when that never happens or takes too long."""

    months: float | None
    never: bool = False

    @property
    def text(self) -> str:
        """The payback in Russian words when there is no number.

        Examples:
            >>> Payback(None, never=True).text, Payback(None).text, Payback(30.0).text
            ('никогда', 'больше 100\\xa0лет', '30')
        """
        if self.months is not None:
            return format_number(self.months)
        return "никогда" if self.never else f"больше {years(MAX_PAYBACK_MONTHS // 12)}"


@dataclass(frozen=True)
class Acquisition:
    """What a known CAC adds: the CLV to CAC ratio and the payback without and with churn."""

    cac: float
    ltv_cac: float
    payback: Payback
    payback_churn: Payback


@dataclass(frozen=True)
class AdvancedResult:
    """CLV and lifetime for the advanced form; `acquisition` is None without CAC."""

    inputs: AdvancedInputs
    annual_margin: float
    clv: float
    lifetime_years: float | None
    unbounded: bool
    acquisition: Acquisition | None

    @property
    def monthly_margin(self) -> float:
        """Gross margin per account per month, g = ARPA/12 × margin.

        Examples:
            >>> clv_advanced(AdvancedInputs(12000, 80, 10)).monthly_margin
            800.0
        """
        return self.annual_margin / 12

    @property
    def monthly_churn(self) -> float:
        """Share of accounts lost per month, p = c/12.

        Examples:
            >>> round(clv_advanced(AdvancedInputs(12000, 80, 60)).monthly_churn, 6)
            0.05
        """
        return self.inputs.churn / 100 / 12


@dataclass(frozen=True)
class SimpleResult:
    """CLV as ARR × lifetime, and the ratio to CAC when it is known."""

    inputs: SimpleInputs
    clv: float
    ltv_cac: float | None


def check_rate(value: float, field: str) -> None:
    """Refuse a non-zero rate too small to tell from zero.

    Examples:
        >>> check_rate(0, "churn"), check_rate(0.5, "churn")
        (None, None)
        >>> check_rate(0.001, "churn")
        Traceback (most recent call last):
        ...
        calculators.errors.InputError: churn: Меньше 0,01 % в год — это почти ноль: введите 0 или от 0,01.
    """
    if 0 < value < MIN_RATE_PCT:
        limit = format_number(MIN_RATE_PCT, 2)
        raise InputError(field, f"Меньше {limit} % в год — это почти ноль: введите 0 или от {limit}.")


def check_cac(cac: float | None) -> None:
    """CAC is optional, but when given it must be a positive amount.

    Examples:
        >>> check_cac(None), check_cac(24000)
        (None, None)
        >>> check_cac(0)
        Traceback (most recent call last):
        ...
        calculators.errors.InputError: cac: Введите CAC от 0,01 ₽ или оставьте поле пустым.
    """
    if cac is not None and cac < MIN_CAC:
        raise InputError("cac", f"Введите CAC от {format_number(MIN_CAC, 2)} ₽ или оставьте поле пустым.")


def annual_clv(annual_margin: float, churn: float, discount_rate: float) -> float | None:
    """CLV from the yearly margin m and the fractions c and d; None when it is unbounded.

    m·(1 + d)/(d + c) for c ≤ 1. Above 100 % churn an account leaves within its first year,
    whose margin is not discounted, so CLV is m/c. Without churn and discounting the sum
    has no limit.

    Examples:
        >>> annual_clv(9600, 0.1, 0)
        96000.0
        >>> round(annual_clv(9600, 0.1, 0.1), 6)
        52800.0
        >>> annual_clv(9600, 2.0, 0.1), annual_clv(9600, 0, 0)
        (4800.0, None)
    """
    if churn == 0 and discount_rate == 0:
        return None
    if churn > 1:
        return annual_margin / churn
    return annual_margin * (1 + discount_rate) / (discount_rate + churn)


def simple_payback(cac: float, monthly_margin: float) -> Payback:
    """Months for the margin of one account, without churn, to cover CAC: CAC / g.

    Examples:
        >>> simple_payback(24000, 800)
        Payback(months=30.0, never=False)
        >>> simple_payback(24000, 0)
        Payback(months=None, never=True)
    """
    if monthly_margin <= 0:
        return Payback(None, never=True)
    if cac > monthly_margin * MAX_PAYBACK_MONTHS:
        return Payback(None)
    return Payback(cac / monthly_margin)


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


def churn_payback(cac: float, monthly_margin: float, monthly_churn: float) -> Payback:
    """Months until the margin of the surviving share of accounts covers CAC.

    The margin accrues evenly within each month. It can never exceed g/p, so a CAC at or
    above that is never paid back.

    Examples:
        >>> round(churn_payback(24000, 800, 0.1 / 12).months, 2)
        34.38
        >>> churn_payback(24000, 800, 0.5)
        Payback(months=None, never=True)
    """
    if monthly_margin <= 0 or cac * monthly_churn >= monthly_margin:
        return Payback(None, never=True)
    totals = cumulative_margin(monthly_margin, monthly_churn, MAX_PAYBACK_MONTHS)
    for month in range(1, len(totals)):
        if totals[month] >= cac:
            earned = totals[month] - totals[month - 1]
            return Payback(month - 1 + (cac - totals[month - 1]) / earned)
    return Payback(None)


def ratio_verdict(ratio: float) -> str:
    """The CLV to CAC ratio against the 3:1 rule of thumb, in Russian.

    Examples:
        >>> ratio_verdict(4.0)
        'в норме, не ниже 3:1'
    """
    if ratio < 1:
        return "убыточно, CLV меньше CAC"
    if ratio < RULE_OF_THUMB:
        return "ниже ориентира 3:1"
    if ratio <= HIGH_RATIO:
        return "в норме, не ниже 3:1"
    return "выше 5:1, в привлечение можно вкладывать больше"


def clv_advanced(inputs: AdvancedInputs) -> AdvancedResult:
    """CLV, lifetime, CLV:CAC and both paybacks; raise `InputError` for rates too small or a zero CAC.

    Examples:
        >>> result = clv_advanced(AdvancedInputs(12000, 80, 10, cac=24000))
        >>> result.clv, result.lifetime_years, result.acquisition.ltv_cac, result.acquisition.payback.months
        (96000.0, 10.0, 4.0, 30.0)
    """
    check_rate(inputs.churn, "churn")
    check_rate(inputs.discount_rate, "discount_rate")
    check_cac(inputs.cac)
    churn = inputs.churn / 100
    margin = inputs.arpa * inputs.gross_margin / 100
    clv = annual_clv(margin, churn, inputs.discount_rate / 100)
    unbounded = clv is None
    if clv is None:
        clv = margin * inputs.horizon_years
    acquisition = None
    if inputs.cac is not None:
        acquisition = Acquisition(
            cac=inputs.cac,
            ltv_cac=clv / inputs.cac,
            payback=simple_payback(inputs.cac, margin / 12),
            payback_churn=churn_payback(inputs.cac, margin / 12, churn / 12),
        )
    return AdvancedResult(
        inputs=inputs,
        annual_margin=margin,
        clv=clv,
        lifetime_years=1 / churn if churn > 0 else None,
        unbounded=unbounded,
        acquisition=acquisition,
    )


def clv_simple(inputs: SimpleInputs) -> SimpleResult:
    """CLV = ARR × lifetime in years, and CLV:CAC when CAC is given.

    Examples:
        >>> clv_simple(SimpleInputs(12000, 10, cac=30000))
        SimpleResult(inputs=SimpleInputs(arr=12000, lifetime_years=10, cac=30000), clv=120000, ltv_cac=4.0)
    """
    check_cac(inputs.cac)
    clv = inputs.arr * inputs.lifetime_years
    return SimpleResult(inputs, clv, clv / inputs.cac if inputs.cac is not None else None)


def meets(value: float, benchmark: Benchmark) -> bool:
    """Whether `value` satisfies the benchmark's comparison (≥, <, a range, …).

    Examples:
        >>> meets(12, load_benchmarks()["cac_payback"]), meets(30, load_benchmarks()["cac_payback"])
        (True, False)
    """
    checks = {
        ">=": value >= benchmark.low,
        "<=": value <= benchmark.low,
        ">": value > benchmark.low,
        "<": value < benchmark.low,
        "=": value == benchmark.low,
        "range": benchmark.low <= value <= benchmark.high,
    }
    return checks[benchmark.comparison]


def years(value: float) -> str:
    """A number of years with the Russian noun in the right form.

    Examples:
        >>> years(1), years(3), years(10), years(21), years(12), years(1.5)
        ('1\\xa0год', '3\\xa0года', '10\\xa0лет', '21\\xa0год', '12\\xa0лет', '1,5\\xa0года')
    """
    value = round(value, 2)
    if value != int(value):
        noun = "года"
    else:
        whole = int(value)
        if whole % 10 == 1 and whole % 100 != 11:
            noun = "год"
        elif 2 <= whole % 10 <= 4 and not 12 <= whole % 100 <= 14:
            noun = "года"
        else:
            noun = "лет"
    return f"{format_number(value, 2)}\u00a0{noun}"


def _num(value: float) -> str:
    """Two decimals, or enough to show the first significant digits of a small number."""
    if value == 0 or abs(value) >= 1:
        return format_number(value, 2)
    return format_number(value, min(10, 2 - math.floor(math.log10(abs(value)))))


def _money(value: float) -> str:
    return f"{_num(value)}\u00a0₽"


def _months(value: float) -> str:
    return f"{format_number(value)}\u00a0мес."


def _fraction(percent: float) -> str:
    return _num(percent / 100)


def _chart_months(result: AdvancedResult) -> int:
    """How many months the payback chart spans: past the payback point, or the account's life."""
    paybacks = (result.acquisition.payback_churn, result.acquisition.payback) if result.acquisition else ()
    known = [payback.months for payback in paybacks if payback.months is not None]
    if known:
        span = known[0] * 1.4
    elif result.inputs.churn > 0:
        span = 2 * 12 / (result.inputs.churn / 100)
    else:
        span = result.inputs.horizon_years * 12
    return 12 * math.ceil(min(max(span, 12), MAX_PAYBACK_MONTHS) / 12)


def payback_chart(result: AdvancedResult) -> str:
    """Cumulative margin per account by month, with and without churn, the CAC line and the payback point.

    Examples:
        >>> chart = payback_chart(clv_advanced(AdvancedInputs(12000, 80, 10, cac=24000)))
        >>> chart.startswith('<svg class="clg-chart"'), "окупаемость: 34,4" in chart
        (True, True)
    """
    end = _chart_months(result)
    margin = result.monthly_margin
    totals = cumulative_margin(margin, result.monthly_churn, end)
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
    if result.inputs.churn > 0 and margin > 0:
        reach = min(end, high / margin)
        body.append(charts.polyline([(x_at(0), y_at(0)), (x_at(reach), y_at(margin * reach))], "clg-stroke-target"))
        legend.append(("clg-stroke-target", "без оттока"))
    body.append(charts.polyline(points, "clg-stroke-main"))
    body.append(charts.text(left + width, 16, f"за {end} мес.: {format_number(totals[-1], 0)} ₽", anchor="end"))
    if acquisition is not None:
        cac_y = y_at(acquisition.cac)
        body.append(charts.line(left, cac_y, left + width, cac_y, "clg-stroke-bad"))
        body.append(charts.text(left + 6, cac_y - 6, f"CAC {format_number(acquisition.cac, 0)} ₽"))
        legend.append(("clg-stroke-bad", "CAC"))
        payback = acquisition.payback_churn.months
        if payback is not None:
            body.append(charts.circle(x_at(payback), cac_y, 6, "clg-fill-accent"))
            body.append(charts.text(x_at(payback) - 8, cac_y + 20, f"окупаемость: {_months(payback)}", "end"))
    legend_x = left
    for css_class, label in legend:
        body.append(charts.line(legend_x, 32, legend_x + 24, 32, css_class))
        body.append(charts.text(legend_x + 30, 36, label))
        legend_x += 170
    payback_text = ""
    if acquisition is not None:
        payback_text = f" Окупаемость CAC с учётом оттока: {_payback_words(acquisition.payback_churn)}."
    desc = (
        f"За {format_number(end, 0)} мес. аккаунт с учётом оттока приносит {_money(totals[-1])} "
        f"валовой прибыли.{payback_text}"
    )
    return charts.svg(600, 300, "Накопленная валовая прибыль и окупаемость CAC", desc, body)


def revenue_chart(result: SimpleResult) -> str:
    """Cumulative revenue per customer over the lifetime (simple form), with the CAC line.

    Examples:
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
        charts.text(x_at(life), y_at(result.clv) - 8, _money(result.clv), anchor="end"),
    ]
    tick = next(size for size in (6, 12, 24, 60, 120, 240) if end / size <= 10)
    for month in range(0, end + 1, tick):
        body.append(charts.text(x_at(month), top + height + 18, format_number(month, 0), anchor="middle"))
    body.append(charts.text(left + width, top + height + 36, "месяцы", anchor="end"))
    if inputs.cac is not None:
        body.append(charts.line(left, y_at(inputs.cac), left + width, y_at(inputs.cac), "clg-stroke-bad"))
        body.append(charts.text(left + 6, y_at(inputs.cac) - 6, f"CAC {format_number(inputs.cac, 0)} ₽"))
    desc = f"Клиент приносит {_money(result.clv)} выручки за {years(inputs.lifetime_years)}."
    return charts.svg(600, 300, "Накопленная выручка с клиента за срок жизни", desc, body)


def _payback_figure(key: str, label: str, payback: Payback) -> Figure:
    if payback.months is None:
        return Figure(key, label, None, payback.text)
    return Figure.number(key, label, payback.months, unit="мес.")


def _payback_words(payback: Payback) -> str:
    return payback.text if payback.months is None else _months(payback.months)


def _clv_step(result: AdvancedResult) -> str:
    inputs = result.inputs
    m = _num(result.annual_margin)
    c, d = _fraction(inputs.churn), _fraction(inputs.discount_rate)
    if result.unbounded:
        return (
            f"Отток и ставка дисконтирования равны нулю: знаменатель d + c = 0, и сумма маржи по годам не "
            f"ограничена. Берём горизонт H = {years(inputs.horizon_years)}: CLV = m × H = {m} × "
            f"{inputs.horizon_years} = {_money(result.clv)}."
        )
    if inputs.churn > 100:
        return (
            f"Отток больше 100 % в год: аккаунт в среднем уходит до конца первого года, маржа которого не "
            f"дисконтируется, поэтому CLV = m / c = {m} / {c} = {_money(result.clv)}."
        )
    if inputs.discount_rate == 0:
        return (
            f"CLV = m × (1 + d) / (d + c); при d = 0 это m / c = {m} / {c} = {_money(result.clv)}. "
            "Формула складывает маржу по годам: она приходит в начале года, а до следующего года доживает "
            "доля 1 − c аккаунтов."
        )
    return (
        f"CLV = m × (1 + d) / (d + c) = {m} × (1 + {d}) / ({d} + {c}) = {_money(result.clv)}. "
        "Формула складывает маржу по годам: она приходит в начале года, до следующего года доживает доля "
        "1 − c аккаунтов, а каждый следующий год дисконтируется делением на 1 + d."
    )


def _payback_steps(result: AdvancedResult, cac: float, payback: Payback, payback_churn: Payback) -> list[str]:
    inputs = result.inputs
    g = result.monthly_margin
    monthly = f"ARPA / 12 × маржа = {_num(inputs.arpa / 12)} × {_fraction(inputs.gross_margin)}"
    if g <= 0:
        return [
            f"Валовая прибыль с аккаунта в месяц g = {monthly} = {_money(g)}: она не больше нуля, поэтому CAC "
            "не окупается никогда."
        ]
    steps = [
        f"Валовая прибыль с аккаунта в месяц g = {monthly} = {_money(g)}; окупаемость CAC без учёта оттока "
        f"CAC / g = {_num(cac)} / {_num(g)}"
        + (f" = {_months(payback.months)}" if payback.months is not None else f": {payback.text}.")
    ]
    p = result.monthly_churn
    if p == 0:
        steps.append("Оттока нет, поэтому окупаемость с учётом оттока та же.")
        return steps
    text = (
        f"С учётом оттока: месячный отток p = c / 12 = {_num(p * 100)} %, к n-му месяцу остаётся "
        "доля (1 − p)ⁿ⁻¹ аккаунтов, и за n месяцев набирается g × (1 − (1 − p)ⁿ) / p валовой прибыли "
        "(без дисконтирования; внутри месяца она копится равномерно)."
    )
    if payback_churn.never:
        text += (
            f" Даже за бесконечный срок это не больше g / p = {_money(g / p)}, что не покрывает CAC: "
            "с учётом оттока CAC не окупается никогда."
        )
    elif payback_churn.months is None:
        text += f" CAC окупается больше чем за {years(MAX_PAYBACK_MONTHS // 12)}."
    else:
        text += f" CAC окупается за {_months(payback_churn.months)}"
    steps.append(text)
    return steps


def _cac_part(result: AdvancedResult, acquisition: Acquisition) -> tuple[list[Figure], list[str], str, list[str]]:
    """Figures, steps, summary sentence and notes that exist only when CAC is given."""
    cac, ratio = acquisition.cac, acquisition.ltv_cac
    payback, payback_churn = acquisition.payback, acquisition.payback_churn
    verdict = ratio_verdict(ratio)
    benchmark = load_benchmarks()["cac_payback"]
    citation = f"{benchmark.text} ({benchmark.citation})"
    if payback.months is None:
        comparison = f"CAC не окупается, а ориентир — {citation}"
    elif meets(payback.months, benchmark):
        comparison = f"окупаемость укладывается в ориентир {citation}"
    else:
        comparison = f"окупаемость дольше ориентира {citation}"
    steps = [
        f"CLV : CAC = {_num(result.clv)} / {_num(cac)} = {_num(ratio)} — {verdict}.",
        *_payback_steps(result, cac, payback, payback_churn),
        f"Сравнение с ориентиром (без учёта оттока, как его обычно считают): {comparison}.",
    ]
    figures = [
        Figure.number("ltv_cac", "CLV : CAC", ratio),
        Figure("verdict", "Правило 3:1", None, verdict),
        _payback_figure("payback_months", "Окупаемость CAC", payback),
        _payback_figure("payback_months_churn", "Окупаемость с учётом оттока", payback_churn),
        Figure(
            "cac_payback", "Ориентир окупаемости", benchmark.low, benchmark.text, decimals=0, hint=benchmark.citation
        ),
    ]
    summary = (
        f"CLV : CAC = {format_number(ratio)} — {verdict}. Окупаемость CAC: {_payback_words(payback)}, "
        f"с учётом оттока — {_payback_words(payback_churn)}; {comparison}."
    )
    notes = []
    if result.unbounded:
        notes.append(f"CLV : CAC посчитан по марже за горизонт {years(result.inputs.horizon_years)}.")
    if any(item.months is None and not item.never for item in (payback, payback_churn)):
        notes.append(
            f"Срок окупаемости больше {years(MAX_PAYBACK_MONTHS // 12)} показан без числа: на таком горизонте "
            "расчёт теряет смысл."
        )
    return figures, steps, summary, notes


def advanced_report(result: AdvancedResult) -> Report:
    """Figures, chart, worked steps and caveats for the advanced form.

    Examples:
        >>> report = advanced_report(clv_advanced(AdvancedInputs(12000, 80, 10, cac=24000)))
        >>> report.figure("clv").text, report.figure("payback_months").text
        ('96\\xa0000', '30')
    """
    inputs = result.inputs
    steps = [
        f"Валовая прибыль с аккаунта за год: m = ARPA × маржа = {_num(inputs.arpa)} × "
        f"{_fraction(inputs.gross_margin)} = {_money(result.annual_margin)}.",
        f"Годовой отток c = {_num(inputs.churn)} % = {_fraction(inputs.churn)}; "
        f"ставка дисконтирования d = {_num(inputs.discount_rate)} % = {_fraction(inputs.discount_rate)}.",
        _clv_step(result),
    ]
    if result.lifetime_years is None:
        steps.append("Без оттока аккаунт не уходит, и средний срок его жизни не ограничен.")
        lifetime = Figure("lifetime_years", "Средний срок жизни, лет", None, "не ограничен")
    else:
        steps.append(
            f"Средний срок жизни аккаунта в годах: 1 / c = 1 / {_fraction(inputs.churn)} = "
            f"{_num(result.lifetime_years)}."
        )
        lifetime = Figure.number("lifetime_years", "Средний срок жизни, лет", result.lifetime_years)
    notes = []
    if result.unbounded:
        clv_figure = Figure.number(
            "clv",
            f"CLV за {years(inputs.horizon_years)}",
            result.clv,
            unit="₽",
            decimals=0,
            hint="без горизонта не ограничен",
        )
        summary = (
            f"Без оттока и дисконтирования CLV не ограничен; за {years(inputs.horizon_years)} аккаунт приносит "
            f"{_money(result.clv)} валовой прибыли."
        )
        notes.append(
            "Без оттока и без дисконтирования сумма маржи по годам бесконечна, и у CLV нет конечного значения. "
            f"Калькулятор показывает маржу за горизонт {years(inputs.horizon_years)} (поле «Горизонт расчёта»). "
            "Задайте ставку дисконтирования, чтобы получить конечную оценку без горизонта."
        )
    else:
        clv_figure = Figure.number("clv", "CLV", result.clv, unit="₽", decimals=0)
        summary = f"CLV = {_money(result.clv)}: столько валовой прибыли в среднем приносит один аккаунт."
        if inputs.churn == 0:
            notes.append("Без оттока аккаунт не уходит никогда; CLV конечен только благодаря дисконтированию.")
    if inputs.churn > 100:
        notes.append(
            "Отток больше 100 % в год — это годовая ставка при быстром помесячном оттоке (10 % в месяц — "
            "около 120 % в год): клиент в среднем уходит раньше, чем через год. Вместо годовой формулы "
            "CLV = m / c, дисконт не применяется. Больше 1 200 % ввести нельзя: это весь отток за один месяц."
        )
    if result.annual_margin <= 0:
        notes.append(
            "Маржа не больше нуля: обслуживание клиента не приносит валовой прибыли, поэтому CLV не положителен, "
            "а затраты на привлечение не окупаются никогда."
        )
    figures = [clv_figure, lifetime]
    if result.acquisition is not None:
        cac_figures, cac_steps, cac_summary, cac_notes = _cac_part(result, result.acquisition)
        figures += cac_figures
        steps += cac_steps
        summary += " " + cac_summary
        notes += cac_notes
    return Report(tuple(figures), summary, payback_chart(result), tuple(steps), tuple(notes))


def simple_report(result: SimpleResult) -> Report:
    """Figures, chart, worked steps and caveats for the simple form.

    Examples:
        >>> simple_report(clv_simple(SimpleInputs(12000, 10))).figure("clv").data_value
        '120000'
    """
    inputs = result.inputs
    steps = [f"CLV = ARR × срок жизни = {_num(inputs.arr)} × {_num(inputs.lifetime_years)} = {_money(result.clv)}."]
    figures = [
        Figure.number("clv", "CLV (выручка)", result.clv, unit="₽", decimals=0),
        Figure.number("lifetime_years", "Средний срок жизни, лет", inputs.lifetime_years),
    ]
    summary = f"За {years(inputs.lifetime_years)} клиент в среднем приносит {_money(result.clv)} выручки."
    notes = [
        "Простая форма считает выручку, а не прибыль: маржа, отток по годам и дисконт в неё не входят. "
        "Окупаемость CAC считается только в расширенной форме."
    ]
    if inputs.cac is not None and result.ltv_cac is not None:
        verdict = ratio_verdict(result.ltv_cac)
        steps.append(f"CLV : CAC = {_num(result.clv)} / {_num(inputs.cac)} = {_num(result.ltv_cac)} — {verdict}.")
        figures += [
            Figure.number("ltv_cac", "CLV : CAC", result.ltv_cac),
            Figure("verdict", "Правило 3:1", None, verdict),
        ]
        summary += f" CLV : CAC = {format_number(result.ltv_cac)} — {verdict}."
        notes.append("По выручке CLV : CAC выходит выше, чем по валовой прибыли: сравнивайте с 3:1 осторожно.")
    return Report(tuple(figures), summary, revenue_chart(result), tuple(steps), tuple(notes))


def evaluate(values: Values) -> Report:
    """The CLV report for validated form values (advanced or simple form).

    Examples:
        >>> evaluate(CALCULATOR.check({"cac": "24000"})[0]).figure("ltv_cac").value
        4.0
    """
    if values["mode"] == "simple":
        return simple_report(clv_simple(SimpleInputs(values["arr"], values["lifetime_years"], values["cac"])))
    inputs = AdvancedInputs(
        arpa=values["arpa"],
        gross_margin=values["gross_margin"],
        churn=values["churn"],
        discount_rate=values["discount_rate"],
        cac=values["cac"],
        horizon_years=values["horizon_years"],
    )
    return advanced_report(clv_advanced(inputs))


def _money_field(name: str, label: str, default: str, help_text: str, group: str) -> Field:
    return Field(name, label, "number", default, unit="₽", help=help_text, minimum=0, maximum=MAX_MONEY, group=group)


CALCULATOR = Calculator(
    name="clv",
    title="Калькулятор CLV и юнит-экономики",
    mode_field="mode",
    fields=(
        Field(
            "mode",
            "Как считать",
            "choice",
            "advanced",
            choices=(
                ("advanced", "Расширенно: маржа, отток и дисконт"),
                ("simple", "Просто: ARR × срок жизни"),
            ),
        ),
        _money_field(
            "arpa", "ARPA — выручка с аккаунта за год", "12000", "Средняя годовая выручка на один аккаунт.", "advanced"
        ),
        Field(
            "gross_margin",
            "Валовая маржа",
            "number",
            "80",
            unit="%",
            help="Доля выручки, которая остаётся после прямых затрат на обслуживание клиента. Может быть нулевой "
            "или отрицательной.",
            minimum=-100,
            maximum=100,
            group="advanced",
        ),
        Field(
            "churn",
            "Годовой отток",
            "number",
            "10",
            unit="%",
            help="Доля аккаунтов, которую теряете за год. 0 — клиенты не уходят; больше 100 % — уходят быстрее, "
            "чем за год (до 1 200 %).",
            minimum=0,
            maximum=MAX_CHURN_PCT,
            group="advanced",
        ),
        Field(
            "discount_rate",
            "Ставка дисконтирования",
            "number",
            "0",
            unit="%",
            help="Во сколько обходятся деньги компании за год; 0 — не дисконтировать.",
            minimum=0,
            maximum=MAX_DISCOUNT_PCT,
            group="advanced",
        ),
        Field(
            "horizon_years",
            "Горизонт расчёта",
            "integer",
            "10",
            unit="лет",
            help="Нужен, только если отток и ставка равны нулю: тогда CLV считается за этот срок.",
            minimum=1,
            maximum=MAX_YEARS,
            group="advanced",
        ),
        _money_field(
            "arr", "Средний ARR на клиента", "12000", "Годовая регулярная выручка с одного клиента.", "simple"
        ),
        Field(
            "lifetime_years",
            "Средний срок жизни клиента",
            "number",
            "10",
            unit="лет",
            help="Сколько лет клиент в среднем платит вам.",
            minimum=0,
            maximum=MAX_YEARS,
            group="simple",
        ),
        Field(
            "cac",
            "CAC — затраты на привлечение клиента",
            "number",
            "",
            unit="₽",
            help="Необязательно. Если указать, появятся CLV : CAC и срок окупаемости.",
            minimum=0,
            maximum=MAX_MONEY,
            required=False,
        ),
    ),
    evaluate=evaluate,
)
