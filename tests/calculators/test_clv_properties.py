"""Properties of the CLV churn model, goal seek and ranges, over inputs Hypothesis draws.

The range result of `calculators.ranges` is exact only if every result is monotone in each
input while the others stay fixed; `test_each_result_is_monotone_in_each_input` is that proof
for CLV (the NRR one is in `test_nrr.py`).
"""

from __future__ import annotations

import math
from fractions import Fraction

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from calculators import ranges
from calculators.clv.charts import cumulative_margin
from calculators.clv.maths import (
    AdvancedInputs,
    Churn,
    SimpleInputs,
    advanced_metrics,
    churn_for_ratio,
    churn_payback,
    clv_advanced,
    clv_conventions,
    simple_metrics,
    simple_payback,
)
from calculators.errors import InputError
from calculators.fields import NumberRange
from tests.calculators.ordering import between
from tests.strategies import (
    advanced_clv_inputs,
    any_churn,
    any_discount,
    cacs,
    churn_rates,
    churn_units,
    discount_rates,
    margins,
    money,
    positive_margins,
    positive_money,
)

# Each numeric input of the advanced form and the values it may take.
ADVANCED_AXES = {
    "arpa": money,
    "gross_margin": margins,
    "churn": any_churn,
    "discount_rate": any_discount,
    "cac": st.floats(min_value=0.01, max_value=1e12),
    "horizon_years": st.integers(min_value=1, max_value=100),
}
SIMPLE_AXES = {"arr": money, "lifetime_years": st.floats(min_value=0, max_value=100), "cac": ADVANCED_AXES["cac"]}


@given(churn_rates)
def test_yearly_to_monthly_and_back_is_the_identity(percent):
    monthly = Churn.typed_as(percent).monthly
    assert Churn.typed_as(monthly * 100, "month").yearly == pytest.approx(percent / 100, rel=1e-9, abs=1e-12)


@given(churn_rates)
def test_monthly_to_yearly_and_back_is_the_identity(percent):
    # Through the model's exact yearly survival: (1 − p)¹² can be far below a float's resolution of 1 − c.
    survival = Churn.typed_as(percent, "month").year_survival
    assert Churn(percent, "year", survival).monthly == pytest.approx(percent / 100, rel=1e-9)


@given(st.floats(min_value=0.01, max_value=50))
def test_monthly_to_yearly_percent_and_back_is_the_identity(percent):
    # What a reader does: read the yearly percentage off the page and type it back.
    yearly = Churn.typed_as(percent, "month").yearly
    assert Churn.typed_as(yearly * 100).monthly == pytest.approx(percent / 100, rel=1e-9)


@given(st.floats(min_value=0.01, max_value=99.99), positive_money)
def test_the_yearly_loss_typed_is_the_loss_the_payback_model_applies(percent, margin):
    churn = Churn.typed_as(percent)
    # Survivors after 12 monthly steps of the payback model…
    assert (1 - churn.monthly) ** 12 == pytest.approx(1 - percent / 100, rel=1e-9)
    # …and the margin of the second year against the first: exactly the share left after a year.
    totals = cumulative_margin(margin, churn.monthly, 24)
    assert (totals[24] - totals[12]) / totals[12] == pytest.approx(1 - percent / 100, rel=1e-9)
    # The CLV formula uses that same yearly loss.
    assert clv_advanced(AdvancedInputs(margin, 100, percent)).churn.yearly == pytest.approx(percent / 100)


@given(st.sampled_from((1, 2, 4, 5, 8, 10, 20, 25, 50)), st.integers(min_value=1, max_value=10**6))
def test_a_cac_exactly_at_the_limit_never_pays_back_and_one_kopeck_less_does(percent, thousands):
    # g = 1 000·k, p = percent/100: the limit g/p is a whole number of roubles.
    margin = Fraction(1000 * thousands)
    churn = Churn.typed_as(percent, "month")
    limit = float(margin * 100 / percent)
    assert churn_payback(limit, margin, churn).never
    assert not churn_payback(limit - 0.01, margin, churn).never


