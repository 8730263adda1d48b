"""The planner's fields and the function the page calls for each change."""

from __future__ import annotations

from calculators.calculator import Calculator, Values
from calculators.fields import Field, table_source
from calculators.plan.accounts import MAX_ACCOUNTS
from calculators.plan.planner import PlanInputs, make_plan
from calculators.plan.schedule import MAX_HORIZON, MIN_HORIZON, parse_start
from calculators.plan.split import Rules
from calculators.plan.templates import B2B, EXAMPLE_ACCOUNTS, FMCG
from calculators.plan.text import plan_report
from calculators.report import Report
from calculators.survey import MAX_BYTES

LINES_HELP = (
    "По строке на точку: месяц; активность; роль; метрика; цель. Месяц — номер месяца плана (1 — первый) "
    "или название («февраль»); роль — маркетинг, продажи, CS или продукт."
)


def evaluate(values: Values) -> Report:
    """The plan for checked form values.

    Examples:
        >>> CALCULATOR.run(CALCULATOR.defaults()).figure("individual_maps").text
        '6'
    """
    accounts, accounts_field = table_source(
        values, "accounts_file", "accounts_text", "Вставьте таблицу клиентов или выберите файл."
    )
    template = str(values["template"])
    inputs = PlanInputs(
        accounts=accounts,
        accounts_field=accounts_field,
        rules=Rules(float(values["potential_ratio"]), float(values["top_share"]), int(values["per_owner"])),
        start=parse_start(str(values["start_month"]), "start_month"),
        horizon=int(values["horizon"]),
        quarterly=values["review"] == "quarterly",
        template=template,
        lines=str(values[f"checkpoints_{template}"]),
        lines_field=f"checkpoints_{template}",
    )
    return plan_report(make_plan(inputs))


def _lines_field(template: str, default: str) -> Field:
    return Field(
        f"checkpoints_{template}",
        "Контрольные точки",
        "text",
        default,
        help=LINES_HELP,
        group=template,
        max_length=20_000,
        multiline=True,
    )


CALCULATOR = Calculator(
    name="plan",
    title="Планировщик карт развития",
    mode_field="template",
    remember=True,
    printable=True,
    fields=(
        Field(
            "accounts_file",
            "Файл с клиентами",
            "file",
            "",
            required=False,
            help=(
                "CSV из Excel или CRM: клиент; сегмент; выручка и потенциал в ₽ за год; ABM (да/нет); владелец. "
                f"До {MAX_ACCOUNTS} строк. Файл читается прямо на этой странице и никуда не отправляется."
            ),
        ),
        Field(
            "accounts_text",
            "Или вставьте таблицу",
            "text",
            EXAMPLE_ACCOUNTS,
            help="Столбцы из таблицы, первая строка — заголовок. Названия клиентов не попадают в ссылку на расчёт.",
            required=False,
            max_length=MAX_BYTES,
            multiline=True,
            shared=False,
        ),
        Field(
            "potential_ratio",
            "Потенциал намного выше выручки: не меньше",
            "number",
            "2",
            unit="× выручки",
            help="Признак особого клиента в прочтении справочника: во сколько раз потенциал превышает выручку.",
            minimum=1,
            maximum=100,
        ),
        Field(
            "top_share",
            "Крупнейшие клиенты базы по потенциалу",
            "number",
            "10",
            unit="%",
            help="Раздел о картах называет особыми клиентов такого масштаба, каких меньше 10 % базы.",
            minimum=0,
            maximum=100,
        ),
        Field(
            "per_owner",
            "Индивидуальных карт на владельца",
            "integer",
            "3",
            unit="карт",
            help="Раздел советует начинать с двух-трёх карт на человека.",
            minimum=1,
            maximum=10,
        ),
        Field(
            "start_month",
            "Первый месяц плана",
            "text",
            "2027-01",
            help="Например, 2027-01 или «январь 2027».",
            max_length=20,
        ),
        Field("horizon", "Горизонт", "integer", "12", unit="мес.", minimum=MIN_HORIZON, maximum=MAX_HORIZON),
        Field(
            "review",
            "Проверка выполнения",
            "choice",
            "monthly",
            choices=(("monthly", "Ежемесячно"), ("quarterly", "Ежеквартально")),
        ),
        Field(
            "template",
            "Шаблон",
            "choice",
            "b2b",
            choices=(
                ("b2b", "B2B по этапам жизненного цикла"),
                ("fmcg", "FMCG: сезонный, от продуктов и релизов"),
            ),
        ),
        _lines_field("b2b", B2B),
        _lines_field("fmcg", FMCG),
    ),
    evaluate=evaluate,
)
