"""`result()` puts a calculator's figure into prose with its unit, so no sentence drops the «%» or «₽»."""

from __future__ import annotations

import pytest

from calculators.registry import CALCULATORS
from macros.examples import _report, result
from tests.site_pages import good_params

CASES = [
    (name, figure.key, figure.unit, figure.text)
    for name in CALCULATORS
    for figure in _report(name, dict(good_params(name))).figures
    if figure.value is not None
]


@pytest.mark.parametrize(("name", "key", "unit", "text"), CASES, ids=[f"{case[0]}.{case[1]}" for case in CASES])
def test_every_result_carries_its_unit(name, key, unit, text):
    inputs = dict(good_params(name))
    assert result(name, key, **inputs) == (f"{text}\u00a0{unit}" if unit else text)
    assert result(name, key, unit=False, **inputs) == text


def test_some_results_have_units():
    # Guards the test above against passing vacuously.
    assert {"%", "₽"} <= {case[2] for case in CASES}
