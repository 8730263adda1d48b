"""The calculators the site offers, by name."""

from __future__ import annotations

from calculators import nps
from calculators.calculator import Calculator

CALCULATORS: dict[str, Calculator] = {calculator.name: calculator for calculator in (nps.CALCULATOR,)}


def get(name: str) -> Calculator:
    """The calculator called `name`; `KeyError` lists the known names.

    Examples:
        >>> get("nps").title
        'Калькулятор NPS'
    """
    try:
        return CALCULATORS[name]
    except KeyError:
        raise KeyError(f"unknown calculator {name!r}; known: {', '.join(sorted(CALCULATORS))}") from None
