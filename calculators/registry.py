"""The calculators the site offers, by name."""

from __future__ import annotations

from calculators import clv, maturity, nps, nrr
from calculators.calculator import Calculator

CALCULATORS: dict[str, Calculator] = {
    calculator.name: calculator for calculator in (nps.CALCULATOR, clv.CALCULATOR, nrr.CALCULATOR, maturity.CALCULATOR)
}


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
