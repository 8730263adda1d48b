"""Excel workbooks (`.xlsx`) read with the standard library only: `zipfile` and the expat parser.

A sheet becomes tab-separated text with one line per sheet row, so that the line numbers the
table readers report are the row numbers Excel shows, and the rest of the reading (header
detection, columns, blank and junk cells) is the same as for a CSV file. Cells are read by
their reference (`C7`), so empty cells Excel leaves out keep their place; numbers, dates
(day numbers) and formulas come as the values Excel saved; a merged range takes the value of
its top-left cell in every cell it covers.

An upload is untrusted: the archive is checked before anything is unpacked (number of entries,
declared total size), every member is read under a byte limit whatever its header claims,
and XML with a document type declaration (the door to entity expansion) is refused.

Examples:
    >>> workbook = workbook_text(sample_workbook([["Оценка", "Выручка"], [9, 1250000.5]]))
    >>> workbook.text.splitlines(), workbook.source
    (['Оценка\\tВыручка', '9\\t1250000.5'], 'книга Excel, лист «Лист1»')
"""

from __future__ import annotations

import csv
import io
import math
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from xml.parsers import expat

from calculators.errors import InputError
from calculators.formatting import format_number
from calculators.markup import escape
from calculators.survey import OLE_SIGNATURE

DELIMITER = "\t"
# A workbook saved with a password is an OLE container holding this stream.
ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
MAX_TEXT_CHARS = 20 * 1024 * 1024
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_ENTRIES = 10_000
MAX_ROW = 1_048_576
MAX_COLUMN = 16_384
READ_CHUNK = 1024 * 1024
CELL_REFERENCE = re.compile(r"([A-Z]{1,3})([0-9]{1,7})")
RANGE_REFERENCE = re.compile(r"([A-Z]{1,3}[0-9]{1,7}):([A-Z]{1,3}[0-9]{1,7})")
LINE_BREAKS = re.compile(r"[\r\n]+")
RELATIONSHIP_PREFIX = "/"


@dataclass(frozen=True)
class WorkbookText:
    """One sheet as tab-separated text, and where it came from (for the reading steps)."""

    text: str
    source: str


def column_index(letters: str) -> int:
    """The 0-based index of a column named by letters.

    Examples:
        >>> column_index("A"), column_index("Z"), column_index("AA"), column_index("XFD")
        (0, 25, 26, 16383)
    """
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - ord("A") + 1
    return index - 1


def cell_position(reference: str) -> tuple[int, int] | None:
    """The 1-based row and 0-based column of a reference like `C7`, or None if it is not one.

    Examples:
        >>> cell_position("C7"), cell_position("$C$7"), cell_position("XFE1")
        ((7, 2), None, None)
    """
    match = CELL_REFERENCE.fullmatch(reference)
    if match is None:
        return None
    row, column = int(match.group(2)), column_index(match.group(1))
    if not (1 <= row <= MAX_ROW and column < MAX_COLUMN):
        return None
    return row, column


def number_text(value: str) -> str:
    """A stored number as a spreadsheet shows it: whole numbers without a point, 15 significant digits.

    Examples:
        >>> number_text("9"), number_text("9.0"), number_text("0.30000000000000004"), number_text("1.5E-3")
        ('9', '9', '0.3', '0.0015')
        >>> number_text("junk")
        'junk'
    """
    try:
        number = float(value)
    except ValueError:
        return value
    if not math.isfinite(number):
        return value
    if number.is_integer() and abs(number) < 1e15:
        return str(int(number))
    return format(number, ".15g")


class _Broken(Exception):
    """The workbook's structure is not what an `.xlsx` holds."""


def _local(name: str) -> str:
    """An element or attribute name without its namespace (expat joins them with a space)."""
    return name.rpartition(" ")[2]


def _attributes(attributes: dict[str, str]) -> dict[str, str]:
    return {_local(name): value for name, value in attributes.items()}


class _TooBig(Exception):
    """The archive unpacks to more than the limits allow."""


class _Locked(Exception):
    """The workbook is encrypted."""


# What a damaged archive or XML raises while being read (zipfile lets several kinds through).
BROKEN_ARCHIVE = (
    _Broken,
    zipfile.BadZipFile,
    zlib.error,
    expat.ExpatError,
    EOFError,
    OSError,
    ValueError,
    KeyError,
    IndexError,
    NotImplementedError,
    RuntimeError,
    OverflowError,
)


