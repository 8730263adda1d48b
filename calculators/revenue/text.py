"""The Russian report of the loyalty–revenue analysis: figures, summary, tables, worked steps and caveats."""

from __future__ import annotations

from calculators import survey
from calculators.formatting import format_number
from calculators.markup import escape
from calculators.report import Figure, Report
from calculators.revenue.charts import GROUP_NAMES, bridge_chart, nrr_chart
from calculators.revenue.maths import Analysis, GroupMetrics
from calculators.survey import Comparison

SMALL_GROUP = 30
TABLE_SEGMENTS = 12
NBSP = "\u00a0"


def _money(value: float) -> str:
    return f"{format_number(value, 0)}{NBSP}₽"


def _percent(value: float) -> str:
    return f"{format_number(value)}{NBSP}%"


def _points(value: float) -> str:
    return f"{format_number(value)}{NBSP}п.{NBSP}п."


def _yes_no(key: str, label: str, interval: Comparison | None) -> Figure:
    if interval is None:
        return Figure(key, label, None, "нет данных", decimals=0)
    return Figure(key, label, float(interval.significant), "да" if interval.significant else "нет", decimals=0)


def _gap_figures(prefix: str, label: str, interval: Comparison | None) -> list[Figure]:
    if interval is None:
        hint = "нужны и промоутеры, и критики"
        return [
            Figure(prefix, label, None, "нет данных", unit="", hint=hint),
            Figure(f"{prefix}_low", "Интервал 95 %, от", None, "—"),
            Figure(f"{prefix}_high", "Интервал 95 %, до", None, "—"),
            _yes_no(f"{prefix}_significant", "Разница значима (95 %)", None),
        ]
    return [
        Figure.number(prefix, label, interval.difference, unit="п. п."),
        Figure.number(f"{prefix}_low", "Интервал 95 %, от", interval.low, unit="п. п."),
        Figure.number(f"{prefix}_high", "Интервал 95 %, до", interval.high, unit="п. п."),
        _yes_no(f"{prefix}_significant", "Разница значима (95 %)", interval),
    ]


def group_figures(group: GroupMetrics) -> list[Figure]:
    """The machine-readable figures of one group, folded under «Все показатели» on the page.

    Examples:
        >>> group = GroupMetrics("detractors", 2, 300.0, 150.0, 0.0, 50.0, 100.0, 1, 0, 0.01)
        >>> [figure.key for figure in group_figures(group)][:4]
        ['accounts_detractors', 'start_detractors', 'end_detractors', 'nrr_detractors']
    """
    name, title = group.name, GROUP_NAMES[group.name]
    interval = group.nrr_interval
    figures = [
        Figure.number(f"accounts_{name}", f"{title}: клиентов", group.accounts, decimals=0, detail=True),
        Figure.number(f"start_{name}", f"{title}: выручка на начало", group.start, unit="₽", decimals=0, detail=True),
        Figure.number(f"end_{name}", f"{title}: выручка на конец", group.end, unit="₽", decimals=0, detail=True),
        Figure.number(f"nrr_{name}", f"{title}: NRR", group.nrr, unit="%", detail=True),
    ]
    if interval is not None:
        figures += [
            Figure.number(f"nrr_{name}_low", f"{title}: NRR, 95 % от", interval[0], unit="%", detail=True),
            Figure.number(f"nrr_{name}_high", f"{title}: NRR, 95 % до", interval[1], unit="%", detail=True),
        ]
    return [
        *figures,
        Figure.number(f"grr_{name}", f"{title}: GRR", group.grr, unit="%", detail=True),
        Figure.number(f"churn_{name}", f"{title}: отток клиентов", group.logo_churn, unit="%", detail=True),
        Figure.number(f"expansion_{name}", f"{title}: доля выросших", group.expansion_share, unit="%", detail=True),
        Figure.number(
            f"expansion_revenue_{name}", f"{title}: расширение", group.expansion, unit="₽", decimals=0, detail=True
        ),
        Figure.number(
            f"contraction_{name}", f"{title}: сокращение", group.contraction, unit="₽", decimals=0, detail=True
        ),
        Figure.number(
            f"churn_revenue_{name}", f"{title}: отток выручки", group.churn, unit="₽", decimals=0, detail=True
        ),
    ]


