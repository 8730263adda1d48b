"""The development map planner: the split into maps, the calendar, the files and the report."""

from __future__ import annotations

import csv
import datetime
import io
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculators.bridge import run
from calculators.errors import InputError
from calculators.plan.accounts import BLANK_OWNER, MAX_ACCOUNTS, Account, read_accounts
from calculators.plan.export import CSV_HEADER, calendar, table
from calculators.plan.form import CALCULATOR
from calculators.plan.planner import PlanInputs, make_plan
from calculators.plan.schedule import (
    Month,
    checkpoint_day,
    parse_lines,
    parse_start,
    review_day,
    schedule,
)
from calculators.plan.split import Rules, split_accounts
from calculators.plan.templates import B2B, FMCG
from calculators.render import render_report
from tests import ics

HEADER = "Клиент;Сегмент;Выручка;Потенциал;ABM;Владелец"
NOVEMBER_2026 = Month.of(2026, 11)


def accounts(*rows: str) -> tuple[Account, ...]:
    """Accounts from table rows under the standard header."""
    return read_accounts("\n".join((HEADER, *rows)), "accounts_text").accounts


def individual_names(rows: tuple[Account, ...], rules: Rules | None = None) -> list[str]:
    return [item.title for item in split_accounts(rows, rules or Rules()).individual]


# --- individual or group -------------------------------------------------------------------

SPLIT_CASES = [
    pytest.param(("А;Банки;1 000 000;1 000 000;да;Ива",), ["А"], id="ABM alone is enough"),
    # «Far above» is inclusive: exactly the ratio counts.
    pytest.param(("А;Банки;1 000 000;2 000 000;нет;Ива",), ["А"], id="potential exactly twice revenue"),
    pytest.param(("А;Банки;1 000 000;1 999 999;нет;Ива",), [], id="potential just under twice revenue"),
    # A new account with no revenue yet but a real potential is the clearest case of «far above».
    pytest.param(("А;Банки;0;500 000;нет;Ива",), ["А"], id="zero revenue, some potential"),
    pytest.param(("А;Банки;;5 000 000;нет;Ива",), [], id="unknown revenue shows no potential sign"),
    pytest.param(("А;Банки;0;0;нет;Ива",), [], id="nothing and no potential is not special"),
]


@pytest.mark.parametrize(("rows", "expected"), SPLIT_CASES)
def test_individual_maps_follow_the_signs(rows, expected):
    assert individual_names(accounts(*rows)) == expected


def base(size: int) -> list[str]:
    """`size` accounts with potentials 1..size million and a flat revenue (no other sign)."""
    return [f"К{n};Сегмент;{n} 000 000;{n} 000 000;нет;Владелец {n}" for n in range(1, size + 1)]


@pytest.mark.parametrize(
    ("size", "share", "expected"),
    [
        pytest.param(20, 10, ["К20", "К19"], id="two places in twenty"),
        # Fewer than ten accounts: one would already be more than 10 % of the base.
        pytest.param(9, 10, [], id="no top ten per cent in nine"),
        pytest.param(10, 10, ["К10"], id="one place in ten"),
        pytest.param(10, 0, [], id="a zero share turns the sign off"),
    ],
)
def test_the_largest_by_potential_are_special(size, share, expected):
    names = individual_names(accounts(*base(size)), Rules(top_share=share))
    assert sorted(names) == sorted(expected)


def test_ties_at_the_top_share_all_count():
    rows = [*base(19), "Двойник;Сегмент;19 000 000;19 000 000;нет;Другой"]
    assert sorted(individual_names(accounts(*rows))) == ["Двойник", "К19"]


def test_an_owner_starts_with_at_most_the_cap_and_the_rest_wait_in_their_segment():
    rows = accounts(
        "Слабый;Банки;1 000 000;1 000 000;да;Ива",  # one sign, no room to grow
        "Сильный;Банки;1 000 000;9 000 000;да;Ива",  # two signs
        "Средний;Ритейл;1 000 000;3 000 000;нет;Ива",  # one sign, 2 million of room
        "Малый;Ритейл;1 000 000;2 500 000;нет;Ива",  # one sign, 1.5 million of room
        "Чужой;Банки;1 000 000;1 000 000;да;Пётр",
    )
    split = split_accounts(rows, Rules(per_owner=2))
    assert [item.title for item in split.individual] == ["Сильный", "Средний", "Чужой"]
    assert [item.name for item in split.deferred] == ["Слабый", "Малый"]
    groups = {item.title: [account.name for account in item.accounts] for item in split.groups}
    assert groups == {"Банки": ["Слабый"], "Ритейл": ["Малый"]}


