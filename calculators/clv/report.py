"""The CLV calculator's report in Russian: figures, worked steps with the conventions, notes."""

from __future__ import annotations

from calculators.benchmarks import Benchmark, load_benchmarks
from calculators.clv.charts import payback_chart, revenue_chart
from calculators.clv.maths import (
    MAX_PAYBACK_MONTHS,
    RULE_OF_THUMB,
    Acquisition,
    AdvancedResult,
    Payback,
    SimpleResult,
    monthly_from_yearly,
    years,
)
from calculators.clv.words import fraction, money, months, num, payback_words, percent
from calculators.formatting import format_number
from calculators.report import Figure, Report

SKOK = "David Skok, «SaaS Metrics 2.0», forEntrepreneurs.com, 2013"
FADER_HARDIE = "Fader, Hardie, «Reconciling and Clarifying CLV Formulas», 2012"
TEXTBOOKS = "Kotler и Keller; Lehmann и Winer; Gupta и Lehmann"


def ratio_verdict(ratio: float) -> str:
    """The CLV to CAC ratio against Skok's 3:1 rule of thumb, in Russian (no «норма»: it is a rule of thumb).

    Examples:
        >>> ratio_verdict(4.0), ratio_verdict(2.9), ratio_verdict(0.5)
        ('не ниже ориентира 3:1', 'ниже ориентира 3:1', 'CLV меньше CAC: привлечение не окупается')
    """
    if ratio < 1:
        return "CLV меньше CAC: привлечение не окупается"
    if ratio < RULE_OF_THUMB:
        return "ниже ориентира 3:1"
    return "не ниже ориентира 3:1"


def meets(value: float, benchmark: Benchmark) -> bool:
    """Whether `value` satisfies the benchmark's comparison (≥, <, a range, …).

    Examples:
        >>> mark = load_benchmarks()["cac_payback"]
        >>> meets(mark.low - 1, mark), meets(mark.low + 1, mark)
        (True, False)
    """
    checks = {
        ">=": value >= benchmark.low,
        "<=": value <= benchmark.low,
        ">": value > benchmark.low,
        "<": value < benchmark.low,
        "=": value == benchmark.low,
        "range": benchmark.low <= value <= benchmark.high,
    }
    return checks[benchmark.comparison]


def payback_figure(key: str, label: str, payback: Payback) -> Figure:
    """A payback in months, or «никогда» / «больше 100 лет» without a number."""
    if payback.shown is None:
        return Figure(key, label, None, payback.text)
    return Figure.number(key, label, payback.months, unit="мес.")


def churn_step(result: AdvancedResult) -> str:
    """How the typed churn becomes the yearly loss of the CLV formula and the monthly one of the payback."""
    churn = result.churn
    if churn.yearly == 0:
        return "Оттока нет: годовой и месячный отток равны нулю, аккаунт остаётся навсегда."
    survival = num(float(churn.year_survival), 4)
    if churn.unit == "month":
        p = fraction(churn.typed)
        return (
            f"Вы ввели месячный отток p = {percent(churn.typed)} = {p}. Через 12 месяцев остаётся доля "
            f"(1 − p)¹² = (1 − {p})¹² = {survival} аккаунтов, то есть годовой отток c = 1 − {survival} = "
            f"{percent(churn.yearly * 100)}. Его берёт формула CLV, а окупаемость идёт по месяцам с тем же p."
        )
    return (
        f"Годовой отток c = {percent(churn.typed)}: через год остаётся доля 1 − c = {survival} аккаунтов. "
        f"Месячный отток с тем же итогом за год: p = 1 − (1 − c)^(1/12) = {percent(churn.monthly * 100, 4)}; "
        f"за 12 месяцев остаётся (1 − p)¹² = {survival}, ровно столько, сколько задаёт введённый годовой отток. "
        "Делить годовой отток на 12 было бы неверно: при 50\u00a0% в год так через год осталось бы 60\u00a0%, "
        "а не 50\u00a0%."
    )


