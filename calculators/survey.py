"""Survey exports read in the browser, and the statistics that NPS comparisons and plans need.

Reading goes bytes → text → rows → answers. Bytes are UTF-8 (with or without a BOM),
UTF-16 with a BOM, or else Windows-1251, the encoding Russian Excel still writes. The
delimiter is sniffed among «;», «,», tab and «|»; Russian Excel writes «;» and decimal
commas, so «9,0» inside a «;» file is the score 9. Blank and unreadable score cells are
counted and reported, never fatal; only a table without a single 0–10 answer is an error.

The file is read twice (once to choose the score column, once to count the answers) so that
a million-row export never sits in memory as a million Python lists.

The statistics take what `calculators.nps.adjusted_wald` returns, so the interval of one
NPS and of a difference of two come from the same formula.
"""

from __future__ import annotations

import codecs
import csv
import io
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice

from calculators.errors import InputError
from calculators.formatting import format_number

Z_95 = 1.96
MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 1_000_000
MAX_SEGMENTS = 1000
# Ties between delimiters go to the earlier one: a «;» file whose every row has a decimal
# comma splits just as evenly on «,».
DELIMITERS = ("\t", ";", "|", ",")
DELIMITER_NAMES = {"\t": "табуляция", ";": "точка с запятой", "|": "вертикальная черта", ",": "запятая"}
SNIFF_CHARS = 64 * 1024
SNIFF_ROWS = 200
EXAMPLES_KEPT = 3
SHOWN_CHARS = 24
BLANK_SEGMENT = "(без сегмента)"
# The first bytes of a zip archive (.xlsx) and of an OLE container (.xls, or an .xlsx locked with a
# password); kept here, not in `calculators.xlsx`, so that telling a workbook apart imports nothing.
ZIP_SIGNATURE = b"PK\x03\x04"
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8 с BOM"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
)
# Control characters a text table never contains, and the mark of an undecodable byte.
JUNK = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\ufffd]")
SCORE = re.compile(r"([0-9]{1,2})(?:[.,]0+)?")
NUMBER = re.compile(r"[+\-\u2212]?[0-9]+(?:[.,][0-9]+)?")
# «9,0» is a score with a decimal comma; «1,9» is more likely two cells.
WHOLE_DECIMAL = re.compile(r"\s*[0-9]+,0+\s*")
SCORE_HEADER = re.compile(r"nps|score|оцен|балл|рекоменд|recommend", re.IGNORECASE)
COLUMN_NUMBER = re.compile(r"[0-9]{1,7}")
SPACES = re.compile(r"[\s\u00a0\u202f]+")
PLAIN_SCORES = {str(score): score for score in range(11)}


@dataclass(frozen=True)
class DecodedText:
    """The text of an uploaded file, the encoding it was read in and, for a workbook, its delimiter."""

    text: str
    encoding: str
    delimiter: str = ""


@dataclass(frozen=True)
class ScoreCounts:
    """How many answers gave each score from 0 to 10.

    Examples:
        >>> counts = ScoreCounts.of([10, 9, 8, 6, 0])
        >>> counts.promoters, counts.passives, counts.detractors, counts.n
        (2, 1, 2, 5)
    """

    histogram: tuple[int, ...]

    @classmethod
    def of(cls, scores: list[int]) -> ScoreCounts:
        """Counts of a list of 0–10 scores."""
        histogram = [0] * 11
        for score in scores:
            histogram[score] += 1
        return cls(tuple(histogram))

    @property
    def promoters(self) -> int:
        """Answers of 9 or 10."""
        return self.histogram[9] + self.histogram[10]

    @property
    def passives(self) -> int:
        """Answers of 7 or 8."""
        return self.histogram[7] + self.histogram[8]

    @property
    def detractors(self) -> int:
        """Answers from 0 to 6."""
        return sum(self.histogram[:7])

    @property
    def n(self) -> int:
        """All answers."""
        return sum(self.histogram)

    @property
    def groups(self) -> tuple[int, int, int]:
        """Promoters, passives and detractors, in the order `nps_from_counts` takes them."""
        return self.promoters, self.passives, self.detractors


@dataclass(frozen=True)
class Segment:
    """The answers of one value of the segment column."""

    name: str
    counts: ScoreCounts


@dataclass(frozen=True)
class SkippedCell:
    """A score cell that is not a 0–10 answer, with the line of the file it is on."""

    line: int
    text: str