def test_accounts_without_an_owner_share_one_cap():
    rows = accounts(*(f"К{n};Банки;1;1;да;" for n in range(5)))
    split = split_accounts(rows, Rules(per_owner=3))
    assert len(split.individual) == 3
    assert {item.owner for item in split.deferred} == {BLANK_OWNER}


def test_the_report_names_an_owner_over_the_cap():
    report = CALCULATOR.run(CALCULATOR.defaults())
    assert report.figure("deferred").data_value == "1"
    assert any("Иванова" in note and "двух-трёх" in note for note in report.notes)


# --- reading the table ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(f"{HEADER}\nБанк;Банки;1 200 000;3 000 000;да;Ива", ("Банк", 1_200_000.0, True), id="header"),
        pytest.param(
            "Owner,Potential,Name,Revenue\nIva,3000000,Bank,1200000",
            ("Bank", 1_200_000.0, False),
            id="English, any order",
        ),
        pytest.param("Клиент\tВыручка\nБанк\t1200000,5", ("Банк", 1_200_000.5, False), id="tabs and a decimal comma"),
        # «Потенциальная выручка» must not be taken for the revenue column.
        pytest.param(
            "Клиент;Потенциальная выручка;Выручка\nБанк;9;3", ("Банк", 3.0, False), id="potential named after revenue"
        ),
    ],
)
def test_the_table_is_read_whatever_its_layout(text, expected):
    account = read_accounts(text, "accounts_text").accounts[0]
    assert (account.name, account.revenue, account.abm) == expected


def test_a_windows_1251_file_is_read():
    data = f"{HEADER}\nБанк «Север»;Банки;1;5;да;Иванова".encode("cp1251")
    assert read_accounts(data, "accounts_file").accounts[0].name == "Банк «Север»"


def test_unreadable_sums_are_skipped_and_listed():
    report = CALCULATOR.run(CALCULATOR.defaults() | {"accounts_text": f"{HEADER}\nБанк;Банки;много;-5;нет;Ива"})
    assert any("Не прочитаны как суммы" in note and "много" in note for note in report.notes)


def test_a_table_without_revenue_still_plans_and_says_what_it_cannot_check():
    report = CALCULATOR.run(
        CALCULATOR.defaults() | {"accounts_text": "Клиент;Сегмент;ABM\nБанк;Банки;да\nСеть;Ритейл;нет"}
    )
    assert report.figure("individual_maps").data_value == "1"
    assert any("не нашёлся столбец выручки и потенциала" in note for note in report.notes)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param("", "нет ни одного клиента", id="empty"),
        pytest.param("Сегмент;Выручка\nБанки;1", "заголовком", id="no name column"),
        # Without a header a pasted list of words could mean anything: it is refused, not guessed.
        pytest.param("Банк;Банки;1 200 000;3 000 000;да;Ива", "заголовком", id="no header"),
        pytest.param(HEADER, "нет ни одного клиента", id="a header alone"),
        pytest.param(
            HEADER + "\n" + "\n".join(f"К{n};С;1;1;нет;" for n in range(MAX_ACCOUNTS + 1)), "больше", id="too many"
        ),
    ],
)
def test_a_table_that_cannot_be_planned_says_why(text, message):
    with pytest.raises(InputError, match=message):
        read_accounts(text, "accounts_text")


# --- the calendar --------------------------------------------------------------------------


def reference_checkpoint(year: int, month: int) -> datetime.date:
    """The 15th, or the Monday after, computed with the standard library as an outside check."""
    day = datetime.date(year, month, 15)
    return day + datetime.timedelta(days=(7 - day.weekday()) % 7 if day.weekday() >= 5 else 0)