def clv_steps(result: AdvancedResult) -> list[str]:
    """CLV under the calculator's convention and the textbooks' one, with the numbers substituted."""
    inputs, conventions = result.inputs, result.conventions
    m = num(result.annual_margin)
    c, d = num(result.churn.yearly, 6), fraction(inputs.discount_rate)
    if result.unbounded:
        return [
            f"Отток и ставка дисконтирования равны нулю: знаменатель d + c = 0, и сумма маржи по годам не "
            f"ограничена. Берём горизонт H = {years(inputs.horizon_years)}: CLV = m × H = {m} × "
            f"{num(inputs.horizon_years)} = {money(result.clv)}."
        ]
    return [
        f"CLV = m × (1 + d) / (d + c) = {m} × (1 + {d}) / ({d} + {c}) = {money(conventions.start)}. Маржа "
        "приходит в начале каждого года, первая\u00a0— сразу при привлечении; до следующего года доживает доля "
        f"1 − c аккаунтов, а каждый следующий год дисконтируется делением на 1 + d ({FADER_HARDIE}, формула 1).",
        f"Учебники ({TEXTBOOKS}) считают маржу в конце каждого года, который аккаунт пережил: "
        f"CLV = m × (1 − c) / (d + c) = {money(conventions.end)}\u00a0— на одну годовую маржу меньше. "
        f"Третий вариант, маржа в конце каждого начатого года, m / (d + c) = {money(conventions.middle)} "
        f"(там же, формулы 2 и 3). Сравнивая с учебником, берите его соглашение.",
    ]


def payback_steps(result: AdvancedResult, acquisition: Acquisition) -> list[str]:
    """Both paybacks, with the exact «never» rule spelled out."""
    g = result.monthly_margin
    cac, payback, churned = acquisition.cac, acquisition.payback, acquisition.payback_churn
    if g <= 0:
        return [f"Валовая прибыль с аккаунта в месяц g = m / 12 = {money(g)}: не больше нуля, CAC не окупается."]
    simple = f"CAC / g = {num(cac)} / {num(g)}" + (
        f" = {months(payback.months)}" if payback.shown is not None else f": {payback.text}."
    )
    steps = [f"Валовая прибыль с аккаунта в месяц g = m / 12 = {money(g)}; окупаемость без учёта оттока {simple}"]
    p = result.churn.monthly
    if p == 0:
        return [*steps, "Оттока нет, поэтому окупаемость с учётом оттока та же."]
    text = (
        f"С учётом оттока: в n-м месяце платит доля (1 − p)ⁿ⁻¹ аккаунтов, p = {percent(p * 100, 4)}, и за "
        "n месяцев набирается g × (1 − (1 − p)ⁿ) / p валовой прибыли (без дисконтирования; внутри месяца "
        f"она копится равномерно). Эта сумма растёт к пределу g / p = {money(g / p)}, но не достигает его."
    )
    if churned.never:
        text += (
            " CAC не меньше этого предела, поэтому с учётом оттока он не окупается никогда. Равенство "
            "проверено точно, в рациональных числах, а не в округлённых."
        )
    elif churned.shown is None:
        text += f" CAC окупается больше чем за {years(MAX_PAYBACK_MONTHS // 12)}."
    else:
        text += f" CAC окупается за {months(churned.months)}"
    return [*steps, text]


def goal_figures(result: AdvancedResult, acquisition: Acquisition) -> tuple[list[Figure], str]:
    """The churn and the CAC at which CLV : CAC is exactly 3, as figures and a worked step."""
    unit = result.inputs.churn_unit
    churn = acquisition.churn_at_target
    label = f"Отток, при котором CLV : CAC = 3 ({'в месяц' if unit == 'month' else 'в год'})"
    if churn is None:
        churn_figure = Figure("churn_for_ltv_cac_3", label, None, "недостижимо")
        churn_text = "даже без оттока CLV : CAC не дотягивает до 3"
    elif churn >= 1:
        churn_figure = Figure("churn_for_ltv_cac_3", label, None, "при любом оттоке")
        churn_text = "CLV : CAC не ниже 3 даже при оттоке 100\u00a0% в год"
    else:
        shown = 100 * (monthly_from_yearly(churn) if unit == "month" else churn)
        churn_figure = Figure.number("churn_for_ltv_cac_3", label, shown, unit="%", decimals=2)
        churn_text = (
            f"CLV : CAC не ниже 3, пока годовой отток не выше {percent(churn * 100)} "
            f"({percent(monthly_from_yearly(churn) * 100)} в месяц): c = m × (1 + d) / (3 × CAC) − d"
        )
    cac_label = "CAC, при котором CLV : CAC = 3"
    if acquisition.cac_at_target is None:
        cac_figure = Figure("cac_for_ltv_cac_3", cac_label, None, "нет: CLV не положителен")
        cac_text = "CLV не положителен, поэтому никакой CAC не даёт 3:1"
    else:
        cac_figure = Figure.number("cac_for_ltv_cac_3", cac_label, acquisition.cac_at_target, unit="₽", decimals=0)
        cac_text = f"CAC не выше CLV / 3 = {money(acquisition.cac_at_target)}"
    return [churn_figure, cac_figure], f"Подбор под ориентир 3:1: {churn_text}; {cac_text}."


