"""HTML of a calculator's result, the same at build time and in the browser.

Everything that reaches the page is escaped here, except SVG produced by `calculators.charts`
(which escapes its own text) and `Report.extra_html` built by calculators the same way.
"""

from __future__ import annotations

from calculators.markup import escape
from calculators.report import Download, Figure, Report

# What a data: URL inside href="…" cannot carry as it is: the end of the attribute or of the URL's
# data (#), the escape sign itself, spaces (the URL parser strips them at the ends), DEL.
URL_UNSAFE = frozenset(" \"#%&'<>\x7f")


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
    """The file as a `data:` URL: its text as it is, but for what a URL or an HTML attribute would change.

    Letters, Cyrillic included, stay characters (the browser's URL parser turns them into the same
    UTF-8 bytes), so the page carries 2 bytes per Cyrillic letter, not 6 as with percent-encoding
    every byte or 2,7 as with base64, and gzip finds the repeats. Control characters (CR LF line
    ends among them), spaces and the characters that end a URL or an attribute are percent-encoded.

    Examples:
        >>> data_url(Download("a.ics", "text/calendar", "A:б 1%#\\r\\n", "ICS"))
        'data:text/calendar;charset=utf-8,A:б%201%25%23%0D%0A'
        >>> data_url(Download("x.csv", "text/csv", '\\ufeff<a href="x">&\\'', "CSV"))
        'data:text/csv;charset=utf-8,\\ufeff%3Ca%20href=%22x%22%3E%26%27'
    """
    encoded = "".join(
        "".join(f"%{byte:02X}" for byte in char.encode("utf-8")) if char in URL_UNSAFE or char < " " else char
        for char in download.text
    )
    return f"data:{download.mime};charset=utf-8,{encoded}"


def render_downloads(report: Report) -> str:
    """Links that save the report's files; made in the browser, nothing is fetched.

    Examples:
        >>> render_downloads(Report((), downloads=(Download("x.csv", "text/csv", "1", "CSV"),)))
        '<p class="clg-actions clg-downloads"><a class="md-button" download="x.csv" \
href="data:text/csv;charset=utf-8,1">CSV</a></p>'
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
