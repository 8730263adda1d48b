"""Known cases, bad input, ranges and properties of `calculators.nrr`.

Expected values were recomputed with exact fractions outside the module. Nothing here depends
on the benchmark values in `docs/data/benchmarks.json`: editors may change them, and the
expectations are computed from whatever the file says.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calculators import bridge
from calculators.benchmarks import load_benchmarks
from calculators.errors import InputError
from calculators.nrr import CALCULATOR, NrrInputs, corner_metrics, position, retention
from tests.calculators.ordering import between
from tests.strategies import nrr_amounts

# The handbook's worked example, in roubles of MRR.
EXAMPLE = {"start_mrr": "100000", "expansion": "15000", "contraction": "3000", "churned": "5000"}


def run(**inputs: str):
    return CALCULATOR.run(CALCULATOR.defaults() | inputs)


@pytest.mark.parametrize(
    ("start", "expansion", "contraction", "churned", "nrr", "grr", "end"),
    [
        # The handbook's worked example.
        (100000, 15000, 3000, 5000, 107.0, 92.0, 107000.0),
        # Nothing moved: both metrics are exactly 100 %.
        (100, 0, 0, 0, 100.0, 100.0, 100.0),
        # Losses equal to the start are allowed: everything is gone.
        (100, 0, 60, 40, 0.0, 0.0, 0.0),
        # Expansion only: NRR above 100 %, GRR stays at 100 %.
        (100000, 50000, 0, 0, 150.0, 100.0, 150000.0),
        # Not round numbers: 235 / 250 and 225 / 250.
        (250, 10, 5, 20, 94.0, 90.0, 235.0),
        # 1,1 + 2,2 is 3,3000000000000003 in binary: still equal to the start, not above it.
        (3.3, 0, 1.1, 2.2, 0.0, 0.0, 0.0),
        # The extremes the fields allow: (1 + 10¹²) / 1 × 100 without overflow.
        (1, 1e12, 0, 0, 1e14 + 100, 100.0, 1e12 + 1),
    ],
)
def test_known_cases(start, expansion, contraction, churned, nrr, grr, end):
    result = retention(NrrInputs(start, expansion, contraction, churned))
    assert result.nrr == pytest.approx(nrr, abs=1e-9)
    assert result.grr == pytest.approx(grr, abs=1e-9)
    assert result.end_mrr == pytest.approx(end, abs=1e-9)


def test_report_for_the_handbook_example():
    report = run(**EXAMPLE)
    assert report.figure("nrr").value == pytest.approx(107)
    assert report.figure("grr").value == pytest.approx(92)
    assert report.figure("end_mrr").value == pytest.approx(107000)
    marks = load_benchmarks()
    assert position(107, marks["nrr_median"], marks["nrr_top_quartile"]) in report.summary


def test_defaults_are_b2b_sized_and_keep_the_example_percentages():
    report = run()
    assert float(CALCULATOR.field("start_mrr").default) >= 1_000_000
    assert (report.figure("nrr").value, report.figure("grr").value) == (107.0, 92.0)


@pytest.mark.parametrize("key", ["nrr_median", "nrr_top_quartile"])
def test_benchmarks_come_from_the_data_file_with_their_source(key):
    benchmark = load_benchmarks()[key]
    report = run()
    figure = report.figure(key)
    assert (figure.value, figure.text, figure.hint) == (benchmark.low, benchmark.text, benchmark.citation)
    assert benchmark.text in report.chart_svg
    assert benchmark.citation in report.summary


def expansion_for(nrr: float) -> str:
    """The expansion that gives `nrr` % on the example's start, contraction and churn."""
    return str(nrr * 1000 - 100000 + 3000 + 5000)


@pytest.mark.parametrize(
    ("mark", "shift", "where"),
    [
        ("nrr_median", -1, "ниже медианы"),
        # Exactly at the median and at the top quartile: «≥» means the boundary counts.
        ("nrr_median", 0, "выше медианы"),
        ("nrr_top_quartile", 0, "на уровне верхнего квартиля"),
        ("nrr_top_quartile", 5, "на уровне верхнего квартиля"),
    ],
)
def test_position_against_benchmarks(mark, shift, where):
    # The NRR is placed relative to whatever the data file says, so editing a value breaks nothing.
    nrr = load_benchmarks()[mark].low + shift
    assert where in run(**EXAMPLE | {"expansion": expansion_for(nrr)}).summary


def test_scale_marks_an_nrr_beyond_its_edge():
    assert "за краем шкалы" in run(**EXAMPLE | {"expansion": "900000"}).chart_svg


def test_no_expansion_makes_nrr_equal_grr():
    report = run(**EXAMPLE | {"expansion": "0"})
    assert report.figure("nrr").value == report.figure("grr").value
    assert any("совпадает с GRR" in note for note in report.notes)


