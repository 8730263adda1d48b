"""An account table read into NPS groups: start and end revenue of every account that answered or not.

The table comes the way the NPS survey mode takes it (`calculators.survey`: encodings, «;» and
decimal commas, header detection, `.xlsx`), one row per account. Columns are named by the
reader or found by their headers; without headers the score column is the one holding mostly
0–10 answers and the first two other numeric columns are the start and end revenue.

An account with a blank score did not answer; one whose score cell holds something else, or
whose revenue cells do not read as amounts, is left out and counted. Accounts with no revenue
at the start are new ones: NRR follows the accounts that were there when the period began, so
they are counted and left out too.
"""

from __future__ import annotations

import re
from array import array
from dataclasses import dataclass, field
from itertools import islice

from calculators import survey
from calculators.errors import InputError
from calculators.formatting import format_number

GROUPS = ("promoters", "passives", "detractors", "nonrespondents")
MAX_SEGMENTS = 1000
EXAMPLES_KEPT = 3
# Roles of the columns, with the headers that name them (checked in this order, one column each).
ROLE_HEADERS = {
    "score_column": r"nps|score|оцен|балл|рекоменд|recommend",
    "start_column": r"начал|start|begin|прошл|previous|prior|было",
    "end_column": r"конец|конц|\bend\b|ending|текущ|current|стало",
    "expansion_column": r"расшир|допрод|expan|upsell|upgrade",
    "contraction_column": r"сокращ|contract|downsell|даунсел|downgrade",
    "churn_column": r"отток|churn|ушл|потер|lost",
    "segment_column": r"сегмент|segment|отрасл|industry|тариф|plan|тип",
}
MOVEMENTS = ("expansion_column", "contraction_column", "churn_column")
MONEY_JUNK = re.compile(r"(₽|руб\.?|р\.|rub|\s|\u00a0|\u202f)", re.IGNORECASE)
MONEY = re.compile(r"[+]?[0-9]+(?:[.,][0-9]+)?(?:[eE][+-]?[0-9]{1,3})?")
MAX_MONEY = 1e13
# Lets a churn column equal to the start despite rounding in the file.
TOLERANCE = 0.005


@dataclass
class GroupAccounts:
    """The accounts of one NPS group: revenue at the start and end, and the bridge between them."""

    starts: array = field(default_factory=lambda: array("d"))
    ends: array = field(default_factory=lambda: array("d"))
    segments: array = field(default_factory=lambda: array("l"))
    expansion: float = 0.0
    contraction: float = 0.0
    churn: float = 0.0
    churned: int = 0
    expanded: int = 0

    def add(self, start: float, end: float, movement: tuple[float, float, float], segment: int) -> None:
        """One account: `movement` is its (expansion, contraction, churn) in roubles."""
        self.starts.append(start)
        self.ends.append(end)
        self.segments.append(segment)
        self.expansion += movement[0]
        self.contraction += movement[1]
        self.churn += movement[2]
        self.churned += end == 0
        self.expanded += movement[0] > 0


@dataclass(frozen=True)
class SkippedRow:
    """A row left out, with the line of the file it is on and why."""

    line: int
    reason: str


@dataclass(frozen=True)
class AccountTable:
    """What an account table holds, by group, and how it was read."""

    groups: dict[str, GroupAccounts]
    segment_names: tuple[str, ...]
    encoding: str
    delimiter: str
    header: bool
    columns: dict[str, str]
    rows: int
    skipped: int
    skipped_examples: tuple[SkippedRow, ...]
    new_accounts: int
    blank_end: int

    @property
    def accounts(self) -> int:
        """Accounts in the analysis."""
        return sum(len(group.starts) for group in self.groups.values())


def parse_money(cell: str) -> float | None:
    """An amount of money in a cell, or None: spaces between digit groups, a decimal comma and «₽» allowed.

    Examples:
        >>> parse_money("1 250 000,50 ₽"), parse_money("480000"), parse_money(""), parse_money("-5"), parse_money("н/д")
        (1250000.5, 480000.0, None, None, None)
    """
    if cell.isdigit() and cell.isascii():
        return float(cell) if len(cell) < 14 else None
    compact = MONEY_JUNK.sub("", cell)
    if not MONEY.fullmatch(compact):
        return None
    amount = float(compact.replace(",", "."))
    return amount if amount <= MAX_MONEY else None


def score_group(score: int | None) -> str:
    """The NPS group of a 0–10 answer; None (no answer) is a non-respondent.

    Examples:
        >>> [score_group(score) for score in (10, 7, 6, None)]
        ['promoters', 'passives', 'detractors', 'nonrespondents']
    """
    if score is None:
        return "nonrespondents"
    return "promoters" if score >= 9 else "passives" if score >= 7 else "detractors"


def _column_kind(column: int, rows: list[list[str]]) -> tuple[bool, bool]:
    """Whether a column holds mostly amounts, and whether it holds almost only 0–10 scores."""
    cells = [row[column] for row in rows if column < len(row) and row[column].strip()]
    money = sum(1 for cell in cells if parse_money(cell) is not None)
    scores = sum(1 for cell in cells if survey.parse_score(cell) is not None)
    return (money * 2 >= len(cells) > 0), (scores * 10 >= len(cells) * 9 > 0)


