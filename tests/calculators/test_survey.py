"""Reading survey exports and the statistics of `calculators.survey`.

Expected answers are computed independently of the parser: the files are written from known
rows by the standard library's `csv.writer` and the expected counts come from
`collections.Counter` over those rows. Statistical values were worked out by hand from the
formulas quoted in the comments (z = 1,96) and are cross-checked by the small reference
implementations at the top of this module, which share no code with `calculators`.
"""

from __future__ import annotations

import codecs
import csv
import io
import math
from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calculators import survey
from calculators.errors import InputError
from calculators.survey import (
    ScoreCounts,
    compare,
    decode_bytes,
    parse_score,
    read_survey,
    sniff_delimiter,
)
from tests.strategies import JUNK_SCORES, survey_rows

Z = 1.96


def reference_adjusted(promoters: int, detractors: int, n: int) -> tuple[float, float]:
    """Rocks (2016): p′ = (P + ¾)/(n + 3), d′ = (D + ¾)/(n + 3); Var = (p′ + d′ − (p′ − d′)²)/(n + 3)."""
    p, d = (promoters + 0.75) / (n + 3), (detractors + 0.75) / (n + 3)
    return p - d, (p + d - (p - d) ** 2) / (n + 3)


def export(rows: list[list[str]], delimiter: str, encoding: str) -> bytes:
    """A file written the way spreadsheets write them: CRLF line ends, quotes only where needed."""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode(encoding)


# Decoding


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (codecs.BOM_UTF8 + "Сегмент;Оценка\r\nМалый;9".encode(), "UTF-8 с BOM"),
        ("Сегмент;Оценка\nМалый;9".encode(), "UTF-8"),
        ("Сегмент;Оценка\nМалый;9".encode("cp1251"), "Windows-1251"),
        # Python's "utf-16" writes a BOM in the machine's order; both orders must read.
        ("Сегмент\tОценка\nМалый\t9".encode("utf-16-le"), None),
        (codecs.BOM_UTF16_LE + "Сегмент\tОценка\nМалый\t9".encode("utf-16-le"), "UTF-16"),
        (codecs.BOM_UTF16_BE + "Сегмент\tОценка\nМалый\t9".encode("utf-16-be"), "UTF-16"),
        # Plain ASCII is valid UTF-8 whatever the spreadsheet meant.
        (b"score\n9", "UTF-8"),
    ],
)
def test_decoding_finds_the_encoding(data, encoding):
    if encoding is None:
        # UTF-16 without a BOM is half NUL bytes: refused with advice rather than misread.
        with pytest.raises(InputError, match="не похоже на текстовую таблицу"):
            decode_bytes(data)
        return
    decoded = decode_bytes(data)
    assert decoded.encoding == encoding
    assert "Малый" in decoded.text or "score" in decoded.text
    assert not decoded.text.startswith("\ufeff")


@pytest.mark.parametrize(
    ("data", "message_part"),
    [
        # An .xlsx file is a ZIP archive (here a broken one); an old .xls is an OLE2 container.
        (b"PK\x03\x04" + bytes(100), "книга Excel"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), "старого формата Excel"),
        (bytes(range(256)) * 4, "не похоже на текстовую таблицу"),
        (b"\x89PNG\r\n\x1a\n" + bytes(64), "не похоже на текстовую таблицу"),
        # A BOM followed by an odd number of bytes cannot be UTF-16.
        (codecs.BOM_UTF16_LE + b"9\x00;", "UTF-16"),
        (codecs.BOM_UTF8 + b"\xff\xfe\xfd", "UTF-8"),
    ],
)
def test_binary_junk_is_refused(data, message_part):
    with pytest.raises(InputError, match=message_part) as caught:
        decode_bytes(data)
    assert caught.value.field == "survey_file"


