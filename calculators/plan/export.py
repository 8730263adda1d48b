"""The plan as files: an iCalendar (RFC 5545) file and a CSV table for Excel.

The .ics has one all-day event per checkpoint of every map and one per review, with CRLF line
ends, lines folded at 75 octets without splitting a UTF-8 character, and TEXT values escaped.
A `UID` depends on the map, the activity and the role (not the date), so importing an edited
plan again moves the events instead of duplicating them. The CSV is UTF-8 with a BOM and «;»,
as Russian Excel expects; a cell that Excel would take for a formula gets a leading apostrophe.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from calculators.plan.schedule import Checkpoint, Day
from calculators.plan.split import DevelopmentMap

CRLF = "\r\n"
FOLD_OCTETS = 75
PRODID = "-//clg-handbook//development map planner//RU"
UID_DOMAIN = "plan.clg-handbook"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"


@dataclass(frozen=True)
class Review:
    """A review of the plan at the end of a plan month."""

    plan_month: int
    date: Day


@dataclass(frozen=True)
class PlannedMap:
    """A map with its checkpoints placed in the calendar."""

    map: DevelopmentMap
    checkpoints: tuple[Checkpoint, ...]


def fnv1a(text: str) -> str:
    """A 64-bit FNV-1a hash as 16 hex digits: stable across runs, unlike `hash()`.

    Examples:
        >>> fnv1a("")
        'cbf29ce484222325'
    """
    value = 0xCBF29CE484222325
    for byte in text.encode("utf-8"):
        value = ((value ^ byte) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return f"{value:016x}"


def escape_text(text: str) -> str:
    """A TEXT value escaped as RFC 5545 §3.3.11 requires; other control characters are dropped.

    Examples:
        >>> escape_text("a;b,c\\\\d\\ne")
        'a\\\\;b\\\\,c\\\\\\\\d\\\\ne'
    """
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\n")
    text = text.replace("\n", "\\n")
    return "".join(char for char in text if char >= " " and char != "\x7f")


def fold(line: str) -> str:
    """One content line folded into pieces of at most 75 octets, continuations starting with a space.

    Examples:
        >>> folded = fold("SUMMARY:" + "я" * 40)
        >>> [len(part.encode()) for part in folded.split("\\r\\n")]
        [74, 15]
    """
    parts, current, size = [], "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > FOLD_OCTETS:
            parts.append(current)
            current, size = " ", 1
        current += char
        size += width
    parts.append(current)
    return CRLF.join(parts)


def _event(uid: str, day: Day, summary: str, description: str, stamp: str) -> list[str]:
    return [
        "BEGIN:VEVENT",
        f"UID:{uid}@{UID_DOMAIN}",
        f"DTSTAMP:{stamp}",
        f"DTSTART;VALUE=DATE:{day.ics}",
        f"SUMMARY:{escape_text(summary)}",
        f"DESCRIPTION:{escape_text(description)}",
        "TRANSP:TRANSPARENT",
        "END:VEVENT",
    ]


def checkpoint_summary(planned: DevelopmentMap, checkpoint: Checkpoint) -> str:
    """An event's title: the map and the activity."""
    return f"{planned.title}: {checkpoint.line.activity}"


def calendar(maps: tuple[PlannedMap, ...], reviews: tuple[Review, ...], start: Day) -> str:
    """The whole plan as an iCalendar file.

    `DTSTAMP` is the plan's first day, not the moment of download, so the same plan always gives
    the same file.

    Examples:
        >>> text = calendar((), (Review(1, Day(2027, 1, 29)),), Day(2027, 1, 1))
        >>> text.splitlines()[:3], text.count("BEGIN:VEVENT"), text.endswith("END:VCALENDAR\\r\\n")
        (['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//clg-handbook//development map planner//RU'], 1, True)
    """
    stamp = f"{start.ics}T000000Z"
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN", "METHOD:PUBLISH"]
    for planned in maps:
        seen: dict[str, int] = {}
        for checkpoint in planned.checkpoints:
            key = f"{planned.map.title}\n{planned.map.kind}\n{checkpoint.line.activity}\n{checkpoint.line.role}"
            seen[key] = seen.get(key, 0) + 1
            description = (
                f"Карта: {planned.map.title} ({planned.map.kind}). Роль: {checkpoint.line.role}. "
                f"Метрика: {checkpoint.line.metric}. Цель: {checkpoint.line.target}."
            )
            uid = f"{fnv1a(key)}-{seen[key]}"
            lines += _event(uid, checkpoint.date, checkpoint_summary(planned.map, checkpoint), description, stamp)
    for review in reviews:
        titles = ", ".join(planned.map.title for planned in maps)
        description = f"Сверьте факт с картами: пройдены ли точки в срок и достигнуты ли цели. Карты: {titles}."
        summary = f"Проверка карт развития, месяц {review.plan_month}"
        lines += _event(f"review-{fnv1a(start.ics)}-{review.plan_month}", review.date, summary, description, stamp)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + CRLF for line in lines)


def spreadsheet_cell(text: str) -> str:
    """A cell Excel shows as typed: text that would start a formula gets a leading apostrophe.

    Examples:
        >>> spreadsheet_cell("=1+1"), spreadsheet_cell("Банк")
        ("'=1+1", 'Банк')
    """
    return f"'{text}" if text.startswith(FORMULA_START) else text


CSV_HEADER = ("Карта", "Вид карты", "Клиенты", "Месяц плана", "Дата", "Активность", "Роль", "Метрика", "Цель")


def table(maps: tuple[PlannedMap, ...], reviews: tuple[Review, ...]) -> str:
    """The plan as a CSV for Russian Excel: BOM, «;», CRLF, one row per checkpoint and per review.

    Examples:
        >>> table((), (Review(1, Day(2027, 1, 29)),)).splitlines()[1]
        'Все карты;проверка;;1;29.01.2027;Проверка карт развития;;;'
    """
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";", lineterminator=CRLF)
    writer.writerow(CSV_HEADER)
    for planned in maps:
        names = ", ".join(account.name for account in planned.map.accounts)
        for checkpoint in planned.checkpoints:
            line = checkpoint.line
            row = (planned.map.title, planned.map.kind, names, str(checkpoint.plan_month), checkpoint.date.text)
            cells = (*row, line.activity, line.role, line.metric, line.target)
            writer.writerow([spreadsheet_cell(cell) for cell in cells])
    for review in reviews:
        month = str(review.plan_month)
        writer.writerow(("Все карты", "проверка", "", month, review.date.text, "Проверка карт развития", "", "", ""))
    return BOM + buffer.getvalue()
