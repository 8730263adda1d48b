"""Known cases, external references, bad input and the report of `calculators.clv`.

The expected numbers were checked apart from the module: CLV by summing the yearly margin
term by term and by exact fractions, the churn-aware payback by a simulation in 1/1000-month
steps, the «never» boundaries by exact rational arithmetic. Properties of the churn model and
of ranges live in `test_clv_properties.py`.
"""

from __future__ import annotations

import json
import math

import pytest

from calculators import bridge
from calculators.benchmarks import load_benchmarks
from calculators.clv import CALCULATOR
from calculators.clv.maths import AdvancedInputs, SimpleInputs, clv_advanced, clv_conventions, clv_simple, years
from calculators.clv.report import SKOK, meets, ratio_verdict
from calculators.errors import InputError

CAC_KEYS = {
    "ltv_cac",
    "verdict",
    "payback_months",
    "payback_months_churn",
    "cac_payback",
    "churn_for_ltv_cac_3",
    "cac_for_ltv_cac_3",
}
# The handbook's small worked example: m = 12 000 × 0,8 = 9 600 a year, g = 800 a month.
SMALL = {"arpa": "12000", "gross_margin": "80"}

# Fader, P. S. & Hardie, B. G. S. (2012). «Reconciling and Clarifying CLV Formulas».
# http://brucehardie.com/notes/024/ — formulas (1) m(1 + d)/(1 + d − r) (Blattberg et al.),
# (2) m·r/(1 + d − r) (Kotler & Keller; Lehmann & Winer) and (3) m/(1 + d − r) (Ofek; Davis),
# evaluated at m = 9 600, r = 0,9, d = 0,1.
FADER_HARDIE_CASE = {"m": 9600, "r": 0.9, "d": 0.1, "start": 52800, "end": 43200, "middle": 48000}

# Published CAC payback examples (payback = CAC / monthly gross profit, no churn):
# Aura Revenue, «SaaS CAC Payback: Formula and Forecasting Example»,
# https://www.aurarevenue.com/learn/saas-cac-payback — $500 a month at 80 % margin, CAC $2 400:
# six months; at 50 % margin 9,6 months. calculatorlib.com, «CAC Payback Period Calculator»,
# https://calculatorlib.com/cac-payback-period-calculator — CAC $1 200, ARPU $100, 80 %: 15 months.
PUBLISHED_PAYBACKS = [
    (500, 80, 2400, 6.0),
    (500, 50, 2400, 9.6),
    (100, 80, 1200, 15.0),
]


def run(**inputs: str):
    return CALCULATOR.run(CALCULATOR.defaults() | inputs)


def test_fader_hardie_conventions_match_the_published_case():
    case = FADER_HARDIE_CASE
    conventions = clv_conventions(case["m"], 1 - case["r"], case["d"])
    assert conventions.start == pytest.approx(case["start"])
    assert conventions.end == pytest.approx(case["end"])
    assert conventions.middle == pytest.approx(case["middle"])
    # The page shows the first two: churn 10 % a year is retention 0,9.
    report = run(**SMALL, churn="10", discount_rate="10")
    assert report.figure("clv").value == pytest.approx(case["start"])
    assert report.figure("clv_end_of_year").value == pytest.approx(case["end"])
    assert "на одну годовую маржу меньше" in " ".join(report.steps)


@pytest.mark.parametrize(("monthly_revenue", "margin", "cac", "months"), PUBLISHED_PAYBACKS)
def test_simple_payback_matches_published_examples(monthly_revenue, margin, cac, months):
    report = run(arpa=str(monthly_revenue * 12), gross_margin=str(margin), churn="10", cac=str(cac))
    assert report.figure("payback_months").value == pytest.approx(months)


@pytest.mark.parametrize(
    ("arpa", "margin", "churn", "unit", "discount", "clv", "lifetime"),
    [
        # The handbook's worked example: m = 9 600, CLV = m / c.
        (12000, 80, 10, "year", 0, 96000.0, 10.0),
        # Discounting at a rate equal to churn: 9 600 × 1,1 / 0,2.
        (12000, 80, 10, "year", 10, 52800.0, 10.0),
        # A case not built from round numbers: 9 600 × 1,05 / 0,25.
        (12000, 80, 20, "year", 5, 40320.0, 5.0),
        # No churn but discounting: a finite perpetuity, the lifetime has no limit.
        (12000, 80, 0, "year", 10, 105600.0, None),
        # Churn exactly 100 %: the one year paid at acquisition, whatever the discount rate.
        (12000, 80, 100, "year", 10, 9600.0, 1.0),
        # Issue 11: losing 10 % a month is losing 1 − 0,9¹² = 71,757 % a year, not 120 %: CLV 1,39·m.
        (12000, 80, 10, "month", 0, 9600 / (1 - 0.9**12), 1 / (1 - 0.9**12)),
        # The same business typed as its yearly loss gives the same answer.
        (12000, 80, 71.7570463519, "year", 0, 9600 / (1 - 0.9**12), 1 / (1 - 0.9**12)),
        # Negative margin: CLV is a loss, not an error.
        (12000, -5, 10, "year", 0, -6000.0, 10.0),
        # Zero revenue: nothing to earn.
        (0, 80, 10, "year", 0, 0.0, 10.0),
    ],
)
def test_known_cases(arpa, margin, churn, unit, discount, clv, lifetime):
    result = clv_advanced(AdvancedInputs(arpa, margin, churn, discount, churn_unit=unit))
    assert result.clv == pytest.approx(clv)
    assert result.unbounded is False
    if lifetime is None:
        assert result.lifetime_years is None
    else:
        assert result.lifetime_years == pytest.approx(lifetime)


