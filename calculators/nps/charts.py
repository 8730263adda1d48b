"""SVG charts and the HTML table of the NPS calculator."""

from __future__ import annotations

from calculators import charts
from calculators.formatting import format_number
from calculators.markup import escape
from calculators.nps.counts import NpsResult
from calculators.nps.segments import SegmentResult, SurveyResult, short_name

SMALL_BASE = 30
CHART_SEGMENTS = 12
TABLE_SEGMENTS = 30


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
        body.append(charts.text(10, y + 5, f"{short_name(row.name)} · {format_number(item.n, 0)}"))
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
        >>> from calculators import survey
        >>> from calculators.nps.segments import analyse_survey
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
