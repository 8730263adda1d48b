"""Known cases, bad input, edge cases and properties of `calculators.clv`.

The expected numbers were checked apart from the module: CLV by summing the yearly margin
term by term for thousands of years and by exact fractions, the churn-aware payback by a
simulation in 1/1000-month steps.
"""

from __future__ import annotations

import json
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calculators import bridge
from calculators.benchmarks import load_benchmarks
from calculators.clv import (
    CALCULATOR,
    AdvancedInputs,
    SimpleInputs,
    churn_payback,
    clv_advanced,
    clv_simple,
    ratio_verdict,
    simple_payback,
    years,
)
from calculators.errors import InputError
from tests.strategies import (
    any_churn,
    any_discount,
    cacs,
    churn_rates,
    discount_rates,
    margins,
    money,
    positive_margins,
    positive_money,
)

CAC_KEYS = {"ltv_cac", "verdict", "payback_months", "payback_months_churn", "cac_payback"}


def run(**inputs: str):
    return CALCULATOR.run(CALCULATOR.defaults() | inputs)


@pytest.mark.parametrize(
    ("arpa", "margin", "churn", "discount", "clv", "lifetime"),
    [
        # The handbook's worked example: m = 9 600, CLV = m / c.
        (12000, 80, 10, 0, 96000.0, 10.0),
        # Discounting at a rate equal to churn: 9 600 × 1,1 / 0,2.
        (12000, 80, 10, 10, 52800.0, 10.0),
        # Margin 100 %: the handbook's «simple form» figure, ARR × 1/c.
        (12000, 100, 10, 0, 120000.0, 10.0),
        # A case not built from round numbers: 9 600 × 1,05 / 0,25.
        (12000, 80, 20, 5, 40320.0, 5.0),
        # No churn but discounting: a finite perpetuity, the lifetime has no limit.
        (12000, 80, 0, 10, 105600.0, None),
        # Churn exactly 100 %: one undiscounted year, whatever the discount rate.
        (12000, 80, 100, 10, 9600.0, 1.0),
        # Above 100 %: m / c without discounting, continuous with the 100 % case.
        (12000, 80, 150, 10, 6400.0, 2 / 3),
        # Negative margin: CLV is a loss, not an error.
        (12000, -5, 10, 0, -6000.0, 10.0),
        # Zero revenue: nothing to earn.
        (0, 80, 10, 0, 0.0, 10.0),
    ],
)
def test_known_cases(arpa, margin, churn, discount, clv, lifetime):
    result = clv_advanced(AdvancedInputs(arpa, margin, churn, discount))
    assert result.clv == pytest.approx(clv)
    assert result.unbounded is False
    if lifetime is None:
        assert result.lifetime_years is None
    else:
        assert result.lifetime_years == pytest.approx(lifetime)


@pytest.mark.parametrize(
    ("churn", "cac", "ratio", "payback", "payback_churn"),
    [
        # The brief's check: CLV 96 000 against CAC 24 000, payback 24 000 / 800 months.
        (10, 24000, 4.0, 30.0, 34.38),
        # More churn: the same simple payback, a longer churn-aware one (simulated 41,24).
        (20, 24000, 2.0, 30.0, 41.24),
        # No churn: both paybacks coincide.
        (0, 24000, None, 30.0, 30.0),
        # The margin the survivors can ever bring, g / p = 19 200, is below CAC: never.
        (50, 24000, 0.8, 30.0, None),
        # 1 200 %: everyone leaves within the first month, which still covers half its margin.
        (1200, 400, 2.0, 0.5, 0.5),
    ],
)
def test_ratio_and_payback(churn, cac, ratio, payback, payback_churn):
    result = clv_advanced(AdvancedInputs(12000, 80, churn, 0, cac=cac))
    acquisition = result.acquisition
    if ratio is not None:
        assert acquisition.ltv_cac == pytest.approx(ratio)
    assert acquisition.payback.months == pytest.approx(payback)
    if payback_churn is None:
        assert acquisition.payback_churn.months is None
        assert acquisition.payback_churn.never
    else:
        assert acquisition.payback_churn.months == pytest.approx(payback_churn, abs=0.01)