@pytest.mark.parametrize(
    ("churn", "unit", "cac", "payback_churn"),
    [
        # 10 % a year is 0,874 % a month; simulated in 1/1000-month steps: 34,64.
        ("10", "year", "24000", 34.64),
        # More churn, a longer churn-aware payback (simulated 43,27).
        ("20", "year", "24000", 43.27),
        # No churn: both paybacks coincide.
        ("0", "year", "24000", 30.0),
        # Issue 11 boundary, re-derived: 10 % a month (the old «120 % a year») makes the limit g/p
        # exactly 800 / 0,1 = 8 000 = CAC. The old model answered «329 months» (1,2/12 in floats).
        ("10", "month", "8000", None),
        # The same business typed as its real yearly loss 1 − 0,9¹² = 71,7570463519 %: still exactly never.
        ("71.7570463519", "year", "8000", None),
        # One rouble under the limit: paid back, late (simulated 85,31).
        ("10", "month", "7999", 85.31),
        # Issue 11 boundary, re-derived: the old model read 60 % a year as 5 % a month, limit 16 000 = CAC.
        # Typed as 5 % a month that is exactly never.
        ("5", "month", "16000", None),
        # 60 % a year is 7,35 % a month in the coherent model: the limit 10 881 is far below 16 000.
        ("60", "year", "16000", None),
        # …and a CAC under that limit is paid back (simulated 32,91).
        ("60", "year", "10000", 32.91),
        # Everyone leaves after the first month, whose margin equals CAC exactly: paid back in it.
        ("100", "month", "800", 1.0),
        # One kopeck more and it never is.
        ("100", "month", "800.01", None),
        # Half of the margin is collected within the first month.
        ("100", "year", "400", 0.5),
    ],
)
def test_churn_aware_payback_and_its_exact_never(churn, unit, cac, payback_churn):
    report = run(**SMALL, churn=churn, churn_unit=unit, cac=cac)
    figure = report.figure("payback_months_churn")
    if payback_churn is None:
        assert (figure.value, figure.text) == (None, "никогда")
        assert "не окупается никогда" in " ".join(report.steps)
    else:
        assert figure.value == pytest.approx(payback_churn, abs=0.01)


def test_ratio_and_simple_payback_of_the_worked_example():
    report = run(**SMALL, churn="10", cac="24000")
    assert report.figure("clv").value == pytest.approx(96000)
    assert report.figure("ltv_cac").value == pytest.approx(4.0)
    assert report.figure("payback_months").value == pytest.approx(30)
    assert report.figure("verdict").text == ratio_verdict(4.0)


def test_payback_of_six_and_a_quarter_months_rounds_half_away_from_zero():
    # 5 000 / 800 = 6,25: Python's round() gives 6,2; a reader expects 6,3.
    figure = run(**SMALL, churn="10", cac="5000").figure("payback_months")
    assert (figure.text, figure.data_value) == ("6,3", "6.3")


def test_rule_of_thumb_is_cited_and_never_called_a_norm():
    report = run(**SMALL, churn="10", cac="24000")
    verdict = report.figure("verdict")
    assert verdict.hint == SKOK
    assert "норм" not in verdict.text
    assert "эмпирическое правило" in " ".join(report.steps)


@pytest.mark.parametrize(
    ("ratio", "fragment"),
    [
        (0.5, "не окупается"),
        (1.0, "ниже ориентира"),
        # Exactly 3:1 meets the rule of thumb.
        (3.0, "не ниже ориентира"),
        # No separate verdict above 5:1: that threshold has no traceable source.
        (7.0, "не ниже ориентира"),
    ],
)
def test_verdict_thresholds(ratio, fragment):
    assert fragment in ratio_verdict(ratio)


def test_goal_seek_answers_the_churn_and_the_cac_for_three_to_one():
    report = run(**SMALL, churn="10", cac="24000")
    # CLV = 9 600 / c = 72 000 at c = 13,33 %; CLV / 3 = 32 000.
    assert report.figure("churn_for_ltv_cac_3").value == pytest.approx(40 / 3, abs=0.005)
    assert report.figure("cac_for_ltv_cac_3").value == pytest.approx(32000)
    monthly = run(**SMALL, churn="0.874", churn_unit="month", cac="24000").figure("churn_for_ltv_cac_3")
    assert monthly.value == pytest.approx(100 * (1 - (1 - 0.4 / 3) ** (1 / 12)), abs=0.005)
    assert run(**SMALL, churn="10", discount_rate="50", cac="1000000").figure("churn_for_ltv_cac_3").text == (
        "недостижимо"
    )


