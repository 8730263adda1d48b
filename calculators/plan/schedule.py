"""The plan's calendar: start month, horizon, checkpoint lines, their dates and the reviews.

Dates are computed by hand (no `datetime`, which the browser would have to compile from source).
A checkpoint falls on the 15th of its month, or the Monday after when the 15th is a weekend;
a review on the last working day of its month. Both are the handbook's conventions, stated on
the page: mid-month leaves time to act before the month's review.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from calculators.errors import InputError

MIN_HORIZON = 6
MAX_HORIZON = 12
CHECKPOINT_DAY = 15
MAX_CHECKPOINTS = 60
MONTHS = (
    "январь",
    "февраль",
    "март",
    "апрель",
    "май",
    "июнь",
    "июль",
    "август",
    "сентябрь",
    "октябрь",
    "ноябрь",
    "декабрь",
)
MONTHS_GENITIVE = ("янв", "фев", "мар", "апр", "мая", "июн", "июл", "авг", "сен", "окт", "ноя", "дек")
SHORT_MONTHS = ("янв", "фев", "мар", "апр", "май", "июн", "июл", "авг", "сен", "окт", "ноя", "дек")
ROLES = {
    "маркетинг": "маркетинг",
    "marketing": "маркетинг",
    "продажи": "продажи",
    "sales": "продажи",
    "cs": "CS",
    "успех клиентов": "CS",
    "customer success": "CS",
    "продукт": "продукт",
    "product": "продукт",
}
START = re.compile(r"\s*(?:(\d{4})[-./](\d{1,2})|(\d{1,2})[-./](\d{4}))\s*")
PLAN_MONTH = re.compile(r"\d{1,2}")


@dataclass(frozen=True, order=True)
class Day:
    """A calendar date.

    Examples:
        >>> Day(2027, 1, 5).ics, Day(2027, 1, 5).text
        ('20270105', '05.01.2027')
    """

    year: int
    month: int
    day: int

    @property
    def ics(self) -> str:
        """The date as RFC 5545 writes it."""
        return f"{self.year:04d}{self.month:02d}{self.day:02d}"

    @property
    def text(self) -> str:
        """The date as Russian text writes it."""
        return f"{self.day:02d}.{self.month:02d}.{self.year:04d}"


@dataclass(frozen=True)
class Month:
    """A calendar month; `index` counts months since year 0 so months add like numbers."""

    index: int

    @classmethod
    def of(cls, year: int, month: int) -> Month:
        """The month `month` (1–12) of `year`."""
        return cls(year * 12 + month - 1)

    @property
    def year(self) -> int:
        """The year."""
        return self.index // 12

    @property
    def month(self) -> int:
        """The month number, 1–12."""
        return self.index % 12 + 1

    @property
    def name(self) -> str:
        """«январь 2027».

        Examples:
            >>> Month.of(2026, 12).plus(1).name
            'январь 2027'
        """
        return f"{MONTHS[self.month - 1]} {self.year}"

    @property
    def short(self) -> str:
        """«янв 27», for chart labels."""
        return f"{SHORT_MONTHS[self.month - 1]} {self.year % 100:02d}"

    def plus(self, months: int) -> Month:
        """The month `months` later."""
        return Month(self.index + months)


@dataclass(frozen=True)
class CheckpointLine:
    """One line of a template as the reader edited it; `month` is «3» (plan month) or a month name."""

    number: int
    month: str
    activity: str
    role: str
    metric: str
    target: str


@dataclass(frozen=True)
class Checkpoint:
    """A checkpoint placed in the plan: which plan month (1-based), its date and what happens."""

    plan_month: int
    date: Day
    line: CheckpointLine


def weekday(day: Day) -> int:
    """Day of the week, 0 for Monday (Sakamoto's method).

    Examples:
        >>> weekday(Day(2027, 1, 1)), weekday(Day(2026, 12, 4))
        (4, 4)
    """
    offsets = (0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4)
    year = day.year - (day.month < 3)
    sunday_based = (year + year // 4 - year // 100 + year // 400 + offsets[day.month - 1] + day.day) % 7
    return (sunday_based + 6) % 7


def days_in(month: Month) -> int:
    """Days in a month.

    Examples:
        >>> days_in(Month.of(2028, 2)), days_in(Month.of(2100, 2)), days_in(Month.of(2027, 4))
        (29, 28, 30)
    """
    if month.month == 2:
        leap = month.year % 4 == 0 and (month.year % 100 != 0 or month.year % 400 == 0)
        return 29 if leap else 28
    return 30 if month.month in (4, 6, 9, 11) else 31


def checkpoint_day(month: Month) -> Day:
    """The 15th, moved to the next Monday when it is a weekend.

    Examples:
        >>> checkpoint_day(Month.of(2027, 5))  # 15 May 2027 is a Saturday
        Day(year=2027, month=5, day=17)
    """
    day = Day(month.year, month.month, CHECKPOINT_DAY)
    shift = (7 - weekday(day)) % 7 if weekday(day) >= 5 else 0
    return Day(month.year, month.month, CHECKPOINT_DAY + shift)


def review_day(month: Month) -> Day:
    """The last working day (Monday to Friday) of a month.

    Examples:
        >>> review_day(Month.of(2027, 1))  # 31 January 2027 is a Sunday
        Day(year=2027, month=1, day=29)
    """
    last = days_in(month)
    while weekday(Day(month.year, month.month, last)) >= 5:
        last -= 1
    return Day(month.year, month.month, last)


def parse_start(text: str, field: str) -> Month:
    """The plan's first month from «2027-01», «01.2027» or «январь 2027».

    Examples:
        >>> parse_start("01.2027", "start").name, parse_start("Март 2027", "start").name
        ('январь 2027', 'март 2027')
        >>> parse_start("завтра", "start")
        Traceback (most recent call last):
        ...
        calculators.errors.InputError: start: Укажите месяц и год, например 2027-01 или «январь 2027».
    """
    match = START.fullmatch(text)
    if match:
        year, month = (match[1], match[2]) if match[1] else (match[4], match[3])
        number, year_number = int(month), int(year)
    else:
        words = text.strip().lower().split()
        number = _month_number(words[0]) if len(words) == 2 and words[1].isdigit() else None
        year_number = int(words[1]) if number else 0
    if not number or not 1 <= number <= 12 or not 2000 <= year_number <= 2100:
        raise InputError(field, "Укажите месяц и год, например 2027-01 или «январь 2027».")
    return Month.of(year_number, number)


def _month_number(word: str) -> int | None:
    """1–12 for a Russian month name, full or cut to three letters («фев», «мая»)."""
    for number, (name, genitive) in enumerate(zip(MONTHS, MONTHS_GENITIVE, strict=True), start=1):
        if word == name or word[:3] in (name[:3], genitive):
            return number
    return None


def parse_lines(text: str, field: str) -> tuple[CheckpointLine, ...]:
    """Checkpoint lines «месяц; активность; роль; метрика; цель», one per line.

    Examples:
        >>> parse_lines("2; Обучение; CS; TTV; меньше 30 дней", "t")[0].role
        'CS'
        >>> parse_lines("2; Обучение; бухгалтерия; TTV; 1", "t")
        Traceback (most recent call last):
        ...
        calculators.errors.InputError: t: Строка 1: роль «бухгалтерия» — укажите маркетинг, продажи, CS или продукт.
    """
    lines = []
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        cells = [" ".join(cell.split()) for cell in raw.split(";")]
        if len(cells) != 5 or not all(cells):
            raise InputError(
                field, f"Строка {number}: нужно пять частей через «;» — месяц; активность; роль; метрика; цель."
            )
        month, activity, role, metric, target = cells
        if not PLAN_MONTH.fullmatch(month) and _month_number(month.lower()) is None:
            raise InputError(field, f"Строка {number}: месяц «{month[:24]}» — номер месяца плана (1–12) или название.")
        if role.lower() not in ROLES:
            raise InputError(
                field, f"Строка {number}: роль «{role[:24]}» — укажите маркетинг, продажи, CS или продукт."
            )
        lines.append(CheckpointLine(number, month, activity, ROLES[role.lower()], metric, target))
    if not lines:
        raise InputError(field, "Добавьте хотя бы одну контрольную точку.")
    if len(lines) > MAX_CHECKPOINTS:
        raise InputError(field, f"Контрольных точек больше {MAX_CHECKPOINTS}: оставьте главные.")
    return tuple(lines)


def place(line: CheckpointLine, start: Month, horizon: int) -> int | None:
    """The plan month (1 to `horizon`) of a checkpoint line, or None when it falls outside.

    A number is a month of the plan; a month name is that calendar month's first occurrence from
    the start (a horizon of at most 12 months holds each name at most once).

    Examples:
        >>> def line(month): return CheckpointLine(1, month, "", "", "", "")
        >>> place(line("февраль"), Month.of(2026, 11), 6), place(line("7"), Month.of(2026, 11), 6)
        (4, None)
    """
    if PLAN_MONTH.fullmatch(line.month):
        number = int(line.month)
    else:
        calendar_month = _month_number(line.month.lower()) or 0
        number = (calendar_month - start.month) % 12 + 1
    return number if 1 <= number <= horizon else None


def schedule(
    lines: tuple[CheckpointLine, ...], start: Month, horizon: int
) -> tuple[list[Checkpoint], list[CheckpointLine]]:
    """Checkpoints inside the horizon in date order, and the lines left outside it.

    Examples:
        >>> lines = parse_lines("фев; Релиз; маркетинг; Переходы; 40 %\\n12; Итог; CS; NRR; 104 %", "t")
        >>> placed, outside = schedule(lines, Month.of(2026, 11), 6)
        >>> [(item.plan_month, item.date.text) for item in placed], [item.number for item in outside]
        ([(4, '15.02.2027')], [2])
    """
    placed, outside = [], []
    for line in lines:
        number = place(line, start, horizon)
        if number is None:
            outside.append(line)
        else:
            placed.append(Checkpoint(number, checkpoint_day(start.plus(number - 1)), line))
    placed.sort(key=lambda item: (item.plan_month, item.line.number))
    return placed, outside


def review_months(horizon: int, quarterly: bool) -> list[int]:
    """Plan months that end with a review: every month, or every third and the last.

    Examples:
        >>> review_months(8, quarterly=True), review_months(6, quarterly=False)
        ([3, 6, 8], [1, 2, 3, 4, 5, 6])
    """
    step = 3 if quarterly else 1
    months = list(range(step, horizon + 1, step))
    return months if months[-1] == horizon else [*months, horizon]
