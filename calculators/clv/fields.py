"""The CLV calculator's inputs: one declaration gives the form, the link parameters and the checks."""

from __future__ import annotations

from calculators.clv.maths import MAX_DISCOUNT_PCT, MAX_MONEY, MAX_YEARS, UNITS
from calculators.fields import Field

RANGE_HINT = " Можно ввести диапазон, например 15..25: результат покажет середину и границы."


def _money_field(name: str, label: str, default: str, help_text: str, group: str, required: bool = True) -> Field:
    return Field(
        name,
        label,
        "number",
        default,
        unit="₽",
        help=help_text + RANGE_HINT,
        minimum=0,
        maximum=MAX_MONEY,
        group=group,
        required=required,
        accepts_range=True,
    )


FIELDS = (
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
        "arpa", "ARPA — выручка с аккаунта за год", "600000", "Средняя годовая выручка на один аккаунт.", "advanced"
    ),
    Field(
        "gross_margin",
        "Валовая маржа",
        "number",
        "75",
        unit="%",
        help="Доля выручки, которая остаётся после прямых затрат на обслуживание клиента. Может быть нулевой "
        "или отрицательной." + RANGE_HINT,
        minimum=-100,
        maximum=100,
        group="advanced",
        accepts_range=True,
    ),
    Field(
        "churn",
        "Отток",
        "number",
        "15",
        unit="%",
        help="Доля аккаунтов, которую теряете за год или за месяц (выберите ниже). 0 — клиенты не уходят." + RANGE_HINT,
        minimum=0,
        group="advanced",
        accepts_range=True,
    ),
    Field(
        "churn_unit",
        "Отток указан",
        "choice",
        "year",
        choices=tuple(UNITS.items()),
        group="advanced",
    ),
    Field(
        "discount_rate",
        "Ставка дисконтирования",
        "number",
        "0",
        unit="%",
        help="Во сколько обходятся деньги компании за год; 0 — не дисконтировать." + RANGE_HINT,
        minimum=0,
        maximum=MAX_DISCOUNT_PCT,
        group="advanced",
        accepts_range=True,
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
        accepts_range=True,
    ),
    _money_field("arr", "Средний ARR на клиента", "600000", "Годовая регулярная выручка с одного клиента.", "simple"),
    Field(
        "lifetime_years",
        "Средний срок жизни клиента",
        "number",
        "6",
        unit="лет",
        help="Сколько лет клиент в среднем платит вам." + RANGE_HINT,
        minimum=0,
        maximum=MAX_YEARS,
        group="simple",
        accepts_range=True,
    ),
    _money_field(
        "cac",
        "CAC — затраты на привлечение клиента",
        "",
        "Необязательно. Если указать, появятся CLV : CAC и срок окупаемости.",
        "",
        required=False,
    ),
)

# Field name → (label, unit), for the worked steps and the tornado chart of ranges.
LABELS = {field.name: (field.label, field.unit) for field in FIELDS}