def test_benchmark_is_the_data_file_figure_with_its_source():
    benchmark = load_benchmarks()["cac_payback"]
    report = run(**SMALL, churn="10", cac="24000")
    figure = report.figure("cac_payback")
    assert (figure.value, figure.text, figure.hint) == (benchmark.low, benchmark.text, benchmark.citation)
    # Whatever the data file says, the sentence agrees with the comparison it states.
    for cac in ("9000", "24000"):
        summary = run(**SMALL, churn="10", cac=cac).summary
        assert ("укладывается" in summary) == meets(float(cac) / 800, benchmark)


def test_missing_cac_leaves_the_ratio_and_payback_out_entirely():
    report = run(cac="")
    keys = {figure.key for figure in report.figures}
    assert not keys & CAC_KEYS
    assert not json.loads(bridge.run("clv", "{}"))["values"].keys() & CAC_KEYS


def test_monthly_churn_shows_its_yearly_equivalent_in_the_steps():
    report = run(**SMALL, churn="10", churn_unit="month")
    assert report.figure("churn_yearly").value == pytest.approx(71.757, abs=0.001)
    assert "годовой отток c = 1 − 0,2824 = 71,76\u00a0%" in " ".join(report.steps)


def test_yearly_churn_shows_its_monthly_equivalent_in_the_steps():
    report = run(**SMALL, churn="50")
    assert report.figure("churn_monthly").value == pytest.approx(100 * (1 - 0.5 ** (1 / 12)), abs=0.005)
    assert "p = 1 − (1 − c)^(1/12)" in " ".join(report.steps)


def test_unbounded_clv_shows_the_horizon_value_and_says_so():
    report = run(**SMALL, churn="0", horizon_years="5")
    assert report.figure("clv").value == pytest.approx(9600 * 5)
    assert report.figure("lifetime_years").value is None
    assert report.figure("lifetime_years").text == "не ограничен"
    assert "не ограничен" in report.summary
    assert any("горизонт 5\u00a0лет" in note for note in report.notes)


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
    assert run(mode="simple", arr="12000", lifetime_years="10", arpa="abc", churn="-1").figure(
        "clv"
    ).value == pytest.approx(120000)


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
        # More than everyone cannot leave; the message points to the monthly unit.
        ({"churn": "120"}, "churn", "выберите «в месяц»"),
        ({"churn": "101", "churn_unit": "month"}, "churn", "За месяц нельзя"),
        ({"churn_unit": "week"}, "churn_unit", "Выберите"),
        # Non-zero but tiny rates would make CLV astronomically large.
        ({"churn": "0,001"}, "churn", "почти ноль"),
        ({"churn": "0,001", "churn_unit": "month"}, "churn", "в месяц"),
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
        # Ranges: reversed, not numbers, one end missing, an end out of bounds, a corner too large.
        ({"churn": "25..15"}, "churn", "напишите 15..25"),
        ({"churn": "a..b"}, "churn", "два числа через две точки"),
        ({"churn": "15.."}, "churn", "два числа через две точки"),
        ({"churn": "-5..5"}, "churn", "Проверьте начало диапазона"),
        ({"gross_margin": "50..150"}, "gross_margin", "Проверьте конец диапазона"),
        ({"churn": "50..120"}, "churn", "больше 100\u00a0%"),
        ({"cac": "0..100"}, "cac", "оставьте поле пустым"),
    ],
)
def test_bad_input_names_the_field(raw, field, message_part):
    with pytest.raises(InputError) as caught:
        run(**raw)
    assert caught.value.field == field
    assert message_part in caught.value.message


def test_bridge_answers_ok_and_error_in_json():
    ok = json.loads(bridge.run("clv", json.dumps(SMALL | {"churn": "10", "cac": "24000"})))
    assert ok["status"] == "ok"
    assert ok["values"]["clv"] == "96000"
    assert ok["values"]["payback_months"] == "30.0"
    assert 'data-result="payback_months_churn"' in ok["html"]
    error = json.loads(bridge.run("clv", json.dumps({"churn": "0,001"})))
    assert error["status"] == "error"
    assert error["errors"][0]["field"] == "churn"


def test_defaults_are_b2b_sized():
    # Content rule: ARPA in hundreds of thousands of roubles a year.
    assert 100_000 <= float(CALCULATOR.field("arpa").default) < 10_000_000
    assert math.isfinite(run().figure("clv").value)


def test_years_agree_with_the_number():
    assert [years(n) for n in (1, 2, 5, 11, 22, 100)] == [
        "1\u00a0год",
        "2\u00a0года",
        "5\u00a0лет",
        "11\u00a0лет",
        "22\u00a0года",
        "100\u00a0лет",
    ]