def assign_columns(names: list[str] | None, sample: list[list[str]], chosen: dict[str, str]) -> dict[str, int]:
    """The column index of each role: chosen by the reader, found by its header, or guessed from the cells.

    Examples:
        >>> names = ["Клиент", "Оценка NPS", "Выручка на начало", "Выручка на конец"]
        >>> assign_columns(names, [["К-1", "9", "100", "120"]], {})
        {'score_column': 1, 'start_column': 2, 'end_column': 3}
        >>> assign_columns(None, [["К-1", "9", "100 000", "120 000"], ["К-2", "", "5", "0"]], {})
        {'score_column': 1, 'start_column': 2, 'end_column': 3}
    """
    width = max([len(names or [])] + [len(row) for row in sample])
    roles: dict[str, int] = {}
    for role, spec in chosen.items():
        if spec.strip():
            roles[role] = survey.find_column(spec, names, width, role)
    taken = set(roles.values())
    if names is not None:
        for role, pattern in ROLE_HEADERS.items():
            if role in roles or (role in MOVEMENTS and "end_column" in roles):
                continue
            for index, name in enumerate(names):
                if index not in taken and re.search(pattern, name, re.IGNORECASE):
                    roles[role] = index
                    taken.add(index)
                    break
    kinds = {index: _column_kind(index, sample) for index in range(width)}
    if "score_column" not in roles:
        scores = [index for index in range(width) if index not in taken and kinds[index][1]]
        if scores:
            roles["score_column"] = scores[0]
            taken.add(scores[0])
    has_movements = any(role in roles for role in MOVEMENTS)
    for role in ("start_column", "end_column"):
        if role in roles or (role == "end_column" and has_movements):
            continue
        amounts = [index for index in range(width) if index not in taken and kinds[index][0]]
        if amounts:
            roles[role] = amounts[0]
            taken.add(amounts[0])
    return {role: roles[role] for role in ROLE_HEADERS if role in roles}


def _check_roles(roles: dict[str, int], field: str) -> None:
    """Every needed role has a column, and no column has two roles; a column not found is the table's problem."""
    where = "укажите его в блоке «Столбцы таблицы»"
    if "score_column" not in roles:
        raise InputError(field, f"Не нашёлся столбец с оценками от 0 до 10: {where}.")
    if "start_column" not in roles:
        raise InputError(field, f"Не нашёлся столбец с выручкой на начало периода: {where}.")
    if "end_column" not in roles and not any(role in roles for role in MOVEMENTS):
        raise InputError(
            field,
            f"Не нашёлся столбец с выручкой на конец периода: {where} — или столбцы расширения, сокращения и оттока.",
        )
    seen: dict[int, str] = {}
    for role, index in roles.items():
        if index in seen:
            raise InputError(role, "Этот столбец уже выбран для другой роли: укажите другой.")
        seen[index] = role


def read_accounts(source: bytes | str, chosen: dict[str, str], field: str, sheet: str = "") -> AccountTable:
    """The accounts of a table (bytes of a file or pasted text) by NPS group.

    `chosen` maps a role (`score_column`, `start_column`, `end_column`, `expansion_column`,
    `contraction_column`, `churn_column`, `segment_column`) to a column header or 1-based
    number; roles left empty are found. Errors about the data name `field`.

    Examples:
        >>> table = read_accounts("Оценка;Начало;Конец\\n10;100;150\\n3;200;0\\n;50;50\\nда;1;1", {}, "accounts_text")
        >>> {name: list(group.ends) for name, group in table.groups.items()}
        {'promoters': [150.0], 'passives': [], 'detractors': [0.0], 'nonrespondents': [50.0]}
        >>> table.skipped, table.skipped_examples[0].reason
        (1, 'оценка «да» — не число от 0 до 10')
    """
    if isinstance(source, bytes):
        decoded = survey.decode_bytes(source, field, sheet)
    else:
        if len(source) > survey.MAX_BYTES:
            raise InputError(field, f"Слишком много текста: больше {format_number(survey.MAX_BYTES, 0)} знаков.")
        decoded = survey.DecodedText(source, "")
    text = decoded.text.removeprefix("\ufeff")
    delimiter = decoded.delimiter or survey.sniff_delimiter(text)
    head = [row for _, row in islice(survey.records(text, delimiter, field), survey.SNIFF_ROWS + 1)]
    if not head:
        raise InputError(field, "Таблица пустая: нет ни одной строки с клиентами.")
    first = [cell.strip().casefold() for cell in head[0]]
    # A column the reader names by a cell of the first row makes that row a header, numbers or not.
    header = survey.detect_header(head[0], head[1:]) or (
        len(head) > 1 and any(spec.strip().casefold() in first for spec in chosen.values() if spec.strip())
    )
    sample = head[1:] if header else head
    if not sample or (len(head) == 1 and not any(survey.is_number(cell) for cell in head[0])):
        raise InputError(field, "В таблице только заголовки: нет ни одной строки с клиентами.")
    names = head[0] if header else None
    roles = assign_columns(names, sample, chosen)
    _check_roles(roles, field)
    table = _collect(text, delimiter, field, roles, header)
    labels = {role: _label(index, names) for role, index in roles.items()}
    return AccountTable(
        groups=table.groups,
        segment_names=tuple(table.segments),
        encoding=decoded.encoding,
        delimiter=delimiter,
        header=header,
        columns=labels,
        rows=table.rows,
        skipped=table.skipped,
        skipped_examples=tuple(table.examples),
        new_accounts=table.new_accounts,
        blank_end=table.blank_end,
    )


