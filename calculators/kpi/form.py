"""The KPI check's fields, and the figures computed from raw inputs with the CLV and NRR code."""

from __future__ import annotations

import math

from calculators.calculator import Calculator, Values
from calculators.clv.maths import MIN_CAC, simple_payback
from calculators.errors import InputError
from calculators.fields import Field
from calculators.formatting import format_number
from calculators.kpi.checks import KPIS, Check, benchmark_of, check
from calculators.kpi.text import kpi_report
from calculators.nrr import NrrInputs, retention
from calculators.report import Report

MAX_PERCENT = 1000.0
MAX_MONEY = 1e12
PAYBACK_INPUTS = ("cac", "arpa", "gross_margin")
NRR_INPUTS = ("start_mrr", "expansion", "contraction", "churned")
PAYBACK = "окупаемость CAC"


def payback_from_raw(values: Values) -> Check | None:
    """CAC payback from CAC, annual ARPA and gross margin, when all three are given.

    Examples:
        >>> payback_from_raw({"cac": 600000, "arpa": 480000, "gross_margin": 75}).value
        20.0
        >>> payback_from_raw({"cac": None, "arpa": None, "gross_margin": None}) is None
        True
    """
    given = [name for name in PAYBACK_INPUTS if values.get(name) is not None]
    if not given:
        return None
    if len(given) < len(PAYBACK_INPUTS):
        # On a field the reader filled in: that is where they are looking.
        raise InputError(given[0], "Для окупаемости CAC нужны все три поля: CAC, ARPA и валовая маржа.")
    cac, arpa, margin = (float(values[name]) for name in PAYBACK_INPUTS)  # type: ignore[arg-type]
    if cac < MIN_CAC:
        raise InputError("cac", f"CAC должен быть не меньше {format_number(MIN_CAC, 2)} ₽.")
    monthly_margin = arpa * margin / 100 / 12
    payback = simple_payback(cac, monthly_margin)
    how = (
        f"CAC {format_number(cac, 0)} ₽ / (ARPA {format_number(arpa, 0)} ₽ в год × маржа {format_number(margin)} % "
        f"/ 12 = {format_number(monthly_margin, 0)} ₽ в месяц) = {payback.text} мес."
    )
    return check("cac_payback", payback.months if payback.months is not None else math.inf, how)


def nrr_from_raw(values: Values) -> Check | None:
    """NRR from MRR at the start and its expansion, contraction and churn, when the start is given.

    Examples:
        >>> nrr_from_raw({"start_mrr": 100000, "expansion": 15000, "contraction": 3000, "churned": 5000}).value
        107.0
    """
    if values.get("start_mrr") is None:
        given = [name for name in NRR_INPUTS[1:] if values.get(name) is not None]
        if given:
            raise InputError(given[0], "Для NRR нужен ещё MRR на начало периода.")
        return None
    amounts = [float(values.get(name) or 0) for name in NRR_INPUTS]
    result = retention(NrrInputs(*amounts))
    start, expansion, contraction, churned = (format_number(amount, 0) for amount in amounts)
    how = f"({start} + {expansion} − {contraction} − {churned}) / {start} × 100 % = {format_number(result.nrr)} %"
    return check("nrr", result.nrr, how)


def evaluate(values: Values) -> Report:
    """The report for checked form values: typed KPIs, with raw inputs filling the ones left empty.

    Examples:
        >>> report = CALCULATOR.run({"mql_to_opportunity": "9", "nrr": "106"})
        >>> report.figure("weakest").data_value, report.figure("verdict_nrr").data_value
        ('mql_to_opportunity', '1')
    """
    computed = {item.kpi.parameter: item for item in (payback_from_raw(values), nrr_from_raw(values)) if item}
    checks = []
    for item in KPIS:
        typed = values.get(item.parameter)
        if typed is not None:
            checks.append(check(item.parameter, float(typed)))
        elif item.parameter in computed:
            checks.append(computed[item.parameter])
    if not checks:
        raise InputError(KPIS[0].parameter, "Введите хотя бы один показатель.")
    return kpi_report(checks, overridden=[name for name in computed if values.get(name) is not None])


def _kpi_field(parameter: str, maximum: float, help_text: str) -> Field:
    item = next(kpi for kpi in KPIS if kpi.parameter == parameter)
    benchmark = benchmark_of(item)
    return Field(
        parameter,
        benchmark.label,
        "number",
        "",
        unit=item.unit,
        help=f"{help_text} Ориентир: {benchmark.prose()}.",
        minimum=0,
        maximum=maximum,
        required=False,
    )


def _raw_field(name: str, label: str, unit: str, help_text: str, purpose: str, maximum: float = MAX_MONEY) -> Field:
    return Field(
        name,
        label,
        "number",
        "",
        unit=unit,
        help=f"{help_text} Заполните, чтобы посчитать {purpose}, если готового значения нет.",
        minimum=0,
        maximum=maximum,
        required=False,
    )


CALCULATOR = Calculator(
    name="kpi",
    title="Проверка KPI жизненного цикла",
    printable=True,
    fields=(
        _kpi_field("mql_to_opportunity", 100, "Доля MQL, ставших возможностями (opportunities), за период."),
        _kpi_field("cac_payback", 1200, "Месяцы, за которые валовая прибыль клиента возвращает CAC."),
        _kpi_field("ttv", 3650, "Дни от подписания договора до первой пользы по основным функциям."),
        _kpi_field("onboarding_csat", 100, "Доля довольных ответов в опросе после внедрения."),
        _kpi_field("nrr", MAX_PERCENT, "Выручка той же когорты клиентов через год к начальной."),
        _kpi_field("referral_share", 100, "Доля нового ARR от сделок, пришедших по рекомендациям."),
        _raw_field("cac", "CAC", "₽", "Затраты на привлечение одного клиента.", PAYBACK),
        _raw_field("arpa", "ARPA", "₽ в год", "Средняя выручка с клиента за год.", PAYBACK),
        _raw_field("gross_margin", "Валовая маржа", "%", "Доля валовой прибыли в выручке.", PAYBACK, maximum=100),
        _raw_field("start_mrr", "MRR на начало периода", "₽", "Регулярная выручка когорты на начало года.", "NRR"),
        _raw_field("expansion", "Расширение", "₽", "Прирост MRR той же когорты: допродажи и кросс-продажи.", "NRR"),
        _raw_field("contraction", "Сокращение", "₽", "Снижение MRR у оставшихся клиентов.", "NRR"),
        _raw_field("churned", "Отток", "₽", "MRR ушедших клиентов.", "NRR"),
    ),
    evaluate=evaluate,
)
