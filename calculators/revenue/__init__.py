"""«Лояльность и выручка»: do promoters keep and grow revenue more than detractors, on one account table.

The package keeps the parts apart: `accounts` reads the table, `maths` computes the metrics and
their intervals, `text` and `charts` write the Russian report, `form` declares the fields.
"""

from calculators.revenue.form import CALCULATOR

__all__ = ["CALCULATOR"]
