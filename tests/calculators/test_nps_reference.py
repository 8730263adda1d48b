"""NPS, its variance and the adjusted-Wald interval checked against R's NPS package.

Reference: Brendan Rocks, «NPS: Convenience Functions and Tests for Working With the Net
Promoter Score», R package version 1.1, CRAN, 2014-12-04 (source read at
https://github.com/cran/NPS, file R/Documented_Small_NPS_Functions.r). Its functions, ported
line by line to compute the table below:

    npvar <- function(x) {                      # x = c(Detractors, Passives, Promoters)
        props <- as.numeric(prop.table(x))
        (props[3] + props[1]) - (props[3] - props[1])^2 }
    nps.test (one sample): se.hat <- sqrt(var.x/n.x)
        int <- c(nps.x + z * sqrt(var.x/n.x), nps.x - z * se.hat)   # z = qnorm(0.975)

The package itself offers the plain Wald interval. The adjusted-Wald interval of Rocks's paper
(Rocks B., «Interval Estimation for the "Net Promoter Score"», The American Statistician 70(4),
2016) is the same formula applied to the counts plus 0.75 detractors, 1.5 passives and 0.75
promoters: `npvar(c(d + .75, o + 1.5, p + .75))` and `nps.test` with n + 3. The calculator
uses z = 1.96 rather than qnorm(0.975) = 1.959964, a difference below 0.002 points here, and
cuts the interval at ±100, which R does not.
"""

from __future__ import annotations

import pytest

from calculators.nps import adjusted_wald, nps_from_counts
from calculators.nps.planning import answer_variance

# (promoters, passives, detractors), R: nps, npvar, nps.test interval on the raw counts (low, high),
# npvar and nps.test interval on the adjusted counts (low, high). All on R's −1…1 scale.
R_NPS_1_1 = [
    # The paper's worked example.
    ((50, 30, 20), 0.300000, 0.610000, 0.146922, 0.453078, 0.609341, 0.140511, 0.442013),
    # All promoters: the plain interval collapses to a point, the adjusted one does not.
    ((20, 0, 0), 1.000000, 0.000000, 1.000000, 1.000000, 0.178639, 0.696833, 1.042297),
    ((0, 0, 20), -1.000000, 0.000000, -1.000000, -1.000000, 0.178639, -1.042297, -0.696833),
    # Only passives: variance 0 without the adjustment.
    ((0, 40, 0), 0.000000, 0.000000, 0.000000, 0.000000, 0.034884, -0.055825, 0.055825),
    ((25, 50, 25), 0.000000, 0.500000, -0.138590, 0.138590, 0.500000, -0.136557, 0.136557),
    ((70, 20, 10), 0.600000, 0.440000, 0.469991, 0.730009, 0.451928, 0.452698, 0.712351),
    ((10, 30, 60), -0.500000, 0.450000, -0.631478, -0.368522, 0.458526, -0.616208, -0.354666),
    # One critic among a hundred fans: R's interval goes past 1.
    ((100, 0, 1), 0.980198, 0.039212, 0.941579, 1.018817, 0.079419, 0.897761, 1.006085),
    ((33, 33, 34), -0.010000, 0.669900, -0.170418, 0.150418, 0.664954, -0.167189, 0.147771),
    ((500, 300, 200), 0.300000, 0.610000, 0.251592, 0.348408, 0.609939, 0.250770, 0.347435),
    # The smallest n where the calculator uses Rocks's add-on is 20; this is 29.
    ((21, 5, 3), 0.620690, 0.442331, 0.378630, 0.862749, 0.480469, 0.322337, 0.802663),
    ((40, 40, 20), 0.200000, 0.560000, 0.053330, 0.346670, 0.559384, 0.049736, 0.338614),
]


@pytest.mark.parametrize(("counts", "nps", "var", "low", "high", "adj_var", "adj_low", "adj_high"), R_NPS_1_1)
def test_the_calculator_matches_r_nps(counts, nps, var, low, high, adj_var, adj_low, adj_high):
    promoters, _, detractors = counts
    n = sum(counts)
    result = nps_from_counts(*counts)
    assert result.method == "wald"
    assert result.nps == pytest.approx(100 * nps, abs=5e-5)
    # npvar on the raw shares is the variance the sample-size planner starts from.
    assert answer_variance(promoters / n, detractors / n) == pytest.approx(var, abs=5e-7)
    # R's plain Wald interval, kept for the record: the calculator never shows it.
    assert low <= nps <= high
    _, variance = adjusted_wald(promoters, detractors, n)
    assert variance * (n + 3) == pytest.approx(adj_var, abs=5e-7)
    assert result.ci_low == pytest.approx(max(-100.0, 100 * adj_low), abs=0.005)
    assert result.ci_high == pytest.approx(min(100.0, 100 * adj_high), abs=0.005)
