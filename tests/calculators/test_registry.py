"""The registry: every name leads to the calculator of that name, imported only when asked for."""

from __future__ import annotations

import subprocess
import sys

import pytest

from calculators.registry import CALCULATORS, MODULES, get
from tests.calculator_inputs import mode_only_fields, non_default_modes


@pytest.mark.parametrize("name", list(MODULES))
def test_each_name_is_the_name_its_calculator_gives_itself(name):
    assert CALCULATORS[name].name == name


def test_an_unknown_name_lists_the_known_ones():
    with pytest.raises(KeyError, match="unknown calculator 'ltv'; known: nps, clv"):
        get("ltv")


def test_asking_for_one_calculator_imports_no_other():
    # In the browser each import is compiled in WebAssembly: the NPS page must not pay for the rest.
    code = "import sys; from calculators.bridge import run; run('nps', '{}'); print(sorted(sys.modules))"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "calculators.nps" in loaded
    assert all(module not in loaded for module in ("calculators.clv", "calculators.nrr", "calculators.maturity'"))


@pytest.mark.parametrize(
    ("calculator", "mode"), list(non_default_modes()), ids=lambda item: getattr(item, "name", str(item))
)
def test_a_link_with_one_modes_fields_and_no_mode_opens_that_mode(calculator, mode):
    # Issue 11: `?scores=…` without `mode` used to fall back to the default mode silently.
    raw = mode_only_fields(calculator, mode)
    assert calculator.mode(raw) == mode
    values, errors = calculator.check(raw)
    assert errors == []
    assert values[calculator.mode_field] == mode