class _Archive:
    """The members of an uploaded zip, read under the limits on count and unpacked size."""

    def __init__(self, data: bytes) -> None:
        self.zip = zipfile.ZipFile(io.BytesIO(data))
        members = self.zip.infolist()
        if len(members) > MAX_ENTRIES:
            raise _TooBig(f"в архиве больше {format_number(MAX_ENTRIES, 0)} файлов")
        if sum(member.file_size for member in members) > MAX_UNPACKED_BYTES:
            raise _TooBig(f"распакованный он больше {MAX_UNPACKED_BYTES // (1024 * 1024)} МБ")
        if any(member.flag_bits & 0x1 for member in members):
            raise _Locked
        self.names = {member.filename for member in members}
        self.budget = MAX_UNPACKED_BYTES

    def chunks(self, name: str) -> Iterator[bytes]:
        """A member's bytes in pieces; the whole archive may unpack to at most the budget."""
        if name not in self.names:
            raise _Broken(name)
        with self.zip.open(name) as handle:
            while chunk := handle.read(READ_CHUNK):
                self.budget -= len(chunk)
                if self.budget < 0:
                    # The sizes in the archive's directory lied: a zip bomb.
                    raise _TooBig(f"распакованный он больше {MAX_UNPACKED_BYTES // (1024 * 1024)} МБ")
                yield chunk


class _XmlReader:
    """Streams an XML member through expat, collecting the text of the elements `capture` names.

    Document type declarations are refused outright: a workbook never needs one, and they are
    how entity-expansion attacks ("billion laughs") get in.
    """

    def __init__(self, capture: frozenset[str]) -> None:
        self.capture = capture
        self.captured: list[str] = []
        self.capturing = 0

    def read(self, archive: _Archive, name: str) -> None:
        parser = expat.ParserCreate(namespace_separator=" ")
        parser.buffer_text = True
        parser.StartElementHandler = self._start
        parser.EndElementHandler = self._end
        parser.CharacterDataHandler = self._characters
        parser.StartDoctypeDeclHandler = _refuse_doctype
        parser.EntityDeclHandler = _refuse_doctype
        for chunk in archive.chunks(name):
            parser.Parse(chunk, False)
        parser.Parse(b"", True)

    def _start(self, name: str, attributes: dict[str, str]) -> None:
        tag = _local(name)
        if tag in self.capture:
            self.capturing += 1
        self.start(tag, _attributes(attributes))

    def _end(self, name: str) -> None:
        tag = _local(name)
        self.end(tag)
        if tag in self.capture:
            self.capturing -= 1

    def _characters(self, data: str) -> None:
        if self.capturing:
            self.captured.append(data)

    def take_text(self) -> str:
        text = "".join(self.captured)
        self.captured.clear()
        return text

    def start(self, tag: str, attributes: dict[str, str]) -> None:
        """An element opens."""

    def end(self, tag: str) -> None:
        """An element closes."""


def _refuse_doctype(*_: object) -> None:
    raise _Broken("document type declaration")


class _Elements(_XmlReader):
    """The attributes of every element called `tag` (sheets of the workbook, relationships)."""

    def __init__(self, tag: str) -> None:
        super().__init__(frozenset())
        self.tag = tag
        self.found: list[dict[str, str]] = []

    def start(self, tag: str, attributes: dict[str, str]) -> None:
        if tag == self.tag:
            self.found.append(attributes)


class _SharedStrings(_XmlReader):
    """The workbook's shared strings, rich text runs joined, phonetic hints left out."""

    def __init__(self) -> None:
        super().__init__(frozenset({"t"}))
        self.strings: list[str] = []
        self.phonetic = 0

    def start(self, tag: str, attributes: dict[str, str]) -> None:
        if tag == "rPh":
            self.phonetic += 1
        elif tag == "t" and self.phonetic:
            self.capturing -= 1

    def end(self, tag: str) -> None:
        if tag == "rPh":
            self.phonetic -= 1
        elif tag == "t" and self.phonetic:
            self.capturing += 1
        elif tag == "si":
            self.strings.append(self.take_text())