def reference_review(year: int, month: int) -> datetime.date:
    """The last Monday-to-Friday day of the month, with the standard library."""
    day = datetime.date(year + month // 12, month % 12 + 1, 1) - datetime.timedelta(days=1)
    while day.weekday() >= 5:
        day -= datetime.timedelta(days=1)
    return day


@pytest.mark.parametrize("year", [2000, 2026, 2027, 2028, 2100])
def test_dates_agree_with_the_standard_library(year):
    for month in range(1, 13):
        for ours, reference in (
            (checkpoint_day(Month.of(year, month)), reference_checkpoint(year, month)),
            (review_day(Month.of(year, month)), reference_review(year, month)),
        ):
            assert datetime.date(ours.year, ours.month, ours.day) == reference


def test_checkpoints_cross_the_year_boundary():
    lines = parse_lines(
        "2; Обучение; CS; TTV; 30\nянварь; Поздравление; продажи; Ответы; 50 %\nмай; Поздно; CS; -; -", "t"
    )
    placed, outside = schedule(lines, Month.of(2026, 11), 6)
    # Plan month 2 is December 2026; «январь» is January 2027, the third month; May is past April.
    assert [(item.plan_month, item.date.text) for item in placed] == [(2, "15.12.2026"), (3, "15.01.2027")]
    assert [line.activity for line in outside] == ["Поздно"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2027-01", (2027, 1)),
        ("01.2027", (2027, 1)),
        ("1/2027", (2027, 1)),
        ("Декабрь 2026", (2026, 12)),
        ("мая 2027", (2027, 5)),
    ],
)
def test_the_start_month_is_read_in_common_spellings(text, expected):
    month = parse_start(text, "start_month")
    assert (month.year, month.month) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param("1; Только три; CS", "пять частей", id="too few cells"),
        pytest.param("13а; Точка; CS; М; Ц", "номер месяца", id="not a month"),
        pytest.param("1; Точка; юристы; М; Ц", "роль", id="unknown role"),
        pytest.param("\n \n", "хотя бы одну", id="nothing"),
    ],
)
def test_bad_checkpoint_lines_are_named_by_their_line(text, message):
    with pytest.raises(InputError, match=message):
        parse_lines(text, "checkpoints_b2b")


def plan_for(
    rows: str | bytes = "",
    *,
    start: Month = NOVEMBER_2026,
    horizon: int = 6,
    quarterly: bool = False,
    template: str = "b2b",
):
    lines = B2B if template == "b2b" else FMCG
    source = rows or "\n".join((HEADER, "Банк;Банки;1;5;да;Ива", "Сеть;Ритейл;1;1;нет;Ива"))
    return make_plan(PlanInputs(source, "accounts_text", Rules(), start, horizon, quarterly, template, lines, "lines"))


def test_the_calendar_holds_one_event_per_checkpoint_of_each_map_and_per_review():
    plan = plan_for(quarterly=True)
    text = calendar(plan.maps, plan.reviews, checkpoint_day(plan.inputs.start))
    parsed = ics.parse(text.encode())
    found = sorted((event.one("DTSTART"), event.one("SUMMARY")) for event in ics.events(parsed))
    expected = sorted(
        [
            (item.date.ics, f"{planned.map.title}: {item.line.activity}")
            for planned in plan.maps
            for item in planned.checkpoints
        ]
        + [(review.date.ics, f"Проверка карт развития, месяц {review.plan_month}") for review in plan.reviews]
    )
    assert found == expected
    # Quarterly over six months: the third and the sixth month.
    assert [review.date.text for review in plan.reviews] == ["29.01.2027", "30.04.2027"]


def test_moving_a_checkpoint_keeps_its_uid_and_the_same_plan_gives_the_same_file():
    def checkpoint_uids(lines: str) -> list[str]:
        plan = make_plan(
            PlanInputs(
                f"{HEADER}\nБанк;Банки;1;5;да;Ива", "a", Rules(), Month.of(2027, 1), 12, False, "b2b", lines, "l"
            )
        )
        text = calendar(plan.maps, plan.reviews, checkpoint_day(plan.inputs.start))
        return [event.one("UID") for event in ics.events(ics.parse(text.encode())) if "Встреча" in event.one("SUMMARY")]

    before = checkpoint_uids("1; Встреча; CS; М; Ц\n2; Встреча; CS; М; Ц")
    # The same activity twice in one map still gives two events with two UIDs.
    assert len(set(before)) == 2
    assert checkpoint_uids("1; Встреча; CS; М; Ц\n2; Встреча; CS; М; Ц") == before
    assert checkpoint_uids("3; Встреча; CS; М; Ц\n5; Встреча; CS; М; Ц") == before
    # Another role is another activity: a new event rather than the old one moved.
    assert checkpoint_uids("3; Встреча; продажи; М; Ц\n5; Встреча; CS; М; Ц")[0] not in before


