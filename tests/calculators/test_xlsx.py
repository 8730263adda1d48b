"""Reading `.xlsx` uploads with `calculators.xlsx`, against workbooks written by real spreadsheet writers.

openpyxl writes inline strings and leaves formulas without a cached value; XlsxWriter writes
shared strings, merged ranges and formulas with the cached value Excel would have saved. The
expected tables are the rows the workbooks were written from, so the reader is checked against
data it did not produce.
"""

from __future__ import annotations

import csv
import datetime
import io
import zipfile

import openpyxl
import pytest
import xlsxwriter
from hypothesis import given, settings
from hypothesis import strategies as st

from calculators import survey, xlsx
from calculators.errors import InputError


def openpyxl_book(sheets: dict[str, list[list[object]]], merged: tuple[str, ...] = ()) -> bytes:
    """A workbook written by openpyxl; `merged` ranges apply to the first sheet."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    for cells in merged:
        book.worksheets[0].merge_cells(cells)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def lines(data: bytes, sheet: str = "") -> list[list[str]]:
    """The sheet as rows of cells, as the table readers see it."""
    text = xlsx.workbook_text(data, "survey_file", sheet).text
    return [line.split("\t") if line else [] for line in text.split("\n")]


def test_openpyxl_cyrillic_headers_blank_rows_numbers_and_dates():
    data = openpyxl_book(
        {
            "Ответы": [
                ["Клиент", "Оценка", "Выручка, ₽", "Дата"],
                ["ООО «Ромашка»", 9, 1_250_000.5, datetime.date(2026, 3, 1)],
                [None, None, None, None],
                ["АО Вектор", 6, 480000, None],
            ]
        }
    )
    assert lines(data) == [
        ["Клиент", "Оценка", "Выручка, ₽", "Дата"],
        # A date is the day number Excel counts from 1899-12-30.
        ["ООО «Ромашка»", "9", "1250000.5", str((datetime.date(2026, 3, 1) - datetime.date(1899, 12, 30)).days)],
        # The blank row stays a line, so line numbers are the row numbers Excel shows.
        [],
        ["АО Вектор", "6", "480000"],
    ]


def test_a_sheet_is_chosen_by_name_in_any_case_or_by_number():
    data = openpyxl_book({"Сводка": [["итого"]], "Опрос": [["Оценка"], [10]]})
    assert lines(data) == [["итого"]]
    assert lines(data, "опрос") == lines(data, "2") == [["Оценка"], ["10"]]
    with pytest.raises(InputError, match=r"нет листа «Март»\. Есть: «Сводка», «Опрос»") as raised:
        xlsx.workbook_text(data, "survey_file", "Март")
    assert raised.value.field == "sheet"


def test_merged_header_cells_fill_every_column_they_cover():
    # A title merged across the table and a header merged over two columns of revenue.
    data = openpyxl_book(
        {"Лист": [["Выгрузка за 2026"], ["Клиент", "Выручка"], ["К-1", 100, 120]]}, merged=("A1:C1", "B2:C2")
    )
    assert lines(data) == [
        ["Выгрузка за 2026"] * 3,
        ["Клиент", "Выручка", "Выручка"],
        ["К-1", "100", "120"],
    ]


def test_openpyxl_formulas_without_a_cached_value_are_blank():
    data = openpyxl_book({"Лист": [["a", "b"], [2, "=A2*2"]]})
    assert lines(data) == [["a", "b"], ["2"]]


def xlsxwriter_book() -> bytes:
    """Shared strings, a merged header, a formula with its cached value, a text cell with a tab and a quote."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = book.add_worksheet("Клиенты")
    sheet.merge_range("A1:B1", "Период 2026")
    sheet.write_row(1, 0, ["Клиент", "Оценка", "Начало", "Конец"])
    sheet.write_row(2, 0, ["Альфа\tБета", 10, 100_000, 150_000])
    sheet.write(3, 0, 'ИП "Гамма"')
    sheet.write(3, 1, 7)
    sheet.write(3, 2, 200_000)
    sheet.write_formula(3, 3, "=C4*0.9", None, 180_000)
    # A phonetic-free rich string is still one cell of text.
    sheet.write_rich_string(4, 0, "Дель", book.add_format({"bold": True}), "та")
    book.close()
    return buffer.getvalue()


def test_xlsxwriter_shared_strings_merges_and_cached_formula_values():
    data = xlsxwriter_book()
    assert "xl/sharedStrings.xml" in zipfile.ZipFile(io.BytesIO(data)).namelist()
    text = xlsx.workbook_text(data).text
    rows = list(csv.reader(io.StringIO(text), delimiter="\t"))
    assert rows == [
        ["Период 2026", "Период 2026"],
        ["Клиент", "Оценка", "Начало", "Конец"],
        ["Альфа\tБета", "10", "100000", "150000"],
        ['ИП "Гамма"', "7", "200000", "180000"],
        ["Дельта"],
    ]


