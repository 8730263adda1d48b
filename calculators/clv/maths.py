"""Unit economics of one account: churn, CLV under three conventions, CLV:CAC, CAC payback, goal seek.

One churn model serves every result. The reader types the share of accounts lost in a year c
(or in a month p); the share still there after 12 months is S = 1 − c = (1 − p)¹², and the
monthly loss is p = 1 − S^(1/12). CLV sums the yearly margin m over the years an account
stays (survival S per year); the churn-aware payback sums the monthly margin g = m/12 over
the months it stays (survival 1 − p per month). Both therefore apply exactly the yearly loss
the reader typed. Whether CAC is «never» paid back is decided in exact rational arithmetic.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction

from calculators.errors import InputError
from calculators.formatting import format_number

MAX_MONEY = 1e12
# Rates below this are indistinguishable from zero but would make CLV astronomically large.
MIN_RATE_PCT = 0.01
MAX_CHURN_PCT = 100.0
MAX_DISCOUNT_PCT = 100.0
MAX_YEARS = 100
MIN_CAC = 0.01
# Beyond 100 years a payback period says nothing a reader could act on.
MAX_PAYBACK_MONTHS = 1200
# A payback too long for floating point to place (a hair short of the limit g/p) still sorts below «never».
FAR_BEYOND_MONTHS = 1e12
RULE_OF_THUMB = 3.0
UNITS = {"year": "в год", "month": "в месяц"}


def exact(value: float) -> Fraction:
    """The decimal the reader typed: the shortest one that reads back as `value`.

    Examples:
        >>> exact(0.1), exact(71.7570463519)
        (Fraction(1, 10), Fraction(717570463519, 10000000000))
    """
    return Fraction(repr(float(value)))


@dataclass(frozen=True)
class Churn:
    """The churn typed (percent, per year or per month) and the exact share of accounts left after a year."""

    typed: float
    unit: str
    year_survival: Fraction

    @classmethod
    def typed_as(cls, percent: float, unit: str = "year") -> Churn:
        """Read `percent` as a yearly or a monthly loss.

        Examples:
            >>> Churn.typed_as(10, "month").year_survival == Fraction(9, 10) ** 12
            True
            >>> round(Churn.typed_as(10, "month").yearly, 6), round(Churn.typed_as(50).monthly, 6)
            (0.71757, 0.056126)
        """
        share = exact(percent) / 100
        return cls(percent, unit, 1 - share if unit == "year" else (1 - share) ** 12)

    @property
    def yearly(self) -> float:
        """c = 1 − S: the share of accounts lost within a year."""
        return float(1 - self.year_survival)

    @property
    def monthly(self) -> float:
        """p = 1 − S^(1/12): the share of accounts lost within a month (exact when typed per month)."""
        if self.unit == "month":
            return float(exact(self.typed) / 100)
        if self.year_survival == 0:
            return 1.0
        return -math.expm1(math.log(self.year_survival) / 12)


def monthly_from_yearly(yearly: float) -> float:
    """The monthly loss that leaves 1 − `yearly` of accounts after 12 months.

    Examples:
        >>> round(monthly_from_yearly(0.717570463519), 9)
        0.1
    """
    return Churn.typed_as(yearly * 100).monthly


@dataclass(frozen=True)
class Conventions:
    """CLV under the three conventions Fader & Hardie (2012) reconcile, with retention r = 1 − c.

    `start`: margin at the start of each year, the first one at acquisition, m(1 + d)/(1 + d − r).
    `end`: margin at the end of each year the account survives, m·r/(1 + d − r), one m lower.
    `middle`: margin at the end of each year the account began, m/(1 + d − r).
    """

    start: float
    end: float
    middle: float


def clv_conventions(margin: float, churn: float, discount: float) -> Conventions | None:
    """CLV of a yearly margin under each convention; None when churn and discount are both zero.

    Examples:
        >>> clv_conventions(9600, 0.1, 0.1)
        Conventions(start=52800.0, end=43200.0, middle=48000.0)
        >>> clv_conventions(9600, 0, 0) is None
        True
    """
    if churn == 0 and discount == 0:
        return None
    denominator = discount + churn
    return Conventions(
        start=margin * (1 + discount) / denominator,
        end=margin * (1 - churn) / denominator,
        middle=margin / denominator,
    )


@dataclass(frozen=True)
class Payback:
    """Months until CAC is covered; `math.inf` when it never is.

    Examples:
        >>> Payback(math.inf).text, Payback(2000.0).text, Payback(30.0).text, Payback(6.25).text
        ('никогда', 'больше 100\\xa0лет', '30', '6,3')
    """

    months: float

    @property
    def never(self) -> bool:
        """CAC is never covered, however long the account stays."""
        return self.months == math.inf

    @property
    def shown(self) -> float | None:
        """The number of months, or None when it is «never» or longer than 100 years."""
        return None if self.months > MAX_PAYBACK_MONTHS else self.months

    @property
    def text(self) -> str:
        """The payback as the page shows it."""
        if self.never:
            return "никогда"
        if self.shown is None:
            return f"больше {years(MAX_PAYBACK_MONTHS // 12)}"
        return format_number(self.months)


def simple_payback(cac: float, monthly_margin: float) -> Payback:
    """Months for the margin of one account, without churn, to cover CAC: CAC / g.

    Examples:
        >>> simple_payback(24000, 800), simple_payback(24000, 0)
        (Payback(months=30.0), Payback(months=inf))
    """
    if monthly_margin <= 0:
        return Payback(math.inf)
    return Payback(min(cac / monthly_margin, FAR_BEYOND_MONTHS))


def pays_back(cac: Fraction, monthly_margin: Fraction, year_survival: Fraction) -> bool:
    """Whether the margin of the surviving accounts ever covers CAC, decided exactly.

    The margin collected can approach but never reach g/p, so CAC is never covered when
    CAC·p ≥ g, unless p = 1 and CAC = g (covered in the first month). With s = 1 − p and
    q = 1 − g/CAC, CAC·p ≥ g ⇔ s ≤ q ⇔ S = s¹² ≤ q¹²: rational on both sides.

    Examples:
        >>> pays_back(Fraction(8000), Fraction(800), Fraction(9, 10) ** 12)
        False
        >>> pays_back(Fraction(7999), Fraction(800), Fraction(9, 10) ** 12)
        True
    """
    if monthly_margin <= 0:
        return False
    limit = 1 - monthly_margin / cac
    if limit < 0:
        return True
    bound = limit**12
    return year_survival > bound or year_survival == 0 == bound


def churn_payback(cac: float, monthly_margin: Fraction, churn: Churn) -> Payback:
    """Months until the margin of the accounts still there covers CAC (margin accrues evenly in a month).

    After N months the accounts have brought g(1 − sᴺ)/p, s = 1 − p; the payback is the month
    where that reaches CAC, interpolated within it.

    Examples:
        >>> round(churn_payback(24000, Fraction(800), Churn.typed_as(10)).months, 2)
        34.64
        >>> churn_payback(8000, Fraction(800), Churn.typed_as(10, "month")).never
        True
    """
    margin = float(monthly_margin)
    if not pays_back(exact(cac), monthly_margin, churn.year_survival):
        return Payback(math.inf)
    p = churn.monthly
    if p == 0:
        return simple_payback(cac, margin)
    if p == 1:
        return Payback(cac / margin)
    share = cac * p / margin
    if share >= 1:
        return Payback(FAR_BEYOND_MONTHS)
    log_s = math.log1p(-p)
    months = math.log1p(-share) / log_s
    if months > MAX_PAYBACK_MONTHS:
        return Payback(min(months, FAR_BEYOND_MONTHS))
    whole = max(1, math.ceil(months)) - 1
    collected = margin * -math.expm1(whole * log_s) / p
    in_month = margin * math.exp(whole * log_s)
    return Payback(whole + min(1.0, max(0.0, (cac - collected) / in_month)))


def check_rate(value: float, field: str, unit: str = "year") -> None:
    """Refuse a non-zero rate too small to tell from zero.

    Examples:
        >>> check_rate(0, "churn"), check_rate(0.5, "churn")
        (None, None)
        >>> check_rate(0.001, "churn", "month")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        calculators.errors.InputError: churn: Меньше 0,01...% в месяц...это почти ноль: введите 0 или от 0,01.
    """
    if 0 < value < MIN_RATE_PCT:
        limit = format_number(MIN_RATE_PCT, 2)
        raise InputError(field, f"Меньше {limit}\u00a0% {UNITS[unit]}\u00a0— это почти ноль: введите 0 или от {limit}.")


def check_churn(percent: float, unit: str) -> None:
    """Churn is a share of accounts: at most all of them, per year or per month.

    Examples:
        >>> check_churn(120, "year")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        calculators.errors.InputError: churn: За год нельзя потерять больше 100...% аккаунтов. ...
    """
    check_rate(percent, "churn", unit)
    if percent > MAX_CHURN_PCT:
        period = "год" if unit == "year" else "месяц"
        raise InputError(
            "churn",
            f"За {period} нельзя потерять больше 100\u00a0% аккаунтов. Если теряете, например, 10\u00a0% в месяц, "
            "выберите «в месяц» и введите 10.",
        )


def check_cac(cac: float | None) -> None:
    """CAC is optional, but when given it must be a positive amount.

    Examples:
        >>> check_cac(None), check_cac(24000)
        (None, None)
        >>> check_cac(0)  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        calculators.errors.InputError: cac: Введите CAC от 0,01... или оставьте поле пустым.
    """
    if cac is not None and cac < MIN_CAC:
        raise InputError("cac", f"Введите CAC от {format_number(MIN_CAC, 2)}\u00a0₽ или оставьте поле пустым.")


def churn_for_ratio(margin: float, discount: float, cac: float, target: float = RULE_OF_THUMB) -> float | None:
    """The yearly churn at which CLV (start-of-year convention) is `target` × CAC; None if out of reach.

    CLV falls as churn grows, so any churn up to the answer keeps the ratio at or above the
    target; 1.0 means even losing every account within a year does.

    Examples:
        >>> churn_for_ratio(9600, 0, 24000 * 4 / 3)
        0.1
        >>> churn_for_ratio(9600, 0.5, 1e6) is None, churn_for_ratio(9600, 0, 100)
        (True, 1.0)
    """
    if margin <= 0:
        return None
    churn = margin * (1 + discount) / (target * cac) - discount
    return None if churn < 0 else min(churn, 1.0)


def years(value: float) -> str:
    """A number of years with the Russian noun in the right form.

    Examples:
        >>> years(1), years(3), years(10), years(21), years(12), years(1.5)
        ('1\\xa0год', '3\\xa0года', '10\\xa0лет', '21\\xa0год', '12\\xa0лет', '1,5\\xa0года')
    """
    value = round(value, 2)
    if value != int(value):
        noun = "года"
    else:
        whole = int(value)
        if whole % 10 == 1 and whole % 100 != 11:
            noun = "год"
        elif 2 <= whole % 10 <= 4 and not 12 <= whole % 100 <= 14:
            noun = "года"
        else:
            noun = "лет"
    return f"{format_number(value, 2)}\u00a0{noun}"


@dataclass(frozen=True)
class AdvancedInputs:
    """Unit economics of one account; percentages as typed (80 means 80 %), churn per `churn_unit`."""

    arpa: float
    gross_margin: float
    churn: float
    discount_rate: float = 0.0
    cac: float | None = None
    horizon_years: float = 10
    churn_unit: str = "year"


@dataclass(frozen=True)
class SimpleInputs:
    """Average ARR per customer and the lifetime in years."""

    arr: float
    lifetime_years: float
    cac: float | None = None


@dataclass(frozen=True)
class Acquisition:
    """What a known CAC adds: the ratio, both paybacks and the churn and CAC at which the ratio is 3."""

    cac: float
    ltv_cac: float
    payback: Payback
    payback_churn: Payback
    churn_at_target: float | None
    cac_at_target: float | None


@dataclass(frozen=True)
class AdvancedResult:
    """CLV (start-of-year convention) and the other conventions; `acquisition` is None without CAC."""

    inputs: AdvancedInputs
    churn: Churn
    annual_margin: float
    conventions: Conventions
    unbounded: bool
    lifetime_years: float | None
    acquisition: Acquisition | None

    @property
    def clv(self) -> float:
        """The CLV the calculator leads with: margin at the start of each year (Fader & Hardie)."""
        return self.conventions.start

    @property
    def monthly_margin(self) -> float:
        """Gross margin per account per month, g = ARPA/12 × margin.

        Examples:
            >>> clv_advanced(AdvancedInputs(12000, 80, 10)).monthly_margin
            800.0
        """
        return self.annual_margin / 12


@dataclass(frozen=True)
class SimpleResult:
    """CLV as ARR × lifetime, and the ratio to CAC when it is known."""

    inputs: SimpleInputs
    clv: float
    ltv_cac: float | None


def exact_monthly_margin(arpa: float, gross_margin: float) -> Fraction:
    """g = ARPA × margin / 1200 in exact arithmetic, as typed.

    Examples:
        >>> exact_monthly_margin(10000, 70)
        Fraction(1750, 3)
    """
    return exact(arpa) * exact(gross_margin) / 1200


def clv_advanced(inputs: AdvancedInputs) -> AdvancedResult:
    """CLV under each convention, lifetime, CLV:CAC, both paybacks and goal seek; `InputError` on bad rates.

    Examples:
        >>> result = clv_advanced(AdvancedInputs(12000, 80, 10, cac=24000))
        >>> result.clv, result.conventions.end, result.lifetime_years, result.acquisition.ltv_cac
        (96000.0, 86400.0, 10.0, 4.0)
    """
    check_churn(inputs.churn, inputs.churn_unit)
    check_rate(inputs.discount_rate, "discount_rate")
    check_cac(inputs.cac)
    churn = Churn.typed_as(inputs.churn, inputs.churn_unit)
    margin = inputs.arpa * inputs.gross_margin / 100
    discount = inputs.discount_rate / 100
    conventions = clv_conventions(margin, churn.yearly, discount)
    unbounded = conventions is None
    if conventions is None:
        total = margin * inputs.horizon_years
        conventions = Conventions(total, total, total)
    acquisition = None
    if inputs.cac is not None:
        cac = inputs.cac
        acquisition = Acquisition(
            cac=cac,
            ltv_cac=conventions.start / cac,
            payback=simple_payback(cac, margin / 12),
            payback_churn=churn_payback(cac, exact_monthly_margin(inputs.arpa, inputs.gross_margin), churn),
            churn_at_target=churn_for_ratio(margin, discount, cac),
            cac_at_target=conventions.start / RULE_OF_THUMB if conventions.start > 0 else None,
        )
    return AdvancedResult(
        inputs=inputs,
        churn=churn,
        annual_margin=margin,
        conventions=conventions,
        unbounded=unbounded,
        lifetime_years=1 / churn.yearly if churn.yearly > 0 else None,
        acquisition=acquisition,
    )


def clv_simple(inputs: SimpleInputs) -> SimpleResult:
    """CLV = ARR × lifetime in years, and CLV:CAC when CAC is given.

    Examples:
        >>> clv_simple(SimpleInputs(12000, 10, cac=30000))
        SimpleResult(inputs=SimpleInputs(arr=12000, lifetime_years=10, cac=30000), clv=120000, ltv_cac=4.0)
    """
    check_cac(inputs.cac)
    clv = inputs.arr * inputs.lifetime_years
    return SimpleResult(inputs, clv, clv / inputs.cac if inputs.cac is not None else None)


def advanced_metrics(inputs: AdvancedInputs, *, unbounded_is_infinite: bool = False) -> dict[str, float]:
    """The results a range of inputs bounds; «never» and an unbounded CLV are `math.inf`.

    With `unbounded_is_infinite`, zero churn and zero discount give an infinite CLV of the
    margin's sign (the limit of a shrinking churn) instead of the margin over the horizon,
    which keeps CLV monotone in churn across a range that starts at zero.

    Examples:
        >>> advanced_metrics(AdvancedInputs(12000, 80, 10, cac=24000))["ltv_cac"]
        4.0
        >>> advanced_metrics(AdvancedInputs(12000, 80, 0), unbounded_is_infinite=True)
        {'clv': inf}
    """
    result = clv_advanced(inputs)
    clv = result.clv
    if result.unbounded and unbounded_is_infinite and clv != 0:
        clv = math.copysign(math.inf, clv)
    metrics = {"clv": clv}
    if result.acquisition is not None:
        metrics |= {
            "ltv_cac": clv / result.acquisition.cac,
            "payback_months": result.acquisition.payback.months,
            "payback_months_churn": result.acquisition.payback_churn.months,
        }
    return metrics


def simple_metrics(inputs: SimpleInputs) -> dict[str, float]:
    """CLV and, with CAC, the ratio, for ranges of the simple form.

    Examples:
        >>> simple_metrics(SimpleInputs(12000, 10, cac=30000))
        {'clv': 120000, 'ltv_cac': 4.0}
    """
    result = clv_simple(inputs)
    return {"clv": result.clv} | ({"ltv_cac": result.ltv_cac} if result.ltv_cac is not None else {})
