"""Known cases, bad input and properties of `calculators.nps`.

Survey-mode expectations are counted independently of the CSV reader: the example export is
split by hand (`line.split(";")`) and grouped with `collections.Counter`. Intervals with a
customer base were worked out by hand in the comments (z = 1,96). Coverage is proven in
`test_nps_coverage.py`, the match with R's NPS package in `test_nps_reference.py`.
"""

from __future__ import annotations

import csv
import io
import json
import math
from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calculators.bridge import run
from calculators.errors import InputError
from calculators.nps import (
    CALCULATOR,
    EXAMPLE_SURVEY,
    adjusted_wald,
    count_groups,
    evaluate,
    nps_from_counts,
    parse_scores,
    plan_sample,
    possible_range,
    reach_target,
)
from calculators.nps.planning import answers_for, half_width
from calculators.render import render_report
from tests.strategies import nps_counts, nps_counts_with_population


@pytest.mark.parametrize(
    ("promoters", "passives", "detractors", "nps", "ci_low", "ci_high"),
    [
        # The published check of the adjusted-Wald interval (Rocks 2016).
        (50, 30, 20, 30.0, 14.1, 44.2),
        # n = 1 used to give [−48,5; 98,5], excluding the only possible NPS of a base of fans:
        # one answer rules nothing out.
        (1, 0, 0, 100.0, -100.0, 100.0),
        # Five fans: the score interval reaches the observed 100.
        (5, 0, 0, 100.0, 2.0, 100.0),
        # 10 to 19 answers: the larger add-on (1,25 + 1,25 + 0,25): p′ = 11,25/12,75, d′ = 1,25/12,75,
        # centre 78,4, half-width 1,96·√((0,98039 − 0,61515)/12,75) = 33,2 → cut at 100.
        (10, 0, 0, 100.0, 45.3, 100.0),
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
    assert -100 <= result.ci_low <= result.ci_high <= 100


@given(nps_counts())
def test_shares_sum_to_100(counts):
    result = nps_from_counts(*counts)
    assert result.promoters_pct + result.passives_pct + result.detractors_pct == pytest.approx(100)


@given(nps_counts())
def test_one_more_promoter_never_lowers_nps(counts):
    promoters, passives, detractors = counts
    assert nps_from_counts(promoters + 1, passives, detractors).nps >= nps_from_counts(*counts).nps


# A known customer base


@pytest.mark.parametrize(
    ("counts", "population", "ci_low", "ci_high"),
    [
        # 300 not asked, the larger add-on: p′ = 51,25/102,75, d′ = 21,25/102,75, their NPS is
        # 29,197 ± 1,96·√(0,0060375·(1 + 102,75/300)·400/399) = [11,53; 46,86];
        # the base's (30 + 300·[0,1153; 0,4686]) / 400 = [16,1; 42,6].
        ((50, 30, 20), 400, 16.1, 42.6),
        # A huge base: only the larger add-on differs from the interval without a base (14,1…44,2).
        ((50, 30, 20), 10**9, 14.0, 44.4),
        # Everyone asked: the NPS is exact.
        ((50, 30, 20), 100, 30.0, 30.0),
        # The case: 22 fans and 3 passives of 30 customers, 5 not asked: the exact interval.
        # Net promoters k among the 5 are tried with 4 or 5 of them decided (5·22/25 = 4,4 expected):
        # k = 2 completes the base to 25 fans, 1 critic, 4 passives, and 5 drawn from it show k < 2
        # or half of k = 2 with mid-p 0,050 > 0,025 (kept); k = 1 (25 fans, 2 critics) 0,022 (not).
        # So (22 + [2; 5]) / 30 = [80; 90]: the bound of 90 (all 5 not asked are fans) is in.
        ((22, 3, 0), 30, 80.0, 90.0),
        # 10 fans of 11 customers: the eleventh moves NPS between 81,8 and 100. Had the base
        # 1 critic, he would be the one not asked 1 time in 11 (mid-p 1/22 = 0,045 > 0,025), so the
        # exact interval keeps him: [81,8; 100].
        ((10, 0, 0), 11, 81.8, 100.0),
        # One critic asked of two customers: NPS of both is between −100 and 0.
        ((0, 0, 1), 2, -100.0, 0.0),
    ],
)
def test_interval_with_a_customer_base(counts, population, ci_low, ci_high):
    result = nps_from_counts(*counts, population=population)
    assert (round(result.ci_low, 1), round(result.ci_high, 1)) == (ci_low, ci_high)


def test_population_smaller_than_the_answers_names_the_field():
    with pytest.raises(InputError) as caught:
        CALCULATOR.run(CALCULATOR.defaults() | {"population": "99"})
    assert caught.value.field == "population"
    assert "меньше, чем ответов" in caught.value.message


@given(nps_counts_with_population())
def test_interval_with_a_base_stays_within_what_the_base_allows(case):
    promoters, passives, detractors, population = case
    result = nps_from_counts(promoters, passives, detractors, population=population)
    floor, ceiling = possible_range(promoters, detractors, result.n, population)
    assert floor - 1e-9 <= result.ci_low <= result.ci_high <= ceiling + 1e-9


@given(st.integers(min_value=1, max_value=5000), st.integers(min_value=0, max_value=10**6))
def test_the_base_bounds_are_reached_when_every_answer_is_at_one_end(n, unasked):
    # n fans of n + unasked customers: a base where everyone else is a fan gives this sample most
    # often, so its NPS, the highest the base allows, must be in the interval; the same for critics.
    _, ceiling = possible_range(n, 0, n, n + unasked)
    floor, _ = possible_range(0, n, n, n + unasked)
    assert nps_from_counts(n, 0, 0, population=n + unasked).ci_high == pytest.approx(ceiling)
    assert nps_from_counts(0, 0, n, population=n + unasked).ci_low == pytest.approx(floor)


@given(nps_counts())
def test_asking_everyone_gives_an_exact_nps(counts):
    result = nps_from_counts(*counts, population=sum(counts))
    assert result.ci_low == pytest.approx(result.nps) == pytest.approx(result.ci_high)


def test_population_note_and_steps():
    report = CALCULATOR.run(CALCULATOR.defaults() | {"population": "400"})
    assert any("только неопрошенных" in note for note in report.notes)
    assert any("σ²·(1/n + 1/(N − n))·N/(N − 1)" in step and "от 11,5 до 46,9" in step for step in report.steps)
    assert any("критиками, NPS всей базы будет −67,5, если промоутерами\u00a0— 82,5" in step for step in report.steps)


# The sample-size planner


def test_planner_figures():
    report = CALCULATOR.run(CALCULATOR.defaults() | {"target_margin": "5"})
    # Worst case: (1,96·100/5)² − 3 = 1533,64 → 1534, and the interval of 1533 answers split
    # half and half is already ±4,999: p′ = 767,25/1536, half-width 1,96·√(0,99902/1536) = 4,999.
    # At the shares 0,5 and 0,2: 1536,64 × 0,61 − 3 = 934,3 → 935, confirmed by the interval.
    assert report.figure("needed_n_max").data_value == "1533"
    assert report.figure("needed_n").data_value == "935"
    assert any("нужно ещё 835" in step for step in report.steps)
    assert any("MeasuringU" in step for step in report.steps)


def test_planner_with_population_and_without_a_margin():
    plan = plan_sample(nps_from_counts(50, 30, 20, population=2000), 5)
    # 1536,64 × 2000 / (1536,64 + 1999) = 869,2, minus 3 → 867; with a base the interval uses the
    # larger add-on (2,75 pseudo-answers), and it is within ±5 from 869 answers.
    assert plan.worst_case == 869
    report = CALCULATOR.run(CALCULATOR.defaults())
    with pytest.raises(KeyError):
        report.figure("needed_n")


@pytest.mark.parametrize(
    ("counts", "margin", "needed", "worst_case"),
    [
        # The case: 300 passives used to promise ±10 from 2 answers, whose interval is ±48.
        # Shares of 0 % are too extreme to plan from: the worst case answers.
        ((0, 300, 0), 10, 380, 380),
        # Too few answers so far to trust their shares: the worst case too.
        ((5, 3, 2), 10, 380, 380),
        # A wide margin: 13 answers split half and half give ±49,0 (the 1,25 add-on), 12 give ±50,6;
        # at the shares 0,5 and 0,2 the score interval of 9 answers is within ±50.
        ((50, 30, 20), 50, 9, 13),
    ],
)
def test_planner_falls_back_to_the_worst_case(counts, margin, needed, worst_case):
    plan = plan_sample(nps_from_counts(*counts), margin)
    assert (plan.needed, plan.worst_case) == (needed, worst_case)


@given(
    st.floats(min_value=0, max_value=1),
    st.floats(min_value=0, max_value=1),
    st.floats(min_value=0.5, max_value=60),
    st.one_of(st.none(), st.integers(min_value=1, max_value=100_000)),
)
def test_the_plan_never_promises_more_than_the_interval_gives(p, d, margin, population):
    p, d = min(p, 1 - d), d
    n = answers_for(margin, p, d, population)
    if population is None or n < population:
        assert half_width(n, p, d, population) <= margin


# Goal seek


@pytest.mark.parametrize(
    ("counts", "target", "extra", "fewer"),
    [
        # (30 + x)/(100 + x) ≥ 0,4 → x ≥ 16,7 → 17; (30 + y)/100 ≥ 0,4 → y = 10.
        ((50, 30, 20), 40, 17, 10),
        # Already there.
        ((50, 30, 20), 30, 0, 0),
        # A target met exactly counts: (30 + 20)/(100 + 20) is not 50, (30 + 40)/140 = 0,5 is.
        ((50, 30, 20), 50, 40, 20),
        # 100 needs every answer a promoter: never with critics or passives among them.
        ((50, 30, 20), 100, None, None),
        # (30 + x)/(100 + x) ≥ 0,6 → x ≥ 75; turning all 20 critics passive gives 50 at most.
        ((50, 30, 20), 60, 75, None),
        ((0, 0, 3), -100, 0, 0),
    ],
)
def test_goal_seek_known_cases(counts, target, extra, fewer):
    goal = reach_target(nps_from_counts(*counts), target)
    assert (goal.extra_promoters, goal.fewer_detractors) == (extra, fewer)


def nps_of(promoters: int, passives: int, detractors: int) -> float:
    """NPS as the calculator computes it, without its limit on the number of answers."""
    return 100 * (promoters - detractors) / (promoters + passives + detractors)


@given(nps_counts(), st.floats(min_value=-100, max_value=99.9))
def test_goal_seek_fed_back_hits_the_target(counts, target):
    promoters, passives, detractors = counts
    goal = reach_target(nps_from_counts(*counts), target)
    assert goal.extra_promoters is not None
    x = goal.extra_promoters
    assert nps_of(promoters + x, passives, detractors) >= target - 1e-9
    if x > 0:
        assert nps_of(promoters + x - 1, passives, detractors) < target + 1e-9
    if goal.fewer_detractors is not None:
        y = goal.fewer_detractors
        assert nps_of(promoters, passives + y, detractors - y) >= target - 1e-9
        if y > 0:
            assert nps_of(promoters, passives + y - 1, detractors - y + 1) < target + 1e-9
    else:
        assert nps_of(promoters, passives + detractors, 0) < target


def test_goal_seek_figures_and_steps():
    report = CALCULATOR.run(CALCULATOR.defaults() | {"target_nps": "60"})
    assert report.figure("extra_promoters_needed").data_value == "75"
    assert (report.figure("fewer_detractors_needed").value, report.figure("fewer_detractors_needed").text) == (
        None,
        "недостижимо",
    )
    assert any("(30 + x) / (100 + x) · 100 ≥ 60" in step for step in report.steps)
    with pytest.raises(InputError) as caught:
        CALCULATOR.run(CALCULATOR.defaults() | {"target_nps": "101"})
    assert caught.value.field == "target_nps"


@pytest.mark.parametrize(("margin", "message_part"), [("0", "меньше"), ("-3", "меньше"), ("201", "больше")])
def test_planner_refuses_impossible_margins(margin, message_part):
    with pytest.raises(InputError) as caught:
        CALCULATOR.run(CALCULATOR.defaults() | {"target_margin": margin})
    assert caught.value.field == "target_margin"
    assert message_part in caught.value.message


# Survey exports


def survey_mode(**raw: str) -> dict[str, str]:
    return CALCULATOR.defaults() | {"mode": "survey"} | raw


def example_counts() -> tuple[Counter, dict[str, Counter]]:
    """Scores of the example export, read with a plain split rather than the CSV reader."""
    overall: Counter = Counter()
    segments: dict[str, Counter] = {}
    for line in EXAMPLE_SURVEY.splitlines()[1:]:
        _, segment, score, _ = line.split(";")
        if score:
            overall[int(score)] += 1
            segments.setdefault(segment, Counter())[int(score)] += 1
    return overall, segments


def groups(counter: Counter) -> tuple[int, int, int]:
    promoters = counter[9] + counter[10]
    passives = counter[7] + counter[8]
    return promoters, passives, sum(counter.values()) - promoters - passives


def test_the_example_export_gives_the_counts_of_a_hand_split():
    overall, segments = example_counts()
    report = CALCULATOR.run(survey_mode())
    expected = nps_from_counts(*groups(overall))
    assert report.figure("n").value == sum(overall.values()) == 23
    assert report.figure("nps").value == pytest.approx(expected.nps)
    assert (report.figure("ci_low").value, report.figure("ci_high").value) == (expected.ci_low, expected.ci_high)
    assert report.figure("segments").value == len(segments) == 3
    # One client skipped the question.
    assert report.figure("skipped").value == 1


def test_the_example_compares_the_two_largest_segments():
    _, segments = example_counts()
    large, small = sorted(segments, key=lambda name: -sum(segments[name].values()))[:2]
    report = CALCULATOR.run(survey_mode())
    a, b = (nps_from_counts(*groups(segments[name])) for name in (large, small))
    # Hand check: «Крупный бизнес» (6, 2, 1): a′ = (6,75 − 1,75)/12 = 0,4167, Var = 0,53472/12;
    # «Малый бизнес» (2, 2, 4): b′ = (2,75 − 4,75)/11 = −0,1818, Var = 0,64876/11;
    # 59,85 ± 1,96·√0,10354·100 = 59,85 ± 63,07, so zero is inside.
    assert (large, small) == ("Крупный бизнес", "Малый бизнес")
    assert report.figure("difference").value == pytest.approx(a.adjusted - b.adjusted)
    assert round(report.figure("difference_low").value, 1) == -3.2
    assert round(report.figure("difference_high").value, 1) == 122.9
    assert (report.figure("significant").value, report.figure("significant").text) == (0.0, "нет")


def test_significant_difference_between_named_segments():
    rows = ["Сегмент;Оценка"] + ["A;10"] * 80 + ["A;3"] * 20 + ["B;10"] * 30 + ["B;3"] * 70
    report = CALCULATOR.run(survey_mode(survey_text="\n".join(rows), compare_a="b", compare_b="A"))
    # B − A: (30,75 − 70,75)/103 − (80,75 − 20,75)/103 = −0,9709, far below zero.
    reference = [adjusted_wald(p, d, 100) for p, d in ((30, 70), (80, 20))]
    margin = 100 * 1.96 * math.sqrt(reference[0][1] + reference[1][1])
    assert report.figure("difference").value == pytest.approx(-97.087, abs=1e-3)
    assert report.figure("difference_high").value == pytest.approx(-97.087 + margin, abs=1e-3)
    assert (report.figure("significant").value, report.figure("significant").text) == (1.0, "да")
    assert "«B» − «A»" in report.figure("difference").label


@pytest.mark.parametrize(
    ("raw", "field", "message_part"),
    [
        ({"compare_a": "Нет такого"}, "compare_a", "Нет сегмента «Нет такого»"),
        ({"compare_b": "крупный бизнес", "compare_a": "Крупный бизнес"}, "compare_b", "два разных"),
        ({"segment_column": "", "compare_a": "Малый бизнес"}, "compare_a", "Сравнивать не с чем"),
        ({"score_column": "Комментарий"}, "score_column", "нет ни одной оценки"),
        ({"score_column": "9"}, "score_column", "Столбца № 9 нет"),
        ({"survey_text": ""}, "survey_text", "Загрузите файл"),
        ({"survey_text": "Сегмент;Оценка\nA;нет"}, "survey_text", "ни одной оценки"),
        ({"survey_text": "A;9\nA;10", "segment_column": "1", "compare_a": "A"}, "compare_a", "один сегмент"),
    ],
)
def test_bad_survey_input_names_the_field(raw, field, message_part):
    with pytest.raises(InputError) as caught:
        CALCULATOR.run(survey_mode(**raw))
    assert caught.value.field == field
    assert message_part in caught.value.message


def test_a_missing_segment_column_is_a_note_not_an_error():
    report = CALCULATOR.run(survey_mode(survey_text="Клиент;Оценка\nК-1;9\nК-2;6"))
    assert report.figure("segments").value == 0
    assert any("Столбца «Сегмент» в таблице нет" in note and "«Клиент»" in note for note in report.notes)
    with pytest.raises(KeyError):
        report.figure("difference")
    assert report.extra_html == ""


def test_skipped_cells_are_counted_and_shown_with_examples():
    # A no-break space is blank; a wholly blank row is no answer at all and is not counted.
    text = "Клиент;Оценка\nК-1;9\nК-2;\u00a0\nК-3;нет\n\nК-4;9,5\nК-5;10\nК-6;11\n"
    report = CALCULATOR.run(survey_mode(survey_text=text, segment_column=""))
    assert report.figure("n").value == 2
    assert report.figure("skipped").value == 4
    assert report.figure("skipped").hint == "пустых 1, не оценок 3"
    assert any("«нет» в строке 4" in note and "«11» в строке 8" in note for note in report.notes)


def test_small_segments_are_marked_and_explained():
    report = CALCULATOR.run(survey_mode())
    assert report.extra_html.count("мало ответов") == 3
    assert any("меньше 30 ответов: 3" in note for note in report.notes)
    big = "Сегмент;Оценка\n" + "A;9\n" * 30 + "B;9\n" * 29
    table = CALCULATOR.run(survey_mode(survey_text=big)).extra_html
    assert table.count("мало ответов") == 1


def test_segment_names_from_the_file_are_escaped_everywhere():
    hostile = ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "&amp;"]
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";").writerows([["Сегмент", "Оценка"], *([name, "9"] for name in hostile)])
    html = render_report(CALCULATOR.run(survey_mode(survey_text=buffer.getvalue(), compare_a=hostile[0])))
    assert "<script>" not in html
    assert "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&amp;amp;" in html