class _Sheet(_XmlReader):
    """A worksheet as lines of tab-separated cells, one per row, plus its merged ranges."""

    def __init__(self, shared: list[str]) -> None:
        super().__init__(frozenset({"v", "t"}))
        self.shared = shared
        self.lines: list[str] = []
        self.cells: dict[int, str] = {}
        self.row = 0
        self.column = -1
        self.kind = ""
        self.merges: list[tuple[int, int, int, int]] = []
        self.chars = 0

    def start(self, tag: str, attributes: dict[str, str]) -> None:
        if tag == "row":
            row = int(attributes["r"]) if attributes.get("r", "").isdecimal() else self.row + 1
            if not self.row < row <= MAX_ROW:
                raise _Broken("row order")
            self.row, self.column, self.cells = row, -1, {}
        elif tag == "c":
            position = cell_position(attributes.get("r", ""))
            self.column = position[1] if position else self.column + 1
            self.kind = attributes.get("t", "n")
            self.take_text()
        elif tag == "mergeCell":
            match = RANGE_REFERENCE.fullmatch(attributes.get("ref", ""))
            corners = match and (cell_position(match.group(1)), cell_position(match.group(2)))
            if corners and corners[0] and corners[1]:
                (top, left), (bottom, right) = corners[0], corners[1]
                self.merges.append((top, left, bottom, right))

    def end(self, tag: str) -> None:
        if tag == "c":
            value = self._value(self.take_text())
            if value and self.column < MAX_COLUMN:
                self.cells[self.column] = value
        elif tag == "row":
            self._emit()

    def _value(self, raw: str) -> str:
        if self.kind == "s":
            index = int(raw) if raw.strip().isdecimal() else -1
            if not 0 <= index < len(self.shared):
                raise _Broken("shared string index")
            value = self.shared[index]
        elif self.kind in ("n", ""):
            value = number_text(raw.strip())
        else:
            # Inline strings, formula strings, booleans, errors and ISO dates, as Excel saved them.
            value = raw
        return LINE_BREAKS.sub(" ", value)

    def _emit(self) -> None:
        self.lines.extend([""] * (self.row - 1 - len(self.lines)))
        line = _joined(self.cells)
        self.chars += len(line) + 1
        if self.chars > MAX_TEXT_CHARS:
            raise _TooBig(f"на листе больше {MAX_TEXT_CHARS // (1024 * 1024)} МБ текста")
        self.lines.append(line)

    def text(self) -> str:
        """The sheet's text with merged ranges filled from their top-left cells."""
        for top, left, bottom, right in self.merges:
            if top > len(self.lines):
                continue
            value = _split(self.lines[top - 1]).get(left, "")
            if not value:
                continue
            for row in range(top, min(bottom, len(self.lines)) + 1):
                cells = _split(self.lines[row - 1])
                for column in range(left, min(right, MAX_COLUMN - 1) + 1):
                    cells.setdefault(column, value)
                self.lines[row - 1] = _joined(cells)
        return "\n".join(self.lines)


def _joined(cells: dict[int, str]) -> str:
    """One line of tab-separated cells; cells with tabs or quotes are quoted as CSV does."""
    if not cells:
        return ""
    row = [""] * (max(cells) + 1)
    for column, value in cells.items():
        row[column] = value
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=DELIMITER, lineterminator="").writerow(row)
    return buffer.getvalue()


def _split(line: str) -> dict[int, str]:
    cells = next(csv.reader([line], delimiter=DELIMITER), [])
    return {column: value for column, value in enumerate(cells) if value}


