"""Ranges typed into number fields (`calculators.fields`) and the generic range maths (`calculators.ranges`)."""

from __future__ import annotations

import pytest

from calculators import ranges
from calculators.errors import InputError
from calculators.fields import Field, NumberRange

CHURN = Field("churn", "Отток", "number", "10", unit="%", minimum=0, maximum=100, accepts_range=True)
YEARS = Field("horizon_years", "Горизонт", "integer", "10", minimum=1, accepts_range=True)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("15..25", NumberRange(15, 25)),
        # A phone keyboard turns three dots into an ellipsis; spaces around the mark are fine.
        ("15…25", NumberRange(15, 25)),
        ("15 .. 25", NumberRange(15, 25)),
        ("1...2", NumberRange(1, 2)),
        # Decimal commas and points inside the ends.
        ("12,5..17,5", NumberRange(12.5, 17.5)),
        ("1.5..2", NumberRange(1.5, 2)),
        # Equal ends are just a number.
        ("5..5", 5.0),
        # A single number is still a number.
        ("15", 15.0),
    ],
)
def test_range_parsing(text, expected):
    assert CHURN.parse(text) == expected


@pytest.mark.parametrize(
    ("field", "text", "message"),
    [
        (CHURN, "25..15", "Начало диапазона больше конца: напишите 15..25."),
        (CHURN, "a..b", "В диапазоне нужны два числа через две точки, например 15..25."),
        (CHURN, "15..", "Диапазон\u00a0— это два числа через две точки, например 15..25."),
        (CHURN, "1..2..3", "Диапазон\u00a0— это два числа через две точки, например 15..25."),
        (CHURN, "-1..5", "Проверьте начало диапазона: значение не может быть меньше 0."),
        (CHURN, "5..101", "Проверьте конец диапазона: значение не может быть больше 100."),
        (YEARS, "2,5..3", "Проверьте начало диапазона: нужно целое число."),
    ],
)
def test_bad_ranges_get_a_russian_message_on_their_field(field, text, message):
    with pytest.raises(InputError) as caught:
        field.parse(text)
    assert (caught.value.field, caught.value.message) == (field.name, message)


def test_a_field_without_range_support_reads_a_range_as_junk():
    with pytest.raises(InputError, match="Введите число"):
        Field("n", "N", "number", "1").parse("1..2")


def metrics(values):
    return {"clv": values["m"] / values["c"], "m": values["m"]}


def test_issue_check_clv_175000_from_140000_to_233333():
    # Issue 14: ARPA 50 000 at 70 % margin, churn 15..25 % a year.
    values = {"m": 35000.0, "c": NumberRange(0.15, 0.25)}
    assert metrics(ranges.midpoints(values))["clv"] == pytest.approx(175000)
    low, high = ranges.extremes(metrics, values)["clv"]
    assert (round(low), round(high)) == (140000, 233333)


def test_corners_are_every_combination_of_ends():
    values = {"a": NumberRange(1, 2), "b": 7, "c": NumberRange(3, 4)}
    assert sorted((corner["a"], corner["c"]) for corner in ranges.corners(values)) == [(1, 3), (1, 4), (2, 3), (2, 4)]
    assert all(corner["b"] == 7 for corner in ranges.corners(values))


def test_swings_are_sorted_widest_first_and_measured_at_midpoints():
    values = {"m": NumberRange(30000, 40000), "c": NumberRange(0.15, 0.25)}
    found = ranges.swings(metrics, values, "clv")
    assert [swing.name for swing in found] == ["c", "m"]
    # Churn alone, margin at its midpoint 35 000: 35 000/0,15 − 35 000/0,25.
    assert found[0].width == pytest.approx(35000 / 0.15 - 35000 / 0.25)


def test_no_ranges_no_spread():
    assert ranges.spread(metrics, {"m": 1.0, "c": 0.5}, "clv") is None


def test_tornado_chart_names_each_bar_and_its_range():
    values = {"m": NumberRange(30000, 40000), "c": NumberRange(0.15, 0.25)}
    found = ranges.spread(metrics, values, "clv")
    html = ranges.tornado_figure("CLV", 175000, values, {"m": ("Маржа", "₽"), "c": ("Отток", "%")}, found, "₽")
    assert html.index("Отток") < html.index("Маржа")
    assert "0,15…0,25\u00a0%" in html
    assert 'role="img"' in html
