"""The Russian text of the NPS report: figures, the summary, worked steps and notes."""

from __future__ import annotations

from calculators import survey
from calculators.formatting import format_number
from calculators.nps.charts import SMALL_BASE, nps_chart, segments_chart, segments_table
from calculators.nps.counts import NpsResult
from calculators.nps.interval import (
    EXACT_UNASKED_UP_TO,
    ROCKS,
    SCORE_BELOW,
    SMALL_SAMPLE,
    WaldAddOn,
    adjusted_wald,
    possible_range,
)
from calculators.nps.planning import GoalSeek, SamplePlan, plan_sample, reach_target
from calculators.nps.segments import SurveyResult, short_name
from calculators.report import Figure, Report

METHOD_NAMES = {
    "score": "score-интервал для разности долей (Tango, 1998) с поправкой n/(n − 1)",
    "wald-wide": "скорректированный метод Вальда с увеличенной добавкой",
    "wald": "скорректированный метод Вальда (Rocks, 2016)",
    "exact": "точный mid-p тест для неопрошенных (правило справочника)",
}
PREDICTION_VARIANCE = "для неопрошенных дисперсия прогноза σ²·(1/n + 1/(N − n))·N/(N − 1) вместо σ²/n, "
MEANING = (
    "метод, которым он построен, накрывает истинное значение примерно в 95\u00a0% повторных опросов такого же размера"
)


def _add_on_text(result: NpsResult, add_on: WaldAddOn) -> str:
    n_adj = result.n + add_on.total
    each = format_number(add_on.each, 2)
    estimate, variance = adjusted_wald(result.promoters, result.detractors, result.n, add_on)
    return (
        f"n′ = n + {format_number(add_on.total, 2)} = {format_number(n_adj, 2)}, "
        f"p′ = ({result.promoters} + {each}) / n′, d′ = ({result.detractors} + {each}) / n′; "
        f"центр 100·(p′ − d′) = {format_number(100 * estimate)}, полуширина "
        f"1,96·√((p′ + d′ − (p′ − d′)²) / n′) = {format_number(100 * 1.96 * variance**0.5)}"
    )


def _method_text(result: NpsResult) -> str:
    name = METHOD_NAMES[result.method]
    if result.method == "score":
        return (
            f"Метод: {name}. Ответов меньше {SCORE_BELOW}, поэтому в интервал входят все значения NPS, "
            "которые тест на уровне 5\u00a0% не отвергает; дисперсия берётся при долях групп, лучше всего "
            "согласных с ответами при этом значении. Такой интервал всегда содержит наблюдаемый NPS"
        )
    if result.method == "exact":
        return (
            f"Метод: {name}. Неопрошенных не больше {EXACT_UNASKED_UP_TO}, поэтому перебирается каждое "
            "возможное число промоутеров за вычетом критиков среди них; базу дополняют неопрошенными "
            "с той же долей нейтральных, что в ответах, и значение остаётся в интервале, если при случайном "
            "выборе неопрошенных из такой базы столь же крайний итог (с половиной вероятности точного "
            "совпадения) выпадает чаще, чем в 2,5\u00a0% случаев"
        )
    add_on = SMALL_SAMPLE if result.method == "wald-wide" else ROCKS
    return f"Метод: {name}: {_add_on_text(result, add_on)}"


def interval_steps(result: NpsResult) -> list[str]:
    """How the interval was obtained, with the numbers of this result."""
    interval = f"от {format_number(result.ci_low)} до {format_number(result.ci_high)}"
    if result.population is None:
        return [f"{_method_text(result)}. 95\u00a0% интервал: {interval}."]
    n, population = result.n, result.population
    unasked = population - n
    floor, ceiling = possible_range(result.promoters, result.detractors, n, population)
    bounds = (
        f"Если все {format_number(unasked, 0)} неопрошенных окажутся критиками, NPS всей базы будет "
        f"{format_number(floor)}, если промоутерами — {format_number(ceiling)}: дальше этих границ интервал "
        "не выходит."
    )
    if unasked == 0:
        return [f"Опрошены все {format_number(n, 0)} клиентов: NPS базы известен точно, интервал — само число."]
    net = result.promoters - result.detractors
    rest_low = (population * result.ci_low / 100 - net) / unasked
    rest_high = (population * result.ci_high / 100 - net) / unasked
    return [
        f"Ответы {format_number(n, 0)} опрошенных известны точно; неизвестен NPS остальных "
        f"{format_number(unasked, 0)} из {format_number(population, 0)} клиентов. {_method_text(result)}; "
        f"{'' if result.method == 'exact' else PREDICTION_VARIANCE}"
        f"NPS неопрошенных — от {format_number(100 * rest_low)} до {format_number(100 * rest_high)} "
        "(не шире −100…100).",
        f"NPS всей базы = (n·NPS опрошенных + (N − n)·NPS остальных) / N = "
        f"({format_number(net, 0)} + {format_number(unasked, 0)}·NPS остальных / 100) / {format_number(population, 0)}"
        f" · 100: 95\u00a0% интервал {interval}. {bounds}",
    ]