HOSTILE = ("<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "=1+1", "Банк; «Юг», \\ филиал")


def hostile_table() -> str:
    """Accounts whose name, segment and owner are all hostile, written by `csv` (quotes doubled)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(HEADER.split(";"))
    writer.writerows([name, name, 1, 9, "да", name] for name in HOSTILE)
    return buffer.getvalue()


def test_markup_in_account_names_is_text_in_the_page_the_calendar_and_the_csv():
    answer = json.loads(run("plan", json.dumps(CALCULATOR.defaults() | {"accounts_text": hostile_table()})))
    assert answer["status"] == "ok"
    html = answer["html"]
    assert "<script" not in html and "<img" not in html and "onerror=alert(1)>" not in html.replace("&gt;", "")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    report = CALCULATOR.run(CALCULATOR.defaults() | {"accounts_text": hostile_table()})
    files = {item.filename: item.text for item in report.downloads}
    parsed = ics.parse(files["karty-razvitiya.ics"].encode())
    summaries = " ".join(event.one("SUMMARY") for event in ics.events(parsed))
    for name in HOSTILE:
        assert name in summaries
    rows = list(csv.reader(io.StringIO(files["karty-razvitiya.csv"].removeprefix("\ufeff")), delimiter=";"))
    titles = {row[0] for row in rows[1:]}
    assert {"<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "'=1+1", "Банк; «Юг», \\ филиал"} <= titles


def test_the_csv_reads_back_with_one_row_per_checkpoint_and_review():
    plan = plan_for(template="fmcg", start=Month.of(2026, 12), horizon=12)
    text = table(plan.maps, plan.reviews)
    assert text.startswith("\ufeff") and "\r\n" in text
    rows = list(csv.reader(io.StringIO(text[1:], newline=""), delimiter=";"))
    assert tuple(rows[0]) == CSV_HEADER
    assert len(rows) - 1 == sum(len(item.checkpoints) for item in plan.maps) + len(plan.reviews)
    # December 2026 start: «январь» is the second plan month, in 2027.
    january = next(row for row in rows[1:] if row[5].startswith("Продукт 1: поздравление"))
    assert (january[3], january[4]) == ("2", "15.01.2027")


def test_the_report_offers_both_files_and_the_page_links_them():
    report = CALCULATOR.run(CALCULATOR.defaults())
    assert [item.filename for item in report.downloads] == [
        "karty-razvitiya.ics",
        "karty-razvitiya.csv",
        "clg-plan.csv",
    ]
    html = render_report(report)
    assert 'download="karty-razvitiya.ics" href="data:text/calendar;charset=utf-8,BEGIN:VCALENDAR%0D%0A' in html


# --- properties ----------------------------------------------------------------------------

names = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=12)
money = st.one_of(st.none(), st.integers(min_value=0, max_value=10**9))
rows_strategy = st.lists(
    st.tuples(
        names,
        st.sampled_from(["Банки", "Ритейл", "", "<b>"]),
        money,
        money,
        st.booleans(),
        st.sampled_from(["Ива", "Пётр", ""]),
    ),
    min_size=1,
    max_size=40,
)


def to_table(rows) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(HEADER.split(";"))
    for name, segment, revenue, potential, abm, owner in rows:
        writer.writerow(
            [
                name,
                segment,
                "" if revenue is None else revenue,
                "" if potential is None else potential,
                "да" if abm else "нет",
                owner,
            ]
        )
    return buffer.getvalue()


@settings(max_examples=80, deadline=None)
@given(rows=rows_strategy, ratio=st.floats(1, 10), share=st.floats(0, 100), cap=st.integers(1, 10))
def test_every_account_ends_in_exactly_one_map(rows, ratio, share, cap):
    try:
        table_read = read_accounts(to_table(rows), "accounts_text")
    except InputError:
        return  # a name made only of blanks and delimiters may leave no readable row
    split = split_accounts(table_read.accounts, Rules(ratio, share, cap))
    placed = [account.line for item in split.maps for account in item.accounts]
    assert sorted(placed) == sorted(account.line for account in table_read.accounts)
    owners = [item.accounts[0].owner for item in split.individual]
    assert all(owners.count(owner) <= cap for owner in owners)


@settings(max_examples=80, deadline=None)
@given(
    year=st.integers(2000, 2099),
    month=st.integers(1, 12),
    horizon=st.integers(6, 12),
    quarterly=st.booleans(),
    template=st.sampled_from(["b2b", "fmcg"]),
)
def test_no_checkpoint_or_review_falls_outside_the_horizon(year, month, horizon, quarterly, template):
    plan = plan_for(start=Month.of(year, month), horizon=horizon, quarterly=quarterly, template=template)
    first = datetime.date(year, month, 1)
    last = plan.last_month
    end = datetime.date(last.year + last.month // 12, last.month % 12 + 1, 1)
    dates = [item.date for planned in plan.maps for item in planned.checkpoints] + [item.date for item in plan.reviews]
    assert all(first <= datetime.date(day.year, day.month, day.day) < end for day in dates)
    assert all(1 <= item.plan_month <= horizon for planned in plan.maps for item in planned.checkpoints)
    assert plan.reviews[-1].plan_month == horizon
