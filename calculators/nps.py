"""Net Promoter Score from group counts, raw 0–10 answers or a survey export, with an adjusted-Wald interval.

The interval follows Rocks (2016): add three pseudo-answers, ¾ of them split between
promoters and detractors, then use the normal approximation of the difference.

When the total number of customers N is known, the half-width is multiplied by the
finite-population correction √((N − n)/(N − 1)). That factor shrinks the width but not the
small-sample pull of the centre towards zero, so the corrected interval is also widened to
take in the observed NPS and then cut to the values the N − n customers not asked could
still produce; with everyone asked it is the observed NPS itself.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from html import escape

from calculators import charts, survey
from calculators.calculator import Calculator, Values
from calculators.errors import InputError
from calculators.fields import Field
from calculators.formatting import format_number
from calculators.report import Figure, Report
from calculators.survey import Z_95

MAX_ANSWERS = 1_000_000
MAX_POPULATION = 1_000_000_000
SMALL_BASE = 30
SCORE_SEPARATORS = re.compile(r"[,;\s]+")
CHART_SEGMENTS = 12
TABLE_SEGMENTS = 30
LABEL_CHARS = 22
# A realistic export from Russian Excel: «;» between cells, a comma inside a comment, a
# client who skipped the question, IDs that are not scores and a segment column.
EXAMPLE_SURVEY = """Клиент;Сегмент;Оценка;Комментарий
К-1041;Крупный бизнес;9;Помогли с миграцией, всё в срок
К-1187;Крупный бизнес;10;
К-1203;Малый бизнес;6;Дорого для нашей команды
К-1215;Средний бизнес;8;
К-1220;Крупный бизнес;9;Хороший менеджер по успеху
К-1236;Малый бизнес;3;Долго отвечает поддержка
К-1251;Средний бизнес;9;
К-1262;Крупный бизнес;7;Не хватает отчётов
К-1270;Малый бизнес;10;Просто и понятно
К-1288;Средний бизнес;;
К-1290;Крупный бизнес;10;
К-1302;Малый бизнес;5;Сложно настроить интеграцию
К-1315;Средний бизнес;6;Ждём обещанную функцию
К-1327;Крупный бизнес;9;
К-1333;Малый бизнес;8;
К-1341;Крупный бизнес;10;Рекомендуем партнёрам
К-1356;Средний бизнес;9;
К-1362;Малый бизнес;4;
К-1370;Крупный бизнес;8;
К-1384;Средний бизнес;10;
К-1391;Малый бизнес;9;
К-1402;Крупный бизнес;6;Сбои в январе
К-1417;Средний бизнес;7;
К-1425;Малый бизнес;7;"""


@dataclass(frozen=True)
class NpsResult:
    """NPS of one set of answers, in percentage points."""

    promoters: int
    passives: int
    detractors: int
    nps: float
    promoters_pct: float
    passives_pct: float
    detractors_pct: float
    adjusted: float
    ci_low: float
    ci_high: float
    population: int | None = None
    fpc: float = 1.0

    @property
    def n(self) -> int:
        """Number of answers."""
        return self.promoters + self.passives + self.detractors


def adjusted_wald(promoters: int, detractors: int, n: int) -> tuple[float, float]:
    """The adjusted estimate p′ − d′ and the variance of the NPS difference (Rocks 2016).

    Examples:
        >>> estimate, variance = adjusted_wald(50, 20, 100)
        >>> round(estimate, 4), round(variance, 6)
        (0.2913, 0.005916)
    """
    n_adj = n + 3
    p_adj = (promoters + 0.75) / n_adj
    d_adj = (detractors + 0.75) / n_adj
    estimate = p_adj - d_adj
    return estimate, (p_adj + d_adj - estimate**2) / n_adj


def possible_range(promoters: int, detractors: int, n: int, population: int) -> tuple[float, float]:
    """The lowest and highest NPS of all N customers when the N − n not asked are all critics or all fans.

    Examples:
        >>> [round(value, 1) for value in possible_range(10, 0, 10, 11)]
        [81.8, 100.0]
    """
    unasked = population - n
    return 100 * (promoters - detractors - unasked) / population, 100 * (promoters - detractors + unasked) / population


def nps_from_counts(promoters: int, passives: int, detractors: int, population: int | None = None) -> NpsResult:
    """NPS and its 95% interval from the number of promoters, passives and detractors.

    With `population`, the total number of customers, the interval gets the finite-population
    correction (see the module's docstring).

    Examples:
        >>> result = nps_from_counts(50, 30, 20)
        >>> result.nps, round(result.ci_low, 1), round(result.ci_high, 1)
        (30.0, 14.1, 44.2)
        >>> result = nps_from_counts(50, 30, 20, population=400)
        >>> round(result.fpc, 3), round(result.ci_low, 1), round(result.ci_high, 1)
        (0.867, 16.1, 42.2)
    """
    counts = {"promoters": promoters, "passives": passives, "detractors": detractors}
    for name, count in counts.items():
        if count < 0:
            raise InputError(name, "Количество не может быть отрицательным.")
    n = promoters + passives + detractors
    if n == 0:
        raise InputError("promoters", "Нужен хотя бы один ответ: сейчас все три числа равны нулю.")
    if n > MAX_ANSWERS:
        raise InputError("promoters", f"Слишком много ответов: не больше {format_number(MAX_ANSWERS, 0)} в сумме.")
    estimate, variance = adjusted_wald(promoters, detractors, n)
    nps = 100 * (promoters - detractors) / n
    fpc = 1.0
    if population is not None:
        fpc = survey.fpc_factor(population, n)
    margin = Z_95 * math.sqrt(variance) * fpc
    low, high = 100 * (estimate - margin), 100 * (estimate + margin)
    if population is not None:
        floor, ceiling = possible_range(promoters, detractors, n, population)
        low, high = max(floor, min(low, nps)), min(ceiling, max(high, nps))
    return NpsResult(
        promoters=promoters,
        passives=passives,
        detractors=detractors,
        nps=nps,
        promoters_pct=100 * promoters / n,
        passives_pct=100 * passives / n,
        detractors_pct=100 * detractors / n,
        adjusted=100 * estimate,
        ci_low=max(-100.0, low),
        ci_high=min(100.0, high),
        population=population,
        fpc=fpc,
    )


def parse_scores(text: str, field: str = "scores") -> list[int]:
    """Read 0–10 answers separated by commas, semicolons, spaces or new lines.

    Examples:
        >>> parse_scores("10, 9;8\\n0  7")
        [10, 9, 8, 0, 7]
        >>> parse_scores("11")
        Traceback (most recent call last):
        ...
        calculators.errors.InputError: scores: Оценка «11» вне шкалы 0–10.
    """
    tokens = [token for token in SCORE_SEPARATORS.split(text) if token]
    if not tokens:
        raise InputError(field, "Введите хотя бы одну оценку от 0 до 10.")
    if len(tokens) > MAX_ANSWERS:
        raise InputError(field, f"Слишком много ответов: не больше {format_number(MAX_ANSWERS, 0)}.")
    scores = []
    for token in tokens:
        if not token.isdecimal() or len(token) > 2:
            shown = token if len(token) <= 12 else token[:12] + "…"
            raise InputError(field, f"«{shown}» — не оценка: нужны целые числа от 0 до 10.")
        score = int(token)
        if score > 10:
            raise InputError(field, f"Оценка «{token}» вне шкалы 0–10.")
        scores.append(score)
    return scores


def count_groups(scores: list[int]) -> tuple[int, int, int]:
    """Promoters (9–10), passives (7–8) and detractors (0–6) among 0–10 scores.

    Examples:
        >>> count_groups([10, 9, 8, 7, 6, 0])
        (2, 2, 2)
    """
    return survey.ScoreCounts.of(scores).groups


def nps_chart(result: NpsResult) -> str:
    """An SVG of the three shares and of NPS with its interval on the −100…100 scale."""
    left, width = 20.0, 560.0
    shares = [
        (result.promoters_pct, "clg-fill-good", "Промоутеры"),
        (result.passives_pct, "clg-fill-neutral", "Нейтральные"),
        (result.detractors_pct, "clg-fill-bad", "Критики"),
    ]
    body: list[str] = [charts.text(left, 16, "Доли ответов", css_class="clg-label clg-label--title")]
    x = left
    for share, css_class, label in shares:
        segment = width * share / 100
        body.append(charts.rect(x, 24, segment, 28, css_class, f"{label}: {format_number(share)} %"))
        x += segment
    legend_x = left
    for share, css_class, label in shares:
        body.append(charts.rect(legend_x, 62, 12, 12, css_class))
        body.append(charts.text(legend_x + 18, 73, f"{label} {format_number(share)}\u00a0%"))
        legend_x += 190

    def scale(value: float) -> float:
        return left + width * (value + 100) / 200

    axis_y = 140
    body.append(charts.text(left, 104, "NPS на шкале от −100 до 100", css_class="clg-label clg-label--title"))
    body.append(charts.line(left, axis_y, left + width, axis_y))
    for tick in (-100, -50, 0, 50, 100):
        body.append(charts.line(scale(tick), axis_y - 5, scale(tick), axis_y + 5))
        body.append(charts.text(scale(tick), axis_y + 22, format_number(tick, 0), anchor="middle"))
    body.append(
        charts.rect(
            scale(result.ci_low),
            axis_y - 9,
            scale(result.ci_high) - scale(result.ci_low),
            18,
            "clg-fill-interval",
            f"95 % интервал: {format_number(result.ci_low)} … {format_number(result.ci_high)}",
        )
    )
    body.append(charts.circle(scale(result.nps), axis_y, 7, "clg-fill-accent"))
    body.append(charts.text(scale(result.nps), axis_y - 16, f"NPS {format_number(result.nps)}", anchor="middle"))
    desc = (
        f"Промоутеры {format_number(result.promoters_pct)} %, нейтральные {format_number(result.passives_pct)} %, "
        f"критики {format_number(result.detractors_pct)} %. NPS {format_number(result.nps)}, 95 % интервал "
        f"от {format_number(result.ci_low)} до {format_number(result.ci_high)}."
    )
    return charts.svg(600, 175, "Структура ответов и NPS с доверительным интервалом", desc, body)


@dataclass(frozen=True)
class SamplePlan:
    """Answers needed for a 95% interval of ± `margin` NPS points."""

    margin: float
    needed: int
    worst_case: int


def plan_sample(result: NpsResult, margin: float) -> SamplePlan:
    """Answers needed at the shares observed so far (adjusted as in the interval) and in the worst case.

    Examples:
        >>> plan_sample(nps_from_counts(50, 30, 20), 5)
        SamplePlan(margin=5, needed=937, worst_case=1537)
    """
    n_adj = result.n + 3
    promoters = (result.promoters + 0.75) / n_adj
    detractors = (result.detractors + 0.75) / n_adj
    return SamplePlan(
        margin=margin,
        needed=survey.sample_size(margin, promoters, detractors, result.population),
        worst_case=survey.sample_size(margin, population=result.population),
    )


def _interval_steps(result: NpsResult) -> list[str]:
    n = result.n
    n_adj = n + 3
    interval = f"от {format_number(result.ci_low)} до {format_number(result.ci_high)}"
    wald = (
        f"Интервал (скорректированный метод Вальда): n′ = n + 3 = {n_adj}, "
        f"p′ = ({result.promoters} + 0,75) / {n_adj}, d′ = ({result.detractors} + 0,75) / {n_adj}; "
        f"100·(p′ − d′) = {format_number(result.adjusted)}; "
    )
    if result.population is None:
        return [f"{wald}95 % интервал: {interval}."]
    _, variance = adjusted_wald(result.promoters, result.detractors, n)
    half_width = 100 * Z_95 * math.sqrt(variance)
    floor, ceiling = possible_range(result.promoters, result.detractors, n, result.population)
    population, answers, fpc = format_number(result.population, 0), format_number(n, 0), format_number(result.fpc, 3)
    return [
        f"{wald}полуширина без поправки: 1,96·√((p′ + d′ − (p′ − d′)²) / n′) = {format_number(half_width)}.",
        f"Поправка на конечную совокупность: опрошено {answers} из {population} клиентов, "
        f"√((N − n) / (N − 1)) = √(({population} − {answers}) / ({population} − 1)) = {fpc}; "
        f"полуширина {format_number(half_width)} × {fpc} = {format_number(half_width * result.fpc)}.",
        f"Даже если все {format_number(result.population - n, 0)} неопрошенных окажутся критиками или "
        f"промоутерами, NPS всех клиентов будет от {format_number(floor)} до {format_number(ceiling)}; "
        f"интервал не выходит за эти границы и включает сам NPS: {interval}.",
    ]


def _plan_steps(result: NpsResult, plan: SamplePlan) -> list[str]:
    margin = format_number(plan.margin)
    fpc = " с поправкой на конечную совокупность" if result.population is not None else ""
    steps = [
        f"Сколько нужно ответов для погрешности ±{margin}: n = (1,96 · 100 / {margin})² · (p + d − (p − d)²)"
        f"{fpc}. При долях, как сейчас (p′ и d′ выше), нужно {format_number(plan.needed, 0)}; в худшем случае "
        f"(половина промоутеров, половина критиков) — {format_number(plan.worst_case, 0)}."
    ]
    if result.n >= plan.needed:
        steps.append(f"Ответов уже {format_number(result.n, 0)} — этого хватает.")
    else:
        steps.append(
            f"Сейчас ответов {format_number(result.n, 0)}: нужно ещё {format_number(plan.needed - result.n, 0)}."
        )
    return steps


def nps_report(result: NpsResult, target_margin: float | None = None) -> Report:
    """Figures, chart, worked steps and caveats for one NPS result, with a sample-size plan on request.

    Examples:
        >>> nps_report(nps_from_counts(50, 30, 20)).figure("nps").data_value
        '30.0'
        >>> nps_report(nps_from_counts(50, 30, 20), target_margin=5).figure("needed_n").data_value
        '937'
    """
    n = result.n
    steps = [
        f"Всего ответов: n = {result.promoters} + {result.passives} + {result.detractors} = {format_number(n, 0)}.",
        f"Доля промоутеров: {result.promoters} / {n} = {format_number(result.promoters_pct)} %; "
        f"доля критиков: {result.detractors} / {n} = {format_number(result.detractors_pct)} %.",
        f"NPS = {format_number(result.promoters_pct)} − {format_number(result.detractors_pct)} = "
        f"{format_number(result.nps)}.",
        *_interval_steps(result),
    ]
    notes = []
    if n < SMALL_BASE:
        notes.append(
            f"Ответов мало ({n} < {SMALL_BASE}): интервал широкий, потому что каждый ответ заметно сдвигает "
            "долю промоутеров или критиков. Сравнивайте такие NPS осторожно."
        )
    if result.population is not None:
        share = format_number(100 * n / result.population)
        notes.append(
            f"Опрошено {format_number(n, 0)} из {format_number(result.population, 0)} клиентов ({share} %): "
            "применена поправка на конечную совокупность, поэтому интервал уже, чем для бесконечной базы."
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
        figures.append(
            Figure.number(
                "needed_n", f"Нужно ответов для ±{margin}", plan.needed, decimals=0, hint="при нынешних долях групп"
            )
        )
        figures.append(Figure.number("needed_n_max", f"Для ±{margin} в худшем случае", plan.worst_case, decimals=0))
        steps.extend(_plan_steps(result, plan))
    summary = (
        f"NPS = {format_number(result.nps)} по {format_number(n, 0)} ответам; с вероятностью 95 % "
        f"истинное значение между {format_number(result.ci_low)} и {format_number(result.ci_high)}."
    )
    return Report(tuple(figures), summary, nps_chart(result), tuple(steps), tuple(notes))


@dataclass(frozen=True)
class SegmentResult:
    """NPS of one segment of a survey."""

    name: str
    result: NpsResult


@dataclass(frozen=True)
class SurveyResult:
    """NPS of a whole survey export, of each segment and of the difference between two of them."""

    answers: survey.SurveyAnswers
    overall: NpsResult
    segments: tuple[SegmentResult, ...]
    pair: tuple[SegmentResult, SegmentResult] | None = None
    comparison: survey.Comparison | None = None


def _find_segment(segments: tuple[SegmentResult, ...], wanted: str, field: str) -> SegmentResult:
    for match in (lambda name: name == wanted, lambda name: name.casefold() == wanted.casefold()):
        for segment in segments:
            if match(segment.name):
                return segment
    names = ", ".join(f"«{_short(segment.name)}»" for segment in segments[:10])
    raise InputError(field, f"Нет сегмента «{_short(wanted)}». Есть: {names}{', …' if len(segments) > 10 else ''}.")


def choose_pair(
    segments: tuple[SegmentResult, ...], first: str = "", second: str = ""
) -> tuple[SegmentResult, SegmentResult] | None:
    """The two segments to compare: those named, else the largest ones (a blank segment last).

    Examples:
        >>> segments = tuple(SegmentResult(name, nps_from_counts(n, 0, 0)) for name, n in [("A", 5), ("B", 3)])
        >>> [segment.name for segment in choose_pair(segments)], [s.name for s in choose_pair(segments, "b")]
        (['A', 'B'], ['B', 'A'])
    """
    first, second = first.strip(), second.strip()
    if not first and not second:
        named = [segment for segment in segments if segment.name != survey.BLANK_SEGMENT]
        pool = named if len(named) >= 2 else list(segments)
        return (pool[0], pool[1]) if len(pool) >= 2 else None
    field = "compare_a" if first else "compare_b"
    if not segments:
        raise InputError(field, "Сравнивать не с чем: укажите столбец сегментов.")
    a = _find_segment(segments, first, "compare_a") if first else None
    b = _find_segment(segments, second, "compare_b") if second else None
    if a is not None and b is not None and a is b:
        raise InputError("compare_b", "Выберите два разных сегмента.")
    if a is None or b is None:
        chosen = a or b
        others = [segment for segment in segments if segment is not chosen]
        if not others:
            raise InputError(field, "В таблице один сегмент: сравнивать не с чем.")
        return (chosen, others[0]) if a is not None else (others[0], chosen)
    return a, b


def analyse_survey(
    answers: survey.SurveyAnswers, population: int | None = None, first: str = "", second: str = ""
) -> SurveyResult:
    """NPS overall and per segment, and the comparison of two segments.

    The finite-population correction applies to the overall NPS only: the number of customers
    in each segment is not known.

    Examples:
        >>> answers = survey.read_survey("Сегмент;Оценка\\nA;10\\nA;9\\nB;0\\nB;7", segment_column="Сегмент")
        >>> result = analyse_survey(answers)
        >>> result.overall.nps, [(s.name, s.result.nps) for s in result.segments], result.comparison.significant
        (25.0, [('A', 100.0), ('B', -50.0)], False)
    """
    overall = nps_from_counts(*answers.counts.groups, population=population)
    segments = tuple(
        SegmentResult(segment.name, nps_from_counts(*segment.counts.groups)) for segment in answers.segments
    )
    pair = choose_pair(segments, first, second)
    if pair is None:
        return SurveyResult(answers, overall, segments)
    a, b = (adjusted_wald(s.result.promoters, s.result.detractors, s.result.n) for s in pair)
    return SurveyResult(answers, overall, segments, pair, survey.compare(a, b))


def _short(name: str) -> str:
    return name if len(name) <= LABEL_CHARS else name[: LABEL_CHARS - 1] + "…"


def segments_chart(result: SurveyResult) -> str:
    """An SVG of NPS with its interval for the whole survey and for each of the largest segments."""
    rows = [SegmentResult("Все ответы", result.overall), *result.segments[:CHART_SEGMENTS]]
    left, width, top, step = 215.0, 365.0, 44.0, 28.0

    def scale(value: float) -> float:
        return left + width * (value + 100) / 200

    bottom = top + step * len(rows)
    body = [charts.text(10, 18, "NPS по сегментам, 95 % интервал", css_class="clg-label clg-label--title")]
    for tick in (-100, -50, 0, 50, 100):
        body.append(charts.line(scale(tick), top - 6, scale(tick), bottom))
        body.append(charts.text(scale(tick), bottom + 18, format_number(tick, 0), anchor="middle"))
    for index, row in enumerate(rows):
        y = top + step * index + step / 2
        item = row.result
        interval = f"{format_number(item.ci_low)} … {format_number(item.ci_high)}"
        body.append(charts.text(10, y + 5, f"{_short(row.name)} · {format_number(item.n, 0)}"))
        body.append(
            charts.rect(
                scale(item.ci_low),
                y - 7,
                scale(item.ci_high) - scale(item.ci_low),
                14,
                "clg-fill-interval",
                f"{row.name}: NPS {format_number(item.nps)}, 95 % интервал {interval}, ответов {item.n}",
            )
        )
        body.append(charts.circle(scale(item.nps), y, 5, "clg-fill-accent"))
    described = "; ".join(
        f"{row.name}: NPS {format_number(row.result.nps)}, от {format_number(row.result.ci_low)} "
        f"до {format_number(row.result.ci_high)}, ответов {row.result.n}"
        for row in rows
    )
    hidden = len(result.segments) - CHART_SEGMENTS
    if hidden > 0:
        described += f". Ещё сегментов не показано: {hidden}."
    return charts.svg(600, int(bottom + 30), "NPS по сегментам с доверительными интервалами", described, body)


def segments_table(result: SurveyResult) -> str:
    """The per-segment table; every name from the file is escaped.

    Examples:
        >>> answers = survey.read_survey("Сегмент;Оценка\\n<script>;10", segment_column="Сегмент")
        >>> table = segments_table(analyse_survey(answers))
        >>> "<script>" in table, "&lt;script&gt;" in table
        (False, True)
    """
    rows = []
    for segment in result.segments[:TABLE_SEGMENTS]:
        item = segment.result
        small = ' <span class="clg-small-base">(мало ответов)</span>' if item.n < SMALL_BASE else ""
        rows.append(
            f'<tr><th scope="row">{escape(segment.name)}</th><td>{escape(format_number(item.n, 0))}{small}</td>'
            f"<td>{escape(format_number(item.nps))}</td>"
            f"<td>{escape(format_number(item.ci_low))} … {escape(format_number(item.ci_high))}</td></tr>"
        )
    hidden = result.segments[TABLE_SEGMENTS:]
    if hidden:
        answers = sum(segment.result.n for segment in hidden)
        rows.append(
            f'<tr><td colspan="4">Ещё сегментов: {len(hidden)}, в них ответов: '
            f"{escape(format_number(answers, 0))}.</td></tr>"
        )
    caption = f"NPS по сегментам (столбец {result.answers.segment_column})"
    return (
        f'<div class="clg-segments"><table><caption>{escape(caption)}</caption><thead><tr>'
        '<th scope="col">Сегмент</th><th scope="col">Ответов</th><th scope="col">NPS</th>'
        '<th scope="col">Интервал 95 %</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


def _reading_steps(answers: survey.SurveyAnswers) -> list[str]:
    encoding = f"кодировка {answers.encoding}, " if answers.encoding else ""
    header = "первая строка — заголовки" if answers.header else "строки заголовков нет"
    columns = f"оценки взяты из столбца {answers.score_column}"
    if answers.score_column_found:
        columns += " (в нём больше всего оценок от 0 до 10)"
    if answers.segment_column:
        columns += f", сегменты — из столбца {answers.segment_column}"
    steps = [
        f"Таблица прочитана: {encoding}разделитель — {survey.DELIMITER_NAMES[answers.delimiter]}, {header}; "
        f"строк с данными: {format_number(answers.rows, 0)}; {columns}."
    ]
    if answers.skipped:
        kinds = [f"пустых — {format_number(answers.blank, 0)}"] if answers.blank else []
        if answers.invalid:
            kinds.append(f"не оценок от 0 до 10 — {format_number(answers.invalid, 0)}")
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
        f"{format_number(b.result.adjusted)}, разница {format_number(comparison.difference)}; дисперсия разности — "
        "сумма дисперсий двух сегментов (тот же метод Вальда); 95 % интервал разницы: разница ± 1,96·√(сумма) = "
        f"от {format_number(comparison.low)} до {format_number(comparison.high)}.",
        f"Ноль в этот интервал {verdict}: {meaning} на уровне 95 %.",
    ]


def _survey_notes(result: SurveyResult) -> list[str]:
    answers = result.answers
    notes = []
    if answers.missing_segment_column:
        columns = ", ".join(f"«{_short(name)}»" for name in answers.columns[:10] if name.strip())
        available = f" Есть: {columns}." if columns else " Укажите номер столбца."
        notes.append(
            f"Столбца «{_short(answers.missing_segment_column)}» в таблице нет, поэтому NPS посчитан без сегментов."
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
            f"Сегментов, где меньше {SMALL_BASE} ответов: {small} — у них интервал широкий, и разница между ними "
            "часто оказывается случайной."
        )
    if result.segments and result.overall.population is not None:
        notes.append("Поправка на конечную совокупность применена только к общему NPS: размеры сегментов неизвестны.")
    return notes


def survey_report(result: SurveyResult, target_margin: float | None = None) -> Report:
    """The overall report plus segments, skipped cells, the comparison and the per-segment table and chart.

    Examples:
        >>> answers = survey.read_survey(EXAMPLE_SURVEY, segment_column="Сегмент")
        >>> report = survey_report(analyse_survey(answers))
        >>> report.figure("segments").data_value, report.figure("skipped").data_value, report.figure("n").data_value
        ('3', '1', '23')
    """
    base = nps_report(result.overall, target_margin)
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
            Figure.number("difference", f"Разница NPS: «{_short(a.name)}» − «{_short(b.name)}»", comparison.difference),
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
            f" Разница «{_short(result.pair[0].name)}» − «{_short(result.pair[1].name)}»: "
            f"{format_number(result.comparison.difference)} (95 % интервал от {format_number(result.comparison.low)} "
            f"до {format_number(result.comparison.high)}) — {verdict}."
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


def evaluate(values: Values) -> Report:
    """The NPS report for validated form values (counts, raw scores or a survey export)."""
    population = values.get("population")
    target_margin = values.get("target_margin")
    if values["mode"] == "survey":
        upload = values.get("survey_file")
        if isinstance(upload, bytes) and upload:
            source: bytes | str = upload
            field = "survey_file"
        elif values.get("survey_text"):
            source, field = values["survey_text"], "survey_text"
        else:
            raise InputError("survey_text", "Загрузите файл или вставьте таблицу с оценками.")
        answers = survey.read_survey(
            source, values.get("score_column") or "", values.get("segment_column") or "", field
        )
        result = analyse_survey(answers, population, values.get("compare_a") or "", values.get("compare_b") or "")
        return survey_report(result, target_margin)
    if values["mode"] == "scores":
        counts = count_groups(parse_scores(values["scores"]))
    else:
        counts = (values["promoters"], values["passives"], values["detractors"])
    return nps_report(nps_from_counts(*counts, population=population), target_margin)


def _count_field(name: str, label: str, default: str, help_text: str) -> Field:
    return Field(
        name, label, "integer", default, unit="чел.", help=help_text, minimum=0, maximum=MAX_ANSWERS, group="counts"
    )


def _survey_field(name: str, label: str, default: str, help_text: str) -> Field:
    return Field(name, label, "text", default, help=help_text, required=False, group="survey", max_length=200)


CALCULATOR = Calculator(
    name="nps",
    title="Калькулятор NPS",
    mode_field="mode",
    fields=(
        Field(
            "mode",
            "Что у вас есть",
            "choice",
            "counts",
            choices=(
                ("counts", "Число ответов в каждой группе"),
                ("scores", "Сами оценки от 0 до 10"),
                ("survey", "Выгрузка опроса (CSV)"),
            ),
        ),
        _count_field("promoters", "Промоутеры (оценки 9–10)", "50", "Сколько человек поставили 9 или 10."),
        _count_field("passives", "Нейтральные (оценки 7–8)", "30", "Сколько человек поставили 7 или 8."),
        _count_field("detractors", "Критики (оценки 0–6)", "20", "Сколько человек поставили от 0 до 6."),
        Field(
            "scores",
            "Оценки респондентов",
            "text",
            "10, 9, 9, 8, 7, 10, 6, 3, 9, 10",
            help="Целые числа от 0 до 10 через запятую, точку с запятой, пробел или с новой строки.",
            group="scores",
            max_length=4 * MAX_ANSWERS,
            multiline=True,
        ),
        Field(
            "survey_file",
            "Файл выгрузки",
            "file",
            "",
            required=False,
            group="survey",
            help=(
                "CSV или TSV из Excel, Google Таблиц или сервиса опросов, до 20 МБ: разделитель «;», «,», "
                "табуляция или «|», кодировка UTF-8 или Windows-1251. Файл не покидает ваш браузер: "
                "он читается и считается прямо на этой странице, на сервер ничего не отправляется."
            ),
        ),
        Field(
            "survey_text",
            "Или вставьте таблицу",
            "text",
            EXAMPLE_SURVEY,
            help=(
                "Если файла нет, скопируйте столбцы прямо из таблицы. Первая строка может быть заголовком; "
                "пустые и нечисловые ячейки будут пропущены и подсчитаны."
            ),
            required=False,
            group="survey",
            max_length=survey.MAX_BYTES,
            multiline=True,
            shared=False,
        ),
        _survey_field(
            "score_column",
            "Столбец с оценками",
            "",
            "Название или номер столбца. Пусто — найдётся сам: тот, где больше всего оценок от 0 до 10.",
        ),
        _survey_field(
            "segment_column",
            "Столбец сегментов",
            "Сегмент",
            "Название или номер столбца: продукт, тип клиента, менеджер, квартал. Пусто — без сегментов.",
        ),
        _survey_field(
            "compare_a",
            "Сравнить сегмент…",
            "",
            "Пусто — самый большой сегмент. Для сравнения двух периодов "
            "сделайте сегментом столбец с кварталом или датой опроса.",
        ),
        _survey_field("compare_b", "…с сегментом", "", "Пусто — следующий по размеру."),
        Field(
            "population",
            "Всего клиентов",
            "integer",
            "",
            unit="чел.",
            help="Сколько клиентов могли ответить. Если опрошена заметная их часть, интервал сужается.",
            minimum=1,
            maximum=MAX_POPULATION,
            required=False,
        ),
        Field(
            "target_margin",
            "Нужная точность",
            "number",
            "",
            unit="± пунктов",
            help="Калькулятор скажет, сколько нужно ответов, чтобы интервал NPS был не шире этого.",
            minimum=0.1,
            maximum=200,
            required=False,
        ),
    ),
    evaluate=evaluate,
)