@pytest.mark.parametrize(
    ("raw", "field", "message_part"),
    [
        ({"start_mrr": "0"}, "start_mrr", "не меньше 1"),
        # Percentages of a fraction of a rouble would overflow; refused like zero.
        ({"start_mrr": "1e-300"}, "start_mrr", "не меньше 1"),
        ({"start_mrr": "-5"}, "start_mrr", "меньше 0"),
        ({"start_mrr": ""}, "start_mrr", "Заполните"),
        ({"start_mrr": "1e13"}, "start_mrr", "больше"),
        ({"expansion": "-1"}, "expansion", "меньше 0"),
        ({"contraction": "abc"}, "contraction", "Введите число"),
        ({"churned": "NaN"}, "churned", "Введите число"),
        ({"churned": "1e309"}, "churned", "слишком большое"),
        # Losses above the start are impossible; the message sits on the start, which they all exceed.
        ({"contraction": "60000", "churned": "50000"}, "start_mrr", "меньше, чем сокращение и отток"),
        ({"churned": "100000,01"}, "start_mrr", "меньше, чем сокращение и отток"),
        ({"start_mrr": "7999"}, "start_mrr", "меньше, чем сокращение и отток"),
        # Ranges: reversed, junk, and a corner that loses more than the start had.
        ({"expansion": "20000..10000"}, "expansion", "Начало диапазона больше конца"),
        ({"churned": "x..5"}, "churned", "два числа через две точки"),
        ({"churned": "5000..99000"}, "start_mrr", "на краю диапазонов"),
    ],
)
def test_bad_input_names_the_field(raw, field, message_part):
    with pytest.raises(InputError) as caught:
        run(**EXAMPLE | raw)
    assert caught.value.field == field
    assert message_part in caught.value.message


def test_negative_amounts_are_refused_by_the_function_too():
    with pytest.raises(InputError) as caught:
        retention(NrrInputs(100, -1, 0, 0))
    assert caught.value.field == "expansion"


def test_bridge_answers_ok_and_error_in_json():
    ok = json.loads(bridge.run("nrr", json.dumps(EXAMPLE)))
    assert ok["status"] == "ok"
    assert ok["values"]["nrr"] == "107.0"
    assert ok["values"]["grr"] == "92.0"
    error = json.loads(bridge.run("nrr", json.dumps(EXAMPLE | {"contraction": "99000"})))
    assert error["status"] == "error"
    assert [problem["field"] for problem in error["errors"]] == ["start_mrr"]


@given(nrr_amounts())
def test_nrr_is_never_below_grr(amounts):
    result = retention(NrrInputs(*amounts))
    assert result.nrr >= result.grr
    assert 0 <= result.grr <= 100 + 1e-9


@given(nrr_amounts())
def test_end_mrr_is_nrr_of_the_start(amounts):
    result = retention(NrrInputs(*amounts))
    assert result.end_mrr == pytest.approx(result.nrr * amounts[0] / 100)


def test_ranges_give_bounds_a_method_step_and_a_tornado():
    report = run(**EXAMPLE | {"expansion": "10000..20000", "churned": "3000..7000"})
    # Point at the midpoints: 15 000 and 5 000, the handbook's example.
    assert report.figure("nrr").value == pytest.approx(107)
    # NRR from (100 000 + 10 000 − 3 000 − 7 000) to (100 000 + 20 000 − 3 000 − 3 000), per 1 000.
    assert (report.figure("nrr_low").value, report.figure("nrr_high").value) == (100.0, 114.0)
    assert (report.figure("grr_low").value, report.figure("grr_high").value) == (90.0, 94.0)
    assert "4 сочетаниям" in report.steps[-1]
    # Expansion swings NRR by 10 points, churn by 4: expansion is the first bar.
    assert report.extra_html.index("Расширение") < report.extra_html.index("Отток")
    assert json.loads(bridge.run("nrr", json.dumps(EXAMPLE | {"churned": "3000…7000"})))["values"]["nrr_low"] == (
        "105.0"
    )


NRR_AXES = ("start_mrr", "expansion", "contraction", "churned")


@pytest.mark.parametrize("axis", NRR_AXES)
@given(amounts=nrr_amounts(), factors=st.lists(st.floats(min_value=0, max_value=1), min_size=3, max_size=3))
def test_nrr_and_grr_are_monotone_in_each_amount(axis, amounts, factors):
    # The range result is exact only because of this: extremes sit at the corners.
    base = dict(zip(NRR_AXES, amounts, strict=True))
    if axis == "start_mrr":
        # Any start at or above the losses is valid; scale the room above them.
        lost = base["contraction"] + base["churned"]
        points = [max(lost, 1.0) + f * 1e9 for f in sorted(factors)]
    elif axis == "expansion":
        points = [f * 1e9 for f in sorted(factors)]
    else:
        room = base["start_mrr"] - sum(base[name] for name in ("contraction", "churned") if name != axis)
        points = [f * max(room, 0.0) for f in sorted(factors)]
    found = [corner_metrics(base | {axis: x}) for x in points]
    for key in ("nrr", "grr"):
        assert between(found[0][key], found[2][key], found[1][key])
