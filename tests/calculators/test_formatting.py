"""Rounding in `calculators.formatting`: halves away from zero on the decimal a reader sees."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Context, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calculators.formatting import format_number, plain_number, round_half_away

# Enough precision for any float's digits, so the reference never rounds on its own.
EXACT = Context(prec=800, rounding=ROUND_HALF_UP)


@pytest.mark.parametrize(
    ("value", "decimals", "text"),
    [
        # Issue 11: a payback of 6,25 months showed as 6,2 (round-half-even).
        (6.25, 1, "6,3"),
        (-6.25, 1, "\u22126,3"),
        # 2.675 is stored a hair below 2.675; the reader typed 2,675 and expects 2,68.
        (2.675, 2, "2,68"),
        (0.5, 0, "1"),
        (1.5, 0, "2"),
        (2.5, 0, "3"),
        # A negative that rounds to zero shows no minus sign.
        (-0.04, 1, "0"),
    ],
)
def test_halves_round_away_from_zero(value, decimals, text):
    assert format_number(value, decimals) == text


def test_machine_values_round_the_same_way():
    assert plain_number(6.25) == "6.3"


@given(st.floats(allow_nan=False, allow_infinity=False), st.integers(min_value=0, max_value=6))
def test_rounding_matches_decimal_half_up_on_the_shortest_repr(value, decimals):
    expected = float(Decimal(repr(value)).quantize(Decimal(1).scaleb(-decimals), context=EXACT))
    assert round_half_away(value, decimals) == expected
