"""HTML of a calculator's form, derived from its field declarations."""

from __future__ import annotations

from html import escape
from itertools import groupby

from calculators.calculator import Calculator
from calculators.errors import InputError
from calculators.fields import Field
from calculators.registry import get
from calculators.render import render_report

STATIC_NOTE = (
    "Это пример: результат для значений по умолчанию посчитан заранее. "
    "Живой расчёт включится, когда в браузере загрузится Python."
)


def control_id(calculator: Calculator, field: Field) -> str:
    """The HTML id of a field's control.

    Examples:
        >>> from calculators.registry import get
        >>> control_id(get("nps"), get("nps").field("promoters"))
        'clg-nps-promoters'
    """
    return f"clg-{calculator.name}-{field.name}"


def render_choice(calculator: Calculator, field: Field) -> str:
    """A choice field as a group of radio buttons."""
    options = "".join(
        f'<label class="clg-choice"><input type="radio" name="{field.name}" value="{escape(value)}"'
        f"{' checked' if value == field.default else ''}> {escape(label)}</label>"
        for value, label in field.choices
    )
    return (
        f'<fieldset class="clg-field clg-field--choice" id="{control_id(calculator, field)}">'
        f"<legend>{escape(field.label)}</legend>{options}{render_help(calculator, field)}"
        f"{render_error_slot(calculator, field)}</fieldset>"
    )


def render_help(calculator: Calculator, field: Field) -> str:
    """The help text under a field, if any."""
    if not field.help:
        return ""
    return f'<p class="clg-field__help" id="{control_id(calculator, field)}-help">{escape(field.help)}</p>'


def render_error_slot(calculator: Calculator, field: Field) -> str:
    """The empty element where the browser puts this field's error message."""
    return f'<p class="clg-field__error" id="{control_id(calculator, field)}-error" hidden></p>'


def render_input(calculator: Calculator, field: Field) -> str:
    """A text or number field with its label, unit, help and error slot."""
    ident = control_id(calculator, field)
    described = f' aria-describedby="{ident}-help"' if field.help else ""
    required = " required" if field.required else ""
    if not field.shared:
        # Customer data pasted here stays out of links, history and localStorage.
        required += " data-private"

    if field.kind == "file":
        control = (
            f'<input id="{ident}" name="{field.name}" type="file" accept=".csv,.tsv,.txt,.xlsx,text/csv,'
            f'text/tab-separated-values,text/plain,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"'
            f"{described}>"
        )
    elif field.multiline:
        control = (
            f'<textarea id="{ident}" name="{field.name}" rows="4"{described}{required}>'
            f"{escape(field.default)}</textarea>"
        )
    else:
        mode = "numeric" if field.kind == "integer" else "decimal" if field.kind == "number" else "text"
        control = (
            f'<input id="{ident}" name="{field.name}" type="text" inputmode="{mode}" autocomplete="off" '
            f'value="{escape(field.default)}"{described}{required}>'
        )
    unit = f'<span class="clg-field__unit">{escape(field.unit)}</span>' if field.unit else ""
    return (
        f'<div class="clg-field"><label for="{ident}">{escape(field.label)}</label>'
        f'<div class="clg-field__control">{control}{unit}</div>'
        f"{render_help(calculator, field)}{render_error_slot(calculator, field)}</div>"
    )


def render_field(calculator: Calculator, field: Field, default_mode: str) -> str:
    """A field wrapped in its mode group; fields of other modes start hidden."""
    inner = render_choice(calculator, field) if field.kind == "choice" else render_input(calculator, field)
    if not field.group:
        return inner
    hidden = "" if field.group == default_mode else " hidden"
    return f'<div class="clg-group" data-group="{escape(field.group)}"{hidden}>{inner}</div>'


def render_fields(calculator: Calculator, default_mode: str) -> str:
    """Every field in order; consecutive fields sharing a `section` fold into one `<details>`.

    Examples:
        >>> from calculators.registry import get
        >>> render_fields(get("maturity"), "").count('<details class="clg-section">')
        1
    """
    parts = []
    for section, run in groupby(calculator.fields, key=lambda field: field.section):
        inner = "".join(render_field(calculator, field, default_mode) for field in run)
        if section:
            inner = f'<details class="clg-section"><summary>{escape(section)}</summary>{inner}</details>'
        parts.append(inner)
    return "".join(parts)


def default_result(calculator: Calculator) -> str:
    """The result for the default inputs, or the prompt when they are not a complete answer.

    A questionnaire whose defaults are all «Не знаю» has nothing to show until the reader
    answers, so its error message stands in for the result.

    Examples:
        >>> from calculators.registry import get
        >>> default_result(get("maturity"))[:60]
        '<p class="clg-summary">Ответьте хотя бы на один вопрос: вари'
    """
    try:
        return render_report(calculator.run(calculator.defaults()))
    except InputError as error:
        return f'<p class="clg-summary">{escape(error.message)}</p>'


def calculator(name: str) -> str:
    """The interactive calculator `name` with its result for the default inputs.

    Редактору: вставляет на страницу калькулятор целиком — поля ввода, пояснения и результат
    для значений по умолчанию; в браузере читателя он пересчитывается при каждом изменении.
    Имя — одно из `nps`, `clv`, `nrr`, `maturity`, `revenue`. На странице нужен только один калькулятор.

    Пример: {{ calculator("nps") }}

    Результат: форма калькулятора с полями, результатом и кнопками — такая, как на странице
    [калькулятора NPS](../calculators/nps.md). Здесь она не повторяется, чтобы на одной
    странице не оказалось двух калькуляторов.
    """
    calculator = get(name)
    default_mode = calculator.field(calculator.mode_field).default if calculator.mode_field else ""
    fields = render_fields(calculator, default_mode)
    report = default_result(calculator)
    remember = f' data-storage-key="clg:{escape(name)}"' if calculator.remember else ""
    print_button = (
        '<button type="button" class="md-button" data-action="print">Сохранить как PDF</button>'
        if calculator.printable
        else ""
    )
    controls = " ".join(control_id(calculator, field) for field in calculator.fields if field.kind != "choice")
    return (
        f'<form class="clg-calculator" data-calculator="{escape(name)}" data-status="static" '
        f'data-mode-field="{escape(calculator.mode_field)}"'
        f"{remember} novalidate>"
        f'<div class="clg-inputs">{fields}</div>'
        f'<div class="clg-status"><p class="clg-status__text" role="status">{STATIC_NOTE}</p>'
        f'<progress class="clg-status__progress" max="100" value="0" hidden></progress>'
        f'<button type="button" class="md-button clg-retry" data-action="retry" hidden>Повторить</button></div>'
        f'<output class="clg-output" for="{controls}" aria-live="polite">{report}</output>'
        f'<div class="clg-actions"><button type="button" class="md-button" data-action="copy-link">'
        f"Скопировать ссылку на этот расчёт</button>{print_button}"
        f'<span class="clg-actions__done" role="status"></span></div></form>'
    )
