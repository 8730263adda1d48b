"""The KPI check in Russian: verdicts, the table against benchmarks, stages with FAQ links, a bow tie."""

from __future__ import annotations

from calculators import charts
from calculators.benchmarks import Benchmark
from calculators.formatting import format_number
from calculators.kpi.checks import Check, Stage, by_weakness, stages, weakest
from calculators.markup import escape
from calculators.report import Figure, Report

FAQ = "../../lifecycle-faq/"
# The lifecycle FAQ's answer that deals with each zone's KPIs (anchors made by pymdownx slugify).
STAGE_ANSWERS = {
    "Привлечение": ("Этап 3. Рассмотрение", "этап-3-рассмотрение"),
    "Онбординг": ("Этап 5. Онбординг", "этап-5-онбординг"),
    "Ценность и рост": ("Этап 6. Реализация ценности", "этап-6-реализация-ценности"),
    "Адвокация": ("Этап 8. Адвокация", "этап-8-адвокация"),
}
VERDICT_WORDS = {"meets": "на уровне ориентира", "below": "ниже ориентира", "none": "нет данных"}
VERDICT_CLASSES = {"meets": "clg-fill-good", "below": "clg-fill-bad", "none": "clg-fill-neutral"}


def value_text(item: Check) -> str:
    """The value with its unit, «никогда» for a payback that never comes.

    Examples:
        >>> from calculators.kpi.checks import check
        >>> value_text(check("ttv", 21)), value_text(check("cac_payback", float("inf")))
        ('21\\xa0дн.', 'никогда')
    """
    if item.value == float("inf"):
        return "никогда"
    return f"{format_number(item.value)}\u00a0{item.kpi.unit}"


def qualifiers(benchmark: Benchmark) -> str:
    """Where a benchmark comes from and what it describes, as far as the data file says.

    Examples:
        >>> from calculators.benchmarks import load_benchmarks
        >>> "Heinz Marketing" in qualifiers(load_benchmarks()["nrr_median"])
        True
    """
    return f"{benchmark.qualifier}; {benchmark.citation}"


def verdict_figure(item: Check) -> Figure:
    """`verdict_<parameter>`: 1 when the KPI meets its benchmark, 0 when not."""
    words = "да" if item.meets else "нет"
    label = f"{item.benchmark.label}: {value_text(item)} при ориентире {item.benchmark.words}"
    return Figure(f"verdict_{item.kpi.parameter}", label, 1.0 if item.meets else 0.0, words, decimals=0)


def weakest_figures(checks: list[Check]) -> tuple[Figure, Figure]:
    """`weakest`: the parameter of the KPI furthest below its benchmark, empty when all meet;
    `weakest_gap`: how far below, in per cent of the benchmark."""
    item = weakest(checks)
    if item is None:
        return (
            Figure("weakest", "Слабее всего", None, "все показатели на уровне ориентиров"),
            Figure.number("weakest_gap", "Отставание от ориентира", 0.0, unit="%"),
        )
    gap = (
        Figure("weakest_gap", "Отставание от ориентира", None, "не окупается")
        if item.shortfall == float("inf")
        else Figure.number("weakest_gap", "Отставание от ориентира", 100 * item.shortfall, unit="%")
    )
    return Figure("weakest", "Слабее всего", None, item.benchmark.label, code=item.kpi.parameter), gap


def shortfall_text(item: Check) -> str:
    """How far a KPI misses, in words.

    Examples:
        >>> from calculators.benchmarks import EXAMPLE, parse_benchmark
        >>> from calculators.kpi.checks import Check, kpi
        >>> at_least_80 = parse_benchmark("x", EXAMPLE | {"value": 80})
        >>> under_18 = parse_benchmark("x", EXAMPLE | {"value": 18, "comparison": "<", "unit": "мес."})
        >>> shortfall_text(Check(kpi("nrr"), at_least_80, 70)), shortfall_text(Check(kpi("cac_payback"), under_18, 18))
        ('хуже ориентира на 12,5\\xa0%', 'ровно на границе, а ориентир строгий')
    """
    if item.meets:
        return "на уровне ориентира или лучше"
    if item.shortfall == 0:
        return "ровно на границе, а ориентир строгий"
    if item.shortfall == float("inf"):
        return "не окупается"
    return f"хуже ориентира на {format_number(100 * item.shortfall)}\u00a0%"


def stage_list(ordered: list[Stage]) -> str:
    """Stages, weakest first, each with its verdict and the FAQ answer that deals with it."""
    items = []
    for stage in ordered:
        title, anchor = STAGE_ANSWERS.get(stage.zone, ("", ""))
        link = f' — <a href="{FAQ}#{escape(anchor)}">ответ в FAQ: «{escape(title)}»</a>' if anchor else ""
        items.append(f"<li><strong>{escape(stage.zone)}</strong>: {VERDICT_WORDS[stage.verdict]}{link}</li>")
    return f'<ol class="clg-kpi-stages">{"".join(items)}</ol>'