def test_uploaded_bytes_take_precedence_over_the_pasted_text():
    # The form's file field is wired by the page; here its parsed value is given directly.
    values, errors = CALCULATOR.check(survey_mode())
    assert not errors
    upload = "Клиент;Отдел;Оценка\r\nК-1;Продажи;9\r\nК-2;Продажи;10\r\nК-3;Сервис;0\r\n".encode("cp1251")
    report = evaluate(values | {"survey_file": upload, "segment_column": "отдел"})
    assert report.figure("n").value == 3
    assert report.figure("segments").value == 2
    assert "Windows-1251" in report.steps[0]
    with pytest.raises(InputError) as caught:
        evaluate(values | {"survey_file": b"PK\x03\x04" + bytes(40)})
    assert caught.value.field == "survey_file"


def test_survey_mode_through_the_bridge():
    answer = json.loads(run("nps", json.dumps(survey_mode(target_margin="10", population="500"))))
    assert answer["status"] == "ok"
    assert {"nps", "n", "ci_low", "ci_high", "segments", "skipped", "difference", "significant", "needed_n"} <= set(
        answer["values"]
    )
    assert answer["values"]["significant"] == "0"
    assert "<table>" in answer["html"] and "<svg" in answer["html"]


def test_survey_population_applies_to_the_overall_interval_only():
    plain = CALCULATOR.run(survey_mode())
    corrected = CALCULATOR.run(survey_mode(population="30"))
    assert corrected.figure("ci_high").value < plain.figure("ci_high").value
    assert corrected.extra_html == plain.extra_html
    assert any("только в интервале общего NPS" in note for note in corrected.notes)
    with pytest.raises(InputError) as caught:
        CALCULATOR.run(survey_mode(population="22"))
    assert caught.value.field == "population"