def cac_part(result: AdvancedResult, acquisition: Acquisition) -> tuple[list[Figure], list[str], str, list[str]]:
    """Figures, steps, summary sentence and notes that exist only when CAC is given."""
    cac, ratio = acquisition.cac, acquisition.ltv_cac
    payback, churned = acquisition.payback, acquisition.payback_churn
    verdict = ratio_verdict(ratio)
    benchmark = load_benchmarks()["cac_payback"]
    citation = f"{benchmark.text} ({benchmark.citation})"
    if payback.shown is None:
        comparison = f"CAC не окупается за разумный срок, а ориентир\u00a0— {citation}"
    elif meets(payback.months, benchmark):
        comparison = f"окупаемость укладывается в ориентир {citation}"
    else:
        comparison = f"окупаемость дольше ориентира {citation}"
    goals, goal_step = goal_figures(result, acquisition)
    steps = [
        f"CLV : CAC = {num(result.clv)} / {num(cac)} = {num(ratio)}\u00a0— {verdict}. Ориентир 3:1\u00a0— эмпирическое "
        f"правило венчурного инвестора ({SKOK}), а не измеренная норма.",
        *payback_steps(result, acquisition),
        goal_step,
        f"Сравнение с ориентиром (без учёта оттока, как его обычно считают): {comparison}.",
    ]
    figures = [
        Figure.number("ltv_cac", "CLV : CAC", ratio),
        Figure("verdict", "Ориентир 3:1 (эмпирическое правило)", None, verdict, hint=SKOK),
        payback_figure("payback_months", "Окупаемость CAC", payback),
        payback_figure("payback_months_churn", "Окупаемость с учётом оттока", churned),
        Figure(
            "cac_payback", "Ориентир окупаемости", benchmark.low, benchmark.text, decimals=0, hint=benchmark.citation
        ),
        *goals,
    ]
    summary = (
        f"CLV : CAC = {format_number(ratio)}\u00a0— {verdict}. Окупаемость CAC: {payback_words(payback)}, "
        f"с учётом оттока\u00a0— {payback_words(churned)}; {comparison}."
    )
    notes = []
    if result.unbounded:
        notes.append(f"CLV : CAC посчитан по марже за горизонт {years(result.inputs.horizon_years)}.")
    if any(item.shown is None and not item.never for item in (payback, churned)):
        notes.append(
            f"Срок окупаемости больше {years(MAX_PAYBACK_MONTHS // 12)} показан без числа: на таком горизонте "
            "расчёт теряет смысл."
        )
    return figures, steps, summary, notes