def plan_steps(result: NpsResult, plan: SamplePlan) -> list[str]:
    """How the sample-size plan was obtained."""
    margin = format_number(plan.margin)
    base = (
        f"; при базе в {format_number(result.population, 0)} клиентов n уменьшается до n·N / (n + N − 1)"
        if result.population is not None
        else ""
    )
    steps = [
        f"Сколько нужно ответов для погрешности ±{margin}: сначала формула n = (1,96 · 100 / {margin})² · "
        "(p + d − (p − d)²) − 3 (минус три условных ответа скорректированного метода Вальда, как считает "
        f"MeasuringU){base}; затем калькулятор проверяет, что его собственный интервал при таком n и этих "
        f"долях не шире ±{margin}, и если шире — берёт больше ответов. В худшем случае (половина промоутеров, "
        f"половина критиков) нужно {format_number(plan.worst_case, 0)}."
    ]
    if plan.shares_used:
        steps.append(f"При долях, как сейчас, нужно {format_number(plan.needed, 0)}.")
    else:
        steps.append(
            f"По нынешним долям планировать ненадёжно: ответов меньше {SMALL_BASE} или промоутеров либо критиков "
            f"меньше 5\u00a0% — поэтому и здесь взят худший случай, {format_number(plan.needed, 0)}."
        )
    if result.n >= plan.needed:
        steps.append(f"Ответов уже {format_number(result.n, 0)} — этого хватает.")
    else:
        steps.append(
            f"Сейчас ответов {format_number(result.n, 0)}: нужно ещё {format_number(plan.needed - result.n, 0)}."
        )
    return steps


def _goal_figure(key: str, label: str, count: int | None) -> Figure:
    if count is None:
        return Figure(key, label, None, "недостижимо", decimals=0)
    return Figure.number(key, label, count, decimals=0)


def goal_steps(result: NpsResult, goal: GoalSeek) -> list[str]:
    """How many extra promoters or converted detractors reach the target, with the inequalities."""
    target = format_number(goal.target)
    if goal.extra_promoters == 0 and goal.fewer_detractors == 0:
        return [f"Цель NPS {target} уже достигнута: NPS {format_number(result.nps)}."]
    net, n = result.promoters - result.detractors, result.n
    extra = "недостижимо" if goal.extra_promoters is None else format_number(goal.extra_promoters, 0)
    fewer = "недостижимо" if goal.fewer_detractors is None else format_number(goal.fewer_detractors, 0)
    return [
        f"Цель NPS {target}. Новых промоутеров x среди новых ответов: ({net} + x) / ({n} + x) · 100 ≥ {target}, "
        f"наименьшее целое x — {extra}.",
        f"Или y критиков станут нейтральными (число ответов то же): ({net} + y) / {n} · 100 ≥ {target}, "
        f"наименьшее целое y — {fewer}. Это условность справочника: критик, ставший промоутером, поднял бы "
        "NPS вдвое быстрее.",
    ]