def _sheet_path(archive: _Archive, sheet: str) -> tuple[str, str]:
    """The chosen sheet's name and its member in the archive: by name (any case), by number, or the first."""
    sheets = _Elements("sheet")
    sheets.read(archive, "xl/workbook.xml")
    if not sheets.found:
        raise _Broken("no sheets")
    relationships = _Elements("Relationship")
    relationships.read(archive, "xl/_rels/workbook.xml.rels")
    targets = {item.get("Id", ""): item.get("Target", "") for item in relationships.found}
    names = [item.get("name", "") for item in sheets.found]
    wanted = sheet.strip()
    if not wanted:
        chosen = 0
    elif wanted.casefold() in [name.casefold() for name in names]:
        chosen = [name.casefold() for name in names].index(wanted.casefold())
    elif wanted.isdecimal() and 1 <= int(wanted) <= len(names):
        chosen = int(wanted) - 1
    else:
        listed = ", ".join(f"«{name}»" for name in names[:10])
        raise InputError("sheet", f"В книге нет листа «{wanted[:40]}». Есть: {listed}.")
    target = targets.get(sheets.found[chosen].get("id", ""), "")
    if not target:
        raise _Broken("sheet target")
    path = target.removeprefix(RELATIONSHIP_PREFIX) if target.startswith(RELATIONSHIP_PREFIX) else f"xl/{target}"
    return names[chosen], path


def _ole_message(data: bytes) -> str:
    if ENCRYPTED_STREAM in data:
        return (
            "Книга Excel защищена паролем, и прочитать её нельзя. Снимите пароль (Файл → Сведения → "
            "Защитить книгу) или сохраните лист как CSV."
        )
    return "Это файл старого формата Excel (.xls). Сохраните его как «Книга Excel (.xlsx)» или как CSV."


def workbook_text(data: bytes, field: str = "survey_file", sheet: str = "") -> WorkbookText:
    """The first sheet (or the sheet named or numbered by `sheet`) of an `.xlsx` as tab-separated text.

    Any problem with the file becomes an `InputError` on `field` (or on `sheet` for a sheet
    the book lacks) with a Russian message saying what to do.

    Examples:
        >>> workbook_text(b"PK\\x03\\x04 not really a zip")
        Traceback (most recent call last):
        ...
        calculators.errors.InputError: survey_file: Файл не читается как книга Excel (.xlsx): он повреждён \
или это другой формат. Откройте его в Excel и сохраните заново как .xlsx или CSV.
    """
    if data.startswith(OLE_SIGNATURE):
        raise InputError(field, _ole_message(data))
    try:
        archive = _Archive(data)
        if "xl/workbook.xml" not in archive.names:
            raise _Broken("not a workbook")
        shared = _SharedStrings()
        if "xl/sharedStrings.xml" in archive.names:
            shared.read(archive, "xl/sharedStrings.xml")
        name, path = _sheet_path(archive, sheet)
        reader = _Sheet(shared.strings)
        reader.read(archive, path)
        text = reader.text()
    except InputError:
        raise
    except _TooBig as error:
        raise InputError(field, f"Книга Excel слишком большая: {error}. Оставьте на листе нужные столбцы.") from None
    except _Locked:
        raise InputError(field, "Книга Excel зашифрована, и прочитать её нельзя. Сохраните лист как CSV.") from None
    except BROKEN_ARCHIVE:
        raise InputError(
            field,
            "Файл не читается как книга Excel (.xlsx): он повреждён или это другой формат. "
            "Откройте его в Excel и сохраните заново как .xlsx или CSV.",
        ) from None
    return WorkbookText(text, f"книга Excel, лист «{name}»")


def sample_workbook(rows: list[list[object]], sheet: str = "Лист1") -> bytes:
    """A minimal `.xlsx` with inline strings and numbers, for examples and tests of this reader.

    Examples:
        >>> sample_workbook([["a"]])[:4]
        b'PK\\x03\\x04'
    """
    cells = []
    for number, row in enumerate(rows, start=1):
        parts = []
        for column, value in enumerate(row):
            reference = f"{chr(ord('A') + column)}{number}"
            if isinstance(value, int | float):
                parts.append(f'<c r="{reference}"><v>{value}</v></c>')
            else:
                parts.append(f'<c r="{reference}" t="inlineStr"><is><t>{escape(str(value))}</t></is></c>')
        cells.append(f'<row r="{number}">{"".join(parts)}</row>')
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    relations = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    members = {
        "xl/workbook.xml": f'<workbook xmlns="{main}" xmlns:r="{relations}"><sheets>'
        f'<sheet name="{escape(sheet)}" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
        'relationships"><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>',
        "xl/worksheets/sheet1.xml": f'<worksheet xmlns="{main}"><sheetData>{"".join(cells)}</sheetData></worksheet>',
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in members.items():
            archive.writestr(name, text)
    return buffer.getvalue()