def test_report_figures_for_the_brief_check():
    report = run(cac="24000")
    assert report.figure("clv").value == pytest.approx(96000)
    assert report.figure("ltv_cac").value == pytest.approx(4.0)
    assert report.figure("payback_months").value == pytest.approx(30)
    assert report.figure("verdict").text == ratio_verdict(4.0)
    assert run(discount_rate="10").figure("clv").value == pytest.approx(52800)


def test_benchmark_is_the_data_file_figure_with_its_source():
    benchmark = load_benchmarks()["cac_payback"]
    figure = run(cac="24000").figure("cac_payback")
    assert figure.value == benchmark.low
    assert figure.text == benchmark.text
    assert figure.hint == benchmark.citation
    # 30 months is longer than the benchmark, and the report says so.
    assert "дольше ориентира" in run(cac="24000").summary
    assert "укладывается" in run(cac="9000").summary


def test_missing_cac_leaves_the_ratio_and_payback_out_entirely():
    report = run(cac="")
    keys = {figure.key for figure in report.figures}
    assert keys == {"clv", "lifetime_years"}
    assert not keys & CAC_KEYS
    assert json.loads(bridge.run("clv", "{}"))["values"].keys() == {"clv", "lifetime_years"}


def test_unbounded_clv_shows_the_horizon_value_and_says_so():
    report = run(churn="0", discount_rate="0", horizon_years="5")
    assert report.figure("clv").value == pytest.approx(9600 * 5)
    assert report.figure("lifetime_years").value is None
    assert report.figure("lifetime_years").text == "не ограничен"
    assert "не ограничен" in report.summary
    assert any("горизонт 5\u00a0лет" in note for note in report.notes)


def test_churn_over_100_percent_is_answered_with_a_note():
    report = run(churn="150")
    assert report.figure("clv").value == pytest.approx(6400)
    assert any("больше 100" in note for note in report.notes)


@pytest.mark.parametrize("margin", ["0", "-20"])
def test_no_margin_means_cac_never_pays_back(margin):
    report = run(gross_margin=margin, cac="24000")
    for key in ("payback_months", "payback_months_churn"):
        assert report.figure(key).value is None
        assert report.figure(key).text == "никогда"
    assert report.figure("verdict").text == ratio_verdict(-1)
    assert any("не окупаются никогда" in note for note in report.notes)


def test_payback_beyond_a_century_has_no_number():
    # A positive but microscopic margin would otherwise give a payback of ~10³¹⁵ months.
    report = run(arpa="1e-300", churn="0", discount_rate="5", cac="1e12")
    figure = report.figure("payback_months")
    assert figure.value is None
    assert figure.text == "больше 100\u00a0лет"
    assert any("больше 100" in note for note in report.notes)


def test_simple_form_multiplies_arr_by_lifetime():
    report = run(mode="simple", arr="12000", lifetime_years="10", cac="30000")
    assert report.figure("clv").value == pytest.approx(120000)
    assert report.figure("ltv_cac").value == pytest.approx(4)
    assert {figure.key for figure in report.figures} == {"clv", "lifetime_years", "ltv_cac", "verdict"}
    assert clv_simple(SimpleInputs(5000, 2.5)).clv == pytest.approx(12500)


def test_stale_advanced_input_does_not_block_the_simple_form():
    assert run(mode="simple", arpa="abc", churn="-1").figure("clv").value == pytest.approx(120000)


@pytest.mark.parametrize(
    ("ratio", "fragment"),
    [
        (0.5, "убыточно"),
        (1.0, "ниже ориентира"),
        # Exactly 3:1 meets the rule of thumb.
        (3.0, "в норме"),
        (5.0, "в норме"),
        (5.01, "выше 5:1"),
    ],
)
def test_verdict_thresholds(ratio, fragment):
    assert fragment in ratio_verdict(ratio)


