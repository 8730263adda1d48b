"""Declarations of calculator inputs and the parsing of what people type into them.

One `Field` describes an input once; the form, the URL parameters and the validation
are all derived from it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from calculators.errors import InputError
from calculators.formatting import format_number

FieldKind = Literal["integer", "number", "text", "choice", "file"]
MAX_FILE_BYTES = 20 * 1024 * 1024

MAX_NUMBER_LENGTH = 40
# Spaces people and spreadsheets put between digit groups: plain, no-break, narrow no-break, thin.
GROUP_SEPARATORS = re.compile(r"[ \u00a0\u202f\u2009']")
PLAIN_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
# Two or three dots, or the ellipsis a phone keyboard substitutes for them, join a range's ends.
RANGE_MARK = re.compile(r"\s*(?:\.{2,3}|\u2026)\s*")
RANGE_EXAMPLE = "15..25"
# The largest amount of money a calculator accepts, in roubles.
MAX_MONEY = 1e12


def range_hint(example: str = RANGE_EXAMPLE) -> str:
    """The sentence a field's help adds when the field takes a range.

    Examples:
        >>> range_hint("400000..600000")[:40]
        'Можно ввести диапазон, например 400000..'
    """
    return f"Можно ввести диапазон, например {example}: результат покажет середину и границы."


@dataclass(frozen=True)
class NumberRange:
    """A guess typed as `low..high`; results use its midpoint, and its ends bound them.

    Examples:
        >>> NumberRange(15, 25).midpoint
        20.0
    """

    low: float
    high: float

    @property
    def midpoint(self) -> float:
        """The middle of the range, used for the point result."""
        return (self.low + self.high) / 2


@dataclass(frozen=True)
class Field:
    """One input of a calculator.

    `name` is the Python parameter, the form control's `name` and the URL parameter.
    `group` ties the field to one value of the calculator's mode field ("" means always used).
    `section` is a heading under which the form folds consecutive fields that share it
    ("" means shown directly), e.g. an optional target profile.
    `shared=False` keeps the value out of shareable links and the browser's storage (pasted
    customer data).
    `accepts_range=True` lets a number field take a range such as `15..25` or `15…25`: `parse`
    then returns a `NumberRange` (see `calculators.ranges` for how calculators use it).

    Examples:
        >>> Field("promoters", "Промоутеры", "integer", "50", minimum=0).parse("1 200")
        1200
    """

    name: str
    label: str
    kind: FieldKind
    default: str
    unit: str = ""
    help: str = ""
    minimum: float | None = None
    maximum: float | None = None
    required: bool = True
    group: str = ""
    choices: tuple[tuple[str, str], ...] = ()
    max_length: int = MAX_NUMBER_LENGTH
    multiline: bool = False
    section: str = ""
    shared: bool = True
    accepts_range: bool = False

    def parse(self, raw: str | bytes | None) -> int | float | str | bytes | NumberRange | None:
        """Turn the typed text into a checked value, or raise `InputError` for this field.

        Returns `None` for an empty optional field. A `file` field takes the file's bytes.

        Examples:
            >>> Field("margin", "Маржа", "number", "80", maximum=100).parse("75,5")
            75.5
            >>> Field("cac", "CAC", "number", "", required=False).parse("  ") is None
            True
            >>> Field("churn", "Отток", "number", "10", accepts_range=True).parse("15…25")
            NumberRange(low=15.0, high=25.0)
        """
        if self.kind == "file":
            return self._parse_file(raw)
        text = (raw if isinstance(raw, str) else "").strip()
        if not text:
            if self.required:
                raise InputError(self.name, "Заполните поле.")
            return None
        if len(text) > self.max_length:
            raise InputError(self.name, f"Слишком длинное значение: не больше {self.max_length} знаков.")
        if self.kind == "text":
            return text
        if self.kind == "choice":
            allowed = [value for value, _ in self.choices]
            if text not in allowed:
                raise InputError(self.name, "Выберите один из предложенных вариантов.")
            return text
        if self.accepts_range and RANGE_MARK.search(text):
            return self._parse_range(text)
        return self._parse_one(text)

    def _parse_one(self, text: str) -> int | float:
        number = parse_number(text, self.name)
        if self.kind == "integer":
            if number != int(number):
                raise InputError(self.name, "Нужно целое число.")
            number = int(number)
        self._check_bounds(number)
        return number

    def _parse_range(self, text: str) -> int | float | NumberRange:
        """Both ends of `low..high`, each checked like a single value; equal ends make a number."""
        parts = RANGE_MARK.split(text)
        if len(parts) != 2 or not all(parts):
            raise InputError(self.name, f"Диапазон\u00a0— это два числа через две точки, например {RANGE_EXAMPLE}.")
        for part in parts:
            parse_number(part, self.name, f"В диапазоне нужны два числа через две точки, например {RANGE_EXAMPLE}.")
        ends = []
        for part, which in zip(parts, ("начало", "конец"), strict=True):
            try:
                ends.append(self._parse_one(part))
            except InputError as error:
                message = error.message[:1].lower() + error.message[1:]
                raise InputError(self.name, f"Проверьте {which} диапазона: {message}") from None
        low, high = ends
        if low > high:
            raise InputError(
                self.name,
                f"Начало диапазона больше конца: напишите {format_number(high, 6)}..{format_number(low, 6)}.",
            )
        return low if low == high else NumberRange(low, high)

    def _parse_file(self, raw: str | bytes | None) -> bytes | None:
        data = bytes(raw) if isinstance(raw, bytes | bytearray | memoryview) else b""
        if not data:
            if self.required:
                raise InputError(self.name, "Выберите файл.")
            return None
        if len(data) > MAX_FILE_BYTES:
            raise InputError(self.name, f"Файл слишком большой: не больше {MAX_FILE_BYTES // (1024 * 1024)} МБ.")
        return data

    def _check_bounds(self, number: float) -> None:
        if self.minimum is not None and number < self.minimum:
            raise InputError(self.name, f"Значение не может быть меньше {format_number(self.minimum, 2)}.")
        if self.maximum is not None and number > self.maximum:
            raise InputError(self.name, f"Значение не может быть больше {format_number(self.maximum, 2)}.")


def parse_number(text: str, field: str, junk: str = "Введите число, например 12 500 или 0,5.") -> float:
    """Read a number written the Russian or the English way; reject NaN, infinities and junk.

    Digit groups may be separated by spaces (plain or no-break); a single comma is a
    decimal comma. `junk` is the message for text that is not a number.

    Examples:
        >>> parse_number("12 500,5", "arpa")
        12500.5
        >>> parse_number("1e3", "arpa")
        1000.0
        >>> parse_number("NaN", "arpa")
        Traceback (most recent call last):
        ...
        calculators.errors.InputError: arpa: Введите число, например 12 500 или 0,5.
    """
    compact = GROUP_SEPARATORS.sub("", text.strip()).replace("\u2212", "-")
    if compact.count(",") == 1 and "." not in compact:
        compact = compact.replace(",", ".")
    if len(compact) > MAX_NUMBER_LENGTH or not PLAIN_NUMBER.fullmatch(compact):
        raise InputError(field, junk)
    number = float(compact)
    if not math.isfinite(number):
        raise InputError(field, "Число слишком большое.")
    return number


def parse_fields(
    fields: tuple[Field, ...], raw: Mapping[str, str]
) -> tuple[dict[str, int | float | str | NumberRange | None], list[InputError]]:
    """Parse every field of `fields` from `raw`, collecting one error per bad field.

    A field missing from `raw` takes its default, so a link may carry only some parameters.

    Examples:
        >>> fields = (Field("a", "A", "integer", "1"), Field("b", "B", "integer", "2"))
        >>> values, errors = parse_fields(fields, {"a": "3", "b": "x"})
        >>> values, [error.field for error in errors]
        ({'a': 3}, ['b'])
    """
    values: dict[str, int | float | str | NumberRange | None] = {}
    errors: list[InputError] = []
    for field in fields:
        try:
            values[field.name] = field.parse(raw.get(field.name, field.default))
        except InputError as error:
            errors.append(error)
    return values, errors


def money_field(
    name: str, label: str, default: str, help_text: str, *, group: str = "", required: bool = True, example: str = ""
) -> Field:
    """An amount in roubles from 0 to `MAX_MONEY` that may also be typed as a range.

    Examples:
        >>> money_field("cac", "CAC", "", "Необязательно.", required=False).parse("400000..600000")
        NumberRange(low=400000.0, high=600000.0)
    """
    return Field(
        name,
        label,
        "number",
        default,
        unit="₽",
        help=f"{help_text} {range_hint(example or '400000..600000')}",
        minimum=0,
        maximum=MAX_MONEY,
        group=group,
        required=required,
        accepts_range=True,
    )


def table_source(
    values: Mapping[str, object], file_field: str, text_field: str, missing: str
) -> tuple[bytes | str, str]:
    """The table a form was given and the field it came from: an uploaded file wins over pasted text.

    `missing` is the message shown next to the text field when there is neither.

    Examples:
        >>> table_source({"file": b"", "text": "a;b"}, "file", "text", "Вставьте таблицу.")
        ('a;b', 'text')
        >>> table_source({"file": b"x", "text": "a;b"}, "file", "text", "Вставьте таблицу.")
        (b'x', 'file')
    """
    upload = values.get(file_field)
    if isinstance(upload, bytes) and upload:
        return upload, file_field
    text = values.get(text_field)
    if isinstance(text, str) and text:
        return text, text_field
    raise InputError(text_field, missing)
