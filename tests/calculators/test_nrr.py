"""Known cases, bad input and properties of `calculators.nrr`.

Expected values were recomputed with exact fractions outside the module.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import given

from calculators import bridge
from calculators.benchmarks import load_benchmarks
from calculators.errors import InputError
from calculators.nrr import CALCULATOR, NrrInputs, retention
from tests.strategies import nrr_amounts


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
    report = run()
    assert report.figure("nrr").value == pytest.approx(107)
    assert report.figure("grr").value == pytest.approx(92)
    assert report.figure("end_mrr").value == pytest.approx(107000)
    assert "выше медианы, но ниже верхнего квартиля" in report.summary


@pytest.mark.parametrize("key", ["nrr_median", "nrr_top_quartile"])
def test_benchmarks_come_from_the_data_file_with_their_source(key):
    benchmark = load_benchmarks()[key]
    report = run()
    figure = report.figure(key)
    assert (figure.value, figure.text, figure.hint) == (benchmark.low, benchmark.text, benchmark.citation)
    assert benchmark.text in report.chart_svg
    assert benchmark.citation in report.summary


@pytest.mark.parametrize(
    ("expansion", "where"),
    [
        ("0", "ниже медианы"),
        # Exactly at the median and at the top quartile: «≥» means the boundary counts.
        ("12000", "выше медианы"),
        ("18000", "верхнего квартиля"),
        ("25000", "на уровне верхнего квартиля"),
    ],
)
def test_position_against_benchmarks(expansion, where):
    assert where in run(expansion=expansion).summary


def test_scale_marks_an_nrr_beyond_its_edge():
    assert "за краем шкалы" in run(expansion="900000").chart_svg


def test_no_expansion_makes_nrr_equal_grr():
    report = run(expansion="0")
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
    ],
)
def test_bad_input_names_the_field(raw, field, message_part):
    with pytest.raises(InputError) as caught:
        run(**raw)
    assert caught.value.field == field
    assert message_part in caught.value.message


def test_negative_amounts_are_refused_by_the_function_too():
    with pytest.raises(InputError) as caught:
        retention(NrrInputs(100, -1, 0, 0))
    assert caught.value.field == "expansion"


def test_bridge_answers_ok_and_error_in_json():
    ok = json.loads(bridge.run("nrr", "{}"))
    assert ok["status"] == "ok"
    assert ok["values"]["nrr"] == "107.0"
    assert ok["values"]["grr"] == "92.0"
    error = json.loads(bridge.run("nrr", json.dumps({"contraction": "99000"})))
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
