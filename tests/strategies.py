"""Hypothesis strategies shared by the calculator property tests."""

from __future__ import annotations

from hypothesis import strategies as st

counts = st.integers(min_value=0, max_value=10_000)
positive_counts = st.integers(min_value=1, max_value=10_000)


@st.composite
def nps_counts(draw: st.DrawFn) -> tuple[int, int, int]:
    """Promoters, passives and detractors with at least one answer in total."""
    promoters, passives, detractors = draw(counts), draw(counts), draw(counts)
    if promoters + passives + detractors == 0:
        passives = draw(positive_counts)
    return promoters, passives, detractors