@pytest.mark.parametrize(
    ("raw", "field", "message_part"),
    [
        ({"arpa": "-1"}, "arpa", "меньше 0"),
        ({"arpa": "1e13"}, "arpa", "больше"),
        ({"arpa": ""}, "arpa", "Заполните"),
        ({"arpa": "двенадцать"}, "arpa", "Введите число"),
        ({"gross_margin": "101"}, "gross_margin", "больше 100"),
        ({"gross_margin": "-101"}, "gross_margin", "меньше"),
        ({"churn": "-5"}, "churn", "меньше 0"),
        ({"churn": "1201"}, "churn", "больше 1\u00a0200"),
        # Non-zero but tiny rates would make CLV astronomically large.
        ({"churn": "0,001"}, "churn", "почти ноль"),
        ({"discount_rate": "0.005"}, "discount_rate", "почти ноль"),
        ({"discount_rate": "101"}, "discount_rate", "больше 100"),
        ({"horizon_years": "0"}, "horizon_years", "меньше 1"),
        ({"horizon_years": "2,5"}, "horizon_years", "целое"),
        ({"horizon_years": "101"}, "horizon_years", "больше 100"),
        # A zero CAC would make the ratio infinite: leave the field empty instead.
        ({"cac": "0"}, "cac", "оставьте поле пустым"),
        ({"cac": "-100"}, "cac", "меньше 0"),
        ({"cac": "NaN"}, "cac", "Введите число"),
        ({"cac": "1e309"}, "cac", "слишком большое"),
        ({"mode": "medium"}, "mode", "Выберите"),
        ({"mode": "simple", "arr": "-1"}, "arr", "меньше 0"),
        ({"mode": "simple", "lifetime_years": "101"}, "lifetime_years", "больше 100"),
        ({"mode": "simple", "cac": "0"}, "cac", "оставьте поле пустым"),
    ],
)
def test_bad_input_names_the_field(raw, field, message_part):
    with pytest.raises(InputError) as caught:
        run(**raw)
    assert caught.value.field == field
    assert message_part in caught.value.message


def test_bridge_answers_ok_and_error_in_json():
    ok = json.loads(bridge.run("clv", json.dumps({"cac": "24000"})))
    assert ok["status"] == "ok"
    assert ok["values"]["clv"] == "96000"
    assert ok["values"]["payback_months"] == "30.0"
    assert 'data-result="payback_months_churn"' in ok["html"]
    error = json.loads(bridge.run("clv", json.dumps({"churn": "0,001"})))
    assert error["status"] == "error"
    assert error["errors"][0]["field"] == "churn"


def test_years_agree_with_the_number():
    assert [years(n) for n in (1, 2, 5, 11, 22, 100)] == [
        "1\u00a0год",
        "2\u00a0года",
        "5\u00a0лет",
        "11\u00a0лет",
        "22\u00a0года",
        "100\u00a0лет",
    ]


@given(positive_money, positive_margins, churn_rates, churn_rates, any_discount)
def test_clv_never_grows_with_churn(arpa, margin, churn_a, churn_b, discount):
    # Zero churn is left out: without discounting it reports the value over a horizon instead.
    low, high = sorted((churn_a, churn_b))
    lower_churn = clv_advanced(AdvancedInputs(arpa, margin, low, discount)).clv
    higher_churn = clv_advanced(AdvancedInputs(arpa, margin, high, discount)).clv
    assert higher_churn <= lower_churn * (1 + 1e-12)


@given(positive_money, positive_margins, any_churn, discount_rates, discount_rates)
def test_clv_never_grows_with_the_discount_rate(arpa, margin, churn, discount_a, discount_b):
    low, high = sorted((discount_a, discount_b))
    lower_rate = clv_advanced(AdvancedInputs(arpa, margin, churn, low)).clv
    higher_rate = clv_advanced(AdvancedInputs(arpa, margin, churn, high)).clv
    assert higher_rate <= lower_rate * (1 + 1e-12)


@given(money, margins, any_churn, any_discount, cacs)
def test_every_figure_is_finite_and_paybacks_are_ordered(arpa, margin, churn, discount, cac):
    result = clv_advanced(AdvancedInputs(arpa, margin, churn, discount, cac=cac))
    assert math.isfinite(result.clv)
    if result.acquisition is not None:
        payback, payback_churn = result.acquisition.payback, result.acquisition.payback_churn
        assert math.isfinite(result.acquisition.ltv_cac)
        if payback_churn.months is not None:
            # Churn only removes margin, so it can only delay the payback.
            assert payback.months is not None
            assert payback.months <= payback_churn.months * (1 + 1e-9) + 1e-9
        if payback.never:
            assert payback_churn.never


@given(st.floats(min_value=0.01, max_value=1e12), st.floats(min_value=1e-300, max_value=1e12), any_churn)
def test_payback_is_bounded_or_absent(cac, monthly_margin, churn):
    for payback in (simple_payback(cac, monthly_margin), churn_payback(cac, monthly_margin, churn / 1200)):
        assert payback.months is None or 0 <= payback.months <= 1200