def test_survey_mode_reads_a_workbook_like_a_csv():
    data = openpyxl_book({"Опрос": [["Клиент", "Сегмент", "Оценка"], ["К-1", "Малый", 9], [], ["К-2", "Крупный", 3]]})
    answers = survey.read_survey(data, "", "Сегмент", "survey_file")
    assert answers.counts.groups == (1, 0, 1)
    assert answers.encoding == "книга Excel, лист «Опрос»"
    assert answers.header and answers.rows == 2


def zip_of(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def with_member(data: bytes, name: str, content: bytes) -> bytes:
    """A copy of the workbook with one member replaced."""
    source = zipfile.ZipFile(io.BytesIO(data))
    members = {item: source.read(item) for item in source.namelist()}
    members[name] = content
    return zip_of(members)


LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">]>'
    b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&lol2;</t></si></sst>'
)
EXTERNAL = (
    b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>'
)
SIMPLE = xlsx.sample_workbook([["Оценка"], [9]])


def bomb() -> bytes:
    """The sample workbook whose sheet is 300 MB of spaces, which deflate squeezes into about 300 KB."""
    source = zipfile.ZipFile(io.BytesIO(SIMPLE))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in source.namelist():
            if name != "xl/worksheets/sheet1.xml":
                archive.writestr(name, source.read(name))
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
            block = b" " * (1024 * 1024)
            for _ in range(300):
                member.write(block)
    return buffer.getvalue()


def lying_sizes(data: bytes) -> bytes:
    """The workbook with its central directory claiming every member unpacks to 1 byte."""
    patched = bytearray(data)
    start = 0
    while (start := patched.find(b"PK\x01\x02", start)) >= 0:
        patched[start + 24 : start + 28] = (1).to_bytes(4, "little")
        start += 4
    return bytes(patched)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        # Billion laughs: entity declarations are refused before any expansion.
        (with_member(xlsx.sample_workbook([["a"]]), "xl/sharedStrings.xml", LAUGHS), "повреждён"),
        # An external entity would read a local file in some parsers.
        (with_member(SIMPLE, "xl/worksheets/sheet1.xml", EXTERNAL), "повреждён"),
        (bomb(), "слишком большая"),
        (zip_of({f"x/{index}": b"" for index in range(xlsx.MAX_ENTRIES + 1)}), "больше 10\u00a0000 файлов"),
        # A Word document is a zip too, but not a workbook.
        (zip_of({"word/document.xml": b"<w/>"}), "не читается как книга Excel"),
        (SIMPLE[: len(SIMPLE) // 2], "не читается как книга Excel"),
        (with_member(SIMPLE, "xl/worksheets/sheet1.xml", b"<worksheet><sheetData><row r="), "повреждён"),
        # Excel saves a password-protected workbook as an OLE container with an encrypted stream.
        (survey.OLE_SIGNATURE + bytes(500) + "EncryptedPackage".encode("utf-16-le") + bytes(100), "защищена паролем"),
        (survey.OLE_SIGNATURE + bytes(600), r"старого формата Excel \(\.xls\)"),
    ],
    ids=[
        "entity expansion",
        "external entity",
        "zip bomb",
        "too many entries",
        "docx",
        "truncated",
        "bad xml",
        "password",
        "xls",
    ],
)
def test_hostile_or_broken_workbooks_get_a_russian_message(data, message):
    with pytest.raises(InputError, match=message) as raised:
        xlsx.workbook_text(data, "accounts_file")
    assert raised.value.field == "accounts_file"


def test_a_bomb_whose_directory_lies_about_sizes_is_stopped_while_unpacking():
    data = lying_sizes(bomb())
    with pytest.raises(InputError, match=r"слишком большая|повреждён"):
        xlsx.workbook_text(data)


@settings(max_examples=300, deadline=None)
@given(position=st.integers(min_value=0, max_value=len(SIMPLE) - 1), byte=st.integers(0, 255))
def test_a_workbook_with_any_byte_changed_is_read_or_refused_with_an_input_error(position, byte):
    damaged = bytearray(SIMPLE)
    damaged[position] = byte
    try:
        xlsx.workbook_text(bytes(damaged))
    except InputError as error:
        assert error.field == "survey_file"


@settings(max_examples=200, deadline=None)
@given(tail=st.binary(max_size=300))
def test_any_bytes_after_a_zip_signature_give_an_input_error(tail):
    with pytest.raises(InputError):
        xlsx.workbook_text(survey.ZIP_SIGNATURE + tail)
