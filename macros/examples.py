"""Macros that put calculator results into prose, so no number in the text is typed by hand."""

from __future__ import annotations

from typing import Any

from calculators.registry import get
from calculators.report import Report


def _report(name: str, inputs: dict[str, Any]) -> Report:
    calculator = get(name)
    unknown = set(inputs) - {field.name for field in calculator.fields}
    if unknown:
        raise KeyError(f"calculator {name!r} has no input {', '.join(sorted(unknown))}")
    raw = calculator.defaults() | {key: str(value) for key, value in inputs.items()}
    return calculator.run(raw)


def result(name: str, key: str, unit: bool = True, **inputs: Any) -> str:
    """One result of a calculator for the given inputs, formatted for Russian text with its unit.

    Inputs not given take the calculator's defaults; `unit=False` leaves the unit out.

    Редактору: одно число из расчёта калькулятора для заданных входных данных — тем же кодом,
    что считает в браузере. Первый аргумент — калькулятор, второй — ключ результата, дальше
    входные данные по именам; не указанные берутся по умолчанию. Единица (%, ₽) ставится сама,
    через неразрывный пробел; `unit=False` её убирает. Так числа в тексте не расходятся
    с калькулятором.

    Пример: {{ result("nps", "nps", promoters=50, passives=30, detractors=20) }}

    Examples:
        >>> result("nps", "nps", promoters=50, passives=30, detractors=20)
        '30'
        >>> result("nps", "ci_low", promoters=50, passives=30, detractors=20)
        '14,1'
        >>> result("nrr", "nrr", start_mrr=100, expansion=7, contraction=0, churned=0)
        '107\\xa0%'
        >>> result("nrr", "nrr", unit=False, start_mrr=100, expansion=7, contraction=0, churned=0)
        '107'
    """
    figure = _report(name, inputs).figure(key)
    return f"{figure.text}\u00a0{figure.unit}" if unit and figure.unit and figure.value is not None else figure.text


def worked_example(name: str, **inputs: Any) -> str:
    """A Markdown «Пример расчёта» block: the steps with the inputs substituted and the summary.

    Редактору: блок «Пример расчёта» — формула по шагам с подставленными числами и итог.
    Ставьте его там, где текст объясняет формулу, и добавляйте после него ссылку на калькулятор.

    Пример: {{ worked_example("nps", promoters=50, passives=30, detractors=20) }}

    Examples:
        >>> print(worked_example("nps", promoters=5, passives=3, detractors=2).splitlines()[0])
        !!! example "Пример расчёта"
    """
    report = _report(name, inputs)
    steps = "\n".join(f"    {number}. {step}" for number, step in enumerate(report.steps, start=1))
    return f'!!! example "Пример расчёта"\n\n{steps}\n\n    **Итог:** {report.summary}\n'
