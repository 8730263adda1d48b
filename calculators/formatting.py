"""Numbers written the Russian way: `12 500,5`, a true minus sign, no trailing noise."""

from __future__ import annotations

import math

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
        >>> round_half_away(1e300, 2) == 1e300, round_half_away(5e-324, 1), round_half_away(1.5e-7, 7)
        (True, 0.0, 2e-07)
    """
    if not math.isfinite(value):
        return value
    # Integer arithmetic on the digits of repr(): `decimal` would cost every calculator an import.
    mantissa, _, exponent = repr(abs(value)).partition("e")
    whole, _, fraction = mantissa.partition(".")
    digits, point = int(whole + fraction), len(fraction) - int(exponent or 0)
    if point > decimals:
        digits, rest = divmod(digits, 10 ** (point - decimals))
        digits += 2 * rest >= 10 ** (point - decimals)
        point = decimals
    magnitude = digits / 10**point if point >= 0 else float(digits * 10**-point)
    return math.copysign(magnitude, value)
