"""The lifecycle KPI check: verdicts at every benchmark's boundary, the weakest KPI, raw inputs.

Boundaries are read from `docs/data/benchmarks.json`, never typed here, so an editor who
changes a benchmark changes what these tests expect.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculators.benchmarks import load_benchmarks
from calculators.bridge import run
from calculators.clv.maths import simple_payback
from calculators.errors import InputError
from calculators.kpi.checks import KPIS, check
from calculators.kpi.form import CALCULATOR
from calculators.kpi.text import STAGE_ANSWERS
from calculators.nrr import NrrInputs, retention

STEP = 0.01
# Verdicts (exactly at, just above, just below) for each way a benchmark is written; a range is
# met from its lower end up (the handbook's reading for a «more is better» share).
EXPECTED = {
    ">=": (1, 1, 0),
    ">": (0, 1, 0),
    "<": (0, 0, 1),
    "<=": (1, 0, 1),
    "range": (1, 1, 0),
    # A single observed value, such as the median NRR: reached from it up (every KPI with one is «more is better»).
    "=": (1, 1, 0),
}
BLANK = {item.parameter: "" for item in KPIS}


def answer(**params: str) -> dict:
    return json.loads(run("kpi", json.dumps(BLANK | params)))


def boundary_cases():
    for item in KPIS:
        benchmark = load_benchmarks()[item.benchmark]
        at, above, below = EXPECTED[benchmark.comparison]
        for label, value, verdict in (
            ("at", benchmark.low, at),
            ("just above", benchmark.low + STEP, above),
            ("just below", benchmark.low - STEP, below),
        ):
            yield pytest.param(item.parameter, value, verdict, id=f"{item.parameter}-{label}")


def test_every_kpi_has_a_benchmark_with_a_direction():
    for item in KPIS:
        assert load_benchmarks()[item.benchmark].comparison in EXPECTED, item.parameter


@pytest.mark.parametrize(("parameter", "value", "verdict"), list(boundary_cases()))
def test_verdict_at_each_boundary(parameter, value, verdict):
    reply = answer(**{parameter: repr(value)})
    assert reply["status"] == "ok"
    assert reply["values"][f"verdict_{parameter}"] == str(verdict)
    assert reply["values"]["weakest"] == ("" if verdict else parameter)


def test_only_given_kpis_get_a_verdict():
    reply = answer(nrr="120", ttv="10")
    assert {key for key in reply["values"] if key.startswith("verdict_")} == {"verdict_nrr", "verdict_ttv"}


def test_nothing_given_asks_for_one_figure():
    reply = answer()
    assert reply["status"] == "error"
    assert reply["errors"][0]["field"] == "mql_to_opportunity"


def shortfall(parameter: str, value: float) -> float:
    """The relative shortfall, from the data file."""
    benchmark = load_benchmarks()[next(item.benchmark for item in KPIS if item.parameter == parameter)]
    higher = EXPECTED[benchmark.comparison][1] == 1
    gap = benchmark.low - value if higher else value - benchmark.low
    return gap / benchmark.low


def test_the_weakest_is_the_largest_relative_shortfall():
    nrr = load_benchmarks()["nrr_median"].low
    ttv = load_benchmarks()["time_to_value"].low
    # NRR a fifth below, TTV a half above its ceiling: TTV misses by more.
    values = {"nrr": nrr * 0.8, "ttv": ttv * 1.5}
    assert shortfall("ttv", values["ttv"]) > shortfall("nrr", values["nrr"])
    reply = answer(**{key: repr(value) for key, value in values.items()})
    assert reply["values"]["weakest"] == "ttv"


def test_equal_shortfalls_go_to_the_earlier_stage():
    mql = load_benchmarks()["mql_to_opportunity"].low
    nrr = load_benchmarks()["nrr_median"].low
    reply = answer(mql_to_opportunity=repr(mql / 2), nrr=repr(nrr / 2))
    assert reply["values"]["weakest"] == "mql_to_opportunity"


def test_all_met_leaves_weakest_empty_and_says_so():
    benchmarks = load_benchmarks()
    reply = answer(nrr=repr(benchmarks["nrr_median"].low + 10), ttv=repr(benchmarks["time_to_value"].low / 2))
    assert reply["values"]["weakest"] == ""
    assert "на уровне ориентиров" in reply["html"]


def test_cac_payback_from_raw_inputs_is_the_clv_calculators_payback():
    reply = answer(cac="600 000", arpa="480 000", gross_margin="75")
    expected = simple_payback(600_000, 480_000 * 0.75 / 12).months
    meets = expected < load_benchmarks()["cac_payback"].low
    assert reply["values"]["verdict_cac_payback"] == str(int(meets))
    assert "посчитано из исходных данных" in reply["html"]


def test_a_margin_that_never_pays_back_misses_and_is_the_weakest():
    reply = answer(cac="600 000", arpa="480 000", gross_margin="0", nrr="90")
    assert reply["values"]["verdict_cac_payback"] == "0"
    assert reply["values"]["weakest"] == "cac_payback"
    assert "никогда" in reply["html"]


def test_nrr_from_raw_inputs_is_the_nrr_calculators_nrr():
    reply = answer(start_mrr="1 000 000", expansion="50 000", contraction="20 000", churned="80 000")
    nrr = retention(NrrInputs(1_000_000, 50_000, 20_000, 80_000)).nrr
    assert reply["values"]["verdict_nrr"] == str(int(nrr >= load_benchmarks()["nrr_median"].low))


def test_a_typed_figure_wins_over_the_raw_inputs():
    reply = answer(nrr="150", start_mrr="1 000 000", churned="500 000")
    assert reply["values"]["verdict_nrr"] == "1"
    assert "использовано введённое значение" in reply["html"]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        pytest.param({"arpa": "480 000"}, "arpa", id="payback needs all three"),
        pytest.param({"churned": "5 000"}, "churned", id="NRR needs the start"),
        # The NRR calculator's own check: losses larger than the start.
        pytest.param({"start_mrr": "100", "churned": "500"}, "start_mrr", id="losses above the start"),
    ],
)
def test_incomplete_raw_inputs_are_flagged_on_a_field_the_reader_filled(params, field):
    reply = answer(**params)
    assert reply["status"] == "error"
    assert reply["errors"][0]["field"] == field


def test_the_weakest_stage_comes_first_with_its_faq_answer():
    reply = answer(nrr="120", referral_share="1")
    stages = reply["html"].split('class="clg-kpi-stages"')[1]
    anchor = STAGE_ANSWERS["Адвокация"][1]
    assert stages.index("Адвокация") < stages.index("Ценность и рост")
    assert f'href="../../lifecycle-faq/#{anchor}"' in stages


def test_every_zone_of_the_data_file_has_an_faq_answer():
    assert {load_benchmarks()[item.benchmark].zone for item in KPIS} == set(STAGE_ANSWERS)


@settings(max_examples=100, deadline=None)
@given(index=st.integers(0, len(KPIS) - 1), value=st.floats(0, 1000), delta=st.floats(0, 100))
def test_a_better_value_never_loses_its_verdict(index, value, delta):
    item = KPIS[index]
    higher = EXPECTED[load_benchmarks()[item.benchmark].comparison][1] == 1
    better = value + delta if higher else max(0.0, value - delta)
    if check(item.parameter, value).meets:
        assert check(item.parameter, better).meets
    assert check(item.parameter, better).shortfall <= check(item.parameter, value).shortfall


def test_the_page_opens_empty_and_asks_for_a_figure():
    # A link that names some KPIs must not borrow example values for the others.
    assert not any(CALCULATOR.defaults().values())
    with pytest.raises(InputError, match="хотя бы один"):
        CALCULATOR.run(CALCULATOR.defaults())