def _worth_figures(analysis: Analysis) -> list[Figure]:
    worth = analysis.worth
    if worth is None:
        return []
    figures = [
        Figure.number("detractor_loss", "Критики: потеряно на сокращении и оттоке", worth.lost, unit="₽", decimals=0)
    ]
    if worth.if_passive_gap is not None and worth.scenario is not None:
        figures += [
            Figure.number(
                "worth_if_passive",
                "Если бы критики удерживали выручку как нейтральные",
                worth.if_passive_gap,
                unit="₽",
                decimals=0,
                hint="прибавка к выручке на конец",
            ),
            Figure.number(
                "end_if_passive",
                "Выручка на конец в этом случае",
                worth.end_total + worth.if_passive_gap,
                unit="₽",
                decimals=0,
            ),
            Figure.number(
                "worth_scenario",
                f"Если закрыть {format_number(analysis.improvement)} % отставания",
                worth.scenario,
                unit="₽",
                decimals=0,
            ),
        ]
    return figures


def _scrolling_table(caption: str, body: str) -> str:
    """A wide table in a region that scrolls sideways on a phone and can be scrolled from the keyboard.

    Examples:
        >>> table = _scrolling_table("<b>", "")
        >>> 'tabindex="0" aria-label="&lt;b&gt;"' in table, "<caption>&lt;b&gt;</caption>" in table
        (True, True)
    """
    label = escape(caption)
    return (
        f'<div class="clg-table-scroll" role="region" tabindex="0" aria-label="{label}">'
        f'<table class="clg-table"><caption>{label}</caption>{body}</table></div>'
    )


def groups_table(analysis: Analysis) -> str:
    """Every group's accounts, revenue and rates in one table; small groups flagged.

    Examples:
        >>> from calculators.revenue.accounts import read_accounts
        >>> from calculators.revenue.maths import analyse
        >>> table = read_accounts("Оценка;Начало;Конец\\n10;100;150\\n3;200;0", {}, "accounts_text")
        >>> "мало клиентов" in groups_table(analyse(table, 25))
        True
    """
    rows = []
    for group in [*analysis.groups.values(), analysis.overall]:
        small = ' <span class="clg-small-base">(мало клиентов)</span>' if group.accounts < SMALL_GROUP else ""
        interval = group.nrr_interval
        shown = f"{_percent(interval[0])} … {_percent(interval[1])}" if interval else "—"
        cells = [
            f"{escape(format_number(group.accounts, 0))}{small}",
            escape(_money(group.start)),
            escape(_money(group.end)),
            escape(_percent(group.nrr)),
            escape(shown),
            escape(_percent(group.grr)),
            escape(_percent(group.logo_churn)),
            escape(_percent(group.expansion_share)),
        ]
        rows.append(f'<tr><th scope="row">{GROUP_NAMES[group.name]}</th>' + "".join(f"<td>{c}</td>" for c in cells))
    headers = [
        "Группа",
        "Клиентов",
        "Выручка на начало",
        "на конец",
        "NRR",
        "NRR, 95 %",
        "GRR",
        "Отток клиентов",
        "Доля выросших",
    ]
    head = "".join(f'<th scope="col">{name}</th>' for name in headers)
    return _scrolling_table(
        "Удержание выручки по группам NPS", f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody>"
    )


def segments_table(analysis: Analysis) -> str:
    """Promoters against detractors inside each segment: the comparison that the mix of segments cannot bend."""
    if not analysis.segments:
        return ""
    rows = []
    for segment in analysis.segments[:TABLE_SEGMENTS]:
        promoters = _percent(segment.promoters.nrr) if segment.promoters else "—"
        detractors = _percent(segment.detractors.nrr) if segment.detractors else "—"
        gap = segment.gap
        shown = f"{_points(gap.difference)} ({_points(gap.low)} … {_points(gap.high)})" if gap else "—"
        rows.append(
            f'<tr><th scope="row">{escape(segment.name)}</th><td>{escape(format_number(segment.accounts, 0))}</td>'
            f"<td>{escape(promoters)}</td><td>{escape(detractors)}</td><td>{escape(shown)}</td></tr>"
        )
    hidden = len(analysis.segments) - TABLE_SEGMENTS
    if hidden > 0:
        rows.append(f'<tr><td colspan="5">Ещё сегментов: {hidden}.</td></tr>')
    caption = f"Промоутеры и критики внутри сегментов (столбец {analysis.table.columns.get('segment_column', '')})"
    head = (
        '<thead><tr><th scope="col">Сегмент</th><th scope="col">Клиентов</th><th scope="col">NRR промоутеров</th>'
        '<th scope="col">NRR критиков</th><th scope="col">Разрыв, 95 % интервал</th></tr></thead>'
    )
    return _scrolling_table(caption, f"{head}<tbody>{''.join(rows)}</tbody>")