@dataclass(frozen=True)
class SurveyAnswers:
    """What a survey export holds, and how it was read.

    `segments` is empty without a segment column, and otherwise ordered from the largest.
    `score_column_found` tells that the score column was picked automatically.
    `missing_segment_column` is the requested segment column that the table does not have.
    """

    counts: ScoreCounts
    segments: tuple[Segment, ...]
    encoding: str
    delimiter: str
    header: bool
    rows: int
    score_column: str
    score_column_found: bool
    segment_column: str
    missing_segment_column: str
    columns: tuple[str, ...]
    blank: int
    invalid: int
    invalid_examples: tuple[SkippedCell, ...]

    @property
    def skipped(self) -> int:
        """Score cells left out: blank plus unreadable."""
        return self.blank + self.invalid


@dataclass(frozen=True)
class Comparison:
    """The difference a − b of two estimates in points (two NPS, two NRR, two churn rates), with its 95% interval.

    Examples:
        >>> Comparison(12.0, 3.5, 20.5).significant, Comparison(4.0, -2.0, 10.0).significant
        (True, False)
    """

    difference: float
    low: float
    high: float

    @property
    def significant(self) -> bool:
        """Whether the 95% interval leaves out zero."""
        return self.low > 0 or self.high < 0


def decode_bytes(data: bytes, field: str = "survey_file", sheet: str = "") -> DecodedText:
    """Text of an uploaded table: UTF-8 or UTF-16 by their BOM, UTF-8 if valid, else Windows-1251.

    An Excel workbook (`.xlsx`) is read by `calculators.xlsx`: its first sheet, or `sheet`.

    Examples:
        >>> decoded = decode_bytes("Оценка;9".encode("cp1251"))
        >>> decoded.text, decoded.encoding
        ('Оценка;9', 'Windows-1251')
        >>> decode_bytes(codecs.BOM_UTF8 + "Оценка".encode()).encoding
        'UTF-8 с BOM'
        >>> decode_bytes(bytes(range(256)))
        Traceback (most recent call last):
        ...
        calculators.errors.InputError: survey_file: Это не похоже на текстовую таблицу: сохраните выгрузку \
как CSV (UTF-8 или Windows-1251).
    """
    if len(data) > MAX_BYTES:
        raise InputError(field, f"Файл больше {MAX_BYTES // (1024 * 1024)} МБ: оставьте в выгрузке нужные столбцы.")
    if data.startswith((ZIP_SIGNATURE, OLE_SIGNATURE)):
        # Imported for a workbook only: zipfile and expat would lengthen every calculator's start.
        from calculators import xlsx

        workbook = xlsx.workbook_text(data, field, sheet)
        return DecodedText(workbook.text, workbook.source, xlsx.DELIMITER)
    for bom, codec, name in BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                raise InputError(field, f"Файл помечен как {name}, но дальше в нём не текст.") from None
            encoding = name
            break
    else:
        try:
            text, encoding = data.decode("utf-8"), "UTF-8"
        except UnicodeDecodeError:
            text, encoding = data.decode("cp1251", errors="replace"), "Windows-1251"
    if looks_binary(text):
        raise InputError(
            field, "Это не похоже на текстовую таблицу: сохраните выгрузку как CSV (UTF-8 или Windows-1251)."
        )
    return DecodedText(text, encoding)


def looks_binary(text: str) -> bool:
    """Whether more than 1 % of the characters are control codes or undecodable bytes.

    Examples:
        >>> looks_binary("Оценка;9\\r\\n10;\\t"), looks_binary("\\x00\\x01PK")
        (False, True)
    """
    junk = len(text) - len(JUNK.sub("", text))
    return junk * 100 > len(text)


def parse_score(cell: str) -> int | None:
    """The 0–10 answer in a cell, or None; «9,0» and «9.0» are 9, «9,5» is not an answer.

    Examples:
        >>> parse_score(" 9,0 "), parse_score("10"), parse_score("9,5"), parse_score("11"), parse_score("")
        (9, 10, None, None, None)
    """
    plain = PLAIN_SCORES.get(cell)
    if plain is not None:
        return plain
    match = SCORE.fullmatch(cell.strip())
    if match is None:
        return None
    score = int(match.group(1))
    return score if score <= 10 else None


