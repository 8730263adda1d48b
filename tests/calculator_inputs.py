"""Inputs for tests that drive every registered calculator: changed values, modes, CPython's answers."""

from __future__ import annotations

import json
from collections.abc import Iterator

from calculators.bridge import run
from calculators.calculator import Calculator
from calculators.fields import Field
from calculators.registry import CALCULATORS


def non_default_modes() -> Iterator[tuple[Calculator, str]]:
    """(calculator, mode) for every mode a link could open other than the default one."""
    for calculator in CALCULATORS.values():
        if calculator.mode_field:
            mode_field = calculator.field(calculator.mode_field)
            yield from ((calculator, mode) for mode, _ in mode_field.choices if mode != mode_field.default)


def mode_only_fields(calculator: Calculator, mode: str) -> dict[str, str]:
    """The defaults of the fields that belong to `mode` alone, as a link carrying only them would."""
    return {field.name: field.default for field in calculator.fields if field.group == mode and field.default}


def default_fields(calculator: Calculator) -> tuple[Field, ...]:
    """The fields shown when the page opens (the default mode's)."""
    return calculator.active_fields(calculator.defaults())


def first_typed_field(calculator: Calculator) -> Field | None:
    """The first number field of the default mode, the one the tests type into."""
    return next((f for f in default_fields(calculator) if f.kind in ("integer", "number") and f.default), None)


def changed_inputs(calculator: Calculator) -> dict[str, str]:
    """A valid change from the defaults: a doubled number, or a different answer to the first question."""
    field = first_typed_field(calculator)
    if field is not None:
        return {field.name: str(int(float(field.default)) * 2 + 1)}
    first = next(f for f in default_fields(calculator) if f.kind == "choice")
    others = [value for value, _ in first.choices if value != first.default]
    return {first.name: others[-1]}


def expected_values(calculator: Calculator, inputs: dict[str, str]) -> dict[str, str]:
    """What CPython computes for the defaults changed by `inputs`."""
    answer = json.loads(run(calculator.name, json.dumps(calculator.defaults() | inputs)))
    assert answer["status"] == "ok", answer
    return answer["values"]
