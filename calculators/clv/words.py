"""Numbers in the CLV report's Russian sentences: money, months, percentages, fractions."""

from __future__ import annotations

import math

from calculators.clv.maths import Payback
from calculators.formatting import format_number


def num(value: float, digits: int = 2) -> str:
    """`digits` decimals, or enough to show the first significant digits of a small number.

    Examples:
        >>> num(9600), num(0.00874, 2), num(0.28242953648, 4)
        ('9\\xa0600', '0,0087', '0,2824')
    """
    if value == 0 or abs(value) >= 1:
        return format_number(value, digits)
    return format_number(value, max(digits, min(10, 1 - math.floor(math.log10(abs(value))))))


def money(value: float) -> str:
    """An amount in roubles.

    Examples:
        >>> money(96000)
        '96\\xa0000\\xa0₽'
    """
    return f"{num(value)}\u00a0₽"


def months(value: float) -> str:
    """A number of months, one decimal.

    Examples:
        >>> months(6.25)
        '6,3\\xa0мес.'
    """
    return f"{format_number(value)}\u00a0мес."


def percent(value: float, digits: int = 2) -> str:
    """A percentage typed or computed, `digits` decimals at most.

    Examples:
        >>> percent(71.757046), percent(0.8741, 4)
        ('71,76\\xa0%', '0,8741\\xa0%')
    """
    return f"{num(value, digits)}\u00a0%"


def fraction(percent_value: float) -> str:
    """A percentage as the fraction the formulas use: 15 → 0,15.

    Examples:
        >>> fraction(15), fraction(0.5)
        ('0,15', '0,005')
    """
    return num(percent_value / 100)


def payback_words(payback: Payback) -> str:
    """A payback for running text.

    Examples:
        >>> payback_words(Payback(34.64)), payback_words(Payback(math.inf))
        ('34,6\xa0мес.', 'никогда')
    """
    return payback.text if payback.shown is None else months(payback.months)
