"""Known cases, bad input and properties of `calculators.nps`."""

from __future__ import annotations

import pytest
from hypothesis import given

from calculators.errors import InputError
from calculators.nps import CALCULATOR, count_groups, nps_from_counts, parse_scores
from tests.strategies import nps_counts


@pytest.mark.parametrize(
    ("promoters", "passives", "detractors", "nps", "ci_low", "ci_high"),
    [
        # The published check of the adjusted-Wald interval (Rocks 2016).
        (50, 30, 20, 30.0, 14.1, 44.2),
        # n = 1: the adjusted interval is wide and need not contain the raw NPS of 100.
        (1, 0, 0, 100.0, -48.5, 98.5),
        # All promoters: the upper bound is clipped to 100.
        (200, 0, 0, 100.0, 96.5, 100.0),
        # All detractors: the mirror case, clipped to −100.
        (0, 0, 200, -100.0, -100.0, -96.5),
        # Only passives: NPS 0 with a symmetric interval.
        (0, 40, 0, 0.0, -5.6, 5.6),
    ],
)
def test_known_cases(promoters, passives, detractors, nps, ci_low, ci_high):
    result = nps_from_counts(promoters, passives, detractors)
    assert result.nps == pytest.approx(nps)
    assert round(result.ci_low, 1) == ci_low
    assert round(result.ci_high, 1) == ci_high


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("10,9,8", [10, 9, 8]),
        # Russian Excel exports use semicolons; people paste columns with new lines.
        ("10; 9;\n0\r\n7", [10, 9, 0, 7]),
        ("  5   6\t7 ", [5, 6, 7]),
        ("0", [0]),
    ],
)
def test_parse_scores_accepts_mixed_separators(text, expected):
    assert parse_scores(text) == expected


def test_raw_scores_give_the_same_result_as_counts():
    scores = parse_scores("10 9 9 8 7 6 0 10")
    assert count_groups(scores) == (4, 2, 2)
    report = CALCULATOR.run({"mode": "scores", "scores": "10 9 9 8 7 6 0 10"})
    assert report.figure("nps").value == nps_from_counts(4, 2, 2).nps


@pytest.mark.parametrize(
    ("raw", "field", "message_part"),
    [
        ({"promoters": "-1"}, "promoters", "меньше 0"),
        ({"passives": "2,5"}, "passives", "целое"),
        ({"detractors": ""}, "detractors", "Заполните"),
        ({"promoters": "abc"}, "promoters", "Введите число"),
        ({"promoters": "0", "passives": "0", "detractors": "0"}, "promoters", "хотя бы один"),
        ({"promoters": "1000001"}, "promoters", "больше"),
        # Each count is within bounds, but the total exceeds the limit.
        ({"promoters": "600000", "passives": "600000"}, "promoters", "Слишком много"),
        ({"mode": "scores", "scores": "11"}, "scores", "вне шкалы"),
        ({"mode": "scores", "scores": "7, -1"}, "scores", "не оценка"),
        ({"mode": "scores", "scores": "9.5"}, "scores", "не оценка"),
        ({"mode": "scores", "scores": " ;, "}, "scores", "хотя бы одну"),
        ({"mode": "scores", "scores": "   "}, "scores", "Заполните"),
        ({"mode": "median"}, "mode", "Выберите"),
        ({"promoters": "NaN"}, "promoters", "Введите число"),
        ({"promoters": "1e309"}, "promoters", "слишком большое"),
    ],
)
def test_bad_input_names_the_field(raw, field, message_part):
    with pytest.raises(InputError) as caught:
        CALCULATOR.run(CALCULATOR.defaults() | raw)
    assert caught.value.field == field
    assert message_part in caught.value.message


def test_too_many_raw_answers_are_refused():
    with pytest.raises(InputError, match="Слишком много"):
        parse_scores("5 " * 1_000_001)


@given(nps_counts())
def test_nps_and_interval_stay_on_the_scale(counts):
    result = nps_from_counts(*counts)
    assert -100 <= result.nps <= 100
    assert -100 <= result.ci_low <= result.adjusted <= result.ci_high <= 100


@given(nps_counts())
def test_shares_sum_to_100(counts):
    result = nps_from_counts(*counts)
    assert result.promoters_pct + result.passives_pct + result.detractors_pct == pytest.approx(100)


@given(nps_counts())
def test_one_more_promoter_never_lowers_nps(counts):
    promoters, passives, detractors = counts
    assert nps_from_counts(promoters + 1, passives, detractors).nps >= nps_from_counts(*counts).nps