def test_existing_modes_keep_their_figures():
    report = CALCULATOR.run(CALCULATOR.defaults())
    assert [figure.key for figure in report.figures] == [
        "nps",
        "ci_low",
        "ci_high",
        "n",
        "promoters_pct",
        "passives_pct",
        "detractors_pct",
    ]


def test_a_windows_1251_upload_through_the_bridge():
    # What the worker passes for a chosen file: its bytes as a memoryview, beside the text values.
    rows = ["Компания;Тариф;Оценка NPS", "ООО «Альфа»;Базовый;9", "ООО «Бета»;Базовый;6", "АО «Гамма»;Про;10,0"]
    upload = memoryview("\r\n".join(rows).encode("cp1251"))
    params = json.dumps(survey_mode(segment_column="тариф"))
    answer = json.loads(run("nps", params, {"survey_file": upload}))
    assert answer["status"] == "ok", answer
    # Two promoters (9 and «10,0») and one critic out of three: (2 − 1)/3 = 33,3.
    assert (answer["values"]["n"], answer["values"]["nps"], answer["values"]["segments"]) == ("3", "33.3", "2")
    assert "Windows-1251" in answer["html"]
    assert "«Тариф»" in answer["html"]


def test_a_spreadsheet_upload_through_the_bridge_names_the_file_field():
    answer = json.loads(run("nps", json.dumps(survey_mode()), {"survey_file": b"PK\x03\x04" + bytes(64)}))
    assert [error["field"] for error in answer["errors"]] == ["survey_file"]
    assert "Excel" in answer["errors"][0]["message"]