def test_a_file_over_the_size_limit_is_refused():
    with pytest.raises(InputError, match="больше 20 МБ"):
        decode_bytes(b"9\n" * (survey.MAX_BYTES // 2 + 1))


def test_pasted_text_over_the_size_limit_is_refused(monkeypatch):
    monkeypatch.setattr(survey, "MAX_BYTES", 100)
    with pytest.raises(InputError, match="Слишком много текста"):
        read_survey("9\n" * 51)


# Cells and delimiters


@pytest.mark.parametrize(
    ("cell", "score"),
    [
        ("0", 0),
        ("10", 10),
        (" 9 ", 9),
        # Russian Excel exports numbers with a decimal comma.
        ("9,0", 9),
        ("9.0", 9),
        ("10,00", 10),
        ("\u00a08\u00a0", 8),
        ("09", 9),
        ("9,5", None),
        ("11", None),
        ("-1", None),
        ("", None),
        ("девять", None),
        ("10 баллов", None),
        # Digits of other scripts are not what a survey tool writes.
        ("\u0669", None),
        ("1e1", None),
    ],
)
def test_parse_score(cell, score):
    assert parse_score(cell) == score


@pytest.mark.parametrize(
    ("text", "delimiter"),
    [
        ("Сегмент;Оценка\nМалый;9\nКрупный;10", ";"),
        # Decimal commas inside a «;» file must not make it a comma file.
        ("Сегмент;Оценка\nМалый;9,0\nКрупный;10,0", ";"),
        ("Малый;9,0\nКрупный;10,0", ";"),
        ("segment,score\nSMB,9\nEnterprise,10", ","),
        ("Сегмент\tОценка\nМалый\t9", "\t"),
        ("Сегмент|Оценка\nМалый|9", "|"),
        # Commas inside comments of a «;» file.
        ("Оценка;Комментарий\n9;Быстро, удобно\n10;Хорошо, но дорого, и долго\n6;Плохо", ";"),
        # Quoted cells hide their delimiters.
        ('id,comment,score\n1,"a; b; c",9\n2,"d; e",10', ","),
        # Excel leaves empty cells at the ends of ragged rows.
        ("Сегмент;Оценка;;\nМалый;9;;\nКрупный;10\n", ";"),
        # One column of whole numbers with decimal commas: «;» keeps «9,0» in one cell.
        ("9,0\n10,0\n7,0", ";"),
        ("9\n10\n7", ";"),
    ],
)
def test_sniff_delimiter(text, delimiter):
    assert sniff_delimiter(text) == delimiter


# Whole exports


def expected_counts(rows: list[tuple[str, str]]) -> tuple[Counter, Counter, int, int]:
    """Scores overall and per segment, blanks and junk, counted without the parser under test."""
    overall: Counter = Counter()
    per_segment: Counter = Counter()
    blank = junk = 0
    for segment, cell in rows:
        if cell == "":
            blank += 1
        elif cell in JUNK_SCORES:
            junk += 1
        else:
            score = int(cell.split(",")[0])
            overall[score] += 1
            per_segment[segment] += 1
    return overall, per_segment, blank, junk


DIALECT_ROWS = [
    ("Крупный бизнес", "9"),
    ("Малый бизнес", "10,0"),
    ("Малый бизнес", ""),
    ("Крупный бизнес", "нет"),
    ("Средний бизнес", "6"),
    ("Малый бизнес", "9,5"),
    ("Крупный бизнес", "7"),
    ("Средний бизнес", "0"),
]


@pytest.mark.parametrize(
    ("delimiter", "encoding", "header"),
    [
        # The file Russian Excel writes: «;», decimal commas, UTF-8 with a BOM.
        (";", "utf-8-sig", True),
        # The same from an older Excel: Windows-1251 with Cyrillic segment names.
        (";", "cp1251", True),
        (";", "cp1251", False),
        # «Unicode text» from Excel is UTF-16 with tabs.
        ("\t", "utf-16", True),
        ("\t", "utf-8", False),
        (",", "utf-8", True),
        ("|", "utf-8", True),
    ],
)
def test_dialects_give_the_counts_of_the_rows_written(delimiter, encoding, header):
    rows = [["Клиент", "Сегмент", "Оценка"]] if header else []
    rows += [[f"К-{100 + i}", segment, cell] for i, (segment, cell) in enumerate(DIALECT_ROWS)]
    answers = read_survey(export(rows, delimiter, encoding), "", "Сегмент" if header else "2", "survey_file")
    overall, per_segment, blank, junk = expected_counts(DIALECT_ROWS)
    assert answers.delimiter == delimiter
    assert answers.header is header
    assert answers.counts.histogram == tuple(overall[score] for score in range(11))
    assert {segment.name: segment.counts.n for segment in answers.segments} == dict(per_segment)
    assert (answers.blank, answers.invalid) == (blank, junk) == (1, 2)
    assert [cell.text for cell in answers.invalid_examples] == ["нет", "9,5"]
    # The line numbers are the file's: a header moves every answer one line down.
    assert [cell.line for cell in answers.invalid_examples] == [4 + header, 6 + header]


def test_segments_are_ordered_from_the_largest_and_blank_segments_are_named():
    text = "Сегмент;Оценка\nA;9\nB;9\nB;7\n;10\nB;0\nA;3"
    answers = read_survey(text, "", "Сегмент")
    assert [(s.name, s.counts.n) for s in answers.segments] == [("B", 3), ("A", 2), (survey.BLANK_SEGMENT, 1)]


def test_quoted_cells_with_new_lines_and_delimiters_are_one_cell():
    text = 'Оценка;Комментарий\r\n9;"Хорошо;\r\nно дорого"\r\n10;"Сказал ""отлично"""\r\n'
    answers = read_survey(text)
    assert answers.counts.n == 2
    assert answers.rows == 2


def test_blank_rows_and_trailing_empty_cells_are_not_answers():
    text = "Оценка;Сегмент\n9;A\n\n;;\n  \n10;B\n;;\n"
    answers = read_survey(text, "", "Сегмент")
    assert (answers.counts.n, answers.blank, answers.rows) == (2, 0, 2)


def test_a_header_is_found_and_a_first_answer_is_not_taken_for_one():
    with_header = read_survey("Клиент;Оценка\nК-1;9\nК-2;10")
    without_header = read_survey("К-1;9\nК-2;10")
    # The first answer is blank, so the first row has no number, yet it is an answer.
    blank_first = read_survey("К-1;\nК-2;10\nК-3;9")
    assert (with_header.header, with_header.counts.n, with_header.score_column) == (True, 2, "«Оценка»")
    assert (without_header.header, without_header.counts.n, without_header.score_column) == (False, 2, "№ 2")
    assert (blank_first.header, blank_first.counts.n, blank_first.blank) == (False, 2, 1)


@pytest.mark.parametrize(
    ("text", "score_column", "expected"),
    [
        # By name, in any case.
        ("Оценка;Оценка 2\n9;1\n10;2", "оценка 2", (0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0)),
        ("Оценка;Оценка 2\n9;1\n10;2", " ОЦЕНКА ", (0,) * 9 + (1, 1)),
        # By 1-based number, with or without a header.
        ("Оценка;Оценка 2\n9;1\n10;2", "2", (0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0)),
        ("9;1\n10;2", "1", (0,) * 9 + (1, 1)),
        # Automatically: the ID column has fewer valid cells than the scores.
        ("ID;NPS\n1;9\n2;10\n11;7\n12;9", "", (0,) * 7 + (1, 0, 2, 1)),
        # A tie between an ID column and the scores goes to the later column, as IDs come first.
        ("1;9\n2;10", "", (0,) * 9 + (1, 1)),
        # A tie between two later columns goes to the one whose header names a score.
        ("Оценка NPS;Отдел\n9;1\n10;2", "", (0,) * 9 + (1, 1)),
    ],
)
def test_the_score_column(text, score_column, expected):
    assert read_survey(text, score_column).counts.histogram == expected


def test_a_name_that_matches_the_first_row_makes_it_a_header():
    # «2024» is a number, so the row is not recognised as a header by itself.
    answers = read_survey("Оценка;2024\n9;1\n10;2", "оценка")
    assert answers.header
    assert answers.counts.histogram == (0,) * 9 + (1, 1)
    # A number always means a column number, even when a header cell reads the same.
    assert read_survey("Оценка;2024\n9;1\n10;2", "2").counts.histogram == (0, 1, 1) + (0,) * 8


@pytest.mark.parametrize(
    ("text", "score_column", "segment_column", "field", "message_part"),
    [
        ("Сегмент;Оценка\nA;9", "NPS", "", "score_column", "Нет столбца «NPS». Есть: «Сегмент», «Оценка»"),
        ("A;9", "NPS", "", "score_column", "нет строки заголовков"),
        ("A;9", "3", "", "score_column", "Столбца № 3 нет"),
        ("A;9", "0", "", "score_column", "Столбца № 0 нет"),
        ("Сегмент;Оценка\nA;9", "Сегмент", "", "score_column", "нет ни одной оценки"),
        ("Сегмент;Оценка\nA;9", "Оценка", "Оценка", "segment_column", "столбец оценок"),
        ("Сегмент;Оценка\nA;нет\nB;", "", "", "survey_text", "ни одной оценки"),
        ("", "", "", "survey_text", "Таблица пустая"),
        ("\n \n;;\n", "", "", "survey_text", "Таблица пустая"),
        ("много", "", "", "survey_text", "ни одной оценки"),
        ('"' + "x" * 200_000, "", "", "survey_text", "не читается"),
    ],
)
def test_bad_tables_name_the_field(text, score_column, segment_column, field, message_part):
    with pytest.raises(InputError) as caught:
        read_survey(text, score_column, segment_column)
    assert caught.value.field == field
    assert message_part in caught.value.message


def test_a_missing_segment_column_is_reported_not_raised():
    answers = read_survey("Клиент;Оценка\nК-1;9", "", "Сегмент")
    assert answers.missing_segment_column == "Сегмент"
    assert answers.segments == ()
    assert answers.columns == ("Клиент", "Оценка")


def test_row_and_segment_limits(monkeypatch):
    monkeypatch.setattr(survey, "MAX_ROWS", 5)
    read_survey("9\n" * 5)
    with pytest.raises(InputError, match="Слишком длинная таблица"):
        read_survey("9\n" * 6)
    monkeypatch.setattr(survey, "MAX_SEGMENTS", 2)
    with pytest.raises(InputError, match="больше 2 разных") as caught:
        read_survey("S;9\nA;9\nB;9\nC;9", "", "1")
    assert caught.value.field == "segment_column"


def test_a_million_answers_are_read():
    answers = read_survey(b"Score\r\n" + b"9\r\n10\r\n" * 500_000, field="survey_file")
    assert answers.counts.n == survey.MAX_ROWS
    assert answers.counts.promoters == survey.MAX_ROWS


@given(survey_rows(), st.sampled_from(";,\t|"), st.sampled_from(["utf-8", "utf-8-sig", "cp1251", "utf-16"]))
def test_round_trip_of_a_written_export(rows, delimiter, encoding):
    header = [["Клиент", "Сегмент", "Оценка"]]
    written = header + [[f"К-{1000 + i}", segment, cell] for i, (segment, cell) in enumerate(rows)]
    answers = read_survey(export(written, delimiter, encoding), "", "Сегмент", "survey_file")
    overall, per_segment, blank, junk = expected_counts(rows)
    assert answers.counts.histogram == tuple(overall[score] for score in range(11))
    assert {segment.name: segment.counts.n for segment in answers.segments} == +per_segment
    assert (answers.blank, answers.invalid) == (blank, junk)


CSV_ALPHABET = st.sampled_from(list(';,\t|"\r\n 0123456789.,-АбЯё\u00a0\x00\ufeff'))


@given(st.binary(max_size=3000), st.sampled_from(["", "1", "3", "Оценка"]), st.sampled_from(["", "1", "Сегмент"]))
def test_arbitrary_bytes_raise_nothing_but_input_errors(data, score_column, segment_column):
    try:
        answers = read_survey(data, score_column, segment_column, "survey_file")
    except InputError as error:
        assert error.field in ("survey_file", "score_column", "segment_column")
    else:
        assert answers.counts.n >= 1


@given(
    st.one_of(st.text(max_size=500), st.text(CSV_ALPHABET, max_size=500)),
    st.text(CSV_ALPHABET, max_size=5),
    st.text(CSV_ALPHABET, max_size=5),
)
def test_arbitrary_text_raises_nothing_but_input_errors(text, score_column, segment_column):
    try:
        answers = read_survey(text, score_column, segment_column)
    except InputError as error:
        assert error.field in ("survey_text", "score_column", "segment_column")
    else:
        assert answers.counts.n + answers.skipped == answers.rows


# Statistics


@pytest.mark.parametrize(
    ("a", "b", "difference", "low", "high", "significant"),
    [
        # By hand: a′ = (50,75 − 20,75)/103 = 0,2913, Var 0,005916; b′ = 0, Var = 0,59709/103 = 0,005797;
        # 29,13 ± 1,96·√0,011713·100 = 29,13 ± 21,21.
        ((50, 30, 20), (30, 40, 30), 29.1, 7.9, 50.3, True),
        # Ten points apart on 100 answers each: b′ = (45,75 − 25,75)/103 = 0,1942, Var = 0,65647/103;
        # 9,71 ± 1,96·√0,012289·100 = 9,71 ± 21,73: the interval crosses zero.
        ((50, 30, 20), (45, 30, 25), 9.7, -12.0, 31.4, False),
        # Identical samples: a difference of exactly 0, ± 1,96·√(2·0,68474/103)·100 = ± 22,6.
        ((40, 30, 30), (40, 30, 30), 0.0, -22.6, 22.6, False),
        # Four points on 10 000 answers each are significant: 4,0 ± 1,96·√(6,0996 + 6,3234)·10⁻⁵·100 = 4,0 ± 2,18.
        ((5000, 3000, 2000), (4800, 3000, 2200), 4.0, 1.8, 6.2, True),
        # A negative difference: −0,5825 − 0,3883 = −0,9709; Var 0,45193/103 + 0,64045/103; ± 20,19.
        ((10, 20, 70), (60, 20, 20), -97.1, -117.3, -76.9, True),
    ],
)
def test_comparison_of_two_results(a, b, difference, low, high, significant):
    estimates = [reference_adjusted(p, d, p + q + d) for p, q, d in (a, b)]
    result = compare(*estimates)
    reference_margin = 100 * Z * math.sqrt(estimates[0][1] + estimates[1][1])
    assert result.difference == pytest.approx(100 * (estimates[0][0] - estimates[1][0]))
    assert result.low == pytest.approx(result.difference - reference_margin)
    assert (round(result.difference, 1), round(result.low, 1), round(result.high, 1)) == (difference, low, high)
    assert result.significant is significant


def test_score_counts_groups():
    counts = ScoreCounts.of([0, 6, 7, 8, 9, 10, 10])
    assert counts.groups == (3, 2, 2)
    assert counts.n == 7
