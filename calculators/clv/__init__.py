"""Customer lifetime value (CLV), the CLV to CAC ratio and CAC payback.

`maths` holds the formulas and the churn model, `fields` the form's inputs, `report` and
`charts` the Russian text and pictures, `evaluate` the path from form values to a report.
"""

from __future__ import annotations

from calculators.calculator import Calculator
from calculators.clv.evaluate import evaluate
from calculators.clv.fields import FIELDS

CALCULATOR = Calculator(
    name="clv",
    title="Калькулятор CLV и юнит-экономики",
    mode_field="mode",
    fields=FIELDS,
    evaluate=evaluate,
)
