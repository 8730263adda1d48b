"""Numbers written the Russian way: `12 500,5`, a true minus sign, no trailing noise."""

from __future__ import annotations

import math

NBSP = "\u00a0"
MINUS = "\u2212"


def format_number(value: float, decimals: int = 1) -> str:
    """Format a number for Russian text: thin groups of three, comma decimal, real minus.

    Trailing zeros after the comma are dropped, so `30.0` reads as `30`.

    Examples:
        >>> format_number(12500.5)
        '12\\xa0500,5'
        >>> format_number(30.0)
        '30'
        >>> format_number(-4.25, 2)
        '−4,25'
    """
    if not math.isfinite(value):
        return "∞" if value > 0 else f"{MINUS}∞"
    rounded = round(value, decimals)
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
    """
    rounded = round(value, decimals)
    if rounded == 0:
        rounded = 0.0
    return f"{rounded:.{decimals}f}"
