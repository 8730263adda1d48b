"""The modes of the registered calculators, for tests of links that carry one mode's fields."""

from __future__ import annotations

from collections.abc import Iterator

from calculators.calculator import Calculator
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