def nps_report(result: NpsResult, target_margin: float | None = None, target_nps: float | None = None) -> Report:
    """Figures, chart, worked steps and caveats for one NPS result, with a plan and a goal on request.

    Examples:
        >>> from calculators.nps.counts import nps_from_counts
        >>> nps_report(nps_from_counts(50, 30, 20)).figure("nps").data_value
        '30.0'
        >>> nps_report(nps_from_counts(50, 30, 20), target_margin=5).figure("needed_n").data_value
        '935'
        >>> nps_report(nps_from_counts(50, 30, 20), target_nps=40).figure("extra_promoters_needed").data_value
        '17'
    """
    n = result.n
    steps = [
        f"Всего ответов: n = {result.promoters} + {result.passives} + {result.detractors} = {format_number(n, 0)}.",
        f"Доля промоутеров: {result.promoters} / {n} = {format_number(result.promoters_pct)} %; "
        f"доля критиков: {result.detractors} / {n} = {format_number(result.detractors_pct)} %.",
        f"NPS = {format_number(result.promoters_pct)} − {format_number(result.detractors_pct)} = "
        f"{format_number(result.nps)}.",
        *interval_steps(result),
    ]
    notes = []
    if n < SCORE_BELOW:
        notes.append(
            f"Ответов меньше {SCORE_BELOW}: интервал грубый. Он всегда содержит наблюдаемый NPS, но по такой "
            "выборке о лояльности клиентов можно сказать немного."
        )
    elif n < SMALL_BASE:
        notes.append(
            f"Ответов мало ({n} < {SMALL_BASE}): интервал широкий, потому что каждый ответ заметно сдвигает "
            "долю промоутеров или критиков. Сравнивайте такие NPS осторожно."
        )
    if result.population is not None:
        share = format_number(100 * n / result.population)
        notes.append(
            f"Опрошено {format_number(n, 0)} из {format_number(result.population, 0)} клиентов ({share}\u00a0%): "
            "неопределённость касается только неопрошенных, поэтому интервал уже, чем для бесконечной базы."
        )
    figures = [
        Figure.number("nps", "NPS", result.nps),
        Figure.number("ci_low", "Интервал 95 %, от", result.ci_low),
        Figure.number("ci_high", "Интервал 95 %, до", result.ci_high),
        Figure.number("n", "Ответов", n, decimals=0),
        Figure.number("promoters_pct", "Промоутеры", result.promoters_pct, unit="%"),
        Figure.number("passives_pct", "Нейтральные", result.passives_pct, unit="%"),
        Figure.number("detractors_pct", "Критики", result.detractors_pct, unit="%"),
    ]
    if target_margin is not None:
        plan = plan_sample(result, target_margin)
        margin = format_number(target_margin)
        hint = "при нынешних долях групп" if plan.shares_used else "худший случай: по нынешним долям ненадёжно"
        figures.append(Figure.number("needed_n", f"Нужно ответов для ±{margin}", plan.needed, decimals=0, hint=hint))
        figures.append(Figure.number("needed_n_max", f"Для ±{margin} в худшем случае", plan.worst_case, decimals=0))
        steps.extend(plan_steps(result, plan))
    if target_nps is not None:
        goal = reach_target(result, target_nps)
        target = format_number(target_nps)
        figures.append(
            _goal_figure("extra_promoters_needed", f"Новых промоутеров до NPS {target}", goal.extra_promoters)
        )
        figures.append(
            _goal_figure("fewer_detractors_needed", f"Или критиков меньше на (до NPS {target})", goal.fewer_detractors)
        )
        steps.extend(goal_steps(result, goal))
    summary = (
        f"NPS = {format_number(result.nps)} по {format_number(n, 0)} ответам; 95\u2011процентный доверительный "
        f"интервал — от {format_number(result.ci_low)} до {format_number(result.ci_high)}: {MEANING}."
    )
    return Report(tuple(figures), summary, nps_chart(result), tuple(steps), tuple(notes))


def _reading_steps(answers: survey.SurveyAnswers) -> list[str]:
    encoding = f"кодировка {answers.encoding}, " if answers.encoding else ""
    header = "первая строка — заголовки" if answers.header else "строки заголовков нет"
    columns = f"оценки взяты из столбца {answers.score_column}"
    if answers.score_column_found:
        columns += " (в нём больше всего оценок от 0 до 10)"
    if answers.segment_column:
        columns += f", сегменты — из столбца {answers.segment_column}"
    steps = [
        f"Таблица прочитана: {encoding}разделитель — {survey.DELIMITER_NAMES[answers.delimiter]}, {header}; "
        f"строк с данными: {format_number(answers.rows, 0)}; {columns}."
    ]
    if answers.skipped:
        kinds = [f"пустых — {format_number(answers.blank, 0)}"] if answers.blank else []
        if answers.invalid:
            kinds.append(f"не оценок от 0 до 10 — {format_number(answers.invalid, 0)}")
        steps.append(
            f"Пропущено ячеек в столбце оценок: {format_number(answers.skipped, 0)} ({', '.join(kinds)}); "
            f"в расчёт вошло ответов: {format_number(answers.counts.n, 0)}."
        )
    return steps