def _label(index: int, names: list[str] | None) -> str:
    if names is not None and index < len(names) and names[index].strip():
        return f"«{survey.shown(names[index])}»"
    return f"№ {index + 1}"


@dataclass
class _Collected:
    groups: dict[str, GroupAccounts] = field(default_factory=lambda: {name: GroupAccounts() for name in GROUPS})
    segments: dict[str, int] = field(default_factory=dict)
    rows: int = 0
    skipped: int = 0
    examples: list[SkippedRow] = field(default_factory=list)
    new_accounts: int = 0
    blank_end: int = 0

    def skip(self, line: int, reason: str) -> None:
        self.skipped += 1
        if len(self.examples) < EXAMPLES_KEPT:
            self.examples.append(SkippedRow(line, reason))

    def segment(self, name: str) -> int:
        index = self.segments.get(name)
        if index is None:
            if len(self.segments) >= MAX_SEGMENTS:
                raise InputError(
                    "segment_column", f"В столбце сегментов больше {MAX_SEGMENTS} разных значений: это не сегменты."
                )
            index = self.segments[name] = len(self.segments)
        return index


def _cell(row: list[str], index: int | None) -> str:
    if index is None or index >= len(row):
        return ""
    cell = row[index]
    # Most cells have no spaces around them; `strip` is for those that do.
    return cell if not cell or (cell[0] > " " and cell[-1] > " ") else cell.strip()


def _collect(text: str, delimiter: str, field: str, roles: dict[str, int], header: bool) -> _Collected:
    """Second pass over the table: every account into its group, with its bridge."""
    collected = _Collected()
    rows = survey.records(text, delimiter, field)
    if header:
        next(rows)
    for line, row in rows:
        collected.rows += 1
        score_cell = _cell(row, roles["score_column"])
        score = survey.PLAIN_SCORES.get(score_cell)
        if score is None and score_cell:
            score = survey.parse_score(score_cell)
        if score_cell and score is None:
            collected.skip(line, f"оценка «{survey.shown(score_cell)}» — не число от 0 до 10")
            continue
        start_cell = _cell(row, roles["start_column"])
        start = parse_money(start_cell)
        if start is None:
            shown = f"«{survey.shown(start_cell)}»" if start_cell else "пусто"
            collected.skip(line, f"выручка на начало: {shown} — не сумма")
            continue
        if start == 0:
            collected.new_accounts += 1
            continue
        bridge = _bridge(row, roles, start, collected, line)
        if bridge is None:
            continue
        end, movement = bridge
        segment = collected.segment(_cell(row, roles.get("segment_column")) or survey.BLANK_SEGMENT)
        collected.groups[score_group(score)].add(start, end, movement, segment)
    return collected


def _bridge(
    row: list[str], roles: dict[str, int], start: float, collected: _Collected, line: int
) -> tuple[float, tuple[float, float, float]] | None:
    """End revenue and (expansion, contraction, churn) of one account, or None if the row is left out."""
    if "end_column" in roles:
        end_cell = _cell(row, roles["end_column"])
        if not end_cell:
            # An account without revenue at the end is what CRM exports show for one that left.
            collected.blank_end += 1
            end: float | None = 0.0
        else:
            end = parse_money(end_cell)
        if end is None:
            collected.skip(line, f"выручка на конец: «{survey.shown(end_cell)}» — не сумма")
            return None
        if end == 0:
            return 0.0, (0.0, 0.0, start)
        return end, (max(end - start, 0.0), max(start - end, 0.0), 0.0)
    amounts = []
    for role in MOVEMENTS:
        cell = _cell(row, roles.get(role))
        amount = parse_money(cell) if cell else 0.0
        if amount is None:
            collected.skip(line, f"«{survey.shown(cell)}» — не сумма")
            return None
        amounts.append(amount)
    expansion, contraction, churn = amounts
    if contraction + churn > start * (1 + TOLERANCE):
        collected.skip(line, "сокращение и отток больше выручки на начало")
        return None
    end = max(0.0, start + expansion - contraction - churn)
    if churn > 0 and end <= start * TOLERANCE:
        return 0.0, (0.0, start - churn if start > churn else 0.0, churn)
    return end, (expansion, contraction, churn)
