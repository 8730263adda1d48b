"""A calculator's inputs and results as CSV for the «Скачать CSV» link every result carries.

The file is for Russian Excel: cells separated by «;», numbers with a decimal comma and no
digit grouping, so that they stay numbers, and the UTF-8 byte order mark that makes Excel read
the text as UTF-8. Text typed by the reader that Excel would take for a formula
(«=», «+», «-», «@» at the start) is kept as text with a leading apostrophe.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterable, Mapping

from calculators.fields import Field
from calculators.formatting import plain_number
from calculators.report import Download, Report

HEADER = ("Раздел", "Ключ", "Показатель", "Значение", "Как на странице")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def excel_number(value: float, decimals: int | None = None) -> str:
    """A number as Russian Excel reads it: decimal comma, no grouping, no trailing zeros.

    Examples:
        >>> excel_number(12500.5), excel_number(30.0), excel_number(-0.25), excel_number(107.04, 1)
        ('12500,5', '30', '-0,25', '107')
        >>> excel_number(6.25, 1)  # rounded as the page rounds it, half away from zero
        '6,3'
    """
    if not math.isfinite(value):
        return ""
    text = plain_number(value, decimals) if decimals is not None else repr(float(value))
    if "e" in text:
        text = f"{value:.15f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text.replace(".", ",")


def safe_text(text: str) -> str:
    """Text that Excel shows as typed instead of running it as a formula.

    Examples:
        >>> safe_text("=HYPERLINK(1)"), safe_text("Сегмент")
        ("'=HYPERLINK(1)", 'Сегмент')
    """
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def _input_value(field: Field, value: object) -> tuple[str, str]:
    """(number for Excel, text as typed) of one parsed input."""
    if value is None:
        return "", ""
    if isinstance(value, int | float):
        return excel_number(value), safe_text(f"{excel_number(value)} {field.unit}".strip())
    text = str(value)
    if field.kind == "choice":
        text = dict(field.choices).get(text, text)
    return "", safe_text(text)


def report_csv(fields: Iterable[Field], values: Mapping[str, object], report: Report) -> str:
    """The inputs that shape the result and every figure of the report, one per row.

    Uploaded files and pasted tables (fields kept out of links) are not repeated in the file.

    Examples:
        >>> from calculators.report import Figure
        >>> fields = [Field("promoters", "Промоутеры", "integer", "50", unit="чел.")]
        >>> significant = Figure("significant", "Значима", 1.0, "да", decimals=0)
        >>> report = Report((Figure.number("nps", "NPS", 30.0), significant))
        >>> for line in report_csv(fields, {"promoters": 50}, report).splitlines():
        ...     print(line)
        Раздел;Ключ;Показатель;Значение;Как на странице
        Ввод;promoters;Промоутеры;50;50 чел.
        Результат;nps;NPS;30;30
        Результат;significant;Значима;1;да
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(HEADER)
    for field in fields:
        if field.kind == "file" or not field.shared or field.name not in values:
            continue
        number, text = _input_value(field, values[field.name])
        writer.writerow(("Ввод", field.name, safe_text(field.label), number, text))
    for figure in report.figures:
        number = figure.code or ("" if figure.value is None else excel_number(figure.value, figure.decimals))
        shown = f"{figure.text}\u00a0{figure.unit}" if figure.unit else figure.text
        writer.writerow(("Результат", figure.key, safe_text(figure.label), number, safe_text(shown)))
    return buffer.getvalue()


def csv_download(name: str, fields: Iterable[Field], values: Mapping[str, object], report: Report) -> Download:
    """The «Скачать CSV» file of calculator `name`: the byte order mark, then `report_csv`.

    Examples:
        >>> download = csv_download("nps", [], {}, Report(()))
        >>> download.filename, download.text.startswith("\ufeffРаздел;")
        ('clg-nps.csv', True)
    """
    return Download(f"clg-{name}.csv", "text/csv", "\ufeff" + report_csv(fields, values, report), "Скачать CSV")