def advanced_report(result: AdvancedResult) -> Report:
    """Figures, chart, worked steps and caveats for the advanced form.

    Examples:
        >>> from calculators.clv.maths import AdvancedInputs, clv_advanced
        >>> report = advanced_report(clv_advanced(AdvancedInputs(12000, 80, 10, cac=24000)))
        >>> report.figure("clv").text, report.figure("clv_end_of_year").text, report.figure("payback_months").text
        ('96\\xa0000', '86\\xa0400', '30')
    """
    inputs = result.inputs
    steps = [
        f"Валовая прибыль с аккаунта за год: m = ARPA × маржа = {num(inputs.arpa)} × "
        f"{fraction(inputs.gross_margin)} = {money(result.annual_margin)}.",
        churn_step(result),
        f"Ставка дисконтирования d = {percent(inputs.discount_rate)} = {fraction(inputs.discount_rate)}.",
        *clv_steps(result),
    ]
    if result.lifetime_years is None:
        steps.append("Без оттока аккаунт не уходит, и средний срок его жизни не ограничен.")
        lifetime = Figure("lifetime_years", "Средний срок жизни, лет", None, "не ограничен")
    else:
        steps.append(
            f"Средний срок жизни аккаунта: 1 / c = 1 / {num(result.churn.yearly, 6)} = "
            f"{years(result.lifetime_years)}\u00a0— столько годовых платежей в среднем вносит аккаунт."
        )
        lifetime = Figure.number("lifetime_years", "Средний срок жизни, лет", result.lifetime_years)
    notes = []
    if result.unbounded:
        clv_figure = Figure.number(
            "clv",
            f"CLV за {years(inputs.horizon_years)}",
            result.clv,
            unit="₽",
            decimals=0,
            hint="без горизонта не ограничен",
        )
        summary = (
            f"Без оттока и дисконтирования CLV не ограничен; за {years(inputs.horizon_years)} аккаунт приносит "
            f"{money(result.clv)} валовой прибыли."
        )
        notes.append(
            "Без оттока и без дисконтирования сумма маржи по годам бесконечна, и у CLV нет конечного значения. "
            f"Калькулятор показывает маржу за горизонт {years(inputs.horizon_years)} (поле «Горизонт расчёта»). "
            "Задайте ставку дисконтирования, чтобы получить конечную оценку без горизонта."
        )
    else:
        clv_figure = Figure.number(
            "clv", "CLV (маржа в начале года)", result.clv, unit="₽", decimals=0, hint=FADER_HARDIE
        )
        summary = (
            f"CLV = {money(result.clv)}: столько валовой прибыли в среднем приносит один аккаунт, если маржа "
            f"приходит в начале года; по учебникам (маржа в конце года)\u00a0— {money(result.conventions.end)}."
        )
        if result.churn.yearly == 0:
            notes.append("Без оттока аккаунт не уходит никогда; CLV конечен только благодаря дисконтированию.")
    if result.annual_margin <= 0:
        notes.append(
            "Маржа не больше нуля: обслуживание клиента не приносит валовой прибыли, поэтому CLV не положителен, "
            "а затраты на привлечение не окупаются никогда."
        )
    figures = [
        clv_figure,
        Figure.number(
            "clv_end_of_year", "CLV по учебникам (маржа в конце года)", result.conventions.end, unit="₽", decimals=0
        ),
        lifetime,
        Figure.number("churn_yearly", "Годовой отток в расчёте", result.churn.yearly * 100, unit="%", decimals=2),
        Figure.number("churn_monthly", "Месячный отток в расчёте", result.churn.monthly * 100, unit="%", decimals=2),
    ]
    if result.acquisition is not None:
        cac_figures, cac_steps, cac_summary, cac_notes = cac_part(result, result.acquisition)
        figures += cac_figures
        steps += cac_steps
        summary += " " + cac_summary
        notes += cac_notes
    return Report(tuple(figures), summary, payback_chart(result), tuple(steps), tuple(notes))


def simple_report(result: SimpleResult) -> Report:
    """Figures, chart, worked steps and caveats for the simple form.

    Examples:
        >>> from calculators.clv.maths import SimpleInputs, clv_simple
        >>> simple_report(clv_simple(SimpleInputs(12000, 10))).figure("clv").data_value
        '120000'
    """
    inputs = result.inputs
    steps = [f"CLV = ARR × срок жизни = {num(inputs.arr)} × {num(inputs.lifetime_years)} = {money(result.clv)}."]
    figures = [
        Figure.number("clv", "CLV (выручка)", result.clv, unit="₽", decimals=0),
        Figure.number("lifetime_years", "Средний срок жизни, лет", inputs.lifetime_years),
    ]
    summary = f"За {years(inputs.lifetime_years)} клиент в среднем приносит {money(result.clv)} выручки."
    notes = [
        "Простая форма считает выручку, а не прибыль: маржа, отток по годам и дисконт в неё не входят. "
        "Окупаемость CAC считается только в расширенной форме."
    ]
    if inputs.cac is not None and result.ltv_cac is not None:
        verdict = ratio_verdict(result.ltv_cac)
        steps.append(f"CLV : CAC = {num(result.clv)} / {num(inputs.cac)} = {num(result.ltv_cac)}\u00a0— {verdict}.")
        figures += [
            Figure.number("ltv_cac", "CLV : CAC", result.ltv_cac),
            Figure("verdict", "Ориентир 3:1 (эмпирическое правило)", None, verdict, hint=SKOK),
        ]
        summary += f" CLV : CAC = {format_number(result.ltv_cac)}\u00a0— {verdict}."
        notes.append("По выручке CLV : CAC выходит выше, чем по валовой прибыли: сравнивайте с 3:1 осторожно.")
    return Report(tuple(figures), summary, revenue_chart(result), tuple(steps), tuple(notes))


def infinite_text(key: str) -> str:
    """How a range end without a number reads: an unbounded CLV or a payback that never comes.

    Examples:
        >>> infinite_text("clv"), infinite_text("payback_months")
        ('не ограничен', 'никогда')
    """
    return "никогда" if key.startswith("payback") else "не ограничен"