def _comparison_steps(result: SurveyResult) -> list[str]:
    if result.pair is None or result.comparison is None:
        return []
    a, b = result.pair
    comparison = result.comparison
    verdict = "не входит" if comparison.significant else "входит"
    meaning = "разница значима" if comparison.significant else "разница может быть случайной"
    return [
        f"Сравнение «{a.name}» и «{b.name}»: скорректированные NPS {format_number(a.result.adjusted)} и "
        f"{format_number(b.result.adjusted)}, разница {format_number(comparison.difference)}; дисперсия разности — "
        "сумма дисперсий двух сегментов (тот же метод Вальда); 95 % интервал разницы: разница ± 1,96·√(сумма) = "
        f"от {format_number(comparison.low)} до {format_number(comparison.high)}.",
        f"Ноль в этот интервал {verdict}: {meaning} на уровне 95 %.",
    ]


def _survey_notes(result: SurveyResult) -> list[str]:
    answers = result.answers
    notes = []
    if answers.missing_segment_column:
        columns = ", ".join(f"«{short_name(name)}»" for name in answers.columns[:10] if name.strip())
        available = f" Есть: {columns}." if columns else " Укажите номер столбца."
        notes.append(
            f"Столбца «{short_name(answers.missing_segment_column)}» в таблице нет, поэтому NPS посчитан без сегментов."
            + available
        )
    if answers.invalid:
        examples = ", ".join(f"«{cell.text}» в строке {cell.line}" for cell in answers.invalid_examples)
        notes.append(
            f"Не оценки от 0 до 10 (в расчёт не вошли): {format_number(answers.invalid, 0)}, например {examples}."
        )
    small = sum(1 for segment in result.segments if segment.result.n < SMALL_BASE)
    if small:
        notes.append(
            f"Сегментов, где меньше {SMALL_BASE} ответов: {small} — у них интервал широкий, и разница между ними "
            "часто оказывается случайной."
        )
    if result.segments and result.overall.population is not None:
        notes.append("Размер базы учтён только в интервале общего NPS: сколько клиентов в каждом сегменте, неизвестно.")
    return notes


def survey_report(result: SurveyResult, target_margin: float | None = None, target_nps: float | None = None) -> Report:
    """The overall report plus segments, skipped cells, the comparison and the per-segment table and chart.

    Examples:
        >>> from calculators.nps.form import EXAMPLE_SURVEY
        >>> from calculators.nps.segments import analyse_survey
        >>> answers = survey.read_survey(EXAMPLE_SURVEY, segment_column="Сегмент")
        >>> report = survey_report(analyse_survey(answers))
        >>> report.figure("segments").data_value, report.figure("skipped").data_value, report.figure("n").data_value
        ('3', '1', '23')
    """
    base = nps_report(result.overall, target_margin, target_nps)
    answers = result.answers
    figures = [
        *base.figures,
        Figure.number("segments", "Сегментов", len(result.segments), decimals=0),
        Figure.number(
            "skipped",
            "Пропущено ячеек",
            answers.skipped,
            decimals=0,
            hint=f"пустых {answers.blank}, не оценок {answers.invalid}",
        ),
    ]
    if result.pair is not None and result.comparison is not None:
        a, b = result.pair
        comparison = result.comparison
        figures += [
            Figure.number(
                "difference", f"Разница NPS: «{short_name(a.name)}» − «{short_name(b.name)}»", comparison.difference
            ),
            Figure.number("difference_low", "Разница, 95 % от", comparison.low),
            Figure.number("difference_high", "Разница, 95 % до", comparison.high),
            Figure(
                "significant",
                "Разница значима (95 %)",
                1.0 if comparison.significant else 0.0,
                "да" if comparison.significant else "нет",
                decimals=0,
            ),
        ]
    summary = base.summary
    if result.pair is not None and result.comparison is not None:
        verdict = "значима" if result.comparison.significant else "не значима"
        summary += (
            f" Разница «{short_name(result.pair[0].name)}» − «{short_name(result.pair[1].name)}»: "
            f"{format_number(result.comparison.difference)} (95 % интервал от {format_number(result.comparison.low)} "
            f"до {format_number(result.comparison.high)}) — {verdict}."
        )
    chart = segments_chart(result) if result.segments else base.chart_svg
    extra = segments_table(result) if result.segments else ""
    return Report(
        figures=tuple(figures),
        summary=summary,
        chart_svg=chart,
        steps=(*_reading_steps(answers), *base.steps, *_comparison_steps(result)),
        notes=(*base.notes, *_survey_notes(result)),
        extra_html=extra,
    )
