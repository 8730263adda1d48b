"""Net Promoter Score from group counts or raw 0–10 answers, with an adjusted-Wald interval.

The interval follows Rocks (2016): add three pseudo-answers, ¾ of them split between
promoters and detractors, then use the normal approximation of the difference.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from calculators import charts
from calculators.calculator import Calculator, Values
from calculators.errors import InputError
from calculators.fields import Field
from calculators.formatting import format_number
from calculators.report import Figure, Report

MAX_ANSWERS = 1_000_000
Z_95 = 1.96
SMALL_BASE = 30
SCORE_SEPARATORS = re.compile(r"[,;\s]+")


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


def nps_from_counts(promoters: int, passives: int, detractors: int) -> NpsResult:
    """NPS and its 95% interval from the number of promoters, passives and detractors.

    Examples:
        >>> result = nps_from_counts(50, 30, 20)
        >>> result.nps, round(result.ci_low, 1), round(result.ci_high, 1)
        (30.0, 14.1, 44.2)
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
    margin = Z_95 * math.sqrt(variance)
    return NpsResult(
        promoters=promoters,
        passives=passives,
        detractors=detractors,
        nps=100 * (promoters - detractors) / n,
        promoters_pct=100 * promoters / n,
        passives_pct=100 * passives / n,
        detractors_pct=100 * detractors / n,
        adjusted=100 * estimate,
        ci_low=max(-100.0, 100 * (estimate - margin)),
        ci_high=min(100.0, 100 * (estimate + margin)),
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
    promoters = sum(1 for score in scores if score >= 9)
    passives = sum(1 for score in scores if 7 <= score <= 8)
    return promoters, passives, len(scores) - promoters - passives


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


def nps_report(result: NpsResult) -> Report:
    """Figures, chart, worked steps and caveats for one NPS result.

    Examples:
        >>> nps_report(nps_from_counts(50, 30, 20)).figure("nps").data_value
        '30.0'
    """
    n = result.n
    n_adj = n + 3
    steps = (
        f"Всего ответов: n = {result.promoters} + {result.passives} + {result.detractors} = {format_number(n, 0)}.",
        f"Доля промоутеров: {result.promoters} / {n} = {format_number(result.promoters_pct)} %; "
        f"доля критиков: {result.detractors} / {n} = {format_number(result.detractors_pct)} %.",
        f"NPS = {format_number(result.promoters_pct)} − {format_number(result.detractors_pct)} = "
        f"{format_number(result.nps)}.",
        f"Интервал (скорректированный метод Вальда): n′ = n + 3 = {n_adj}, "
        f"p′ = ({result.promoters} + 0,75) / {n_adj}, d′ = ({result.detractors} + 0,75) / {n_adj}; "
        f"100·(p′ − d′) = {format_number(result.adjusted)}; "
        f"95 % интервал: от {format_number(result.ci_low)} до {format_number(result.ci_high)}.",
    )
    notes = []
    if n < SMALL_BASE:
        notes.append(
            f"Ответов мало ({n} < {SMALL_BASE}): интервал широкий, потому что каждый ответ заметно сдвигает "
            "долю промоутеров или критиков. Сравнивайте такие NPS осторожно."
        )
    figures = (
        Figure.number("nps", "NPS", result.nps),
        Figure.number("ci_low", "Интервал 95 %, от", result.ci_low),
        Figure.number("ci_high", "Интервал 95 %, до", result.ci_high),
        Figure.number("n", "Ответов", n, decimals=0),
        Figure.number("promoters_pct", "Промоутеры", result.promoters_pct, unit="%"),
        Figure.number("passives_pct", "Нейтральные", result.passives_pct, unit="%"),
        Figure.number("detractors_pct", "Критики", result.detractors_pct, unit="%"),
    )
    summary = (
        f"NPS = {format_number(result.nps)} по {format_number(n, 0)} ответам; с вероятностью 95 % "
        f"истинное значение между {format_number(result.ci_low)} и {format_number(result.ci_high)}."
    )
    return Report(figures, summary, nps_chart(result), steps, tuple(notes))


def evaluate(values: Values) -> Report:
    """The NPS report for validated form values (counts or raw scores)."""
    if values["mode"] == "scores":
        result = nps_from_counts(*count_groups(parse_scores(values["scores"])))
    else:
        result = nps_from_counts(values["promoters"], values["passives"], values["detractors"])
    return nps_report(result)


def _count_field(name: str, label: str, default: str, help_text: str) -> Field:
    return Field(
        name, label, "integer", default, unit="чел.", help=help_text, minimum=0, maximum=MAX_ANSWERS, group="counts"
    )


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
            choices=(("counts", "Число ответов в каждой группе"), ("scores", "Сами оценки от 0 до 10")),
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
    ),
    evaluate=evaluate,
)
