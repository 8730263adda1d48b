"""The plan in Russian: summary, figures, notes, the timeline chart, a table per map and the files."""

from __future__ import annotations

from calculators import charts
from calculators.formatting import format_number
from calculators.markup import escape
from calculators.plan.accounts import BLANK_OWNER
from calculators.plan.export import PlannedMap, calendar, table
from calculators.plan.planner import Plan
from calculators.plan.schedule import Day, checkpoint_day
from calculators.plan.split import Signs
from calculators.plan.templates import FMCG_SPECIAL_MONTHS
from calculators.report import Download, Figure, Report

ROLE_CLASSES = {
    "маркетинг": "clg-fill-accent",
    "продажи": "clg-fill-good",
    "CS": "clg-fill-neutral",
    "продукт": "clg-fill-bad",
}
CHART_MAPS = 16
LABEL_WIDTH = 190
CHART_WIDTH = 720
ROW = 24
NAMES_SHOWN = 12
TABLE_HEAD = ("Месяц", "Календарь клиентов", "Что делаем", "Метрика и цель", "Проверка")


def signs_text(signs: Signs) -> str:
    """The signs that hold, in words.

    Examples:
        >>> signs_text(Signs(True, False, True))
        'привлечён через ABM, потенциал намного выше выручки'
    """
    words = (
        (signs.abm, "привлечён через ABM"),
        (signs.top, "среди крупнейших по потенциалу"),
        (signs.potential, "потенциал намного выше выручки"),
    )
    return ", ".join(text for holds, text in words if holds)


def _names(planned: PlannedMap) -> str:
    names = [account.name for account in planned.map.accounts]
    shown = ", ".join(names[:NAMES_SHOWN])
    return shown if len(names) <= NAMES_SHOWN else f"{shown} и ещё {len(names) - NAMES_SHOWN}"


def _review_days(plan: Plan) -> dict[int, Day]:
    return {review.plan_month: review.date for review in plan.reviews}


def map_table(plan: Plan, planned: PlannedMap) -> str:
    """A map's month-by-month table, every cell escaped."""
    reviews = _review_days(plan)
    rows = []
    for number in range(1, plan.inputs.horizon + 1):
        month = plan.inputs.start.plus(number - 1)
        items = [item for item in planned.checkpoints if item.plan_month == number]
        activity = "<br>".join(
            f"{escape(item.line.activity)} — {escape(item.line.role)}, {item.date.text}" for item in items
        )
        metric = "<br>".join(f"{escape(item.line.metric)}: {escape(item.line.target)}" for item in items)
        special = FMCG_SPECIAL_MONTHS.get(month.month, "") if plan.inputs.template == "fmcg" else ""
        review = f"проверка {reviews[number].text}" if number in reviews else ""
        cells = (escape(month.name), escape(special) or "—", activity or "—", metric or "—", review or "—")
        rows.append("<tr>" + "".join(f"<td>{cell}</td>" for cell in cells) + "</tr>")
    item = planned.map
    detail = signs_text(plan.split.signs[item.accounts[0].line]) if item.individual else _names(planned)
    owned = item.individual and item.accounts[0].owner != BLANK_OWNER
    owner = f", владелец\u00a0— {item.accounts[0].owner}" if owned else ""
    caption = f"Карта «{item.title}» ({item.kind}{owner}): {detail}"
    head = "".join(f'<th scope="col">{name}</th>' for name in TABLE_HEAD)
    return (
        f'<div class="clg-plan-map"><table><caption>{escape(caption)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
    )


def timeline_chart(plan: Plan) -> str:
    """Maps as rows, plan months as columns; a square per checkpoint coloured by role, review ticks."""
    shown = plan.maps[:CHART_MAPS]
    horizon = plan.inputs.horizon
    step = (CHART_WIDTH - LABEL_WIDTH - 10) / horizon
    top = 34
    height = top + ROW * len(shown) + 44
    body = []
    for number in range(1, horizon + 1):
        month = plan.inputs.start.plus(number - 1)
        x = LABEL_WIDTH + step * (number - 1)
        if plan.inputs.template == "fmcg" and month.month in FMCG_SPECIAL_MONTHS:
            tip = f"{month.name}: особый месяц"
            body.append(charts.rect(x, top - 6, step, ROW * len(shown) + 6, "clg-fill-interval", tip))
        body.append(charts.text(x + step / 2, 14, month.short, "middle"))
    for review in plan.reviews:
        x = LABEL_WIDTH + step * review.plan_month - 2
        body.append(charts.line(x, 20, x, top + ROW * len(shown) - 4, "clg-stroke-target"))
    for row, planned in enumerate(shown):
        y = top + ROW * row
        label = planned.map.title if len(planned.map.title) <= 24 else planned.map.title[:23] + "…"
        body.append(charts.text(4, y + 12, ("● " if planned.map.individual else "") + label))
        body.append(charts.line(LABEL_WIDTH, y + ROW - 4, CHART_WIDTH - 10, y + ROW - 4))
        for item in planned.checkpoints:
            x = LABEL_WIDTH + step * (item.plan_month - 1) + step / 2 - 5
            tip = f"{planned.map.title}, {item.date.text}: {item.line.activity} ({item.line.role})"
            body.append(charts.rect(x, y + 3, 10, 10, ROLE_CLASSES[item.line.role], tip))
    legend_y = top + ROW * len(shown) + 18
    for index, (role, css) in enumerate(ROLE_CLASSES.items()):
        body.append(charts.rect(4 + 130 * index, legend_y - 9, 10, 10, css))
        body.append(charts.text(18 + 130 * index, legend_y, role))
    body.append(charts.line(540, legend_y - 10, 540, legend_y + 2, "clg-stroke-target"))
    body.append(charts.text(548, legend_y, "проверка"))
    first = plan.inputs.start.name
    desc = (
        f"Карт: {len(plan.maps)}, на графике {len(shown)}; {first}\u00a0— {plan.last_month.name}; "
        f"контрольных точек на карту: {len(plan.maps[0].checkpoints) if plan.maps else 0}; "
        f"проверок: {len(plan.reviews)}. Подробности — в таблицах ниже."
    )
    return charts.svg(CHART_WIDTH, height, "Карты развития по месяцам", desc, body)


