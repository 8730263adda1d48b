"""Numbers written the Russian way: `12 500,5`, a true minus sign, no trailing noise."""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Context, Decimal

# Enough digits for any float's integer part (up to 1.8e308) plus the decimals shown.
EXACT = Context(prec=400, rounding=ROUND_HALF_UP)
NBSP = "\u00a0"
MINUS = "\u2212"


def format_number(value: float, decimals: int = 1) -> str:
    """Format a number for Russian text: thin groups of three, comma decimal, real minus.

    Trailing zeros after the comma are dropped, so `30.0` reads as `30`. Halves round away
    from zero, as people round by hand: 6,25 shows as 6,3.

    Examples:
        >>> format_number(12500.5)
        '12\\xa0500,5'
        >>> format_number(30.0)
        '30'
        >>> format_number(-4.25, 2)
        '−4,25'
        >>> format_number(6.25), format_number(-0.05), format_number(2.675, 2)
        ('6,3', '−0,1', '2,68')
    """
    if not math.isfinite(value):
        return "∞" if value > 0 else f"{MINUS}∞"
    rounded = round_half_away(value, decimals)
    if rounded == 0:
        rounded = 0.0
    text = f"{abs(rounded):,.{decimals}f}".replace(",", NBSP)
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    text = text.replace(".", ",")
    return f"{MINUS}{text}" if rounded < 0 else text


def plain_number(value: float, decimals: int = 1) -> str:
    """Format a number for machines: dot decimal, fixed decimals, no grouping.

    Examples:
        >>> plain_number(30)
        '30.0'
        >>> plain_number(-0.04, 1)
        '0.0'
        >>> plain_number(6.25)
        '6.3'
    """
    rounded = round_half_away(value, decimals)
    if rounded == 0:
        rounded = 0.0
    return f"{rounded:.{decimals}f}"


def round_half_away(value: float, decimals: int) -> float:
    """Round the decimal a reader sees (the shortest one that reads back as `value`), halves away from zero.

    Python's `round` goes to the even neighbour and works on the binary value, so 6.25 → 6.2
    and 2.675 → 2.67; a reader expects 6,3 and 2,68.

    Examples:
        >>> round_half_away(6.25, 1), round_half_away(-6.25, 1), round_half_away(2.675, 2), round_half_away(0.5, 0)
        (6.3, -6.3, 2.68, 1.0)
        >>> round_half_away(1e300, 2) == 1e300
        True
    """
    if not math.isfinite(value):
        return value
    return float(Decimal(repr(value)).quantize(Decimal(1).scaleb(-decimals), context=EXACT))