def _reading_steps(analysis: Analysis) -> list[str]:
    table = analysis.table
    encoding = f"кодировка {table.encoding}, " if table.encoding else ""
    header = "первая строка — заголовки" if table.header else "строки заголовков нет"
    roles = {
        "score_column": "оценки",
        "start_column": "выручка на начало",
        "end_column": "выручка на конец",
        "expansion_column": "расширение",
        "contraction_column": "сокращение",
        "churn_column": "отток",
        "segment_column": "сегменты",
    }
    columns = ", ".join(f"{roles[role]} — {label}" for role, label in table.columns.items())
    steps = [
        f"Таблица прочитана: {encoding}разделитель — {survey.DELIMITER_NAMES[table.delimiter]}, {header}; "
        f"строк с данными: {format_number(table.rows, 0)}; столбцы: {columns}.",
        f"В расчёт вошло клиентов: {format_number(table.accounts, 0)}. Пустая оценка значит «не ответил»: "
        "такие клиенты — отдельная группа.",
    ]
    if "end_column" not in table.columns:
        steps.append("Выручка на конец = начало + расширение − сокращение − отток (пустая ячейка движения — 0).")
    return steps


def _method_steps(analysis: Analysis) -> list[str]:
    steps = [
        "NRR группы = Σ выручки на конец / Σ выручки на начало по её клиентам: крупный клиент весит больше, как и "
        "в выручке. GRR = (Σ начало − сокращение − отток) / Σ начало. Отток клиентов — доля тех, у кого выручка "
        "на конец равна 0; доля выросших — тех, у кого она выросла.",
        "95 % интервал NRR — дельта-метод для отношения сумм (Cochran, 1977): с dᵢ = конецᵢ − NRR·началоᵢ "
        "дисперсия NRR ≈ Σdᵢ² / ((n − 1)·n·среднее(начало)²). Интервал разрыва: разница плюс-минус "
        "1,96·√(сумма дисперсий "
        "двух групп) — группы независимы.",
        "Интервал разницы оттока клиентов — метод Агрести–Каффо (2000): к каждой группе добавляется один ушедший и "
        "один оставшийся клиент, затем нормальное приближение; интервал расширен, чтобы включать наблюдаемую разницу.",
        "Разница «значима», когда 0 не входит в 95-процентный интервал: метод, которым он построен, накрывает "
        "истинную разницу в 95 % повторных выборок клиентов.",
    ]
    gap = analysis.nrr_gap
    promoters, detractors = analysis.groups.get("promoters"), analysis.groups.get("detractors")
    if gap is not None and promoters and detractors:
        steps.append(
            f"Разрыв NRR: {_percent(promoters.nrr)} − {_percent(detractors.nrr)} = {_points(gap.difference)}, "
            f"95 % интервал от {_points(gap.low)} до {_points(gap.high)}."
        )
    worth = analysis.worth
    passives = analysis.groups.get("passives")
    if worth is not None and worth.if_passive_gap is not None and passives and detractors:
        steps.append(
            f"Если бы критики удерживали выручку как нейтральные: {_money(detractors.start)} × "
            f"{_percent(passives.nrr)} − {_money(detractors.end)} = {_money(worth.if_passive_gap)}. Сценарий — "
            f"доля {_percent(analysis.improvement)} от этой суммы (правило справочника: считаем только отставание "
            "от нейтральных, а не от промоутеров, — критик, которому помогли, чаще становится нейтральным)."
        )
    return steps