@given(advanced_clv_inputs())
def test_every_figure_is_finite_and_paybacks_are_ordered(inputs):
    result = clv_advanced(AdvancedInputs(**inputs))
    assert math.isfinite(result.clv)
    assert result.conventions.end <= result.conventions.middle * (1 + 1e-12) or result.annual_margin < 0
    if result.acquisition is not None:
        payback, churned = result.acquisition.payback, result.acquisition.payback_churn
        assert math.isfinite(result.acquisition.ltv_cac)
        # Churn only removes margin, so it can only delay the payback.
        assert payback.months <= churned.months * (1 + 1e-9) + 1e-9
        assert payback.months >= 0


@given(positive_money, positive_margins, churn_rates, discount_rates, st.floats(min_value=1, max_value=1e9))
def test_goal_seek_fed_back_reaches_three_to_one(arpa, margin, churn, discount, cac):
    annual = arpa * margin / 100
    found = churn_for_ratio(annual, discount / 100, cac)
    if found is not None and 0 < found < 1:
        assert clv_conventions(annual, found, discount / 100).start / cac == pytest.approx(3, rel=1e-9)


@pytest.mark.parametrize("axis", ADVANCED_AXES)
@given(data=st.data())
def test_each_result_is_monotone_in_each_input(axis, data):
    base = data.draw(advanced_clv_inputs()) | {"cac": data.draw(ADVANCED_AXES["cac"])}
    points = sorted(data.draw(st.lists(ADVANCED_AXES[axis], min_size=3, max_size=3)))
    found = [advanced_metrics(AdvancedInputs(**base | {axis: x}), unbounded_is_infinite=True) for x in points]
    for key in found[0]:
        assert between(found[0][key], found[2][key], found[1][key]), (key, points, found)


@pytest.mark.parametrize("axis", SIMPLE_AXES)
@given(data=st.data())
def test_simple_form_results_are_monotone_in_each_input(axis, data):
    base = {name: data.draw(strategy) for name, strategy in SIMPLE_AXES.items()}
    points = sorted(data.draw(st.lists(SIMPLE_AXES[axis], min_size=3, max_size=3)))
    found = [simple_metrics(SimpleInputs(**base | {axis: x})) for x in points]
    for key in found[0]:
        assert between(found[0][key], found[2][key], found[1][key])


@given(advanced_clv_inputs(), st.sets(st.sampled_from(sorted(ADVANCED_AXES)), min_size=1), st.data())
def test_the_range_always_contains_the_point_result(inputs, ranged_names, data):
    values = dict(inputs)
    if values["cac"] is None:
        values["cac"] = 1000.0
    for name in ranged_names:
        a, b = sorted(data.draw(st.lists(ADVANCED_AXES[name], min_size=2, max_size=2)))
        values[name] = NumberRange(a, b) if a < b else a
    open_ended = any(isinstance(values[name], NumberRange) for name in ("churn", "discount_rate"))

    def metrics(corner):
        return advanced_metrics(AdvancedInputs(**corner), unbounded_is_infinite=open_ended)

    try:
        point = metrics(ranges.midpoints(values))
    except InputError:
        # A range such as 0..0,015 has a midpoint too close to zero; the page says so on the field.
        assume(False)
    for key, (low, high) in ranges.extremes(metrics, values).items():
        assert between(low, high, point[key]) or low <= point[key] <= high, key


@given(st.floats(min_value=0.01, max_value=1e12), st.floats(min_value=1e-300, max_value=1e12), any_churn, churn_units)
def test_payback_is_never_negative_and_never_nan(cac, monthly_margin, churn, unit):
    for payback in (
        simple_payback(cac, monthly_margin),
        churn_payback(cac, Fraction(repr(monthly_margin)), Churn.typed_as(churn, unit)),
    ):
        assert payback.months >= 0
        assert payback.shown is None or payback.shown <= 1200


@given(cacs)
def test_cac_strategy_is_what_the_form_accepts(cac):
    # The strategies above draw what the fields accept; a guard against drift.
    assert cac is None or cac >= 0.01
