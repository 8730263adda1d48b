"""The reader's account table: uploaded or pasted, read as robustly as a survey export.

Bytes and text go through `calculators.survey` (encoding, delimiter, CSV quoting); this module
only finds the columns and turns each row into an `Account`. Columns are found by the
header row (Russian or English names, any order), which must name at least the account column:
without it a pasted list of words could be read as anything. Revenue and potential may be missing
or blank: such an account cannot show the signs that need them, and the report says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import islice

from calculators.errors import InputError
from calculators.fields import parse_number
from calculators.survey import decode_bytes, records, sniff_delimiter

MAX_ACCOUNTS = 2000
MAX_NAME = 120
BLANK_SEGMENT = "(без сегмента)"
BLANK_OWNER = "(без владельца)"
COLUMNS = ("name", "segment", "revenue", "potential", "abm", "owner")
NO_HEADER = (
    "Первая строка должна быть заголовком со столбцом «Клиент» (и, если есть, «Сегмент», «Выручка», "
    "«Потенциал», «ABM», «Владелец»): по заголовкам находятся столбцы."
)
# Tried in this order, so «Потенциальная выручка» is the potential, not the revenue.
HEADERS = (
    ("potential", re.compile(r"потенц|potential", re.IGNORECASE)),
    ("abm", re.compile(r"\babm\b|ключев", re.IGNORECASE)),
    ("revenue", re.compile(r"выруч|доход|оборот|revenue|\barr\b", re.IGNORECASE)),
    ("owner", re.compile(r"владел|менеджер|ответствен|owner|manager|\bkam\b", re.IGNORECASE)),
    ("segment", re.compile(r"сегмент|отрасл|групп|segment|industry", re.IGNORECASE)),
    ("name", re.compile(r"клиент|компан|аккаунт|назван|организац|name|account|client|customer", re.IGNORECASE)),
)
YES = frozenset({"да", "д", "yes", "y", "1", "true", "истина", "+", "x", "х", "abm", "✓", "v"})
CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@dataclass(frozen=True)
class Account:
    """One row of the table; `revenue` and `potential` are roubles a year, `None` when unknown."""

    line: int
    name: str
    segment: str
    revenue: float | None
    potential: float | None
    abm: bool
    owner: str

    @property
    def growth_room(self) -> float:
        """Potential above current revenue, 0 when either is unknown.

        Examples:
            >>> Account(1, "А", "Б", 2e6, 5e6, False, "").growth_room
            3000000.0
        """
        if self.revenue is None or self.potential is None:
            return 0.0
        return max(0.0, self.potential - self.revenue)


@dataclass(frozen=True)
class AccountTable:
    """The accounts read, the columns found and the cells that could not be read as numbers."""

    accounts: tuple[Account, ...]
    columns: tuple[str, ...]
    unreadable: tuple[str, ...]


def clean(cell: str, limit: int = MAX_NAME) -> str:
    """A cell as one line of text: control characters become spaces, length is capped.

    Examples:
        >>> clean("  Банк\\t«Север»\\n ")
        'Банк «Север»'
    """
    text = " ".join(CONTROL.sub(" ", cell).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def column_of(header: str) -> str | None:
    """Which column a header cell names, or None.

    Examples:
        >>> column_of("Потенциальная выручка, ₽"), column_of("Выручка за год"), column_of("Комментарий")
        ('potential', 'revenue', None)
    """
    for column, pattern in HEADERS:
        if pattern.search(header):
            return column
    return None


def header_map(first: list[str]) -> dict[str, int]:
    """Column → index for the columns the header row names.

    Examples:
        >>> header_map(["Клиент", "Сегмент", "ABM"])
        {'name': 0, 'segment': 1, 'abm': 2}
        >>> header_map(["Банк", "Банки", "100"])
        {}
    """
    found: dict[str, int] = {}
    for index, cell in enumerate(first):
        column = column_of(cell)
        if column and column not in found:
            found[column] = index
    return found


def parse_money(cell: str, line: int, unreadable: list[str]) -> float | None:
    """Roubles in a cell, None when blank; an unreadable or negative cell is noted and left out.

    Examples:
        >>> parse_money("4 800 000", 2, []), parse_money(" ", 2, [])
        (4800000.0, None)
        >>> notes = []; parse_money("много", 5, notes), notes
        (None, ['строка 5: «много»'])
    """
    text = cell.replace("₽", "").replace("руб.", "").strip()
    if not text:
        return None
    try:
        value = parse_number(text, "money")
    except InputError:
        value = -1.0
    if value < 0:
        unreadable.append(f"строка {line}: «{clean(cell, 24)}»")
        return None
    return value


def read_accounts(source: bytes | str, field: str) -> AccountTable:
    """Accounts from a file's bytes or pasted text.

    Examples:
        >>> table = read_accounts("Клиент;Сегмент;Выручка;Потенциал;ABM;Владелец\\nБанк;Банки;1 000;5 000;да;Ива", "f")
        >>> table.accounts[0]
        Account(line=2, name='Банк', segment='Банки', revenue=1000.0, potential=5000.0, abm=True, owner='Ива')
        >>> read_accounts("", "f")
        Traceback (most recent call last):
        ...
        calculators.errors.InputError: f: В таблице нет ни одного клиента.
    """
    text = decode_bytes(source, field).text if isinstance(source, bytes) else source
    rows = records(text, sniff_delimiter(text), field)
    head = next(rows, None)
    if head is None:
        raise InputError(field, "В таблице нет ни одного клиента.")
    columns = header_map(head[1])
    if "name" not in columns:
        raise InputError(field, NO_HEADER)
    unreadable: list[str] = []
    accounts = [_account(number, row, columns, unreadable) for number, row in islice(rows, MAX_ACCOUNTS + 1)]
    if not accounts:
        raise InputError(field, "В таблице нет ни одного клиента.")
    if len(accounts) > MAX_ACCOUNTS:
        raise InputError(
            field, f"Клиентов больше {MAX_ACCOUNTS}: карты развития составляют для части базы, сократите список."
        )
    return AccountTable(tuple(accounts), tuple(name for name in COLUMNS if name in columns), tuple(unreadable))


def _account(line: int, row: list[str], columns: dict[str, int], unreadable: list[str]) -> Account:
    def cell(column: str) -> str:
        index = columns.get(column)
        return row[index] if index is not None and index < len(row) else ""

    return Account(
        line=line,
        name=clean(cell("name")) or f"(без названия, строка {line})",
        segment=clean(cell("segment")) or BLANK_SEGMENT,
        revenue=parse_money(cell("revenue"), line, unreadable),
        potential=parse_money(cell("potential"), line, unreadable),
        abm=cell("abm").strip().lower() in YES,
        owner=clean(cell("owner")) or BLANK_OWNER,
    )
