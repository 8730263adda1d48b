"""NPS of one set of answers: the counts, the shares and the 95% interval."""

from __future__ import annotations

import re
from dataclasses import dataclass

from calculators import survey
from calculators.errors import InputError
from calculators.formatting import format_number
from calculators.nps.interval import adjusted_wald, nps_interval

MAX_ANSWERS = 1_000_000
SCORE_SEPARATORS = re.compile(r"[,;\s]+")


@dataclass(frozen=True)
class NpsResult:
    """NPS of one set of answers, in percentage points.

    `adjusted` is Rocks's adjusted estimate, the one two segments are compared by; `method`
    names the interval's method (see `calculators.nps.interval.method_for`).
    """

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
    method: str
    population: int | None = None

    @property
    def n(self) -> int:
        """Number of answers."""
        return self.promoters + self.passives + self.detractors


def nps_from_counts(promoters: int, passives: int, detractors: int, population: int | None = None) -> NpsResult:
    """NPS and its 95% interval from the number of promoters, passives and detractors.

    With `population`, the total number of customers, only the customers not asked are
    uncertain (see `calculators.nps.interval`).

    Examples:
        >>> result = nps_from_counts(50, 30, 20)
        >>> result.nps, round(result.ci_low, 1), round(result.ci_high, 1)
        (30.0, 14.1, 44.2)
        >>> result = nps_from_counts(22, 3, 0, population=30)
        >>> round(result.ci_low, 1), round(result.ci_high, 1)
        (80.0, 90.0)
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
    if population is not None and population < n:
        raise InputError(
            "population",
            f"Клиентов всего ({format_number(population, 0)}) меньше, чем ответов ({format_number(n, 0)}).",
        )
    interval = nps_interval(promoters, detractors, n, population)
    estimate, _ = adjusted_wald(promoters, detractors, n)
    return NpsResult(
        promoters=promoters,
        passives=passives,
        detractors=detractors,
        nps=100 * (promoters - detractors) / n,
        promoters_pct=100 * promoters / n,
        passives_pct=100 * passives / n,
        detractors_pct=100 * detractors / n,
        adjusted=100 * estimate,
        ci_low=interval.low,
        ci_high=interval.high,
        method=interval.method,
        population=population,
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
            raise InputError(field, f"«{shown}» — не оценка: нужны целые числа от 0 до 10.")
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