def is_number(cell: str) -> bool:
    """Whether a cell holds a number (of any size), as opposed to a name.

    Examples:
        >>> is_number("12 500,5"), is_number("−3"), is_number("Оценка"), is_number("")
        (True, True, False, False)
    """
    return NUMBER.fullmatch(SPACES.sub("", cell)) is not None


def _trimmed(row: list[str]) -> list[str]:
    """The row without the empty cells Excel leaves at its end."""
    end = len(row)
    while end and not row[end - 1].strip():
        end -= 1
    return row[:end]


def _width(row: list[str], delimiter: str) -> int:
    """How many cells a row has, a lone whole number with a decimal comma («9,0») counting as one."""
    if delimiter == "," and len(row) == 2 and WHOLE_DECIMAL.fullmatch(",".join(row)):
        return 1
    return len(row)


def sniff_delimiter(text: str) -> str:
    """The delimiter that splits the first rows most evenly into two or more cells.

    Without any such delimiter the table has one column, read with «;» so that a decimal
    comma stays inside its cell.

    Examples:
        >>> sniff_delimiter("Сегмент;Оценка\\nМалый;9,0\\nКрупный;10,0")
        ';'
        >>> sniff_delimiter("segment,score\\nSMB,9\\nEnterprise,10")
        ','
        >>> sniff_delimiter("9,0\\n10,0\\n7,0")
        ';'
    """
    sample = text[:SNIFF_CHARS]
    best, best_key = ";", (False, 0.0, 0)
    for rank, delimiter in enumerate(DELIMITERS):
        reader = csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter)
        widths: dict[int, int] = {}
        try:
            for row in islice(reader, SNIFF_ROWS):
                cells = _trimmed(row)
                if cells:
                    width = _width(cells, delimiter)
                    widths[width] = widths.get(width, 0) + 1
        except csv.Error:
            continue
        if not widths:
            continue
        frequency, width = max((count, width) for width, count in widths.items())
        key = (width >= 2, frequency / sum(widths.values()), -rank)
        if key > best_key:
            best, best_key = delimiter, key
    return best if best_key[0] else ";"


def records(text: str, delimiter: str, field: str) -> Iterator[tuple[int, list[str]]]:
    """Non-blank rows of a decoded table with the line each ends on; at most `MAX_ROWS` and a header.

    Examples:
        >>> list(records("a;b\\n\\n1;2", ";", "f"))
        [(1, ['a', 'b']), (3, ['1', '2'])]
    """
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    count = 0
    try:
        for row in reader:
            if "".join(row).strip():
                count += 1
                if count > MAX_ROWS + 1:
                    raise InputError(field, f"Слишком длинная таблица: больше {format_number(MAX_ROWS, 0)} строк.")
                yield reader.line_num, row
    except csv.Error:
        raise InputError(
            field, f"Строка {reader.line_num} не читается: в ней слишком длинная ячейка или незакрытая кавычка."
        ) from None


def detect_header(first: list[str], following: list[list[str]]) -> bool:
    """Whether the first row names the columns.

    It does when it holds no number at all, while some column that it names holds mostly
    numbers further down (the scores). A first row whose score is blank stays an answer.

    Examples:
        >>> detect_header(["Сегмент", "Оценка"], [["Малый", "9"], ["Крупный", "7"]])
        True
        >>> detect_header(["Малый", "9"], [["Крупный", "7"]])
        False
        >>> detect_header(["Малый", ""], [["Крупный", "7"]])
        False
    """
    if not following or any(is_number(cell) for cell in first):
        return False
    for index, name in enumerate(first):
        if not name.strip():
            continue
        cells = [row[index] for row in following if index < len(row) and row[index].strip()]
        if cells and 2 * sum(1 for cell in cells if is_number(cell)) >= len(cells):
            return True
    return False


def shown(text: str) -> str:
    """A cell's text shortened for a message."""
    text = SPACES.sub(" ", text).strip()
    return text if len(text) <= SHOWN_CHARS else text[: SHOWN_CHARS - 1] + "…"


def _names_list(names: list[str]) -> str:
    quoted = [f"«{shown(name)}»" for name in names if name.strip()][:10]
    return ", ".join(quoted) + (", …" if len(names) > 10 else "")


def _name_index(spec: str, first: list[str]) -> int | None:
    wanted = spec.casefold()
    for index, name in enumerate(first):
        if name.strip().casefold() == wanted:
            return index
    return None