def check_table(ordered: list[Stage]) -> str:
    """Every given KPI against its benchmark, stage by stage, weakest stage first."""
    rows = []
    for stage in ordered:
        for item in stage.checks:
            cells = (
                escape(stage.zone),
                escape(item.benchmark.label),
                escape(value_text(item)),
                escape(item.benchmark.text),
                escape(shortfall_text(item)),
                escape(qualifiers(item.benchmark)),
            )
            rows.append("<tr>" + "".join(f"<td>{cell}</td>" for cell in cells) + "</tr>")
    head = "".join(
        f'<th scope="col">{name}</th>' for name in ("Этап", "Показатель", "У вас", "Ориентир", "Итог", "Источник")
    )
    return (
        '<div class="clg-kpi-table"><table><caption>Ваши показатели и ориентиры</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
    )


def bow_tie(all_stages: list[Stage]) -> str:
    """The lifecycle as a bow tie: acquisition on the left wing, the three customer zones on the right.

    Each zone is coloured by its verdict and labelled with it, so colour is never the only cue.
    """
    left, *right = all_stages
    body = [
        charts.polygon([(20, 30), (320, 95), (320, 145), (20, 210)], VERDICT_CLASSES[left.verdict]),
        charts.rect(320, 95, 40, 50, "clg-fill-neutral", "сделка"),
    ]
    body.append(charts.text(170, 236, left.zone, "middle"))
    body.append(charts.text(170, 254, VERDICT_WORDS[left.verdict], "middle"))
    width = 340 / len(right)
    for index, stage in enumerate(right):
        x1, x2 = 360 + width * index, 360 + width * (index + 1)
        h1, h2 = 25 + 65 * (x1 - 360) / 340, 25 + 65 * (x2 - 360) / 340
        points = [(x1, 120 - h1), (x2, 120 - h2), (x2, 120 + h2), (x1, 120 + h1)]
        body.append(charts.polygon(points, VERDICT_CLASSES[stage.verdict]))
        body.append(charts.text((x1 + x2) / 2, 236, stage.zone, "middle"))
        body.append(charts.text((x1 + x2) / 2, 254, VERDICT_WORDS[stage.verdict], "middle"))
    verdicts = "; ".join(
        f"{stage.zone}: {VERDICT_WORDS[stage.verdict]}, показателей: {len(stage.checks)}" for stage in all_stages
    )
    return charts.svg(720, 264, "Этапы жизненного цикла по вашим KPI", verdicts + ".", body)


def summary(checks: list[Check], ordered: list[Stage]) -> str:
    """One line: how many KPIs miss and which stage to start with."""
    missing = [item for item in checks if not item.meets]
    if not missing:
        return f"Все введённые показатели ({len(checks)}) на уровне ориентиров или лучше."
    worst = weakest(checks)
    assert worst is not None
    return (
        f"Ниже ориентира {len(missing)} из {len(checks)} показателей. Начните с этапа «{ordered[0].zone}»: "
        f"слабее всего «{worst.benchmark.label}» — {shortfall_text(worst)}."
    )


def kpi_report(checks: list[Check], overridden: list[str]) -> Report:
    """The report for the given checks; `overridden` are computed KPIs that a typed value replaced."""
    all_stages = stages(checks)
    ordered = by_weakness(all_stages)
    notes = [
        f"{item.benchmark.label}: посчитано из исходных данных — {item.computed}" for item in checks if item.computed
    ]
    notes += [
        f"Для показателя «{next(item.benchmark.label for item in checks if item.kpi.parameter == name)}» "
        "использовано введённое значение, а не рассчитанное из исходных данных."
        for name in overridden
    ]
    steps = (
        "Каждый показатель сравнивается с ориентиром из таблицы KPI в разделе о жизненном цикле: "
        "так, как записан ориентир («не ниже», «больше», «меньше»).",
        "Ориентир-диапазон (доля рекомендаций 10–20 %) выполнен, если значение не ниже нижней границы: "
        "больше рекомендаций — не хуже. Это прочтение справочника.",
        "Отставание — насколько значение хуже ориентира в долях самого ориентира: так дни, месяцы и проценты "
        "сравниваются на одной шкале. Самый слабый показатель — с наибольшим отставанием; при равенстве — "
        "тот, что раньше в жизненном цикле.",
        "Этап выполнен, если все введённые показатели этапа на уровне ориентира; этапы без данных не оцениваются.",
        "Окупаемость CAC из исходных данных: CAC / (ARPA × маржа / 12) — тем же кодом, что в калькуляторе CLV; "
        "NRR — тем же кодом, что в калькуляторе NRR.",
    )
    return Report(
        figures=(*(verdict_figure(item) for item in checks), *weakest_figures(checks)),
        summary=summary(checks, ordered),
        chart_svg=bow_tie(all_stages),
        steps=steps,
        notes=tuple(notes),
        extra_html=stage_list(ordered) + check_table(ordered),
    )