def _notes(analysis: Analysis) -> list[str]:
    table = analysis.table
    notes = []
    small = [GROUP_NAMES[name] for name, group in analysis.groups.items() if group.accounts < SMALL_GROUP]
    if small:
        notes.append(
            f"Меньше {SMALL_GROUP} клиентов в группах: {', '.join(small)}. Интервалы таких групп широкие, а NRR "
            "может держаться на одном-двух крупных клиентах (правило справочника: от 30 клиентов в группе)."
        )
    missing = [GROUP_NAMES[name] for name in ("promoters", "detractors") if name not in analysis.groups]
    if missing:
        notes.append(f"В таблице нет группы: {', '.join(missing)} — разрыв NRR посчитать не из чего.")
    if table.skipped:
        examples = "; ".join(f"строка {row.line}: {row.reason}" for row in table.skipped_examples)
        notes.append(f"Не вошли в расчёт строк: {format_number(table.skipped, 0)}, например {examples}.")
    if table.new_accounts:
        notes.append(
            f"Клиентов без выручки на начало периода: {format_number(table.new_accounts, 0)}. Это новые клиенты, "
            "а NRR считается по тем, кто был на начало, поэтому они не вошли в расчёт."
        )
    if table.blank_end:
        notes.append(
            f"Пустых ячеек выручки на конец: {format_number(table.blank_end, 0)} — они считаны как 0 (клиент ушёл). "
            "Если это пропуски в данных, заполните их."
        )
    notes.append(
        "Связь — ещё не причина: промоутерами часто становятся клиенты, которым и так хорошо (растущие компании, "
        "удачный тариф). Оценки должны быть собраны до начала периода, иначе ушедшие клиенты просто не успели "
        "ответить. Как читать результат честно — ниже на странице."
    )
    return notes


def _summary(analysis: Analysis) -> str:
    gap = analysis.nrr_gap
    overall = f"NRR всех клиентов — {_percent(analysis.overall.nrr)}."
    if gap is None:
        return f"{overall} Для сравнения промоутеров и критиков нужны обе группы."
    verdict = "значим" if gap.significant else "не значим: он может быть случайным"
    direction = "выше" if gap.difference >= 0 else "ниже"
    return (
        f"{overall} У промоутеров NRR на {_points(abs(gap.difference))} {direction}, чем у критиков "
        f"(95 % интервал от {_points(gap.low)} до {_points(gap.high)}) — разрыв {verdict}."
    )


def revenue_report(analysis: Analysis) -> Report:
    """Figures, charts, tables, steps and notes of one analysis.

    Examples:
        >>> from calculators.revenue.accounts import read_accounts
        >>> from calculators.revenue.example import EXAMPLE_ACCOUNTS
        >>> from calculators.revenue.maths import analyse
        >>> report = revenue_report(analyse(read_accounts(EXAMPLE_ACCOUNTS, {}, "accounts_text"), 25))
        >>> report.figure("accounts_promoters").data_value, report.figure("nrr_gap_significant").text
        ('38', 'да')
    """
    groups = list(analysis.groups.values())
    figures = [
        *_gap_figures("nrr_gap", "Разрыв NRR: промоутеры − критики", analysis.nrr_gap),
        *_gap_figures("churn_gap", "Разница оттока клиентов: промоутеры − критики", analysis.churn_gap),
        Figure.number("nrr_all", "NRR всех клиентов", analysis.overall.nrr, unit="%"),
        Figure.number("grr_all", "GRR всех клиентов", analysis.overall.grr, unit="%"),
        Figure.number("accounts", "Клиентов в расчёте", analysis.overall.accounts, decimals=0),
        *_worth_figures(analysis),
        *(figure for group in groups for figure in group_figures(group)),
        Figure.number("skipped", "Строк не вошло", analysis.table.skipped, decimals=0, detail=True),
        Figure.number(
            "new_accounts", "Новых клиентов (не вошли)", analysis.table.new_accounts, decimals=0, detail=True
        ),
    ]
    charts_svg = nrr_chart([*groups, analysis.overall]) + bridge_chart(groups)
    return Report(
        figures=tuple(figures),
        summary=_summary(analysis),
        chart_svg=charts_svg,
        steps=(*_reading_steps(analysis), *_method_steps(analysis)),
        notes=tuple(_notes(analysis)),
        extra_html=groups_table(analysis) + segments_table(analysis),
    )