def find_column(spec: str, names: list[str] | None, width: int, field: str) -> int:
    """The 0-based index of the column `spec` names: a header (any case) or a 1-based number.

    Examples:
        >>> find_column("оценка", ["Сегмент", "Оценка"], 2, "score_column")
        1
        >>> find_column("2", None, 3, "score_column")
        1
        >>> find_column("NPS", ["Сегмент", "Оценка"], 2, "score_column")
        Traceback (most recent call last):
        ...
        calculators.errors.InputError: score_column: Нет столбца «NPS». Есть: «Сегмент», «Оценка».
    """
    spec = spec.strip()
    if names is not None:
        index = _name_index(spec, names)
        if index is not None:
            return index
    if COLUMN_NUMBER.fullmatch(spec):
        number = int(spec)
        if 1 <= number <= width:
            return number - 1
        raise InputError(field, f"Столбца № {number} нет: в таблице столбцов {width}.")
    if names:
        raise InputError(field, f"Нет столбца «{shown(spec)}». Есть: {_names_list(names)}.")
    raise InputError(
        field, f"Нет столбца «{shown(spec)}»: в таблице нет строки заголовков, укажите номер столбца (1–{width})."
    )


def _looks_like_score(index: int, table: _Table) -> bool:
    names = table.names
    return names is not None and index < len(names) and SCORE_HEADER.search(names[index]) is not None


def _column_label(index: int, names: list[str] | None) -> str:
    if names is not None and index < len(names) and names[index].strip():
        return f"«{shown(names[index])}»"
    return f"№ {index + 1}"


@dataclass(frozen=True)
class _Table:
    """A scanned table: its text and dialect, the header if any, and the 0–10 answers per column."""

    text: str
    encoding: str
    delimiter: str
    names: list[str] | None
    rows: int
    valid: list[int]

    @property
    def width(self) -> int:
        """The number of columns of the widest row."""
        return len(self.valid)


def read_survey(
    source: bytes | str, score_column: str = "", segment_column: str = "", field: str = "survey_text"
) -> SurveyAnswers:
    """Scores and segments of a survey export (bytes of a file, or pasted text).

    `score_column` and `segment_column` name a column by its header (any case) or by its
    1-based number; an empty `score_column` picks the column with the most 0–10 answers.
    A segment column the table lacks is reported in `missing_segment_column`, not raised,
    so that a file without segments still gets its NPS. Errors about the data name `field`.

    Examples:
        >>> answers = read_survey("Сегмент;Оценка\\nМалый;9,0\\nМалый;\\nКрупный;6\\nКрупный;да", "", "Сегмент")
        >>> answers.counts.groups, [(s.name, s.counts.n) for s in answers.segments], answers.blank, answers.invalid
        ((1, 0, 1), [('Малый', 1), ('Крупный', 1)], 1, 1)
    """
    table = _scan(source, (score_column.strip(), segment_column.strip()), field)
    segment_index, missing = None, ""
    if segment_column.strip():
        try:
            segment_index = find_column(segment_column, table.names, table.width, "segment_column")
        except InputError:
            missing = segment_column.strip()
    if score_column.strip():
        score_index = find_column(score_column, table.names, table.width, "score_column")
        if score_index == segment_index:
            raise InputError("segment_column", "Это столбец оценок: для сегментов выберите другой.")
        if table.valid[score_index] == 0:
            label = _column_label(score_index, table.names)
            raise InputError("score_column", f"В столбце {label} нет ни одной оценки от 0 до 10.")
    else:
        candidates = [index for index in range(table.width) if index != segment_index and table.valid[index] > 0]
        if not candidates:
            raise InputError(
                field,
                "Не нашлось ни одной оценки от 0 до 10. Нужна таблица, где в одном из столбцов — оценки "
                "«Насколько вероятно, что вы порекомендуете нас?».",
            )
        # Equal counts happen in short tables with a numeric ID column, which usually comes first.
        score_index = max(candidates, key=lambda index: (table.valid[index], _looks_like_score(index, table), index))
    return _collect(table, score_index, segment_index, missing, field, found=not score_column.strip())


