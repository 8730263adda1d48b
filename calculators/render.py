"""HTML of a calculator's result, the same at build time and in the browser.

Everything that reaches the page is escaped here, except SVG produced by `calculators.charts`
(which escapes its own text) and `Report.extra_html` built by calculators the same way.
"""

from __future__ import annotations

import binascii

from calculators.markup import escape
from calculators.report import Download, Figure, Report


def render_figure(figure: Figure) -> str:
    """One key figure as a `data-result` element.

    Examples:
        >>> render_figure(Figure.number("nps", "NPS", 30.0))
        '<div class="clg-figure" data-result="nps" data-value="30.0"><dt>NPS</dt><dd>30</dd></div>'
    """
    unit = f"\u00a0{escape(figure.unit)}" if figure.unit else ""
    hint = f'<small class="clg-figure__hint">{escape(figure.hint)}</small>' if figure.hint else ""
    return (
        f'<div class="clg-figure" data-result="{escape(figure.key)}" data-value="{figure.data_value}">'
        f"<dt>{escape(figure.label)}</dt><dd>{escape(figure.text)}{unit}{hint}</dd></div>"
    )


def render_steps(report: Report) -> str:
    """The worked calculation as an ordered list.

    Examples:
        >>> render_steps(Report((), steps=("1 + 1 = 2",)))
        '<ol class="clg-steps"><li>1 + 1 = 2</li></ol>'
    """
    if not report.steps:
        return ""
    return '<ol class="clg-steps">' + "".join(f"<li>{escape(step)}</li>" for step in report.steps) + "</ol>"


def data_url(download: Download) -> str:
    """The file as a `data:` URL: its UTF-8 bytes in base64.

    Base64 keeps CR LF line ends and a BOM intact, which HTML text would not, and costs 4 characters
    per 3 bytes where percent-encoding costs 9 per Cyrillic letter (the plan's calendar shrinks
    from 112 to 50 kB of page).

    Examples:
        >>> data_url(Download("a.ics", "text/calendar", "A:б\\r\\n", "ICS"))
        'data:text/calendar;charset=utf-8;base64,QTrQsQ0K'
    """
    encoded = binascii.b2a_base64(download.text.encode("utf-8"), newline=False).decode("ascii")
    return f"data:{download.mime};charset=utf-8;base64,{encoded}"


def render_downloads(report: Report) -> str:
    """Links that save the report's files; made in the browser, nothing is fetched.

    Examples:
        >>> render_downloads(Report((), downloads=(Download("x.csv", "text/csv", "1", "CSV"),)))
        '<p class="clg-actions clg-downloads"><a class="md-button" download="x.csv" \
href="data:text/csv;charset=utf-8;base64,MQ==">CSV</a></p>'
    """
    if not report.downloads:
        return ""
    links = "".join(
        f'<a class="md-button" download="{escape(item.filename)}" href="{data_url(item)}">{escape(item.label)}</a>'
        for item in report.downloads
    )
    return f'<p class="clg-actions clg-downloads">{links}</p>'


def render_report(report: Report) -> str:
    """The whole result region's content: summary, figures, chart, notes and the steps."""
    parts = []
    if report.summary:
        parts.append(f'<p class="clg-summary">{escape(report.summary)}</p>')
    main = "".join(render_figure(figure) for figure in report.figures if not figure.detail)
    parts.append(f'<dl class="clg-figures">{main}</dl>')
    if report.chart_svg:
        parts.append(f'<figure class="clg-chart-box">{report.chart_svg}</figure>')
    parts.extend(f'<p class="clg-note">{escape(note)}</p>' for note in report.notes)
    parts.append(report.extra_html)
    details = "".join(render_figure(figure) for figure in report.figures if figure.detail)
    if details:
        parts.append(
            '<details class="clg-how"><summary>Все показатели</summary>'
            f'<dl class="clg-figures clg-figures--detail">{details}</dl></details>'
        )
    parts.append(render_downloads(report))
    if report.steps:
        parts.append(f'<details class="clg-how"><summary>Как считается</summary>{render_steps(report)}</details>')
    return "".join(parts)
