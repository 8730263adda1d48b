"""The calculators the site offers, by name; each module is imported when first asked for.

In the browser, importing means compiling the module inside WebAssembly, so a page with one
calculator imports only that one before its first result (see `overrides/assets/clg/worker.js`).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from importlib import import_module

from calculators.calculator import Calculator

# Name → module whose `CALCULATOR` it is, in the order the site lists them.
MODULES = {
    "nps": "calculators.nps",
    "clv": "calculators.clv",
    "nrr": "calculators.nrr",
    "maturity": "calculators.maturity",
    "revenue": "calculators.revenue",
    "plan": "calculators.plan",
    "kpi": "calculators.kpi",
}


class _Registry(Mapping[str, Calculator]):
    """A read-only mapping that imports a calculator's module on first access."""

    def __getitem__(self, name: str) -> Calculator:
        calculator: Calculator = import_module(MODULES[name]).CALCULATOR
        return calculator

    def __iter__(self) -> Iterator[str]:
        return iter(MODULES)

    def __len__(self) -> int:
        return len(MODULES)


CALCULATORS: Mapping[str, Calculator] = _Registry()


def get(name: str) -> Calculator:
    """The calculator called `name`; `KeyError` lists the known names.

    Examples:
        >>> get("nps").title
        'Калькулятор NPS'
    """
    try:
        return CALCULATORS[name]
    except KeyError:
        raise KeyError(f"unknown calculator {name!r}; known: {', '.join(CALCULATORS)}") from None