def _scan(source: bytes | str, specs: tuple[str, str], field: str) -> _Table:
    """Decode, sniff the delimiter, find the header and count the 0–10 answers of every column.

    A column name in `specs` that matches a cell of the first row makes that row a header,
    even when it holds a number («2024») and so was not recognised as one.
    """
    if isinstance(source, bytes):
        decoded = decode_bytes(source, field)
    else:
        if len(source) > MAX_BYTES:
            raise InputError(field, f"Слишком много текста: больше {format_number(MAX_BYTES, 0)} знаков.")
        decoded = DecodedText(source, "")
    text = decoded.text.removeprefix("\ufeff")
    delimiter = decoded.delimiter or sniff_delimiter(text)
    head = list(islice(records(text, delimiter, field), SNIFF_ROWS + 1))
    if not head:
        raise InputError(field, "Таблица пустая: нет ни одной строки с ответами.")
    first = head[0][1]
    header = detect_header(first, [row for _, row in head[1:]])
    if not header and len(head) > 1:
        header = any(
            spec and not COLUMN_NUMBER.fullmatch(spec) and _name_index(spec, first) is not None for spec in specs
        )
    valid: list[int] = [0] * len(first) if header else []
    rows = 0
    rows_read = records(text, delimiter, field)
    if header:
        next(rows_read)
    for _, row in rows_read:
        rows += 1
        if len(row) > len(valid):
            valid.extend([0] * (len(row) - len(valid)))
        for index, cell in enumerate(row):
            # The dictionary answers the usual cells without the slower parse.
            if cell in PLAIN_SCORES or (cell and parse_score(cell) is not None):
                valid[index] += 1
    if rows > MAX_ROWS:
        raise InputError(field, f"Слишком длинная таблица: больше {format_number(MAX_ROWS, 0)} строк с ответами.")
    return _Table(text, decoded.encoding, delimiter, first if header else None, rows, valid)


def _collect(
    table: _Table, score_index: int, segment_index: int | None, missing: str, field: str, *, found: bool
) -> SurveyAnswers:
    """Count the answers of the chosen score column, per segment when there is a segment column."""
    histograms: dict[str, list[int]] = {}
    overall = [0] * 11
    blank = invalid = 0
    examples: list[SkippedCell] = []
    rows_read = records(table.text, table.delimiter, field)
    if table.names is not None:
        next(rows_read)
    for line, row in rows_read:
        cell = row[score_index] if score_index < len(row) else ""
        score = PLAIN_SCORES.get(cell)
        if score is None:
            score = parse_score(cell)
        if score is None:
            if cell.strip():
                invalid += 1
                if len(examples) < EXAMPLES_KEPT:
                    examples.append(SkippedCell(line, shown(cell)))
            else:
                blank += 1
            continue
        overall[score] += 1
        if segment_index is not None:
            name = (row[segment_index].strip() if segment_index < len(row) else "") or BLANK_SEGMENT
            histogram = histograms.get(name)
            if histogram is None:
                if len(histograms) >= MAX_SEGMENTS:
                    raise InputError(
                        "segment_column",
                        f"В столбце сегментов больше {MAX_SEGMENTS} разных значений: это не похоже на сегменты.",
                    )
                histogram = histograms[name] = [0] * 11
            histogram[score] += 1
    segments = [Segment(name, ScoreCounts(tuple(histogram))) for name, histogram in histograms.items()]
    segments.sort(key=lambda segment: -segment.counts.n)
    return SurveyAnswers(
        counts=ScoreCounts(tuple(overall)),
        segments=tuple(segments),
        encoding=table.encoding,
        delimiter=table.delimiter,
        header=table.names is not None,
        rows=table.rows,
        score_column=_column_label(score_index, table.names),
        score_column_found=found,
        segment_column="" if segment_index is None else _column_label(segment_index, table.names),
        missing_segment_column=missing,
        columns=tuple(table.names or ()),
        blank=blank,
        invalid=invalid,
        invalid_examples=tuple(examples),
    )


def compare(a: tuple[float, float], b: tuple[float, float]) -> Comparison:
    """The difference of two NPS and its 95% interval, in points.

    `a` and `b` are (adjusted estimate, variance) pairs as `adjusted_wald` returns them; the
    variance of a difference of independent samples is the sum of their variances.

    Examples:
        >>> from calculators.nps import adjusted_wald
        >>> result = compare(adjusted_wald(50, 20, 100), adjusted_wald(30, 30, 100))
        >>> round(result.difference, 1), round(result.low, 1), round(result.high, 1), result.significant
        (29.1, 7.9, 50.3, True)
    """
    difference = a[0] - b[0]
    margin = Z_95 * math.sqrt(a[1] + b[1])
    return Comparison(
        100 * difference, max(-200.0, 100 * (difference - margin)), min(200.0, 100 * (difference + margin))
    )
