"""The fields of «Лояльность и выручка» and the function that turns them into a report."""

from __future__ import annotations

from calculators import survey
from calculators.calculator import Calculator, Values
from calculators.errors import InputError
from calculators.fields import Field, table_source
from calculators.report import Report
from calculators.revenue.accounts import ROLE_HEADERS, read_accounts
from calculators.revenue.example import EXAMPLE_ACCOUNTS
from calculators.revenue.maths import analyse
from calculators.revenue.text import revenue_report

COLUMNS_SECTION = "Столбцы таблицы (если не нашлись сами)"


def evaluate(values: Values) -> Report:
    """The report for validated form values: an uploaded file wins over pasted text."""
    source, field = table_source(
        values, "accounts_file", "accounts_text", "Загрузите файл или вставьте таблицу клиентов."
    )
    chosen = {role: values.get(role) or "" for role in ROLE_HEADERS}
    table = read_accounts(source, chosen, field, values.get("sheet") or "")
    if table.accounts == 0:
        raise InputError(field, "Ни одной строки с клиентом, у которого есть выручка на начало периода.")
    return revenue_report(analyse(table, values["improvement"]))


def _column(name: str, label: str, help_text: str) -> Field:
    return Field(name, label, "text", "", help=help_text, required=False, max_length=200, section=COLUMNS_SECTION)


CALCULATOR = Calculator(
    name="revenue",
    title="Лояльность и выручка",
    fields=(
        Field(
            "accounts_file",
            "Файл с клиентами",
            "file",
            "",
            required=False,
            shared=False,
            help=(
                "CSV, TSV или книга Excel (.xlsx), до 20 МБ: по строке на клиента — оценка NPS, выручка на начало и "
                "на конец периода. Файл не покидает ваш браузер: он читается и считается прямо на этой странице."
            ),
        ),
        Field(
            "accounts_text",
            "Или вставьте таблицу",
            "text",
            EXAMPLE_ACCOUNTS,
            help=(
                "Скопируйте столбцы прямо из таблицы. Пустая оценка — клиент не ответил; пустые и нечитаемые "
                "ячейки будут подсчитаны и показаны. В поле — пример, замените его своими данными."
            ),
            required=False,
            max_length=survey.MAX_BYTES,
            multiline=True,
            shared=False,
        ),
        Field(
            "improvement",
            "Какую часть отставания критиков вернёт работа с ними",
            "number",
            "25",
            unit="%",
            help="Сценарий для оценки «сколько это стоит»: 100 % — критики удерживают выручку как нейтральные.",
            minimum=0,
            maximum=100,
        ),
        _column("score_column", "Столбец с оценками", "Название или номер столбца. Пусто — найдётся по заголовку."),
        _column("start_column", "Столбец выручки на начало", "Например «Выручка 2025» или номер столбца."),
        _column("end_column", "Столбец выручки на конец", "Пусто и есть столбцы движения — конец посчитается из них."),
        _column("expansion_column", "Столбец расширения", "Вместо выручки на конец: рост выручки клиента, ₽."),
        _column("contraction_column", "Столбец сокращения", "Снижение выручки оставшегося клиента, ₽."),
        _column("churn_column", "Столбец оттока", "Выручка, потерянная с ушедшим клиентом, ₽."),
        _column(
            "segment_column", "Столбец сегментов", "Пусто — найдётся по заголовку («Сегмент», «Отрасль», «Тариф»)."
        ),
        _column("sheet", "Лист книги Excel", "Название или номер листа. Пусто — первый лист."),
    ),
    evaluate=evaluate,
    printable=True,
)
