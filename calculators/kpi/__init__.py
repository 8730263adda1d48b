"""«Проверка KPI жизненного цикла»: the reader's KPIs against the lifecycle FAQ's benchmarks.

Modules: `checks` holds the verdicts and the weakest KPI, `text` the Russian report and the bow
tie, `form` the fields and the figures computed from raw inputs with the CLV and NRR code.
"""

from calculators.kpi.form import CALCULATOR

__all__ = ["CALCULATOR"]
