"""The inputs the build runs through every calculator in Pyodide to find the library they need."""

from __future__ import annotations

import pytest

import calculators.nps
from calculators.registry import CALCULATORS
from macros.corpus import ENCODINGS, HOOK, corpus, modes


@pytest.mark.parametrize("calculator", CALCULATORS.values(), ids=lambda calculator: calculator.name)
def test_every_mode_and_every_choice_of_every_calculator_is_run(calculator):
    cases = [case for case in corpus() if case.calculator == calculator.name]
    for mode in modes(calculator):
        params = [case.params for case in cases if not mode or case.params.get(calculator.mode_field) == mode]
        assert params, mode
        for field in calculator.active_fields(params[0]):
            if field.kind == "choice" and field.name != calculator.mode_field:
                assert {value for value, _ in field.choices} <= {row.get(field.name) for row in params}, field.name


def test_file_fields_receive_every_encoding_the_calculators_read():
    whys = [case.why for case in corpus() if case.files]
    for encoding in ENCODINGS:
        assert any(encoding in why for why in whys), encoding


def test_a_calculator_adds_its_own_inputs_through_the_hook(monkeypatch):
    monkeypatch.setattr(calculators.nps, HOOK, ({"mode": "survey", "survey_file": b"\xef\xbb\xbfx"},), raising=False)
    own = [case for case in corpus() if HOOK in case.why]
    assert [(case.calculator, case.params["mode"], case.files) for case in own] == [
        ("nps", "survey", {"survey_file": b"\xef\xbb\xbfx"})
    ]
