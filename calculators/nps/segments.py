"""NPS of each segment of a survey export and the comparison of two segments."""

from __future__ import annotations

from dataclasses import dataclass

from calculators import survey
from calculators.errors import InputError
from calculators.nps.counts import NpsResult, nps_from_counts
from calculators.nps.interval import adjusted_wald

LABEL_CHARS = 22


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
    names = ", ".join(f"«{short_name(segment.name)}»" for segment in segments[:10])
    raise InputError(field, f"Нет сегмента «{short_name(wanted)}». Есть: {names}{', …' if len(segments) > 10 else ''}.")


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


def short_name(name: str) -> str:
    """The name cut to fit a label."""
    return name if len(name) <= LABEL_CHARS else name[: LABEL_CHARS - 1] + "…"