def _cap_notes(plan: Plan) -> list[str]:
    by_owner: dict[str, list[str]] = {}
    for account in plan.split.deferred:
        by_owner.setdefault(account.owner, []).append(f"«{account.name}» ({account.segment})")
    cap = plan.inputs.rules.per_owner
    return [
        f"У владельца «{owner}» особых клиентов {cap + len(names)}, а начинать советуют с двух-трёх "
        f"индивидуальных карт (здесь — не больше {cap}). Пока в групповых картах: {', '.join(names)}. "
        "Вернитесь к ним, когда первые карты станут образцом."
        for owner, names in by_owner.items()
    ]


def _notes(plan: Plan) -> list[str]:
    notes = _cap_notes(plan)
    wanted = (("revenue", "выручки"), ("potential", "потенциала"))
    missing = [name for column, name in wanted if column not in plan.table.columns]
    if missing:
        notes.append(
            f"В таблице не нашёлся столбец {' и '.join(missing)}: признаки «крупнейшие по потенциалу» и "
            "«потенциал намного выше выручки» проверить нельзя, индивидуальную карту получат только клиенты из ABM."
        )
    if plan.table.unreadable:
        examples = "; ".join(plan.table.unreadable[:3])
        notes.append(f"Не прочитаны как суммы и пропущены ячейки: {len(plan.table.unreadable)} ({examples}).")
    if plan.outside:
        lines = ", ".join(str(line.number) for line in plan.outside)
        notes.append(f"Контрольные точки из строк {lines} не попали в горизонт плана и в календарь не вошли.")
    if len(plan.maps) > CHART_MAPS:
        notes.append(f"На графике первые {CHART_MAPS} карт из {len(plan.maps)}; в таблицах и файлах — все.")
    return notes


def _steps(plan: Plan) -> list[str]:
    rules = plan.inputs.rules
    example = checkpoint_day(plan.inputs.start)
    return [
        "Признаки особого клиента взяты из раздела о картах развития, а числа к ним — прочтение справочника: "
        f"привлечён через ABM; входит в {format_number(rules.top_share)} % крупнейших клиентов базы по потенциалу; "
        f"потенциал не меньше {format_number(rules.potential_ratio)} × текущей выручки. Достаточно одного признака.",
        f"Правило справочника по совету раздела: у владельца не больше {rules.per_owner} индивидуальных карт "
        "на старте; "
        "сверх этого остаются клиенты с меньшим числом признаков и меньшим запасом роста.",
        "Остальные клиенты собраны в групповые карты по сегменту из таблицы.",
        "Месяц контрольной точки — номер месяца плана (1 — первый) или название месяца календаря.",
        f"Дата точки — 15-е число месяца или ближайший понедельник после выходных (первая: {example.text}); "
        "проверка — в последний рабочий день месяца. Это соглашение справочника.",
        "Календарь .ics: по событию на каждую точку каждой карты и на каждую проверку; повторный импорт "
        "обновляет события, а не дублирует их. CSV — для Excel: UTF-8, разделитель «;».",
    ]


def plan_report(plan: Plan) -> Report:
    """The report of a finished plan."""
    individual, groups = len(plan.split.individual), len(plan.split.groups)
    period = f"на {plan.inputs.start.name}\u00a0— {plan.last_month.name}"
    rhythm = "ежеквартально" if plan.inputs.quarterly else "ежемесячно"
    per_map = len(plan.maps[0].checkpoints) if plan.maps else 0
    summary = (
        f"Карт развития: индивидуальных — {individual}, групповых — {groups} на {len(plan.table.accounts)} клиентов; "
        f"по {per_map} контрольных точек на карту {period}, проверка {rhythm}."
    )
    figures = (
        Figure.number("individual_maps", "Индивидуальных карт", individual, decimals=0),
        Figure.number("group_maps", "Групповых карт", groups, decimals=0),
        Figure.number("accounts", "Клиентов", len(plan.table.accounts), decimals=0),
        Figure.number("deferred", "Особых клиентов сверх лимита", len(plan.split.deferred), decimals=0),
        Figure.number("checkpoints", "Контрольных точек на карту", per_map, decimals=0),
        Figure.number("events", "Событий в календаре", plan.events, decimals=0),
    )
    tables = "".join(map_table(plan, planned) for planned in plan.maps)
    first = Day(plan.inputs.start.year, plan.inputs.start.month, 1)
    downloads = (
        Download(
            "karty-razvitiya.ics", "text/calendar", calendar(plan.maps, plan.reviews, first), "Скачать календарь (.ics)"
        ),
        Download("karty-razvitiya.csv", "text/csv", table(plan.maps, plan.reviews), "Скачать план (CSV)"),
    )
    return Report(
        figures=figures,
        summary=summary,
        chart_svg=timeline_chart(plan),
        steps=tuple(_steps(plan)),
        notes=tuple(_notes(plan)),
        extra_html=tables,
        downloads=downloads,
    )
